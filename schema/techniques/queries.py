"""The techniques area's GraphQL queries."""

from __future__ import annotations

import strawberry

from domain import calendar as holiday_calendars
from domain import techniques
from schema import ids
from schema.catalogue import TechniqueType
from schema.context import Info
from schema.enums import CalendarOrigin
from schema.institutions.types import InstitutionNode
from schema.relay import Connection, connection
from schema.techniques.inputs import TechniqueFilterInput
from schema.techniques.types import (
    CalendarDay,
    CalendarSourceType,
    HolidayCalendar,
    TechniqueFilingDue,
)


@strawberry.type
class TechniqueQuery:
    @strawberry.field(description="Medical techniques.")
    async def techniques(
        self,
        info: Info,
        filter: TechniqueFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[TechniqueType]:
        f = filter or TechniqueFilterInput()
        page = await techniques.list_techniques(
            info.context.actor,
            first,
            ids.decode_cursor(after),
            category=f.category.value if f.category else None,
            status=f.status.value if f.status else None,
        )
        return connection(page, TechniqueType.from_model)

    @strawberry.field(
        description="Restricted techniques whose filing (备案) is due within that "
        "many days, overdue ones first."
    )
    async def technique_filings_due(
        self, info: Info, within_days: int = 15
    ) -> list[TechniqueFilingDue]:
        due = await techniques.filings_due(info.context.actor, within_days)
        return [
            TechniqueFilingDue(
                technique=TechniqueType.from_model(d.technique),
                filing_due_on=d.filing_due_on,  # type: ignore[arg-type]
                filing_due_on_provisional=d.filing_due_on_provisional,
                overdue=d.overdue,
                working_days_left=d.working_days_left,
                institution=InstitutionNode.from_model(d.institution) if d.institution else None,
            )
            for d in due
        ]

    @strawberry.field(description="Restricted techniques filed after their filing deadline.")
    async def techniques_filed_late(self, info: Info) -> list[TechniqueType]:
        rows = await techniques.late_filings(info.context.actor)
        return [TechniqueType.from_model(t) for t in rows]

    @strawberry.field(
        description="A year's holidays, make-up working days (调休) and the notice they come from."
    )
    async def holiday_calendar(self, info: Info, year: int) -> HolidayCalendar:
        found = await holiday_calendars.holiday_calendar(info.context.actor, year)
        source = found.source
        return HolidayCalendar(
            year=found.year,
            covered=found.covered,
            origin=CalendarOrigin(found.origin) if found.origin else None,
            source=CalendarSourceType(
                title=source.title,
                document_number=source.document_number,
                published_on=source.published_on,
            )
            if source
            else None,
            holidays=[CalendarDay(date=d.day, name=d.name) for d in found.holidays],
            workdays=[CalendarDay(date=d.day, name=d.name) for d in found.workdays],
        )


@strawberry.type
class TechniqueLeadQuery:
    @strawberry.field(
        description="Techniques whose lead is no longer an ACTIVE practitioner (flagged "
        "until a new lead is set)."
    )
    async def techniques_with_inactive_lead(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[TechniqueType]:
        page = await techniques.techniques_with_inactive_lead(
            info.context.actor, first, ids.decode_cursor(after)
        )
        return connection(page, TechniqueType.from_model)
