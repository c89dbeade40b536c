"""SPEC section 7: hostile input never yields a 5xx, a stack trace or a change to data;
expensive or too frequent queries are refused by cost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from models import AuditEvent, Department, Practitioner, Site, Specialty
from schema import cost
from tests import factories

INJECTIONS = [
    "'; DROP TABLE practitioner; --",
    '" OR 1=1 --',
    "1; DELETE FROM audit_event",
    "<script>alert(1)</script>",
    "${jndi:ldap://127.0.0.1/a}",
    "{{7*7}}",
    "../../../../etc/passwd",
    "%00%27",
    "Robert'); UPDATE app_user SET roles='[\"ADMIN\"]'; --",
    "\u202e\u0000evil",
]


def deep(levels: int) -> str:
    """A query nested deeper than 10 levels."""
    nested = '{ node(id: "x") { ... on Practitioner { privileges { practitioner { privileges {'
    nested += " practitioner { privileges { practitioner { privileges { practitioner {"
    nested += " privileges { id } } } } } } } } } } } }"
    assert levels > 10
    return nested


def hostile_bodies() -> Iterator[tuple[str, Any]]:
    yield "depth 11", {"query": deep(11)}
    aliases = " ".join(f"a{i}: viewer {{ name }}" for i in range(16))
    yield "16 aliases", {"query": "{ " + aliases + " }"}
    fragment_aliases = (
        "fragment F on Query { "
        + " ".join(f"b{i}: sites {{ nodes {{ code }} }}" for i in range(16))
        + " } { ...F }"
    )
    yield "aliases in a fragment", {"query": fragment_aliases}
    yield (
        "circular fragments",
        {"query": "fragment A on Query { ...B } fragment B on Query { ...A } { ...A }"},
    )
    yield "2001 tokens", {"query": "{ " + " ".join(["viewer { name }"] * 700) + " }"}
    yield "batched array", [{"query": "{ viewer { name } }"}] * 50
    yield (
        "1 MB string",
        {
            "query": 'mutation($n: String!) { createSite(input: {code: "X1", '
            "name: $n}) { userErrors { code } } }",
            "variables": {"n": "x" * 2**20},
        },
    )
    yield (
        "wrong variable type",
        {
            "query": "query($f: Int) { sites(first: $f) { nodes { code } } }",
            "variables": {"f": "ten"},
        },
    )
    yield "float for int", {"query": "{ sites(first: 1.5) { nodes { code } } }"}
    yield "huge int", {"query": "{ sites(first: 99999999999999999999) { nodes { code } } }"}
    yield "negative first", {"query": "{ sites(first: -1) { nodes { code } } }"}
    yield "unknown operation name", {"query": "query A { viewer { name } }", "operationName": "B"}
    yield "no query", {"variables": {}}
    yield "query is a number", {"query": 42}
    yield "variables is a list", {"query": "{ viewer { name } }", "variables": [1, 2]}
    yield "null byte in query", {"query": "{ viewer { name } }\u0000"}
    yield (
        "deep variables",
        {
            "query": "query($v: JSON) { viewer { name } }",
            "variables": {"v": json.loads("[" * 500 + "]" * 500)},
        },
    )
    yield "invalid global id", {"query": '{ node(id: "%%%") { id } }'}
    yield "cursor injection", {"query": '{ sites(after: "\' OR 1=1 --") { nodes { code } } }'}
    yield "mutation via subscription field", {"query": "subscription { viewer { name } }"}
    yield "introspection", {"query": "{ __schema { types { name } } }"}
    yield (
        "giant batch of checks",
        {
            "query": "query($i: [PrivilegeCheckInput!]!) "
            "{ privilegeChecks(inputs: $i) { allowed } }",
            "variables": {
                "i": [
                    {"procedureCode": "47.0901", "on": "2026-12-01", "practitionerStaffNo": "D0001"}
                ]
                * 5000
            },
        },
    )
    for index, text in enumerate(INJECTIONS):
        yield (
            f"injection in a code {index}",
            {
                "query": 'mutation($c: String!) { createSpecialty(input: {code: $c, name: "x"}) '
                "{ userErrors { code } } }",
                "variables": {"c": text},
            },
        )
        yield (
            f"injection in a filter {index}",
            {
                "query": "query($s: String) { practitioners(filter: {search: $s}) "
                "{ nodes { staffNo } } }",
                "variables": {"s": text},
            },
        )


async def state() -> tuple[int, ...]:
    return tuple(
        [await m.all().count() for m in (Site, Specialty, Department, Practitioner, AuditEvent)]
    )


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> str:
    await factories.hospital()
    await factories.practitioner("D0001")
    return await factories.token_for("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"])


async def test_hostile_inputs_are_refused_cleanly(client: httpx.AsyncClient, admin: str) -> None:
    cases = list(hostile_bodies())
    assert len(cases) >= 30
    before = await state()
    for name, body in cases:
        response = await client.post(
            "/graphql",
            content=json.dumps(body),
            headers={"authorization": f"Bearer {admin}", "content-type": "application/json"},
        )
        assert response.status_code < 500, name
        text = response.text
        assert "Traceback" not in text and 'File "' not in text, name
        if response.status_code == 200:
            payload = response.json()
            refused = bool(payload.get("errors")) or any(
                (v or {}).get("userErrors")
                for v in (payload.get("data") or {}).values()
                if isinstance(v, dict)
            )
            if name.startswith("injection in a filter"):  # matches nothing, or is refused
                assert payload.get("errors") or payload["data"]["practitioners"]["nodes"] == []
            else:
                assert refused, name
    after = await state()
    # The only writes are the refusals being audited; no entity row changed.
    assert after[:4] == before[:4]
    refusals = await AuditEvent.filter(action="authorization.refused").count()
    assert after[4] - before[4] == refusals


async def test_invalid_utf8_and_huge_bodies(client: httpx.AsyncClient, admin: str) -> None:
    for raw in (b'{"query": "{ viewer { name } }\xff\xfe"}', b"\xc3\x28", b"{" * 100_000):
        response = await client.post(
            "/graphql", content=raw, headers={"content-type": "application/json"}
        )
        assert 400 <= response.status_code < 500


async def test_injection_text_is_stored_verbatim(client: httpx.AsyncClient) -> None:
    await factories.hospital()
    token = await factories.token_for("admin", ["ADMIN"])
    for index, text in enumerate(INJECTIONS[:9]):
        body = await factories.gql(
            client,
            """mutation($n: String!, $c: String!) {
            createSpecialty(input: {code: $c, name: $n}) {
              specialty { name } userErrors { code } } }""",
            {"n": text, "c": f"INJ{index}"},
            token=token,
        )
        assert body["data"]["createSpecialty"]["specialty"]["name"] == text.strip()
    assert await Practitioner.all().count() == 0 and await Site.all().count() == 1


async def test_cost_limit_and_throttling(client: httpx.AsyncClient, admin: str) -> None:
    expensive = (
        "{ practitioners(first: 100) { nodes { privileges { history(first: 100) "
        "{ nodes { seq action entityType entityId actorName } } } } } }"
    )
    assert (
        cost.query_cost(
            __import__("schema.schema", fromlist=["x"]).build_schema()._schema,
            __import__("graphql").parse(expensive),
            None,
            None,
        )
        > 50_000
    )
    body = await factories.gql(client, expensive, token=admin)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    cost.configure(rate=1, burst=400, max_cost=1000)  # two listings of 151 points fit
    try:
        codes = []
        for _ in range(12):
            reply = await factories.gql(client, "{ sites { nodes { code name } } }", token=admin)
            codes.append((reply.get("errors") or [{}])[0].get("extensions", {}).get("code"))
        assert codes[0] is None and "THROTTLED" in codes
        throttled = await factories.gql(client, "{ sites { nodes { code } } }", token=admin)
        assert throttled["errors"][0]["extensions"]["retryAfterSeconds"] > 0
        # Another client has its own budget.
        other = await factories.token_for("other", ["AUDITOR"])
        assert "errors" not in await factories.gql(client, "{ viewer { name } }", token=other)
    finally:
        cost.configure(rate=50_000, burst=100_000, max_cost=50_000)
