"""The privileges area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.privileges.inputs import (
    CommitteeDecisionInput,
    GrantTemporaryPrivilegeInput,
    RequestPrivilegeInput,
)
from schema.privileges.mutations import PrivilegeMutation, _committee
from schema.privileges.queries import PrivilegeQuery
from schema.privileges.types import CommitteeDecisionType, PrivilegeType

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
