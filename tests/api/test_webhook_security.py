"""Issue 13 items 5 and 6: webhook secrets stay out of the audit log (and the exposed ones
are rotated by migration 5); no webhook reaches an internal address, checked at
registration and again after DNS resolution at delivery; a slow or endless receiver
holds up nobody.

Every connection made here goes to 127.0.0.1; internal addresses are only ever checked,
never contacted (a MockTransport proves no request leaves)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import ipaddress
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from tortoise import Tortoise

from domain import clock, webhooks
from domain.errors import DomainError, ErrorCode
from models import AuditEvent, Webhook, WebhookDelivery
from tests import factories
from tests.factories import SYSTEM

SECRET = "a-signing-secret-nobody-may-read"


class Receiver:
    def __init__(self) -> None:
        self.hosts: list[str] = []
        self.fast: int = 0

    async def hook(self, request: Request) -> Response:
        await request.body()
        self.hosts.append(request.headers.get("host", ""))
        self.fast += 1
        return Response(status_code=204)

    async def hang(self, request: Request) -> Response:
        await asyncio.sleep(30)
        return Response(status_code=204)

    async def endless(self, request: Request) -> Response:
        async def forever() -> AsyncIterator[bytes]:
            while True:
                yield b"x" * 65536
                await asyncio.sleep(0.01)

        return StreamingResponse(forever(), status_code=200)


@contextlib.asynccontextmanager
async def serve(receiver: Receiver) -> AsyncIterator[int]:
    app = Starlette(
        routes=[
            Route("/hook", receiver.hook, methods=["POST"]),
            Route("/hang", receiver.hang, methods=["POST"]),
            Route("/endless", receiver.endless, methods=["POST"]),
        ]
    )
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield port
    finally:
        server.should_exit = True
        server.force_exit = True
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 10)


def _no_network() -> httpx.AsyncClient:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"a request left for {request.url}")

    return httpx.AsyncClient(transport=httpx.MockTransport(refuse))


# --- item 5 ---------------------------------------------------------------------------


async def test_sec13_5_signing_secrets_never_reach_the_audit_log(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1")
    created = await webhooks.register_webhook(
        SYSTEM, url="http://127.0.0.1:9/hook", event_types=["privilege."], secret=SECRET
    )
    rotated = await webhooks.rotate_secret(SYSTEM, created.webhook.id, 1)
    assert rotated.secret != SECRET and len(rotated.secret) >= 32
    assert (await Webhook.get(id=created.webhook.id)).secret == rotated.secret
    await webhooks.deactivate_webhook(SYSTEM, created.webhook.id, 2)
    events = await AuditEvent.filter(entity_type="Webhook").order_by("seq")
    assert [e.action for e in events] == [
        "webhook.register",
        "webhook.rotate_secret",
        "webhook.deactivate",
    ]
    for event in events:
        for text in (event.before_json or "", event.after_json or ""):
            assert SECRET not in text and rotated.secret not in text
            assert '"secret"' not in text
    assert json.loads(events[0].after_json or "{}")["secretSet"] is True
    assert json.loads(events[1].after_json or "{}")["secretRotated"] is True


async def test_sec13_5_migration_5_rotates_every_existing_secret(db: None) -> None:
    migration = importlib.import_module("migrations.models.5_20261204120000_rotate_webhook_secrets")
    connection = Tortoise.get_connection("default")
    moment = clock.now()
    for n in range(3):
        await Webhook.create(
            url=f"https://hooks.example.org/{n}",
            event_types=["privilege."],
            secret=f"{SECRET}-{n}",
            created_at=moment,
            updated_at=moment,
        )
    await connection.execute_script(await migration.upgrade(connection))
    rows = await Webhook.all().order_by("id")
    secrets_now = {row.secret for row in rows}
    assert len(secrets_now) == 3
    for row in rows:
        assert SECRET not in row.secret and row.secret.startswith("rot5_")
        assert len(row.secret) >= 64 and row.version == 2


# --- item 6: registration ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/hook",
        "http://127.8.9.10/hook",
        "http://localhost/hook",
        "http://[::1]/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.1.1/hook",
        "http://10.0.0.5/hook",
        "http://172.16.3.4/hook",
        "http://192.168.1.1/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://100.64.0.1/hook",
    ],
)
async def test_sec13_6_registration_refuses_internal_addresses(db: None, url: str) -> None:
    with pytest.raises(DomainError) as refused:
        await webhooks.register_webhook(SYSTEM, url=url, event_types=["privilege."])
    assert refused.value.code is ErrorCode.VALIDATION
    assert refused.value.field == ["url"]
    assert webhooks.ALLOW_HOSTS_SETTING in refused.value.message
    assert await Webhook.all().count() == 0


async def test_sec13_6_the_allow_list_permits_named_internal_receivers(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1, 10.20.0.0/16, hooks.internal")
    for url in ("http://127.0.0.1/a", "http://10.20.3.4/b"):
        await webhooks.register_webhook(SYSTEM, url=url, event_types=["privilege."])
    with pytest.raises(DomainError):
        await webhooks.register_webhook(SYSTEM, url="http://10.21.0.1/c", event_types=["x."])
    with pytest.raises(DomainError):  # userinfo in a URL is refused outright
        await webhooks.register_webhook(
            SYSTEM, url="http://user:pw@127.0.0.1/a", event_types=["privilege."]
        )
    assert webhooks.address_allowed(ipaddress.ip_address("93.184.216.34"), ())
    assert not webhooks.address_allowed(ipaddress.ip_address("169.254.169.254"), ())


async def test_sec13_6_a_name_that_resolves_inside_is_refused_at_registration(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def internal(host: str, port: int) -> list[Any]:
        return [ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("10.1.2.3")]

    monkeypatch.setattr(webhooks, "_resolve", internal)
    with pytest.raises(DomainError) as refused:
        await webhooks.register_webhook(
            SYSTEM, url="https://hooks.example.org/x", event_types=["privilege."]
        )
    assert "10.1.2.3" in refused.value.message


# --- item 6: delivery -----------------------------------------------------------------


async def test_sec13_6_delivery_checks_again_after_dns_and_sends_nothing_inside(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: public at registration, the metadata address at delivery."""
    answers = {"now": "93.184.216.34"}

    async def rebinding(host: str, port: int) -> list[Any]:
        return [ipaddress.ip_address(answers["now"])]

    monkeypatch.setattr(webhooks, "_resolve", rebinding)
    await webhooks.register_webhook(
        SYSTEM, url="http://hooks.example.org/x", event_types=["practitioner."]
    )
    answers["now"] = "169.254.169.254"
    await factories.hospital()
    await factories.practitioner("D0001")
    async with _no_network() as client:
        assert await webhooks.deliver_due(client) == 0
    delivery = await WebhookDelivery.get()
    assert delivery.status == "PENDING" and delivery.attempts == 1
    assert delivery.last_error and "169.254.169.254" in delivery.last_error


async def test_sec13_6_delivery_connects_to_the_checked_address(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is resolved once, checked, and the connection goes to that address with
    the original Host header (a second lookup could answer differently)."""
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "hooks.example.test")
    lookups: list[str] = []

    async def resolver(host: str, port: int) -> list[Any]:
        lookups.append(host)
        return [ipaddress.ip_address("127.0.0.1")]

    monkeypatch.setattr(webhooks, "_resolve", resolver)
    receiver = Receiver()
    async with serve(receiver) as port:
        await webhooks.register_webhook(
            SYSTEM, url=f"http://hooks.example.test:{port}/hook", event_types=["practitioner."]
        )
        await factories.hospital()
        await factories.practitioner("D0001")
        async with httpx.AsyncClient() as client:
            assert await webhooks.deliver_due(client) == 1
    assert receiver.hosts == [f"hooks.example.test:{port}"]
    assert lookups == ["hooks.example.test", "hooks.example.test"]  # registration, delivery


async def test_sec13_6_a_slow_receiver_holds_up_nobody(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1")
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 1.0)
    receiver = Receiver()
    async with serve(receiver) as port:
        for _ in range(4):
            await webhooks.register_webhook(
                SYSTEM, url=f"http://127.0.0.1:{port}/hang", event_types=["practitioner."]
            )
        await webhooks.register_webhook(
            SYSTEM, url=f"http://127.0.0.1:{port}/hook", event_types=["practitioner."]
        )
        await factories.hospital()
        await factories.practitioner("D0001")
        async with httpx.AsyncClient() as client:
            started = time.monotonic()
            delivered = await webhooks.deliver_due(client)
            elapsed = time.monotonic() - started
    assert delivered == 1 and receiver.fast == 1
    # One after another the four hanging receivers would take 4 s or more.
    assert elapsed < 3.5, elapsed
    hanging = await WebhookDelivery.filter(status="PENDING").all()
    assert len(hanging) == 4
    assert all("Timeout" in (d.last_error or "") for d in hanging)


async def test_sec13_6_an_endless_response_is_read_only_up_to_the_cap(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1")
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 3.0)
    receiver = Receiver()
    async with serve(receiver) as port:
        await webhooks.register_webhook(
            SYSTEM, url=f"http://127.0.0.1:{port}/endless", event_types=["practitioner."]
        )
        await factories.hospital()
        await factories.practitioner("D0001")
        async with httpx.AsyncClient() as client:
            started = time.monotonic()
            assert await webhooks.deliver_due(client) == 1
            assert time.monotonic() - started < 2.5
    assert (await WebhookDelivery.get()).status == "DELIVERED"
