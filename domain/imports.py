"""Bulk imports (SPEC R3, issue 15): the graded procedure catalogue and practitioners.

An import is atomic: every row is validated first and any invalid row means nothing is
written; the report lists every bad row with its sheet, line, cell, column header and
reason (in Chinese). `dry_run` reports without writing. Re-importing the same file
changes nothing (upsert by code). Files are read as a stream through domain.spreadsheets
(CSV in UTF-8 or GB18030; XLSX in openpyxl's read-only mode), which finds the header row
below title rows and accepts the Chinese and English headers listed in docs/imports.md.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from domain import catalogue, clock, spreadsheets, validation
from domain.actors import Actor
from domain.catalogue import in_version
from domain.errors import DomainError, ErrorCode
from domain.i18n import Term, kind_label, localize, msg, translate
from domain.operations import write_operation
from domain.organisation import PractitionerInput, after_status_change, practitioner_values
from domain.permissions import Permission
from domain.spreadsheets import CellError, Column, Table
from domain.writes import WriteContext, dataclass_replay, run_write
from models import CatalogueVersion, Department, Practitioner, Procedure, Specialty, Technique

PROCEDURE_COLUMNS = tuple(c.field for c in spreadsheets.PROCEDURE_COLUMNS)
PROCEDURE_REQUIRED = tuple(c.field for c in spreadsheets.PROCEDURE_COLUMNS if c.required)
PRACTITIONER_COLUMNS = tuple(c.field for c in spreadsheets.PRACTITIONER_COLUMNS)
PRACTITIONER_REQUIRED = tuple(c.field for c in spreadsheets.PRACTITIONER_COLUMNS if c.required)
MAX_ROW_ERRORS = 1000
BATCH = 1000


@dataclass
class RowError:
    line: int
    column: str | None  # the canonical column name (code, grade, staff_no, ...)
    message: str
    sheet: str | None = None  # XLSX sheet name; None for CSV
    header: str | None = None  # the column's header as written in the file
    cell: str | None = None  # e.g. "A5"


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
    sheet: str | None = None
    header_line: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(
        self,
        line: int,
        column: str | None,
        message: str,
        *,
        table: Table | None = None,
    ) -> None:
        if len(self.errors) >= MAX_ROW_ERRORS:
            self.errors_truncated = True
            return
        header = cell = sheet = None
        if table is not None:
            sheet = table.sheet
            if column is not None:
                header = table.headers.get(column)
                cell = table.cell(column, line)
        self.errors.append(RowError(line, column, message, sheet, header, cell))


class ImportFailed(DomainError):
    """Raised inside the transaction so it rolls back; carries the report."""

    def __init__(self, report: ImportReport):
        super().__init__(
            ErrorCode.VALIDATION,
            msg("{count} row(s) have errors: nothing was imported", count=len(report.errors)),
        )
        self.report = report


def describe(error: RowError, locale: str | None = None) -> str:
    """ "工作表“手术目录” 第 5 行 C5【手术级别】：..." for CLI output, in `locale`
    (default: the reader's)."""
    where = []
    if error.sheet:
        where.append(translate("Sheet “{sheet}”", locale, sheet=error.sheet))
    where.append(translate("row {line}", locale, line=error.line))
    if error.cell:
        where.append(error.cell)
    if error.header or error.column:
        where.append(f"【{error.header or error.column}】")
    return translate(
        "{where}: {message}", locale, where=" ".join(where), message=localize(error.message, locale)
    )


# --- reading files -----------------------------------------------------------------


decode = spreadsheets.decode


def _open_table(
    data: bytes, filename: str, columns: tuple[Column, ...], report: ImportReport
) -> Table | None:
    table = spreadsheets.read_table(data, filename, columns)
    report.sheet, report.header_line = table.sheet, table.header_line
    if table.missing:
        labels = {c.field: c for c in columns}
        names = [
            msg("{zh} / {en} ({field})", zh=labels[name].zh, en=labels[name].en, field=name)
            for name in table.missing
        ]
        report.error(
            table.header_line,
            None,
            msg(
                "The header lacks required columns: {names}; docs/imports.md lists the "
                "column names",
                names=names,
            ),
            table=table,
        )
        return None
    return table


class _Row:
    """One data row being checked: reads cells, records errors against the table."""

    def __init__(self, table: Table, raw: spreadsheets.SheetRow, report: ImportReport):
        self.table, self.raw, self.report = table, raw, report
        self.bad = False

    def fail(self, column: str | None, message: str) -> None:
        self.bad = True
        self.report.error(self.raw.line, column, message, table=self.table)

    def read(self, column: str, parse: Callable[[Any], Any], default: Any = None) -> Any:
        try:
            return parse(self.raw.values.get(column))
        except CellError as error:
            self.fail(column, error.message)
            return default

    def code(self, column: str, *, icd: bool = False) -> str:
        try:
            return spreadsheets.code_text(
                self.raw.values.get(column),
                self.raw.formats.get(column, ""),
                self.table.cell(column, self.raw.line),
                self.table.headers.get(column, column),
                icd=icd,
            )
        except CellError as error:
            self.fail(column, error.message)
            return ""

    def reference(
        self,
        column: str,
        maps: tuple[dict[str, int], dict[str, list[int]]],
        what: Term,
        *,
        required: bool = False,
    ) -> int | None:
        """A specialty or department given by code or by name."""
        if spreadsheets.text(self.raw.values.get(column)) == "":
            if required:
                self.fail(column, msg("{what} is required (give its code or its name)", what=what))
            return None
        key = self.code(column)
        if not key:
            return None
        return self.read(column, lambda _value: spreadsheets.lookup(key, *maps, what))  # type: ignore[no-any-return]

    def date(self, column: str) -> date | None:
        cell = self.table.cell(column, self.raw.line)
        return self.read(column, lambda value: spreadsheets.day(value, cell))


async def _lookup_maps(
    model: Any,
) -> tuple[dict[str, int], dict[str, list[int]]]:
    by_code: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for pk, code, name in await model.all().values_list("id", "code", "name"):
        by_code[code] = int(pk)
        by_name.setdefault(name, []).append(int(pk))
    return by_code, by_name


# --- procedures --------------------------------------------------------------------


@dataclass(frozen=True)
class ProcedureRow:
    code: str
    name: str
    grade: int
    specialty_id: int
    day_surgery: bool
    technique_id: int | None
    filed: bool = False  # 目录备案 (issue 17)


def _procedure_row(
    table: Table,
    raw: spreadsheets.SheetRow,
    specialties: tuple[dict[str, int], dict[str, list[int]]],
    techniques: tuple[dict[str, int], dict[str, list[int]]],
    report: ImportReport,
) -> tuple[str, ProcedureRow | None]:
    row = _Row(table, raw, report)
    code = row.code("code", icd=True)
    if code:
        try:
            code = catalogue.procedure_code("code", code)
        except DomainError:
            row.fail(
                "code",
                msg("Procedure code “{code}” is not in ICD-9-CM-3 form (e.g. 47.0901)", code=code),
            )
    elif not row.bad:
        row.fail("code", msg("The procedure code is required"))
    name = spreadsheets.text(raw.values.get("name"))
    if not name or len(name) > 300:
        row.fail("name", msg("The procedure name is required (at most 300 characters)"))
    grade = row.read("grade", spreadsheets.grade, 0)
    specialty_id = row.reference("specialty", specialties, kind_label("Specialty"), required=True)
    day_surgery = row.read("day_surgery", spreadsheets.yes_no)
    technique_id = row.reference("technique_code", techniques, kind_label("Technique"))
    filed = row.read("filed", spreadsheets.yes_no, False)
    if row.bad:
        return code, None
    assert specialty_id is not None and day_surgery is not None
    return code, ProcedureRow(
        code, name, grade, specialty_id, day_surgery, technique_id, bool(filed)
    )


def _current_row(p: dict[str, Any]) -> ProcedureRow:
    return ProcedureRow(
        p["code"],
        p["name"],
        int(p["grade"]),
        int(p["specialty_id"]),
        bool(p["day_surgery"]),
        p["technique_id"],
        bool(p["filed"]),
    )


@write_operation(Permission.MANAGE_CATALOGUE, "importProcedureCatalogue")
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
    note = validation.text("note", note, max_length=500, required=False)
    digest = hashlib.sha256(data).hexdigest()
    report = ImportReport(dry_run=dry_run)

    async def apply(ctx: WriteContext) -> ImportReport:
        specialties = await _lookup_maps(Specialty)
        techniques = await _lookup_maps(Technique)
        newest = await catalogue.current_version()
        current: dict[str, tuple[int, ProcedureRow]] = {}
        if newest is not None:
            for p in await Procedure.filter(in_version(newest.number)).values(
                "id",
                "code",
                "name",
                "grade",
                "specialty_id",
                "day_surgery",
                "technique_id",
                "filed",
            ):
                current[p["code"]] = (p["id"], _current_row(p))
        seen: dict[str, int] = {}
        incoming: list[ProcedureRow] = []
        table = _open_table(data, filename, spreadsheets.PROCEDURE_COLUMNS, report)
        for raw in table.rows if table is not None else ():
            assert table is not None
            report.rows += 1
            code, row = _procedure_row(table, raw, specialties, techniques, report)
            if code and code in seen:
                report.error(
                    raw.line,
                    "code",
                    msg(
                        "Procedure code {code} appears twice (first on row {first})",
                        code=code,
                        first=seen[code],
                    ),
                    table=table,
                )
                continue
            if code:
                seen[code] = raw.line
            if row is not None:
                incoming.append(row)
        if report.rows == 0 and not report.errors:
            report.error(
                report.header_line or 1, None, msg("The file has no data rows"), table=table
            )
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
                msg(
                    "The effective date must not be before that of catalogue version {number} "
                    "({effective_from})",
                    number=newest.number,
                    effective_from=newest.effective_from,
                ),
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
                filed=r.filed,
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
        return report

    try:
        return await run_write(
            actor,
            apply,
            replay=dataclass_replay(ImportReport),  # a repeat gets the first report back
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


def _audit_row(row: ProcedureRow, version: int) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "grade": row.grade,
        "specialtyId": row.specialty_id,
        "daySurgery": row.day_surgery,
        "techniqueId": row.technique_id,
        "filed": row.filed,
        "catalogueVersion": version,
    }


# --- practitioners -----------------------------------------------------------------


def _practitioner_input(
    table: Table,
    raw: spreadsheets.SheetRow,
    departments: tuple[dict[str, int], dict[str, list[int]]],
    specialties: tuple[dict[str, int], dict[str, list[int]]],
    report: ImportReport,
) -> tuple[str, PractitionerInput | None]:
    row = _Row(table, raw, report)
    staff_no = row.code("staff_no")
    if not staff_no and not row.bad:
        row.fail("staff_no", msg("The staff number is required"))
    name = spreadsheets.text(raw.values.get("name"))
    if not name or len(name) > 100:
        row.fail("name", msg("The name is required (at most 100 characters)"))
    department_id = row.reference(
        "department_code", departments, kind_label("Department"), required=True
    )
    specialty_id = row.reference("specialty_code", specialties, kind_label("Specialty"))
    title = row.read("title", spreadsheets.title, "")
    status = row.read("status", spreadsheets.status, "ACTIVE")
    licence_until = row.date("licence_valid_until")
    licence_no = row.code("licence_no")
    national_id = row.code("national_id")
    if row.bad:
        return staff_no, None
    data = PractitionerInput(
        staff_no=staff_no,
        name=name,
        department_id=department_id,
        specialty_id=specialty_id,
        title=title,
        licence_no=licence_no or None,
        licence_valid_until=licence_until,
        practice_scope=spreadsheets.text(raw.values.get("practice_scope")) or None,
        status=status,
        national_id=national_id or None,
    )
    try:
        practitioner_values(data, creating=True)
    except DomainError as error:
        api_field = (error.field or [""])[0]
        column = {
            "staffNo": "staff_no",
            "nationalId": "national_id",
            "licenceNo": "licence_no",
            "practiceScope": "practice_scope",
        }.get(api_field, api_field)
        row.fail(column or None, error.message)
        return staff_no, None
    return staff_no, data


@write_operation(Permission.MANAGE_PRACTITIONERS, "importPractitioners")
async def import_practitioners(
    actor: Actor, data: bytes, *, filename: str = "", dry_run: bool = False
) -> ImportReport:
    """Upsert practitioners by staff number; atomic, with a per-row error report."""

    report = ImportReport(dry_run=dry_run)

    async def apply(ctx: WriteContext) -> ImportReport:
        departments = await _lookup_maps(Department)
        specialties = await _lookup_maps(Specialty)
        existing = {p.staff_no: p for p in await Practitioner.all()}
        seen: dict[str, int] = {}
        valid: list[PractitionerInput] = []
        table = _open_table(data, filename, spreadsheets.PRACTITIONER_COLUMNS, report)
        for raw in table.rows if table is not None else ():
            assert table is not None
            report.rows += 1
            staff_no, item = _practitioner_input(table, raw, departments, specialties, report)
            if staff_no and staff_no in seen:
                report.error(
                    raw.line,
                    "staff_no",
                    msg(
                        "Staff number {staff_no} appears twice (first on row {first})",
                        staff_no=staff_no,
                        first=seen[staff_no],
                    ),
                    table=table,
                )
                continue
            if staff_no:
                seen[staff_no] = raw.line
            if item is not None:
                valid.append(item)
        if report.rows == 0 and not report.errors:
            report.error(
                report.header_line or 1, None, msg("The file has no data rows"), table=table
            )
        if report.errors:
            raise ImportFailed(report)
        for item in valid:
            values = practitioner_values(item, creating=True)
            values["department_id"] = item.department_id
            values["specialty_id"] = item.specialty_id
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
        await run_write(actor, apply)
    except ImportFailed as failed:
        return failed.report
    return report


# --- the error workbook ------------------------------------------------------------

ERROR_COLUMN = {"zh-CN": "错误说明", "en": "Errors"}


def error_workbook(
    data: bytes, filename: str, report: ImportReport, locale: str = "zh-CN"
) -> bytes:
    """The uploaded sheet again, with an error column after the last column of each
    bad row (bad rows highlighted), so the office can fix the rows where they are.
    Cell references in the messages still point at the same cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill

    by_line: dict[int, list[str]] = {}
    for error in report.errors:
        by_line.setdefault(error.line, []).append(
            (f"{error.cell} " if error.cell else "")
            + (f"【{error.header or error.column}】" if error.header or error.column else "")
            + localize(error.message, locale)
        )
    rows: Any
    book_in = None
    if spreadsheets.is_xlsx(data, filename):
        book_in = spreadsheets.open_workbook(data)
        names = [sheet.title for sheet in book_in.worksheets]
        sheet_in = book_in[report.sheet] if report.sheet in names else book_in.worksheets[0]
        title = sheet_in.title
        rows = spreadsheets._sheet_rows(sheet_in)
    else:
        title = translate("Imported data", locale)
        rows = spreadsheets._csv_rows(data)
    out = Workbook(write_only=True)
    sheet = out.create_sheet(title[:31])
    if report.header_line:
        sheet.freeze_panes = f"A{report.header_line + 1}"
    fill = PatternFill("solid", fgColor="FFC7CE")
    red = Font(color="9C0006")
    width = 0
    written = 0
    try:
        for line, values, _formats in rows:
            while written < line - 1:  # keep line numbers: blank rows stay blank
                sheet.append([])
                written += 1
            width = max(width, len(values))
            cells: list[Any] = []
            for value in values:
                if isinstance(value, str):
                    cells.append(spreadsheets.xlsx_text_cell(sheet, value, "General"))
                else:
                    cells.append(value)
            cells.extend([None] * (width - len(values)))
            if line == report.header_line:
                cells.append(ERROR_COLUMN.get(locale, ERROR_COLUMN["zh-CN"]))
            elif line in by_line:
                note = spreadsheets.xlsx_text_cell(sheet, "；".join(by_line[line]), "General")
                note.fill, note.font = fill, red
                cells.append(note)
                for index, cell in enumerate(cells[:-1]):
                    if not isinstance(cell, Cell):
                        cell = WriteOnlyCell(sheet, cell)
                        cells[index] = cell
                    cell.fill = fill
            sheet.append(cells)
            written = line
    finally:
        if book_in is not None:
            book_in.close()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
