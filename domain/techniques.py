"""Medical techniques (SPEC 3.3, rules R20-R23): admission, first use, filing.

States: PROPOSED -> APPROVED -> IN_USE -> FILED; APPROVED|IN_USE|FILED -> SUSPENDED ->
back to the state it was suspended from; any state -> STOPPED (final).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q

from domain import clock, permissions, validation, workdays
from domain.actors import Actor
from domain.committee import CommitteeInput, record_committee_decision
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import action_label, enum_label, msg
from domain.operations import write_operation
from domain.organisation import practitioner_by
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, run_write
from models import CalendarDay, CalendarYear, Institution, Technique, TechniqueAdmission


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


@write_operation(Permission.MANAGE_TECHNIQUES, "createTechnique")
async def create_technique(
    actor: Actor, *, code: str, name: str, category: str, idempotency_key: str | None = None
) -> Technique:
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=200),
        "category": validation.choice("category", category, TechniqueCategory).value,
    }

    async def apply(ctx: WriteContext) -> Technique:
        if await Technique.exists(code=values["code"]):
            raise DomainError(
                ErrorCode.DUPLICATE,
                msg("Technique {code} already exists", code=values["code"]),
                "code",
            )
        owner = None  # the default institution
        if permissions.institution_bound(actor) and len(actor.institution_ids or ()) == 1:
            owner = next(iter(actor.institution_ids or ()))
        return await ctx.create(
            Technique,
            "technique.create",
            status=TechniqueStatus.PROPOSED.value,
            institution_id=owner,
            **values,
        )

    return await run_write(
        actor,
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


async def _load(technique_id: int, actor: Actor | None = None) -> Technique:
    technique = await Technique.get_or_none(id=technique_id)
    if technique is None:
        raise not_found("Technique", "", "id")
    if actor is not None and permissions.institution_bound(actor):
        # The technique's own record is its admission at the institution that owns it
        # (issue 16): only that institution's actors change it.
        owner = technique.institution_id  # type: ignore[attr-defined]
        if owner is None:
            from domain.institutions import default_institution

            owner = (await default_institution()).id
        permissions.require_institution(actor, owner)
    return technique


def _refuse(technique: Technique, action: str) -> DomainError:
    return DomainError(
        ErrorCode.INVALID_TRANSITION,
        msg(
            "Cannot {action} a technique that is {status}",
            action=action_label(action),
            status=enum_label("TechniqueStatus", technique.status),
        ),
        "id",
    )


@dataclass
class TechniqueApproval:
    decision: CommitteeInput
    lead_staff_no: str | None = None
    lead_id: int | None = None
    ethics_approval_ref: str | None = None


@write_operation(Permission.MANAGE_TECHNIQUES, "approveTechnique")
async def approve_technique(
    actor: Actor, technique_id: int, expected_version: int, approval: TechniqueApproval
) -> Technique:
    """PROPOSED -> APPROVED by the committee, with a lead (R23); never PROHIBITED (R20)."""
    ethics = (
        validation.text(
            "ethicsApprovalRef", approval.ethics_approval_ref, max_length=100, required=False
        )
        or None
    )

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id, actor)
        if technique.category == TechniqueCategory.PROHIBITED.value:
            raise DomainError(
                ErrorCode.VALIDATION, msg("A prohibited technique can never be approved"), "id"
            )
        if technique.status != TechniqueStatus.PROPOSED.value:
            raise _refuse(technique, "approve")
        lead = await practitioner_by(approval.lead_staff_no, approval.lead_id, "leadStaffNo")
        if lead.status != "ACTIVE":
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The technique lead must be an active practitioner"),
                "leadStaffNo",
            )
        if is_restricted(technique) and not ethics:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A restricted technique needs its ethics approval reference"),
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

    return await run_write(actor, apply)


# The record a filing clock runs on: the technique itself at its owning institution, its
# admission at any other institution (issue 16). Both carry the same clock fields.
ClockRecord = Technique | TechniqueAdmission


def _deadline(
    technique: Technique,
    calendar: workdays.WorkCalendar,
    first_use: date,
    record: ClockRecord | None = None,
) -> dict[str, Any]:
    """R22: the filing deadline of a restricted technique (and whether a filing already
    made missed it) from its first clinical use; nothing for other categories. `record`
    is the clock's record (the technique, or its admission at another institution)."""
    if not is_restricted(technique):
        return {}
    clock_record = technique if record is None else record
    deadline = workdays.filing_deadline(calendar, first_use)
    return {
        "filing_due_on": deadline.due_on,
        "filing_due_on_provisional": deadline.provisional,
        "filed_late": clock_record.filed_on is not None and clock_record.filed_on > deadline.due_on,
    }


def _prefix(record: ClockRecord) -> str:
    return "technique" if isinstance(record, Technique) else "technique_admission"


def _clock_action(record: ClockRecord, changes: dict[str, Any], default: str) -> str:
    """A filing that becomes late is its own audit event, so an auditor finds it."""
    if changes.get("filed_late") and not record.filed_late:
        return f"{_prefix(record)}.filed_late"
    return default


async def mark_first_clinical_use(
    ctx: WriteContext, technique: Technique, on: date, record: ClockRecord | None = None
) -> ClockRecord:
    """R21: `firstClinicalUseOn` is the earliest performed case of the technique. The first
    case of an APPROVED technique moves it to IN_USE; a case reported late with an earlier
    date moves the first use back (whatever the state, a technique filed straight from
    APPROVED included). R22 then recomputes the filing deadline of a restricted technique
    and flags a filing made after it as late. `record` is whose clock it is: the
    technique (its owning institution, the default) or its admission at another
    institution (issue 16), under the same rules."""
    clock_record: ClockRecord = technique if record is None else record
    current = clock_record.first_clinical_use_on
    if clock_record.status == TechniqueStatus.PROPOSED.value:
        return clock_record  # not admitted: the case is a breach, not the start of the clock
    if current is not None and on >= current:
        return clock_record
    calendar = await workdays.load_calendar()
    changes: dict[str, Any] = {
        "first_clinical_use_on": on,
        **_deadline(technique, calendar, on, clock_record),
    }
    prefix = _prefix(clock_record)
    action = f"{prefix}.first_clinical_use" if current is None else f"{prefix}.first_use_moved"
    if clock_record.status == TechniqueStatus.APPROVED.value:
        changes["status"] = TechniqueStatus.IN_USE.value
    elif getattr(clock_record, "suspended_from", None) == TechniqueStatus.APPROVED.value:
        changes["suspended_from"] = TechniqueStatus.IN_USE.value
    reason = None if current is None else f"更早的病例：首例临床应用日期由 {current} 改为 {on}"
    return await ctx.update(
        clock_record, _clock_action(clock_record, changes, action), changes, reason=reason
    )


async def clock_record_at(technique: Technique, institution_id: int | None) -> ClockRecord | None:
    """Whose filing clock a case at a campus of `institution_id` runs: the technique's own
    record at its owning institution (the default one when none is set), the admission
    elsewhere; None when that institution has not admitted the technique (the case is a
    breach there, it starts no clock)."""
    owner = technique.institution_id  # type: ignore[attr-defined]
    if owner is None:
        default = await Institution.filter(is_default=True).order_by("id").first()
        owner = default.id if default is not None else None
    if institution_id is None or owner is None or institution_id == owner:
        return technique
    return await TechniqueAdmission.get_or_none(
        technique_id=technique.id, institution_id=institution_id
    )


async def mark_first_clinical_use_at(
    ctx: WriteContext, technique: Technique, institution_id: int | None, on: date
) -> ClockRecord | None:
    """R21/R22 per institution (issue 16): a case at a campus of an institution moves the
    filing clock of that institution only."""
    record = await clock_record_at(technique, institution_id)
    if record is None:
        return None
    return await mark_first_clinical_use(ctx, technique, on, record)


@write_operation(Permission.MANAGE_TECHNIQUES, "recordFirstClinicalUse")
async def record_first_clinical_use(
    actor: Actor, technique_id: int, expected_version: int, on: date
) -> Technique:
    if on > clock.today():
        raise DomainError(
            ErrorCode.VALIDATION, msg("The first clinical use cannot be in the future"), "on"
        )

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id, actor)
        if technique.version != expected_version:
            from domain.writes import stale

            raise stale("Technique", expected_version, technique.version)
        if technique.status != TechniqueStatus.APPROVED.value:
            raise _refuse(technique, "record the first clinical use of")
        updated = await mark_first_clinical_use(ctx, technique, on)
        assert isinstance(updated, Technique)
        return updated

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_TECHNIQUES, "fileTechnique")
async def file_technique(
    actor: Actor, technique_id: int, expected_version: int, *, filed_on: date, filing_number: str
) -> Technique:
    """备案: a restricted technique in use is filed with the health authority."""
    number = validation.text("filingNumber", filing_number, max_length=100)
    if filed_on > clock.today():
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("The filing date (filedOn) cannot be in the future"),
            "filedOn",
        )

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id, actor)
        if not is_restricted(technique):
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("Only restricted techniques are filed with the health authority"),
                "id",
            )
        if technique.status not in {TechniqueStatus.APPROVED.value, TechniqueStatus.IN_USE.value}:
            raise _refuse(technique, "file")
        if technique.approved_on and filed_on < technique.approved_on:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The filing date (filedOn) is before the technique's approval"),
                "filedOn",
            )
        due = technique.filing_due_on
        return await ctx.update(
            technique,
            "technique.file",
            {
                "status": TechniqueStatus.FILED.value,
                "filed_on": filed_on,
                "filing_number": number,
                "filed_late": due is not None and filed_on > due,
            },
            expected_version=expected_version,
        )

    return await run_write(actor, apply)


async def _status_change(
    actor: Actor, operation: str, technique_id: int, expected_version: int, reason: str, action: str
) -> Technique:
    why = validation.text("reason", reason, max_length=1000)

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id, actor)
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

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_TECHNIQUES, "suspendTechnique")
async def suspend_technique(
    actor: Actor, technique_id: int, expected_version: int, reason: str
) -> Technique:
    return await _status_change(
        actor, "suspendTechnique", technique_id, expected_version, reason, "suspend"
    )


@write_operation(Permission.MANAGE_TECHNIQUES, "reinstateTechnique")
async def reinstate_technique(
    actor: Actor, technique_id: int, expected_version: int, reason: str
) -> Technique:
    return await _status_change(
        actor, "reinstateTechnique", technique_id, expected_version, reason, "reinstate"
    )


@write_operation(Permission.MANAGE_TECHNIQUES, "stopTechnique")
async def stop_technique(
    actor: Actor, technique_id: int, expected_version: int, reason: str
) -> Technique:
    return await _status_change(
        actor, "stopTechnique", technique_id, expected_version, reason, "stop"
    )


def _unfiled() -> Any:
    """Restricted techniques in clinical use and not filed: IN_USE, or SUSPENDED from
    IN_USE (a suspension does not stop the legal filing clock)."""
    return Technique.filter(
        Q(status=TechniqueStatus.IN_USE.value)
        | Q(status=TechniqueStatus.SUSPENDED.value, suspended_from=TechniqueStatus.IN_USE.value),
        category__in=sorted(RESTRICTED),
        filed_on__isnull=True,
    )


async def late_filings(actor: Actor) -> list[Technique]:
    """R21: techniques filed after their (possibly recomputed) filing deadline."""
    permissions.require(actor, Permission.READ_REFERENCE)
    return list(await Technique.filter(filed_late=True).order_by("filing_due_on", "id"))


async def recompute_filing_deadlines(ctx: WriteContext) -> int:
    """R22: after the calendar changed, recompute every deadline that depends on it (the
    unfiled ones, and the filed ones whose late flag may change); returns how many moved."""
    calendar = await workdays.load_calendar()
    rows = await Technique.filter(
        category__in=sorted(RESTRICTED),
        first_clinical_use_on__isnull=False,
        status__in=[
            TechniqueStatus.IN_USE.value,
            TechniqueStatus.FILED.value,
            TechniqueStatus.SUSPENDED.value,
        ],
    ).order_by("id")
    moved = 0
    for technique in rows:
        assert technique.first_clinical_use_on is not None
        changes = _deadline(technique, calendar, technique.first_clinical_use_on)
        if any(getattr(technique, name) != value for name, value in changes.items()):
            action = _clock_action(technique, changes, "technique.filing_due_recomputed")
            await ctx.update(technique, action, changes)
            moved += 1
    # The admissions at other institutions run their own clocks on the same calendar.
    admissions = (
        await TechniqueAdmission.filter(
            technique__category__in=sorted(RESTRICTED), first_clinical_use_on__isnull=False
        )
        .exclude(status="STOPPED")
        .prefetch_related("technique")
        .order_by("id")
    )
    for admission in admissions:
        assert admission.first_clinical_use_on is not None
        changes = _deadline(
            admission.technique, calendar, admission.first_clinical_use_on, admission
        )
        if any(getattr(admission, name) != value for name, value in changes.items()):
            action = _clock_action(admission, changes, "technique_admission.filing_due_recomputed")
            await ctx.update(admission, action, changes)
            moved += 1
    return moved


@write_operation(Permission.MANAGE_TECHNIQUES, "correctFirstClinicalUse")
async def correct_first_clinical_use(
    actor: Actor, technique_id: int, expected_version: int, on: date, reason: str
) -> Technique:
    """Undo the effect of a case entered with a wrong date (ADMIN, audited with its
    reason): set the first clinical use to the true date and recompute the filing
    deadline and the late flag from it. A later case with an earlier date still moves it."""
    why = validation.text("reason", reason, max_length=1000)
    if on > clock.today():
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("The first clinical use date {on} cannot be after today", on=on),
            "performedOn",
        )

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id, actor)
        current = technique.first_clinical_use_on
        if current is None:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg(
                    "Technique {code} has no first clinical use recorded: there is nothing to "
                    "correct",
                    code=technique.code,
                ),
                "id",
            )
        if on == current:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The first clinical use date is already {on}", on=on),
                "performedOn",
            )
        changes: dict[str, Any] = {
            "first_clinical_use_on": on,
            **_deadline(technique, await workdays.load_calendar(), on),
        }
        return await ctx.update(
            technique,
            "technique.first_use_corrected",
            changes,
            expected_version=expected_version,
            reason=why,
        )

    return await run_write(actor, apply)


@dataclass
class FilingDue:
    technique: Technique
    overdue: bool
    working_days_left: int
    # Whose filing it is (issue 16): the technique's own institution (None: the default
    # one) or the admitting institution, whose record gives the deadline.
    institution: Institution | None = None
    filing_due_on: date | None = None
    filing_due_on_provisional: bool = False


async def filings_due(actor: Actor, within_days: int) -> list[FilingDue]:
    """Restricted techniques in use and not yet filed whose deadline falls within
    `within_days` calendar days from today, overdue ones included (first): the owners'
    filings and those of the institutions that admitted a technique (issue 16), each
    with its institution. An actor bound to institutions sees those of its own."""
    permissions.require(actor, Permission.READ_REFERENCE)
    validation.int_range("withinDays", within_days, 0, 366)
    today = clock.today()
    limit = today + timedelta(days=within_days)
    owned = await _unfiled().filter(filing_due_on__lte=limit).prefetch_related("institution")
    default = await Institution.filter(is_default=True).order_by("id").first()
    due_rows: list[tuple[Technique, Institution | None, date, bool]] = []
    for technique in owned:
        institution = technique.institution or default
        if permissions.may_act_for(actor, institution.id if institution else None):
            assert technique.filing_due_on is not None
            due_rows.append(
                (
                    technique,
                    institution,
                    technique.filing_due_on,
                    technique.filing_due_on_provisional,
                )
            )
    admissions = await TechniqueAdmission.filter(
        technique__category__in=sorted(RESTRICTED),
        status__in=[TechniqueStatus.IN_USE.value, TechniqueStatus.SUSPENDED.value],
        filed_on__isnull=True,
        filing_due_on__lte=limit,
    ).prefetch_related("technique", "institution")
    for admission in admissions:
        if permissions.may_act_for(actor, admission.institution.id):
            assert admission.filing_due_on is not None
            due_rows.append(
                (
                    admission.technique,
                    admission.institution,
                    admission.filing_due_on,
                    admission.filing_due_on_provisional,
                )
            )
    due_rows.sort(key=lambda row: (row[2], row[0].id, row[1].id if row[1] else 0))
    calendar = await workdays.load_calendar()
    result = []
    for technique, institution, due, provisional in due_rows:
        left = (
            calendar.working_days_between(today, due)
            if due >= today
            else -(calendar.working_days_between(due, today))
        )
        result.append(
            FilingDue(
                technique,
                overdue=due < today,
                working_days_left=left,
                institution=institution,
                filing_due_on=due,
                filing_due_on_provisional=provisional,
            )
        )
    return result


@dataclass
class CalendarEntry:
    day: date
    name: str = ""


@dataclass
class CalendarSource:
    """The notice a year's schedule comes from (国务院办公厅关于…部分节假日安排的通知)."""

    title: str = ""
    document_number: str = ""
    published_on: date | None = None


async def _cover_year(ctx: WriteContext, year: int, source: CalendarSource | None) -> None:
    """Record that `year` is covered by a locally entered whole-year schedule; an official
    year keeps its notice unless a new source is given."""
    row = await CalendarYear.get_or_none(year=year)
    if source is None and row is not None:
        return
    values: dict[str, Any] = {"origin": "LOCAL"}
    if source is not None:
        values.update(
            source_title=validation.text(
                "source.title", source.title, max_length=200, required=False
            ),
            document_number=validation.text(
                "source.documentNumber", source.document_number, max_length=100, required=False
            ),
            published_on=source.published_on,
        )
    if row is None:
        await ctx.create(CalendarYear, "calendar.year_covered", year=year, **values)
    else:
        await ctx.update(row, "calendar.year_covered", values)


@write_operation(Permission.MANAGE_CALENDAR, "setHolidays")
async def set_holidays(
    actor: Actor,
    *,
    start: date,
    end: date,
    holidays: list[CalendarEntry],
    workdays_list: list[CalendarEntry],
    source: CalendarSource | None = None,
) -> int:
    """Replace the calendar between start and end (inclusive) and recompute the filing
    deadlines that depend on it. A range spanning whole years marks them covered (so
    deadlines running into them are no longer provisional), with the notice they came
    from when given. Returns the number of calendar days stored."""
    validation.date_order("from", start, "to", end)
    if (end - start).days > 3 * 366:
        raise DomainError(ErrorCode.VALIDATION, msg("At most three years at a time"), "to")
    entries: dict[date, tuple[str, str]] = {}
    for field, kind, items in (
        ("holidays", "HOLIDAY", holidays),
        ("workdays", "WORKDAY", workdays_list),
    ):
        for index, entry in enumerate(items):
            where = [field, str(index)]
            if not start <= entry.day <= end:
                raise DomainError(
                    ErrorCode.VALIDATION, msg("The date is outside the from..to range"), where
                )
            if entry.day in entries:
                raise DomainError(
                    ErrorCode.VALIDATION, msg("{day} is listed twice", day=entry.day), where
                )
            if kind == "WORKDAY" and entry.day.weekday() < 5:
                raise DomainError(
                    ErrorCode.VALIDATION,
                    msg(
                        "{day} is a weekday; make-up working days are weekend dates", day=entry.day
                    ),
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
        for year in range(start.year, end.year + 1):
            if start <= date(year, 1, 1) and date(year, 12, 31) <= end:
                await _cover_year(ctx, year, source)
        await recompute_filing_deadlines(ctx)
        return len(entries)

    return await run_write(actor, apply)


# --- R23: the technique lead stays an ACTIVE practitioner ------------------------------


@write_operation(Permission.MANAGE_TECHNIQUES, "setTechniqueLead")
async def set_technique_lead(
    actor: Actor,
    technique_id: int,
    expected_version: int,
    lead_staff_no: str | None = None,
    lead_id: int | None = None,
    reason: str | None = None,
) -> Technique:
    """R23: name a new lead (an ACTIVE practitioner); clears the lead-inactive flag."""
    note = validation.text("reason", reason, max_length=1000, required=False) or None

    async def apply(ctx: WriteContext) -> Technique:
        technique = await _load(technique_id, actor)
        if technique.status == TechniqueStatus.STOPPED.value:
            raise _refuse(technique, "set the lead of")
        lead = await practitioner_by(lead_staff_no, lead_id, "leadStaffNo")
        if lead.status != "ACTIVE":
            raise DomainError(
                ErrorCode.VALIDATION,
                msg(
                    "The technique lead must be an active practitioner: {staff_no} is {status}",
                    staff_no=lead.staff_no,
                    status=enum_label("PractitionerStatus", lead.status),
                ),
                "leadStaffNo",
            )
        return await ctx.update(
            technique,
            "technique.set_lead",
            {"lead_id": lead.id, "lead_inactive": False},
            expected_version=expected_version,
            reason=note,
        )

    return await run_write(actor, apply)


async def techniques_with_inactive_lead(
    actor: Actor, first: int | None, after: int | None
) -> Page[Technique]:
    """R23: techniques flagged because their lead left or was suspended."""
    permissions.require(actor, Permission.READ_REFERENCE)
    return await keyset(Technique.filter(lead_inactive=True), first, after)
