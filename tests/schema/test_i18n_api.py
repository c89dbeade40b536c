"""The reader's language at the API (issue 15 item 1): Accept-Language, else the site's
CREDREG_LOCALE; userErrors, top-level errors and decision reasons follow it, codes do
not; every enum value has a label in both languages."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import httpx
import pytest
from graphql import GraphQLEnumType, parse

from domain import decision as decisions
from domain.decision import Decision, Reason, ReasonCode, Severity
from domain.i18n import EN, ZH_CN, grade_label, reason_message, use_locale
from domain.i18n.core import gettext
from domain.i18n.reasons import REASON_MESSAGES
from schema import precompiled
from schema.decisions import PrivilegeDecision
from schema.schema import build_schema
from tests import factories

CREATE_SITE = """mutation { createSite(input: {code: "bad code!", name: "院区"}) {
  site { id } userErrors { field message code } } }"""


def _enums() -> dict[str, list[str]]:
    types = build_schema()._schema.type_map
    return {
        name: list(kind.values)
        for name, kind in types.items()
        if isinstance(kind, GraphQLEnumType) and not name.startswith("__")
    }


def test_every_graphql_enum_value_has_a_label_in_both_languages() -> None:
    missing = []
    for name, values in _enums().items():
        for value in values:
            for locale in (ZH_CN, EN):
                label = gettext(value, locale, context=f"enum {name}")
                if not label or label == value:
                    missing.append(f"{locale}: {name}.{value}")
    assert missing == []
    assert gettext("ATTENDING", ZH_CN, context="enum Title") == "主治医师"


def test_every_decision_reason_code_has_a_message_template() -> None:
    codes = set(_enums()["DecisionReasonCode"])
    assert codes <= {key.split(":")[0] for key in REASON_MESSAGES}


async def _post(
    client: httpx.AsyncClient, query: str, token: str | None, language: str | None = None
) -> httpx.Response:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    if language:
        headers["accept-language"] = language
    return await client.post("/graphql", json={"query": query}, headers=headers)


async def test_user_errors_follow_accept_language_and_codes_do_not(
    client: httpx.AsyncClient,
) -> None:
    await factories.site()
    token = await factories.token_for("admin", ["ADMIN"])
    chinese = await _post(client, CREATE_SITE, token)
    english = await _post(client, CREATE_SITE, token, "en-US,en;q=0.9")
    zh_error = chinese.json()["data"]["createSite"]["userErrors"][0]
    en_error = english.json()["data"]["createSite"]["userErrors"][0]
    assert zh_error["code"] == en_error["code"] == "VALIDATION"
    assert zh_error["field"] == en_error["field"]
    assert zh_error["message"].startswith("编码须为 1-32 位字母")
    assert en_error["message"].startswith("Code must be 1-32 letters")
    assert chinese.headers["content-language"] == ZH_CN
    assert english.headers["content-language"] == EN
    assert "accept-language" in english.headers["vary"].lower()


async def test_top_level_errors_follow_accept_language(client: httpx.AsyncClient) -> None:
    query = '{ node(id: "not-an-id") { id } }'
    token = await factories.token_for("admin", ["ADMIN"])
    chinese = (await _post(client, query, token)).json()["errors"][0]
    english = (await _post(client, query, token, "en")).json()["errors"][0]
    assert chinese["extensions"]["code"] == english["extensions"]["code"] == "VALIDATION"
    assert chinese["message"] == "ID 无效" and english["message"] == "Not a valid id"


async def test_enum_labels_for_clients(client: httpx.AsyncClient) -> None:
    token = await factories.token_for("admin", ["ADMIN"])
    query = '{ enumLabels(enum: "Title") { enum value label } }'
    chinese = (await _post(client, query, token)).json()["data"]["enumLabels"]
    english = (await _post(client, query, token, "en")).json()["data"]["enumLabels"]
    assert {e["value"]: e["label"] for e in chinese}["ATTENDING"] == "主治医师"
    assert {e["value"]: e["label"] for e in english}["ATTENDING"] == "Attending physician"
    asked = '{ enumLabels(locale: "zh-CN") { enum value label } }'
    every = (await _post(client, asked, token, "en")).json()["data"]["enumLabels"]
    assert {(e["enum"], e["value"]) for e in every} == {
        (name, value) for name, values in _enums().items() for value in values
    }
    assert {e["value"]: e["label"] for e in every if e["enum"] == "Title"}["CHIEF"] == "主任医师"
    refused = (await _post(client, query, None)).json()
    assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def _decision() -> Decision:
    return Decision(
        allowed=False,
        reasons=[
            Reason(
                ReasonCode.TECHNIQUE_FILING_OVERDUE,
                Severity.BLOCKING,
                reason_message(
                    ReasonCode.TECHNIQUE_FILING_OVERDUE,
                    technique="肿瘤消融治疗技术",
                    technique_code="T-001",
                    due=date(2026, 10, 27),
                ),
            ),
            Reason(
                ReasonCode.NO_PRIVILEGE,
                Severity.BLOCKING,
                reason_message(
                    ReasonCode.NO_PRIVILEGE,
                    procedure="腹腔镜胰十二指肠切除术",
                    code="52.7001",
                    grade=grade_label(4),
                ),
            ),
            Reason(ReasonCode.MDT_REQUIRED, Severity.REQUIREMENT, "Not yet in the catalogue"),
        ],
        procedure_id=None,
        requires_mdt=True,
        basis=[],
        valid_until=None,
        registry_version=7,
        practitioner_id=None,
    )


ZH_REASONS = [
    "限制类技术 肿瘤消融治疗技术（T-001）应于 2026-10-27 前完成备案，已逾期",
    "该医师在本院区未获得手术 腹腔镜胰十二指肠切除术（52.7001，四级）的授权",
    "Not yet in the catalogue",
]
EN_REASONS = [
    "Restricted technique 肿瘤消融治疗技术 (T-001) was due to be filed by 2026-10-27; the "
    "filing is overdue",
    "The practitioner holds no privilege for 腹腔镜胰十二指肠切除术 (52.7001, grade 4) at "
    "this site",
    "Not yet in the catalogue",
]


def test_decision_reasons_are_translated_when_serialised() -> None:
    plan = precompiled.compile_plan(
        parse(resources.files("schema").joinpath("trusted/privilegeCheck.graphql").read_text())
    )
    assert plan is not None
    for locale, expected in ((ZH_CN, ZH_REASONS), (EN, EN_REASONS)):
        with use_locale(locale):
            typed = PrivilegeDecision.from_decision(_decision())
            planned = plan.serialise(_decision())
        assert [r.message for r in typed.reasons] == expected
        assert [r["message"] for r in planned["reasons"]] == expected
        assert [r["code"] for r in planned["reasons"]] == [
            "TECHNIQUE_FILING_OVERDUE",
            "NO_PRIVILEGE",
            "MDT_REQUIRED",
        ]


@pytest.mark.parametrize("trusted", [True, False])
async def test_decision_reasons_follow_accept_language_on_both_paths(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, trusted: bool
) -> None:
    async def decided(*_args: Any, **_kwargs: Any) -> list[Decision]:
        return [_decision()]

    monkeypatch.setattr(decisions, "check_many", decided)
    planned: list[bool] = []
    original = precompiled.answer

    async def spy(*args: Any) -> Any:
        planned.append(True)
        return await original(*args)

    monkeypatch.setattr(precompiled, "answer", spy)
    token = await factories.token_for("scheduler", ["SCHEDULER"])
    text = resources.files("schema").joinpath("trusted/privilegeCheck.graphql").read_text()
    # The ordinary path: the same question in a document that is not a trusted one.
    untrusted = text.replace("(input: $input)", "(input: $input) @include(if: true)")
    query = text.strip() if trusted else untrusted
    variables = {
        "input": {"practitionerStaffNo": "D1", "procedureCode": "47.0901", "on": "2026-11-01"}
    }
    replies = {}
    for language in (None, "en"):
        headers = {"authorization": f"Bearer {token}"}
        if language:
            headers["accept-language"] = language
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        replies[language] = response.json()["data"]["privilegeCheck"]["reasons"]
    assert [r["message"] for r in replies[None]] == ZH_REASONS
    assert [r["message"] for r in replies["en"]] == EN_REASONS
    assert [r["code"] for r in replies[None]] == [r["code"] for r in replies["en"]]
    assert planned == ([True, True] if trusted else [])  # the plan answered both languages
