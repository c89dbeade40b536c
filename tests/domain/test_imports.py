"""SPEC R3 and issue 4: atomic, idempotent catalogue and practitioner imports, versions,
diffs, and decisions on the version in force."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from domain import catalogue, imports
from domain import decision as decisions
from domain.decision import CheckInput
from models import AuditEvent, CatalogueVersion, Practitioner, Procedure
from tests import factories
from tests.factories import SYSTEM

HEADER = "code,name,grade,specialty,day_surgery,technique_code\n"
GOOD = HEADER + (
    "47.0901,腹腔镜下阑尾切除术,2,GS,true,\n"
    "51.2301,腹腔镜胆囊切除术,3,GS,是,\n"
    "52.7001,胰十二指肠切除术,4,GS,false,\n"
)


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    return await factories.hospital()


async def _import(text: str | bytes, **kwargs: Any) -> imports.ImportReport:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return await imports.import_procedures(SYSTEM, data, filename="t.csv", **kwargs)


async def test_r3_import_creates_a_version_and_reimport_is_a_no_op(world: dict) -> None:
    report = await _import(GOOD, effective_from=date(2026, 1, 1))
    assert report.ok and (report.added, report.changed, report.catalogue_version) == (3, 0, 1)
    assert await Procedure.all().count() == 3
    events = await AuditEvent.all().count()
    again = await _import(GOOD, effective_from=date(2026, 1, 1))
    assert again.ok and (again.added, again.changed, again.unchanged) == (0, 0, 3)
    assert await CatalogueVersion.all().count() == 1
    assert await Procedure.all().count() == 3 and await AuditEvent.all().count() == events


async def test_r3_any_bad_row_changes_nothing_and_every_bad_row_is_reported(world: dict) -> None:
    bad = GOOD + (
        "81.5101,全髋关节置换术,IV,ORTH,false,\n"  # line 5: roman numeral
        "81.5102,髋关节翻修术,5,ORTH,false,\n"  # line 6: grade 5
        "13.4101,白内障超声乳化,2,OPH,true,\n"  # line 7: unknown specialty
        "47.0901,重复,2,GS,true,\n"  # line 8: duplicate code
        "50.2301,射频消融,3,GS,maybe,XZ-99\n"  # line 9: bad flag and unknown technique
    )
    report = await _import(bad)
    assert not report.ok
    assert [(e.line, e.column) for e in report.errors] == [
        (5, "grade"),
        (6, "grade"),
        (7, "specialty"),
        (8, "code"),
        (9, "day_surgery"),
        (9, "technique_code"),
    ]
    assert await Procedure.all().count() == 0 and await CatalogueVersion.all().count() == 0
    assert await AuditEvent.filter(action__startswith="procedure").count() == 0


async def test_missing_columns_and_empty_files(world: dict) -> None:
    report = await _import("code,name,grade\n47.0901,阑尾切除,2\n")
    assert report.errors[0].line == 1 and "specialty" in report.errors[0].message
    assert not (await _import(HEADER)).ok


async def test_dry_run_reports_without_writing(world: dict) -> None:
    report = await _import(GOOD, dry_run=True)
    assert report.ok and report.added == 3 and report.catalogue_version == 1
    assert await Procedure.all().count() == 0 and await CatalogueVersion.all().count() == 0


async def test_encodings_bom_and_gb18030(world: dict) -> None:
    assert (await _import(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))).added == 3
    gb = (
        GOOD.replace("47.0901", "47.0902")
        .replace("51.2301", "51.2302")
        .replace("52.7001", "52.7002")
        .encode("gb18030")
    )
    report = await _import(gb)
    assert report.ok and report.added == 3
    assert await Procedure.filter(code="47.0902", name="腹腔镜下阑尾切除术").exists()


async def test_xlsx_import(world: dict) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "name", "grade", "specialty", "day_surgery", "technique_code"])
    sheet.append(["47.0901", "腹腔镜下阑尾切除术", 2, "GS", "TRUE", None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = await imports.import_procedures(SYSTEM, buffer.getvalue(), filename="cat.xlsx")
    assert report.ok and report.added == 1


async def test_regrade_makes_a_new_version_diff_and_decisions_follow_dates(world: dict) -> None:
    await _import(GOOD, effective_from=date(2026, 1, 1))
    regraded = GOOD.replace("51.2301,腹腔镜胆囊切除术,3", "51.2301,腹腔镜胆囊切除术,4")
    regraded += "53.0001,腹股沟疝修补术,2,GS,true,\n"
    report = await _import(regraded, effective_from=date(2027, 1, 1), replace=False)
    assert (report.added, report.changed, report.catalogue_version) == (1, 1, 2)
    diff = await catalogue.catalogue_diff(SYSTEM, 1, 2)
    assert [e.code for e in diff.added] == ["53.0001"]
    assert [(e.code, e.previous_grade, e.grade) for e in diff.regraded] == [("51.2301", 3, 4)]
    assert diff.removed == []
    # Version 1 stays readable.
    v1 = await catalogue.list_procedures(
        SYSTEM, catalogue.ProcedureFilter(code="51.2301"), 10, None, catalogue_version=1
    )
    assert [p.grade for p in v1.items] == [3]
    # A grade-3 privilege covers it in 2026, not after the regrade to 4.
    doctor = await factories.practitioner("D0001")
    await factories.grant(
        doctor,
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 12, 31),
    )

    async def check(on: date) -> decisions.Decision:
        return await decisions.check_one(
            SYSTEM, CheckInput(practitioner_staff_no="D0001", procedure_code="51.2301", on=on)
        )

    assert (await check(date(2026, 12, 31))).allowed
    later = await check(date(2027, 1, 1))
    assert not later.allowed and later.requires_mdt
    # A code added in version 2 is not in force before its effective date.
    early = await decisions.check_one(
        SYSTEM,
        CheckInput(practitioner_staff_no="D0001", procedure_code="53.0001", on=date(2026, 6, 1)),
    )
    assert {r.code.value for r in early.reasons} == {"PROCEDURE_NOT_IN_FORCE"}


async def test_replace_retires_codes_absent_from_the_file(world: dict) -> None:
    await _import(GOOD, effective_from=date(2026, 1, 1))
    report = await _import(
        HEADER + "47.0901,腹腔镜下阑尾切除术,2,GS,true,\n",
        effective_from=date(2026, 6, 1),
        replace=True,
    )
    assert report.removed == 2
    diff = await catalogue.catalogue_diff(SYSTEM, 1, 2)
    assert sorted(e.code for e in diff.removed) == ["51.2301", "52.7001"]


async def test_large_file_streams_and_validates(world: dict) -> None:
    rows = "".join(
        f"{10 + i // 10000:02d}.{i % 10000:04d},手术{i},{1 + i % 4},GS,false,\n"
        for i in range(100_000)
    )
    report = await _import(HEADER + rows, dry_run=True)
    assert report.ok and report.rows == 100_000 and report.added == 100_000


async def test_practitioner_import_is_atomic_and_upserts(world: dict) -> None:
    header = "staff_no,name,department_code,specialty_code,title,licence_valid_until,national_id\n"
    good = header + (
        "D1001,王芳,GS1,GS,ATTENDING,2028-12-31,11010519491231002X\nD1002,李强,ORTH1,ORTH,CHIEF,,\n"
    )
    report = await imports.import_practitioners(SYSTEM, good.encode())
    assert report.ok and report.added == 2
    assert (await Practitioner.get(staff_no="D1001")).national_id_masked == "1101**********002X"
    again = await imports.import_practitioners(SYSTEM, good.encode())
    assert again.ok and again.unchanged == 2 and again.added == 0
    bad = header + (
        "D1001,王芳,GS1,GS,CHIEF,2028-12-31,\n"
        "D1003,赵敏,NOPE,GS,RESIDENT,,\n"
        "D1004,钱进,GS1,GS,INTERN,,\n"
        "D1005,孙丽,GS1,GS,RESIDENT,2028-02-30,\n"
    )
    failed = await imports.import_practitioners(SYSTEM, bad.encode())
    assert [(e.line, e.column) for e in failed.errors] == [
        (3, "department_code"),
        (4, "title"),
        (5, "licence_valid_until"),
    ]
    assert (await Practitioner.get(staff_no="D1001")).title == "ATTENDING"
    assert await Practitioner.all().count() == 2
