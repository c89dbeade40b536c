"""Case records, emergency overrides and the MDT-completion figure."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from domain import cases, organisation
from domain.cases import CaseInput
from domain.quality.case_facts import CaseFacts
from models import CaseRecord, EmergencyOverride
from schema import ids
from schema.context import Info
from schema.convert import domain_input
from schema.enums import EmergencyOverrideStatus, Setting
from schema.errors import UserError, attempt, mutation_payload
from schema.organisation import PractitionerType
from schema.relay import Connection, Node, connection


@strawberry.type(
    name="CaseRecord", description="A performed operation reported by a scheduling system (R40)."
)
class CaseRecordType(Node):
    external_ref: str = strawberry.field(
        description="The reporting system's reference, unique per client."
    )
    procedure_code: str = strawberry.field(description="The procedure performed.")
    grade: int = strawberry.field(description="The procedure's effective grade on that day.")
    performed_on: date = strawberry.field(description="Day performed.")
    performed_at: datetime | None = strawberry.field(description="Time performed, if reported.")
    setting: Setting = strawberry.field(description="Where performed.")
    emergency: bool = strawberry.field(description="An emergency (急诊).")
    mdt_discussed: bool = strawberry.field(
        description="Discussed by an MDT before the operation (R42)."
    )
    complication: bool = strawberry.field(description="A complication occurred.")
    death: bool = strawberry.field(description="The patient died.")
    unplanned_reoperation: bool = strawberry.field(description="An unplanned reoperation followed.")
    adverse_event: bool = strawberry.field(description="An adverse event occurred.")
    created_at: datetime
    practitioner_id: strawberry.Private[int]
    out_of_privilege: bool = strawberry.field(
        default=False,
        description="Not allowed at performedOn and not an emergency (越级手术).",
    )
    out_of_privilege_reasons: list[str] = strawberry.field(
        default_factory=list,
        description="The blocking reason codes of the decision at performedOn.",
    )
    started_at: datetime | None = strawberry.field(
        default=None, description="When the operation started."
    )
    ended_at: datetime | None = strawberry.field(default=None, description="When it ended.")
    mdt_discussed_at: datetime | None = strawberry.field(
        default=None, description="When the preoperative MDT took place."
    )
    mdt_timely: bool = strawberry.field(
        default=False,
        description="The MDT counts for 四级手术术前多学科讨论完成率: it took place, and not "
        "after the surgical order or the consent.",
    )
    consent_at: datetime | None = strawberry.field(
        default=None, description="When the consent was signed."
    )
    ordered_at: datetime | None = strawberry.field(
        default=None, description="When the surgical order was given."
    )
    unplanned_readmission_31d: bool = strawberry.field(
        default=False, description="Unplanned readmission within 31 days."
    )
    adverse_event_grade: int | None = strawberry.field(
        default=None, description="Adverse-event grade 1-4, if any."
    )
    planned_operator_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The planned operator (计划术者), when known.")
    async def planned_operator(self, info: Info) -> PractitionerType | None:
        if self.planned_operator_id is None:
            return None
        # Another department's surgeon may be the planned one: read within the reader's scope.
        found = await organisation.get_practitioner(
            info.context.actor, practitioner_id=self.planned_operator_id
        )
        return PractitionerType.from_model(found) if found else None

    @strawberry.field(description="The operating surgeon (主刀) the case counts for.")
    async def practitioner(self, info: Info) -> PractitionerType:
        loaders = info.context.loaders
        return PractitionerType.from_model(
            await loaders.one(loaders.practitioner, self.practitioner_id)
        )

    @classmethod
    def from_model(cls, c: CaseRecord) -> CaseRecordType:
        return cls(
            id=strawberry.ID(ids.encode("CaseRecord", c.id)),
            external_ref=c.external_ref,
            procedure_code=c.procedure_code,
            grade=c.grade,
            performed_on=c.performed_on,
            performed_at=c.performed_at,
            setting=Setting(c.setting),
            emergency=c.emergency,
            mdt_discussed=c.mdt_discussed,
            complication=c.complication,
            death=c.death,
            unplanned_reoperation=c.unplanned_reoperation,
            adverse_event=c.adverse_event,
            created_at=c.created_at,
            practitioner_id=c.practitioner_id,  # type: ignore[attr-defined]
            out_of_privilege=c.out_of_privilege,
            out_of_privilege_reasons=[
                code for code in c.out_of_privilege_reasons.split(",") if code
            ],
            started_at=c.started_at,
            ended_at=c.ended_at,
            mdt_discussed_at=c.mdt_discussed_at,
            mdt_timely=c.mdt_timely,
            consent_at=c.consent_at,
            ordered_at=c.ordered_at,
            unplanned_readmission_31d=c.unplanned_readmission_31d,
            adverse_event_grade=c.adverse_event_grade,
            planned_operator_id=c.planned_operator_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="EmergencyOverride",
    description="The follow-up of an emergency case done outside privilege (R41).",
)
class EmergencyOverrideType(Node):
    reason: str = strawberry.field(description="The decision reasons that were overridden.")
    report_due_by: datetime = strawberry.field(
        description="Review deadline: the case time plus the site's emergencyReportHours."
    )
    status: EmergencyOverrideStatus = strawberry.field(description="Review state.")
    reviewed_by: str | None = strawberry.field(description="Who reviewed it.")
    reviewed_at: datetime | None = strawberry.field(description="When it was reviewed.")
    review_note: str | None = strawberry.field(description="The reviewer's note.")
    version: int
    case_record_id: strawberry.Private[int]

    @strawberry.field(description="The emergency case that was done outside privilege.")
    async def case_record(self, info: Info) -> CaseRecordType:
        loaders = info.context.loaders
        return CaseRecordType.from_model(
            await loaders.one(loaders.case_record, self.case_record_id)
        )

    @classmethod
    def from_model(cls, o: EmergencyOverride) -> EmergencyOverrideType:
        return cls(
            id=strawberry.ID(ids.encode("EmergencyOverride", o.id)),
            reason=o.reason,
            report_due_by=o.report_due_by,
            status=EmergencyOverrideStatus(o.status),
            reviewed_by=o.reviewed_by,
            reviewed_at=o.reviewed_at,
            review_note=o.review_note,
            version=o.version,
            case_record_id=o.case_record_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="CaseStats", description="Case volume and outcomes of a practitioner from recorded cases."
)
class CaseStatsType:
    case_count: int = strawberry.field(description="Cases performed as operator.")
    complication_count: int = strawberry.field(description="Of those, cases with a complication.")
    death_count: int = strawberry.field(description="Of those, cases with a death.")
    unplanned_reoperation_count: int = strawberry.field(
        description="Of those, cases followed by an unplanned reoperation."
    )
    adverse_event_count: int = strawberry.field(
        description="Of those, cases with an adverse event."
    )


@strawberry.type(
    name="MdtCompletion",
    description="Preoperative MDT completion of grade-4 cases of a department (R42).",
)
class MdtCompletionType:
    department_code: str = strawberry.field(description="The department measured (its code).")
    grade_four_cases: int = strawberry.field(description="Grade-4 cases in the period.")
    with_mdt: int = strawberry.field(description="Of those, discussed by an MDT.")
    without_mdt: int = strawberry.field(description="Of those, not discussed.")
    rate: float | None = strawberry.field(description="with / all grade-4 cases; null if none")


@strawberry.input(description="A performed operation (SCHEDULER, ADMIN).")
class RecordCaseInput:
    external_ref: str = strawberry.field(
        description="Your reference, unique per client; a repeat with the same content is a no-op."
    )
    procedure_code: str = strawberry.field(description="The procedure performed.")
    performed_on: date = strawberry.field(description="Day performed.")
    setting: Setting = strawberry.field(default=Setting.INPATIENT, description="Where performed.")
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    site_id: strawberry.ID | None = None
    site_code: str | None = None
    supervisor_id: strawberry.ID | None = None
    supervisor_staff_no: str | None = None
    performed_at: datetime | None = strawberry.field(default=None, description="Time performed.")
    emergency: bool = strawberry.field(
        default=False,
        description="An emergency; out-of-privilege cases then open an override review (R41).",
    )
    mdt_discussed: bool = strawberry.field(
        default=False, description="Discussed by an MDT before the operation (R42)."
    )
    complication: bool = strawberry.field(default=False, description="A complication occurred.")
    death: bool = strawberry.field(default=False, description="The patient died.")
    unplanned_reoperation: bool = strawberry.field(
        default=False, description="An unplanned reoperation followed."
    )
    adverse_event: bool = strawberry.field(default=False, description="An adverse event occurred.")
    booking_ref: str | None = strawberry.field(
        default=None, description="externalRef of the watched booking this case performed."
    )
    started_at: datetime | None = strawberry.field(
        default=None, description="When the operation started (with a time zone)."
    )
    ended_at: datetime | None = strawberry.field(
        default=None, description="When the operation ended; not before startedAt."
    )
    planned_operator_staff_no: str | None = strawberry.field(
        default=None,
        description="Staff number of the planned operator (计划术者); taken from the booking "
        "when bookingRef is given and this is not.",
    )
    mdt_discussed_at: datetime | None = strawberry.field(
        default=None,
        description="When the preoperative multidisciplinary discussion took place; implies "
        "mdtDiscussed. After orderedAt or consentAt it counts as not done.",
    )
    mdt_participant_staff_nos: list[str] = strawberry.field(
        default_factory=list, description="Staff numbers of the MDT's participants."
    )
    mdt_participant_departments: list[str] = strawberry.field(
        default_factory=list, description="Codes of the departments that took part in the MDT."
    )
    consent_at: datetime | None = strawberry.field(
        default=None, description="When the patient signed the surgical consent."
    )
    ordered_at: datetime | None = strawberry.field(
        default=None, description="When the surgical order (手术医嘱) was given."
    )
    unplanned_readmission_31d: bool = strawberry.field(
        default=False, description="Unplanned readmission within 31 days of discharge."
    )
    adverse_event_grade: int | None = strawberry.field(
        default=None, description="Adverse-event grade 1-4 (不良事件 I-IV 级), if any."
    )


@strawberry.type
class CaseRecordPayload:
    case_record: CaseRecordType | None
    emergency_override: EmergencyOverrideType | None = strawberry.field(
        description="The override review opened for an emergency case done outside privilege."
    )
    user_errors: list[UserError]


@strawberry.input(description="The review of an emergency override.")
class ReviewEmergencyOverrideInput:
    id: strawberry.ID
    expected_version: int
    justified: bool = strawberry.field(description="The emergency justified it.")
    note: str = strawberry.field(description="The reviewer's reasoning.")


@strawberry.type
class EmergencyOverridePayload:
    emergency_override: EmergencyOverrideType | None
    user_errors: list[UserError]


@strawberry.type
class CaseQuery:
    @strawberry.field(description="R41 overrides; overdue = unreviewed past reportDueBy.")
    async def emergency_overrides(
        self,
        info: Info,
        status: EmergencyOverrideStatus | None = None,
        overdue: bool | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[EmergencyOverrideType]:
        page = await cases.list_emergency_overrides(
            info.context.actor,
            status.value if status else None,
            overdue,
            first,
            ids.decode_cursor(after),
        )
        return connection(page, EmergencyOverrideType.from_model)

    @strawberry.field(
        description="Recorded cases that were not allowed at their performedOn and were not "
        "emergencies (越级手术), newest last."
    )
    async def out_of_privilege_cases(
        self,
        info: Info,
        from_date: Annotated[date | None, strawberry.argument(name="from")] = None,
        to_date: Annotated[date | None, strawberry.argument(name="to")] = None,
        department: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CaseRecordType]:
        page = await cases.list_out_of_privilege_cases(
            info.context.actor, from_date, to_date, department, first, ids.decode_cursor(after)
        )
        return connection(page, CaseRecordType.from_model)

    @strawberry.field(description="R42: preoperative MDT completion of grade-4 cases.")
    async def mdt_completion(
        self,
        info: Info,
        department: str,
        from_date: Annotated[date, strawberry.argument(name="from")],
        to_date: Annotated[date, strawberry.argument(name="to")],
    ) -> MdtCompletionType:
        figure = await cases.mdt_completion(info.context.actor, department, from_date, to_date)
        return MdtCompletionType(
            department_code=figure.department_code,
            grade_four_cases=figure.grade_four_cases,
            with_mdt=figure.with_mdt,
            without_mdt=figure.without_mdt,
            rate=figure.rate,
        )


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
        override = await EmergencyOverride.get_or_none(case_record_id=case.id)
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
