"""The techniques area's GraphQL inputs."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import TechniqueCategory, TechniqueStatus
from schema.privileges import CommitteeDecisionInput


@strawberry.input(description="Which techniques to list.")
class TechniqueFilterInput:
    category: TechniqueCategory | None = strawberry.field(
        default=None, description="Only this category."
    )
    status: TechniqueStatus | None = strawberry.field(default=None, description="Only this status.")


@strawberry.input(description="A proposed technique (ADMIN); starts PROPOSED.")
class CreateTechniqueInput:
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Technique name.")
    category: TechniqueCategory = strawberry.field(description="Regulatory class.")
    idempotency_key: str | None = None


@strawberry.input(description="The committee's approval of a proposed technique.")
class ApproveTechniqueInput:
    id: strawberry.ID
    expected_version: int
    decision: CommitteeDecisionInput
    lead_staff_no: str | None = None
    lead_id: strawberry.ID | None = None
    ethics_approval_ref: str | None = strawberry.field(
        default=None, description="Reference of the ethics approval."
    )


@strawberry.input(description="The technique's filing (备案) with the health authority.")
class FileTechniqueInput:
    id: strawberry.ID
    expected_version: int
    filed_on: date = strawberry.field(description="Day it was filed.")
    filing_number: str = strawberry.field(description="The filing's reference number.")


@strawberry.input(description="The first clinical use of an approved technique (R21).")
class TechniqueFirstUseInput:
    id: strawberry.ID
    expected_version: int
    on: date = strawberry.field(description="Day of first clinical use.")


@strawberry.input(description="A suspension, reinstatement or stop of a technique (ADMIN).")
class TechniqueTransitionInput:
    id: strawberry.ID
    expected_version: int
    reason: str


@strawberry.input(description="One day of a holiday calendar.")
class CalendarDayInput:
    date: date = strawberry.field(
        description="The date that is a holiday (or a make-up working day)."
    )
    name: str = strawberry.field(default="", description="The holiday's name, e.g. 春节.")


@strawberry.input(description="The notice a year's holiday schedule comes from.")
class CalendarSourceInput:
    title: str = strawberry.field(default="", description="The notice's title.")
    document_number: str = strawberry.field(
        default="", description="Its document number, e.g. 国办发明电〔2025〕7号."
    )
    published_on: date | None = strawberry.field(default=None, description="Day it was published.")


@strawberry.input(description="A corrected first-use date (ADMIN).")
class CorrectFirstClinicalUseInput:
    id: strawberry.ID
    expected_version: int
    performed_on: date = strawberry.field(description="The correct day of first clinical use.")
    reason: str


@strawberry.input(description="A replacement for a date range of the holiday calendar (ADMIN).")
class SetHolidaysInput:
    from_: date = strawberry.field(name="from", description="First day replaced.")
    to: date = strawberry.field(description="Last day replaced.")
    holidays: list[CalendarDayInput] = strawberry.field(description="The holidays in the range.")
    workdays: list[CalendarDayInput] = strawberry.field(
        default_factory=list, description="Weekend dates that are working days (调休)."
    )
    source: CalendarSourceInput | None = strawberry.field(
        default=None, description="The notice, when the range spans whole years."
    )


@strawberry.input(description="A new lead for a technique (R23).")
class SetTechniqueLeadInput:
    id: strawberry.ID
    expected_version: int
    lead_staff_no: str | None = None
    lead_id: strawberry.ID | None = None
    reason: str | None = None
