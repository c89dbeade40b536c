"""The privileges area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.privileges.types import (
    CommitteeDecisionInput,
    CommitteeDecisionType,
    GrantTemporaryPrivilegeInput,
    PrivilegeMutation,
    PrivilegeQuery,
    PrivilegeType,
    RequestPrivilegeInput,
    _committee,
)

__all__ = [
    "CommitteeDecisionInput",
    "CommitteeDecisionType",
    "GrantTemporaryPrivilegeInput",
    "PrivilegeMutation",
    "PrivilegeQuery",
    "PrivilegeType",
    "RequestPrivilegeInput",
    "_committee",
]
