"""The catalogue area's GraphQL mutations."""

from __future__ import annotations

import base64
import binascii

import strawberry

from domain import catalogue, i18n, imports
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.permissions import Permission
from domain.writes import authorize
from models import Procedure
from schema import ids
from schema.catalogue.inputs import (
    CreateProcedureInput,
    ImportPractitionersInput,
    ImportProcedureCatalogueInput,
)
from schema.catalogue.types import ImportReportType, ProcedureType, _locale
from schema.context import Info
from schema.errors import UserError, attempt_call, mutation_payload


@strawberry.type
class ProcedurePayload:
    procedure: ProcedureType | None
    user_errors: list[UserError]


@strawberry.type
class CatalogueMutation:
    @strawberry.mutation(description="Add one procedure to the catalogue (ADMIN).")
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

        return await mutation_payload(ProcedurePayload, "procedure", run, ProcedureType.from_model)


@strawberry.type
class ImportPayload:
    report: ImportReportType | None = strawberry.field(
        description="What the import did, or would do on a dry run; null when refused "
        "before reading rows."
    )
    user_errors: list[UserError]


MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_XLSX_BYTES = 10 * 1024 * 1024


def _upload(csv: str | None, xlsx_base64: str | None, filename: str | None) -> tuple[bytes, str]:
    """The uploaded file's bytes and name; a DomainError says what is wrong with it."""
    if (csv is None) == (xlsx_base64 is None):
        raise DomainError(ErrorCode.VALIDATION, msg("Give either csv or xlsxBase64"), "csv")
    if csv is not None:
        data = csv.encode("utf-8")
        if len(data) > MAX_IMPORT_BYTES:
            raise DomainError(
                ErrorCode.VALIDATION, msg("The CSV file is too large: at most 50 MB"), "csv"
            )
        return data, filename or "graphql.csv"
    assert xlsx_base64 is not None
    text = xlsx_base64.strip()
    if text.startswith("data:"):
        text = text.partition(",")[2]
    text = "".join(text.split())
    if len(text) * 3 // 4 > MAX_XLSX_BYTES:
        size = len(text) * 3 / 4 / 1024 / 1024
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The .xlsx file is too large: at most 10 MB, this one is about {size:.1f} MB; "
                "split it and import the parts",
                size=size,
            ),
            "xlsxBase64",
        )
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError(
            ErrorCode.VALIDATION, msg("xlsxBase64 is not valid base64"), "xlsxBase64"
        ) from None
    name = filename or "upload.xlsx"
    if not name.lower().endswith((".xlsx", ".xlsm")):
        name += ".xlsx"
    return data, name


def _import_payload(
    report: imports.ImportReport | None,
    errors: list[UserError],
    data: bytes = b"",
    filename: str = "",
    locale: str = "zh-CN",
) -> ImportPayload:
    if report is not None and report.errors:
        errors = [
            *errors,
            UserError(
                field=["csv"],
                code=ErrorCode.VALIDATION,
                message=i18n.translate(
                    "{count} error(s): nothing was imported (see report.rowErrors; "
                    "report.errorWorkbook is the .xlsx with the errors marked)",
                    locale,
                    count=len(report.errors),
                ),
            ),
        ]
    return ImportPayload(
        report=ImportReportType.from_report(report, data, filename, locale) if report else None,
        user_errors=errors,
    )


@strawberry.type
class CatalogueImportMutation:
    @strawberry.mutation(
        description="Atomic catalogue import (R3): a new catalogue version "
        "holds the changes; any invalid row means nothing is written. CSV text or an "
        ".xlsx workbook (base64)."
    )
    async def import_procedure_catalogue(
        self, info: Info, input: ImportProcedureCatalogueInput
    ) -> ImportPayload:
        actor = info.context.actor
        upload: list[tuple[bytes, str]] = []

        async def run() -> imports.ImportReport:
            await authorize(actor, Permission.MANAGE_CATALOGUE, "importProcedureCatalogue")
            data, filename = _upload(input.csv, input.xlsx_base64, input.filename)
            upload.append((data, filename))
            return await imports.import_procedures(
                actor,
                data,
                filename=filename,
                dry_run=input.dry_run,
                replace=input.replace,
                effective_from=input.effective_from,
                note=input.note,
                idempotency_key=input.idempotency_key,
            )

        report, errors = await attempt_call(run)
        data, filename = upload[0] if upload else (b"", "")
        return _import_payload(report, errors, data, filename, _locale(info))

    @strawberry.mutation(
        description="Atomic practitioner import, upsert by staff number. CSV text or an "
        ".xlsx workbook (base64)."
    )
    async def import_practitioners(
        self, info: Info, input: ImportPractitionersInput
    ) -> ImportPayload:
        actor = info.context.actor
        upload: list[tuple[bytes, str]] = []

        async def run() -> imports.ImportReport:
            await authorize(actor, Permission.MANAGE_PRACTITIONERS, "importPractitioners")
            data, filename = _upload(input.csv, input.xlsx_base64, input.filename)
            upload.append((data, filename))
            return await imports.import_practitioners(
                actor, data, filename=filename, dry_run=input.dry_run
            )

        report, errors = await attempt_call(run)
        data, filename = upload[0] if upload else (b"", "")
        return _import_payload(report, errors, data, filename, _locale(info))
