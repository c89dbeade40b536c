"""Issue 15: imports as a 医务部 keeps its files. An office-style workbook built with
openpyxl (title row, merged title cells, blank line, Chinese headers, 三级/四级,
specialty names, date cells, a numeric code cell, bad rows)."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from domain import imports, spreadsheets, templates
from models import AuditEvent, CatalogueVersion, Practitioner, Procedure
from tests import factories
from tests.factories import SYSTEM

TITLE = "某某医院手术分级管理目录（2026 年版）"
HEADERS = ["序号", "手术操作编码", "手术名称", "手术分级", "所属专业", "是否日间手术", "备注"]
GOOD_ROWS: list[list[Any]] = [
    [1, "47.0901", "腹腔镜下阑尾切除术", "二级", "普通外科", "是", None],
    [2, "51.2301", "腹腔镜胆囊切除术", "三级手术", "GS", "否", None],
    [3, "52.7001", "胰十二指肠切除术", "四级", "普通外科", "N", "需 MDT"],
    [4, "81.5100", "全髋关节置换术", 3, "骨科", "√", None],
    [5, "99.0100", "输血", "一", "GS", True, None],
]


def office_catalogue(bad: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "手术分级目录"
    sheet.append([TITLE])
    sheet.merge_cells("A1:G1")
    sheet.append([])  # a blank line under the title
    sheet.append(HEADERS)
    for row in GOOD_ROWS:
        sheet.append(row)
    for cell in sheet["B"]:
        cell.number_format = "@"
    if bad:
        sheet.append([6, None, "经皮肾镜取石术", "三级", "GS", "否", None])  # line 9: code below
        numeric = sheet.cell(row=9, column=2, value=99.01)
        numeric.number_format = "0.0000"  # what Excel showed: 99.0100
        sheet.append([7, "13.4101", "白内障超声乳化", "五级", "眼科", "否", None])  # line 10
        sheet.append([8, "47.0901", "重复的编码", "二级", "GS", "也许", None])  # line 11
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    return await factories.hospital()


async def test_office_catalogue_bad_rows_are_all_reported_and_nothing_is_written(
    world: dict,
) -> None:
    report = await imports.import_procedures(SYSTEM, office_catalogue(), filename="目录.xlsx")
    assert not report.ok and report.sheet == "手术分级目录" and report.header_line == 3
    found = [(e.sheet, e.line, e.cell, e.header, e.column) for e in report.errors]
    assert found == [
        ("手术分级目录", 9, "B9", "手术操作编码", "code"),
        ("手术分级目录", 10, "D10", "手术分级", "grade"),
        ("手术分级目录", 10, "E10", "所属专业", "specialty"),
        ("手术分级目录", 11, "F11", "是否日间手术", "day_surgery"),
        ("手术分级目录", 11, "B11", "手术操作编码", "code"),
    ]
    numeric = report.errors[0].message
    assert "99.01" in numeric and "99.0100" in numeric and "文本格式" in numeric
    assert "五级" in report.errors[1].message and "眼科" in report.errors[2].message
    assert "第一次出现在第 4 行" in report.errors[4].message
    assert await Procedure.all().count() == 0 and await CatalogueVersion.all().count() == 0
    assert await AuditEvent.filter(action__startswith="procedure").count() == 0


async def test_office_catalogue_good_rows_import_with_codes_intact(world: dict) -> None:
    report = await imports.import_procedures(
        SYSTEM, office_catalogue(bad=False), filename="目录.xlsx"
    )
    assert report.ok and report.added == 5, report.errors
    stored = {
        p.code: (p.grade, p.day_surgery, p.specialty_id)  # type: ignore[attr-defined]
        for p in await Procedure.all()
    }
    gs, ortho = world["gs"].id, world["ortho"].id
    assert stored == {
        "47.0901": (2, True, gs),
        "51.2301": (3, False, gs),
        "52.7001": (4, False, gs),
        "81.5100": (3, True, ortho),
        "99.0100": (1, True, gs),
    }
    again = await imports.import_procedures(
        SYSTEM, office_catalogue(bad=False), filename="目录.xlsx"
    )
    assert again.ok and again.unchanged == 5 and again.added == 0


def office_staff(bad: bool = True) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "医师名单"
    sheet.append(["2026 年外科医师花名册"])
    sheet.merge_cells("A1:H1")
    sheet.append(["制表：医务部", None, None, None, "日期：2026-11-20"])
    sheet.append([])
    sheet.append(
        ["工号", "姓名", "科室", "专业", "职称", "执业证书编号", "执业证书有效期", "执业范围"]
    )
    sheet.append(
        ["D1001", "王芳", "普外一科", "普通外科", "主治医师", "110000000000123",
         datetime(2028, 12, 31), "外科专业"]
    )  # fmt: skip
    sheet.append(["D1002", "李强", "ORTH1", "ORTH", "副主任医师", "", "2029/6/30", "外科专业"])
    sheet.append(["D1003", "赵敏", "GS2", "GS", "RESIDENT", None, "2027年3月1日", None])
    sheet.append(["D1004", "钱进", "普外一科", None, "主任医师", None, "2030-01-15", None])
    if bad:
        sheet.append([1005, "孙丽", "GS1", "GS", "主治医师", None, None, None])  # line 9
        sheet.append(["D1006", "周杰", "不存在的科室", "GS", "实习医师", None, "2028-02-30", None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def test_office_staff_list_imports_and_bad_rows_are_refused(world: dict) -> None:
    failed = await imports.import_practitioners(SYSTEM, office_staff(), filename="名单.xlsx")
    assert [(e.line, e.cell, e.header) for e in failed.errors] == [
        (9, "A9", "工号"),
        (10, "C10", "科室"),
        (10, "E10", "职称"),
        (10, "G10", "执业证书有效期"),
    ]
    assert "1005" in failed.errors[0].message and "文本格式" in failed.errors[0].message
    assert await Practitioner.all().count() == 0

    report = await imports.import_practitioners(
        SYSTEM, office_staff(bad=False), filename="名单.xlsx"
    )
    assert report.ok and report.added == 4, report.errors
    wang = await Practitioner.get(staff_no="D1001")
    assert (wang.title, wang.licence_valid_until, wang.licence_no) == (
        "ATTENDING",
        date(2028, 12, 31),
        "110000000000123",
    )
    assert wang.department_id == world["gs1"].id  # type: ignore[attr-defined]
    assert (await Practitioner.get(staff_no="D1002")).licence_valid_until == date(2029, 6, 30)
    assert (await Practitioner.get(staff_no="D1003")).licence_valid_until == date(2027, 3, 1)
    assert (await Practitioner.get(staff_no="D1004")).title == "CHIEF"


async def test_error_workbook_puts_the_reasons_next_to_each_bad_row(world: dict) -> None:
    data = office_catalogue()
    report = await imports.import_procedures(SYSTEM, data, filename="目录.xlsx")
    book = load_workbook(io.BytesIO(imports.error_workbook(data, "目录.xlsx", report)))
    sheet = book.active
    assert sheet is not None and sheet.title == "手术分级目录"
    assert sheet["A1"].value == TITLE and sheet["B4"].value == "47.0901"
    assert sheet["H3"].value == "错误说明" and sheet["H4"].value is None
    assert "B9" in sheet["H9"].value and "文本格式" in sheet["H9"].value
    assert "手术分级" in sheet["H10"].value and "所属专业" in sheet["H10"].value
    assert sheet["B10"].value == "13.4101"


def test_header_matching_is_flexible() -> None:
    index = spreadsheets._alias_index(spreadsheets.PROCEDURE_COLUMNS)
    for header, field in [
        ("手术编码", "code"),
        ("ICD-9-CM-3编码", "code"),
        ("手术编码*", "code"),
        ("手术编码（必填）", "code"),
        (" Procedure Code ", "code"),
        ("手术级别", "grade"),
        ("专业", "specialty"),
        ("日间手术", "day_surgery"),
        ("技术编码", "technique_code"),
        ("限制类技术", "technique_code"),
    ]:
        assert index[spreadsheets.normalise_header(header)] == field, header


@pytest.mark.parametrize(
    ("raw", "grade"),
    [(1, 1), (4.0, 4), ("3", 3), ("三级", 3), ("3级", 3), ("三级手术", 3), ("一", 1), ("四级", 4)],
)
def test_grades_as_offices_write_them(raw: Any, grade: int) -> None:
    assert spreadsheets.grade(raw) == grade


@pytest.mark.parametrize("raw", ["五级", "0", 5, 2.5, "IV", "", None, "三四级"])
def test_bad_grades_are_refused(raw: Any) -> None:
    with pytest.raises(spreadsheets.CellError):
        spreadsheets.grade(raw)


def test_yes_no_and_dates() -> None:
    assert [spreadsheets.yes_no(v) for v in ("是", "Y", "√", "TRUE", True, 1, "否", "N", "")] == [
        True, True, True, True, True, True, False, False, False
    ]  # fmt: skip
    for raw in (datetime(2028, 12, 31), "2028-12-31", "2028/12/31", "2028年12月31日"):
        assert spreadsheets.day(raw) == date(2028, 12, 31)
    with pytest.raises(spreadsheets.CellError, match="日期格式"):
        spreadsheets.day(46022)


def test_numeric_code_cells_name_the_likely_original() -> None:
    with pytest.raises(spreadsheets.CellError) as caught:
        spreadsheets.code_text(99.01, "General", "A5", "手术编码", icd=True)
    assert "A5" in caught.value.message and "99.0100" in caught.value.message
    assert spreadsheets.code_text("99.0100", "@", "A5", "手术编码") == "99.0100"


async def test_templates_reimport_cleanly(world: dict) -> None:
    catalogue = templates.procedures_template()
    report = await imports.import_procedures(SYSTEM, catalogue, filename="procedures.xlsx")
    assert report.ok and report.added == 1, report.errors
    staff = templates.practitioners_template()
    report = await imports.import_practitioners(SYSTEM, staff, filename="practitioners.xlsx")
    assert report.ok and report.added == 1, report.errors


def test_templates_have_text_codes_lists_and_an_example() -> None:
    book = load_workbook(io.BytesIO(templates.procedures_template()))
    sheet = book.worksheets[0]
    header_row = next(
        row for row in sheet.iter_rows(min_row=1, max_row=5) if row[0].value == "手术编码"
    )
    line = header_row[0].row
    assert sheet.cell(row=line + 1, column=1).value == "47.0901"
    assert sheet.cell(row=line + 1, column=1).number_format == "@"
    assert sheet.cell(row=line + 50, column=1).number_format == "@"  # rows still to be typed
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"一级,二级,三级,四级"' in lists and '"是,否"' in lists
    staff = load_workbook(io.BytesIO(templates.practitioners_template())).worksheets[0]
    lists = {dv.formula1 for dv in staff.data_validations.dataValidation}
    assert '"住院医师,主治医师,副主任医师,主任医师"' in lists


def test_docs_list_every_accepted_header() -> None:
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "imports.md").read_text(encoding="utf-8")
    for column in spreadsheets.PROCEDURE_COLUMNS + spreadsheets.PRACTITIONER_COLUMNS:
        for name in (column.zh, column.en, column.field, *column.aliases):
            assert name in text, name


async def test_a_specialty_merged_down_over_its_procedures(world: dict) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["专业", "手术编码", "手术名称", "手术级别"])
    sheet.append(["普通外科", "47.0901", "腹腔镜下阑尾切除术", "二级"])
    sheet.append([None, "51.2301", "腹腔镜胆囊切除术", "三级"])
    sheet.append(["骨科", "81.5100", "全髋关节置换术", "三级"])
    sheet.merge_cells("A2:A3")
    buffer = io.BytesIO()
    book.save(buffer)
    report = await imports.import_procedures(SYSTEM, buffer.getvalue(), filename="x.xlsx")
    assert report.ok, report.errors
    by_code = {p.code: p.specialty_id for p in await Procedure.all()}  # type: ignore[attr-defined]
    assert by_code == {
        "47.0901": world["gs"].id,
        "51.2301": world["gs"].id,
        "81.5100": world["ortho"].id,
    }


def test_a_workbook_that_unpacks_too_large_is_refused() -> None:
    import zipfile

    from domain.errors import DomainError

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"\0" * (101 << 20))
    with pytest.raises(DomainError, match="拆分"):
        spreadsheets.open_workbook(buffer.getvalue())
