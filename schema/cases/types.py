"""Case records, emergency overrides and the MDT-completion figure."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain import organisation
from models import CaseRecord, EmergencyOverride
from schema import ids
from schema.context import Info
from schema.enums import EmergencyOverrideStatus, Setting
from schema.organisation import PractitionerType
from schema.relay import Node


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
