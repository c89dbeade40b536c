"""Issue 18 done-when, end to end on a running app: a booking registered, the surgeon's
privilege suspended, the worker's watcher records exactly one impact, one webhook
delivery is queued, and the bookingImpacts subscription receives it."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient  # runs the app and its lifespan in a thread

from api.app import create_app
from api.settings import Settings
from domain import auth, bookings, clock, privileges, webhooks
from domain.actors import Actor, Role
from domain.bookings import BookingInput
from models import BookingImpact, WebhookDelivery
from tests import factories

SUBSCRIBE = """subscription { bookingImpacts {
    changeAction oldAllowed newAllowed status booking { externalRef } } }"""


def test_r18_suspension_reaches_the_subscription_and_the_webhook_once(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1")  # the receiver is local
    settings = Settings(
        database_url=database_url, argon2_time_cost=2, argon2_memory_kib=19456, argon2_parallelism=1
    )
    app = create_app(settings)
    with TestClient(app) as client:
        clock.set_clock(clock.Clock())

        async def setup() -> dict[str, Any]:
            await factories.hospital()
            surgeon = await factories.practitioner("D0001")
            await factories.procedure()
            privilege = await factories.grant(surgeon)
            key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
            await webhooks.register_webhook(
                factories.SYSTEM, url="http://127.0.0.1:9/hook", event_types=["booking."]
            )
            scheduler = Actor(kind="api_key", id=key.key.id, name="or",
                              roles=frozenset({Role.SCHEDULER}))  # fmt: skip
            await bookings.register_bookings(
                scheduler,
                [
                    BookingInput(
                        external_ref="OR-1",
                        procedure_code="47.0901",
                        scheduled_on=clock.today() + timedelta(days=7),
                        practitioner_staff_no="D0001",
                    )
                ],
            )
            return {"privilege": privilege, "key": key.secret}

        world = client.portal.call(setup)
        headers = {"authorization": f"Bearer {world['key']}"}
        with client.websocket_connect(
            "/graphql", subprotocols=["graphql-transport-ws"], headers=headers
        ) as ws:
            ws.send_json({"type": "connection_init"})
            assert ws.receive_json()["type"] == "connection_ack"
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE}})
            time.sleep(0.3)  # the subscription is listening before the change

            async def suspend() -> None:
                privilege = world["privilege"]
                await privileges.suspend_privilege(
                    factories.SYSTEM, privilege.id, privilege.version, "调查"
                )

            started = time.monotonic()
            client.portal.call(suspend)
            message = ws.receive_json()
            elapsed = time.monotonic() - started
            ws.send_json({"id": "1", "type": "complete"})
        assert message["type"] == "next", message
        event = message["payload"]["data"]["bookingImpacts"]
        assert event["changeAction"] == "privilege.suspend"
        assert event["booking"]["externalRef"] == "OR-1"
        assert (event["oldAllowed"], event["newAllowed"]) == (True, False)
        assert elapsed < 5, elapsed

        async def counts() -> tuple[int, int]:
            return (
                await BookingImpact.all().count(),
                await WebhookDelivery.filter(event_type="booking.affected").count(),
            )

        time.sleep(0.6)  # another watcher pass finds nothing new
        assert client.portal.call(counts) == (1, 1)
