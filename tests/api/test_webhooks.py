"""SPEC 5 webhooks: outbox written with the change, signed deliveries, backoff, and no
event lost when the delivery worker dies mid-way. The receiver is a real HTTP server on
127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from domain import organisation, webhooks
from domain.errors import DomainError, ErrorCode
from models import WebhookDelivery
from tests import factories
from tests.factories import SYSTEM


@pytest.fixture(autouse=True)
def receivers_on_loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The receivers here listen on 127.0.0.1, an internal address webhooks refuse
    unless the allow-list names it."""
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1")


class Receiver:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.processed: dict[str, dict[str, Any]] = {}
        self.fail_first = True

    async def hook(self, request: Request) -> Response:
        body = await request.body()
        key = request.headers["idempotency-key"]
        self.requests.append({"key": key, "body": body, "headers": dict(request.headers)})
        seen = sum(1 for r in self.requests if r["key"] == key)
        if self.fail_first and seen == 1:
            return Response(status_code=500)
        self.processed.setdefault(key, json.loads(body))  # dedupe by Idempotency-Key
        return Response(status_code=204)

    async def hang(self, request: Request) -> Response:
        await asyncio.sleep(5)
        return Response(status_code=204)


@contextlib.asynccontextmanager
async def serve(receiver: Receiver) -> AsyncIterator[str]:
    app = Starlette(
        routes=[
            Route("/hook", receiver.hook, methods=["POST"]),
            Route("/hang", receiver.hang, methods=["POST"]),
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
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


async def drain(fixed_clock: Any, rounds: int = 12) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(rounds):
            await webhooks.deliver_due(client)
            if not await WebhookDelivery.filter(status="PENDING").exists():
                return
            fixed_clock.advance(hours=1)  # past any lease and backoff


async def test_every_event_arrives_once_despite_a_killed_worker(
    db: None, fixed_clock: Any, monkeypatch: Any
) -> None:
    receiver = Receiver()
    async with serve(receiver) as base:
        created = await webhooks.register_webhook(
            SYSTEM, url=f"{base}/hook", event_types=["privilege."]
        )
        await factories.hospital()
        doctor = await factories.practitioner("D0001")
        await factories.procedure()
        await factories.grant(doctor)  # request, endorse, approve: three events
        outbox = await WebhookDelivery.all().order_by("id")
        assert [d.event_type for d in outbox] == [
            "privilege.request",
            "privilege.endorse",
            "privilege.approve",
        ]
        receiver.fail_first = False
        original = webhooks._send
        calls = 0

        async def killed_after_first_post(*args: Any) -> Any:
            nonlocal calls
            result = await original(*args)
            calls += 1  # deliveries run concurrently: kill the first to come back
            if calls == 1:
                raise asyncio.CancelledError  # the worker dies before recording success
            return result

        monkeypatch.setattr(webhooks, "_send", killed_after_first_post)
        with pytest.raises(asyncio.CancelledError):
            async with httpx.AsyncClient() as client:
                await webhooks.deliver_due(client)
        monkeypatch.setattr(webhooks, "_send", original)
        killed = [await WebhookDelivery.get(id=d.id) for d in outbox]
        killed = [d for d in killed if d.status == "PENDING"]
        assert len(killed) == 1 and killed[0].attempts == 1  # its lease is pending
        await drain(fixed_clock)
    assert await WebhookDelivery.filter(status="DELIVERED").count() == 3
    keys = [d.idempotency_key for d in outbox]
    assert sorted(receiver.processed) == sorted(keys)  # each event processed once
    assert [r["key"] for r in receiver.requests].count(killed[0].idempotency_key) == 2
    for request in receiver.requests:  # every delivery is signed with the secret
        stamp, signature = request["headers"]["x-credreg-signature"].split(",")
        expected = hmac.new(
            created.secret.encode(), stamp[2:].encode() + b"." + request["body"], hashlib.sha256
        ).hexdigest()
        assert signature == f"v1={expected}"


async def test_failures_back_off_and_are_bounded(
    db: None, fixed_clock: Any, monkeypatch: Any
) -> None:
    receiver = Receiver()
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.3)
    async with serve(receiver) as base:
        await webhooks.register_webhook(SYSTEM, url=f"{base}/hook", event_types=["practitioner."])
        await webhooks.register_webhook(
            SYSTEM, url=f"{base}/hang", event_types=["practitioner.create"]
        )
        await factories.hospital()
        await factories.practitioner("D0001")
        async with httpx.AsyncClient() as client:
            await webhooks.deliver_due(client)
            flaky, hanging = await WebhookDelivery.all().order_by("id")
            flaky = await WebhookDelivery.get(id=flaky.id)
            hanging = await WebhookDelivery.get(id=hanging.id)
            assert (flaky.status, flaky.last_status_code, flaky.attempts) == ("PENDING", 500, 1)
            assert flaky.next_attempt_at == fixed_clock.now() + webhooks.FIRST_RETRY
            assert hanging.last_error and "Timeout" in hanging.last_error
            for _ in range(webhooks.MAX_ATTEMPTS + 2):
                fixed_clock.advance(hours=2)
                await webhooks.deliver_due(client)
        assert (await WebhookDelivery.get(id=flaky.id)).status == "DELIVERED"
        failed = await WebhookDelivery.get(id=hanging.id)
        assert failed.status == "FAILED" and failed.attempts == webhooks.MAX_ATTEMPTS
    assert webhooks.backoff(1) == timedelta(seconds=30)
    assert webhooks.backoff(20) == webhooks.LONGEST_RETRY


async def test_rolled_back_changes_send_nothing_and_urls_are_checked(db: None) -> None:
    await webhooks.register_webhook(
        SYSTEM, url="https://hooks.example.invalid/credreg", event_types=["practitioner."]
    )
    await factories.hospital()
    with pytest.raises(DomainError):
        await organisation.create_site(SYSTEM, code="MAIN", name="duplicate")
    assert await WebhookDelivery.all().count() == 0
    for url in ("ftp://127.0.0.1/x", "javascript:alert(1)", "http:///nohost"):
        with pytest.raises(DomainError) as error:
            await webhooks.register_webhook(SYSTEM, url=url, event_types=["privilege."])
        assert error.value.code is ErrorCode.VALIDATION
    with pytest.raises(DomainError):
        await webhooks.register_webhook(SYSTEM, url="http://127.0.0.1/x", event_types=["x."])
