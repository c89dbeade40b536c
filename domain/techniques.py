"""Medical techniques (SPEC 3.3, rules R20-R23): admission, first use, filing.

States: PROPOSED -> APPROVED -> IN_USE -> FILED; APPROVED|IN_USE|FILED -> SUSPENDED ->
back to the state it was suspended from; any state -> STOPPED (final).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain import clock, permissions, validation, workdays
from domain.actors import Actor
from domain.committee import CommitteeInput, record_committee_decision
from domain.errors import DomainError, ErrorCode, not_found
from domain.organisation import practitioner_by
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, authorize, run_write
from models import CalendarDay, Technique


class TechniqueCategory(StrEnum):
    RESTRICTED_NATIONAL = "RESTRICTED_NATIONAL"
    RESTRICTED_PROVINCIAL = "RESTRICTED_PROVINCIAL"
    NEW = "NEW"
    STANDARD = "STANDARD"
    PROHIBITED = "PROHIBITED"


class TechniqueStatus(StrEnum):
    PROPOSED = "PROPOSED"
    APPROVED = "APPROVED"
    IN_USE = "IN_USE"
    FILED = "FILED"
    SUSPENDED = "SUSPENDED"
    STOPPED = "STOPPED"


RESTRICTED = frozenset(
    {TechniqueCategory.RESTRICTED_NATIONAL.value, TechniqueCategory.RESTRICTED_PROVINCIAL.value}
)


async def create_technique(
    actor: Actor, *, code: str, name: str, category: str, idempotency_key: str | None = None
) -> Technique:
    await authorize(actor, Permission.MANAGE_TECHNIQUES, "createTechnique")
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=200),
        "category": validation.choice("category", category, TechniqueCategory).value,
    }

    async def apply(ctx: WriteContext) -> Technique:
        if await Technique.exists(code=values["code"]):
            raise DomainError(
                ErrorCode.DUPLICATE, f"Technique {values['code']} already exists", "code"
            )
        return await ctx.create(
            Technique, "technique.create", status=TechniqueStatus.PROPOSED.value, **values
        )

    return await run_write(
        actor,
        Permission.MANAGE_TECHNIQUES,
        "createTechnique",
        apply,
        idempotency_key=idempotency_key,
        fingerprint=values,
    )


async def list_techniques(
    actor: Actor,
    first: int | None,
    after: int | None,
    category: str | None = None,
    status: str | None = None,
) -> Page[Technique]:
    permissions.require(actor, Permission.READ_REFERENCE)
    query = Technique.all()
    if category:
        query = query.filter(
            category=validation.choice("category", category, TechniqueCategory).value
        )
    if status:
        query = query.filter(status=validation.choice("status", status, TechniqueStatus).value)
    return await keyset(query, first, after)


SUSPENDABLE = frozenset(
    {TechniqueStatus.APPROVED.value, TechniqueStatus.IN_USE.value, TechniqueStatus.FILED.value}
)


def is_restricted(technique: Technique) -> bool:
    return technique.category in RESTRICTED


async def _load(technique_id: int) -> Technique:
    technique = await Technique.get_or_none(id=technique_id)
    if technique is None:
        raise not_found("Technique", "", "id")
    return technique


def _refuse(technique: Technique, action: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID_TRANSITION,
        f"Cannot {action} a technique that is {technique.status}",
        "id",
    )


@dataclass
class TechniqueApproval:
    decision: CommitteeInput
    lead_staff_no: str | None = None
    lead_id: int | None = None
    ethics_approval_ref: str | None = None


async def approve_technique(
    actor: Actor, technique_id: int, expected_version: int, approval: TechniqueApproval
) -> Technique:
    """PROPOSED -> APPROVED by the committee, with a lead (R23); never PROHIBITED (R20)."""
    await authorize(actor, Permission.MANAGE_TECHNIQUES, "approveTechnique")
    ethics = (
        validation.text(
            "ethicsApprovalRef", approval.ethics_approval_ref, max_length=100, required=False
        )
        or None
    )

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id)
        if technique.category == TechniqueCategory.PROHIBITED.value:
            raise DomainError(
                ErrorCode.VALIDATION, "A prohibited technique can never be approved (R20)", "id"
            )
        if technique.status != TechniqueStatus.PROPOSED.value:
            raise _refuse(technique, "approve")
        lead = await practitioner_by(approval.lead_staff_no, approval.lead_id, "leadStaffNo")
        if lead.status != "ACTIVE":
            raise DomainError(
                ErrorCode.VALIDATION,
                "The technique lead must be an ACTIVE practitioner (R23)",
                "leadStaffNo",
            )
        if is_restricted(technique) and not ethics:
            raise DomainError(
                ErrorCode.VALIDATION,
                "A restricted technique needs its ethics approval reference",
                "ethicsApprovalRef",
            )
        decision = await record_committee_decision(
            ctx, approval.decision, "APPROVED", "Technique", technique.id
        )
        return await ctx.update(
            technique,
            "technique.approve",
            {
                "status": TechniqueStatus.APPROVED.value,
                "lead_id": lead.id,
                "approved_on": decision.meeting_on,
                "ethics_approval_ref": ethics,
            },
            expected_version=expected_version,
        )

    return await run_write(actor, Permission.MANAGE_TECHNIQUES, "approveTechnique", apply)


async def mark_first_clinical_use(ctx: WriteContext, technique: Technique, on: date) -> Technique:
    """R21: the first clinical case of an APPROVED technique moves it to IN_USE; R22 sets
    the filing deadline of a restricted technique from the working-day calendar."""
    if technique.status != TechniqueStatus.APPROVED.value or technique.first_clinical_use_on:
        return technique
    changes: dict[str, Any] = {"status": TechniqueStatus.IN_USE.value, "first_clinical_use_on": on}
    if is_restricted(technique):
        changes["filing_due_on"] = workdays.filing_due_on(await workdays.load_calendar(), on)
    return await ctx.update(technique, "technique.first_clinical_use", changes)


async def record_first_clinical_use(
    actor: Actor, technique_id: int, expected_version: int, on: date
) -> Technique:
    await authorize(actor, Permission.MANAGE_TECHNIQUES, "recordFirstClinicalUse")
    if on > clock.today():
        raise DomainError(ErrorCode.VALIDATION, "First clinical use cannot be in the future", "on")

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id)
        if technique.version != expected_version:
            from domain.writes import stale

            raise stale("Technique", expected_version, technique.version)
        if technique.status != TechniqueStatus.APPROVED.value:
            raise _refuse(technique, "record the first clinical use of")
        return await mark_first_clinical_use(ctx, technique, on)

    return await run_write(actor, Permission.MANAGE_TECHNIQUES, "recordFirstClinicalUse", apply)


async def file_technique(
    actor: Actor, technique_id: int, expected_version: int, *, filed_on: date, filing_number: str
) -> Technique:
    """备案: a restricted technique in use is filed with the health authority."""
    await authorize(actor, Permission.MANAGE_TECHNIQUES, "fileTechnique")
    number = validation.text("filingNumber", filing_number, max_length=100)
    if filed_on > clock.today():
        raise DomainError(ErrorCode.VALIDATION, "filedOn cannot be in the future", "filedOn")

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id)
        if not is_restricted(technique):
            raise DomainError(
                ErrorCode.VALIDATION,
                "Only restricted techniques are filed with the health authority",
                "id",
            )
        if technique.status not in {TechniqueStatus.APPROVED.value, TechniqueStatus.IN_USE.value}:
            raise _refuse(technique, "file")
        if technique.approved_on and filed_on < technique.approved_on:
            raise DomainError(ErrorCode.VALIDATION, "filedOn is before the approval", "filedOn")
        return await ctx.update(
            technique,
            "technique.file",
            {"status": TechniqueStatus.FILED.value, "filed_on": filed_on, "filing_number": number},
            expected_version=expected_version,
        )

    return await run_write(actor, Permission.MANAGE_TECHNIQUES, "fileTechnique", apply)


async def _status_change(
    actor: Actor, operation: str, technique_id: int, expected_version: int, reason: str, action: str
) -> Technique:
    await authorize(actor, Permission.MANAGE_TECHNIQUES, operation)
    why = validation.text("reason", reason, max_length=1000)

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id)
        changes: dict[str, Any]
        if action == "suspend":
            if technique.status not in SUSPENDABLE:
                raise _refuse(technique, action)
            changes = {
                "status": TechniqueStatus.SUSPENDED.value,
                "suspended_from": technique.status,
            }
        elif action == "reinstate":
            if technique.status != TechniqueStatus.SUSPENDED.value or not technique.suspended_from:
                raise _refuse(technique, action)
            changes = {"status": technique.suspended_from, "suspended_from": None}
        else:
            if technique.status == TechniqueStatus.STOPPED.value:
                raise _refuse(technique, action)
            changes = {
                "status": TechniqueStatus.STOPPED.value,
                "stopped_reason": why,
                "suspended_from": None,
            }
        return await ctx.update(
            technique, f"technique.{action}", changes, expected_version=expected_version, reason=why
        )

    return await run_write(actor, Permission.MANAGE_TECHNIQUES, operation, apply)


async def suspend_technique(
    actor: Actor, technique_id: int, expected_version: int, reason: str
) -> Technique:
    return await _status_change(
        actor, "suspendTechnique", technique_id, expected_version, reason, "suspend"
    )


async def reinstate_technique(
    actor: Actor, technique_id: int, expected_version: int, reason: str
) -> Technique:
    return await _status_change(
        actor, "reinstateTechnique", technique_id, expected_version, reason, "reinstate"
    )


async def stop_technique(
    actor: Actor, technique_id: int, expected_version: int, reason: str
) -> Technique:
    return await _status_change(
        actor, "stopTechnique", technique_id, expected_version, reason, "stop"
    )


@dataclass
class FilingDue:
    technique: Technique
    overdue: bool
    working_days_left: int


async def filings_due(actor: Actor, within_days: int) -> list[FilingDue]:
    """Restricted techniques in use and not yet filed whose deadline falls within
    `within_days` calendar days from today, overdue ones included (first)."""
    permissions.require(actor, Permission.READ_REFERENCE)
    validation.int_range("withinDays", within_days, 0, 366)
    today = clock.today()
    rows = await Technique.filter(
        category__in=sorted(RESTRICTED),
        status=TechniqueStatus.IN_USE.value,
        filing_due_on__lte=today + timedelta(days=within_days),
    ).order_by("filing_due_on", "id")
    calendar = await workdays.load_calendar()
    result = []
    for technique in rows:
        due = technique.filing_due_on
        assert due is not None
        left = (
            calendar.working_days_between(today, due)
            if due >= today
            else -(calendar.working_days_between(due, today))
        )
        result.append(FilingDue(technique, overdue=due < today, working_days_left=left))
    return result


@dataclass
class CalendarEntry:
    day: date
    name: str = ""


async def set_holidays(
    actor: Actor,
    *,
    start: date,
    end: date,
    holidays: list[CalendarEntry],
    workdays_list: list[CalendarEntry],
) -> int:
    """Replace the calendar between start and end (inclusive) and recompute the filing
    deadlines that depend on it. Returns the number of calendar days stored."""
    await authorize(actor, Permission.MANAGE_CALENDAR, "setHolidays")
    validation.date_order("from", start, "to", end)
    if (end - start).days > 3 * 366:
        raise DomainError(ErrorCode.VALIDATION, "At most three years at a time", "to")
    entries: dict[date, tuple[str, str]] = {}
    for field, kind, items in (
        ("holidays", "HOLIDAY", holidays),
        ("workdays", "WORKDAY", workdays_list),
    ):
        for index, entry in enumerate(items):
            where = [field, str(index)]
            if not start <= entry.day <= end:
                raise DomainError(ErrorCode.VALIDATION, "Date outside the from..to range", where)
            if entry.day in entries:
                raise DomainError(ErrorCode.VALIDATION, f"{entry.day} is listed twice", where)
            if kind == "WORKDAY" and entry.day.weekday() < 5:
                raise DomainError(
                    ErrorCode.VALIDATION,
                    f"{entry.day} is a weekday; make-up days are weekend dates",
                    where,
                )
            name = validation.text("name", entry.name, max_length=100, required=False)
            entries[entry.day] = (kind, name)

    async def apply(ctx: WriteContext) -> int:
        before = await CalendarDay.filter(day__gte=start, day__lte=end).order_by("day")
        await CalendarDay.filter(day__gte=start, day__lte=end).delete()
        moment = clock.now()
        await CalendarDay.bulk_create(
            [
                CalendarDay(day=day, kind=kind, name=name, created_at=moment, updated_at=moment)
                for day, (kind, name) in sorted(entries.items())
            ]
        )
        ctx.record(
            "calendar.set",
            "HolidayCalendar",
            f"{start}..{end}",
            before={"days": [[d.day.isoformat(), d.kind] for d in before]},
            after={"days": [[d.isoformat(), k] for d, (k, _n) in sorted(entries.items())]},
        )
        calendar = await workdays.load_calendar()
        pending = await Technique.filter(
            category__in=sorted(RESTRICTED),
            status=TechniqueStatus.IN_USE.value,
            first_clinical_use_on__isnull=False,
        )
        for technique in pending:
            assert technique.first_clinical_use_on is not None
            due = workdays.filing_due_on(calendar, technique.first_clinical_use_on)
            if due != technique.filing_due_on:
                await ctx.update(
                    technique, "technique.filing_due_recomputed", {"filing_due_on": due}
                )
        return len(entries)

    return await run_write(actor, Permission.MANAGE_CALENDAR, "setHolidays", apply)


# --- R23: the technique lead stays an ACTIVE practitioner ------------------------------


async def set_technique_lead(
    actor: Actor,
    technique_id: int,
    expected_version: int,
    lead_staff_no: str | None = None,
    lead_id: int | None = None,
    reason: str | None = None,
) -> Technique:
    """R23: name a new lead (an ACTIVE practitioner); clears the lead-inactive flag."""
    await authorize(actor, Permission.MANAGE_TECHNIQUES, "setTechniqueLead")
    note = validation.text("reason", reason, max_length=1000, required=False) or None

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id)
        if technique.status == TechniqueStatus.STOPPED.value:
            raise _refuse(technique, "set the lead of")
        lead = await practitioner_by(lead_staff_no, lead_id, "leadStaffNo")
        if lead.status != "ACTIVE":
            raise DomainError(
                ErrorCode.VALIDATION,
                f"技术负责人须为在岗（ACTIVE）医师：{lead.staff_no} 当前状态为 {lead.status}",
                "leadStaffNo",
            )
        return await ctx.update(
            technique,
            "technique.set_lead",
            {"lead_id": lead.id, "lead_inactive": False},
            expected_version=expected_version,
            reason=note,
        )

    return await run_write(actor, Permission.MANAGE_TECHNIQUES, "setTechniqueLead", apply)


async def techniques_with_inactive_lead(
    actor: Actor, first: int | None, after: int | None
) -> Page[Technique]:
    """R23: techniques flagged because their lead left or was suspended."""
    permissions.require(actor, Permission.READ_REFERENCE)
    return await keyset(Technique.filter(lead_inactive=True), first, after)
