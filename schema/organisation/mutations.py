"""The organisation area's GraphQL mutations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from domain import organisation
from domain.organisation import PractitionerInput
from models import Department, Practitioner
from schema import ids
from schema.context import Info
from schema.errors import UserError, mutation_payload

if TYPE_CHECKING:
    pass
from schema.organisation.inputs import (
    CreateDepartmentInput,
    CreatePractitionerInput,
    CreateSiteInput,
    CreateSpecialtyInput,
    UpdateDepartmentInput,
    UpdatePractitionerInput,
)
from schema.organisation.queries import _value
from schema.organisation.types import DepartmentType, PractitionerType, SiteType, SpecialtyType


@strawberry.type
class SitePayload:
    site: SiteType | None
    user_errors: list[UserError]


@strawberry.type
class SpecialtyPayload:
    specialty: SpecialtyType | None
    user_errors: list[UserError]


@strawberry.type
class DepartmentPayload:
    department: DepartmentType | None
    user_errors: list[UserError]


@strawberry.type
class PractitionerPayload:
    practitioner: PractitionerType | None
    user_errors: list[UserError]


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
