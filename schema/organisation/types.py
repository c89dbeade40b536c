"""Sites, departments, specialties and practitioners."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain import organisation, permissions
from domain.permissions import Permission
from models import Department, Practitioner, Site, Specialty
from schema import ids
from schema.context import Info
from schema.enums import PractitionerStatus, PrivilegeStatus, Title
from schema.institutions import PractitionerCategoryEnum
from schema.relay import Connection, Node, reference_nodes

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
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str]) -> list[SiteType | None]:
        return await reference_nodes(info, node_ids, Site, cls.from_model)

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
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[SpecialtyType | None]:
        return await reference_nodes(info, node_ids, Specialty, cls.from_model)

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
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[DepartmentType | None]:
        return await reference_nodes(info, node_ids, Department, cls.from_model)

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
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[PractitionerType | None]:
        # Scoped like its list: the domain read checks the actor's permission and scope.
        found = [
            await organisation.get_practitioner(info.context.actor, practitioner_id=int(node_id))
            for node_id in node_ids
        ]
        return [cls.from_model(row) if row is not None else None for row in found]

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
