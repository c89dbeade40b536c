"""Bulk imports (SPEC R3): the graded procedure catalogue and practitioners.

An import is atomic: every row is validated first and any invalid row means nothing is
written; the report lists every bad row with its line number and reason. `dry_run`
reports without writing. Re-importing the same file changes nothing (upsert by code).
Files are read as a stream (CSV: UTF-8 with or without BOM, else GB18030; XLSX through
openpyxl's read-only mode); memory grows only with one small tuple per distinct code.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from domain import catalogue, clock, validation
from domain.actors import Actor
from domain.catalogue import in_version
from domain.errors import DomainError, ErrorCode
from domain.organisation import (
    PractitionerInput,
    PractitionerStatus,
    Title,
    after_status_change,
    practitioner_values,
)
from domain.permissions import Permission
from domain.writes import WriteContext, authorize, run_write
from models import CatalogueVersion, Department, Practitioner, Procedure, Specialty, Technique

PROCEDURE_COLUMNS = ("code", "name", "grade", "specialty", "day_surgery", "technique_code")
PROCEDURE_REQUIRED = ("code", "name", "grade", "specialty")
PRACTITIONER_COLUMNS = (
    "staff_no",
    "name",
    "department_code",
    "specialty_code",
    "title",
    "licence_no",
    "licence_valid_until",
    "practice_scope",
    "status",
    "national_id",
)
PRACTITIONER_REQUIRED = ("staff_no", "name", "department_code", "title")
MAX_ROW_ERRORS = 1000
BATCH = 1000
TRUE_WORDS = {"1", "true", "yes", "y", "t", "是", "√"}
FALSE_WORDS = {"", "0", "false", "no", "n", "f", "否"}


@dataclass
class RowError:
    line: int
    column: str | None
    message: str


@dataclass
class ImportReport:
    dry_run: bool
    rows: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    catalogue_version: int | None = None
    errors: list[RowError] = field(default_factory=list)
    errors_truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line: int, column: str | None, message: str) -> None:
        if len(self.errors) < MAX_ROW_ERRORS:
            self.errors.append(RowError(line, column, message))
        else:
            self.errors_truncated = True


class ImportFailed(DomainError):
    """Raised inside the transaction so it rolls back; carries the report."""

    def __init__(self, report: ImportReport):
        super().__init__(
            ErrorCode.VALIDATION, f"{len(report.errors)} invalid row(s); nothing was imported"
        )
        self.report = report


# --- reading files -----------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped) or, failing that, GB18030 (Excel's Chinese CSV)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise DomainError(
            ErrorCode.VALIDATION, "The file is neither UTF-8 nor GB18030 text", "file"
        ) from None


def read_rows(data: bytes, filename: str = "") -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) pairs with lower-cased, trimmed column names."""
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        yield from _xlsx_rows(data)
        return
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    header: list[str] | None = None
    for row in reader:
        if header is None:
            header = [h.strip().lower().lstrip("\ufeff") for h in row]
            continue
        if not any(cell.strip() for cell in row):
            continue
        yield (
            reader.line_num,
            {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)},
        )
    if header is None:
        raise DomainError(ErrorCode.VALIDATION, "The file is empty", "file")


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise DomainError(ErrorCode.VALIDATION, "Not a readable XLSX workbook", "file") from None
    sheet = book.worksheets[0]
    header: list[str] | None = None
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else str(v).strip() for v in values]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if any(cells):
            yield number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)}
    book.close()


def missing_columns(first_row: dict[str, str], required: tuple[str, ...]) -> list[str]:
    return [column for column in required if column not in first_row]


def parse_bool(value: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    return None


# --- procedures --------------------------------------------------------------------


@dataclass(frozen=True)
class ProcedureRow:
    code: str
    name: str
    grade: int
    specialty_id: int
    day_surgery: bool
    technique_id: int | None


def _procedure_row(
    line: int,
    raw: dict[str, str],
    specialties: dict[str, int],
    techniques: dict[str, int],
    report: ImportReport,
) -> ProcedureRow | None:
    problems = len(report.errors)
    code = raw.get("code", "")
    try:
        code = catalogue.procedure_code("code", code)
    except DomainError as error:
        report.error(line, "code", error.message)
    name = raw.get("name", "")
    if not name or len(name) > 300:
        report.error(line, "name", "name is required (at most 300 characters)")
    grade_text = raw.get("grade", "")
    grade = int(grade_text) if grade_text.isdigit() else 0
    if not 1 <= grade <= 4:
        report.error(line, "grade", f"grade must be 1, 2, 3 or 4 (got {grade_text!r})")
    specialty_id = specialties.get(raw.get("specialty", ""))
    if specialty_id is None:
        report.error(line, "specialty", f"unknown specialty {raw.get('specialty', '')!r}")
    day_surgery = parse_bool(raw.get("day_surgery", ""))
    if day_surgery is None:
        report.error(
            line,
            "day_surgery",
            f"day_surgery must be true or false (got {raw.get('day_surgery')!r})",
        )
    technique_code = raw.get("technique_code", "")
    technique_id = techniques.get(technique_code) if technique_code else None
    if technique_code and technique_id is None:
        report.error(line, "technique_code", f"unknown technique {technique_code!r}")
    if len(report.errors) > problems or report.errors_truncated:
        return None
    assert specialty_id is not None and day_surgery is not None
    return ProcedureRow(code, name, grade, specialty_id, day_surgery, technique_id)


def _current_row(p: dict[str, Any]) -> ProcedureRow:
    return ProcedureRow(
        p["code"],
        p["name"],
        int(p["grade"]),
        int(p["specialty_id"]),
        bool(p["day_surgery"]),
        p["technique_id"],
    )


async def import_procedures(
    actor: Actor,
    data: bytes,
    *,
    filename: str = "",
    dry_run: bool = False,
    replace: bool = False,
    effective_from: date | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> ImportReport:
    """Validate every row, then create a new catalogue version holding the changes."""
    await authorize(actor, Permission.MANAGE_CATALOGUE, "importProcedureCatalogue")
    note = validation.text("note", note, max_length=500, required=False)
    digest = hashlib.sha256(data).hexdigest()
    report = ImportReport(dry_run=dry_run)

    async def apply(ctx: WriteContext) -> CatalogueVersion | ImportReport:
        specialties = dict(await Specialty.all().values_list("code", "id"))  # type: ignore[arg-type]
        techniques = dict(await Technique.all().values_list("code", "id"))  # type: ignore[arg-type]
        newest = await catalogue.current_version()
        current: dict[str, tuple[int, ProcedureRow]] = {}
        if newest is not None:
            for p in await Procedure.filter(in_version(newest.number)).values(
                "id", "code", "name", "grade", "specialty_id", "day_surgery", "technique_id"
            ):
                current[p["code"]] = (p["id"], _current_row(p))
        seen: dict[str, int] = {}
        incoming: list[ProcedureRow] = []
        checked_columns = False
        for line, raw in read_rows(data, filename):
            if not checked_columns:
                missing = missing_columns(raw, PROCEDURE_REQUIRED)
                if missing:
                    report.error(
                        1,
                        None,
                        f"missing column(s): {', '.join(missing)}; expected "
                        f"{', '.join(PROCEDURE_COLUMNS)}",
                    )
                    break
                checked_columns = True
            report.rows += 1
            row = _procedure_row(line, raw, specialties, techniques, report)
            code = raw.get("code", "")
            if code in seen:
                report.error(line, "code", f"duplicate code {code} (first on line {seen[code]})")
                continue
            seen[code] = line
            if row is not None:
                incoming.append(row)
        if report.rows == 0 and not report.errors:
            report.error(1, None, "the file has no data rows")
        if report.errors:
            raise ImportFailed(report)

        changed = [r for r in incoming if r.code in current and current[r.code][1] != r]
        added = [r for r in incoming if r.code not in current]
        removed = [code for code in current if replace and code not in seen]
        report.added, report.changed, report.removed = len(added), len(changed), len(removed)
        report.unchanged = len(incoming) - len(added) - len(changed)
        report.catalogue_version = newest.number if newest else None
        if not (added or changed or removed):
            return report
        start = effective_from or clock.today()
        if newest is not None and start < newest.effective_from:
            raise DomainError(
                ErrorCode.VALIDATION,
                f"effectiveFrom must not be before version {newest.number}'s "
                f"({newest.effective_from})",
                "effectiveFrom",
            )
        number = (newest.number if newest else 0) + 1
        report.catalogue_version = number
        if dry_run:
            return report
        version = await ctx.create(
            CatalogueVersion,
            "catalogue_version.create",
            number=number,
            effective_from=start,
            note=note,
            source=(filename or "upload")[:200],
            added=len(added),
            changed=len(changed),
            removed=len(removed),
        )
        retire = [current[r.code][0] for r in changed] + [current[code][0] for code in removed]
        for index in range(0, len(retire), BATCH):
            await Procedure.filter(id__in=retire[index : index + BATCH]).update(
                retired_in_version=number, effective_to=start - timedelta(days=1)
            )
        moment = clock.now()
        fresh = [
            Procedure(
                code=r.code,
                name=r.name,
                grade=r.grade,
                specialty_id=r.specialty_id,
                day_surgery=r.day_surgery,
                technique_id=r.technique_id,
                catalogue_version=number,
                effective_from=start,
                created_at=moment,
                updated_at=moment,
            )
            for r in added + changed
        ]
        await Procedure.bulk_create(fresh, batch_size=BATCH)
        for r in added:
            ctx.record("procedure.add", "Procedure", r.code, after=_audit_row(r, number))
        for r in changed:
            ctx.record(
                "procedure.change",
                "Procedure",
                r.code,
                before=_audit_row(current[r.code][1], number - 1),
                after=_audit_row(r, number),
            )
        for code in removed:
            ctx.record(
                "procedure.remove",
                "Procedure",
                code,
                before=_audit_row(current[code][1], number - 1),
            )
        ctx.record(
            "catalogue.import",
            "CatalogueVersion",
            version.id,
            after={
                "number": number,
                "effectiveFrom": start.isoformat(),
                "sha256": digest,
                "rows": report.rows,
                "added": len(added),
                "changed": len(changed),
                "removed": len(removed),
            },
        )
        return version

    try:
        await run_write(
            actor,
            Permission.MANAGE_CATALOGUE,
            "importProcedureCatalogue",
            apply,
            idempotency_key=None if dry_run else idempotency_key,
            fingerprint={
                "sha256": digest,
                "replace": replace,
                "effectiveFrom": effective_from,
                "note": note,
            },
        )
    except ImportFailed as failed:
        return failed.report
    return report


def _audit_row(row: ProcedureRow, version: int) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "grade": row.grade,
        "specialtyId": row.specialty_id,
        "daySurgery": row.day_surgery,
        "techniqueId": row.technique_id,
        "catalogueVersion": version,
    }


# --- practitioners -----------------------------------------------------------------


def _practitioner_input(
    line: int, raw: dict[str, str], report: ImportReport
) -> PractitionerInput | None:
    problems = len(report.errors)
    title = raw.get("title", "").upper()
    if title not in Title.__members__:
        report.error(line, "title", f"title must be one of {', '.join(Title.__members__)}")
    status = raw.get("status", "").upper() or "ACTIVE"
    if status not in PractitionerStatus.__members__:
        report.error(line, "status", "status must be ACTIVE, SUSPENDED or LEFT")
    licence_until: date | None = None
    if raw.get("licence_valid_until"):
        try:
            licence_until = date.fromisoformat(raw["licence_valid_until"])
        except ValueError:
            report.error(line, "licence_valid_until", "dates are YYYY-MM-DD")
    data = PractitionerInput(
        staff_no=raw.get("staff_no", ""),
        name=raw.get("name", ""),
        department_code=raw.get("department_code") or None,
        specialty_code=raw.get("specialty_code") or None,
        title=title,
        licence_no=raw.get("licence_no") or None,
        licence_valid_until=licence_until,
        practice_scope=raw.get("practice_scope") or None,
        status=status,
        national_id=raw.get("national_id") or None,
    )
    if len(report.errors) > problems:
        return None
    try:
        practitioner_values(data, creating=True)
    except DomainError as error:
        api_field = (error.field or [""])[0]
        column = {"staffNo": "staff_no", "nationalId": "national_id"}.get(api_field, api_field)
        report.error(line, column, error.message)
    return data if len(report.errors) == problems else None


async def import_practitioners(
    actor: Actor, data: bytes, *, filename: str = "", dry_run: bool = False
) -> ImportReport:
    """Upsert practitioners by staff number; atomic, with a per-line error report."""
    await authorize(actor, Permission.MANAGE_PRACTITIONERS, "importPractitioners")

    report = ImportReport(dry_run=dry_run)

    async def apply(ctx: WriteContext) -> ImportReport:
        departments = dict(await Department.all().values_list("code", "id"))  # type: ignore[arg-type]
        specialties = dict(await Specialty.all().values_list("code", "id"))  # type: ignore[arg-type]
        existing = {p.staff_no: p for p in await Practitioner.all()}
        seen: dict[str, int] = {}
        valid: list[PractitionerInput] = []
        checked = False
        for line, raw in read_rows(data, filename):
            if not checked:
                missing = missing_columns(raw, PRACTITIONER_REQUIRED)
                if missing:
                    report.error(1, None, f"missing column(s): {', '.join(missing)}")
                    break
                checked = True
            report.rows += 1
            item = _practitioner_input(line, raw, report)
            staff_no = raw.get("staff_no", "")
            if staff_no in seen:
                report.error(
                    line, "staff_no", f"duplicate staff_no (first on line {seen[staff_no]})"
                )
                continue
            seen[staff_no] = line
            if item is None:
                continue
            if item.department_code not in departments:
                report.error(
                    line, "department_code", f"unknown department {item.department_code!r}"
                )
                continue
            if item.specialty_code and item.specialty_code not in specialties:
                report.error(line, "specialty_code", f"unknown specialty {item.specialty_code!r}")
                continue
            valid.append(item)
        if report.rows == 0 and not report.errors:
            report.error(1, None, "the file has no data rows")
        if report.errors:
            raise ImportFailed(report)
        for item in valid:
            values = practitioner_values(item, creating=True)
            values["department_id"] = departments[item.department_code or ""]
            values["specialty_id"] = specialties.get(item.specialty_code or "")
            current = existing.get(values["staff_no"])
            if current is None:
                report.added += 1
                if not dry_run:
                    await ctx.create(Practitioner, "practitioner.import", **values)
                continue
            changes = {k: v for k, v in values.items() if getattr(current, k) != v}
            if "national_id_masked" in changes and not item.national_id:
                changes.pop("national_id_masked")
            if not changes:
                report.unchanged += 1
                continue
            report.changed += 1
            if not dry_run:
                before = current.status
                updated = await ctx.update(current, "practitioner.import", changes)
                await after_status_change(ctx, updated, before)  # R14, R23
        return report

    try:
        await run_write(actor, Permission.MANAGE_PRACTITIONERS, "importPractitioners", apply)
    except ImportFailed as failed:
        return failed.report
    return report
