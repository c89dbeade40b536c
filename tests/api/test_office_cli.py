"""Issue 15 through the CLI: `credreg import template ...`, an import with an error
workbook, and `credreg export privileges --format xlsx` / `--bom`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tortoise import Tortoise

from api.cli import main
from api.db import tortoise_config
from tests import factories
from tests.domain.test_office_workbook import office_catalogue


def _seed(database_url: str) -> None:
    async def run() -> None:
        await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
        try:
            await factories.hospital()
        finally:
            await Tortoise.close_connections()

    asyncio.run(run())


def test_cli_templates_imports_and_xlsx_export(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CREDREG_DATABASE_URL", database_url)
    monkeypatch.setenv("CREDREG_WEBHOOK_WORKER", "0")
    _seed(database_url)
    template = tmp_path / "procedures.xlsx"
    assert main(["import", "template", "procedures", "-o", str(template)]) == 0
    assert load_workbook(template).worksheets[0]["A2"].value == "手术编码"
    assert main(["import", "template", "nothing", "-o", str(template)]) == 1

    bad = tmp_path / "目录.xlsx"
    bad.write_bytes(office_catalogue())
    marked = tmp_path / "errors.xlsx"
    capsys.readouterr()
    assert main(["import", "procedures", str(bad), "--errors-xlsx", str(marked)]) == 1
    err = capsys.readouterr().err
    assert "工作表“手术分级目录” 第 9 行 B9 【手术操作编码】" in err and "99.0100" in err
    assert "文本格式" in load_workbook(marked).worksheets[0]["H9"].value

    assert main(["import", "procedures", str(template)]) == 0
    assert "新增 1" in capsys.readouterr().out

    out = tmp_path / "privileges.xlsx"
    args = ["export", "privileges", "--as-of", "2026-11-24"]
    assert main([*args, "--format", "xlsx", "-o", str(out), "--locale", "en"]) == 0
    sheet = load_workbook(out).worksheets[0]
    assert sheet["A1"].value == "Privilege ID" and sheet.freeze_panes == "A2"
    csv_out = tmp_path / "privileges.csv"
    assert main([*args, "--bom", "-o", str(csv_out)]) == 0
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbfprivilege_id,")
    assert main([*args, "-o", str(csv_out)]) == 0
    assert csv_out.read_bytes().startswith(b"privilege_id,")


def test_cli_exports_one_institutions_part(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`credreg export … --institution CODE` (issue 16), as `?institution=` over HTTP:
    the privileges at its campuses, its audit events, its FHIR resources; an unknown
    code is refused and writes nothing."""
    import csv
    import json

    from domain import clock
    from tests.api.test_group_exports import _two_institutions

    monkeypatch.setenv("CREDREG_DATABASE_URL", database_url)
    monkeypatch.setenv("CREDREG_WEBHOOK_WORKER", "0")

    async def run() -> dict[str, object]:
        await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
        try:
            return await _two_institutions()
        finally:
            await Tortoise.close_connections()

    made = asyncio.run(run())
    county_privilege = str(made["county"].id)  # type: ignore[attr-defined]
    lead_privilege = str(made["lead"].id)  # type: ignore[attr-defined]
    # As the registry stood at the end of today (the grants were recorded today).
    as_of = clock.today().isoformat()

    out = tmp_path / "privileges.csv"
    assert main(["export", "privileges", "--as-of", as_of, "-o", str(out)]) == 0
    everyone = {row["staff_no"] for row in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert everyone == {"D0001", "C0001"}
    args = ["export", "privileges", "--as-of", as_of, "--institution", "CTY"]
    assert main([*args, "-o", str(out)]) == 0
    county = {row["staff_no"] for row in csv.DictReader(out.open(encoding="utf-8-sig"))}
    assert county == {"C0001"}

    log = tmp_path / "audit.ndjson"
    assert main(["export", "audit", "--institution", "CTY", "-o", str(log)]) == 0
    events = {
        (event["entityType"], event["entityId"])
        for event in map(json.loads, log.read_text(encoding="utf-8").splitlines())
    }
    assert ("Privilege", county_privilege) in events
    assert ("Privilege", lead_privilege) not in events

    fhir = tmp_path / "fhir.json"
    assert main(["export", "fhir", "--institution", "CTY", "-o", str(fhir)]) == 0
    bundle = json.loads(fhir.read_text(encoding="utf-8"))
    organisations = {
        entry["resource"]["name"]
        for entry in bundle["entry"]
        if entry["resource"]["resourceType"] == "Organization"
    }
    assert organisations == {"县医院"}

    capsys.readouterr()
    missing = tmp_path / "none.csv"
    assert main([*args[:-1], "NOPE", "-o", str(missing)]) == 1
    assert not missing.exists() or missing.read_text() == ""
