"""The techniques area's GraphQL mutations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

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
from schema.errors import UserError, attempt, mutation_payload
from schema.privileges import _committee
from schema.techniques.inputs import (
    ApproveTechniqueInput,
    CorrectFirstClinicalUseInput,
    CreateTechniqueInput,
    FileTechniqueInput,
    SetHolidaysInput,
    SetTechniqueLeadInput,
    TechniqueFirstUseInput,
    TechniqueTransitionInput,
)


@strawberry.type
class TechniquePayload:
    technique: TechniqueType | None
    user_errors: list[UserError]


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
