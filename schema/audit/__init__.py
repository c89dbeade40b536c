"""The audit area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.audit.queries import AuditQuery
from schema.audit.types import AuditEvent, history_of

__all__ = ["AuditEvent", "AuditQuery", "history_of"]
