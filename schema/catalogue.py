"""The procedure catalogue and techniques (read side for now)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain import catalogue
from domain.catalogue import ProcedureFilter
from models import Procedure, Technique
from schema import ids
from schema.context import Info
from schema.errors import UserError, attempt
from schema.organisation import PractitionerType, SpecialtyType
from schema.relay import Connection, Node, connection


@strawberry.type(name="Technique")
class TechniqueType(Node):
    code: str
    name: str
    category: str
    status: str
    approved_on: date | None
    first_clinical_use_on: date | None
    filing_due_on: date | None
    filed_on: date | None
    filing_number: str | None
    ethics_approval_ref: str | None
    stopped_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    lead_id: strawberry.Private[int | None]

    @strawberry.field
    async def lead(self, info: Info) -> PractitionerType | None:
        if self.lead_id is None:
            return None
        found = await info.context.loaders.practitioner.load(self.lead_id)
        return PractitionerType.from_model(found) if found else None

    @classmethod
    def from_model(cls, t: Technique) -> TechniqueType:
        return cls(
            id=strawberry.ID(ids.encode("Technique", t.id)),
            code=t.code,
            name=t.name,
            category=t.category,
            status=t.status,
            approved_on=t.approved_on,
            first_clinical_use_on=t.first_clinical_use_on,
            filing_due_on=t.filing_due_on,
            filed_on=t.filed_on,
            filing_number=t.filing_number,
            ethics_approval_ref=t.ethics_approval_ref,
            stopped_reason=t.stopped_reason,
            created_at=t.created_at,
            updated_at=t.updated_at,
            version=t.version,
            lead_id=t.lead_id,  # type: ignore[attr-defined]
        )


@strawberry.type(name="Procedure")
class ProcedureType(Node):
    code: str
    name: str
    grade: int
    day_surgery: bool
    catalogue_version: int
    effective_from: date
    effective_to: date | None
    created_at: datetime
    updated_at: datetime
    version: int
    specialty_id: strawberry.Private[int]
    technique_id: strawberry.Private[int | None]

    @strawberry.field
    async def specialty(self, info: Info) -> SpecialtyType:
        return SpecialtyType.from_model(
            await info.context.loaders.specialty.load(self.specialty_id)
        )

    @strawberry.field
    async def technique(self, info: Info) -> TechniqueType | None:
        if self.technique_id is None:
            return None
        return TechniqueType.from_model(
            await info.context.loaders.technique.load(self.technique_id)
        )

    @classmethod
    def from_model(cls, p: Procedure) -> ProcedureType:
        return cls(
            id=strawberry.ID(ids.encode("Procedure", p.id)),
            code=p.code,
            name=p.name,
            grade=p.grade,
            day_surgery=p.day_surgery,
            catalogue_version=p.catalogue_version,
            effective_from=p.effective_from,
            effective_to=p.effective_to,
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
            specialty_id=p.specialty_id,  # type: ignore[attr-defined]
            technique_id=p.technique_id,  # type: ignore[attr-defined]
        )


@strawberry.input
class ProcedureFilterInput:
    code: str | None = None
    specialty_code: str | None = None
    grade: int | None = None
    day_surgery: bool | None = None
    technique_code: str | None = None
    search: str | None = None


@strawberry.input
class CreateProcedureInput:
    code: str
    name: str
    grade: int
    specialty_code: str | None = None
    specialty_id: strawberry.ID | None = None
    day_surgery: bool = False
    technique_code: str | None = None
    idempotency_key: str | None = None


@strawberry.type
class ProcedurePayload:
    procedure: ProcedureType | None
    user_errors: list[UserError]


@strawberry.type
class CatalogueQuery:
    @strawberry.field
    async def procedures(
        self,
        info: Info,
        filter: ProcedureFilterInput | None = None,
        catalogue_version: int | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ProcedureType]:
        f = filter or ProcedureFilterInput()
        page = await catalogue.list_procedures(
            info.context.actor,
            ProcedureFilter(
                code=f.code,
                specialty_code=f.specialty_code,
                grade=f.grade,
                day_surgery=f.day_surgery,
                technique_code=f.technique_code,
                search=f.search,
            ),
            first,
            ids.decode_cursor(after),
            catalogue_version,
        )
        return connection(page, ProcedureType.from_model)


@strawberry.type
class CatalogueMutation:
    @strawberry.mutation
    async def create_procedure(self, info: Info, input: CreateProcedureInput) -> ProcedurePayload:
        async def run() -> Procedure:
            return await catalogue.create_procedure(
                info.context.actor,
                code=input.code,
                name=input.name,
                grade_value=input.grade,
                specialty_code=input.specialty_code,
                specialty_id=ids.decode_optional(input.specialty_id, "Specialty", "specialtyId"),
                day_surgery=input.day_surgery,
                technique_code=input.technique_code,
                idempotency_key=input.idempotency_key,
            )

        procedure, errors = await attempt(run())
        return ProcedurePayload(
            procedure=ProcedureType.from_model(procedure) if procedure else None, user_errors=errors
        )
