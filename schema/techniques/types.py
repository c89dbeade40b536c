"""Technique admission, filing and the holiday calendar."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

import strawberry

from domain import calendar as holiday_calendars
from domain import techniques
from domain.actors import Actor
from domain.techniques import (
    CalendarEntry,
    CalendarSource,
    TechniqueApproval,
)
from models import Technique
from schema import ids
from schema.catalogue import TechniqueType
from schema.context import Info
from schema.enums import CalendarOrigin, TechniqueCategory, TechniqueStatus
from schema.errors import UserError, attempt, mutation_payload
from schema.privileges import CommitteeDecisionInput, _committee
from schema.relay import Connection, connection


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


@strawberry.type
class TechniquePayload:
    technique: TechniqueType | None
    user_errors: list[UserError]


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


@strawberry.type
class SetHolidaysPayload:
    days_stored: int | None = strawberry.field(description="Days stored; null when refused.")
    user_errors: list[UserError]


async def _payload(run: Callable[[], Awaitable[Technique]]) -> TechniquePayload:
    return await mutation_payload(TechniquePayload, "technique", run, TechniqueType.from_model)


async def _transition(
    info: Info,
    input: TechniqueTransitionInput,
    operation: Callable[[Actor, int, int, str], Awaitable[Technique]],
) -> TechniquePayload:
    """suspend, reinstate and stop: the same input, one shape of call."""
    return await _payload(
        lambda: operation(
            info.context.actor,
            ids.decode(input.id, "Technique"),
            input.expected_version,
            input.reason,
        )
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
                filing_due_on=d.technique.filing_due_on,  # type: ignore[arg-type]
                filing_due_on_provisional=d.technique.filing_due_on_provisional,
                overdue=d.overdue,
                working_days_left=d.working_days_left,
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
class TechniqueMutation:
    @strawberry.mutation(description="Propose a technique (ADMIN).")
    async def create_technique(self, info: Info, input: CreateTechniqueInput) -> TechniquePayload:
        return await _payload(
            lambda: techniques.create_technique(
                info.context.actor,
                code=input.code,
                name=input.name,
                category=input.category.value,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Approve a proposed technique, with the committee decision (COMMITTEE, ADMIN)."
    )
    async def approve_technique(self, info: Info, input: ApproveTechniqueInput) -> TechniquePayload:
        async def run() -> Technique:
            decision = _committee(input.decision)
            assert decision is not None
            return await techniques.approve_technique(
                info.context.actor,
                ids.decode(input.id, "Technique"),
                input.expected_version,
                TechniqueApproval(
                    decision=decision,
                    lead_staff_no=input.lead_staff_no,
                    lead_id=ids.decode_optional(input.lead_id, "Practitioner", "leadId"),
                    ethics_approval_ref=input.ethics_approval_ref,
                ),
            )

        return await _payload(run)

    @strawberry.mutation(description="R21: record the first clinical use (cases do it too).")
    async def record_technique_first_use(
        self, info: Info, input: TechniqueFirstUseInput
    ) -> TechniquePayload:
        return await _payload(
            lambda: techniques.record_first_clinical_use(
                info.context.actor,
                ids.decode(input.id, "Technique"),
                input.expected_version,
                input.on,
            )
        )

    @strawberry.mutation(
        description="Correct the first clinical use when the case that set it was entered "
        "with a wrong date (ADMIN, audited with the reason); recomputes the filing deadline."
    )
    async def correct_first_clinical_use(
        self, info: Info, input: CorrectFirstClinicalUseInput
    ) -> TechniquePayload:
        return await _payload(
            lambda: techniques.correct_first_clinical_use(
                info.context.actor,
                ids.decode(input.id, "Technique"),
                input.expected_version,
                input.performed_on,
                input.reason,
            )
        )

    @strawberry.mutation(description="Record the filing (备案) of a restricted technique.")
    async def file_technique(self, info: Info, input: FileTechniqueInput) -> TechniquePayload:
        return await _payload(
            lambda: techniques.file_technique(
                info.context.actor,
                ids.decode(input.id, "Technique"),
                input.expected_version,
                filed_on=input.filed_on,
                filing_number=input.filing_number,
            )
        )

    @strawberry.mutation(description="Suspend a technique: its procedures are blocked (R24).")
    async def suspend_technique(
        self, info: Info, input: TechniqueTransitionInput
    ) -> TechniquePayload:
        return await _transition(info, input, techniques.suspend_technique)

    @strawberry.mutation(description="Lift a technique's suspension.")
    async def reinstate_technique(
        self, info: Info, input: TechniqueTransitionInput
    ) -> TechniquePayload:
        return await _transition(info, input, techniques.reinstate_technique)

    @strawberry.mutation(description="Stop a technique for good (R24).")
    async def stop_technique(self, info: Info, input: TechniqueTransitionInput) -> TechniquePayload:
        return await _transition(info, input, techniques.stop_technique)

    @strawberry.mutation(description="Replace the holiday calendar between from and to.")
    async def set_holidays(self, info: Info, input: SetHolidaysInput) -> SetHolidaysPayload:
        stored, errors = await attempt(
            techniques.set_holidays(
                info.context.actor,
                start=input.from_,
                end=input.to,
                holidays=[CalendarEntry(d.date, d.name) for d in input.holidays],
                workdays_list=[CalendarEntry(d.date, d.name) for d in input.workdays],
                source=CalendarSource(
                    input.source.title, input.source.document_number, input.source.published_on
                )
                if input.source
                else None,
            )
        )
        return SetHolidaysPayload(days_stored=stored, user_errors=errors)


@strawberry.input(description="A new lead for a technique (R23).")
class SetTechniqueLeadInput:
    id: strawberry.ID
    expected_version: int
    lead_staff_no: str | None = None
    lead_id: strawberry.ID | None = None
    reason: str | None = None


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


@strawberry.type
class TechniqueLeadMutation:
    @strawberry.mutation(description="Name a new technique lead (an ACTIVE practitioner).")
    async def set_technique_lead(
        self, info: Info, input: SetTechniqueLeadInput
    ) -> TechniquePayload:
        async def run() -> Technique:
            return await techniques.set_technique_lead(
                info.context.actor,
                ids.decode(input.id, "Technique"),
                input.expected_version,
                lead_staff_no=input.lead_staff_no,
                lead_id=ids.decode_optional(input.lead_id, "Practitioner", "leadId"),
                reason=input.reason,
            )

        return await _payload(run)
