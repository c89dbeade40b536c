"""The cases area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.cases.mutations import CaseMutation
from schema.cases.queries import CaseQuery
from schema.cases.types import CaseRecordType, CaseStatsType

__all__ = ["CaseMutation", "CaseQuery", "CaseRecordType", "CaseStatsType"]
