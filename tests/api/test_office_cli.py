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
