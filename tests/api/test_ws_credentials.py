"""Issue 13 item 1: an open WebSocket follows the credential it was opened with.

For each way a credential ends (logout, API key revocation, user deactivation) and each
way the socket notices (before the next event, before the next operation, the periodic
check): the subscription receives nothing more, no new operation runs, and the socket is
closed with 4403.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from api.app import create_app
from api.settings import Settings
from domain import auth, clock
from models import User
from tests import factories

SUBSCRIBE = "subscription { privilegeChanges { seq action } }"


def _settings(database_url: str, recheck_ms: int) -> Settings:
    return Settings(
        database_url=database_url,
        argon2_time_cost=2,
        argon2_memory_kib=19456,
        argon2_parallelism=1,
        ws_recheck_ms=recheck_ms,
        webhook_worker=False,
    )


async def _world(kind: str) -> dict[str, Any]:
    await factories.hospital()
    practitioner = await factories.practitioner("D0001")
    await factories.procedure()
    if kind == "revoke_key":
        key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
        return {"practitioner": practitioner, "token": key.secret, "key_id": key.key.id}
    token = await factories.token_for("watcher", ["ADMIN"])
    return {"practitioner": practitioner, "token": token}


def _end_credential(client: TestClient, kind: str, world: dict[str, Any]) -> None:
    headers = {"authorization": f"Bearer {world['token']}"}
    if kind == "logout":
        reply = client.post(
            "/graphql", json={"query": "mutation { logout { ok } }"}, headers=headers
        ).json()
        assert reply["data"]["logout"]["ok"] is True
    elif kind == "revoke_key":

        async def revoke() -> None:
            await auth.revoke_api_key(factories.SYSTEM, world["key_id"], "泄露")

        client.portal.call(revoke)
    else:

        async def deactivate() -> None:
            await User.filter(username="watcher").update(active=False)

        client.portal.call(deactivate)


def _until_closed(ws: Any, deadline: float = 10.0) -> tuple[list[dict[str, Any]], int]:
    received: list[dict[str, Any]] = []
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            received.append(ws.receive_json())
        except WebSocketDisconnect as closed:
            return received, closed.code
    raise AssertionError(f"socket still open after {deadline} s: {received}")


@pytest.mark.parametrize("kind", ["logout", "revoke_key", "deactivate"])
@pytest.mark.parametrize("noticed_by", ["next_event", "next_operation", "periodic_check"])
def test_r_ws_revoked_credential_closes_socket(
    database_url: str, kind: str, noticed_by: str
) -> None:
    recheck_ms = 100 if noticed_by == "periodic_check" else 60_000
    app = create_app(_settings(database_url, recheck_ms))
    with TestClient(app) as client:
        clock.set_clock(clock.Clock())
        world = client.portal.call(_world, kind)
        headers = {"authorization": f"Bearer {world['token']}"}
        with client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers=headers
        ) as ws:
            ws.send_json({"type": "connection_init"})
            assert ws.receive_json()["type"] == "connection_ack"
            # Before: queries run and the subscription delivers.
            ws.send_json(
                {"id": "q", "type": "subscribe", "payload": {"query": "{ viewer { name } }"}}
            )
            first = ws.receive_json()
            assert first["type"] == "next" and first["payload"]["data"]["viewer"]["name"]
            assert ws.receive_json()["type"] == "complete"
            ws.send_json({"id": "s", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
            time.sleep(0.5)  # the subscription is listening before the change commits
            granted = client.portal.call(factories.grant, world["practitioner"])
            before = [ws.receive_json() for _ in range(3)]
            assert [m["type"] for m in before] == ["next"] * 3

            _end_credential(client, kind, world)
            if noticed_by == "next_event":

                async def change() -> None:
                    from domain import privileges

                    await privileges.suspend_privilege(
                        factories.SYSTEM, granted.id, granted.version, "调查"
                    )

                client.portal.call(change)
            elif noticed_by == "next_operation":
                ws.send_json(
                    {"id": "q2", "type": "subscribe", "payload": {"query": "{ viewer { name } }"}}
                )
            after, code = _until_closed(ws)
    assert code == 4403
    # Nothing after the credential ended: no event, no query result.
    assert [m for m in after if m.get("type") == "next"] == []


def test_r_ws_anonymous_socket_is_closed_at_connection_init(database_url: str) -> None:
    """Issue 14 item 5: no credential, no acknowledgement (4403 instead)."""
    app = create_app(_settings(database_url, 100))
    with (
        TestClient(app) as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws,
    ):
        ws.send_json({"type": "connection_init"})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4403
