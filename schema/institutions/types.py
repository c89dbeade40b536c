"""The hospital group (issue 16): institutions, the group, practice registrations,
coded practice scopes and technique admission per institution."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum

import strawberry

from domain import institutions
from models import HospitalGroup, Institution, PracticeRegistration, TechniqueAdmission
from schema import ids
from schema.context import Info
from schema.relay import Node, reference_nodes


@strawberry.enum(name="InstitutionLevel", description="The grade of a 医疗机构.")
class InstitutionLevelEnum(Enum):
    TERTIARY = strawberry.enum_value("TERTIARY", description="三级医院.")
    SECONDARY = strawberry.enum_value("SECONDARY", description="二级医院.")
    PRIMARY = strawberry.enum_value("PRIMARY", description="一级医院 or primary care.")
    UNGRADED = strawberry.enum_value("UNGRADED", description="Not graded (未定级).")


@strawberry.enum(name="GroupKind", description="What kind of group the institutions form.")
class GroupKindEnum(Enum):
    MEDICAL_ALLIANCE = strawberry.enum_value(
        "MEDICAL_ALLIANCE", description="医联体 (e.g. a city medical group)."
    )
    COUNTY_COMMUNITY = strawberry.enum_value(
        "COUNTY_COMMUNITY", description="县域医共体 (county medical community)."
    )


@strawberry.enum(
    name="RegistrationKind", description="Why a practitioner is registered at an institution."
)
class RegistrationKindEnum(Enum):
    PRIMARY = strawberry.enum_value("PRIMARY", description="主要执业机构 (primary institution).")
    MULTI_SITE = strawberry.enum_value("MULTI_SITE", description="多机构执业 registration.")
    VISITING = strawberry.enum_value("VISITING", description="Visiting (会诊/下沉) registration.")
    TRAINEE = strawberry.enum_value("TRAINEE", description="进修 or 规培 placement.")


@strawberry.enum(name="PractitionerCategory", description="Who the practitioner is to the group.")
class PractitionerCategoryEnum(Enum):
    STAFF = strawberry.enum_value("STAFF", description="Staff of their institution.")
    VISITING_EXPERT = strawberry.enum_value(
        "VISITING_EXPERT",
        description="下沉/会诊专家 from another institution of the group; privileges at a "
        "host institution end with the registration there.",
    )
    TRAINEE = strawberry.enum_value(
        "TRAINEE", description="进修医师: privileges are always supervisedOnly."
    )
    RESIDENT_TRAINEE = strawberry.enum_value(
        "RESIDENT_TRAINEE", description="规培住院医师: privileges are always supervisedOnly."
    )


@strawberry.enum(
    name="TechniqueAdmissionStatus", description="A technique's state at one institution."
)
class TechniqueAdmissionStatusEnum(Enum):
    APPROVED = strawberry.enum_value("APPROVED", description="Admitted, not yet filed (备案).")
    IN_USE = strawberry.enum_value(
        "IN_USE", description="A case was performed at one of its campuses: filing clock runs."
    )
    FILED = strawberry.enum_value("FILED", description="Admitted and filed with the authority.")
    SUSPENDED = strawberry.enum_value("SUSPENDED", description="Clinical use suspended there.")
    STOPPED = strawberry.enum_value("STOPPED", description="Clinical use stopped there (final).")


@strawberry.type(name="PracticeScope", description="执业类别 · 执业范围 from the national list.")
class PracticeScope:
    code: str = strawberry.field(description="Code, e.g. CLINICAL:SURGERY.")
    category: str = strawberry.field(description="执业类别, e.g. 临床类别.")
    name: str = strawberry.field(description="执业范围, e.g. 外科专业.")


@strawberry.type(
    name="Group", description="A 医联体/医共体: institutions under a lead institution."
)
class GroupNode(Node):
    code: str = strawberry.field(description="Unique code of the group.")
    name: str = strawberry.field(description="Name of the group.")
    kind: GroupKindEnum = strawberry.field(description="医联体 or 医共体.")
    pk: strawberry.Private[int]

    @strawberry.field(description="The institutions of the group, the lead first.")
    async def institutions(self) -> list[InstitutionNode]:
        rows = await Institution.filter(group_id=self.pk).order_by("-is_group_lead", "id")
        return [InstitutionNode.from_model(i) for i in rows]

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str]) -> list[GroupNode | None]:
        return await reference_nodes(info, node_ids, HospitalGroup, cls.from_model)

    @classmethod
    def from_model(cls, group: HospitalGroup) -> GroupNode:
        return cls(
            id=strawberry.ID(ids.encode("HospitalGroup", group.id)),
            code=group.code,
            name=group.name,
            kind=GroupKindEnum(group.kind),
            pk=group.id,
        )


@strawberry.type(
    name="Institution",
    description="A 医疗机构 with its own licence: technique admission and filing, committees "
    "and policy are per institution; its campuses (sites) inherit the policy.",
)
class InstitutionNode(Node):
    code: str = strawberry.field(description="Unique code of the institution.")
    name: str = strawberry.field(description="Name of the institution.")
    licence_no: str = strawberry.field(description="医疗机构执业许可证 number.")
    level: InstitutionLevelEnum = strawberry.field(description="三级/二级/一级.")
    is_default: bool = strawberry.field(
        description="The institution sites and practitioners belong to when none is named."
    )
    is_group_lead: bool = strawberry.field(description="The lead institution of its group.")
    default_validity_months: int = strawberry.field(description="Default privilege validity.")
    reevaluation_months: int = strawberry.field(description="Re-evaluation interval (R33).")
    emergency_report_hours: int = strawberry.field(description="Emergency report deadline.")
    temporary_privilege_days: int = strawberry.field(
        description="Default term of a temporary privilege (at most 180 days)."
    )
    created_at: datetime = strawberry.field(description="When the record was created.")
    updated_at: datetime = strawberry.field(description="When the record last changed.")
    version: int = strawberry.field(description="Optimistic-concurrency version.")
    pk: strawberry.Private[int]
    group_id: strawberry.Private[int | None]

    @strawberry.field(description="The group the institution belongs to, if any.")
    async def group(self) -> GroupNode | None:
        if self.group_id is None:
            return None
        found = await HospitalGroup.get_or_none(id=self.group_id)
        return GroupNode.from_model(found) if found else None

    @strawberry.field(description="The campuses (sites) of the institution.")
    async def campuses(self, info: Info) -> list[SiteRef]:
        from models import Site

        rows = await Site.filter(institution_id=self.pk).order_by("id")
        return [SiteRef(code=s.code, name=s.name) for s in rows]

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[InstitutionNode | None]:
        return await reference_nodes(info, node_ids, Institution, cls.from_model)

    @classmethod
    def from_model(cls, i: Institution) -> InstitutionNode:
        return cls(
            id=strawberry.ID(ids.encode("Institution", i.id)),
            code=i.code,
            name=i.name,
            licence_no=i.licence_no,
            level=InstitutionLevelEnum(i.level),
            is_default=i.is_default,
            is_group_lead=i.is_group_lead,
            default_validity_months=i.default_validity_months,
            reevaluation_months=i.reevaluation_months,
            emergency_report_hours=i.emergency_report_hours,
            temporary_privilege_days=i.temporary_privilege_days,
            created_at=i.created_at,
            updated_at=i.updated_at,
            version=i.version,
            pk=i.id,
            group_id=i.group_id,  # type: ignore[attr-defined]
        )


@strawberry.type(name="Campus", description="A site as a campus of an institution.")
class SiteRef:
    code: str = strawberry.field(description="The site's code.")
    name: str = strawberry.field(description="The site's name.")


async def institution_node(institution_id: int | None, info: Info | None = None) -> InstitutionNode:
    """An institution by id (batched through the request's loader when given); None is
    the default institution (a site from before institutions existed)."""
    if institution_id is None:
        return InstitutionNode.from_model(await institutions.default_institution())
    if info is not None:
        found = await info.context.loaders.institution.load(institution_id)
        if found is not None:
            return InstitutionNode.from_model(found)
    return InstitutionNode.from_model(await Institution.get(id=institution_id))


@strawberry.type(
    name="PracticeRegistration",
    description="Where a practitioner is registered to practise (多机构执业).",
)
class PracticeRegistrationNode(Node):
    kind: RegistrationKindEnum = strawberry.field(description="Primary, multi-site, ...")
    valid_from: date | None = strawberry.field(description="First day; null = open start.")
    valid_until: date | None = strawberry.field(description="Last day; null = open end.")
    note: str = strawberry.field(description="Free note (e.g. the agreement).")
    version: int = strawberry.field(description="Optimistic-concurrency version.")
    institution_id: strawberry.Private[int]

    @strawberry.field(description="The institution of the registration.")
    async def institution(self, info: Info) -> InstitutionNode:
        return await institution_node(self.institution_id, info)

    @classmethod
    def from_model(cls, r: PracticeRegistration) -> PracticeRegistrationNode:
        return cls(
            id=strawberry.ID(ids.encode("PracticeRegistration", r.id)),
            kind=RegistrationKindEnum(r.kind),
            valid_from=r.valid_from,
            valid_until=r.valid_until,
            note=r.note,
            version=r.version,
            institution_id=r.institution_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="TechniqueAdmission",
    description="A technique admitted at an institution other than its own.",
)
class TechniqueAdmissionNode(Node):
    technique_code: str = strawberry.field(description="The technique's code.")
    institution_code: str = strawberry.field(description="The admitting institution's code.")
    status: TechniqueAdmissionStatusEnum = strawberry.field(description="State there.")
    approved_on: date = strawberry.field(description="Admitted by its committee on.")
    filing_due_on: date | None = strawberry.field(description="Filing (备案) due by.")
    filed_on: date | None = strawberry.field(description="Filed (备案) on.")
    filing_number: str | None = strawberry.field(description="Filing number.")
    version: int = strawberry.field(description="Optimistic-concurrency version.")
    first_clinical_use_on: date | None = strawberry.field(
        default=None, description="Earliest case of the technique at its campuses (R21)."
    )
    filing_due_on_provisional: bool = strawberry.field(
        default=False, description="The deadline runs past the published holiday calendar."
    )
    filed_late: bool = strawberry.field(
        default=False, description="Filed after the (possibly recomputed) deadline."
    )

    @classmethod
    async def build(cls, a: TechniqueAdmission) -> TechniqueAdmissionNode:
        await a.fetch_related("technique", "institution")
        return cls(
            id=strawberry.ID(ids.encode("TechniqueAdmission", a.id)),
            technique_code=a.technique.code,
            institution_code=a.institution.code,
            status=TechniqueAdmissionStatusEnum(a.status),
            approved_on=a.approved_on,
            filing_due_on=a.filing_due_on,
            filed_on=a.filed_on,
            filing_number=a.filing_number,
            version=a.version,
            first_clinical_use_on=a.first_clinical_use_on,
            filing_due_on_provisional=a.filing_due_on_provisional,
            filed_late=a.filed_late,
        )


@strawberry.type(
    name="UnmappedSpecialty",
    description="A specialty with no practice scope mapped: decisions there do not check "
    "执业范围 until the office completes the mapping.",
)
class UnmappedSpecialty:
    code: str = strawberry.field(description="The specialty's code.")
    name: str = strawberry.field(description="The specialty's name.")
    practitioners_without_coded_scope: int = strawberry.field(
        description="Its practitioners whose 执业范围 is not coded either."
    )
