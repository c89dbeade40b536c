"""SPEC 5: privilegeChanges over graphql-transport-ws on /graphql."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from starlette.testclient import TestClient  # runs the app and its lifespan in a thread
from starlette.websockets import WebSocketDisconnect

from api.app import create_app
from api.settings import Settings
from domain import auth, clock
from domain import changes as changes_feed
from schema import ids
from tests import factories

SUBSCRIBE = """subscription($p: ID) { privilegeChanges(practitioner: $p) {
    seq action status scope practitionerId privilegeId } }"""


def test_privilege_changes_are_pushed_filtered_by_practitioner(database_url: str) -> None:
    settings = Settings(
        database_url=database_url, argon2_time_cost=2, argon2_memory_kib=19456, argon2_parallelism=1
    )
    app = create_app(settings)
    with TestClient(app) as client:
        clock.set_clock(clock.Clock())

        async def setup() -> dict[str, Any]:
            await factories.hospital()
            mine = await factories.practitioner("D0001")
            other = await factories.practitioner("D0002")
            await factories.procedure()
            key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
            return {"mine": mine, "other": other, "key": key.secret}

        world = client.portal.call(setup)
        headers = {"authorization": f"Bearer {world['key']}"}
        with client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers=headers
        ) as ws:
            ws.send_json({"type": "connection_init"})
            assert ws.receive_json()["type"] == "connection_ack"
            ws.send_json(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {
                        "query": SUBSCRIBE,
                        "variables": {"p": ids.encode("Practitioner", world["mine"].id)},
                    },
                }
            )

            async def listening() -> None:
                # The subscribe message is handled on the server's loop; changes that
                # commit before it listens are not pushed (a client asks fromSeq for
                # those). Writes that never yield could otherwise land first.
                for _ in range(500):
                    if changes_feed.feed().listeners:
                        return
                    await asyncio.sleep(0.01)
                raise AssertionError("the subscription never started listening")

            client.portal.call(listening)

            async def changes() -> None:
                await factories.grant(world["other"])  # filtered out
                granted = await factories.grant(world["mine"])
                from domain import privileges

                await privileges.suspend_privilege(
                    factories.SYSTEM, granted.id, granted.version, "调查"
                )

            client.portal.call(changes)
            received = [ws.receive_json() for _ in range(4)]
            ws.send_json({"id": "1", "type": "complete"})
    assert all(m["type"] == "next" for m in received)
    events = [m["payload"]["data"]["privilegeChanges"] for m in received]
    assert [(e["action"], e["status"]) for e in events] == [
        ("privilege.request", "REQUESTED"),
        ("privilege.endorse", "ENDORSED"),
        ("privilege.approve", "ACTIVE"),
        ("privilege.suspend", "SUSPENDED"),
    ]
    assert {e["practitionerId"] for e in events} == {ids.encode("Practitioner", world["mine"].id)}
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)


def test_subscription_requires_authentication(database_url: str) -> None:
    """No credential: connection_init is answered by closing with 4403 (issue 14)."""
    app = create_app(Settings(database_url=database_url))
    with (
        TestClient(app) as client,
        client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws,
    ):
        ws.send_json({"type": "connection_init"})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 4403


def test_a_subscription_over_the_cost_limit_is_refused_not_started(database_url: str) -> None:
    """The cost limit holds for subscriptions too: strawberry starts a subscription
    whatever the execution result says, so the refusal is a pre-execution error."""
    settings = Settings(
        database_url=database_url,
        argon2_time_cost=2,
        argon2_memory_kib=19456,
        argon2_parallelism=1,
        max_query_cost=1,
    )
    app = create_app(settings)
    try:
        with TestClient(app) as client:

            async def setup() -> str:
                await factories.hospital()
                key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
                return key.secret

            secret = client.portal.call(setup)
            with client.websocket_connect(
                "/graphql",
                subprotocols=["graphql-transport-ws"],
                headers={"authorization": f"Bearer {secret}"},
            ) as ws:
                ws.send_json({"type": "connection_init"})
                assert ws.receive_json()["type"] == "connection_ack"
                ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
                refused = ws.receive_json()
    finally:
        from schema import cost

        cost.configure(cost.LIMITER.rate, cost.LIMITER.burst, 50_000)
    assert refused["type"] == "error", refused
    assert refused["payload"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
