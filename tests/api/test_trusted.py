"""Trusted documents: the persisted-query fast path answers exactly like the ordinary
path, with the same authentication, error policy and cost limit."""

from __future__ import annotations

import hashlib
from importlib import resources

import httpx

from domain import auth
from schema import cost
from tests import factories

TEXT = resources.files("schema").joinpath("trusted/privilegeCheck.graphql").read_text().strip()
HASH = hashlib.sha256(TEXT.encode()).hexdigest()
VARIABLES = {
    "input": {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
}


async def _setup() -> str:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    await factories.grant(doctor)
    key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
    assert key.secret
    return key.secret


async def test_trusted_path_matches_the_ordinary_path(client: httpx.AsyncClient) -> None:
    token = await _setup()
    headers = {"authorization": f"Bearer {token}"}
    by_text = await client.post(
        "/graphql", json={"query": TEXT, "variables": VARIABLES}, headers=headers
    )
    by_hash = await client.post(
        "/graphql",
        headers=headers,
        json={
            "variables": VARIABLES,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": HASH}},
        },
    )
    ordinary = await client.post(
        "/graphql",
        headers=headers,
        # not trusted: an always-true directive makes it another document
        json={
            "query": TEXT.replace("(input: $input)", "(input: $input) @include(if: true)"),
            "variables": VARIABLES,
        },
    )
    assert by_text.status_code == by_hash.status_code == ordinary.status_code == 200
    assert by_text.json() == by_hash.json() == ordinary.json()
    answer = by_text.json()["data"]["privilegeCheck"]
    assert answer["allowed"] is True and len(answer["basis"]) == 1


async def test_trusted_path_keeps_the_policies(client: httpx.AsyncClient) -> None:
    token = await _setup()
    anonymous = await client.post("/graphql", json={"query": TEXT, "variables": VARIABLES})
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    bad = await client.post(
        "/graphql",
        headers={"authorization": f"Bearer {token}"},
        json={"query": TEXT, "variables": {"input": {"on": "bad"}}},
    )
    assert bad.status_code in (200, 400) and bad.json()["errors"]
    unknown = await client.post(
        "/graphql",
        headers={"authorization": f"Bearer {token}"},
        json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}},
    )
    assert unknown.status_code == 200  # Apollo's protocol: the client retries with the text
    assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    cost.configure(rate=1, burst=15, max_cost=1000)
    try:
        codes = []
        for _ in range(3):
            reply = await client.post(
                "/graphql",
                headers={"authorization": f"Bearer {token}"},
                json={"query": TEXT, "variables": VARIABLES},
            )
            codes.append((reply.json().get("errors") or [{}])[0].get("extensions", {}).get("code"))
        assert "THROTTLED" in codes
    finally:
        cost.configure(rate=50_000, burst=100_000, max_cost=50_000)
