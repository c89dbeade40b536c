"""GraphQL names for the domain's enums, registered once before any type uses them."""

from __future__ import annotations

import strawberry

from domain.actors import Role
from domain.decision import ReasonCode, Setting, Severity
from domain.errors import ErrorCode
from domain.organisation import PractitionerStatus, Title
from domain.privileges import Scope, Status

strawberry.enum(Role, name="Role")
strawberry.enum(Title, name="Title")
strawberry.enum(PractitionerStatus, name="PractitionerStatus")
strawberry.enum(Scope, name="PrivilegeScope")
strawberry.enum(Status, name="PrivilegeStatus")
strawberry.enum(Severity, name="Severity")
strawberry.enum(ReasonCode, name="DecisionReasonCode")
strawberry.enum(Setting, name="Setting")
strawberry.enum(
    ErrorCode,
    name="UserErrorCode",
    description="Machine-readable error codes, shared with the domain layer.",
)

PrivilegeScope = Scope
PrivilegeStatus = Status
DecisionReasonCode = ReasonCode
UserErrorCode = ErrorCode

__all__ = [
    "DecisionReasonCode",
    "PractitionerStatus",
    "PrivilegeScope",
    "PrivilegeStatus",
    "Role",
    "Setting",
    "Severity",
    "Title",
    "UserErrorCode",
]
