"""Technique admission, filing and the holiday calendar."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.catalogue import TechniqueType
from schema.enums import CalendarOrigin
from schema.institutions.types import InstitutionNode


@strawberry.type(description="A restricted technique with its filing deadline.")
class TechniqueFilingDue:
    technique: TechniqueType = strawberry.field(description="The technique to file.")
    filing_due_on: date = strawberry.field(description="The filing deadline (R22).")
    filing_due_on_provisional: bool = strawberry.field(
        description="The deadline runs into a year whose holiday schedule is not loaded."
    )
    overdue: bool = strawberry.field(description="The deadline has passed unfiled.")
    working_days_left: int = strawberry.field(
        description="Working days until the deadline; negative when overdue."
    )
    institution: InstitutionNode | None = strawberry.field(
        default=None,
        description="Whose filing: the technique's own institution or one that admitted it.",
    )


@strawberry.type(
    name="CalendarSource",
    description="The notice a year's holiday schedule comes from "
    "(国务院办公厅关于…部分节假日安排的通知).",
)
class CalendarSourceType:
    title: str = strawberry.field(description="The notice's title.")
    document_number: str = strawberry.field(
        description="Its document number, e.g. 国办发明电〔2025〕7号."
    )
    published_on: date | None = strawberry.field(description="Day it was published.")


@strawberry.type(description="One day of a holiday calendar.")
class CalendarDay:
    date: date = strawberry.field(
        description="The date that is a holiday (or a make-up working day)."
    )
    name: str = strawberry.field(description="The holiday's name, e.g. 春节.")


@strawberry.type(
    description="One year's official holidays and make-up working days, used for "
    "working-day deadlines (R22)."
)
class HolidayCalendar:
    year: int = strawberry.field(description="The calendar year.")
    covered: bool = strawberry.field(
        description="The year's schedule is loaded: filing deadlines into it are final."
    )
    origin: CalendarOrigin | None = strawberry.field(
        description="Where the year's schedule comes from: OFFICIAL (shipped) or LOCAL; null "
        "when nothing is loaded for the year."
    )
    source: CalendarSourceType | None = strawberry.field(
        description="The notice the schedule comes from."
    )
    holidays: list[CalendarDay] = strawberry.field(
        description="Public holidays (法定节假日及调休放假日)."
    )
    workdays: list[CalendarDay] = strawberry.field(
        description="Weekend dates that are working days (调休)."
    )
