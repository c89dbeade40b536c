"""R22: `credreg migrate` (and so `credreg init` and `seed-demo`, which run it) loads the
official holiday calendar shipped with the package, once."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from api import cli
from api.settings import Settings
from models import CalendarDay, CalendarYear


def test_r22_migrate_loads_the_official_calendar_once(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CREDREG_DATABASE_URL", database_url)
    assert cli.main(["migrate"]) == 0
    assert "已载入国务院节假日安排：2025, 2026 年" in capsys.readouterr().out
    assert cli.main(["migrate"]) == 0
    assert "holiday calendar" not in capsys.readouterr().out

    async def stored() -> tuple[list[int], bool, bool]:
        years = await CalendarYear.all().order_by("year").values_list("year", flat=True)
        spring = await CalendarDay.exists(day=date(2026, 2, 15), kind="HOLIDAY")
        make_up = await CalendarDay.exists(day=date(2026, 2, 28), kind="WORKDAY")
        return [int(y) for y in years], spring, make_up  # type: ignore[call-overload]

    years, spring, make_up = asyncio.run(
        cli._with_database(Settings(database_url=database_url), stored)
    )
    assert years == [2025, 2026] and spring and make_up
