"""Issue 17 through the CLI: `credreg adjustments run` (idempotent per day),
`credreg adjustments policy`, and `credreg export quality`."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tortoise import Tortoise

from api.cli import main
from api.db import tortoise_config
from domain import clock
from tests.domain import quality_world


def _seed(database_url: str) -> None:
    async def run() -> None:
        await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
        try:
            await quality_world.build()
        finally:
            await Tortoise.close_connections()

    asyncio.run(run())


def test_cli_adjustments_and_quality_export(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fixed_clock: clock.FixedClock,
) -> None:
    monkeypatch.setenv("CREDREG_DATABASE_URL", database_url)
    monkeypatch.setenv("CREDREG_WEBHOOK_WORKER", "0")
    monkeypatch.setenv("CREDREG_LOCALE", "en")
    _seed(database_url)
    assert main(["adjustments", "run", "--date", "2026-11-24"]) == 0
    first = capsys.readouterr().out
    assert "new" in first and "OUT_OF_PRIVILEGE" in first
    assert main(["adjustments", "run", "--date", "2026-11-24"]) == 0
    assert ", 0 new" in capsys.readouterr().out
    assert main(["adjustments", "policy", "--set", '{"deaths": 0}']) == 1
    assert main(["adjustments", "policy", "--set", '{"deaths": 3}']) == 0
    assert '"deaths": 3' in capsys.readouterr().out
    out = tmp_path / "quality.xlsx"
    args = ["export", "quality", "--from", "2026-07-01", "--to", "2026-09-30"]
    assert main([*args, "--period", "MONTH", "-o", str(out)]) == 0
    book = load_workbook(out)
    assert "四级手术占比" in book.sheetnames
    assert main([*args, "--period", "WEEK", "-o", str(out)]) == 1
