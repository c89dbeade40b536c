"""The organisation area's GraphQL inputs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import strawberry

from schema.enums import PractitionerStatus, Title
from schema.institutions import PractitionerCategoryEnum

if TYPE_CHECKING:
    pass


# --- inputs and payloads -----------------------------------------------------------


@strawberry.input(description="Which practitioners to list.")
class PractitionerFilterInput:
    institution_code: str | None = strawberry.field(
        default=None,
        description="Practitioners of this institution or registered to practise there.",
    )
    group_code: str | None = strawberry.field(
        default=None,
        description="Practitioners of, or registered at, any institution of this group.",
    )
    category: PractitionerCategoryEnum | None = strawberry.field(
        default=None, description="Only this category."
    )
    department_code: str | None = strawberry.field(
        default=None, description="Only this department."
    )
    specialty_code: str | None = strawberry.field(default=None, description="Only this specialty.")
    status: PractitionerStatus | None = strawberry.field(
        default=None, description="Only this status."
    )
    title: Title | None = strawberry.field(default=None, description="Only this title.")
    search: str | None = strawberry.field(default=None, description="Part of name or staffNo")


@strawberry.input(description="A new site (ADMIN).")
class CreateSiteInput:
    code: str = strawberry.field(description="Short unique code, e.g. EAST.")
    name: str = strawberry.field(description="Display name.")
    default_validity_months: int | None = strawberry.field(
        default=None,
        description="Months a privilege is valid by default; left out: the institution's "
        "(24 unless set).",
    )
    reevaluation_months: int | None = strawberry.field(
        default=None,
        description="Months between re-evaluations of grade-4 and technique privileges (R33); "
        "left out: the institution's (12 unless set).",
    )
    emergency_report_hours: int | None = strawberry.field(
        default=None,
        description="Hours to review an emergency override (R41); left out: the "
        "institution's (24 unless set).",
    )
    idempotency_key: str | None = None
    institution_code: str | None = strawberry.field(
        default=None,
        description="The institution the site is a campus of (default: the default "
        "institution); policy values left at their defaults take the institution's.",
    )


@strawberry.input(description="A new specialty (ADMIN).")
class CreateSpecialtyInput:
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Display name.")
    idempotency_key: str | None = None


@strawberry.input(description="A new department (ADMIN).")
class CreateDepartmentInput:
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Display name.")
    site_code: str | None = strawberry.field(
        default=None, description="The department's site code; default: the default site."
    )
    site_id: strawberry.ID | None = strawberry.field(
        default=None, description="The department's site id; or give siteCode."
    )
    day_surgery_approved: bool = strawberry.field(
        default=False, description="Admitted to day surgery."
    )
    idempotency_key: str | None = None


@strawberry.input(description="Changes to a department (ADMIN); omitted fields stay.")
class UpdateDepartmentInput:
    id: strawberry.ID
    expected_version: int
    name: str | None = strawberry.field(default=None, description="New display name.")
    day_surgery_approved: bool | None = strawberry.field(
        default=None, description="Admit to or remove from day surgery."
    )


@strawberry.input(description="A new practitioner record.")
class CreatePractitionerInput:
    staff_no: str = strawberry.field(description="Staff number (工号), unique.")
    name: str = strawberry.field(description="Full name.")
    title: Title = strawberry.field(description="Professional title (职称).")
    department_code: str | None = None
    department_id: strawberry.ID | None = None
    specialty_code: str | None = None
    specialty_id: strawberry.ID | None = None
    licence_no: str | None = strawberry.field(
        default=None, description="Practising licence number (执业证书编号)."
    )
    licence_valid_until: date | None = strawberry.field(
        default=None, description="Last day of the practising licence."
    )
    practice_scope: str | None = strawberry.field(
        default=None, description="Registered practice scope (执业范围)."
    )
    national_id: str | None = strawberry.field(
        default=None, description="Full resident id; validated, then only its mask is kept."
    )
    idempotency_key: str | None = None
    category: PractitionerCategoryEnum | None = strawberry.field(
        default=None, description="Default STAFF."
    )
    practice_scope_codes: list[str] | None = strawberry.field(
        default=None, description="Coded 执业范围 (codes of the practiceScopes list)."
    )


@strawberry.input(description="Changes to a practitioner; omitted fields stay.")
class UpdatePractitionerInput:
    id: strawberry.ID
    expected_version: int
    staff_no: str | None = strawberry.field(default=None, description="New staff number.")
    name: str | None = strawberry.field(default=None, description="New name.")
    title: Title | None = strawberry.field(default=None, description="New title.")
    department_code: str | None = None
    department_id: strawberry.ID | None = None
    specialty_code: str | None = None
    specialty_id: strawberry.ID | None = None
    licence_no: str | None = strawberry.field(default=None, description="New licence number.")
    licence_valid_until: date | None = strawberry.field(
        default=None, description="New licence end date."
    )
    clear_licence_valid_until: bool = strawberry.field(
        default=False, description="Remove the licence end date."
    )
    practice_scope: str | None = strawberry.field(default=None, description="New practice scope.")
    status: PractitionerStatus | None = strawberry.field(
        default=None,
        description="New status; LEFT ends every privilege on the leaving date, SUSPENDED"
        " blocks every check (R14).",
    )
    national_id: str | None = strawberry.field(
        default=None, description="Full resident id; validated, then only its mask is kept."
    )
    reason: str | None = None
    category: PractitionerCategoryEnum | None = strawberry.field(
        default=None, description="New category."
    )
    practice_scope_codes: list[str] | None = strawberry.field(
        default=None, description="New coded 执业范围 (codes of the practiceScopes list)."
    )
