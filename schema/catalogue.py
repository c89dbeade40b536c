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
from domain.permissions import Permission
from domain.writes import authorize
from models import CatalogueVersion, Procedure, Technique
from schema import ids
from schema.context import Info
from schema.errors import UserError, attempt, attempt_call
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
    filing_due_on_provisional: bool = strawberry.field(
        description="The 15 working days run into a year whose official holiday schedule "
        "is not loaded yet: the deadline may still move."
    )
    filed_on: date | None
    filed_late: bool = strawberry.field(
        description="Filed after the filing deadline (recomputed when an earlier case "
        "is reported late)."
    )
    filing_number: str | None
    ethics_approval_ref: str | None
    stopped_reason: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    lead_id: strawberry.Private[int | None]
    lead_inactive: bool = strawberry.field(
        default=False,
        description="The lead left or was suspended; decisions warn until a new lead is set.",
    )

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
    filed: bool = strawberry.field(
        default=False,
        description="目录备案: in this catalogue version the hospital filed the procedure as "
        "one it is able to perform (三、四级手术实际开展率).",
    )

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
            filed=p.filed,
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


@strawberry.type(name="CatalogueVersion")
class CatalogueVersionType:
    number: int
    effective_from: date
    note: str
    source: str
    added: int
    removed: int
    changed: int
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


@strawberry.type
class CatalogueDiffEntry:
    code: str
    name: str
    grade: int | None
    previous_name: str | None
    previous_grade: int | None


@strawberry.type(name="CatalogueDiff")
class CatalogueDiffType:
    from_version: int
    to_version: int
    added: list[CatalogueDiffEntry]
    removed: list[CatalogueDiffEntry]
    regraded: list[CatalogueDiffEntry]
    changed: list[CatalogueDiffEntry]


@strawberry.type
class ImportRowError:
    line: int = strawberry.field(description="The row number in the file (Excel's row number).")
    column: str | None = strawberry.field(
        description="The canonical column name: code, grade, staff_no, ..."
    )
    message: str
    sheet: str | None = strawberry.field(default=None, description="The XLSX sheet; null for CSV.")
    header: str | None = strawberry.field(
        default=None, description="The column's header as written in the file."
    )
    cell: str | None = strawberry.field(default=None, description='The cell, e.g. "B9".')


@strawberry.type
class ImportReportType:
    dry_run: bool
    rows: int
    added: int
    changed: int
    removed: int
    unchanged: int
    catalogue_version: int | None
    row_errors: list[ImportRowError]
    row_errors_truncated: bool
    sheet: str | None
    header_line: int | None
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
                    message=e.message,
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


@strawberry.input
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
    dry_run: bool = False
    replace: bool = strawberry.field(
        default=False, description="Retire catalogue codes absent from the file."
    )
    effective_from: date | None = None
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
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
    filename: str | None = None
    dry_run: bool = False


@strawberry.type
class ImportPayload:
    report: ImportReportType | None
    user_errors: list[UserError]


MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_XLSX_BYTES = 10 * 1024 * 1024


def _upload(csv: str | None, xlsx_base64: str | None, filename: str | None) -> tuple[bytes, str]:
    """The uploaded file's bytes and name; a DomainError says what is wrong with it."""
    if (csv is None) == (xlsx_base64 is None):
        raise DomainError(ErrorCode.VALIDATION, "请提供 csv 或 xlsxBase64 其中之一", "csv")
    if csv is not None:
        data = csv.encode("utf-8")
        if len(data) > MAX_IMPORT_BYTES:
            raise DomainError(ErrorCode.VALIDATION, "CSV 文件过大：最大 50 MB", "csv")
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
            f".xlsx 文件过大：最大 10 MB，本文件约 {size:.1f} MB；可拆分后分批导入",
            "xlsxBase64",
        )
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError(
            ErrorCode.VALIDATION, "xlsxBase64 不是有效的 base64 编码", "xlsxBase64"
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
                message=f"{len(report.errors)} 处错误，未导入任何数据（见 report.rowErrors；"
                "report.errorWorkbook 是标出错误的 .xlsx）",
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
    @strawberry.field
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
