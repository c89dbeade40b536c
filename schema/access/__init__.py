"""The access area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.access.types import AccessMutation, AccessQuery, ApiKeyType, UserType

__all__ = ["AccessMutation", "AccessQuery", "ApiKeyType", "UserType"]
