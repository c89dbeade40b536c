"""The cases area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.cases.types import CaseMutation, CaseQuery, CaseRecordType, CaseStatsType

__all__ = ["CaseMutation", "CaseQuery", "CaseRecordType", "CaseStatsType"]
