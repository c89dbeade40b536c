"""Issue 14 item 5: browsers subscribe. A browser cannot set headers on a WebSocket, so
it sends its session token in `connection_init` (`{"authorization": "Bearer ..."}`, the
graphql-ws convention); a missing or wrong one closes the socket with 4403, a revoked
session disconnects it within seconds, and the Origin allow-list still applies."""

from __future__ import annotations

import time
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from api.app import create_app
from api.settings import Settings
from domain import auth, clock
from tests import factories

SUBSCRIBE = "subscription { privilegeChanges { seq action } }"
ORIGIN = "https://credreg.hospital.example"
# What a browser sends: the subprotocol and its Origin, and no Authorization header.
BROWSER = {"origin": ORIGIN, "user-agent": "Mozilla/5.0"}


def _app(database_url: str) -> Any:
    return create_app(
        Settings(
            database_url=database_url,
            argon2_time_cost=2,
            argon2_memory_kib=19456,
            argon2_parallelism=1,
            ws_recheck_ms=200,
            ws_origins=(ORIGIN,),
            webhook_worker=False,
        )
    )


async def _world() -> dict[str, Any]:
    await factories.hospital()
    practitioner = await factories.practitioner("D0001")
    await factories.procedure()
    token = await factories.token_for("browser", ["ADMIN"])
    return {"practitioner": practitioner, "token": token}


def test_r_ws_browser_authenticates_in_connection_init_and_is_cut_off_on_logout(
    database_url: str,
) -> None:
    with TestClient(_app(database_url)) as client:
        clock.set_clock(clock.Clock())
        world = client.portal.call(_world)
        with client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers=BROWSER
        ) as ws:
            ws.send_json(
                {
                    "type": "connection_init",
                    "payload": {"authorization": f"Bearer {world['token']}"},
                }
            )
            assert ws.receive_json()["type"] == "connection_ack"
            ws.send_json({"id": "s", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
            time.sleep(0.5)  # the subscription listens before the change commits
            client.portal.call(factories.grant, world["practitioner"])
            events = [ws.receive_json() for _ in range(3)]
            assert [m["type"] for m in events] == ["next"] * 3
            assert all(m["payload"]["data"]["privilegeChanges"]["seq"] for m in events)

            # The session ends elsewhere (another tab logs out): within seconds the
            # socket is closed with 4403, and nothing more is delivered.
            async def logout() -> None:
                await auth.logout(await auth.authenticate(world["token"]))

            client.portal.call(logout)
            started = time.monotonic()
            after: list[dict[str, Any]] = []
            with pytest.raises(WebSocketDisconnect) as closed:
                while time.monotonic() - started < 10:
                    after.append(ws.receive_json())
            assert closed.value.code == 4403
            assert time.monotonic() - started < 5
            assert [m for m in after if m.get("type") == "next"] == []


@pytest.mark.parametrize(
    "payload",
    [None, {}, {"authorization": "Bearer crs_not-a-session"}, {"authorization": "Basic eA=="}],
)
def test_r_ws_missing_or_wrong_credential_is_closed_with_4403(
    database_url: str, payload: dict[str, Any] | None
) -> None:
    with TestClient(_app(database_url)) as client:
        client.portal.call(_world)
        with client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers=BROWSER
        ) as ws:
            message: dict[str, Any] = {"type": "connection_init"}
            if payload is not None:
                message["payload"] = payload
            ws.send_json(message)
            with pytest.raises(WebSocketDisconnect) as closed:
                ws.receive_json()
            assert closed.value.code == 4403


def test_r_ws_foreign_origin_is_refused_before_any_credential(database_url: str) -> None:
    with TestClient(_app(database_url)) as client:
        world = client.portal.call(_world)
        with (
            pytest.raises(WebSocketDisconnect),
            client.websocket_connect(
                "/graphql",
                subprotocols=["graphql-transport-ws"],
                headers={"origin": "https://evil.example"},
            ) as ws,
        ):
            ws.send_json(
                {
                    "type": "connection_init",
                    "payload": {"authorization": f"Bearer {world['token']}"},
                }
            )
            ws.receive_json()
