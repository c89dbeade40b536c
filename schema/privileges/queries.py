"""The privileges area's GraphQL queries."""

from __future__ import annotations

import functools
from datetime import datetime

import strawberry

from domain import history, privileges
from domain.privileges import PrivilegeFilter
from schema import ids
from schema.context import Info
from schema.privileges.inputs import PrivilegeFilterInput
from schema.privileges.types import PrivilegeType
from schema.relay import Connection, connection


@strawberry.type
class PrivilegeQuery:
    @strawberry.field(description="Privileges you may see.")
    async def privileges(
        self,
        info: Info,
        filter: PrivilegeFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        known_at: datetime | None = None,
    ) -> Connection[PrivilegeType]:
        f = filter or PrivilegeFilterInput()
        lister = privileges.list_privileges
        if known_at is not None:  # as the registry stood then (auditors)
            lister = functools.partial(history.list_privileges_at, moment=known_at)
        page = await lister(
            info.context.actor,
            PrivilegeFilter(
                practitioner_id=ids.decode_optional(
                    f.practitioner_id, "Practitioner", "practitionerId"
                ),
                practitioner_staff_no=f.practitioner_staff_no,
                statuses=[s.value for s in f.status or []],
                scope=f.scope.value if f.scope else None,
                site_code=f.site_code,
                department_code=f.department_code,
                valid_on=f.valid_on,
                institution_code=f.institution_code,
                temporary=f.temporary,
            ),
            first,
            ids.decode_cursor(after),
        )
        return connection(page, PrivilegeType.from_model)

    @strawberry.field(description="ACTIVE privileges ending within that many days from today.")
    async def expiring_privileges(
        self, info: Info, within_days: int, first: int | None = None, after: str | None = None
    ) -> Connection[PrivilegeType]:
        page = await privileges.expiring_privileges(
            info.context.actor, within_days, first, ids.decode_cursor(after)
        )
        return connection(page, PrivilegeType.from_model)
