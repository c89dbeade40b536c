"""The privilege lifecycle (SPEC 3.2, rules R10-R13, R20 on the granting side).

States: REQUESTED -> ENDORSED -> ACTIVE; REQUESTED|ENDORSED -> REJECTED|WITHDRAWN;
ACTIVE <-> SUSPENDED; ACTIVE|SUSPENDED -> REVOKED; ACTIVE -> SUPERSEDED. EXPIRED is
derived (validUntil before the date asked about), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q

from domain import catalogue, clock, institutions, permissions, validation
from domain.actors import Actor
from domain.committee import CommitteeInput, record_committee_decision
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import action_label, enum_label, msg
from domain.operations import write_operation
from domain.organisation import practitioner_by, site_by, specialty_by
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.techniques import TechniqueCategory
from domain.writes import WriteContext, run_write
from models import Practitioner, Privilege, Procedure, Site

MAX_VALIDITY_YEARS = 3
EXPIRES_SOON_DAYS = 30


class Scope(StrEnum):
    SURGERY_GRADE = "SURGERY_GRADE"
    PROCEDURE = "PROCEDURE"
    TECHNIQUE = "TECHNIQUE"
    DAY_SURGERY = "DAY_SURGERY"


class Status(StrEnum):
    REQUESTED = "REQUESTED"
    ENDORSED = "ENDORSED"
    ACTIVE = "ACTIVE"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    SUSPENDED = "SUSPENDED"
    REVOKED = "REVOKED"
    SUPERSEDED = "SUPERSEDED"


class Action(StrEnum):
    ENDORSE = "endorse"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    REVOKE = "revoke"
    SUPERSEDE = "supersede"


TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.REQUESTED, Action.ENDORSE): Status.ENDORSED,
    (Status.ENDORSED, Action.APPROVE): Status.ACTIVE,
    (Status.REQUESTED, Action.REJECT): Status.REJECTED,
    (Status.ENDORSED, Action.REJECT): Status.REJECTED,
    (Status.REQUESTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.ENDORSED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.ACTIVE, Action.SUSPEND): Status.SUSPENDED,
    (Status.SUSPENDED, Action.REINSTATE): Status.ACTIVE,
    (Status.ACTIVE, Action.REVOKE): Status.REVOKED,
    (Status.SUSPENDED, Action.REVOKE): Status.REVOKED,
    (Status.ACTIVE, Action.SUPERSEDE): Status.SUPERSEDED,
}

# R13: these transitions need a reason.
REASON_REQUIRED = frozenset(
    {Action.SUSPEND, Action.REINSTATE, Action.REVOKE, Action.REJECT, Action.WITHDRAW}
)


# R12: the statuses that hold a right, for the no-overlap rule.
HELD_STATUSES = [Status.ACTIVE.value, Status.SUSPENDED.value]


def next_status(current: str, action: Action) -> Status:
    target = TRANSITIONS.get((Status(current), action))
    if target is None:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            msg(
                "Cannot {action} a privilege that is {status}",
                action=action_label(action.value),
                status=enum_label("PrivilegeStatus", current),
            ),
            "id",
        )
    return target


def scope_key(
    scope: Scope,
    *,
    specialty_id: int | None = None,
    procedure_code: str | None = None,
    technique_id: int | None = None,
) -> str:
    """The comparable target of a privilege: R12 forbids two overlapping ACTIVE ones."""
    if scope is Scope.SURGERY_GRADE:
        return f"SURGERY_GRADE:{specialty_id}"
    if scope is Scope.PROCEDURE:
        return f"PROCEDURE:{procedure_code}"
    if scope is Scope.TECHNIQUE:
        return f"TECHNIQUE:{technique_id}"
    return "DAY_SURGERY"


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def validity_window(site: Site, valid_from: date, valid_until: date | None) -> tuple[date, date]:
    """R11: default validity is the site's policy; never more than 3 years."""
    ceiling = add_months(valid_from, 12 * MAX_VALIDITY_YEARS) - timedelta(days=1)
    if valid_until is None:
        valid_until = add_months(valid_from, site.default_validity_months) - timedelta(days=1)
        valid_until = min(valid_until, ceiling)
    if valid_until < valid_from:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("The end date (validUntil) must not be before the start date (validFrom)"),
            "validUntil",
        )
    if valid_until > ceiling:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "A privilege may be valid for at most {years} years (until {ceiling} at the "
                "latest)",
                years=MAX_VALIDITY_YEARS,
                ceiling=ceiling,
            ),
            "validUntil",
        )
    return valid_from, valid_until


# --- reading ---------------------------------------------------------------------


async def _practitioner_guard(
    actor: Actor, permission: Permission, practitioner: Practitioner
) -> None:
    department_id: int = practitioner.department_id  # type: ignore[attr-defined]
    permissions.require_practitioner_access(actor, permission, practitioner.id, department_id)


async def get_privilege(actor: Actor, privilege_id: int) -> Privilege | None:
    """One privilege if the actor may see it; None otherwise (nothing of it is revealed)."""
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    privilege = await Privilege.get_or_none(id=privilege_id).select_related("practitioner")
    if privilege is None:
        return None
    practitioner: Practitioner = privilege.practitioner
    if not scope.admits(practitioner.id, practitioner.department_id):  # type: ignore[attr-defined]
        return None
    return privilege


@dataclass
class PrivilegeFilter:
    practitioner_id: int | None = None
    practitioner_staff_no: str | None = None
    statuses: list[str] = field(default_factory=list)
    scope: str | None = None
    site_code: str | None = None
    valid_on: date | None = None
    department_code: str | None = None
    expiring_before: date | None = None
    institution_code: str | None = None
    temporary: bool | None = None


async def list_privileges(
    actor: Actor, filter: PrivilegeFilter, first: int | None, after: int | None
) -> Page[Privilege]:
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    query = Privilege.all()
    if not scope.everyone:
        query = query.filter(
            Q(practitioner__department_id__in=list(scope.department_ids))
            | Q(practitioner_id__in=list(scope.practitioner_ids))
        )
    if filter.practitioner_id is not None:
        query = query.filter(practitioner_id=filter.practitioner_id)
    if filter.practitioner_staff_no:
        query = query.filter(practitioner__staff_no=filter.practitioner_staff_no)
    if filter.statuses:
        query = query.filter(
            status__in=[validation.choice("status", s, Status).value for s in filter.statuses]
        )
    if filter.scope:
        query = query.filter(scope=validation.choice("scope", filter.scope, Scope).value)
    if permissions.institution_bound(actor):  # privileges at their own campuses only
        query = query.filter(site__institution_id__in=sorted(actor.institution_ids or ()))
    if filter.institution_code:
        query = query.filter(site__institution__code=filter.institution_code)
    if filter.temporary is not None:
        query = query.filter(temporary=filter.temporary)
    if filter.site_code:
        query = query.filter(site__code=filter.site_code)
    if filter.department_code:
        query = query.filter(practitioner__department__code=filter.department_code)
    if filter.valid_on is not None:
        # R16: in force on that date, a SUPERSEDED privilege too before its successor.
        query = query.filter(
            Q(status=Status.ACTIVE.value)
            | Q(
                status=Status.SUPERSEDED.value,
                superseded_by__valid_from__gt=filter.valid_on,
            ),
            valid_from__lte=filter.valid_on,
            valid_until__gte=filter.valid_on,
        ).distinct()
    if filter.expiring_before is not None:
        query = query.filter(status=Status.ACTIVE.value, valid_until__lt=filter.expiring_before)
    return await keyset(query, first, after)


async def expiring_privileges(
    actor: Actor, within_days: int, first: int | None, after: int | None
) -> Page[Privilege]:
    """ACTIVE privileges whose validity ends within `within_days` from today (not yet ended)."""
    validation.int_range("withinDays", within_days, 0, 3 * 366)
    today = clock.today()
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    query = Privilege.filter(
        status=Status.ACTIVE.value,
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=within_days),
    )
    if not scope.everyone:
        query = query.filter(
            Q(practitioner__department_id__in=list(scope.department_ids))
            | Q(practitioner_id__in=list(scope.practitioner_ids))
        )
    return await keyset(query, first, after)


# --- requesting --------------------------------------------------------------------


@dataclass
class PrivilegeRequest:
    scope: str
    practitioner_id: int | None = None
    practitioner_staff_no: str | None = None
    site_id: int | None = None
    site_code: str | None = None
    specialty_id: int | None = None
    specialty_code: str | None = None
    max_grade: int | None = None
    procedure_code: str | None = None
    technique_id: int | None = None
    technique_code: str | None = None
    supervised_only: bool = False
    valid_from: date | None = None
    valid_until: date | None = None
    note: str | None = None


async def _target(request: PrivilegeRequest, scope: Scope) -> dict[str, Any]:
    if scope is Scope.SURGERY_GRADE:
        if request.max_grade is None:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A surgery-grade privilege (SURGERY_GRADE) needs its highest grade (maxGrade)"),
                "maxGrade",
            )
        if not 1 <= request.max_grade <= 3:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg(
                    "The highest grade (maxGrade) must be 1-3; grade 4 procedures are granted "
                    "one by one (PROCEDURE)"
                ),
                "maxGrade",
            )
        specialty = await specialty_by(request.specialty_code, request.specialty_id)
        return {
            "specialty": specialty,
            "max_grade": request.max_grade,
            "scope_key": scope_key(scope, specialty_id=specialty.id),
        }
    if scope is Scope.PROCEDURE:
        if not request.procedure_code:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A procedure privilege (PROCEDURE) needs the procedure code (procedureCode)"),
                "procedureCode",
            )
        code = catalogue.procedure_code("procedureCode", request.procedure_code)
        if not await Procedure.exists(code=code):
            raise not_found("Procedure", code, "procedureCode")
        return {"procedure_code": code, "scope_key": scope_key(scope, procedure_code=code)}
    if scope is Scope.TECHNIQUE:
        technique = await catalogue.technique_by(request.technique_code, request.technique_id)
        if technique.category == TechniqueCategory.PROHIBITED.value:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A prohibited technique can never be privileged"),
                "techniqueCode",
            )
        return {"technique": technique, "scope_key": scope_key(scope, technique_id=technique.id)}
    return {"scope_key": scope_key(scope)}


@write_operation(Permission.REQUEST_PRIVILEGE, "requestPrivilege")
async def request_privilege(
    actor: Actor, request: PrivilegeRequest, idempotency_key: str | None = None
) -> Privilege:
    scope = validation.choice("scope", request.scope, Scope)
    note = validation.text("note", request.note, max_length=1000, required=False) or None
    validation.date_order("validFrom", request.valid_from, "validUntil", request.valid_until)

    async def apply(ctx: WriteContext) -> Privilege:
        try:
            practitioner = await practitioner_by(
                request.practitioner_staff_no, request.practitioner_id
            )
        except DomainError as error:  # a missing staff number answers as out of scope
            raise permissions.hide_missing(actor, Permission.REQUEST_PRIVILEGE, error) from None
        await _practitioner_guard(actor, Permission.REQUEST_PRIVILEGE, practitioner)
        if practitioner.status == "LEFT":
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The practitioner has left; no privilege can be requested"),
                "practitionerStaffNo",
            )
        site = await site_by(request.site_code, request.site_id)
        await require_site_institution(actor, site)
        require_supervision_for_trainees(practitioner, request.supervised_only)
        target = await _target(request, scope)
        if request.valid_from is not None:
            validity_window(site, request.valid_from, request.valid_until)
        return await ctx.create(
            Privilege,
            "privilege.request",
            audit_reason=note,
            practitioner=practitioner,
            site=site,
            scope=scope.value,
            supervised_only=request.supervised_only,
            valid_from=request.valid_from,
            valid_until=request.valid_until,
            status=Status.REQUESTED.value,
            requested_by=actor.name,
            **target,
        )

    fingerprint = {k: v for k, v in vars(request).items()}
    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )


# --- transitions -------------------------------------------------------------------


async def _load_for_change(privilege_id: int) -> Privilege:
    privilege = await Privilege.get_or_none(id=privilege_id).select_related("practitioner")
    if privilege is None:
        raise not_found("Privilege", "", "id")
    return privilege


def _reason(action: Action, reason: str | None) -> str | None:
    required = action in REASON_REQUIRED
    cleaned = validation.text("reason", reason, max_length=1000, required=required)
    return cleaned or None


async def _transition(
    actor: Actor,
    permission: Permission,
    operation: str,
    privilege_id: int,
    expected_version: int,
    action: Action,
    reason: str | None,
    extra: Any = None,
) -> Privilege:
    reason_text = _reason(action, reason)

    async def apply(ctx: WriteContext) -> Privilege:
        privilege = await _load_for_change(privilege_id)
        practitioner: Practitioner = privilege.practitioner
        await _practitioner_guard(actor, permission, practitioner)
        await require_site_institution(actor, await Site.get(id=privilege.site_id))  # type: ignore[attr-defined]
        target = next_status(privilege.status, action)
        changes: dict[str, Any] = {"status": target.value, "status_reason": reason_text}
        if action is Action.ENDORSE:
            changes["endorsed_by"] = actor.name
        if action is Action.APPROVE:
            changes.update(await _approval_changes(ctx, privilege, practitioner, extra))
        if action is Action.REINSTATE and privilege.valid_from and privilege.valid_until:
            await ensure_no_overlap(privilege, privilege.valid_from, privilege.valid_until)
        if action is Action.REJECT and extra is not None:
            decision = await record_committee_decision(
                ctx, extra, "REJECTED", "Privilege", privilege.id
            )
            changes["basis_id"] = decision.id
        return await ctx.update(
            privilege,
            f"privilege.{action.value}",
            changes,
            expected_version=expected_version,
            reason=reason_text,
        )

    return await run_write(actor, apply)


@dataclass
class Approval:
    decision: CommitteeInput
    valid_from: date | None = None
    valid_until: date | None = None


async def _approval_changes(
    ctx: WriteContext, privilege: Privilege, practitioner: Practitioner, approval: Approval
) -> dict[str, Any]:
    if practitioner.status == "LEFT":
        raise DomainError(ErrorCode.VALIDATION, msg("The practitioner has left"), "id")
    if privilege.scope == Scope.TECHNIQUE.value:
        technique = await catalogue.technique_by(
            technique_id=privilege.technique_id,  # type: ignore[attr-defined]
            field="id",
        )
        if technique.category == TechniqueCategory.PROHIBITED.value:
            raise DomainError(
                ErrorCode.VALIDATION, msg("A prohibited technique can never be privileged"), "id"
            )
    site = await Site.get(id=privilege.site_id)  # type: ignore[attr-defined]
    require_supervision_for_trainees(practitioner, privilege.supervised_only)
    valid_from = approval.valid_from or privilege.valid_from or approval.decision.meeting_on
    requested_until = approval.valid_until or privilege.valid_until
    valid_from, valid_until = validity_window(site, valid_from, requested_until)
    # A visiting expert's privilege at a host institution ends with the registration there.
    capped = await institutions.registration_end_cap(practitioner, site, valid_until)
    if capped < valid_from:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The practitioner's registration at this institution ends before {date}",
                date=valid_from,
            ),
            "validFrom",
        )
    valid_until = capped
    decision = await record_committee_decision(
        ctx, approval.decision, "APPROVED", "Privilege", privilege.id
    )
    await ensure_no_overlap(privilege, valid_from, valid_until)
    return {"valid_from": valid_from, "valid_until": valid_until, "basis_id": decision.id}


async def ensure_no_overlap(privilege: Privilege, valid_from: date, valid_until: date) -> None:
    """R12, checked for a clear message; the database constraint is the guarantee. A
    SUSPENDED privilege counts: a suspension cannot be side-stepped by a second grant."""
    clash = (
        await Privilege.filter(
            practitioner_id=privilege.practitioner_id,  # type: ignore[attr-defined]
            site_id=privilege.site_id,  # type: ignore[attr-defined]
            scope_key=privilege.scope_key,
            status__in=HELD_STATUSES,
            valid_from__lte=valid_until,
            valid_until__gte=valid_from,
        )
        .exclude(id=privilege.id)
        .order_by("-status")
        .first()
    )
    if clash is None:
        return
    if clash.status == Status.SUSPENDED.value:
        message = msg(
            "Privilege no. {privilege} of the same scope and target ({valid_from} to "
            "{valid_until}) is suspended and its term overlaps: reinstate or revoke it "
            "first; no other can be granted",
            privilege=clash.id,
            valid_from=clash.valid_from,
            valid_until=clash.valid_until,
        )
    else:
        message = msg(
            "Active privilege no. {privilege} of the same scope and target ({valid_from} to "
            "{valid_until}) has an overlapping term",
            privilege=clash.id,
            valid_from=clash.valid_from,
            valid_until=clash.valid_until,
        )
    raise DomainError(ErrorCode.CONFLICT, message, "id")


@write_operation(Permission.ENDORSE_PRIVILEGE, "endorsePrivilege")
async def endorse_privilege(
    actor: Actor, privilege_id: int, expected_version: int, note: str | None = None
) -> Privilege:
    return await _transition(
        actor,
        Permission.ENDORSE_PRIVILEGE,
        "endorsePrivilege",
        privilege_id,
        expected_version,
        Action.ENDORSE,
        note,
    )


@write_operation(Permission.DECIDE_PRIVILEGE, "approvePrivilege")
async def approve_privilege(
    actor: Actor, privilege_id: int, expected_version: int, approval: Approval
) -> Privilege:
    validation.date_order("validFrom", approval.valid_from, "validUntil", approval.valid_until)
    return await _transition(
        actor,
        Permission.DECIDE_PRIVILEGE,
        "approvePrivilege",
        privilege_id,
        expected_version,
        Action.APPROVE,
        None,
        approval,
    )


@write_operation(Permission.DECIDE_PRIVILEGE, "rejectPrivilege")
async def reject_privilege(
    actor: Actor,
    privilege_id: int,
    expected_version: int,
    reason: str,
    decision: CommitteeInput | None = None,
) -> Privilege:
    return await _transition(
        actor,
        Permission.DECIDE_PRIVILEGE,
        "rejectPrivilege",
        privilege_id,
        expected_version,
        Action.REJECT,
        reason,
        decision,
    )


@write_operation(Permission.REQUEST_PRIVILEGE, "withdrawPrivilege")
async def withdraw_privilege(
    actor: Actor, privilege_id: int, expected_version: int, reason: str
) -> Privilege:
    return await _transition(
        actor,
        Permission.REQUEST_PRIVILEGE,
        "withdrawPrivilege",
        privilege_id,
        expected_version,
        Action.WITHDRAW,
        reason,
    )


@write_operation(Permission.MANAGE_PRIVILEGE, "suspendPrivilege")
async def suspend_privilege(
    actor: Actor, privilege_id: int, expected_version: int, reason: str
) -> Privilege:
    return await _transition(
        actor,
        Permission.MANAGE_PRIVILEGE,
        "suspendPrivilege",
        privilege_id,
        expected_version,
        Action.SUSPEND,
        reason,
    )


@write_operation(Permission.MANAGE_PRIVILEGE, "reinstatePrivilege")
async def reinstate_privilege(
    actor: Actor, privilege_id: int, expected_version: int, reason: str
) -> Privilege:
    return await _transition(
        actor,
        Permission.MANAGE_PRIVILEGE,
        "reinstatePrivilege",
        privilege_id,
        expected_version,
        Action.REINSTATE,
        reason,
    )


@write_operation(Permission.MANAGE_PRIVILEGE, "revokePrivilege")
async def revoke_privilege(
    actor: Actor, privilege_id: int, expected_version: int, reason: str
) -> Privilege:
    return await _transition(
        actor,
        Permission.MANAGE_PRIVILEGE,
        "revokePrivilege",
        privilege_id,
        expected_version,
        Action.REVOKE,
        reason,
    )


# --- the hospital group: institutions, trainees, temporary privileges (issue 16) -------


async def require_site_institution(actor: Actor, site: Site) -> None:
    """An actor tied to institutions manages privileges at their campuses only."""
    if permissions.institution_bound(actor):
        institution = await institutions.institution_of_site(site)
        permissions.require_institution(actor, institution.id, "siteCode")


def require_supervision_for_trainees(practitioner: Practitioner, supervised_only: bool) -> None:
    """TRAINEE (进修) and RESIDENT_TRAINEE (规培) privileges are always supervisedOnly."""
    if practitioner.category in institutions.SUPERVISED_CATEGORIES and not supervised_only:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("A trainee's privileges are always supervised: set supervisedOnly"),
            "supervisedOnly",
        )


@write_operation(Permission.MANAGE_PRIVILEGE, "grantTemporaryPrivilege")
async def grant_temporary_privilege(
    actor: Actor, request: PrivilegeRequest, reason: str
) -> Privilege:
    """A short-term privilege approved by ADMIN alone with a recorded reason: the
    institution's policy term (default 90 days) unless a shorter or longer end is asked
    for, never over 180 days; never renewed by re-evaluation."""
    scope = validation.choice("scope", request.scope, Scope)
    why = validation.text("reason", reason, max_length=1000)
    if request.valid_from is None:
        raise DomainError(
            ErrorCode.VALIDATION, msg("A {kind} is required", kind="validFrom"), "validFrom"
        )
    valid_from = request.valid_from
    validation.date_order("validFrom", valid_from, "validUntil", request.valid_until)
    if (
        request.valid_until is not None
        and (request.valid_until - valid_from).days + 1 > institutions.TEMPORARY_MAX_DAYS
    ):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "A temporary privilege lasts at most {days} days",
                days=institutions.TEMPORARY_MAX_DAYS,
            ),
            "validUntil",
        )

    async def apply(ctx: WriteContext) -> Privilege:
        try:
            practitioner = await practitioner_by(
                request.practitioner_staff_no, request.practitioner_id
            )
        except DomainError as error:
            raise permissions.hide_missing(actor, Permission.MANAGE_PRIVILEGE, error) from None
        await _practitioner_guard(actor, Permission.MANAGE_PRIVILEGE, practitioner)
        if practitioner.status != "ACTIVE":
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The practitioner's status is {status}", status=practitioner.status),
                "practitionerStaffNo",
            )
        site = await site_by(request.site_code, request.site_id)
        await require_site_institution(actor, site)
        require_supervision_for_trainees(practitioner, request.supervised_only)
        target = await _target(request, scope)
        institution = await institutions.institution_of_site(site)
        valid_until = request.valid_until or valid_from + timedelta(
            days=institution.temporary_privilege_days - 1
        )
        valid_until = await institutions.registration_end_cap(practitioner, site, valid_until)
        if valid_until < valid_from:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg(
                    "The practitioner's registration at this institution ends before {date}",
                    date=valid_from,
                ),
                "validFrom",
            )
        privilege = await ctx.create(
            Privilege,
            "privilege.grant_temporary",
            audit_reason=why,
            practitioner=practitioner,
            site=site,
            scope=scope.value,
            supervised_only=request.supervised_only,
            valid_from=valid_from,
            valid_until=valid_until,
            status=Status.ACTIVE.value,
            status_reason=why,
            requested_by=actor.name,
            temporary=True,
            temporary_reason=why,
            **target,
        )
        await ensure_no_overlap(privilege, valid_from, valid_until)
        return privilege

    return await run_write(actor, apply)
