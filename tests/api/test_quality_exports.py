"""Issue 17 exports: the quality workbook (one sheet per indicator, native charts) and the
technical files per practitioner and per technique, for AUDITOR and ADMIN."""

from __future__ import annotations

import io

import httpx
from openpyxl import load_workbook

from domain.quality import adjustments
from models import AuditEvent
from tests import factories
from tests.domain import quality_world
from tests.factories import SYSTEM


def _book(response: httpx.Response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return load_workbook(io.BytesIO(response.content))


async def test_quality_workbook_has_a_sheet_and_charts_per_indicator(
    client: httpx.AsyncClient,
) -> None:
    await quality_world.build()
    token = await factories.token_for("auditor1", ["AUDITOR"])
    response = await client.get(
        "/export/quality.xlsx?from=2026-07-01&to=2026-09-30&period=MONTH",
        headers={"authorization": f"Bearer {token}"},
    )
    book = _book(response)
    assert book.sheetnames[0] == "指标汇总"
    assert "四级手术术前多学科讨论完成率" in book.sheetnames
    assert len(book.sheetnames) == 1 + 13
    mdt = book["四级手术术前多学科讨论完成率"]
    charts = mdt._charts
    assert {type(c).__name__ for c in charts} == {"LineChart", "BarChart"}
    values = [[cell.value for cell in row] for row in mdt.iter_rows()]
    july = next(row for row in values if row[0] == "2026-07")
    assert july[3:6] == [1, 1, 1]  # numerator, denominator, rate
    # Filings have no department breakdown: the trend line only.
    filings = book["限制类技术按时备案率"]
    assert [type(c).__name__ for c in filings._charts] == ["LineChart"]
    assert await AuditEvent.filter(action="export.start", entity_id="quality.xlsx").count() == 1


async def test_exports_need_the_export_role_and_good_input(client: httpx.AsyncClient) -> None:
    await quality_world.build()
    head = await factories.token_for("head1", ["DEPARTMENT_HEAD"], department_codes=["GS1"])
    admin = await factories.token_for("admin1", ["ADMIN"])
    for url in (
        "/export/quality.xlsx?from=2026-07-01&to=2026-09-30",
        "/export/dossier/practitioner/D0001.xlsx",
        "/export/dossier/technique/TA.xlsx",
    ):
        response = await client.get(url, headers={"authorization": f"Bearer {head}"})
        assert response.status_code == 403, url
        assert (await client.get(url)).status_code == 401
    bad = await client.get(
        "/export/quality.xlsx?from=2026-13-01&to=2026-09-30",
        headers={"authorization": f"Bearer {admin}"},
    )
    assert bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["field"] == ["from"]
    bad = await client.get(
        "/export/quality.xlsx?from=2026-07-01&to=2026-09-30&period=WEEK",
        headers={"authorization": f"Bearer {admin}"},
    )
    assert bad.status_code == 400
    missing = await client.get(
        "/export/dossier/practitioner/NOBODY.xlsx", headers={"authorization": f"Bearer {admin}"}
    )
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_practitioner_dossier_carries_every_section(client: httpx.AsyncClient) -> None:
    await quality_world.build()
    await adjustments.run_adjustments(SYSTEM)
    token = await factories.token_for("auditor1", ["AUDITOR"])
    book = _book(
        await client.get(
            "/export/dossier/practitioner/D0002.xlsx",
            headers={"authorization": f"Bearer {token}"},
        )
    )
    assert book.sheetnames == [
        "基本信息与注册",
        "授权及历史",
        "定期评价",
        "病例汇总",
        "急诊越级",
        "越级手术",
        "动态管理建议",
    ]
    text = {
        name: str([[c.value for c in row] for row in book[name].iter_rows()])
        for name in book.sheetnames
    }
    assert "D0002" in text["基本信息与注册"]
    # the PRIMARY registration every practitioner holds at the default institution
    assert (
        "执业注册（多机构执业）" in text["基本信息与注册"] and "PRIMARY" in text["基本信息与注册"]
    )
    assert "51.2301" in text["病例汇总"] and "52.7001" in text["病例汇总"]
    assert "UNJUSTIFIED" in text["急诊越级"]
    assert "Q5" in text["越级手术"]
    assert "OUT_OF_PRIVILEGE" in text["动态管理建议"]
    a = _book(
        await client.get(
            "/export/dossier/practitioner/D0001.xlsx",
            headers={"authorization": f"Bearer {token}"},
        )
    )
    history = str([[c.value for c in row] for row in a["授权及历史"].iter_rows()])
    assert "privilege.approve" in history and "手术分级管理委员会" in history


async def test_technique_dossier_carries_every_section(client: httpx.AsyncClient) -> None:
    await quality_world.build()
    token = await factories.token_for("auditor1", ["AUDITOR"])
    book = _book(
        await client.get(
            "/export/dossier/technique/TA.xlsx", headers={"authorization": f"Bearer {token}"}
        )
    )
    assert book.sheetnames == ["准入与备案", "授权医师", "病例及结局", "暂停与停止历史"]
    info = str([[c.value for c in row] for row in book["准入与备案"].iter_rows()])
    assert "肿瘤消融治疗技术" in info and "逾期" in info
    cases = str([[c.value for c in row] for row in book["病例及结局"].iter_rows()])
    assert "Q8" in cases
    history = str([[c.value for c in row] for row in book["暂停与停止历史"].iter_rows()])
    assert "technique.create" in history
