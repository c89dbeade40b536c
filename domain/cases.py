"""Case records, emergency overrides and MDT completion (SPEC 3.5, R40-R42; R21)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Q

from domain import audit, clock, decision, permissions, validation
from domain.actors import Actor
from domain.case_dates import check_performed_on
from domain.catalogue import procedure_code
from domain.decision import PRIVILEGE_REASONS, CheckInput, Decision, Setting
from domain.decision.facts import PractitionerFacts, ProcedureFacts, SiteFacts
from domain.decision.rules import procedure_in_force, refuse_day_surgery_emergency
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import msg
from domain.operations import write_operation
from domain.organisation import practitioner_by, require_key
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.quality import case_facts
from domain.quality.case_facts import CaseFacts
from domain.techniques import mark_first_clinical_use_at
from domain.writes import WriteContext, run_write
from models import CaseRecord, Department, EmergencyOverride, Practitioner, Site, Technique


@dataclass
class CaseInput:
    external_ref: str
    procedure_code: str
    performed_on: date
    setting: str = "INPATIENT"
    practitioner_id: int | None = None
    practitioner_staff_no: str | None = None
    site_id: int | None = None
    site_code: str | None = None
    supervisor_id: int | None = None
    supervisor_staff_no: str | None = None
    performed_at: datetime | None = None
    emergency: bool = False
    mdt_discussed: bool = False
    complication: bool = False
    death: bool = False
    unplanned_reoperation: bool = False
    adverse_event: bool = False
    booking_ref: str | None = None  # the watched booking performed (issue 18)
    facts: CaseFacts = field(default_factory=CaseFacts)  # the quality facts (issue 17)


def _digest(data: CaseInput) -> str:
    # The plain fields as `asdict` gives them (values, nothing nested), without its deep
    # copies: the digests of cases already recorded stay the same.
    content = {f.name: getattr(data, f.name) for f in fields(data) if f.name != "facts"}
    if content.get("booking_ref") is None:  # digests of cases recorded before it stay
        content.pop("booking_ref", None)
    content.update(case_facts.digest_content(data.facts))
    body = audit.canonical_json(content)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@write_operation(Permission.RECORD_CASE, "recordCase")
async def record_case(actor: Actor, data: CaseInput) -> CaseRecord:
    """R40: idempotent by externalRef per reporting client. R21: the first case of an
    APPROVED technique puts it IN_USE. R41: every case is decided at its performedOn; an
    emergency case no privilege covered opens an EmergencyOverride due for review, any
    other case that was not allowed is stored as out of privilege (越级) and announced."""
    ref = validation.text("externalRef", data.external_ref, max_length=128)
    code = procedure_code("procedureCode", data.procedure_code)
    setting = validation.choice("setting", data.setting, Setting)
    refusal = refuse_day_surgery_emergency(setting.value, data.emergency)
    if refusal is not None:
        raise DomainError(ErrorCode.VALIDATION, refusal, "emergency")
    check_performed_on(actor, data.performed_on)  # not in the future, not backdated
    if data.performed_at is not None and data.performed_at.tzinfo is None:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("The operation time (performedAt) needs a time zone"),
            "performedAt",
        )
    case_facts.check(data.facts, data.performed_on)
    digest = _digest(data)

    async def apply(ctx: WriteContext) -> CaseRecord:
        existing = await CaseRecord.get_or_none(client_key=actor.key, external_ref=ref)
        if existing is not None:
            if existing.content_digest != digest:
                raise DomainError(
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    msg("Case {ref} was already recorded with different content", ref=ref),
                    "externalRef",
                )
            return existing
        answer, parties = await _decide_case(code, data, setting)
        practitioner, supervisor, site = parties.practitioner, parties.supervisor, parties.site
        permissions.require_within_institutions(
            actor,
            site.institution_id,
            (practitioner.id, practitioner.department_id),
            "siteCode",
            "practitionerStaffNo",
        )
        procedure = procedure_in_force(parties.procedures, data.performed_on)
        if procedure is None:
            raise not_found(
                "Procedure",
                msg("{code} (in force on {on})", code=code, on=data.performed_on),
                "procedureCode",
            )
        quality = await _quality_columns(actor, data)
        out_of_privilege = not answer.allowed and not data.emergency
        case = await ctx.create(
            CaseRecord,
            "case.record",
            client_key=actor.key,
            external_ref=ref,
            content_digest=digest,
            practitioner_id=practitioner.id,
            supervisor_id=supervisor.id if supervisor is not None else None,
            procedure_code=code,
            grade=procedure.effective_grade,
            site_id=site.id,
            performed_on=data.performed_on,
            performed_at=data.performed_at,
            setting=setting.value,
            emergency=data.emergency,
            complication=data.complication,
            death=data.death,
            unplanned_reoperation=data.unplanned_reoperation,
            adverse_event=data.adverse_event,
            out_of_privilege=out_of_privilege,
            out_of_privilege_reasons=",".join(dict.fromkeys(answer.blocking_codes))[:500]
            if out_of_privilege
            else "",
            technique_id=procedure.technique.id if procedure.technique is not None else None,
            **quality,
        )
        if out_of_privilege:
            ctx.record(
                "case.out_of_privilege",
                "CaseRecord",
                case.pk,
                after=audit.snapshot(case),
                reason=case.out_of_privilege_reasons,
            )
        if procedure.technique is not None:
            # R21/R22 per institution: the clock of the institution of the case's campus.
            await mark_first_clinical_use_at(
                ctx,
                await Technique.get(id=procedure.technique.id),
                site.institution_id,
                data.performed_on,
            )
        if data.booking_ref:
            from domain import bookings

            await bookings.link_case(ctx, actor, data.booking_ref, case)
        if data.emergency:
            hours = (await Site.get(id=site.id)).emergency_report_hours
            await _emergency_override(ctx, case, answer, hours)
        return case

    return await run_write(actor, apply)


async def _quality_columns(actor: Actor, data: CaseInput) -> dict[str, Any]:
    """The issue-17 columns: the planned operator (given, or the booking's), the MDT's
    participants checked against the registry, and whether the MDT counts as timely."""
    facts = data.facts
    planned: Practitioner | None = None
    if facts.planned_operator_staff_no:
        planned = await practitioner_by(
            facts.planned_operator_staff_no, None, "plannedOperatorStaffNo"
        )
    elif data.booking_ref:
        from domain import bookings

        booking = await bookings.own_booking(actor, data.booking_ref, "bookingRef")
        planned = await Practitioner.get(id=booking.practitioner_id)  # type: ignore[attr-defined]
    participants: list[dict[str, str]] = []
    for staff_no in facts.mdt_participant_staff_nos:
        member = await practitioner_by(staff_no, None, "mdtParticipantStaffNos")
        participants.append({"kind": "STAFF", "code": member.staff_no})
    for code in facts.mdt_participant_departments:
        department = await Department.get_or_none(code=code.strip())
        if department is None:
            raise not_found("Department", code, "mdtParticipantDepartments")
        participants.append({"kind": "DEPARTMENT", "code": department.code})
    discussed = data.mdt_discussed or facts.mdt_discussed_at is not None
    return {
        "mdt_discussed": discussed,
        "started_at": facts.started_at,
        "ended_at": facts.ended_at,
        "planned_operator": planned,
        "mdt_discussed_at": facts.mdt_discussed_at,
        "mdt_participants": participants,
        "consent_at": facts.consent_at,
        "ordered_at": facts.ordered_at,
        "mdt_timely": case_facts.mdt_timely(discussed, facts),
        "unplanned_readmission_31d": facts.unplanned_readmission_31d,
        "adverse_event_grade": facts.adverse_event_grade,
    }


@dataclass(frozen=True)
class _Parties:
    """Whom and where a case names, as the decision read them."""

    practitioner: PractitionerFacts
    supervisor: PractitionerFacts | None
    site: SiteFacts
    procedures: list[ProcedureFacts]  # the code's catalogue rows, newest version first


async def _decide_case(code: str, data: CaseInput, setting: Setting) -> tuple[Decision, _Parties]:
    """R41: the decision for a recorded case, made at its performedOn from the
    privileges in force then (R16), as an elective case would have been decided; and
    the practitioner, supervisor, campus and catalogue rows it names, from the same
    facts (an unknown one is NOT_FOUND, as before).

    Through the decision cache, as the schedulers' checks are (loading the facts afresh,
    and reading the four rows through the ORM, was half a case's cost): inside the case's
    transaction, which has written nothing yet, the registry version it reads is the
    newest committed one (SQLite: this transaction holds the write lock; PostgreSQL:
    read committed), and the cache first forgets whatever the audit events up to that
    version changed."""
    require_key(
        "Practitioner", data.practitioner_staff_no, data.practitioner_id, "practitionerStaffNo"
    )
    check = CheckInput(
        procedure_code=code,
        on=data.performed_on,
        setting=setting,
        practitioner_id=data.practitioner_id,
        practitioner_staff_no=data.practitioner_staff_no,
        site_id=data.site_id,
        site_code=data.site_code,
        supervisor_id=data.supervisor_id,
        supervisor_staff_no=data.supervisor_staff_no,
    )
    [answer], snap = await decision.CACHE.answer_with_facts([check])
    practitioner = snap.practitioner(data.practitioner_id, data.practitioner_staff_no)
    if practitioner is None:
        key = data.practitioner_staff_no or data.practitioner_id
        raise not_found("Practitioner", key, "practitionerStaffNo")
    supervisor = None
    if data.supervisor_id is not None or data.supervisor_staff_no:
        supervisor = snap.practitioner(data.supervisor_id, data.supervisor_staff_no)
        if supervisor is None:
            key = data.supervisor_staff_no or data.supervisor_id
            raise not_found("Practitioner", key, "supervisorStaffNo")
    site = snap.site(check)
    if site is None:
        raise not_found("Site", data.site_code or data.site_id or "(default)", "siteCode")
    procedures = list(snap.procedures_by_code.get(code, []))
    return answer, _Parties(practitioner, supervisor, site, procedures)


async def _emergency_override(
    ctx: WriteContext, case: CaseRecord, answer: Decision, hours: int
) -> None:
    uncovered = [
        r
        for r in answer.reasons
        if r.code in PRIVILEGE_REASONS and r.severity is decision.Severity.BLOCKING
    ]
    if not uncovered:
        return
    performed = case.performed_at or datetime.combine(
        case.performed_on, time(23, 59, 59), tzinfo=clock.get_clock().zone
    ).astimezone(UTC)
    reason = "; ".join(f"{r.code.value}: {r.message}" for r in uncovered)[:1000]
    await ctx.create(
        EmergencyOverride,
        "emergency_override.create",
        case_record=case,
        reason=reason,
        report_due_by=performed + timedelta(hours=hours),
        status="PENDING_REVIEW",
    )


@write_operation(Permission.REVIEW_EMERGENCY, "reviewEmergencyOverride")
async def review_emergency_override(
    actor: Actor, override_id: int, expected_version: int, status: str, note: str
) -> EmergencyOverride:
    if status not in {"JUSTIFIED", "UNJUSTIFIED"}:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The status must be JUSTIFIED or UNJUSTIFIED"), "status"
        )
    text = validation.text("note", note, max_length=2000)

    async def apply(ctx: WriteContext) -> EmergencyOverride:
        override = await EmergencyOverride.get_or_none(id=override_id)
        if override is None:
            raise not_found("Emergency override", "", "id")
        if override.status != "PENDING_REVIEW":
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg(
                    "This emergency override was already reviewed ({status})",
                    status=override.status,
                ),
                "id",
            )
        return await ctx.update(
            override,
            "emergency_override.review",
            {
                "status": status,
                "reviewed_by": actor.name,
                "reviewed_at": clock.now(),
                "review_note": text,
            },
            expected_version=expected_version,
            reason=text,
        )

    return await run_write(actor, apply)


async def list_emergency_overrides(
    actor: Actor, status: str | None, overdue: bool | None, first: int | None, after: int | None
) -> Page[EmergencyOverride]:
    """Overdue = still PENDING_REVIEW after its reportDueBy (R41)."""
    scope = permissions.practitioner_scope(actor, Permission.READ_CASES)
    query = EmergencyOverride.all()
    if not scope.everyone:
        query = query.filter(
            Q(case_record__practitioner__department_id__in=list(scope.department_ids))
            | Q(case_record__practitioner_id__in=list(scope.practitioner_ids))
        )
    if status:
        if status not in {"PENDING_REVIEW", "JUSTIFIED", "UNJUSTIFIED"}:
            raise DomainError(ErrorCode.VALIDATION, msg("Unknown status"), "status")
        query = query.filter(status=status)
    if overdue is True:
        query = query.filter(status="PENDING_REVIEW", report_due_by__lt=clock.now())
    elif overdue is False:
        query = query.filter(Q(status__not="PENDING_REVIEW") | Q(report_due_by__gte=clock.now()))
    return await keyset(query, first, after)


@dataclass
class MdtCompletion:
    department_code: str
    grade_four_cases: int
    with_mdt: int
    without_mdt: int

    @property
    def rate(self) -> float | None:
        return None if self.grade_four_cases == 0 else self.with_mdt / self.grade_four_cases


async def mdt_completion(
    actor: Actor, department_code: str, start: date, end: date
) -> MdtCompletion:
    """R42: 四级手术术前多学科讨论完成率 for one department and period."""
    validation.date_order("from", start, "to", end)
    department = await Department.get_or_none(code=department_code)
    if department is None:
        raise not_found("Department", department_code, "department")
    scope = permissions.practitioner_scope(actor, Permission.READ_CASES)
    if not scope.everyone and department.id not in scope.department_ids:
        raise DomainError(
            ErrorCode.FORBIDDEN, msg("This department is outside your scope"), "department"
        )
    cases = CaseRecord.filter(
        grade=4,
        performed_on__gte=start,
        performed_on__lte=end,
        practitioner__department_id=department.id,
    )
    total = await cases.count()
    # An MDT after the surgical order or the consent counts as not done (issue 17).
    with_mdt = await cases.filter(mdt_timely=True).count()
    return MdtCompletion(department.code, total, with_mdt, total - with_mdt)


@dataclass
class CaseStats:
    case_count: int
    complication_count: int
    death_count: int
    unplanned_reoperation_count: int
    adverse_event_count: int


async def case_stats(query: Any) -> CaseStats:
    rows = await query.values_list(
        "complication", "death", "unplanned_reoperation", "adverse_event"
    )
    return CaseStats(
        case_count=len(rows),
        complication_count=sum(1 for r in rows if r[0]),
        death_count=sum(1 for r in rows if r[1]),
        unplanned_reoperation_count=sum(1 for r in rows if r[2]),
        adverse_event_count=sum(1 for r in rows if r[3]),
    )


async def practitioner_case_stats(
    actor: Actor, practitioner: Practitioner, start: date | None, end: date | None
) -> CaseStats:
    department_id: int = practitioner.department_id  # type: ignore[attr-defined]
    permissions.require_practitioner_access(
        actor, Permission.READ_CASES, practitioner.id, department_id
    )
    query = CaseRecord.filter(practitioner_id=practitioner.id)
    if start:
        query = query.filter(performed_on__gte=start)
    if end:
        query = query.filter(performed_on__lte=end)
    return await case_stats(query)


async def list_out_of_privilege_cases(
    actor: Actor,
    start: date | None,
    end: date | None,
    department_code: str | None,
    first: int | None,
    after: int | None,
) -> Page[CaseRecord]:
    """R41: cases that were not allowed at their performedOn and were not emergencies."""
    if start is not None and end is not None:
        validation.date_order("from", start, "to", end)
    scope = permissions.practitioner_scope(actor, Permission.READ_CASES)
    query = CaseRecord.filter(out_of_privilege=True)
    if not scope.everyone:
        query = query.filter(
            Q(practitioner__department_id__in=list(scope.department_ids))
            | Q(practitioner_id__in=list(scope.practitioner_ids))
        )
    if department_code:
        department = await Department.get_or_none(code=department_code)
        if department is None:
            raise not_found("Department", department_code, "department")
        query = query.filter(practitioner__department_id=department.id)
    if start is not None:
        query = query.filter(performed_on__gte=start)
    if end is not None:
        query = query.filter(performed_on__lte=end)
    return await keyset(query, first, after)


async def out_of_privilege_count(practitioner_id: int, site_id: int, start: date, end: date) -> int:
    """R41: a holder's out-of-privilege cases in a period, plus emergency overrides of
    theirs reviewed UNJUSTIFIED (both are practice beyond the privileges held)."""
    cases = await CaseRecord.filter(
        practitioner_id=practitioner_id,
        site_id=site_id,
        out_of_privilege=True,
        performed_on__gte=start,
        performed_on__lte=end,
    ).count()
    unjustified = await EmergencyOverride.filter(
        status="UNJUSTIFIED",
        case_record__practitioner_id=practitioner_id,
        case_record__site_id=site_id,
        case_record__performed_on__gte=start,
        case_record__performed_on__lte=end,
    ).count()
    return cases + unjustified
