"""The cases area's GraphQL mutations."""

from __future__ import annotations

import strawberry

from domain import cases
from domain.cases import CaseInput
from domain.quality.case_facts import CaseFacts
from models import CaseRecord, EmergencyOverride
from schema import ids
from schema.cases.inputs import RecordCaseInput, ReviewEmergencyOverrideInput
from schema.cases.types import CaseRecordType, EmergencyOverrideType
from schema.context import Info
from schema.convert import domain_input
from schema.errors import UserError, attempt, mutation_payload


@strawberry.type
class CaseRecordPayload:
    case_record: CaseRecordType | None
    emergency_override: EmergencyOverrideType | None = strawberry.field(
        description="The override review opened for an emergency case done outside privilege."
    )
    user_errors: list[UserError]


@strawberry.type
class EmergencyOverridePayload:
    emergency_override: EmergencyOverrideType | None
    user_errors: list[UserError]


# The global ids a CaseInput takes, with the type each must name.
_CASE_IDS = {"practitioner_id": "Practitioner", "site_id": "Site", "supervisor_id": "Practitioner"}


@strawberry.type
class CaseMutation:
    @strawberry.mutation(description="Idempotent by externalRef per reporting client (R40).")
    async def record_case(self, info: Info, input: RecordCaseInput) -> CaseRecordPayload:
        async def run() -> CaseRecord:
            return await cases.record_case(
                info.context.actor,
                domain_input(
                    CaseInput,
                    input,
                    global_ids=_CASE_IDS,
                    facts=domain_input(CaseFacts, input),
                ),
            )

        case, errors = await attempt(run())
        if case is None:
            return CaseRecordPayload(case_record=None, emergency_override=None, user_errors=errors)
        # Only an emergency case opens an override (R41): no read for the others.
        override = (
            await EmergencyOverride.get_or_none(case_record_id=case.id) if case.emergency else None
        )
        return CaseRecordPayload(
            case_record=CaseRecordType.from_model(case),
            emergency_override=EmergencyOverrideType.from_model(override) if override else None,
            user_errors=[],
        )

    @strawberry.mutation(description="Review an emergency override (COMMITTEE, ADMIN).")
    async def review_emergency_override(
        self, info: Info, input: ReviewEmergencyOverrideInput
    ) -> EmergencyOverridePayload:
        async def run() -> EmergencyOverride:
            return await cases.review_emergency_override(
                info.context.actor,
                ids.decode(input.id, "EmergencyOverride"),
                input.expected_version,
                "JUSTIFIED" if input.justified else "UNJUSTIFIED",
                input.note,
            )

        return await mutation_payload(
            EmergencyOverridePayload, "emergency_override", run, EmergencyOverrideType.from_model
        )
