"""Sites, departments, specialties and practitioners."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain import organisation, permissions
from domain.organisation import PractitionerFilter, PractitionerInput
from domain.permissions import Permission
from models import Department, Practitioner, Site, Specialty
from schema import ids
from schema.context import Info
from schema.enums import PractitionerStatus, PrivilegeStatus, Title
from schema.errors import UserError, mutation_payload
from schema.institutions import PractitionerCategoryEnum
from schema.relay import Connection, Node, connection

if TYPE_CHECKING:
    from schema.audit import AuditEvent
    from schema.cases import CaseStatsType
    from schema.institutions import InstitutionNode, PracticeRegistrationNode, PracticeScope
    from schema.privileges import PrivilegeType


@strawberry.type(name="Site", description="A hospital site (院区); privileges hold per site.")
class SiteType(Node):
    code: str = strawberry.field(description="Short unique code, e.g. MAIN.")
    name: str = strawberry.field(description="Display name, e.g. 本部.")
    is_default: bool = strawberry.field(
        description="The site used when a site is not given (the first one created)."
    )
    default_validity_months: int = strawberry.field(
        description="Months a privilege is valid when approved without validUntil, and a "
        "renewal's term."
    )
    reevaluation_months: int = strawberry.field(
        description="Months after which grade-4 PROCEDURE and TECHNIQUE privileges are "
        "due for re-evaluation (R33)."
    )
    emergency_report_hours: int = strawberry.field(
        description="Hours within which an emergency override must be reviewed (reportDueBy, R41)."
    )
    created_at: datetime
    updated_at: datetime
    version: int
    institution_id: strawberry.Private[int | None] = None

    @strawberry.field(description="The institution (医疗机构) this site is a campus of.")
    async def institution(
        self, info: Info
    ) -> Annotated[InstitutionNode, strawberry.lazy("schema.institutions")]:
        from schema.institutions import institution_node

        return await institution_node(self.institution_id, info)

    @classmethod
    def from_model(cls, site: Site) -> SiteType:
        return cls(
            id=strawberry.ID(ids.encode("Site", site.id)),
            code=site.code,
            name=site.name,
            is_default=site.is_default,
            default_validity_months=site.default_validity_months,
            reevaluation_months=site.reevaluation_months,
            emergency_report_hours=site.emergency_report_hours,
            created_at=site.created_at,
            updated_at=site.updated_at,
            version=site.version,
            institution_id=site.institution_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="Specialty",
    description="A surgical specialty (专业); SURGERY_GRADE privileges and procedures "
    "belong to one.",
)
class SpecialtyType(Node):
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Display name, e.g. 普通外科.")
    created_at: datetime
    updated_at: datetime
    version: int
    scope_codes: strawberry.Private[list[str]] = strawberry.field(default_factory=list)

    @strawberry.field(
        description="The practice scopes (执业范围) that may operate in this specialty; "
        "empty: not mapped yet, decisions do not check the scope."
    )
    def practice_scopes(
        self,
    ) -> list[Annotated[PracticeScope, strawberry.lazy("schema.institutions")]]:
        from schema.institutions import practice_scopes

        return practice_scopes(self.scope_codes)

    @classmethod
    def from_model(cls, specialty: Specialty) -> SpecialtyType:
        return cls(
            id=strawberry.ID(ids.encode("Specialty", specialty.id)),
            code=specialty.code,
            name=specialty.name,
            created_at=specialty.created_at,
            updated_at=specialty.updated_at,
            version=specialty.version,
            scope_codes=list(specialty.practice_scopes or []),
        )


@strawberry.type(
    name="Department",
    description="A clinical department (科室) of a site; heads are scoped by department.",
)
class DepartmentType(Node):
    code: str = strawberry.field(description="Short unique code, e.g. GS1.")
    name: str = strawberry.field(description="Display name, e.g. 普外一科.")
    day_surgery_approved: bool = strawberry.field(
        description="Admitted to day surgery (needed for DAY_SURGERY checks)."
    )
    created_at: datetime
    updated_at: datetime
    version: int
    site_id: strawberry.Private[int]

    @strawberry.field(description="The site the department belongs to.")
    async def site(self, info: Info) -> SiteType:
        return SiteType.from_model(await info.context.loaders.site.load(self.site_id))

    @classmethod
    def from_model(cls, department: Department) -> DepartmentType:
        return cls(
            id=strawberry.ID(ids.encode("Department", department.id)),
            code=department.code,
            name=department.name,
            day_surgery_approved=department.day_surgery_approved,
            created_at=department.created_at,
            updated_at=department.updated_at,
            version=department.version,
            site_id=department.site_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="Practitioner", description="A physician (医师) whose privileges the registry holds."
)
class PractitionerType(Node):
    staff_no: str = strawberry.field(description="Staff number (工号), unique.")
    name: str = strawberry.field(description="Full name.")
    title: Title = strawberry.field(description="Professional title (职称).")
    licence_no: str = strawberry.field(
        description="Practising licence number (执业证书编号); empty if unknown."
    )
    licence_valid_until: date | None = strawberry.field(
        description="Last day of the practising licence; checks after it are "
        "LICENCE_EXPIRED (R14). Null: no end recorded."
    )
    practice_scope: str = strawberry.field(
        description="Registered practice scope (执业范围), as on the licence."
    )
    status: PractitionerStatus = strawberry.field(
        description="Whether the practitioner may practise (R14)."
    )
    national_id_masked: str = strawberry.field(
        description="Masked resident id, e.g. 1101**********1234; the full number is never kept."
    )
    created_at: datetime
    updated_at: datetime
    version: int
    pk: strawberry.Private[int]
    department_id: strawberry.Private[int]
    specialty_id: strawberry.Private[int | None]
    category: PractitionerCategoryEnum = strawberry.field(
        default=PractitionerCategoryEnum.STAFF,
        description="Staff, visiting expert, trainee (进修) or resident trainee (规培).",
    )
    scope_codes: strawberry.Private[list[str]] = strawberry.field(default_factory=list)

    @strawberry.field(
        description="The coded 执业类别 · 执业范围; empty: only the free text practiceScope "
        "is known, and decisions do not check the scope."
    )
    def practice_scope_codes(
        self,
    ) -> list[Annotated[PracticeScope, strawberry.lazy("schema.institutions")]]:
        from schema.institutions import practice_scopes

        return practice_scopes(self.scope_codes)

    @strawberry.field(
        description="Where the practitioner is registered to practise (多机构执业), oldest first."
    )
    async def practice_registrations(
        self, info: Info
    ) -> list[Annotated[PracticeRegistrationNode, strawberry.lazy("schema.institutions")]]:
        from schema.institutions import PracticeRegistrationNode

        rows = await info.context.loaders.registrations_by_practitioner.load(int(self.pk))
        return [PracticeRegistrationNode.from_model(r) for r in rows]

    @strawberry.field(description="The institution of the practitioner's department.")
    async def primary_institution(
        self, info: Info
    ) -> Annotated[InstitutionNode, strawberry.lazy("schema.institutions")]:
        from schema.institutions import institution_node

        department = await info.context.loaders.department.load(self.department_id)
        site = await info.context.loaders.site.load(department.site_id)  # type: ignore[attr-defined]
        return await institution_node(site.institution_id, info)  # type: ignore[attr-defined]

    @strawberry.field(description="The practitioner's department.")
    async def department(self, info: Info) -> DepartmentType:
        return DepartmentType.from_model(
            await info.context.loaders.department.load(self.department_id)
        )

    @strawberry.field(description="The practitioner's specialty, if recorded.")
    async def specialty(self, info: Info) -> SpecialtyType | None:
        if self.specialty_id is None:
            return None
        return SpecialtyType.from_model(
            await info.context.loaders.specialty.load(self.specialty_id)
        )

    @strawberry.field(description="This practitioner's privileges, newest last.")
    async def privileges(
        self, info: Info, status: list[PrivilegeStatus] | None = None
    ) -> list[Annotated[PrivilegeType, strawberry.lazy("schema.privileges")]]:
        from schema.privileges import PrivilegeType

        permissions.require(info.context.actor, Permission.READ_PRIVILEGES)
        rows = await info.context.loaders.privileges_by_practitioner.load(int(self.pk))
        wanted = {s.value for s in status} if status else None
        return [PrivilegeType.from_model(p) for p in rows if wanted is None or p.status in wanted]

    @strawberry.field(description="Every audited change of this record (AUDITOR, ADMIN).")
    async def history(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[AuditEvent, strawberry.lazy("schema.audit")]]:
        from schema.audit import history_of

        return await history_of(info, "Practitioner", self.pk, first, after)

    @strawberry.field(description="Case volume and outcomes from recorded cases.")
    async def case_stats(
        self,
        info: Info,
        from_date: Annotated[date | None, strawberry.argument(name="from")] = None,
        to_date: Annotated[date | None, strawberry.argument(name="to")] = None,
    ) -> Annotated[CaseStatsType, strawberry.lazy("schema.cases")]:
        from domain import cases
        from schema.cases import CaseStatsType

        loaders = info.context.loaders
        practitioner = await loaders.one(loaders.practitioner, self.pk)
        stats = await cases.practitioner_case_stats(
            info.context.actor, practitioner, from_date, to_date
        )
        return CaseStatsType(**vars(stats))

    @classmethod
    def from_model(cls, p: Practitioner) -> PractitionerType:
        return cls(
            id=strawberry.ID(ids.encode("Practitioner", p.id)),
            staff_no=p.staff_no,
            name=p.name,
            title=Title(p.title),
            licence_no=p.licence_no,
            licence_valid_until=p.licence_valid_until,
            practice_scope=p.practice_scope,
            status=PractitionerStatus(p.status),
            national_id_masked=p.national_id_masked,
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
            pk=p.id,
            department_id=p.department_id,  # type: ignore[attr-defined]
            specialty_id=p.specialty_id,  # type: ignore[attr-defined]
            category=PractitionerCategoryEnum(p.category),
            scope_codes=list(p.practice_scope_codes or []),
        )


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


@strawberry.type
class SitePayload:
    site: SiteType | None
    user_errors: list[UserError]


@strawberry.input(description="A new specialty (ADMIN).")
class CreateSpecialtyInput:
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Display name.")
    idempotency_key: str | None = None


@strawberry.type
class SpecialtyPayload:
    specialty: SpecialtyType | None
    user_errors: list[UserError]


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


@strawberry.type
class DepartmentPayload:
    department: DepartmentType | None
    user_errors: list[UserError]


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


@strawberry.type
class PractitionerPayload:
    practitioner: PractitionerType | None
    user_errors: list[UserError]


def _value(member: Enum | None) -> str | None:
    return None if member is None else str(member.value)


def _practitioner_input(
    data: CreatePractitionerInput | UpdatePractitionerInput,
) -> PractitionerInput:
    return PractitionerInput(
        staff_no=data.staff_no,
        name=data.name,
        title=_value(data.title),
        department_code=data.department_code,
        department_id=ids.decode_optional(data.department_id, "Department", "departmentId"),
        specialty_code=data.specialty_code,
        specialty_id=ids.decode_optional(data.specialty_id, "Specialty", "specialtyId"),
        licence_no=data.licence_no,
        licence_valid_until=data.licence_valid_until,
        clear_licence_valid_until=getattr(data, "clear_licence_valid_until", False),
        practice_scope=data.practice_scope,
        status=_value(getattr(data, "status", None)),
        national_id=data.national_id,
        category=_value(data.category),
        practice_scope_codes=data.practice_scope_codes,
    )


@strawberry.type
class OrganisationQuery:
    @strawberry.field(description="Every site.")
    async def sites(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[SiteType]:
        page = await organisation.list_sites(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, SiteType.from_model)

    @strawberry.field(description="Every specialty.")
    async def specialties(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[SpecialtyType]:
        page = await organisation.list_specialties(
            info.context.actor, first, ids.decode_cursor(after)
        )
        return connection(page, SpecialtyType.from_model)

    @strawberry.field(description="Departments, optionally of one site or day-surgery admission.")
    async def departments(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        site_code: str | None = None,
        day_surgery_approved: bool | None = None,
    ) -> Connection[DepartmentType]:
        page = await organisation.list_departments(
            info.context.actor, first, ids.decode_cursor(after), site_code, day_surgery_approved
        )
        return connection(page, DepartmentType.from_model)

    @strawberry.field(description="Practitioners you may see (heads: their departments).")
    async def practitioners(
        self,
        info: Info,
        filter: PractitionerFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PractitionerType]:
        f = filter or PractitionerFilterInput()
        page = await organisation.list_practitioners(
            info.context.actor,
            PractitionerFilter(
                institution_code=f.institution_code,
                group_code=f.group_code,
                category=_value(f.category),
                department_code=f.department_code,
                specialty_code=f.specialty_code,
                status=_value(f.status),
                title=_value(f.title),
                search=f.search,
            ),
            first,
            ids.decode_cursor(after),
        )
        return connection(page, PractitionerType.from_model)

    @strawberry.field(
        description="One practitioner by staff number; null if absent or not visible."
    )
    async def practitioner(self, info: Info, staff_no: str) -> PractitionerType | None:
        found = await organisation.get_practitioner(info.context.actor, staff_no=staff_no)
        return PractitionerType.from_model(found) if found else None


@strawberry.type
class OrganisationMutation:
    @strawberry.mutation(description="Create a site (ADMIN).")
    async def create_site(self, info: Info, input: CreateSiteInput) -> SitePayload:
        return await mutation_payload(
            SitePayload,
            "site",
            lambda: organisation.create_site(
                info.context.actor,
                code=input.code,
                name=input.name,
                default_validity_months=input.default_validity_months,
                reevaluation_months=input.reevaluation_months,
                emergency_report_hours=input.emergency_report_hours,
                idempotency_key=input.idempotency_key,
                institution_code=input.institution_code,
            ),
            SiteType.from_model,
        )

    @strawberry.mutation(description="Create a specialty (ADMIN).")
    async def create_specialty(self, info: Info, input: CreateSpecialtyInput) -> SpecialtyPayload:
        return await mutation_payload(
            SpecialtyPayload,
            "specialty",
            lambda: organisation.create_specialty(
                info.context.actor,
                code=input.code,
                name=input.name,
                idempotency_key=input.idempotency_key,
            ),
            SpecialtyType.from_model,
        )

    @strawberry.mutation(description="Create a department (ADMIN).")
    async def create_department(
        self, info: Info, input: CreateDepartmentInput
    ) -> DepartmentPayload:
        async def run() -> Department:
            return await organisation.create_department(
                info.context.actor,
                code=input.code,
                name=input.name,
                site_code=input.site_code,
                site_id=ids.decode_optional(input.site_id, "Site", "siteId"),
                day_surgery_approved=input.day_surgery_approved,
                idempotency_key=input.idempotency_key,
            )

        return await mutation_payload(
            DepartmentPayload, "department", run, DepartmentType.from_model
        )

    @strawberry.mutation(
        description="Rename a department or change its day-surgery admission (ADMIN)."
    )
    async def update_department(
        self, info: Info, input: UpdateDepartmentInput
    ) -> DepartmentPayload:
        async def run() -> Department:
            return await organisation.update_department(
                info.context.actor,
                ids.decode(input.id, "Department"),
                input.expected_version,
                name=input.name,
                day_surgery_approved=input.day_surgery_approved,
            )

        return await mutation_payload(
            DepartmentPayload, "department", run, DepartmentType.from_model
        )

    @strawberry.mutation(description="Create a practitioner record.")
    async def create_practitioner(
        self, info: Info, input: CreatePractitionerInput
    ) -> PractitionerPayload:
        async def run() -> Practitioner:
            return await organisation.create_practitioner(
                info.context.actor, _practitioner_input(input), input.idempotency_key
            )

        return await mutation_payload(
            PractitionerPayload, "practitioner", run, PractitionerType.from_model
        )

    @strawberry.mutation(description="Change a practitioner record, including status and licence.")
    async def update_practitioner(
        self, info: Info, input: UpdatePractitionerInput
    ) -> PractitionerPayload:
        async def run() -> Practitioner:
            return await organisation.update_practitioner(
                info.context.actor,
                ids.decode(input.id, "Practitioner"),
                input.expected_version,
                _practitioner_input(input),
                reason=input.reason,
            )

        return await mutation_payload(
            PractitionerPayload, "practitioner", run, PractitionerType.from_model
        )
