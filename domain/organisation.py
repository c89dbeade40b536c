"""Sites, departments, specialties and practitioners: reads scoped per role, writes audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model

from domain import clock, permissions, sql, validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import kind_label, msg
from domain.institutions import add_primary_registration, institution_by
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, run_write
from models import Department, Practitioner, Privilege, Site, Specialty, Technique


class Title(StrEnum):
    RESIDENT = "RESIDENT"
    ATTENDING = "ATTENDING"
    ASSOCIATE_CHIEF = "ASSOCIATE_CHIEF"
    CHIEF = "CHIEF"


class PractitionerStatus(StrEnum):
    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    LEFT = "LEFT"


NAME_MAX = 200
M = TypeVar("M", bound=Model)

# --- lookups by business key or id ------------------------------------------------


async def site_by(
    code: str | None = None, site_id: int | None = None, field: str = "siteCode"
) -> Site:
    """A site by id or code; with neither, the default site."""
    if site_id is not None:
        site = await Site.get_or_none(id=site_id)
    elif code:
        site = await Site.get_or_none(code=code)
    else:
        site = await Site.get_or_none(is_default=True)
    if site is None:
        raise not_found("Site", code or site_id or "(default)", field)
    return site


def require_key(kind: str, key: str | None, pk: int | None, field: str) -> None:
    """A row is named by primary key or business key; neither given is a validation
    error (the lookups here, and recordCase's parties read from the decision's facts)."""
    if pk is None and not key:
        raise DomainError(
            ErrorCode.VALIDATION, msg("A {kind} is required", kind=kind_label(kind)), field
        )


async def _by_key(model: type[M], key_field: str, key: str | None, pk: int | None, field: str) -> M:
    """A row by primary key or business key; neither given is a validation error."""
    require_key(model.__name__, key, pk, field)
    if pk is not None:
        found = await model.get_or_none(id=pk)
    else:
        found = await model.filter(**{key_field: key}).first()
    if found is None:
        raise not_found(model.__name__, key or pk, field)
    return found


async def department_by(
    code: str | None = None, department_id: int | None = None, field: str = "departmentCode"
) -> Department:
    return await _by_key(Department, "code", code, department_id, field)


async def specialty_by(
    code: str | None = None, specialty_id: int | None = None, field: str = "specialtyCode"
) -> Specialty:
    return await _by_key(Specialty, "code", code, specialty_id, field)


async def practitioner_by(
    staff_no: str | None = None,
    practitioner_id: int | None = None,
    field: str = "practitionerStaffNo",
) -> Practitioner:
    return await _by_key(Practitioner, "staff_no", staff_no, practitioner_id, field)


# --- reads -------------------------------------------------------------------------


async def list_sites(actor: Actor, first: int | None, after: int | None) -> Page[Site]:
    permissions.require(actor, Permission.READ_REFERENCE)
    return await keyset(Site.all(), first, after)


async def list_specialties(actor: Actor, first: int | None, after: int | None) -> Page[Specialty]:
    permissions.require(actor, Permission.READ_REFERENCE)
    return await keyset(Specialty.all(), first, after)


async def list_departments(
    actor: Actor,
    first: int | None,
    after: int | None,
    site_code: str | None = None,
    day_surgery_approved: bool | None = None,
) -> Page[Department]:
    permissions.require(actor, Permission.READ_REFERENCE)
    query = Department.all()
    if site_code:
        query = query.filter(site__code=site_code)
    if day_surgery_approved is not None:
        query = query.filter(day_surgery_approved=day_surgery_approved)
    return await keyset(query, first, after)


@dataclass
class PractitionerFilter:
    institution_code: str | None = None  # primary institution or registered there
    group_code: str | None = None
    category: str | None = None
    department_code: str | None = None
    specialty_code: str | None = None
    status: str | None = None
    title: str | None = None
    search: str | None = None


async def list_practitioners(
    actor: Actor, filter: PractitionerFilter, first: int | None, after: int | None
) -> Page[Practitioner]:
    scope = permissions.practitioner_scope(actor, Permission.READ_PRACTITIONERS)
    query = Practitioner.all()
    if not scope.everyone:
        query = query.filter(
            Q(department_id__in=list(scope.department_ids)) | Q(id__in=list(scope.practitioner_ids))
        )
    if filter.institution_code:
        query = query.filter(
            Q(department__site__institution__code=filter.institution_code)
            | Q(registrations__institution__code=filter.institution_code)
        ).distinct()
    if filter.group_code:
        query = query.filter(
            Q(department__site__institution__group__code=filter.group_code)
            | Q(registrations__institution__group__code=filter.group_code)
        ).distinct()
    if filter.category:
        from domain.institutions import PractitionerCategory

        query = query.filter(
            category=validation.choice("category", filter.category, PractitionerCategory).value
        )
    if filter.department_code:
        query = query.filter(department__code=filter.department_code)
    if filter.specialty_code:
        query = query.filter(specialty__code=filter.specialty_code)
    if filter.status:
        query = query.filter(
            status=validation.choice("status", filter.status, PractitionerStatus).value
        )
    if filter.title:
        query = query.filter(title=validation.choice("title", filter.title, Title).value)
    if filter.search:
        term = validation.text("search", filter.search, max_length=100)
        query = query.filter(Q(name__icontains=term) | Q(staff_no__icontains=term))
    return await keyset(query, first, after)


async def visible_practitioner(
    actor: Actor, practitioner: Practitioner | None
) -> Practitioner | None:
    """The practitioner if the actor may read it, else None (nothing of it is returned)."""
    if practitioner is None:
        return None
    scope = permissions.practitioner_scope(actor, Permission.READ_PRACTITIONERS)
    if scope.admits(practitioner.id, practitioner.department_id):  # type: ignore[attr-defined]
        return practitioner
    return None


async def get_practitioner(
    actor: Actor, staff_no: str | None = None, practitioner_id: int | None = None
) -> Practitioner | None:
    permissions.require(actor, Permission.READ_PRACTITIONERS)
    if practitioner_id is not None:
        found = await Practitioner.get_or_none(id=practitioner_id)
    else:
        found = await Practitioner.get_or_none(staff_no=staff_no)
    return await visible_practitioner(actor, found)


# --- writes ------------------------------------------------------------------------


async def _unique(
    model: Any, field: str, value: str, label: str, exclude: int | None = None
) -> None:
    query = model.filter(**{field: value})
    if exclude is not None:
        query = query.exclude(id=exclude)
    if await query.exists():
        api_field = {"staff_no": "staffNo"}.get(field, field)
        raise DomainError(
            ErrorCode.DUPLICATE,
            msg("{kind} {value} already exists", kind=kind_label(label), value=value),
            api_field,
        )


@write_operation(Permission.MANAGE_REFERENCE, "createSite")
async def create_site(
    actor: Actor,
    *,
    code: str,
    name: str,
    default_validity_months: int | None = None,
    reevaluation_months: int | None = None,
    emergency_report_hours: int | None = None,
    idempotency_key: str | None = None,
    institution_code: str | None = None,
) -> Site:
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=NAME_MAX),
    }
    # Campuses inherit their institution's policy unless the site sets its own.
    policy: dict[str, Any] = {}
    if default_validity_months is not None:
        policy["default_validity_months"] = validation.int_range(
            "defaultValidityMonths", default_validity_months, 1, 36
        )
    if reevaluation_months is not None:
        policy["reevaluation_months"] = validation.int_range(
            "reevaluationMonths", reevaluation_months, 1, 36
        )
    if emergency_report_hours is not None:
        policy["emergency_report_hours"] = validation.int_range(
            "emergencyReportHours", emergency_report_hours, 1, 168
        )

    async def apply(ctx: WriteContext) -> Site:
        await _unique(Site, "code", values["code"], "Site")
        institution = await institution_by(institution_code)
        permissions.require_institution(actor, institution.id, "institutionCode")
        inherited = {
            "default_validity_months": institution.default_validity_months,
            "reevaluation_months": institution.reevaluation_months,
            "emergency_report_hours": institution.emergency_report_hours,
        }
        is_default = not await Site.exists()
        return await ctx.create(
            Site,
            "site.create",
            is_default=is_default,
            institution=institution,
            **values,
            **{**inherited, **policy},
        )

    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint={**values, **policy, "institution": institution_code},
    )


@write_operation(Permission.MANAGE_REFERENCE, "createSpecialty")
async def create_specialty(
    actor: Actor, *, code: str, name: str, idempotency_key: str | None = None
) -> Specialty:
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=NAME_MAX),
    }

    async def apply(ctx: WriteContext) -> Specialty:
        await _unique(Specialty, "code", values["code"], "Specialty")
        return await ctx.create(Specialty, "specialty.create", **values)

    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint=values,
    )


@write_operation(Permission.MANAGE_REFERENCE, "createDepartment")
async def create_department(
    actor: Actor,
    *,
    code: str,
    name: str,
    site_code: str | None = None,
    site_id: int | None = None,
    day_surgery_approved: bool = False,
    idempotency_key: str | None = None,
) -> Department:
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=NAME_MAX),
        "day_surgery_approved": bool(day_surgery_approved),
    }

    async def apply(ctx: WriteContext) -> Department:
        site = await site_by(site_code, site_id)
        permissions.require_institution(actor, site.institution_id, "siteCode")  # type: ignore[attr-defined]
        await _unique(Department, "code", values["code"], "Department")
        return await ctx.create(Department, "department.create", site=site, **values)

    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint={**values, "site": site_code or site_id},
    )


@write_operation(Permission.MANAGE_REFERENCE, "updateDepartment")
async def update_department(
    actor: Actor,
    department_id: int,
    expected_version: int,
    *,
    name: str | None = None,
    day_surgery_approved: bool | None = None,
) -> Department:
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = validation.text("name", name, max_length=NAME_MAX)
    if day_surgery_approved is not None:
        changes["day_surgery_approved"] = day_surgery_approved

    async def apply(ctx: WriteContext) -> Department:
        department = await department_by(department_id=department_id, field="id")
        return await ctx.update(
            department, "department.update", changes, expected_version=expected_version
        )

    return await run_write(actor, apply)


@dataclass
class PractitionerInput:
    staff_no: str | None = None
    name: str | None = None
    department_code: str | None = None
    department_id: int | None = None
    specialty_code: str | None = None
    specialty_id: int | None = None
    title: str | None = None
    licence_no: str | None = None
    licence_valid_until: date | None = None
    clear_licence_valid_until: bool = False
    practice_scope: str | None = None
    status: str | None = None
    national_id: str | None = None
    category: str | None = None
    practice_scope_codes: list[str] | None = None


def practitioner_values(data: PractitionerInput, creating: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if creating or data.staff_no is not None:
        values["staff_no"] = validation.code("staffNo", data.staff_no)
    if creating or data.name is not None:
        values["name"] = validation.text("name", data.name, max_length=100)
    if creating or data.title is not None:
        values["title"] = validation.choice("title", data.title or "", Title).value
    if data.licence_no is not None:
        values["licence_no"] = validation.text(
            "licenceNo", data.licence_no, max_length=64, required=False
        )
    if data.licence_valid_until is not None:
        values["licence_valid_until"] = data.licence_valid_until
    elif data.clear_licence_valid_until:
        values["licence_valid_until"] = None
    if data.practice_scope is not None:
        values["practice_scope"] = validation.text(
            "practiceScope", data.practice_scope, max_length=200, required=False
        )
    if data.status is not None:
        values["status"] = validation.choice("status", data.status, PractitionerStatus).value
    if data.national_id is not None:
        values["national_id_masked"] = validation.mask_national_id("nationalId", data.national_id)
    if data.category is not None:
        from domain.institutions import PractitionerCategory

        values["category"] = validation.choice(
            "category", data.category, PractitionerCategory
        ).value
    if data.practice_scope_codes is not None:
        from domain.institutions import scope_codes

        values["practice_scope_codes"] = scope_codes(
            "practiceScopeCodes", data.practice_scope_codes
        )
    return values


async def _practitioner_links(data: PractitionerInput, creating: bool) -> dict[str, Any]:
    links: dict[str, Any] = {}
    if creating or data.department_code or data.department_id is not None:
        links["department"] = await department_by(data.department_code, data.department_id)
    if data.specialty_code or data.specialty_id is not None:
        links["specialty"] = await specialty_by(data.specialty_code, data.specialty_id)
    return links


@write_operation(Permission.MANAGE_PRACTITIONERS, "createPractitioner")
async def create_practitioner(
    actor: Actor, data: PractitionerInput, idempotency_key: str | None = None
) -> Practitioner:
    values = practitioner_values(data, creating=True)

    async def apply(ctx: WriteContext) -> Practitioner:
        await _unique(Practitioner, "staff_no", values["staff_no"], "Practitioner")
        links = await _practitioner_links(data, creating=True)
        await _require_department_institution(actor, links["department"])
        created = await ctx.create(Practitioner, "practitioner.create", **values, **links)
        await add_primary_registration(ctx, created)
        return created

    fingerprint = {
        **values,
        "department": data.department_code or data.department_id,
        "specialty": data.specialty_code or data.specialty_id,
        "nationalId": values.get("national_id_masked"),
    }
    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )


@write_operation(Permission.MANAGE_PRACTITIONERS, "updatePractitioner")
async def update_practitioner(
    actor: Actor,
    practitioner_id: int,
    expected_version: int,
    data: PractitionerInput,
    reason: str | None = None,
) -> Practitioner:
    values = practitioner_values(data, creating=False)

    async def apply(ctx: WriteContext) -> Practitioner:
        practitioner = await practitioner_by(practitioner_id=practitioner_id, field="id")
        if "staff_no" in values:
            await _unique(
                Practitioner,
                "staff_no",
                values["staff_no"],
                "Practitioner",
                exclude=practitioner.id,
            )
        links = await _practitioner_links(data, creating=False)
        permissions.require_practitioner_access(
            actor,
            Permission.MANAGE_PRACTITIONERS,
            practitioner.id,
            practitioner.department_id,  # type: ignore[attr-defined]
        )
        if "department" in links:
            await _require_department_institution(actor, links["department"])
        if (
            values.get("category") in ("TRAINEE", "RESIDENT_TRAINEE")
            and await Privilege.filter(
                practitioner_id=practitioner.id,
                supervised_only=False,
                status__in=["REQUESTED", "ENDORSED", "ACTIVE", "SUSPENDED"],
            ).exists()
        ):
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A trainee's privileges are always supervised: set supervisedOnly"),
                "category",
            )
        changes = {**values, **{f"{k}_id": v.id for k, v in links.items()}}
        if not changes:
            raise DomainError(ErrorCode.VALIDATION, msg("Nothing to change"))
        before = practitioner.status
        updated = await ctx.update(
            practitioner,
            "practitioner.update",
            changes,
            expected_version=expected_version,
            reason=reason,
        )
        await after_status_change(ctx, updated, before)
        return updated

    return await run_write(actor, apply)


async def _require_department_institution(actor: Actor, department: Department) -> None:
    """An actor tied to institutions adds staff to their own institutions' departments."""
    if permissions.institution_bound(actor):
        site = await Site.get(id=department.site_id)  # type: ignore[attr-defined]
        permissions.require_institution(actor, site.institution_id, "departmentCode")  # type: ignore[attr-defined]


async def after_status_change(ctx: WriteContext, practitioner: Practitioner, before: str) -> None:
    """What a status change sets off, whichever write made it (update or import):
    R23 flags the techniques a lead no longer ACTIVE leads; R14 ends a rehire's old
    privileges."""
    after = practitioner.status
    if before == "ACTIVE" and after != "ACTIVE":
        await flag_techniques_led_by(ctx, practitioner)
    if before == "LEFT" and after == "ACTIVE":
        await end_privileges_of_rehired(ctx, practitioner)


async def flag_techniques_led_by(ctx: WriteContext, practitioner: Practitioner) -> None:
    """R23: a lead who leaves or is suspended flags the techniques they lead until a new
    lead is set."""
    led = await Technique.filter(lead_id=practitioner.id, lead_inactive=False).exclude(
        status="STOPPED"
    )
    for technique in led:
        await ctx.update(
            technique,
            "technique.lead_inactive",
            {"lead_inactive": True},
            reason=f"技术负责人 {practitioner.staff_no} 状态变为 {practitioner.status}",
        )


async def leaving_date(practitioner_id: int) -> date | None:
    """The date (hospital time) the practitioner was last set to LEFT, from the audit log."""
    rows = await sql.fetch(
        "SELECT occurred_at, before_json, after_json FROM audit_event "
        "WHERE entity_type = 'Practitioner' AND entity_id = ? ORDER BY seq DESC",
        [str(practitioner_id)],
    )
    for row in rows:
        after = json.loads(row["after_json"] or "{}")
        before = json.loads(row["before_json"] or "{}")
        if after.get("status") == "LEFT" and before.get("status") != "LEFT":
            moment = datetime.fromisoformat(str(row["occurred_at"]).replace("Z", "+00:00"))
            return moment.astimezone(clock.get_clock().zone).date()
    return None


async def end_privileges_of_rehired(ctx: WriteContext, practitioner: Practitioner) -> None:
    """R14: a practitioner set back from LEFT to ACTIVE holds none of the earlier
    privileges: they end on the leaving date (a grant that had not started by then is
    revoked); new privileges need the normal approval."""
    left_on = await leaving_date(practitioner.id) or clock.today()
    held = await Privilege.filter(
        practitioner_id=practitioner.id, status__in=["ACTIVE", "SUSPENDED"]
    ).order_by("id")
    note = f"重新入职：离职日 {left_on} 之前的授权于离职日终止，新授权须重新审批"
    for privilege in held:
        if privilege.valid_until is not None and privilege.valid_until <= left_on:
            continue
        if privilege.valid_from is not None and privilege.valid_from <= left_on:
            changes: dict[str, Any] = {"valid_until": left_on, "status_reason": note}
        else:
            changes = {"status": "REVOKED", "status_reason": note}
        await ctx.update(privilege, "privilege.end_on_leaving", changes, reason=note)


async def department_codes(department_ids: list[int]) -> list[str]:
    if not department_ids:
        return []
    rows = (
        await Department.filter(id__in=department_ids)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return [str(code) for code in rows]
