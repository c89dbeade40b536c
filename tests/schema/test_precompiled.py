"""The precompiled trusted documents answer exactly like graphql-core's executor, and
decline (leaving the executor to answer or explain) whatever they do not cover."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import resources
from typing import Any

import httpx
import pytest
from graphql import parse

from domain import auth, clock, demo
from domain.decision import Decision, Reason, ReasonCode, Severity
from schema import precompiled
from tests.domain.test_decision_table import TABLE
from tests.factories import SYSTEM

CAMEL = {
    "site_code": "siteCode",
    "supervisor_staff_no": "supervisorStaffNo",
    "emergency": "emergency",
}


def _document(name: str) -> str:
    return resources.files("schema").joinpath(f"trusted/{name}").read_text().strip()


def _table_inputs() -> list[dict[str, Any]]:
    today = clock.today()
    inputs = []
    for staff_no, code, setting, extra, _allowed, _codes in TABLE:
        extra = dict(extra)
        on = today + timedelta(days=extra.pop("days", 0))
        item = {
            "practitionerStaffNo": staff_no,
            "procedureCode": code,
            "on": on.isoformat(),
            "setting": setting.value,
        }
        item.update({CAMEL[k]: v for k, v in extra.items()})
        inputs.append(item)
    return inputs


@pytest.fixture
async def scheduler(client: httpx.AsyncClient) -> dict[str, str]:
    await demo.seed_demo(SYSTEM, "correct horse battery staple")
    key = await auth.create_api_key(SYSTEM, name="or", roles=["SCHEDULER"])
    assert key.secret
    return {"authorization": f"Bearer {key.secret}"}


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per request the plan saw: True when it answered, False when it declined."""
    seen: list[bool] = []
    original = precompiled.prepare

    def spy(*args: Any) -> Any:
        prepared = original(*args)
        seen.append(prepared is not None)
        return prepared

    monkeypatch.setattr(precompiled, "prepare", spy)
    return seen


def _untrusted(text: str) -> str:
    """The same question in a document that is not a trusted one (an always-true
    directive on the root field), so graphql-core executes it field by field."""
    return re.sub(r"(privilegeChecks?\([^)]*\))", r"\1 @include(if: true)", text, count=1)


async def _both(
    client: httpx.AsyncClient, headers: dict[str, str], text: str, variables: Any
) -> tuple[httpx.Response, httpx.Response]:
    trusted = await client.post(
        "/graphql", headers=headers, json={"query": text, "variables": variables}
    )
    ordinary = await client.post(
        "/graphql",
        headers=headers,
        json={"query": _untrusted(text), "variables": variables},
    )
    return trusted, ordinary


def test_every_trusted_decision_document_has_a_plan() -> None:
    for name in ("privilegeCheck.graphql", "privilegeCheckCompact.graphql"):
        plan = precompiled.compile_plan(parse(_document(name)))
        assert plan is not None and not plan.batch
    plan = precompiled.compile_plan(parse(_document("privilegeChecks.graphql")))
    assert plan is not None and plan.batch and plan.variable == "inputs"


async def test_single_checks_match_the_executor_over_the_decision_table(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    for name, variable in (
        ("privilegeCheck.graphql", "input"),
        ("privilegeCheckCompact.graphql", "i"),
    ):
        text = _document(name)
        for item in _table_inputs():
            trusted, ordinary = await _both(client, scheduler, text, {variable: item})
            assert trusted.status_code == ordinary.status_code == 200
            assert trusted.content == ordinary.content or trusted.json() == ordinary.json(), item
            assert "errors" not in trusted.json()
    assert answered == [True] * (2 * len(TABLE))
    # The table's answers are not trivial: allowed and denied, with basis and reasons.
    allowed = [row[4] for row in TABLE]
    assert any(allowed) and not all(allowed)


async def test_a_batch_matches_the_executor(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    text = _document("privilegeChecks.graphql")
    inputs = _table_inputs()
    trusted, ordinary = await _both(client, scheduler, text, {"inputs": inputs})
    assert trusted.json() == ordinary.json()
    decisions = trusted.json()["data"]["privilegeChecks"]
    assert len(decisions) == len(TABLE)
    assert [d["allowed"] for d in decisions] == [row[4] for row in TABLE]
    assert any(d["basis"] for d in decisions)
    assert answered == [True]


@pytest.mark.parametrize(
    "variables",
    [
        {"input": {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": 20261201}},
        {"input": {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "bad"}},
        {"input": {"practitionerStaffNo": "D0001", "on": "2026-12-01"}},
        {"input": {"practitionerStaffNo": 1, "procedureCode": "47.0901", "on": "2026-12-01"}},
        {"input": {"practitionerId": 7, "procedureCode": "47.0901", "on": "2026-12-01"}},
        {"input": {"practitionerId": "bm9wZQ", "procedureCode": "47.0901", "on": "2026-12-01"}},
        {"input": {"procedureCode": "47.0901", "on": "2026-12-01", "setting": "WARD"}},
        {"input": {"procedureCode": "47.0901", "on": "2026-12-01", "setting": None}},
        {"input": {"procedureCode": "47.0901", "on": "2026-12-01", "emergency": "yes"}},
        {"input": {"procedureCode": "47.0901", "on": "2026-12-01", "emergency": 1}},
        {"input": {"procedureCode": "47.0901", "on": "2026-12-01", "unknown": 1}},
        {"input": [{"procedureCode": "47.0901", "on": "2026-12-01"}]},
        {"input": None},
        {},
    ],
)
async def test_the_plan_declines_what_graphql_must_judge(
    client: httpx.AsyncClient,
    scheduler: dict[str, str],
    answered: list[bool],
    variables: dict[str, Any],
) -> None:
    trusted, ordinary = await _both(
        client, scheduler, _document("privilegeCheck.graphql"), variables
    )
    assert answered == [False]
    assert trusted.status_code == ordinary.status_code

    def summary(reply: httpx.Response) -> Any:
        body = reply.json()
        errors = [(e["message"], e.get("extensions", {}).get("code")) for e in body["errors"]]
        return body.get("data"), errors

    assert "errors" in trusted.json()
    assert summary(trusted) == summary(ordinary)


async def test_unknown_variables_are_left_to_the_executor(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    item = {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
    variables = {"input": item, "extra": 1}
    trusted, ordinary = await _both(
        client, scheduler, _document("privilegeCheck.graphql"), variables
    )
    assert answered == [False]
    assert trusted.json() == ordinary.json() and trusted.json()["data"]["privilegeCheck"]


async def test_a_refused_batch_runs_the_domain_call_once_and_errs_like_the_executor(
    client: httpx.AsyncClient,
    scheduler: dict[str, str],
    answered: list[bool],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from domain import decision

    calls: list[int] = []
    original = decision.check_many

    async def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return await original(*args, **kwargs)

    monkeypatch.setattr(decision, "check_many", counted)
    item = {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
    trusted, ordinary = await _both(
        client, scheduler, _document("privilegeChecks.graphql"), {"inputs": [item] * 501}
    )
    assert answered == [True]  # the plan took it, and its domain call refused it
    assert calls == [1, 1]  # once on each path, never again after a failure
    assert trusted.json()["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert trusted.json() == ordinary.json()


async def test_a_reprinted_document_with_typenames_takes_the_plan(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    """gql and Apollo re-print documents and add `__typename`: still the trusted path,
    and the `__typename`s are answered."""
    from graphql import print_ast

    from schema.documents import normalised

    text = _document("privilegeCheck.graphql")
    reprinted = print_ast(parse(text)).replace("reasons {", "reasons {\n      __typename")
    reprinted = reprinted.replace("allowed", "__typename\n    allowed", 1)
    assert normalised(parse(reprinted)) == normalised(parse(text)) and reprinted != text
    item = {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
    trusted, ordinary = await _both(client, scheduler, reprinted, {"input": item})
    assert answered == [True]
    assert trusted.json() == ordinary.json()
    answer = trusted.json()["data"]["privilegeCheck"]
    assert answer["__typename"] == "PrivilegeDecision"
    assert all(r["__typename"] == "DecisionReason" for r in answer["reasons"])


async def test_r41_a_day_surgery_emergency_is_refused_on_the_trusted_path(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    item = {
        "practitionerStaffNo": "D0001",
        "procedureCode": "47.0901",
        "on": "2026-12-01",
        "setting": "DAY_SURGERY",
        "emergency": True,
    }
    trusted, ordinary = await _both(
        client, scheduler, _document("privilegeChecks.graphql"), {"inputs": [item]}
    )
    assert trusted.status_code == ordinary.status_code == 200
    assert trusted.json()["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert ordinary.json()["errors"][0]["extensions"]["code"] == "VALIDATION"


async def test_an_operation_name_that_does_not_match_is_left_to_the_executor(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    item = {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
    reply = await client.post(
        "/graphql",
        headers=scheduler,
        json={
            "query": _document("privilegeCheck.graphql"),
            "variables": {"input": item},
            "operationName": "Other",
        },
    )
    # No such operation: refused before execution, by the one pipeline (HTTP 400).
    assert answered == [] and reply.status_code == 400 and reply.json()["errors"]


@pytest.mark.parametrize(
    "text",
    [
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed ...F } }"
        " fragment F on PrivilegeDecision { requiresMdt }",
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed @skip(if: true) } }",
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) "
        "{ reasons { privilege { id } } } }",
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { procedure { code } } }",
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { basis { status } } }",
        "query($i: PrivilegeCheckInput!) { "
        'privilegeCheck(input: $i, knownAt: "2026-01-01T00:00:00Z") { allowed } }',
        "query($i: PrivilegeCheckInput) { privilegeCheck(input: $i) { allowed } }",
        "query($i: PrivilegeCheckInput!, $j: Int) { privilegeCheck(input: $i) { allowed } }",
        "query($i: PrivilegeCheckInput!) { a: privilegeCheck(input: $i) { allowed } "
        "b: viewer { id } }",
        "query($i: [PrivilegeCheckInput]!) { privilegeChecks(inputs: $i) { allowed } }",
        "mutation($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed } }",
    ],
)
def test_no_plan_for_what_it_cannot_serialise_exactly(text: str) -> None:
    assert precompiled.compile_plan(parse(text)) is None


def test_aliases_and_typenames_are_planned() -> None:
    text = (
        "query Q($i: PrivilegeCheckInput!) { c: privilegeCheck(input: $i) "
        "{ __typename ok: allowed reasons { __typename why: code } } }"
    )
    plan = precompiled.compile_plan(parse(text))
    assert plan is not None and plan.response_key == "c" and plan.operation_name == "Q"
    decision = Decision(
        allowed=False,
        reasons=[Reason(ReasonCode.NO_PRIVILEGE, Severity.BLOCKING, "none")],
        procedure_id=None,
        requires_mdt=False,
        basis=[],
        valid_until=None,
        registry_version=3,
    )
    assert plan.serialise(decision) == {
        "__typename": "PrivilegeDecision",
        "ok": False,
        "reasons": [{"__typename": "DecisionReason", "why": "NO_PRIVILEGE"}],
    }


def test_repeated_fields_are_left_to_the_executor_to_merge() -> None:
    text = (
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) "
        "{ reasons { code } reasons { message } } }"
    )
    assert precompiled.compile_plan(parse(text)) is None
    repeated_leaf = (
        "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed allowed } }"
    )
    assert precompiled.compile_plan(parse(repeated_leaf)) is None


async def test_a_hash_sent_as_the_query_text_is_not_a_trusted_document(
    client: httpx.AsyncClient, scheduler: dict[str, str], answered: list[bool]
) -> None:
    import hashlib

    digest = hashlib.sha256(_document("privilegeCheck.graphql").encode()).hexdigest()
    item = {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
    reply = await client.post(
        "/graphql", headers=scheduler, json={"query": digest, "variables": {"input": item}}
    )
    assert answered == [] and reply.json()["errors"] and not reply.json().get("data")


async def test_a_lone_surrogate_in_the_query_is_a_clean_error(
    client: httpx.AsyncClient, scheduler: dict[str, str]
) -> None:
    body = b'{"query": "{ __typename } # \\ud800"}'
    reply = await client.post(
        "/graphql", headers={**scheduler, "content-type": "application/json"}, content=body
    )
    # Refused before GraphQL sees it, with a typed 400 (issue 13 item 11); nothing crashes.
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("checks", [0, 1, 2, 7, 500, 501])
def test_a_plans_cost_is_the_cost_of_its_query(checks: int) -> None:
    """The cost a trusted plan is charged, computed once, is what schema/cost.py counts."""
    from schema.cost import query_cost
    from schema.schema import build_schema

    schema = build_schema()
    for name, batch in (("privilegeChecks.graphql", True), ("privilegeCheck.graphql", False)):
        text = _document(name)
        found = schema.trusted.find(text)  # type: ignore[attr-defined]
        assert found is not None and found.plan is not None
        value: Any = [{}] * checks if batch else {}
        expected = query_cost(
            schema._schema, found.document, found.plan.operation_name, {found.plan.variable: value}
        )
        assert found.cost(checks if batch else 1) == expected
