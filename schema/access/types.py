"""Login, logout, the viewer, users and API keys."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain import organisation, privileges
from domain.pagination import MAX_PAGE_SIZE
from domain.privileges import PrivilegeFilter
from models import ApiKey, User
from schema import ids
from schema.context import Info
from schema.enums import PrivilegeStatus, Role
from schema.organisation import PractitionerType
from schema.privileges import PrivilegeType
from schema.relay import Node


@strawberry.type(
    name="User", description="A person's login account, with roles and department scope."
)
class UserType(Node):
    username: str = strawberry.field(description="Login name, unique.")
    roles: list[Role] = strawberry.field(description="What the user may do; read on every request.")
    active: bool = strawberry.field(
        description="False after deactivateUser: no logins, sessions ended."
    )
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_model(cls, user: User) -> UserType:
        return cls(
            id=strawberry.ID(ids.encode("User", user.id)),
            username=user.username,
            roles=[Role(r) for r in user.roles],
            active=user.active,
            created_at=user.created_at,
            updated_at=user.updated_at,
            version=user.version,
        )


@strawberry.type(
    name="ApiKey",
    description="A machine credential (crk_<prefix>_<secret>) for OR-scheduling "
    "systems and audit tools; only SCHEDULER and/or AUDITOR.",
)
class ApiKeyType(Node):
    name: str = strawberry.field(description="What the key is for, e.g. OR scheduling (手麻系统).")
    prefix: str = strawberry.field(
        description="The key's public prefix, to recognise it in logs; the secret is "
        "never shown again."
    )
    roles: list[Role] = strawberry.field(description="SCHEDULER and/or AUDITOR.")
    expires_at: datetime | None = strawberry.field(
        description="When the key stops working (default 365 days, at most 3 years)."
    )
    revoked_at: datetime | None = strawberry.field(
        description="When revokeApiKey stopped it; null while usable."
    )
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a request."
    )
    created_at: datetime
    version: int

    @classmethod
    def from_model(cls, key: ApiKey) -> ApiKeyType:
        return cls(
            id=strawberry.ID(ids.encode("ApiKey", key.id)),
            name=key.name,
            prefix=key.prefix,
            roles=[Role(r) for r in key.roles],
            expires_at=key.expires_at,
            revoked_at=key.revoked_at,
            last_used_at=key.last_used_at,
            created_at=key.created_at,
            version=key.version,
        )


@strawberry.type(description="Who the server thinks the caller is.")
class Viewer:
    kind: str = strawberry.field(description="user or api_key")
    name: str = strawberry.field(description="The username, or the API key's name.")
    roles: list[Role] = strawberry.field(description="The caller's roles.")
    department_codes: list[str] = strawberry.field(
        description="Departments a DEPARTMENT_HEAD is scoped to; empty otherwise."
    )
    practitioner_id: strawberry.Private[int | None]

    @strawberry.field(description="The practitioner record linked to this user, if any.")
    async def practitioner(self, info: Info) -> PractitionerType | None:
        if self.practitioner_id is None:
            return None
        found = await organisation.get_practitioner(
            info.context.actor, practitioner_id=self.practitioner_id
        )
        return PractitionerType.from_model(found) if found else None

    @strawberry.field(description="Your own privileges (users linked to a practitioner).")
    async def privileges(
        self, info: Info, status: list[PrivilegeStatus] | None = None
    ) -> list[PrivilegeType]:
        if self.practitioner_id is None:
            return []
        page = await privileges.list_privileges(
            info.context.actor,
            PrivilegeFilter(
                practitioner_id=self.practitioner_id,
                statuses=[s.value for s in status or []],
            ),
            first=MAX_PAGE_SIZE,
            after=None,
        )
        return [PrivilegeType.from_model(p) for p in page.items]
