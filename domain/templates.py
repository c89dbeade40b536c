"""Import templates (issue 15): workbooks an office fills in and imports as they are.

Code columns are formatted as text before anyone types in them (so 99.0100 stays
99.0100), grades, yes/no, titles and statuses are drop-down lists, and an example row
shows the expected forms. A second sheet explains every column. The templates re-import
cleanly (tests/domain/test_office_workbook.py)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from domain.spreadsheets import (
    DEFAULT_LOCALE,
    PRACTITIONER_COLUMNS,
    PROCEDURE_COLUMNS,
    TITLE_LABELS,
    Column,
)

PREFORMATTED_ROWS = 1000  # rows below the header already formatted as text for codes
VALIDATED_ROWS = 5000

TEXT = {
    "zh-CN": {
        "procedures.title": "手术分级管理目录 导入模板（编码列已设为文本格式，请勿改为数字）",
        "practitioners.title": "医师名单 导入模板（工号、证书编号等列已设为文本格式）",
        "procedures.sheet": "手术分级目录",
        "practitioners.sheet": "医师名单",
        "notes.sheet": "填写说明",
        "notes.header": ("列名", "其他可用列名", "必填", "说明"),
        "yes": "是",
        "no": "否",
        "grades": ("一级", "二级", "三级", "四级"),
        "statuses": ("在职", "停职", "离职"),
        "example": "第 3 行是示例，导入前请替换或删除。",
    },
    "en": {
        "procedures.title": "Procedure catalogue import template (code columns are text)",
        "practitioners.title": "Practitioner import template (number columns are text)",
        "procedures.sheet": "Catalogue",
        "practitioners.sheet": "Practitioners",
        "notes.sheet": "Notes",
        "notes.header": ("Header", "Also accepted", "Required", "Notes"),
        "yes": "Y",
        "no": "N",
        "grades": ("1", "2", "3", "4"),
        "statuses": ("ACTIVE", "SUSPENDED", "LEFT"),
        "example": "Row 3 is an example: replace or delete it before importing.",
    },
}

NOTES = {
    "zh-CN": {
        "code": "ICD-9-CM-3 编码，如 47.0901；必须是文本，数字格式的单元格会被拒绝",
        "grade": "1-4、一级-四级、一-四、3级、三级手术",
        "specialty": "专业编码或专业名称",
        "day_surgery": "是/否、Y/N、√、TRUE/FALSE；空白为否",
        "filed": "本院已备案能够开展的三、四级手术填“是”；空白为否",
        "technique_code": "限制类技术或新技术的编码或名称（可空）",
        "staff_no": "工号，文本",
        "department_code": "科室编码或科室名称",
        "specialty_code": "专业编码或专业名称（可空）",
        "title": "住院医师、主治医师、副主任医师、主任医师",
        "licence_valid_until": "日期单元格，或 2028-12-31、2028/12/31、2028年12月31日",
        "status": "在职、停职、离职；空白为在职",
        "national_id": "18 位身份证号，文本（仅保存脱敏形式）",
    },
    "en": {
        "code": "ICD-9-CM-3 code such as 47.0901; must be text, number cells are refused",
        "grade": "1-4, 一级-四级, 3级, 三级手术",
        "specialty": "specialty code or name",
        "day_surgery": "Y/N, 是/否, √, TRUE/FALSE; blank means no",
        "filed": "Y for a grade-3/4 procedure the hospital filed as able to perform; "
        "blank means no",
        "technique_code": "code of a restricted or new technique (optional)",
        "staff_no": "staff number, as text",
        "department_code": "department code or name",
        "specialty_code": "specialty code or name (optional)",
        "title": "RESIDENT, ATTENDING, ASSOCIATE_CHIEF, CHIEF or the Chinese titles",
        "licence_valid_until": "a date cell, or 2028-12-31, 2028/12/31, 2028年12月31日",
        "status": "ACTIVE, SUSPENDED, LEFT (or 在职, 停职, 离职); blank means ACTIVE",
        "national_id": "18-character national ID, as text (only a masked form is kept)",
    },
}


def _texts(locale: str) -> dict[str, Any]:
    return TEXT.get(locale, TEXT[DEFAULT_LOCALE])


def _build(
    kind: str,
    columns: tuple[Column, ...],
    example: list[Any],
    lists: dict[str, tuple[str, ...]],
    locale: str,
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    texts = _texts(locale)
    zh = locale == "zh-CN" or locale not in TEXT
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = texts[f"{kind}.sheet"]
    last = get_column_letter(len(columns))
    sheet.append([texts[f"{kind}.title"]])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([c.zh if zh else c.en for c in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.freeze_panes = "A3"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 16 if column.field != "name" else 28
        value = example[index - 1]
        cell = sheet.cell(row=3, column=index, value=value)
        if column.code:
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(3, 3 + PREFORMATTED_ROWS):
                sheet.cell(row=row, column=index).number_format = "@"
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        if column.field in lists:
            choices = ",".join(lists[column.field])
            validation = DataValidation(
                type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True
            )
            validation.error = (
                f"请从下拉列表中选择：{choices}" if zh else f"Choose one of: {choices}"
            )
            validation.add(f"{letter}3:{letter}{VALIDATED_ROWS}")
            sheet.add_data_validation(validation)

    notes = book.create_sheet(texts["notes.sheet"])
    notes.append(list(texts["notes.header"]))
    yes = "是" if zh else "yes"
    for column in columns:
        notes.append(
            [
                column.zh if zh else column.en,
                "、".join((column.en if zh else column.zh, column.field, *column.aliases)),
                yes if column.required else "",
                NOTES[locale if locale in NOTES else DEFAULT_LOCALE].get(column.field, ""),
            ]
        )
    notes.append([])
    notes.append([texts["example"]])
    for letter, width in zip("ABCD", (18, 60, 8, 60), strict=True):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def procedures_template(locale: str = DEFAULT_LOCALE) -> bytes:
    texts = _texts(locale)
    grades: tuple[str, ...] = texts["grades"]
    example = ["47.0901", "腹腔镜下阑尾切除术", grades[1], "GS", texts["no"], None, texts["no"]]
    lists = {
        "grade": grades,
        "day_surgery": (texts["yes"], texts["no"]),
        "filed": (texts["yes"], texts["no"]),
    }
    return _build("procedures", PROCEDURE_COLUMNS, example, lists, locale)


def practitioners_template(locale: str = DEFAULT_LOCALE) -> bytes:
    texts = _texts(locale)
    titles = TITLE_LABELS["zh-CN"] if locale == "zh-CN" or locale not in TEXT else None
    title_choices = tuple(titles.values()) if titles else tuple(TITLE_LABELS["en"].keys())
    example = [
        "D0001",
        "张伟",
        "GS1",
        "GS",
        title_choices[1],
        "110000000000001",
        date(2028, 12, 31),
        "外科专业",
        texts["statuses"][0],
        None,
    ]
    lists = {"title": title_choices, "status": texts["statuses"]}
    return _build("practitioners", PRACTITIONER_COLUMNS, example, lists, locale)


TEMPLATES = {"procedures": procedures_template, "practitioners": practitioners_template}
