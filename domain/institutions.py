"""The hospital group (issue 16): institutions (医疗机构) and their campuses, the group
(医联体/医共体), where practitioners are registered to practise (多机构执业), coded 执业范围
and the specialty mapping, and technique admission per institution.

A site is a campus of exactly one institution; the default institution (`MAIN` after
set-up or migration) holds every site created without naming one. Writes are audited
through the write path and checked against the actor's institutions
(`permissions.require_institution`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from domain import clock, permissions, validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, run_write
from models import (
    HospitalGroup,
    Institution,
    PracticeRegistration,
    Practitioner,
    Privilege,
    Site,
    Specialty,
    Technique,
    TechniqueAdmission,
)


class InstitutionLevel(StrEnum):
    TERTIARY = "TERTIARY"  # 三级
    SECONDARY = "SECONDARY"  # 二级
    PRIMARY = "PRIMARY"  # 一级
    UNGRADED = "UNGRADED"  # 未定级


class GroupKind(StrEnum):
    MEDICAL_ALLIANCE = "MEDICAL_ALLIANCE"  # 医联体
    COUNTY_COMMUNITY = "COUNTY_COMMUNITY"  # 县域医共体


class RegistrationKind(StrEnum):
    PRIMARY = "PRIMARY"  # 主要执业机构
    MULTI_SITE = "MULTI_SITE"  # 多机构执业
    VISITING = "VISITING"  # 会诊/下沉
    TRAINEE = "TRAINEE"  # 进修/规培


class PractitionerCategory(StrEnum):
    STAFF = "STAFF"
    VISITING_EXPERT = "VISITING_EXPERT"  # 下沉/会诊专家
    TRAINEE = "TRAINEE"  # 进修
    RESIDENT_TRAINEE = "RESIDENT_TRAINEE"  # 规培


class AdmissionStatus(StrEnum):
    APPROVED = "APPROVED"
    IN_USE = "IN_USE"  # a case was performed at one of its campuses (R21 per institution)
    FILED = "FILED"
    SUSPENDED = "SUSPENDED"
    STOPPED = "STOPPED"


# Categories whose privileges are always supervisedOnly.
SUPERVISED_CATEGORIES = frozenset(
    {PractitionerCategory.TRAINEE, PractitionerCategory.RESIDENT_TRAINEE}
)

# 执业类别 · 执业范围, the national list (医师执业注册管理办法 and the 执业范围 provisions):
# code -> (category name, scope name).
PRACTICE_SCOPES: dict[str, tuple[str, str]] = {
    "CLINICAL:INTERNAL_MEDICINE": ("临床类别", "内科专业"),
    "CLINICAL:SURGERY": ("临床类别", "外科专业"),
    "CLINICAL:OBSTETRICS_GYNAECOLOGY": ("临床类别", "妇产科专业"),
    "CLINICAL:PAEDIATRICS": ("临床类别", "儿科专业"),
    "CLINICAL:EYE_ENT": ("临床类别", "眼耳鼻咽喉科专业"),
    "CLINICAL:DERMATOLOGY": ("临床类别", "皮肤病与性病专业"),
    "CLINICAL:MENTAL_HEALTH": ("临床类别", "精神卫生专业"),
    "CLINICAL:OCCUPATIONAL": ("临床类别", "职业病专业"),
    "CLINICAL:IMAGING_RADIOTHERAPY": ("临床类别", "医学影像和放射治疗专业"),
    "CLINICAL:LABORATORY_PATHOLOGY": ("临床类别", "医学检验、病理专业"),
    "CLINICAL:GENERAL_PRACTICE": ("临床类别", "全科医学专业"),
    "CLINICAL:EMERGENCY": ("临床类别", "急救医学专业"),
    "CLINICAL:REHABILITATION": ("临床类别", "康复医学专业"),
    "CLINICAL:PREVENTIVE_CARE": ("临床类别", "预防保健专业"),
    "CLINICAL:SPECIAL_MILITARY": ("临床类别", "特种医学与军事医学专业"),
    "CLINICAL:FAMILY_PLANNING": ("临床类别", "计划生育技术服务专业"),
    "DENTAL:DENTISTRY": ("口腔类别", "口腔专业"),
    "PUBLIC_HEALTH:PUBLIC_HEALTH": ("公共卫生类别", "公共卫生类别专业"),
    "TCM:TCM": ("中医类别", "中医专业"),
    "TCM:INTEGRATED": ("中医类别", "中西医结合专业"),
}

TEMPORARY_MAX_DAYS = 180


def scope_label(code: str) -> str:
    category, scope = PRACTICE_SCOPES.get(code, ("", code))
    return f"{category} · {scope}" if category else scope


def scope_codes(field: str, values: list[str]) -> list[str]:
    """Validated practice-scope codes, sorted and without repeats."""
    result: set[str] = set()
    for index, value in enumerate(values):
        if value not in PRACTICE_SCOPES:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("{value} is not a practice scope of the national list", value=value),
                [field, str(index)],
            )
        result.add(value)
    return sorted(result)


# --- lookups -------------------------------------------------------------------------


async def default_institution() -> Institution:
    found = await Institution.get_or_none(is_default=True)
    if found is None:  # a database set up without migration 9's data step
        found = await Institution.create(
            code="MAIN",
            name="本院",
            is_default=True,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    return found


async def institution_by(
    code: str | None = None, institution_id: int | None = None, field: str = "institutionCode"
) -> Institution:
    """An institution by id or code; with neither, the default institution."""
    if institution_id is not None:
        found = await Institution.get_or_none(id=institution_id)
    elif code:
        found = await Institution.get_or_none(code=code)
    else:
        return await default_institution()
    if found is None:
        raise not_found("Institution", code or institution_id, field)
    return found


async def group_by(
    code: str | None = None, group_id: int | None = None, field: str = "groupCode"
) -> HospitalGroup:
    found = None
    if group_id is not None:
        found = await HospitalGroup.get_or_none(id=group_id)
    elif code:
        found = await HospitalGroup.get_or_none(code=code)
    if found is None:
        raise not_found("HospitalGroup", code or group_id, field)
    return found


async def institution_of_site(site: Site) -> Institution:
    if site.institution_id is None:  # type: ignore[attr-defined]
        return await default_institution()
    return await Institution.get(id=site.institution_id)  # type: ignore[attr-defined]


async def primary_institution_id(practitioner: Practitioner) -> int:
    """The institution of the practitioner's department (their primary institution)."""
    site = await Site.get(departments__id=practitioner.department_id)  # type: ignore[attr-defined]
    return (await institution_of_site(site)).id


# --- reads ---------------------------------------------------------------------------


async def list_institutions(
    actor: Actor, first: int | None, after: int | None, group_code: str | None = None
) -> Page[Institution]:
    permissions.require(actor, Permission.READ_REFERENCE)
    query = Institution.all()
    if group_code:
        query = query.filter(group__code=group_code)
    return await keyset(query, first, after)


async def list_groups(actor: Actor, first: int | None, after: int | None) -> Page[HospitalGroup]:
    permissions.require(actor, Permission.READ_REFERENCE)
    return await keyset(HospitalGroup.all(), first, after)


@dataclass
class UnmappedSpecialty:
    specialty: Specialty
    practitioners_without_coded_scope: int


async def unmapped_specialties(actor: Actor) -> list[UnmappedSpecialty]:
    """Specialties with no practice scope mapped (decisions there do not check 执业范围),
    and for each, how many of its practitioners have no coded scope either."""
    permissions.require(actor, Permission.READ_REFERENCE)
    result = []
    for specialty in await Specialty.all().order_by("code"):
        if specialty.practice_scopes:
            continue
        uncoded = 0
        for codes in await Practitioner.filter(specialty_id=specialty.id).values_list(
            "practice_scope_codes", flat=True
        ):
            uncoded += 0 if codes else 1
        result.append(UnmappedSpecialty(specialty, uncoded))
    return result


# --- writes: institutions and the group ------------------------------------------------


def _policy(values: dict[str, Any], data: dict[str, Any]) -> None:
    limits = {
        "default_validity_months": ("defaultValidityMonths", 1, 36),
        "reevaluation_months": ("reevaluationMonths", 1, 36),
        "emergency_report_hours": ("emergencyReportHours", 1, 168),
        "temporary_privilege_days": ("temporaryPrivilegeDays", 1, TEMPORARY_MAX_DAYS),
    }
    for name, (field, low, high) in limits.items():
        if data.get(name) is not None:
            values[name] = validation.int_range(field, int(data[name]), low, high)


@write_operation(Permission.MANAGE_REFERENCE, "createInstitution")
async def create_institution(
    actor: Actor,
    *,
    code: str,
    name: str,
    licence_no: str = "",
    level: str = "UNGRADED",
    group_code: str | None = None,
    group_lead: bool = False,
    policy: dict[str, Any] | None = None,
) -> Institution:
    permissions.require_group_wide(actor)
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=200),
        "licence_no": validation.text("licenceNo", licence_no, max_length=64, required=False),
        "level": validation.choice("level", level, InstitutionLevel).value,
        "is_group_lead": bool(group_lead),
    }
    _policy(values, policy or {})

    async def apply(ctx: WriteContext) -> Institution:
        if await Institution.exists(code=values["code"]):
            raise DomainError(
                ErrorCode.DUPLICATE,
                msg("Institution {code} already exists", code=values["code"]),
                "code",
            )
        group = await group_by(group_code) if group_code else None
        if group is not None and values["is_group_lead"]:
            await _no_other_lead(group.id, None)
        return await ctx.create(Institution, "institution.create", group=group, **values)

    return await run_write(actor, apply)


async def _no_other_lead(group_id: int, institution_id: int | None) -> None:
    query = Institution.filter(group_id=group_id, is_group_lead=True)
    if institution_id is not None:
        query = query.exclude(id=institution_id)
    if await query.exists():
        raise DomainError(
            ErrorCode.CONFLICT, msg("The group already has a lead institution"), "groupLead"
        )


@write_operation(Permission.MANAGE_REFERENCE, "updateInstitution")
async def update_institution(
    actor: Actor,
    institution_id: int,
    expected_version: int,
    *,
    name: str | None = None,
    licence_no: str | None = None,
    level: str | None = None,
    group_code: str | None = None,
    group_lead: bool | None = None,
    policy: dict[str, Any] | None = None,
) -> Institution:
    """Change an institution; a policy change applies to all its campuses at once."""
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = validation.text("name", name, max_length=200)
    if licence_no is not None:
        changes["licence_no"] = validation.text(
            "licenceNo", licence_no, max_length=64, required=False
        )
    if level is not None:
        changes["level"] = validation.choice("level", level, InstitutionLevel).value
    if group_lead is not None:
        changes["is_group_lead"] = group_lead
    _policy(changes, policy or {})
    if group_code is not None or group_lead is not None:
        permissions.require_group_wide(actor)

    async def apply(ctx: WriteContext) -> Institution:
        institution = await institution_by(institution_id=institution_id, field="id")
        permissions.require_institution(actor, institution.id)
        if group_code is not None:
            changes["group_id"] = (await group_by(group_code)).id if group_code else None
        group_id = changes.get("group_id", institution.group_id)  # type: ignore[attr-defined]
        if changes.get("is_group_lead", institution.is_group_lead) and group_id is not None:
            await _no_other_lead(group_id, institution.id)
        if not changes:
            raise DomainError(ErrorCode.VALIDATION, msg("Nothing to change"))
        updated = await ctx.update(
            institution, "institution.update", changes, expected_version=expected_version
        )
        site_policy = {
            k: v
            for k, v in changes.items()
            if k in ("default_validity_months", "reevaluation_months", "emergency_report_hours")
        }
        if site_policy:  # campuses inherit the institution's policy
            for site in await Site.filter(institution_id=institution.id).order_by("id"):
                await ctx.update(site, "site.inherit_policy", site_policy)
        return updated

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_REFERENCE, "createGroup")
async def create_group(
    actor: Actor, *, code: str, name: str, kind: str = "MEDICAL_ALLIANCE"
) -> HospitalGroup:
    permissions.require_group_wide(actor)
    values = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=200),
        "kind": validation.choice("kind", kind, GroupKind).value,
    }

    async def apply(ctx: WriteContext) -> HospitalGroup:
        if await HospitalGroup.exists(code=values["code"]):
            raise DomainError(
                ErrorCode.DUPLICATE, msg("Group {code} already exists", code=values["code"]), "code"
            )
        return await ctx.create(HospitalGroup, "group.create", **values)

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_REFERENCE, "moveSite")
async def move_site(
    actor: Actor, site_id: int, expected_version: int, institution_code: str
) -> Site:
    """Make a site a campus of another institution: refused while privileges exist at the
    site (they were granted by the old institution's committee and rest on its licence)."""
    permissions.require_group_wide(actor)

    async def apply(ctx: WriteContext) -> Site:
        site = await Site.get_or_none(id=site_id)
        if site is None:
            raise not_found("Site", site_id, "id")
        target = await institution_by(institution_code, field="institutionCode")
        if target.id == site.institution_id:  # type: ignore[attr-defined]
            raise DomainError(ErrorCode.VALIDATION, msg("Nothing to change"), "institutionCode")
        if await Privilege.exists(site_id=site.id):
            raise DomainError(
                ErrorCode.CONFLICT,
                msg(
                    "Site {site} has privileges granted by its institution: it cannot move to "
                    "another institution",
                    site=site.code,
                ),
                "institutionCode",
            )
        return await ctx.update(
            site, "site.move", {"institution_id": target.id}, expected_version=expected_version
        )

    return await run_write(actor, apply)


# --- writes: practice registrations ---------------------------------------------------


@dataclass
class RegistrationInput:
    practitioner_id: int
    institution_code: str | None
    kind: str
    valid_from: date
    valid_until: date | None = None
    note: str = ""


@write_operation(Permission.MANAGE_PRACTITIONERS, "createPracticeRegistration")
async def create_registration(actor: Actor, data: RegistrationInput) -> PracticeRegistration:
    kind = validation.choice("kind", data.kind, RegistrationKind).value
    validation.date_order("validFrom", data.valid_from, "validUntil", data.valid_until)
    note = validation.text("note", data.note, max_length=500, required=False)

    async def apply(ctx: WriteContext) -> PracticeRegistration:
        practitioner = await Practitioner.get_or_none(id=data.practitioner_id)
        if practitioner is None:
            raise permissions.not_visible("practitionerId")
        institution = await institution_by(data.institution_code)
        permissions.require_institution(actor, institution.id)
        return await ctx.create(
            PracticeRegistration,
            "practice_registration.create",
            practitioner=practitioner,
            institution=institution,
            kind=kind,
            valid_from=data.valid_from,
            valid_until=data.valid_until,
            note=note,
        )

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_PRACTITIONERS, "endPracticeRegistration")
async def end_registration(
    actor: Actor, registration_id: int, expected_version: int, valid_until: date, reason: str
) -> PracticeRegistration:
    """End (or shorten) a registration; a visiting expert's privileges at the campuses of
    that institution end with it."""
    why = validation.text("reason", reason, max_length=1000)

    async def apply(ctx: WriteContext) -> PracticeRegistration:
        registration = await PracticeRegistration.get_or_none(id=registration_id)
        if registration is None:
            raise not_found("PracticeRegistration", registration_id, "id")
        permissions.require_institution(actor, registration.institution_id)  # type: ignore[attr-defined]
        validation.date_order("validFrom", registration.valid_from, "validUntil", valid_until)
        updated = await ctx.update(
            registration,
            "practice_registration.end",
            {"valid_until": valid_until},
            expected_version=expected_version,
            reason=why,
        )
        practitioner = await Practitioner.get(id=registration.practitioner_id)  # type: ignore[attr-defined]
        if practitioner.category == PractitionerCategory.VISITING_EXPERT:
            await end_visiting_privileges(ctx, registration, valid_until, why)
        return updated

    return await run_write(actor, apply)


async def end_visiting_privileges(
    ctx: WriteContext, registration: PracticeRegistration, until: date, reason: str
) -> None:
    """A visiting expert's privileges at the host institution end with the registration."""
    institution_id: int = registration.institution_id  # type: ignore[attr-defined]
    sites = await Site.filter(institution_id=institution_id).values_list("id", flat=True)
    held = await Privilege.filter(
        practitioner_id=registration.practitioner_id,  # type: ignore[attr-defined]
        site_id__in=list(sites),
        status__in=["ACTIVE", "SUSPENDED", "REQUESTED", "ENDORSED"],
    ).order_by("id")
    for privilege in held:
        if privilege.valid_until is not None and privilege.valid_until <= until:
            continue
        if privilege.valid_from is not None and privilege.valid_from > until:
            changes: dict[str, Any] = {"status": "REVOKED", "status_reason": reason}
            if privilege.status in ("REQUESTED", "ENDORSED"):
                changes["status"] = "WITHDRAWN"
        elif privilege.status in ("REQUESTED", "ENDORSED"):
            continue  # approval caps it at the registration's end
        else:
            changes = {"valid_until": until, "status_reason": reason}
        await ctx.update(privilege, "privilege.end_with_registration", changes, reason=reason)


async def registration_end_cap(practitioner: Practitioner, site: Site, valid_until: date) -> date:
    """A visiting expert's privilege at a host institution ends no later than their
    registration there (the latest one that has an end)."""
    if practitioner.category != PractitionerCategory.VISITING_EXPERT:
        return valid_until
    institution_id = (await institution_of_site(site)).id
    if institution_id == await primary_institution_id(practitioner):
        return valid_until
    rows = await PracticeRegistration.filter(
        practitioner_id=practitioner.id, institution_id=institution_id
    )
    if not rows or any(r.valid_until is None for r in rows):
        return valid_until
    return min(valid_until, max(r.valid_until for r in rows if r.valid_until is not None))


async def add_primary_registration(ctx: WriteContext, practitioner: Practitioner) -> None:
    """A new practitioner is registered at their department's institution from the start
    (open dates, as for practitioners who existed before institutions did)."""
    institution_id: int = await primary_institution_id(practitioner)
    await ctx.create(
        PracticeRegistration,
        "practice_registration.create",
        practitioner=practitioner,
        institution_id=institution_id,
        kind=RegistrationKind.PRIMARY.value,
        valid_from=None,
        valid_until=None,
        note="",
    )


# --- writes: practice scopes ----------------------------------------------------------


@write_operation(Permission.MANAGE_REFERENCE, "setSpecialtyPracticeScopes")
async def set_specialty_practice_scopes(
    actor: Actor, specialty_code: str, practice_scopes: list[str]
) -> Specialty:
    codes = scope_codes("practiceScopes", practice_scopes)

    async def apply(ctx: WriteContext) -> Specialty:
        specialty = await Specialty.get_or_none(code=specialty_code)
        if specialty is None:
            raise not_found("Specialty", specialty_code, "specialtyCode")
        return await ctx.update(specialty, "specialty.practice_scopes", {"practice_scopes": codes})

    return await run_write(actor, apply)


# --- writes: technique admission per institution --------------------------------------


async def _technique(code: str) -> Technique:
    found = await Technique.get_or_none(code=code)
    if found is None:
        raise not_found("Technique", code, "techniqueCode")
    return found


@write_operation(Permission.MANAGE_TECHNIQUES, "admitTechniqueAtInstitution")
async def admit_technique(
    actor: Actor, technique_code: str, institution_code: str, approved_on: date, reason: str = ""
) -> TechniqueAdmission:
    """The committee of an institution admits a technique another institution of the
    group (its owner) already runs; a prohibited technique is never admitted."""

    async def apply(ctx: WriteContext) -> TechniqueAdmission:
        technique = await _technique(technique_code)
        institution = await institution_by(institution_code)
        permissions.require_institution(actor, institution.id)
        if technique.category == "PROHIBITED":
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A prohibited technique cannot be admitted"),
                "techniqueCode",
            )
        owner = technique.institution_id or (await default_institution()).id  # type: ignore[attr-defined]
        if owner == institution.id:
            raise DomainError(
                ErrorCode.CONFLICT,
                msg("The technique is this institution's own: manage it on the technique"),
                "institutionCode",
            )
        if await TechniqueAdmission.exists(
            technique_id=technique.id, institution_id=institution.id
        ):
            raise DomainError(
                ErrorCode.DUPLICATE,
                msg("Technique {code} is already admitted there", code=technique.code),
                "techniqueCode",
            )
        return await ctx.create(
            TechniqueAdmission,
            "technique_admission.create",
            technique=technique,
            institution=institution,
            status="APPROVED",
            approved_on=approved_on,
            status_reason=validation.text("reason", reason, max_length=1000, required=False)
            or None,
        )

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_TECHNIQUES, "fileTechniqueAtInstitution")
async def file_technique_admission(
    actor: Actor,
    admission_id: int,
    expected_version: int,
    filed_on: date,
    filing_number: str,
    filing_due_on: date | None = None,
) -> TechniqueAdmission:
    """Record the institution's filing (备案) with the authority that issued its licence."""
    number = validation.text("filingNumber", filing_number, max_length=100)

    async def apply(ctx: WriteContext) -> TechniqueAdmission:
        admission = await TechniqueAdmission.get_or_none(id=admission_id)
        if admission is None:
            raise not_found("TechniqueAdmission", admission_id, "id")
        permissions.require_institution(actor, admission.institution_id)  # type: ignore[attr-defined]
        validation.date_order("approvedOn", admission.approved_on, "filedOn", filed_on)
        due = admission.filing_due_on
        if filing_due_on is not None and filing_due_on != due:
            if admission.first_clinical_use_on is not None:
                # R22 per institution: the clock of the first case decides, not the caller.
                raise DomainError(
                    ErrorCode.VALIDATION,
                    msg(
                        "The filing deadline is computed from the first clinical use there "
                        "({due}): it cannot be set",
                        due=due,
                    ),
                    "filingDueOn",
                )
            due = filing_due_on
        changes: dict[str, Any] = {
            "status": "FILED",
            "filed_on": filed_on,
            "filing_number": number,
            "filing_due_on": due,
            "filed_late": due is not None and filed_on > due,
        }
        return await ctx.update(
            admission, "technique_admission.file", changes, expected_version=expected_version
        )

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_TECHNIQUES, "setTechniqueAdmissionStatus")
async def set_admission_status(
    actor: Actor, admission_id: int, expected_version: int, status: str, reason: str
) -> TechniqueAdmission:
    """Suspend, stop or resume (back to APPROVED/FILED) a technique at one institution."""
    why = validation.text("reason", reason, max_length=1000)
    wanted = validation.choice("status", status, AdmissionStatus).value

    async def apply(ctx: WriteContext) -> TechniqueAdmission:
        admission = await TechniqueAdmission.get_or_none(id=admission_id)
        if admission is None:
            raise not_found("TechniqueAdmission", admission_id, "id")
        permissions.require_institution(actor, admission.institution_id)  # type: ignore[attr-defined]
        if (
            admission.status == "STOPPED"
            or (wanted == "FILED" and admission.filed_on is None)
            or (wanted == "IN_USE" and admission.first_clinical_use_on is None)
        ):
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, msg("This change of state is not allowed"), "status"
            )
        return await ctx.update(
            admission,
            "technique_admission.status",
            {"status": wanted, "status_reason": why},
            expected_version=expected_version,
            reason=why,
        )

    return await run_write(actor, apply)
