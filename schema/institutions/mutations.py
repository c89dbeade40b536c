"""The institutions area's GraphQL mutations."""

from __future__ import annotations

from enum import Enum

import strawberry

from domain import institutions
from domain.institutions import RegistrationInput
from models import Institution, PracticeRegistration, TechniqueAdmission
from schema import ids
from schema.context import Info
from schema.errors import UserError, attempt, attempt_call, mutation_payload
from schema.institutions.inputs import (
    AdmitTechniqueInput,
    CreateGroupInput,
    CreateInstitutionInput,
    CreatePracticeRegistrationInput,
    EndPracticeRegistrationInput,
    FileTechniqueAdmissionInput,
    InstitutionPolicyInput,
    MoveSiteInput,
    SetSpecialtyPracticeScopesInput,
    SetTechniqueAdmissionStatusInput,
    UpdateInstitutionInput,
    practice_scopes,
)
from schema.institutions.types import (
    GroupNode,
    InstitutionNode,
    PracticeRegistrationNode,
    PracticeScope,
    TechniqueAdmissionNode,
)


@strawberry.type(description="The institution, or why not.")
class InstitutionPayload:
    institution: InstitutionNode | None = strawberry.field(
        description="The institution as stored after the change; null when userErrors "
        "say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.type(description="The group, or why not.")
class GroupPayload:
    group: GroupNode | None = strawberry.field(
        description="The group as stored after the change; null when userErrors "
        "say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.type(description="The site moved, or why not.")
class MoveSitePayload:
    site_code: str | None = strawberry.field(description="The site moved.")
    institution_code: str | None = strawberry.field(description="Its institution now.")
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.type(description="The registration, or why not.")
class PracticeRegistrationPayload:
    registration: PracticeRegistrationNode | None = strawberry.field(
        description="The practice registration as stored after the change; null when userErrors "
        "say why nothing was written."
    )
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


@strawberry.type(description="The mapping saved, or why not.")
class SpecialtyPracticeScopesPayload:
    specialty_code: str | None = strawberry.field(description="The specialty.")
    practice_scopes: list[PracticeScope] = strawberry.field(description="Its scopes now.")
    user_errors: list[UserError] = strawberry.field(description="What was refused.")


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
