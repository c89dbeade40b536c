"""The access area's GraphQL queries."""

from __future__ import annotations

import strawberry

from domain import auth, organisation, permissions
from schema import ids
from schema.access.types import UserType, Viewer
from schema.context import Info
from schema.enums import Role
from schema.relay import Connection, connection


@strawberry.type
class AccessQuery:
    @strawberry.field(description="User accounts (ADMIN, AUDITOR).")
    async def users(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[UserType]:
        page = await auth.list_users(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, UserType.from_model)

    @strawberry.field(
        description="The caller: user or API key, roles, departments; null when anonymous."
    )
    async def viewer(self, info: Info) -> Viewer | None:
        actor = info.context.actor
        permissions.require_authenticated(actor)
        codes = await organisation.department_codes(list(actor.department_ids))
        return Viewer(
            kind=actor.kind,
            name=actor.name,
            roles=[Role(r.value) for r in actor.roles],
            department_codes=codes,
            practitioner_id=actor.practitioner_id,
        )
