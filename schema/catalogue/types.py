"""The procedure catalogue and techniques (read side for now)."""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime
from typing import Annotated

import strawberry

from domain import catalogue, i18n, imports
from domain.catalogue import ProcedureFilter
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.permissions import Permission
from domain.writes import authorize
from models import CatalogueVersion, Procedure, Technique
from schema import ids
from schema.context import Info
from schema.enums import TechniqueCategory, TechniqueStatus
from schema.errors import UserError, attempt_call, mutation_payload
from schema.organisation import PractitionerType, SpecialtyType
from schema.relay import Connection, Node, connection


@strawberry.type(
    name="Technique",
    description="A medical technique (医疗技术) under the technique rules (R21-R25).",
)
class TechniqueType(Node):
    code: str = strawberry.field(description="Short unique code.")
    name: str = strawberry.field(description="Technique name.")
    category: TechniqueCategory = strawberry.field(
        description="Regulatory class (restricted, new, ...)."
    )
    status: TechniqueStatus = strawberry.field(description="Admission lifecycle state.")
    approved_on: date | None = strawberry.field(description="Day the committee approved it.")
    first_clinical_use_on: date | None = strawberry.field(
        description="Day of its first clinical use; starts the filing deadline (R21)."
    )
    filing_due_on: date | None = strawberry.field(
        description="Filing (备案) deadline: 15 working days after first clinical use, "
        "State Council holidays considered (R22)."
    )
    filing_due_on_provisional: bool = strawberry.field(
        description="The 15 working days run into a year whose official holiday schedule "
        "is not loaded yet: the deadline may still move."
    )
    filed_on: date | None = strawberry.field(
        description="Day it was filed with the health authority."
    )
    filed_late: bool = strawberry.field(
        description="Filed after the filing deadline (recomputed when an earlier case "
        "is reported late)."
    )
    filing_number: str | None = strawberry.field(description="The filing's reference number.")
    ethics_approval_ref: str | None = strawberry.field(
        description="Reference of the ethics committee approval."
    )
    stopped_reason: str | None = strawberry.field(description="Why it was suspended or stopped.")
    created_at: datetime
    updated_at: datetime
    version: int
    lead_id: strawberry.Private[int | None]
    lead_inactive: bool = strawberry.field(
        default=False,
        description="The lead left or was suspended; decisions warn until a new lead is set.",
    )

    @strawberry.field(description="The practitioner leading the technique (项目负责人).")
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
            category=TechniqueCategory(t.category),
            status=TechniqueStatus(t.status),
            approved_on=t.approved_on,
            first_clinical_use_on=t.first_clinical_use_on,
            filing_due_on=t.filing_due_on,
            filing_due_on_provisional=t.filing_due_on_provisional,
            filed_on=t.filed_on,
            filed_late=t.filed_late,
            filing_number=t.filing_number,
            ethics_approval_ref=t.ethics_approval_ref,
            stopped_reason=t.stopped_reason,
            lead_inactive=bool(getattr(t, "lead_inactive", False)),
            created_at=t.created_at,
            updated_at=t.updated_at,
            version=t.version,
            lead_id=t.lead_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="Procedure",
    description="A procedure of the catalogue (手术目录) with its grade (手术分级, 1-4).",
)
class ProcedureType(Node):
    code: str = strawberry.field(description="Catalogue code (手术编码), e.g. ICD-9-CM-3 47.0901.")
    name: str = strawberry.field(description="Procedure name (手术名称).")
    grade: int = strawberry.field(
        description="Surgical grade 1-4 (四级 = highest risk, covered only by a PROCEDURE "
        "privilege and needing MDT)."
    )
    day_surgery: bool = strawberry.field(description="In the day-surgery catalogue (日间手术).")
    catalogue_version: int = strawberry.field(
        description="The catalogue version this row belongs to."
    )
    effective_from: date = strawberry.field(description="First day this row is in force.")
    effective_to: date | None = strawberry.field(
        description="Last day in force; null while current."
    )
    created_at: datetime
    updated_at: datetime
    version: int
    specialty_id: strawberry.Private[int]
    technique_id: strawberry.Private[int | None]
    filed: bool = strawberry.field(
        default=False,
        description="目录备案: in this catalogue version the hospital filed the procedure as "
        "one it is able to perform (三、四级手术实际开展率).",
    )

    @strawberry.field(description="The specialty the procedure belongs to.")
    async def specialty(self, info: Info) -> SpecialtyType:
        return SpecialtyType.from_model(
            await info.context.loaders.specialty.load(self.specialty_id)
        )

    @strawberry.field(
        description="The medical technique the procedure applies, if any (technique rules"
        " R21-R25 then apply)."
    )
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
            filed=p.filed,
        )


@strawberry.input(description="Which procedures to list.")
class ProcedureFilterInput:
    code: str | None = strawberry.field(default=None, description="Only this code.")
    specialty_code: str | None = strawberry.field(default=None, description="Only this specialty.")
    grade: int | None = strawberry.field(default=None, description="Only this grade (1-4).")
    day_surgery: bool | None = strawberry.field(
        default=None, description="Only (not) in the day-surgery catalogue."
    )
    technique_code: str | None = strawberry.field(
        default=None, description="Only procedures of this technique."
    )
    search: str | None = strawberry.field(default=None, description="Part of the code or name.")


@strawberry.input(description="A new catalogue procedure (ADMIN); starts a catalogue version.")
class CreateProcedureInput:
    code: str = strawberry.field(description="Catalogue code, unique among current procedures.")
    name: str = strawberry.field(description="Procedure name.")
    grade: int = strawberry.field(description="Surgical grade 1-4.")
    specialty_code: str | None = None
    specialty_id: strawberry.ID | None = None
    day_surgery: bool = strawberry.field(default=False, description="In the day-surgery catalogue.")
    technique_code: str | None = None
    idempotency_key: str | None = None


@strawberry.type
class ProcedurePayload:
    procedure: ProcedureType | None
    user_errors: list[UserError]


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description="Catalogue procedures, by default those of the current version.")
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


@strawberry.type(
    name="CatalogueVersion",
    description="One version of the procedure catalogue (R3): what changed and when "
    "it takes effect.",
)
class CatalogueVersionType:
    number: int = strawberry.field(description="Version number, 1 upwards.")
    effective_from: date = strawberry.field(description="First day the version is in force.")
    note: str = strawberry.field(description="Why the version was made.")
    source: str = strawberry.field(description="Where it came from, e.g. the imported file's name.")
    added: int = strawberry.field(description="Procedures added.")
    removed: int = strawberry.field(description="Procedures retired.")
    changed: int = strawberry.field(description="Procedures renamed or regraded.")
    created_at: datetime

    @classmethod
    def from_model(cls, v: CatalogueVersion) -> CatalogueVersionType:
        return cls(
            number=v.number,
            effective_from=v.effective_from,
            note=v.note,
            source=v.source,
            added=v.added,
            removed=v.removed,
            changed=v.changed,
            created_at=v.created_at,
        )


@strawberry.type(description="One procedure in a catalogue diff.")
class CatalogueDiffEntry:
    code: str = strawberry.field(description="Catalogue code.")
    name: str = strawberry.field(description="Name in the newer version (or the removed one's).")
    grade: int | None = strawberry.field(
        description="Grade in the newer version (or the removed one's)."
    )
    previous_name: str | None = strawberry.field(
        description="Name in the older version, when changed."
    )
    previous_grade: int | None = strawberry.field(
        description="Grade in the older version, when changed."
    )


@strawberry.type(
    name="CatalogueDiff", description="The differences between two catalogue versions."
)
class CatalogueDiffType:
    from_version: int = strawberry.field(description="The older version compared.")
    to_version: int = strawberry.field(description="The newer version compared.")
    added: list[CatalogueDiffEntry] = strawberry.field(description="In toVersion only.")
    removed: list[CatalogueDiffEntry] = strawberry.field(description="In fromVersion only.")
    regraded: list[CatalogueDiffEntry] = strawberry.field(
        description="In both, with another grade."
    )
    changed: list[CatalogueDiffEntry] = strawberry.field(
        description="In both, otherwise changed (e.g. renamed)."
    )


@strawberry.type(description="One bad cell or row of an import.")
class ImportRowError:
    line: int = strawberry.field(description="The row number in the file (Excel's row number).")
    column: str | None = strawberry.field(
        description="The canonical column name: code, grade, staff_no, ..."
    )
    message: str = strawberry.field(description="What is wrong, in the request's language.")
    sheet: str | None = strawberry.field(default=None, description="The XLSX sheet; null for CSV.")
    header: str | None = strawberry.field(
        default=None, description="The column's header as written in the file."
    )
    cell: str | None = strawberry.field(default=None, description='The cell, e.g. "B9".')


@strawberry.type(name="ImportReport", description="What an import did, or would do on a dry run.")
class ImportReportType:
    dry_run: bool = strawberry.field(description="Nothing was written.")
    rows: int = strawberry.field(description="Data rows read.")
    added: int = strawberry.field(description="Records created.")
    changed: int = strawberry.field(description="Records changed.")
    removed: int = strawberry.field(description="Records retired (catalogue replace).")
    unchanged: int = strawberry.field(description="Rows equal to what is stored.")
    catalogue_version: int | None = strawberry.field(
        description="The catalogue version created; null for practitioners or when "
        "nothing was written."
    )
    row_errors: list[ImportRowError] = strawberry.field(
        description="Bad rows; when any, nothing was written."
    )
    row_errors_truncated: bool = strawberry.field(description="More bad rows exist than listed.")
    sheet: str | None = strawberry.field(description="The XLSX sheet read; null for CSV.")
    header_line: int | None = strawberry.field(
        description="The row number of the header row found."
    )
    _report: strawberry.Private[imports.ImportReport]
    _data: strawberry.Private[bytes]
    _filename: strawberry.Private[str]
    _locale: strawberry.Private[str]

    @strawberry.field(
        description="When rows are bad: the uploaded sheet as an .xlsx (base64) with an "
        "error column beside each bad row; null when the import succeeded."
    )
    def error_workbook(self) -> str | None:
        if not self._report.errors:
            return None
        workbook = imports.error_workbook(self._data, self._filename, self._report, self._locale)
        return base64.b64encode(workbook).decode("ascii")

    @classmethod
    def from_report(
        cls, r: imports.ImportReport, data: bytes = b"", filename: str = "", locale: str = "zh-CN"
    ) -> ImportReportType:
        return cls(
            dry_run=r.dry_run,
            rows=r.rows,
            added=r.added,
            changed=r.changed,
            removed=r.removed,
            unchanged=r.unchanged,
            catalogue_version=r.catalogue_version,
            row_errors=[
                ImportRowError(
                    line=e.line,
                    column=e.column,
                    message=i18n.localize(e.message, locale),
                    sheet=e.sheet,
                    header=e.header,
                    cell=e.cell,
                )
                for e in r.errors
            ],
            row_errors_truncated=r.errors_truncated,
            sheet=r.sheet,
            header_line=r.header_line,
            _report=r,
            _data=data,
            _filename=filename,
            _locale=locale,
        )


UPLOAD_HELP = (
    "Give the file either as CSV text (csv) or as an .xlsx workbook, base64-encoded "
    "(xlsxBase64, at most 10 MB before encoding). Headers may be Chinese or English "
    "(docs/imports.md); the header row may sit below title rows."
)


@strawberry.input(description="A catalogue file to import as a new catalogue version.")
class ImportProcedureCatalogueInput:
    csv: str | None = strawberry.field(
        default=None,
        description="CSV text with a header row: 手术编码/code, 手术名称/name, 手术级别/grade, "
        "专业/specialty, 日间手术/day_surgery, 限制类技术编码/technique_code. " + UPLOAD_HELP,
    )
    xlsx_base64: str | None = strawberry.field(
        default=None, description="An .xlsx workbook, base64-encoded. " + UPLOAD_HELP
    )
    filename: str | None = strawberry.field(
        default=None, description="The file's name, kept as the catalogue version's source."
    )
    dry_run: bool = strawberry.field(default=False, description="Check and report without writing.")
    replace: bool = strawberry.field(
        default=False, description="Retire catalogue codes absent from the file."
    )
    effective_from: date | None = strawberry.field(
        default=None, description="First day the new version is in force; default today."
    )
    note: str = strawberry.field(default="", description="Why the version is made; kept on it.")
    idempotency_key: str | None = None


@strawberry.input(
    description="A practitioner file to import (upsert by staff number, all or nothing)."
)
class ImportPractitionersInput:
    csv: str | None = strawberry.field(
        default=None,
        description="CSV text with a header row: 工号/staff_no, 姓名/name, 科室/department_code, "
        "专业/specialty_code, 职称/title, 执业证书编号/licence_no, "
        "执业证书有效期/licence_valid_until, 执业范围/practice_scope, 状态/status, "
        "身份证号/national_id. " + UPLOAD_HELP,
    )
    xlsx_base64: str | None = strawberry.field(
        default=None, description="An .xlsx workbook, base64-encoded. " + UPLOAD_HELP
    )
    filename: str | None = strawberry.field(
        default=None, description="The file's name, for the audit log."
    )
    dry_run: bool = strawberry.field(default=False, description="Check and report without writing.")


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


def _locale(info: Info) -> str:
    """The reader's language, negotiated once per request by api/locale.py."""
    return i18n.current_locale()


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


@strawberry.type
class CatalogueVersionQuery:
    @strawberry.field(description="Every catalogue version, oldest first.")
    async def catalogue_versions(self, info: Info) -> list[CatalogueVersionType]:
        return [
            CatalogueVersionType.from_model(v)
            for v in await catalogue.list_versions(info.context.actor)
        ]

    @strawberry.field(description="Added, removed, regraded and otherwise changed procedures.")
    async def catalogue_diff(
        self,
        info: Info,
        from_version: Annotated[int, strawberry.argument(name="from")],
        to_version: Annotated[int, strawberry.argument(name="to")],
    ) -> CatalogueDiffType:
        diff = await catalogue.catalogue_diff(info.context.actor, from_version, to_version)

        def entries(items: list[catalogue.DiffEntry]) -> list[CatalogueDiffEntry]:
            return [
                CatalogueDiffEntry(
                    code=e.code,
                    name=e.name,
                    grade=e.grade,
                    previous_name=e.previous_name,
                    previous_grade=e.previous_grade,
                )
                for e in items
            ]

        return CatalogueDiffType(
            from_version=diff.from_version,
            to_version=diff.to_version,
            added=entries(diff.added),
            removed=entries(diff.removed),
            regraded=entries(diff.regraded),
            changed=entries(diff.changed),
        )
