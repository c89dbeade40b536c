"""The access area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.access.mutations import AccessMutation
from schema.access.queries import AccessQuery
from schema.access.types import ApiKeyType, UserType

__all__ = ["AccessMutation", "AccessQuery", "ApiKeyType", "UserType"]
