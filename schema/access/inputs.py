"""The access area's GraphQL inputs."""

from __future__ import annotations

from datetime import datetime

import strawberry

from schema.enums import Role


@strawberry.input(description="A person's credentials.")
class LoginInput:
    username: str = strawberry.field(description="The login name.")
    password: str = strawberry.field(
        description="The password; five failures in a row lock the account for 15 minutes."
    )


@strawberry.input(description="A new login account (ADMIN).")
class CreateUserInput:
    username: str = strawberry.field(description="Login name, unique.")
    password: str = strawberry.field(
        description="15 to 128 characters, not containing the username, not a common "
        "password (WEAK_PASSWORD)."
    )
    roles: list[Role] = strawberry.field(description="What the user may do.")
    department_codes: list[str] | None = strawberry.field(
        default=None, description="Departments a DEPARTMENT_HEAD is scoped to."
    )
    practitioner_staff_no: str | None = strawberry.field(
        default=None, description="Links a PRACTITIONER user to their practitioner record."
    )
    idempotency_key: str | None = None
    institution_codes: list[str] | None = strawberry.field(
        default=None,
        description="Institutions the user acts for (ADMIN, AUDITOR, ... of those only); "
        "none: every institution. Ignored for GROUP_ADMIN.",
    )


@strawberry.input(description="Stop a user's logins and sessions (ADMIN).")
class DeactivateUserInput:
    id: strawberry.ID
    expected_version: int
    reason: str | None = None


@strawberry.input(description="Let a deactivated user log in again (ADMIN).")
class ReactivateUserInput:
    id: strawberry.ID
    expected_version: int


@strawberry.input(description="A user's new roles, scope and practitioner link (ADMIN).")
class SetUserRolesInput:
    id: strawberry.ID
    expected_version: int
    roles: list[Role] = strawberry.field(description="The complete new set of roles.")
    department_codes: list[str] | None = strawberry.field(
        default=None, description="The complete new department scope (heads)."
    )
    practitioner_staff_no: str | None = strawberry.field(
        default=None, description="The practitioner the user is, if any."
    )
    reason: str | None = None


@strawberry.input(description="A new API key (ADMIN).")
class CreateApiKeyInput:
    name: str = strawberry.field(description="What the key is for, e.g. OR scheduling (手麻系统).")
    roles: list[Role] = strawberry.field(description="SCHEDULER and/or AUDITOR only.")
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working; default 365 days, at most 3 years."
    )
    idempotency_key: str | None = None
    institution_codes: list[str] | None = strawberry.field(
        default=None,
        description="The institutions the key answers for (e.g. a member hospital's OR "
        "system); none: every institution. A bound admin binds within its own.",
    )


@strawberry.input(description="Stop an API key at once (ADMIN).")
class RevokeApiKeyInput:
    id: strawberry.ID
    reason: str | None = None
