"""Issue 14 item 6: GraphQL over HTTP.

`application/graphql-response+json` when the client asks for it (4xx for request errors:
bad JSON, parse and validation failures, variable coercion; no `data` entry then), and
`application/json` as before (200 whenever GraphQL answered). Introspection is ADMIN's,
and SCHEDULER keys' when CREDREG_INTROSPECTION_ROLES names them. With node and
`npm ci` in scripts/node the graphql-http audit runs against a live server: every MUST
and SHOULD for an ADMIN caller, every MUST for a SCHEDULER key.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.http import response_media_type
from api.settings import Settings, load_settings
from domain import auth
from domain.actors import Role
from tests import factories, live

GQL = "application/graphql-response+json"
ASKS_FOR_GQL = {"accept": f"{GQL}, application/json;q=0.9"}


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GQL, GQL),
        (f"{GQL},application/json;q=0.9", GQL),  # what Apollo Client 4 sends
        (f"application/json, {GQL};q=0.5", "application/json"),
        (f"{GQL};q=0", "application/json"),
        ("text/html", "application/json"),
    ],
)
def test_accept_negotiation(accept: str | None, expected: str) -> None:
    assert response_media_type(accept) == expected


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b'{ "not a JSON', 400),
        (json.dumps({"query": "{"}).encode(), 400),  # parse failure
        (json.dumps({"query": "{ noSuchField }"}).encode(), 400),  # validation failure
        (
            json.dumps(
                {"query": "query Q($id: ID!) { __typename }", "variables": {"id": None}}
            ).encode(),
            400,  # variable coercion failure
        ),
        (json.dumps({"qeury": "{ __typename }"}).encode(), 400),
        (json.dumps({"query": "{ __typename }"}).encode(), 200),
    ],
)
async def test_graphql_response_json_statuses(
    client: httpx.AsyncClient, body: bytes, status: int
) -> None:
    headers = {**ASKS_FOR_GQL, "content-type": "application/json"}
    reply = await client.post("/graphql", content=body, headers=headers)
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"].startswith(GQL)
    payload = reply.json()
    if status == 400:
        assert "data" not in payload and payload["errors"][0]["message"]
    else:
        assert payload == {"data": {"__typename": "Query"}}
    # application/json: as before, 200 whenever GraphQL answered.
    plain = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert plain.headers["content-type"].startswith("application/json")
    if b"not a JSON" in body or b"qeury" in body:
        assert plain.status_code == 400
    else:
        assert plain.status_code == 200 and "data" in plain.json()


async def test_a_field_error_keeps_200_and_data(client: httpx.AsyncClient) -> None:
    """Execution ran (the error has a path): 200 and a `data` entry, even a null one."""
    for query, data in (
        ("{ viewer { name } }", {"viewer": None}),
        ('{ privilegeCheck(input: {procedureCode: "x", on: "2026-12-01"}) { allowed } }', None),
    ):
        reply = await client.post("/graphql", json={"query": query}, headers=ASKS_FOR_GQL)
        assert reply.status_code == 200
        assert reply.json()["data"] == data
        assert reply.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_refusals_use_the_negotiated_media_type(client: httpx.AsyncClient) -> None:
    form = await client.post(
        "/graphql",
        content=b"query={__typename}",
        headers={**ASKS_FOR_GQL, "content-type": "text/plain"},
    )
    assert form.status_code == 415 and form.headers["content-type"].startswith(GQL)
    assert form.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


INTROSPECT = {"query": '{ __type(name: "Privilege") { name } }'}


@pytest.fixture
async def introspecting_client(db: None, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    widened = dataclasses.replace(settings, introspection_roles=(Role.ADMIN, Role.SCHEDULER))
    transport = httpx.ASGITransport(app=create_app(widened, manage_database=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_introspection_is_admins_and_schedulers_by_setting(
    client: httpx.AsyncClient, introspecting_client: httpx.AsyncClient
) -> None:
    admin = await factories.token_for("admin", ["ADMIN"])
    key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
    scheduler = {"authorization": f"Bearer {key.secret}"}
    by_admin = await client.post(
        "/graphql", json=INTROSPECT, headers={"authorization": f"Bearer {admin}"}
    )
    assert by_admin.json() == {"data": {"__type": {"name": "Privilege"}}}
    by_default = await client.post("/graphql", json=INTROSPECT, headers=scheduler)
    assert by_default.json()["data"] is None and "introspection" in by_default.text.lower()
    widened = await introspecting_client.post("/graphql", json=INTROSPECT, headers=scheduler)
    assert widened.json() == {"data": {"__type": {"name": "Privilege"}}}
    anonymous = await introspecting_client.post("/graphql", json=INTROSPECT)
    assert anonymous.json()["data"] is None


def test_introspection_roles_setting() -> None:
    assert load_settings({}).introspection_roles == (Role.ADMIN,)
    widened = load_settings({"CREDREG_INTROSPECTION_ROLES": "admin, SCHEDULER"})
    assert widened.introspection_roles == (Role.ADMIN, Role.SCHEDULER)
    from api.settings import ConfigError

    with pytest.raises(ConfigError):
        load_settings({"CREDREG_INTROSPECTION_ROLES": "ROOT"})


@pytest.mark.skipif(not live.node_ready(), reason="node and scripts/node/node_modules needed")
def test_graphql_http_audit(database_url: str, tmp_path: Path) -> None:
    async def setup() -> tuple[str, str]:
        admin = await factories.token_for("admin", ["ADMIN"])
        key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
        assert key.secret
        return admin, key.secret

    admin, scheduler = live.with_db(database_url, setup)
    env = {"CREDREG_INTROSPECTION_ROLES": "ADMIN,SCHEDULER"}
    with live.live_server(database_url, str(tmp_path / "keys"), **env) as url:
        results = {}
        for who, token in (("admin", admin), ("scheduler", scheduler)):
            ran = live.run_node("graphql_http_audit.mjs", url, token)
            assert ran.returncode == 0, ran.stderr
            results[who] = json.loads(ran.stdout)
    assert len(results["admin"]) > 50  # the audit really ran

    def failed(who: str, levels: tuple[str, ...]) -> list[tuple[str, str, str]]:
        return [
            (r["id"], r["name"], r["reason"])
            for r in results[who]
            if r["status"] != "ok" and r["name"].split(" ")[0] in levels
        ]

    assert failed("admin", ("MUST", "SHOULD")) == []
    assert failed("scheduler", ("MUST",)) == []
