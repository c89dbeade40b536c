"""The catalogue area's GraphQL inputs."""

from __future__ import annotations

from datetime import date

import strawberry


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
