"""Spreadsheets as a medical-affairs office keeps them (issue 15).

Reading: CSV (UTF-8 with or without BOM, else GB18030) or XLSX (openpyxl read-only,
constant memory). The header row is found below title rows and blank lines and matched
flexibly against Chinese and English names (docs/imports.md lists every one); cells keep
their type so a code typed into an Excel number cell is refused, never "repaired".

Writing: cells that Excel or LibreOffice would run as a formula (a text starting with
=, +, -, @, a tab or a carriage return) are escaped, in CSV with a leading apostrophe
(OWASP's CSV-injection advice) and in XLSX as typed text with Excel's quote prefix.

Messages are Chinese first; the header labels per language live in plain dicts so the
message catalogue can take them over.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.errors import DomainError, ErrorCode
from domain.i18n import Term, msg
from domain.xlsx_stream import FORMULA_STARTS  # what Excel would read as a formula

HEADER_SCAN_ROWS = 30  # title rows, notes and blank lines tolerated above the header
DEFAULT_LOCALE = "zh-CN"
LOCALES = ("zh-CN", "en")


# --- columns and their accepted headers --------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str  # the canonical name (also the English CSV header)
    zh: str  # the header the templates use
    en: str
    aliases: tuple[str, ...] = ()
    code: bool = False  # an identifier: a numeric Excel cell is refused
    required: bool = False


PROCEDURE_COLUMNS: tuple[Column, ...] = (
    Column(
        "code",
        "手术编码",
        "Procedure code",
        (
            "手术操作编码",
            "手术及操作编码",
            "手术代码",
            "编码",
            "ICD-9-CM-3编码",
            "ICD-9-CM-3",
            "ICD9CM3编码",
            "ICD编码",
            "procedure_code",
        ),
        code=True,
        required=True,
    ),
    Column(
        "name",
        "手术名称",
        "Procedure name",
        ("手术操作名称", "手术及操作名称", "名称", "procedure_name"),
        required=True,
    ),
    Column("grade", "手术级别", "Grade", ("手术分级", "级别", "分级", "手术等级"), required=True),
    Column(
        "specialty",
        "专业",
        "Specialty",
        ("所属专业", "专业编码", "专业名称", "专业代码", "specialty_code", "specialty_name"),
        code=True,
        required=True,
    ),
    Column("day_surgery", "日间手术", "Day surgery", ("是否日间手术", "日间")),
    Column(
        "technique_code",
        "限制类技术编码",
        "Technique code",
        ("限制类技术", "技术编码", "关联技术", "关联技术编码", "technique"),
        code=True,
    ),
    # 目录备案 (issue 17): filed as a procedure the hospital is able to perform.
    Column("filed", "目录备案", "Filed", ("是否备案", "已备案", "备案", "filed_in_catalogue")),
)

PRACTITIONER_COLUMNS: tuple[Column, ...] = (
    Column(
        "staff_no",
        "工号",
        "Staff number",
        ("职工号", "员工编号", "人员编号", "员工工号", "staff_number"),
        code=True,
        required=True,
    ),
    Column("name", "姓名", "Name", ("医师姓名", "practitioner_name"), required=True),
    Column(
        "department_code",
        "科室",
        "Department",
        ("科室编码", "科室名称", "所在科室", "所属科室", "科室代码", "department"),
        code=True,
        required=True,
    ),
    Column(
        "specialty_code",
        "专业",
        "Specialty",
        ("所属专业", "专业编码", "专业名称", "专业代码", "specialty"),
        code=True,
    ),
    Column("title", "职称", "Title", ("专业技术职称", "技术职称", "职务职称"), required=True),
    Column(
        "licence_no",
        "执业证书编号",
        "Licence number",
        ("医师执业证书编号", "执业证书号", "执业证号", "执业证编号", "license_no"),
        code=True,
    ),
    Column(
        "licence_valid_until",
        "执业证书有效期",
        "Licence valid until",
        ("执业证书有效期至", "有效期至", "证书有效期", "license_valid_until"),
    ),
    Column("practice_scope", "执业范围", "Practice scope", ("执业类别范围",)),
    Column("status", "状态", "Status", ("在职状态", "人员状态")),
    Column(
        "national_id",
        "身份证号",
        "National ID",
        ("身份证号码", "身份证", "证件号码", "公民身份号码"),
        code=True,
    ),
)


def normalise_header(text: str) -> str:
    """Full-width forms folded, case and spacing ignored, '*' and (notes) dropped:
    "手术编码*", "手术编码（必填）" and " 手术编码 " are the same header."""
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = re.sub(r"\([^)]*\)|\[[^]]*\]|【[^】]*】", "", folded)
    return re.sub(r"[\s_\-.*:：/]+", "", folded)


def _alias_index(columns: tuple[Column, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for column in columns:
        for name in (column.field, column.zh, column.en, *column.aliases):
            index.setdefault(normalise_header(name), column.field)
    return index


# --- reading -----------------------------------------------------------------------


@dataclass
class SheetRow:
    line: int
    values: dict[str, Any]  # field -> raw cell value (str for CSV; typed for XLSX)
    formats: dict[str, str]  # field -> number format of a numeric XLSX cell


@dataclass
class Table:
    """The header found in a file and its data rows (a one-shot iterator)."""

    sheet: str | None
    header_line: int
    headers: dict[str, str]  # field -> the header text as written in the file
    positions: dict[str, int]  # field -> zero-based column index
    missing: list[str]
    rows: Iterator[SheetRow] = field(default_factory=lambda: iter(()))

    def cell(self, field_name: str | None, line: int) -> str | None:
        if field_name is None or field_name not in self.positions:
            return None
        return f"{column_letter(self.positions[field_name])}{line}"


def column_letter(index: int) -> str:
    letters = ""
    number = index + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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
            ErrorCode.VALIDATION, msg("The file is neither UTF-8 nor GB18030 text"), "file"
        ) from None


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


RawRow = tuple[int, list[Any], list[str]]  # line, values, number formats


def _csv_rows(data: bytes) -> Iterator[RawRow]:
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    for row in reader:
        yield reader.line_num, row, []


MERGE_PATTERN = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def merged_ranges(sheet: Any) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column) of each merged range, read by
    scanning the sheet's XML in chunks (read-only worksheets do not expose them)."""
    try:
        archive, path = sheet.parent._archive, sheet._worksheet_path
        handle = archive.open(path)
    except (AttributeError, KeyError):
        return []
    found: set[tuple[int, int, int, int]] = set()
    tail = b""
    with handle:
        while chunk := handle.read(1 << 20):
            text = tail + chunk
            for match in MERGE_PATTERN.finditer(text):
                first_col, first_row, last_col, last_row = match.groups()
                found.add(
                    (
                        int(first_row),
                        _column_number(first_col),
                        int(last_row),
                        _column_number(last_col),
                    )
                )
            tail = text[-300:]
    return sorted(found)


def _sheet_rows(sheet: Any) -> Iterator[RawRow]:
    """Rows of typed values; a merged range reads as its top-left value in every cell
    it covers (e.g. a 专业 cell merged down over a group of procedures)."""
    pending = merged_ranges(sheet)
    active: list[tuple[int, int, int, int]] = []
    kept: dict[tuple[int, int, int, int], tuple[Any, str]] = {}
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values = [cell.value for cell in cells]
        formats = [
            (getattr(cell, "number_format", "") or "")
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool)
            else ""
            for cell in cells
        ]
        while pending and pending[0][0] <= number:
            active.append(pending.pop(0))
        if active:
            active = [merge for merge in active if merge[2] >= number]
            for merge in active:
                first_row, first_col, _last_row, last_col = merge
                if last_col > len(values):
                    values.extend([None] * (last_col - len(values)))
                    formats.extend([""] * (last_col - len(formats)))
                if number == first_row:
                    kept[merge] = (values[first_col - 1], formats[first_col - 1])
                value, number_format = kept.get(merge, (None, ""))
                for column in range(first_col, last_col + 1):
                    if values[column - 1] is None:
                        values[column - 1] = value
                        formats[column - 1] = number_format
        yield number, values, formats


def open_workbook(data: bytes) -> Any:
    from openpyxl import load_workbook

    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "This is an old Excel 97-2003 (.xls) file: save it as .xlsx in Excel and import "
                "that"
            ),
            "file",
        )
    _refuse_bombs(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The .xlsx workbook cannot be read"), "file"
        ) from None


MAX_UNCOMPRESSED = 1 << 30  # a workbook that unpacks to more than 1 GB is refused
MAX_SHARED_STRINGS = 100 << 20  # openpyxl holds the shared strings in memory


def _refuse_bombs(data: bytes) -> None:
    """Refuse a workbook whose parts would unpack to more than we will read (a zip
    bomb); zipfile never inflates a member beyond its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise DomainError(
            ErrorCode.VALIDATION, msg("The .xlsx workbook cannot be read"), "file"
        ) from None
    total = sum(member.file_size for member in members)
    strings = sum(
        member.file_size for member in members if member.filename.endswith("sharedStrings.xml")
    )
    if total > MAX_UNCOMPRESSED or strings > MAX_SHARED_STRINGS:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The workbook unpacks to about {size:.0f} MB, more than can be read: split it "
                "and import the parts",
                size=total / (1 << 20),
            ),
            "file",
        )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _match_header(values: list[Any], aliases: dict[str, str]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for index, value in enumerate(values):
        if isinstance(value, str) and value.strip():
            canonical = aliases.get(normalise_header(value))
            if canonical is not None:
                found.setdefault(canonical, []).append(index)
    return found


def _find_header(
    rows: Iterator[RawRow], aliases: dict[str, str], required: list[str]
) -> tuple[int, list[Any], dict[str, list[int]], list[str]] | None:
    """The first row naming every required column within the first rows; else the
    best candidate (with what it lacks), or None for an empty sheet."""
    best: tuple[int, list[Any], dict[str, list[int]], list[str]] | None = None
    seen = 0
    for line, values, _formats in rows:
        if all(_is_blank(v) for v in values):
            continue
        seen += 1
        found = _match_header(values, aliases)
        missing = [name for name in required if name not in found]
        if not missing:
            return line, values, found, []
        if best is None or len(found) > len(best[2]):
            best = (line, values, found, missing)
        if seen >= HEADER_SCAN_ROWS:
            break
    return best


def read_table(data: bytes, filename: str, columns: tuple[Column, ...]) -> Table:
    """Find the header row (in the first sheet that has one) and stream the rows."""
    aliases = _alias_index(columns)
    required = [c.field for c in columns if c.required]
    if is_xlsx(data, filename):
        book = open_workbook(data)
        candidate: Table | None = None
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet)
            table = _table(sheet.title, rows, aliases, required)
            if table is not None and not table.missing:
                table.rows = _closing(table.rows, book)
                return table
            candidate = candidate or table
        book.close()
        if candidate is None:
            raise DomainError(ErrorCode.VALIDATION, msg("The file is empty"), "file")
        return candidate
    table = _table(None, _csv_rows(data), aliases, required)
    if table is None:
        raise DomainError(ErrorCode.VALIDATION, msg("The file is empty"), "file")
    return table


def _closing(rows: Iterator[SheetRow], book: Any) -> Iterator[SheetRow]:
    try:
        yield from rows
    finally:
        book.close()


def _table(
    sheet: str | None, rows: Iterator[RawRow], aliases: dict[str, str], required: list[str]
) -> Table | None:
    found = _find_header(rows, aliases, required)
    if found is None:
        return None
    line, values, positions, missing = found
    first = {name: indices[0] for name, indices in positions.items()}
    headers = {name: str(values[index]).strip() for name, index in first.items()}
    table = Table(sheet, line, headers, first, missing)
    if not missing:
        table.rows = _data_rows(rows, positions)
    return table


def _data_rows(rows: Iterator[RawRow], positions: dict[str, list[int]]) -> Iterator[SheetRow]:
    single = {name: indices[0] for name, indices in positions.items() if len(indices) == 1}
    several = {name: indices for name, indices in positions.items() if len(indices) > 1}
    no_formats: dict[str, str] = {}
    for line, values, formats in rows:
        if all(_is_blank(v) for v in values):
            continue
        width = len(values)
        row: dict[str, Any] = {}
        row_formats = no_formats
        for name, index in single.items():
            row[name] = values[index] if index < width else None
        for name, indices in several.items():  # e.g. 专业编码 and 专业名称: the first filled
            row[name] = next(
                (values[i] for i in indices if i < width and not _is_blank(values[i])), None
            )
        if formats:
            row_formats = {}
            for name, indices in positions.items():
                for index in indices:
                    if index < len(formats) and formats[index]:
                        row_formats[name] = formats[index]
        yield SheetRow(line, row, row_formats)


# --- cell values -------------------------------------------------------------------


class CellError(Exception):
    """A cell's value cannot be read; the message is for the person who typed it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def likely_original(value: int | float, number_format: str, *, icd: bool = False) -> list[str]:
    """What the person probably typed before Excel made it a number."""
    shown = _number_text(value)
    guesses: list[str] = []
    decimals = re.fullmatch(r"[#,]*0\.(0+)", number_format or "")
    if decimals:
        guesses.append(f"{value:.{len(decimals.group(1))}f}")
    if icd and "." in shown:
        whole, fraction = shown.split(".", 1)
        if len(fraction) < 4:
            guesses.append(f"{whole}.{fraction.ljust(4, '0')}")
    if icd and "." not in shown and len(shown) <= 2:
        guesses.append(f"{shown.zfill(2)}.00")
    guesses.append(shown)
    return list(dict.fromkeys(guesses))


def code_text(
    value: Any, number_format: str, cell: str | None, header: str, *, icd: bool = False
) -> str:
    """A code exactly as typed; a numeric cell is refused with the likely original."""
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, (datetime, date)):
        raise CellError(
            msg(
                "Cell {cell} ({header}) is not text: format the column as text and type the "
                "value again",
                cell=cell or "",
                header=header,
            )
        )
    if isinstance(value, (int, float)):
        guesses = likely_original(value, number_format, icd=icd)
        shown = _number_text(value)
        lost = (
            msg("Excel cuts numbers of more than 15 digits short; ")
            if len(shown.replace(".", "")) > 15
            else ""
        )
        raise CellError(
            msg(
                "Cell {cell} ({header}) is a number: it reads {shown}, which was probably "
                "{hint}; {lost}Excel drops leading and trailing zeros of numbers: format the "
                "column as text and type the value again",
                cell=cell or "",
                header=header,
                shown=shown,
                hint=guesses,
                lost=lost,
            )
        )
    return str(value).strip()


def text(value: Any) -> str:
    """A free-text cell (names, scopes): numbers shown as Excel shows them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
GRADE_PATTERN = re.compile(r"(?:第)?([1-4一二三四])(?:级)?(?:手术)?")


def grade(value: Any) -> int:
    """1-4 as a number, 1-4, 一级-四级, 一-四, "3级" or "三级手术"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= int(value) <= 4:
            return int(value)
    elif isinstance(value, str):
        compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
        matched = GRADE_PATTERN.fullmatch(compact)
        if matched:
            return CHINESE_DIGITS[matched.group(1)]
    raise CellError(
        msg(
            "The grade must be 1-4, 一级-四级 or written like “三级手术”; the cell holds “{value}”",
            value=text(value),
        )
    )


TRUE_WORDS = {"1", "true", "yes", "y", "t", "是", "√", "✓", "✔", "对"}
FALSE_WORDS = {"", "0", "false", "no", "n", "f", "否", "×", "✗"}


def yes_no(value: Any) -> bool:
    """是/否, Y/N, √, TRUE/FALSE (text or a real Excel boolean), 1/0; blank is no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    lowered = unicodedata.normalize("NFKC", text(value)).strip().lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise CellError(
        msg("Write 是 or 否 (or Y/N, √, TRUE/FALSE); the cell holds “{value}”", value=text(value))
    )


DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
)


def day(value: Any, cell: str | None = None) -> date | None:
    """An Excel date cell, YYYY-MM-DD, YYYY/M/D or YYYY年M月D日; blank is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(
            msg(
                "Cell {cell} holds the number {number}, not a date: format it as a date or "
                "write 2028-12-31",
                cell=cell or "",
                number=_number_text(value),
            )
        )
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    if not raw:
        return None
    raw = re.sub(r"[ T]0{1,2}:00(:00)?$", "", raw)
    for pattern in DATE_PATTERNS:
        matched = pattern.fullmatch(raw)
        if matched:
            year, month, day_ = (int(part) for part in matched.groups())
            try:
                return date(year, month, day_)
            except ValueError:
                raise CellError(msg("No such date: {raw}", raw=raw)) from None
    raise CellError(
        msg(
            "Write dates as 2028-12-31, 2028/12/31 or 2028年12月31日; the cell holds “{raw}”",
            raw=raw,
        )
    )


TITLE_WORDS = {
    "RESIDENT": "RESIDENT",
    "住院医师": "RESIDENT",
    "医师": "RESIDENT",
    "ATTENDING": "ATTENDING",
    "主治医师": "ATTENDING",
    "ASSOCIATE_CHIEF": "ASSOCIATE_CHIEF",
    "副主任医师": "ASSOCIATE_CHIEF",
    "CHIEF": "CHIEF",
    "主任医师": "CHIEF",
}
TITLE_LABELS = {
    "zh-CN": {
        "RESIDENT": "住院医师",
        "ATTENDING": "主治医师",
        "ASSOCIATE_CHIEF": "副主任医师",
        "CHIEF": "主任医师",
    },
    "en": {
        "RESIDENT": "Resident",
        "ATTENDING": "Attending",
        "ASSOCIATE_CHIEF": "Associate chief",
        "CHIEF": "Chief",
    },
}


def title(value: Any) -> str:
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text(value))).upper()
    if key in TITLE_WORDS:
        return TITLE_WORDS[key]
    raise CellError(
        msg(
            "The title must be 住院医师, 主治医师, 副主任医师 or 主任医师 (or RESIDENT, ATTENDING, "
            "ASSOCIATE_CHIEF, CHIEF); the cell holds “{value}”",
            value=text(value),
        )
    )


STATUS_WORDS = {
    "": "ACTIVE",
    "ACTIVE": "ACTIVE",
    "在职": "ACTIVE",
    "在岗": "ACTIVE",
    "正常": "ACTIVE",
    "SUSPENDED": "SUSPENDED",
    "停职": "SUSPENDED",
    "暂停执业": "SUSPENDED",
    "LEFT": "LEFT",
    "离职": "LEFT",
    "调离": "LEFT",
    "退休": "LEFT",
}


def status(value: Any) -> str:
    key = re.sub(r"\s+", "", text(value)).upper()
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    raise CellError(
        msg(
            "The status must be 在职, 停职 or 离职 (ACTIVE, SUSPENDED, LEFT); "
            "the cell holds “{value}”",
            value=text(value),
        )
    )


def lookup(
    value: str, by_code: dict[str, int], by_name: dict[str, list[int]], what: Term | str
) -> int:
    """A specialty or department by its code, else by its (unambiguous) name."""
    if value in by_code:
        return by_code[value]
    ids = by_name.get(value, [])
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise CellError(
            msg(
                "More than one {what} is named “{value}”: give its code instead",
                what=what,
                value=value,
            )
        )
    raise CellError(msg("No {what} has the code or name “{value}”", value=value, what=what))


# --- writing -----------------------------------------------------------------------


def csv_safe(value: str) -> str:
    """OWASP CSV injection: a leading apostrophe keeps a formula-like cell as text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def xlsx_text_cell(sheet: Any, value: str, number_format: str = "@") -> Any:
    """A typed text cell (never a formula); formula-like text gets Excel's quote prefix."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    cell._value = value  # assigning .value would turn "=..." into a formula
    cell.data_type = "s"
    cell.number_format = number_format
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
