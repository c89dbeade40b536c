"""The institutions area's GraphQL inputs."""

from __future__ import annotations

from datetime import date

import strawberry

from domain.institutions import PRACTICE_SCOPES
from schema.institutions.types import (
    GroupKindEnum,
    InstitutionLevelEnum,
    PracticeScope,
    RegistrationKindEnum,
    TechniqueAdmissionStatusEnum,
)


def practice_scopes(codes: list[str]) -> list[PracticeScope]:
    return [
        PracticeScope(code=c, category=PRACTICE_SCOPES[c][0], name=PRACTICE_SCOPES[c][1])
        for c in codes
        if c in PRACTICE_SCOPES
    ]


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


@strawberry.input(description="A new group of institutions.")
class CreateGroupInput:
    code: str = strawberry.field(description="Unique code.")
    name: str = strawberry.field(description="Name of the hospital group (医联体/医共体).")
    kind: GroupKindEnum = strawberry.field(
        default=GroupKindEnum.MEDICAL_ALLIANCE, description="医联体 or 医共体."
    )


@strawberry.input(description="Make a site a campus of another institution.")
class MoveSiteInput:
    id: strawberry.ID = strawberry.field(description="The site.")
    expected_version: int = strawberry.field(description="Its version as last read.")
    institution_code: str = strawberry.field(description="The institution it moves to.")


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


@strawberry.input(description="Which practice scopes may operate in a specialty.")
class SetSpecialtyPracticeScopesInput:
    specialty_code: str = strawberry.field(description="The specialty.")
    practice_scopes: list[str] = strawberry.field(
        description="Codes of the national list (see practiceScopes); empty unmaps it."
    )


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
