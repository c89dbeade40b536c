"""The hospital group (issue 16): institutions, the group, practice registrations,
coded practice scopes and technique admission per institution."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated

import strawberry

from domain import institutions, permissions
from domain.institutions import PRACTICE_SCOPES, RegistrationInput
from domain.permissions import Permission
from models import HospitalGroup, Institution, PracticeRegistration, TechniqueAdmission
from schema import ids
from schema.context import Info
from schema.errors import UserError, attempt, attempt_call, mutation_payload
from schema.relay import Connection, Node, connection


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
    FILED = strawberry.enum_value("FILED", description="Admitted and filed with the authority.")
    SUSPENDED = strawberry.enum_value("SUSPENDED", description="Clinical use suspended there.")
    STOPPED = strawberry.enum_value("STOPPED", description="Clinical use stopped there (final).")


@strawberry.type(name="PracticeScope", description="执业类别 · 执业范围 from the national list.")
class PracticeScope:
    code: str = strawberry.field(description="Code, e.g. CLINICAL:SURGERY.")
    category: str = strawberry.field(description="执业类别, e.g. 临床类别.")
    name: str = strawberry.field(description="执业范围, e.g. 外科专业.")


def practice_scopes(codes: list[str]) -> list[PracticeScope]:
    return [
        PracticeScope(code=c, category=PRACTICE_SCOPES[c][0], name=PRACTICE_SCOPES[c][1])
        for c in codes
        if c in PRACTICE_SCOPES
    ]


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


# --- inputs and payloads ---------------------------------------------------------------


@strawberry.input(description="Institution policy; omitted values keep their current value.")
class InstitutionPolicyInput:
    default_validity_months: int | None = strawberry.field(default=None, description="1-36 months.")
    reevaluation_months: int | None = strawberry.field(default=None, description="1-36 months.")
    emergency_report_hours: int | None = strawberry.field(default=None, description="1-168.")
    temporary_privilege_days: int | None = strawberry.field(default=None, description="1-180 days.")


@strawberry.input(description="A new institution.")
class CreateInstitutionInput:
    code: str = strawberry.field(description="Unique code.")
    name: str = strawberry.field(
        description="Full registered name of the institution (医疗机构名称), as on its licence."
    )
    licence_no: str = strawberry.field(default="", description="执业许可证 number.")
    level: InstitutionLevelEnum = strawberry.field(
        default=InstitutionLevelEnum.UNGRADED, description="Grade."
    )
    group_code: str | None = strawberry.field(default=None, description="Group to join.")
    group_lead: bool = strawberry.field(default=False, description="Lead of that group.")
    policy: InstitutionPolicyInput | None = strawberry.field(
        default=None,
        description="The institution's policy (validity, re-evaluation months, emergency "
        "report hours, temporary-privilege days); left out: the defaults.",
    )


@strawberry.input(description="Changes to an institution; a policy change reaches its campuses.")
class UpdateInstitutionInput:
    id: strawberry.ID = strawberry.field(description="The institution.")
    expected_version: int = strawberry.field(description="Its version as last read.")
    name: str | None = strawberry.field(default=None, description="New name.")
    licence_no: str | None = strawberry.field(default=None, description="New licence number.")
    level: InstitutionLevelEnum | None = strawberry.field(default=None, description="New grade.")
    group_code: str | None = strawberry.field(
        default=None, description="Group to join; empty string leaves the group."
    )
    group_lead: bool | None = strawberry.field(default=None, description="Lead of its group.")
    policy: InstitutionPolicyInput | None = strawberry.field(
        default=None,
        description="New policy values; campuses inherit them in the same audited write.",
    )


@strawberry.type(description="The institution, or why not.")
class InstitutionPayload:
    institution: InstitutionNode | None = strawberry.field(
        description="The institution as stored after the change; null when userErrors "
        "say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.input(description="A new group of institutions.")
class CreateGroupInput:
    code: str = strawberry.field(description="Unique code.")
    name: str = strawberry.field(description="Name of the hospital group (医联体/医共体).")
    kind: GroupKindEnum = strawberry.field(
        default=GroupKindEnum.MEDICAL_ALLIANCE, description="医联体 or 医共体."
    )


@strawberry.type(description="The group, or why not.")
class GroupPayload:
    group: GroupNode | None = strawberry.field(
        description="The group as stored after the change; null when userErrors "
        "say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.input(description="Make a site a campus of another institution.")
class MoveSiteInput:
    id: strawberry.ID = strawberry.field(description="The site.")
    expected_version: int = strawberry.field(description="Its version as last read.")
    institution_code: str = strawberry.field(description="The institution it moves to.")


@strawberry.type(description="The site moved, or why not.")
class MoveSitePayload:
    site_code: str | None = strawberry.field(description="The site moved.")
    institution_code: str | None = strawberry.field(description="Its institution now.")
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.input(description="A new registration of where a practitioner may practise.")
class CreatePracticeRegistrationInput:
    practitioner_id: strawberry.ID = strawberry.field(description="The practitioner.")
    institution_code: str = strawberry.field(description="The institution.")
    kind: RegistrationKindEnum = strawberry.field(description="Kind of registration.")
    valid_from: date = strawberry.field(description="First day.")
    valid_until: date | None = strawberry.field(default=None, description="Last day, if known.")
    note: str = strawberry.field(default="", description="Free note.")


@strawberry.input(description="End (or shorten) a registration.")
class EndPracticeRegistrationInput:
    id: strawberry.ID = strawberry.field(description="The registration.")
    expected_version: int = strawberry.field(description="Its version as last read.")
    valid_until: date = strawberry.field(description="New last day.")
    reason: str = strawberry.field(description="Why (audited).")


@strawberry.type(description="The registration, or why not.")
class PracticeRegistrationPayload:
    registration: PracticeRegistrationNode | None = strawberry.field(
        description="The practice registration as stored after the change; null when userErrors "
        "say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.input(description="Which practice scopes may operate in a specialty.")
class SetSpecialtyPracticeScopesInput:
    specialty_code: str = strawberry.field(description="The specialty.")
    practice_scopes: list[str] = strawberry.field(
        description="Codes of the national list (see practiceScopes); empty unmaps it."
    )


@strawberry.type(description="The mapping saved, or why not.")
class SpecialtyPracticeScopesPayload:
    specialty_code: str | None = strawberry.field(description="The specialty.")
    practice_scopes: list[PracticeScope] = strawberry.field(description="Its scopes now.")
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.input(description="An institution admits a technique another one owns.")
class AdmitTechniqueInput:
    technique_code: str = strawberry.field(description="The technique.")
    institution_code: str = strawberry.field(description="The admitting institution.")
    approved_on: date = strawberry.field(description="Its committee's approval date.")
    reason: str = strawberry.field(default="", description="Note (audited).")


@strawberry.input(description="Record an institution's filing (备案) of a technique.")
class FileTechniqueAdmissionInput:
    id: strawberry.ID = strawberry.field(description="The admission.")
    expected_version: int = strawberry.field(description="Its version as last read.")
    filed_on: date = strawberry.field(description="Filed on.")
    filing_number: str = strawberry.field(description="The authority's number.")
    filing_due_on: date | None = strawberry.field(default=None, description="Deadline, if any.")


@strawberry.input(description="Suspend, stop or resume a technique at one institution.")
class SetTechniqueAdmissionStatusInput:
    id: strawberry.ID = strawberry.field(description="The admission.")
    expected_version: int = strawberry.field(description="Its version as last read.")
    status: TechniqueAdmissionStatusEnum = strawberry.field(description="The new state.")
    reason: str = strawberry.field(description="Why (audited).")


@strawberry.type(description="The admission, or why not.")
class TechniqueAdmissionPayload:
    admission: TechniqueAdmissionNode | None = strawberry.field(
        description="The institution's admission of the technique after the change; null "
        "when userErrors say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


def _code(member: Enum) -> str:
    """The code of one of this module's enums (strawberry stores the plain string)."""
    return str(member.value)


def _policy(policy: InstitutionPolicyInput | None) -> dict[str, int | None]:
    return dict(vars(policy)) if policy else {}


@strawberry.type
class InstitutionQuery:
    @strawberry.field(description="Institutions (医疗机构), optionally of one group.")
    async def institutions(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
        group_code: Annotated[str | None, strawberry.argument(description="Group code.")] = None,
    ) -> Connection[InstitutionNode]:
        page = await institutions.list_institutions(
            info.context.actor, first, ids.decode_cursor(after), group_code
        )
        return connection(page, InstitutionNode.from_model)

    @strawberry.field(description="Groups (医联体/医共体).")
    async def groups(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
    ) -> Connection[GroupNode]:
        page = await institutions.list_groups(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, GroupNode.from_model)

    @strawberry.field(description="The national list of 执业类别 · 执业范围.")
    def practice_scopes(self, info: Info) -> list[PracticeScope]:
        permissions.require(info.context.actor, Permission.READ_REFERENCE)
        return practice_scopes(list(PRACTICE_SCOPES))

    @strawberry.field(
        description="Specialties not yet mapped to practice scopes (decisions there do not "
        "check 执业范围), for the office to complete."
    )
    async def unmapped_specialties(self, info: Info) -> list[UnmappedSpecialty]:
        rows = await institutions.unmapped_specialties(info.context.actor)
        return [
            UnmappedSpecialty(
                code=r.specialty.code,
                name=r.specialty.name,
                practitioners_without_coded_scope=r.practitioners_without_coded_scope,
            )
            for r in rows
        ]


@strawberry.type
class InstitutionMutation:
    @strawberry.mutation(description="Create an institution (GROUP_ADMIN or unscoped ADMIN).")
    async def create_institution(
        self, info: Info, input: CreateInstitutionInput
    ) -> InstitutionPayload:
        found, errors = await attempt(
            institutions.create_institution(
                info.context.actor,
                code=input.code,
                name=input.name,
                licence_no=input.licence_no,
                level=_code(input.level),
                group_code=input.group_code,
                group_lead=input.group_lead,
                policy=_policy(input.policy),
            )
        )
        node = InstitutionNode.from_model(found) if found else None
        return InstitutionPayload(institution=node, user_errors=errors)

    @strawberry.mutation(description="Change an institution and its campuses' policy.")
    async def update_institution(
        self, info: Info, input: UpdateInstitutionInput
    ) -> InstitutionPayload:
        async def run() -> Institution:
            return await institutions.update_institution(
                info.context.actor,
                ids.decode(input.id, "Institution"),
                input.expected_version,
                name=input.name,
                licence_no=input.licence_no,
                level=_code(input.level) if input.level else None,
                group_code=input.group_code,
                group_lead=input.group_lead,
                policy=_policy(input.policy),
            )

        return await mutation_payload(
            InstitutionPayload, "institution", run, InstitutionNode.from_model
        )

    @strawberry.mutation(description="Create a group of institutions.")
    async def create_group(self, info: Info, input: CreateGroupInput) -> GroupPayload:
        return await mutation_payload(
            GroupPayload,
            "group",
            lambda: institutions.create_group(
                info.context.actor, code=input.code, name=input.name, kind=_code(input.kind)
            ),
            GroupNode.from_model,
        )

    @strawberry.mutation(
        description="Make a site a campus of another institution; refused while privileges "
        "exist at the site."
    )
    async def move_site(self, info: Info, input: MoveSiteInput) -> MoveSitePayload:
        async def run() -> tuple[str, str]:
            site = await institutions.move_site(
                info.context.actor,
                ids.decode(input.id, "Site"),
                input.expected_version,
                input.institution_code,
            )
            return site.code, input.institution_code

        found, errors = await attempt_call(run)
        return MoveSitePayload(
            site_code=found[0] if found else None,
            institution_code=found[1] if found else None,
            user_errors=errors,
        )

    @strawberry.mutation(description="Register a practitioner at an institution (ADMIN, audited).")
    async def create_practice_registration(
        self, info: Info, input: CreatePracticeRegistrationInput
    ) -> PracticeRegistrationPayload:
        async def run() -> PracticeRegistration:
            return await institutions.create_registration(
                info.context.actor,
                RegistrationInput(
                    practitioner_id=ids.decode(
                        input.practitioner_id, "Practitioner", "practitionerId"
                    ),
                    institution_code=input.institution_code,
                    kind=_code(input.kind),
                    valid_from=input.valid_from,
                    valid_until=input.valid_until,
                    note=input.note,
                ),
            )

        return await mutation_payload(
            PracticeRegistrationPayload, "registration", run, PracticeRegistrationNode.from_model
        )

    @strawberry.mutation(
        description="End a registration; a visiting expert's privileges there end with it."
    )
    async def end_practice_registration(
        self, info: Info, input: EndPracticeRegistrationInput
    ) -> PracticeRegistrationPayload:
        async def run() -> PracticeRegistration:
            return await institutions.end_registration(
                info.context.actor,
                ids.decode(input.id, "PracticeRegistration"),
                input.expected_version,
                input.valid_until,
                input.reason,
            )

        return await mutation_payload(
            PracticeRegistrationPayload, "registration", run, PracticeRegistrationNode.from_model
        )

    @strawberry.mutation(description="Map a specialty to the practice scopes that may operate.")
    async def set_specialty_practice_scopes(
        self, info: Info, input: SetSpecialtyPracticeScopesInput
    ) -> SpecialtyPracticeScopesPayload:
        found, errors = await attempt(
            institutions.set_specialty_practice_scopes(
                info.context.actor, input.specialty_code, input.practice_scopes
            )
        )
        return SpecialtyPracticeScopesPayload(
            specialty_code=found.code if found else None,
            practice_scopes=practice_scopes(found.practice_scopes) if found else [],
            user_errors=errors,
        )

    @strawberry.mutation(description="An institution admits a technique of the group.")
    async def admit_technique_at_institution(
        self, info: Info, input: AdmitTechniqueInput
    ) -> TechniqueAdmissionPayload:
        found, errors = await attempt(
            institutions.admit_technique(
                info.context.actor,
                input.technique_code,
                input.institution_code,
                input.approved_on,
                input.reason,
            )
        )
        node = await TechniqueAdmissionNode.build(found) if found else None
        return TechniqueAdmissionPayload(admission=node, user_errors=errors)

    @strawberry.mutation(description="Record an institution's filing (备案) of a technique.")
    async def file_technique_at_institution(
        self, info: Info, input: FileTechniqueAdmissionInput
    ) -> TechniqueAdmissionPayload:
        async def run() -> TechniqueAdmission:
            return await institutions.file_technique_admission(
                info.context.actor,
                ids.decode(input.id, "TechniqueAdmission"),
                input.expected_version,
                input.filed_on,
                input.filing_number,
                input.filing_due_on,
            )

        found, errors = await attempt_call(run)
        node = await TechniqueAdmissionNode.build(found) if found else None
        return TechniqueAdmissionPayload(admission=node, user_errors=errors)

    @strawberry.mutation(description="Suspend, stop or resume a technique at one institution.")
    async def set_technique_admission_status(
        self, info: Info, input: SetTechniqueAdmissionStatusInput
    ) -> TechniqueAdmissionPayload:
        async def run() -> TechniqueAdmission:
            return await institutions.set_admission_status(
                info.context.actor,
                ids.decode(input.id, "TechniqueAdmission"),
                input.expected_version,
                _code(input.status),
                input.reason,
            )

        found, errors = await attempt_call(run)
        node = await TechniqueAdmissionNode.build(found) if found else None
        return TechniqueAdmissionPayload(admission=node, user_errors=errors)
