"""The decisions area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.decisions.inputs import PrivilegeCheckInput
from schema.decisions.queries import DecisionQuery, to_check
from schema.decisions.types import PrivilegeDecision

__all__ = ["DecisionQuery", "PrivilegeCheckInput", "PrivilegeDecision", "to_check"]
