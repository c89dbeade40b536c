"""The organisation area's GraphQL queries."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import strawberry

from domain import organisation
from domain.organisation import PractitionerFilter
from schema import ids
from schema.context import Info
from schema.relay import Connection, connection

if TYPE_CHECKING:
    pass
from schema.organisation.inputs import PractitionerFilterInput
from schema.organisation.types import DepartmentType, PractitionerType, SiteType, SpecialtyType


def _value(member: Enum | None) -> str | None:
    return None if member is None else str(member.value)


@strawberry.type
class OrganisationQuery:
    @strawberry.field(description="Every site.")
    async def sites(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[SiteType]:
        page = await organisation.list_sites(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, SiteType.from_model)

    @strawberry.field(description="Every specialty.")
    async def specialties(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[SpecialtyType]:
        page = await organisation.list_specialties(
            info.context.actor, first, ids.decode_cursor(after)
        )
        return connection(page, SpecialtyType.from_model)

    @strawberry.field(description="Departments, optionally of one site or day-surgery admission.")
    async def departments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        site_code: str | None = None,
        day_surgery_approved: bool | None = None,
    ) -> Connection[DepartmentType]:
        page = await organisation.list_departments(
            info.context.actor, first, ids.decode_cursor(after), site_code, day_surgery_approved
        )
        return connection(page, DepartmentType.from_model)

    @strawberry.field(description="Practitioners you may see (heads: their departments).")
    async def practitioners(
        self,
        info: Info,
        filter: PractitionerFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PractitionerType]:
        f = filter or PractitionerFilterInput()
        page = await organisation.list_practitioners(
            info.context.actor,
            PractitionerFilter(
                institution_code=f.institution_code,
                group_code=f.group_code,
                category=_value(f.category),
                department_code=f.department_code,
                specialty_code=f.specialty_code,
                status=_value(f.status),
                title=_value(f.title),
                search=f.search,
            ),
            first,
            ids.decode_cursor(after),
        )
        return connection(page, PractitionerType.from_model)

    @strawberry.field(
        description="One practitioner by staff number; null if absent or not visible."
    )
    async def practitioner(self, info: Info, staff_no: str) -> PractitionerType | None:
        found = await organisation.get_practitioner(info.context.actor, staff_no=staff_no)
        return PractitionerType.from_model(found) if found else None
