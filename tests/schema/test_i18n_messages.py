"""Issue 15 item 1, by example: one message of each kind (a decision reason with the
technique's name and date, a userError, an import row error, a CLI line) reads in Chinese
by default and in English when asked (Accept-Language: en, CREDREG_LOCALE=en), names the
facts that help, and never an internal rule number. A source scan keeps new messages
from being written as plain (untranslatable) strings."""

from __future__ import annotations

import ast
import re
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import pytest

from domain import decision as decisions
from domain import imports, techniques
from domain.i18n import EN, ZH_CN, localize
from models import Technique
from tests import factories
from tests.factories import SYSTEM

RULE_NUMBER = re.compile(r"\(R\d+\)|\bR\d{1,2}\b")


async def _post(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any],
    token: str | None,
    language: str | None,
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    if language:
        headers["accept-language"] = language
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_a_decision_reason_names_the_technique_and_its_date_in_either_language(
    client: httpx.AsyncClient,
) -> None:
    await factories.hospital()
    await factories.practitioner("D0001")
    technique = await techniques.create_technique(
        SYSTEM, code="T-001", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await Technique.filter(id=technique.id).update(
        status="IN_USE", first_clinical_use_on=date(2026, 9, 1), filing_due_on=date(2026, 10, 27)
    )
    decisions.CACHE.reset((-1, ""))
    await factories.procedure("50.2301", grade=3, name="肝肿瘤射频消融术", technique_code="T-001")
    await factories.grant(
        await factories.practitioner("D0002"), "TECHNIQUE", technique_code="T-001"
    )
    token = await factories.token_for("scheduler", ["SCHEDULER"])
    query = resources.files("schema").joinpath("trusted/privilegeCheck.graphql").read_text()
    variables = {
        "input": {"practitionerStaffNo": "D0001", "procedureCode": "50.2301", "on": "2026-11-01"}
    }
    replies = {}
    for language in (None, "en"):
        body = await _post(client, query, variables, token, language)
        replies[language] = {
            r["code"]: r["message"] for r in body["data"]["privilegeCheck"]["reasons"]
        }
    chinese, english = replies[None], replies["en"]
    assert chinese.keys() == english.keys()  # codes never change with the language
    assert chinese["TECHNIQUE_FILING_OVERDUE"] == (
        "限制类技术 肿瘤消融治疗技术（T-001）应于 2026-10-27 前完成备案，已逾期"
    )
    assert english["TECHNIQUE_FILING_OVERDUE"] == (
        "Restricted technique 肿瘤消融治疗技术 (T-001) was due to be filed by 2026-10-27; "
        "the filing is overdue"
    )
    # the procedure by its name and code, the technique by its name and code
    assert chinese["NO_TECHNIQUE_PRIVILEGE"].startswith(
        "手术 肝肿瘤射频消融术（50.2301）属限制类技术 肿瘤消融治疗技术（T-001）"
    )
    assert english["NO_TECHNIQUE_PRIVILEGE"].startswith(
        "Procedure 肝肿瘤射频消融术 (50.2301) applies restricted technique 肿瘤消融治疗技术 (T-001)"
    )
    for message in (*chinese.values(), *english.values()):
        assert not RULE_NUMBER.search(message), message
        assert "{" not in message, message  # every fact was given


async def test_a_user_error_follows_accept_language(client: httpx.AsyncClient) -> None:
    await factories.user("someone", ["ADMIN"])
    login = """mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p})
      { token userErrors { field message code } } }"""
    variables = {"u": "someone", "p": "not the password"}
    chinese = (await _post(client, login, variables, None, None))["data"]["login"]
    english = (await _post(client, login, variables, None, "en-GB"))["data"]["login"]
    assert [e["code"] for e in chinese["userErrors"]] == ["INVALID_CREDENTIALS"]
    assert [e["code"] for e in english["userErrors"]] == ["INVALID_CREDENTIALS"]
    assert chinese["userErrors"][0]["message"] == "用户名或密码错误，或账号已被暂时锁定"
    assert english["userErrors"][0]["message"] == (
        "Invalid username or password, or the account is temporarily locked"
    )


async def test_an_import_row_error_reads_in_the_reader_s_language(
    client: httpx.AsyncClient,
) -> None:
    await factories.hospital()
    token = await factories.token_for("admin", ["ADMIN"])
    query = """mutation($input: ImportProcedureCatalogueInput!) {
      importProcedureCatalogue(input: $input) {
        report { rowErrors { line column message } } userErrors { field code message } } }"""
    csv = "code,name,grade,specialty\n47.0901,阑尾切除术,五级,GS\n47.0901,阑尾切除术,2,GS\n"
    variables = {"input": {"csv": csv}}
    chinese = (await _post(client, query, variables, token, None))["data"]
    english = (await _post(client, query, variables, token, "en"))["data"]
    zh_rows = chinese["importProcedureCatalogue"]["report"]["rowErrors"]
    en_rows = english["importProcedureCatalogue"]["report"]["rowErrors"]
    assert [(r["line"], r["column"]) for r in zh_rows] == [
        (r["line"], r["column"]) for r in en_rows
    ]
    assert "读到的是“五级”" in zh_rows[0]["message"]
    assert "the cell holds “五级”" in en_rows[0]["message"]
    assert zh_rows[-1]["message"] == "手术编码 47.0901 重复（第一次出现在第 2 行）"
    assert en_rows[-1]["message"] == "Procedure code 47.0901 appears twice (first on row 2)"
    zh_error = chinese["importProcedureCatalogue"]["userErrors"][0]["message"]
    en_error = english["importProcedureCatalogue"]["userErrors"][0]["message"]
    assert zh_error.startswith("2 处错误，未导入任何数据")
    assert en_error.startswith("2 error(s): nothing was imported")


async def test_an_import_row_error_is_described_for_the_cli_in_either_language(db: None) -> None:
    await factories.hospital()
    report = await imports.import_procedures(
        SYSTEM, "code,name,grade,specialty\n,阑尾切除术,2,GS\n".encode(), filename="c.csv"
    )
    (error,) = report.errors
    assert imports.describe(error, ZH_CN) == "第 2 行 A2 【code】：手术编码必填"
    assert imports.describe(error, EN) == "row 2 A2 【code】: The procedure code is required"
    assert localize(error.message, EN) == "The procedure code is required"


def test_a_cli_message_follows_credreg_locale(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from api import cli
    from domain.i18n import core

    monkeypatch.setattr(core, "_default_locale", core._default_locale)  # restored after
    monkeypatch.setenv("CREDREG_DATABASE_URL", f"sqlite://{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("CREDREG_KEY_DIR", str(tmp_path / "keys"))
    target = str(tmp_path / "t.xlsx")
    for locale, expected in (
        (ZH_CN, "没有名为 surgeons 的导入模板；可选 procedures、practitioners"),
        (EN, "There is no import template named surgeons; choose one of procedures, practitioners"),
    ):
        monkeypatch.setenv("CREDREG_LOCALE", locale)
        assert cli.main(["import", "template", "surgeons", "-o", target]) == 1
        assert expected in capsys.readouterr().err


# --- the source scan ------------------------------------------------------------------

# Exceptions whose message a person reads, and the position of that message.
MESSAGE_ARGUMENT = {
    "DomainError": 1,
    "CellError": 0,
    "CommandError": 0,
    "BackupError": 0,
    "GrantError": 0,
    "HostileInput": 0,
    "GraphQLError": 0,
    "ConfigError": 0,
}
# Reasons of a decision: answer.block(code, message) / answer.add(code, severity, message).
REASON_ARGUMENT = {"block": 1, "add": 2}
# Written for the operators' logs or a machine, not for a reader of the API or CLI.
ALLOWED = {("schema/cost.py", "time budget spent")}


def _plain_text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return ast.unparse(node)
    return None


def _plain_messages() -> list[str]:
    root = Path(__file__).resolve().parents[2]
    found = []
    for package in ("api", "domain", "schema"):
        for path in sorted((root / package).rglob("*.py")):
            where = str(path.relative_to(root))
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                index = MESSAGE_ARGUMENT.get(name)
                if index is None and where == "domain/decision/rules.py":
                    index = REASON_ARGUMENT.get(name)
                arguments = list(node.args)
                if index is not None and len(arguments) > index:
                    text = _plain_text(arguments[index])
                    if text and (where, text) not in ALLOWED:
                        found.append(f"{where}:{node.lineno}: {text}")
                for keyword in node.keywords:
                    if keyword.arg == "message" and name in {*MESSAGE_ARGUMENT, "UserError"}:
                        text = _plain_text(keyword.value)
                        if text:
                            found.append(f"{where}:{node.lineno}: {text}")
    return found


def test_no_message_for_people_is_a_plain_string() -> None:
    """Write `msg("...", fact=...)` (or `translate`/`_` where a str is needed at once) so
    the message exists in both languages; see docs/i18n.md."""
    assert _plain_messages() == []
