"""Issue 14 item 4: automatic persisted queries as Apollo clients speak them.

Replayed byte for byte from a recording of what `@apollo/client` 4's persisted-queries
link sent (tests/api/recordings/apollo_persisted_queries.json, made with
scripts/node/apollo_apq.mjs): a hash alone, PersistedQueryNotFound, the retry with the
text, later hits by hash over POST and GET. With node and `npm ci` in scripts/node the
real package drives a live server too.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from api.persisted import PersistedQueries, PersistedQueryError
from domain import auth
from tests import factories, live

RECORDING = Path(__file__).parent / "recordings" / "apollo_persisted_queries.json"
QUERY = "query Allowed($input: PrivilegeCheckInput!) { privilegeCheck(input: $input) { allowed } }"
VARIABLES = {
    "input": {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _persisted(digest: str, version: int = 1) -> dict[str, Any]:
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


async def _setup() -> str:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    await factories.grant(doctor)
    key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
    assert key.secret
    return key.secret


async def test_apollo_recording_replays_byte_for_byte(client: httpx.AsyncClient) -> None:
    token = await _setup()
    exchanges = json.loads(RECORDING.read_text())
    assert [e["method"] for e in exchanges] == ["POST", "POST", "POST", "GET", "POST", "GET"]
    for exchange in exchanges:
        headers = {k: v.replace("{token}", token) for k, v in exchange["headers"].items()}
        reply = await client.request(
            exchange["method"],
            exchange["url"],
            headers=headers,
            content=exchange["body"].encode() if exchange["body"] is not None else None,
        )
        assert reply.status_code == exchange["status"] == 200, reply.text
        # Apollo asks for application/graphql-response+json first; it gets it.
        assert reply.headers["content-type"].startswith("application/graphql-response+json")
        assert reply.json() == json.loads(exchange["response"])
    first = json.loads(exchanges[0]["response"])
    assert first["errors"][0] == {
        "message": "PersistedQueryNotFound",
        "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
    }


async def test_hash_then_text_then_hash(client: httpx.AsyncClient) -> None:
    token = await _setup()
    headers = {"authorization": f"Bearer {token}"}
    digest = _sha(QUERY)
    miss = await client.post(
        "/graphql", headers=headers, json={"variables": VARIABLES, "extensions": _persisted(digest)}
    )
    assert miss.status_code == 200
    assert miss.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    register = await client.post(
        "/graphql",
        headers=headers,
        json={"query": QUERY, "variables": VARIABLES, "extensions": _persisted(digest)},
    )
    assert register.json() == {"data": {"privilegeCheck": {"allowed": True}}}
    hit = await client.post(
        "/graphql", headers=headers, json={"variables": VARIABLES, "extensions": _persisted(digest)}
    )
    assert hit.json() == register.json()
    by_get = await client.get(
        "/graphql",
        headers=headers,
        params={
            "variables": json.dumps(VARIABLES),
            "extensions": json.dumps(_persisted(digest)),
        },
    )
    assert by_get.status_code == 200 and by_get.json() == register.json()


async def test_a_hash_that_is_not_the_texts_is_refused_never_another_document(
    client: httpx.AsyncClient,
) -> None:
    token = await _setup()
    headers = {"authorization": f"Bearer {token}"}
    other = "{ viewer { name } }"
    await client.post(
        "/graphql", headers=headers, json={"query": other, "extensions": _persisted(_sha(other))}
    )
    # The text of one query under the hash of another: refused, and nothing registered.
    reply = await client.post(
        "/graphql",
        headers=headers,
        json={"query": QUERY, "variables": VARIABLES, "extensions": _persisted(_sha(other))},
    )
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_HASH_MISMATCH"
    assert "data" not in reply.json()
    still = await client.post(
        "/graphql", headers=headers, json={"extensions": _persisted(_sha(QUERY))}
    )
    assert still.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


async def test_unsupported_version_and_malformed_hash(client: httpx.AsyncClient) -> None:
    token = await _setup()
    headers = {"authorization": f"Bearer {token}"}
    for persisted in ({"version": 2, "sha256Hash": _sha(QUERY)}, {"sha256Hash": _sha(QUERY)}):
        reply = await client.post(
            "/graphql", headers=headers, json={"extensions": {"persistedQuery": persisted}}
        )
        assert reply.status_code == 200
        assert reply.json()["errors"][0] == {
            "message": "PersistedQueryNotSupported",
            "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"},
        }
    bad = await client.post("/graphql", headers=headers, json={"extensions": _persisted("abc")})
    assert bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_persisted_mutation_never_runs_over_get(client: httpx.AsyncClient) -> None:
    token = await factories.token_for("admin", ["ADMIN"])
    headers = {"authorization": f"Bearer {token}"}
    mutation = "mutation { logout { ok } }"
    digest = _sha(mutation)
    extensions = quote(json.dumps(_persisted(digest)))
    # Registering over GET is refused (it is a mutation), and so is running it by hash.
    first = await client.get(
        f"/graphql?query={quote(mutation)}&extensions={extensions}", headers=headers
    )
    assert first.status_code == 400 and "data" not in first.json()
    await client.post(
        "/graphql", headers=headers, json={"query": "query { viewer { name } }"}
    )  # the session still works
    registered = await client.post(
        "/graphql",
        headers=headers,
        json={"query": mutation, "extensions": _persisted(digest)},
    )
    assert registered.json()["data"]["logout"]["ok"] is True
    token = await auth.login("admin", factories.PASSWORD)
    headers = {"authorization": f"Bearer {token.token}"}
    by_get = await client.get(f"/graphql?extensions={extensions}", headers=headers)
    assert by_get.status_code == 400 and "data" not in by_get.json()
    viewer = await client.post("/graphql", headers=headers, json={"query": "{ viewer { name } }"})
    assert viewer.json()["data"]["viewer"]["name"]  # the GET did not log this session out


async def test_trusted_documents_answer_their_hash_without_registration(
    client: httpx.AsyncClient,
) -> None:
    from importlib import resources

    token = await _setup()
    text = resources.files("schema").joinpath("trusted/privilegeCheck.graphql").read_text()
    reply = await client.post(
        "/graphql",
        headers={"authorization": f"Bearer {token}"},
        json={"variables": VARIABLES, "extensions": _persisted(_sha(text.strip()))},
    )
    assert reply.json()["data"]["privilegeCheck"]["allowed"] is True


def test_the_store_is_a_bounded_lru() -> None:
    store = PersistedQueries(capacity=2)
    texts = ["{ a }", "{ b }", "{ c }"]
    for text in texts[:2]:
        assert store.resolve(text, _persisted(_sha(text))) == text
    assert store.resolve(None, _persisted(_sha("{ a }"))) == "{ a }"  # a is now recent
    store.resolve("{ c }", _persisted(_sha("{ c }")))  # evicts b, the least recent
    assert store.resolve(None, _persisted(_sha("{ a }"))) == "{ a }"
    with pytest.raises(PersistedQueryError) as missing:
        store.resolve(None, _persisted(_sha("{ b }")))
    assert missing.value.code == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.skipif(not live.node_ready(), reason="node and scripts/node/node_modules needed")
def test_real_apollo_client_against_a_live_server(database_url: str, tmp_path: Path) -> None:
    token = live.with_db(database_url, _setup)
    with live.live_server(database_url, str(tmp_path / "keys")) as url:
        ran = live.run_node("apollo_apq.mjs", url, token)
    assert ran.returncode == 0, ran.stderr
    out = json.loads(ran.stdout)
    assert [a["data"]["privilegeCheck"]["allowed"] for a in out["answers"]] == [True] * 4
    assert all(a["error"] is None for a in out["answers"])
    sequence = [
        (e["method"], "query" in json.loads(e["body"]) if e["body"] else False, e["status"])
        for e in out["exchanges"]
    ]
    assert sequence == [
        ("POST", False, 200),  # hash only: PersistedQueryNotFound
        ("POST", True, 200),  # the retry with the text registers it
        ("POST", False, 200),  # a new client: hash only, a hit
        ("GET", False, 200),  # another document by GET: not found
        ("POST", True, 200),
        ("GET", False, 200),  # and then a hit over GET
    ]
