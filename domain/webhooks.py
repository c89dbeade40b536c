"""Webhooks (SPEC section 5): the same change events as the subscription, pushed to
registered URLs from a persistent outbox.

Deliveries are written in the transaction of the change they report, so a committed
change always has its deliveries and a rolled-back one never does. A worker claims due
deliveries with a lease (a killed worker's claim simply expires), POSTs them signed with
HMAC-SHA256 and an `Idempotency-Key`, and retries failures with exponential backoff up to
a bound. Delivery is at least once; the key lets receivers process each event once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import httpx

from domain import clock, permissions, validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from models import Webhook, WebhookDelivery

if TYPE_CHECKING:
    from domain.audit import PendingEvent

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
TIMEOUT_SECONDS = 5.0
SIGNATURE_HEADER = "X-Credreg-Signature"
EVENT_FAMILIES = (
    "privilege.",
    "technique.",
    "case.",
    "emergency_override.",
    "evaluation.",
    "practitioner.",
    "procedure.",
    "catalogue.",
    "booking.",
)


def backoff(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def _validate_url(url: str) -> str:
    cleaned = validation.text("url", url, max_length=2000)
    parsed = urlparse(cleaned)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise DomainError(ErrorCode.VALIDATION, "url must be an http(s) URL with a host", "url")
    return cleaned


def _validate_types(event_types: list[str]) -> list[str]:
    if not event_types:
        raise DomainError(ErrorCode.VALIDATION, "Name at least one event type", "eventTypes")
    cleaned = []
    for index, name in enumerate(event_types):
        name = name.strip()
        if not name.startswith(EVENT_FAMILIES) or len(name) > 64:
            raise DomainError(
                ErrorCode.VALIDATION,
                f"Event types start with one of {', '.join(EVENT_FAMILIES)}",
                ["eventTypes", str(index)],
            )
        cleaned.append(name)
    return sorted(set(cleaned))


@dataclass
class NewWebhook:
    webhook: Webhook
    secret: str


@write_operation(Permission.MANAGE_WEBHOOKS, "registerWebhook")
async def register_webhook(
    actor: Actor, *, url: str, event_types: list[str], secret: str | None = None
) -> NewWebhook:
    from domain.writes import WriteContext, run_write

    target = _validate_url(url)
    types = _validate_types(event_types)
    key = secret or secrets.token_urlsafe(32)
    if len(key) < 16:
        raise DomainError(ErrorCode.VALIDATION, "A secret needs at least 16 characters", "secret")

    async def apply(ctx: WriteContext) -> Webhook:
        return await ctx.create(
            Webhook,
            "webhook.register",
            url=target,
            event_types=types,
            secret=key,
            created_by=actor.name,
        )

    return NewWebhook(await run_write(actor, apply), key)


@write_operation(Permission.MANAGE_WEBHOOKS, "deactivateWebhook")
async def deactivate_webhook(actor: Actor, webhook_id: int, expected_version: int) -> Webhook:
    from domain.writes import WriteContext, run_write

    async def apply(ctx: WriteContext) -> Webhook:
        webhook = await Webhook.get_or_none(id=webhook_id)
        if webhook is None:
            raise not_found("Webhook", "", "id")
        if not webhook.active:
            raise DomainError(ErrorCode.INVALID_TRANSITION, "Already inactive", "id")
        return await ctx.update(
            webhook, "webhook.deactivate", {"active": False}, expected_version=expected_version
        )

    return await run_write(actor, apply)


async def enqueue(events: list[PendingEvent]) -> int:
    """Inside the change's transaction: one outbox row per (event, matching webhook)."""
    webhooks = [w for w in await Webhook.filter(active=True)]
    if not webhooks:
        return 0
    moment = clock.now()
    rows = []
    for event in events:
        for webhook in webhooks:
            if not any(
                event.action == t or (t.endswith(".") and event.action.startswith(t))
                for t in webhook.event_types
            ):
                continue
            key = f"credreg-{event.seq}-{webhook.id}"
            payload = {
                "id": key,
                "seq": event.seq,
                "type": event.action,
                "occurredAt": event.occurred_at,
                "entityType": event.entity_type,
                "entityId": event.entity_id,
                "data": event.after,
            }
            rows.append(
                WebhookDelivery(
                    webhook_id=webhook.id,
                    event_seq=event.seq,
                    event_type=event.action,
                    payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                    idempotency_key=key,
                    status="PENDING",
                    attempts=0,
                    next_attempt_at=moment,
                    created_at=moment,
                    updated_at=moment,
                )
            )
    if rows:
        await WebhookDelivery.bulk_create(rows)
    return len(rows)


async def _claim(delivery: WebhookDelivery, moment: datetime) -> bool:
    """Take a lease on a due delivery; False when another worker took it first."""
    claimed = await WebhookDelivery.filter(
        id=delivery.id,
        status="PENDING",
        attempts=delivery.attempts,
        next_attempt_at__lte=moment,
    ).update(attempts=delivery.attempts + 1, next_attempt_at=moment + LEASE, updated_at=moment)
    return claimed == 1


async def _send(
    client: httpx.AsyncClient, webhook: Webhook, delivery: WebhookDelivery
) -> tuple[bool, int | None, str | None]:
    body = delivery.payload.encode("utf-8")
    headers = {
        "content-type": "application/json",
        "idempotency-key": delivery.idempotency_key,
        "x-credreg-event": delivery.event_type,
        SIGNATURE_HEADER.lower(): sign(webhook.secret, int(time.time()), body),
        "user-agent": "credreg-webhooks/1",
    }
    try:
        response = await client.post(
            webhook.url, content=body, headers=headers, timeout=TIMEOUT_SECONDS
        )
    except httpx.HTTPError as exc:
        return False, None, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return True, response.status_code, None
    return False, response.status_code, f"HTTP {response.status_code}"


async def deliver_due(client: httpx.AsyncClient, limit: int = 50) -> int:
    """Deliver what is due now; returns how many were delivered."""
    moment = clock.now()
    due = (
        await WebhookDelivery.filter(status="PENDING", next_attempt_at__lte=moment)
        .order_by("id")
        .limit(limit)
        .prefetch_related("webhook")
    )
    delivered = 0
    for delivery in due:
        if not await _claim(delivery, moment):
            continue
        ok, status_code, error = await _send(client, delivery.webhook, delivery)
        finished = clock.now()
        attempts = delivery.attempts + 1
        if ok:
            delivered += 1
            await WebhookDelivery.filter(id=delivery.id).update(
                status="DELIVERED",
                delivered_at=finished,
                last_status_code=status_code,
                last_error=None,
                updated_at=finished,
            )
        elif attempts >= MAX_ATTEMPTS:
            await WebhookDelivery.filter(id=delivery.id).update(
                status="FAILED", last_status_code=status_code, last_error=error, updated_at=finished
            )
        else:
            await WebhookDelivery.filter(id=delivery.id).update(
                next_attempt_at=finished + backoff(attempts),
                last_status_code=status_code,
                last_error=error,
                updated_at=finished,
            )
    return delivered


async def list_webhooks(actor: Actor) -> list[Webhook]:
    permissions.require(actor, Permission.MANAGE_WEBHOOKS)
    return list(await Webhook.all().order_by("id"))


async def list_deliveries(
    actor: Actor, webhook_id: int | None, status: str | None, first: int | None, after: int | None
) -> Page[WebhookDelivery]:
    permissions.require(actor, Permission.MANAGE_WEBHOOKS)
    query = WebhookDelivery.all()
    if webhook_id is not None:
        query = query.filter(webhook_id=webhook_id)
    if status:
        if status not in {"PENDING", "DELIVERED", "FAILED"}:
            raise DomainError(ErrorCode.VALIDATION, "unknown status", "status")
        query = query.filter(status=status)
    return await keyset(query, first, after)


def payload_of(delivery: WebhookDelivery) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(delivery.payload)
    return data
