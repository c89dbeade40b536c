"""Issue 15 through GraphQL: the import mutations take an .xlsx (base64) as well as CSV
text, with the same report, a size limit and a downloadable error workbook."""

from __future__ import annotations

import base64
import io
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from domain import templates
from models import CatalogueVersion, Practitioner, Procedure
from tests import factories
from tests.domain.test_office_workbook import office_catalogue, office_staff

CATALOGUE = """
mutation($input: ImportProcedureCatalogueInput!) {
  importProcedureCatalogue(input: $input) {
    report {
      rows added unchanged sheet headerLine errorWorkbook
      rowErrors { sheet line cell header column message }
    }
    userErrors { field code message }
  }
}"""
STAFF = """
mutation($input: ImportPractitionersInput!) {
  importPractitioners(input: $input) {
    report { added rowErrors { sheet line cell header message } }
    userErrors { field code message }
  }
}"""


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> str:
    await factories.hospital()
    return await factories.token_for("admin", ["ADMIN"])


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def test_office_workbook_through_graphql(client: httpx.AsyncClient, admin: str) -> None:
    body = await factories.gql(
        client, CATALOGUE, {"input": {"xlsxBase64": b64(office_catalogue())}}, admin
    )
    result = body["data"]["importProcedureCatalogue"]
    report = result["report"]
    assert report["sheet"] == "手术分级目录" and report["headerLine"] == 3
    assert [(e["sheet"], e["line"], e["cell"], e["header"]) for e in report["rowErrors"]] == [
        ("手术分级目录", 9, "B9", "手术操作编码"),
        ("手术分级目录", 10, "D10", "手术分级"),
        ("手术分级目录", 10, "E10", "所属专业"),
        ("手术分级目录", 11, "F11", "是否日间手术"),
        ("手术分级目录", 11, "B11", "手术操作编码"),
    ]
    assert "99.0100" in report["rowErrors"][0]["message"]
    assert result["userErrors"][0]["code"] == "VALIDATION"
    assert await Procedure.all().count() == 0 and await CatalogueVersion.all().count() == 0
    errors_sheet = load_workbook(io.BytesIO(base64.b64decode(report["errorWorkbook"]))).active
    assert errors_sheet is not None and "文本格式" in errors_sheet["H9"].value

    good = await factories.gql(
        client,
        CATALOGUE,
        {"input": {"xlsxBase64": b64(office_catalogue(bad=False)), "filename": "目录.xlsx"}},
        admin,
    )
    report = good["data"]["importProcedureCatalogue"]["report"]
    assert report["added"] == 5 and report["rowErrors"] == [] and report["errorWorkbook"] is None
    assert await Procedure.filter(code="99.0100").exists()
    assert (await CatalogueVersion.get(number=1)).source == "目录.xlsx"


async def test_office_staff_list_through_graphql(client: httpx.AsyncClient, admin: str) -> None:
    bad = await factories.gql(client, STAFF, {"input": {"xlsxBase64": b64(office_staff())}}, admin)
    errors = bad["data"]["importPractitioners"]["report"]["rowErrors"]
    assert [(e["sheet"], e["line"], e["cell"]) for e in errors[:2]] == [
        ("医师名单", 9, "A9"),
        ("医师名单", 10, "C10"),
    ]
    assert await Practitioner.all().count() == 0
    good = await factories.gql(
        client, STAFF, {"input": {"xlsxBase64": b64(office_staff(bad=False))}}, admin
    )
    assert good["data"]["importPractitioners"]["report"]["added"] == 4


async def test_templates_through_graphql(client: httpx.AsyncClient, admin: str) -> None:
    body = await factories.gql(
        client,
        CATALOGUE,
        {"input": {"xlsxBase64": b64(templates.procedures_template()), "dryRun": True}},
        admin,
    )
    assert body["data"]["importProcedureCatalogue"]["report"]["added"] == 1


@pytest.mark.parametrize(
    ("given", "field", "words"),
    [
        ({}, "csv", "其中之一"),
        ({"csv": "code\n", "xlsxBase64": "UEs="}, "csv", "其中之一"),
        ({"xlsxBase64": "not base64!"}, "xlsxBase64", "base64"),
        ({"xlsxBase64": b64(b"code,name\n")}, "file", ".xlsx"),
        ({"xlsxBase64": b64(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)}, "file", "另存为"),
        ({"xlsxBase64": "A" * (14 * 1024 * 1024)}, "xlsxBase64", "最大 10 MB"),
    ],
)
async def test_bad_uploads_are_user_errors(
    client: httpx.AsyncClient, admin: str, given: dict[str, Any], field: str, words: str
) -> None:
    body = await factories.gql(client, CATALOGUE, {"input": given}, admin)
    result = body["data"]["importProcedureCatalogue"]
    assert result["report"] is None
    (error,) = result["userErrors"]
    assert error["field"] == [field] and error["code"] == "VALIDATION"
    assert words in error["message"]


async def test_refused_callers_learn_nothing_about_the_file(client: httpx.AsyncClient) -> None:
    await factories.hospital()
    anonymous = await factories.gql(client, CATALOGUE, {"input": {"xlsxBase64": "A" * 100}}, None)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    token = await factories.token_for("sched", ["SCHEDULER"])
    body = await factories.gql(client, CATALOGUE, {"input": {"xlsxBase64": "A" * 100}}, token)
    assert body["data"]["importProcedureCatalogue"]["userErrors"][0]["code"] == "FORBIDDEN"
