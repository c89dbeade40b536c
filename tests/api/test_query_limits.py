"""Issue 13 item 3: the cost limit multiplies through every list, and a per-request time
budget stops what still runs too long."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from graphql import parse

from domain import organisation
from schema import cost
from schema.schema import build_schema
from tests import factories

CHECK = {"procedureCode": "47.0901", "on": "2026-12-01", "practitionerStaffNo": "D0001"}
NESTED = (
    "allowed basis { id status practitioner { staffNo name "
    "privileges { id status scope validFrom validUntil } } }"
)


def issue_example(aliases: int = 5) -> str:
    checks = " ".join(
        f"a{index}: privilegeChecks(inputs: $i) {{ {NESTED} }}" for index in range(aliases)
    )
    return "query($i: [PrivilegeCheckInput!]!) { " + checks + " }"


@pytest.fixture
def schema() -> Any:
    return build_schema()._schema


def test_r_cost_multiplies_through_nested_lists(schema: Any) -> None:
    def of(query: str, variables: dict[str, Any] | None = None) -> int:
        return cost.query_cost(schema, parse(query), None, variables)

    one = of(
        "query($i: [PrivilegeCheckInput!]!) { privilegeChecks(inputs: $i) { allowed } }",
        {"i": [CHECK]},
    )
    many = of(
        "query($i: [PrivilegeCheckInput!]!) { privilegeChecks(inputs: $i) { allowed } }",
        {"i": [CHECK] * 500},
    )
    assert many == 500 * (one - 1) + 1  # the batch length multiplies the subtree
    # basis (estimate 5) × practitioner × privileges (estimate 30) compound.
    shallow = of("{ privilegeChecks(inputs: []) { basis { id } } }")
    deep = of("{ privilegeChecks(inputs: []) { basis { practitioner { privileges { id } } } } }")
    basis = cost.LIST_ESTIMATES["PrivilegeDecision.basis"]
    privileges = cost.LIST_ESTIMATES["Practitioner.privileges"]
    assert shallow == 1 + basis * 1 + 1
    assert deep == 1 + 1 + basis * (1 + 1 + privileges * 1)
    # Connections count `first`, once: edges and nodes do not multiply again.
    assert of("{ sites(first: 10) { nodes { code } edges { node { code } } } }") == 1 + 10 * (
        1 + 1 + 1 + 1 + 1
    )
    # A batch given inline counts its literal length; one given nowhere counts the maximum.
    assert (
        of('{ privilegeChecks(inputs: [{procedureCode: "x", on: "2026-01-01"}]) { allowed } }') == 2
    )


async def test_r_issue_example_nested_checks_refused_before_execution(
    client: httpx.AsyncClient,
) -> None:
    await factories.hospital()
    practitioner = await factories.practitioner("D0001")
    await factories.procedure()
    await factories.grant(practitioner)
    token = await factories.token_for("orlist", ["ADMIN"])
    started = time.perf_counter()
    body = await factories.gql(client, issue_example(), {"i": [CHECK] * 500}, token=token)
    elapsed = time.perf_counter() - started
    assert body["data"] is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] > cost.LIMITER.max_cost
    assert elapsed < 2.0  # refused before any check ran (it used to run 30-70 s)
    # One alias of 500 plain checks is still accepted.
    plain = await factories.gql(
        client,
        "query($i: [PrivilegeCheckInput!]!) { privilegeChecks(inputs: $i) { allowed } }",
        {"i": [CHECK] * 500},
        token=token,
    )
    assert "errors" not in plain and len(plain["data"]["privilegeChecks"]) == 500


async def test_r_time_budget_stops_a_slow_query(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await factories.hospital()
    token = await factories.token_for("auditor", ["AUDITOR"])
    original = organisation.list_sites
    finished: list[bool] = []

    async def slow(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(2)
        finished.append(True)
        return await original(*args, **kwargs)

    monkeypatch.setattr(organisation, "list_sites", slow)
    cost.configure_time_budget(0.2)
    try:
        started = time.perf_counter()
        body = await factories.gql(client, "{ sites { nodes { code } } }", token=token)
        elapsed = time.perf_counter() - started
    finally:
        cost.configure_time_budget(10.0)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TIMEOUT"
    assert "时间预算" in body["errors"][0]["message"]
    assert elapsed < 1.5 and finished == []  # the resolver was cancelled, not awaited
    # Within the budget the same query answers.
    monkeypatch.setattr(organisation, "list_sites", original)
    ok = await factories.gql(client, "{ sites { nodes { code } } }", token=token)
    assert ok["data"]["sites"]["nodes"]


async def test_r_time_budget_leaves_mutations_alone(client: httpx.AsyncClient) -> None:
    await factories.hospital()
    token = await factories.token_for("admin", ["ADMIN"])
    cost.configure_time_budget(0.000001)
    try:
        body = await factories.gql(
            client,
            'mutation { createSpecialty(input: {code: "CARD", name: "心内科"}) '
            "{ specialty { code } userErrors { code } } }",
            token=token,
        )
    finally:
        cost.configure_time_budget(10.0)
    assert body["data"]["createSpecialty"]["specialty"]["code"] == "CARD"


async def test_r_time_budget_lets_chain_verification_finish(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    await factories.hospital()
    token = await factories.token_for("auditor", ["AUDITOR"])
    cost.configure_time_budget(0.000001)
    try:
        alone = await factories.gql(client, "{ verifyAuditChain { ok } }", token=token)
        mixed = await factories.gql(
            client, "{ verifyAuditChain { ok } sites { nodes { code } } }", token=token
        )
    finally:
        cost.configure_time_budget(10.0)
    assert alone["data"]["verifyAuditChain"]["ok"] is True
    assert mixed["errors"][0]["extensions"]["code"] == "QUERY_TIMEOUT"
