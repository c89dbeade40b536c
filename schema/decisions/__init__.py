"""The decisions area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.decisions.types import DecisionQuery, PrivilegeCheckInput, PrivilegeDecision, to_check

__all__ = ["DecisionQuery", "PrivilegeCheckInput", "PrivilegeDecision", "to_check"]
