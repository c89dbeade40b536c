"""Webhooks (SPEC section 5): the same change events as the subscription, pushed to
registered URLs from a persistent outbox.

Deliveries are written in the transaction of the change they report, so a committed
change always has its deliveries and a rolled-back one never does. A worker claims due
deliveries with a lease (a killed worker's claim simply expires), POSTs them signed with
HMAC-SHA256 and an `Idempotency-Key`, and retries failures with exponential backoff up to
a bound. Delivery is at least once; the key lets receivers process each event once.

Security (issue 13):
- Signing secrets never enter the audit log: events carry `secretSet`/`secretRotated`
  markers instead (secrets written by older versions were rotated by migration 5).
- No requests to internal addresses (SSRF): a URL whose host is, or resolves to, a
  loopback, link-local (169.254.0.0/16, cloud metadata), private, unique-local or any
  other non-global address is refused at registration and again at every delivery,
  after DNS resolution, and the delivery connects to the address that was checked (no
  second lookup for a rebinding DNS server to answer differently). The setting
  CREDREG_WEBHOOK_ALLOW_HOSTS (host names, addresses or networks, comma-separated)
  permits named internal receivers.
- A slow receiver holds up nobody: deliveries run concurrently (at most `PARALLEL`),
  each bounded by `TIMEOUT_SECONDS` overall, and at most `RESPONSE_CAP` bytes of a
  response are read.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import logging
import os
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import httpx

from domain import clock, permissions, sql, validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.sql import json_list
from models import Webhook, WebhookDelivery

if TYPE_CHECKING:
    from domain.audit import PendingEvent

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(seconds=30)
LONGEST_RETRY = timedelta(hours=1)
TIMEOUT_SECONDS = 5.0
RESOLVE_SECONDS = 3.0
RESPONSE_CAP = 4096
PARALLEL = 8
ALLOW_HOSTS_SETTING = "CREDREG_WEBHOOK_ALLOW_HOSTS"
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
    "adjustment_proposal.",
)


def backoff(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class AddressRefused(Exception):
    """The receiver's address is internal and not on the allow-list."""


def allow_list() -> tuple[frozenset[str], tuple[IPNetwork, ...]]:
    """CREDREG_WEBHOOK_ALLOW_HOSTS: host names, addresses and networks permitted even
    though they are internal (read on every use, so a change needs no restart)."""
    names: set[str] = set()
    networks: list[IPNetwork] = []
    for item in os.environ.get(ALLOW_HOSTS_SETTING, "").split(","):
        item = item.strip().lower().strip("[]")
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            names.add(item)
    return frozenset(names), tuple(networks)


def _plain(address: IPAddress) -> IPAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def address_allowed(address: IPAddress, networks: tuple[IPNetwork, ...] | None = None) -> bool:
    """Public (globally routable) addresses, or ones the allow-list names."""
    address = _plain(address)
    if networks is None:
        networks = allow_list()[1]
    if any(address.version == net.version and address in net for net in networks):
        return True
    return address.is_global and not address.is_multicast


async def _resolve(host: str, port: int) -> list[IPAddress]:
    loop = asyncio.get_running_loop()
    infos = await asyncio.wait_for(
        loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), RESOLVE_SECONDS
    )
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def checked_addresses(url: str) -> list[IPAddress]:
    """Every address the URL's host stands for, each checked; AddressRefused if any is
    internal and not allowed (one bad A record is enough: the client might pick it)."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    names, networks = allow_list()
    literal = _literal(host)
    addresses = [literal] if literal is not None else await _resolve(host, port)
    if not addresses:
        raise AddressRefused(f"{host} has no address")
    if host in names:
        return addresses
    for address in addresses:
        if not address_allowed(address, networks):
            raise AddressRefused(f"{host} is an internal address ({address})")
    return addresses


async def _validate_url(url: str) -> str:
    cleaned = validation.text("url", url, max_length=2000)
    parsed = urlparse(cleaned)
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The url must be an http(s) URL with a host"), "url"
        )
    if parsed.username or parsed.password:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The url must not contain a user name or password"), "url"
        )
    try:
        parsed.port  # noqa: B018 - raises on a malformed port
        await checked_addresses(cleaned)
    except AddressRefused as refused:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The webhook address points into an internal network ({refused}) and was "
                "refused; to use it anyway, list the host in {setting}",
                refused=refused,
                setting=ALLOW_HOSTS_SETTING,
            ),
            "url",
        ) from None
    except ValueError:
        raise DomainError(ErrorCode.VALIDATION, msg("The url's port is not valid"), "url") from None
    except (OSError, TimeoutError):
        pass  # not resolvable now: accepted, and checked again at every delivery
    return cleaned


def _audit_view(webhook: Webhook, **markers: object) -> dict[str, Any]:
    """What the audit log keeps of a webhook: never the signing secret."""
    from domain import audit

    data = audit.snapshot(webhook)
    data.pop("secret", None)
    data.update(markers)
    return data


def _validate_types(event_types: list[str]) -> list[str]:
    if not event_types:
        raise DomainError(ErrorCode.VALIDATION, msg("Name at least one event type"), "eventTypes")
    cleaned = []
    for index, name in enumerate(event_types):
        name = name.strip()
        if not name.startswith(EVENT_FAMILIES) or len(name) > 64:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("Event types start with one of {families}", families=list(EVENT_FAMILIES)),
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

    target = await _validate_url(url)
    types = _validate_types(event_types)
    key = secret or secrets.token_urlsafe(32)
    if len(key) < 16 or len(key) > 200:
        raise DomainError(
            ErrorCode.VALIDATION, msg("A secret needs 16 to 200 characters"), "secret"
        )

    async def apply(ctx: WriteContext) -> Webhook:
        moment = clock.now()
        webhook = await Webhook.create(
            url=target,
            event_types=types,
            secret=key,
            created_by=actor.name,
            created_at=moment,
            updated_at=moment,
        )
        ctx.record(
            "webhook.register", "Webhook", webhook.id, after=_audit_view(webhook, secretSet=True)
        )
        return webhook

    return NewWebhook(await run_write(actor, apply), key)


@write_operation(Permission.MANAGE_WEBHOOKS, "deactivateWebhook")
async def deactivate_webhook(actor: Actor, webhook_id: int, expected_version: int) -> Webhook:
    from domain.writes import WriteContext, run_write

    async def apply(ctx: WriteContext) -> Webhook:
        webhook = await Webhook.get_or_none(id=webhook_id)
        if webhook is None:
            raise not_found("Webhook", "", "id")
        if not webhook.active:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, msg("The webhook is already inactive"), "id"
            )
        return await _update(
            ctx, webhook, "webhook.deactivate", {"active": False}, expected_version
        )

    return await run_write(actor, apply)


async def _update(
    ctx: Any,
    webhook: Webhook,
    action: str,
    changes: dict[str, Any],
    expected_version: int | None,
    **markers: object,
) -> Webhook:
    """`WriteContext.update` for webhooks, with the secret kept out of before/after."""
    from domain.writes import stale

    current = int(webhook.version)
    if expected_version is not None and expected_version != current:
        raise stale("Webhook", expected_version, current)
    before = _audit_view(webhook)
    moment = clock.now()
    count = await Webhook.filter(id=webhook.id, version=current).update(
        **changes, version=current + 1, updated_at=moment
    )
    if count != 1:
        raise stale("Webhook", current, None)
    for name, value in changes.items():
        setattr(webhook, name, value)
    webhook.version = current + 1
    webhook.updated_at = moment
    ctx.record(action, "Webhook", webhook.id, before=before, after=_audit_view(webhook, **markers))
    return webhook


@write_operation(Permission.MANAGE_WEBHOOKS, "rotateWebhookSecret")
async def rotate_secret(
    actor: Actor, webhook_id: int, expected_version: int, secret: str | None = None
) -> NewWebhook:
    """A new signing secret, shown once (the old one stops working at once)."""
    from domain.writes import WriteContext, run_write

    key = secret or secrets.token_urlsafe(32)
    if len(key) < 16 or len(key) > 200:
        raise DomainError(
            ErrorCode.VALIDATION, msg("A secret needs 16 to 200 characters"), "secret"
        )

    async def apply(ctx: WriteContext) -> Webhook:
        webhook = await Webhook.get_or_none(id=webhook_id)
        if webhook is None:
            raise not_found("Webhook", "", "id")
        return await _update(
            ctx,
            webhook,
            "webhook.rotate_secret",
            {"secret": key},
            expected_version,
            secretRotated=True,
        )

    webhook = await run_write(actor, apply)
    return NewWebhook(webhook, key)


async def enqueue(events: list[PendingEvent]) -> int:
    """Inside the change's transaction: one outbox row per (event, matching webhook).
    Every write runs this: a plain query for the two columns it needs (the ORM's query
    building cost more than the read)."""
    webhooks = [
        (int(row["id"]), json_list(row["event_types"]))
        for row in await sql.fetch("SELECT id, event_types FROM webhook WHERE active")
    ]
    if not webhooks:
        return 0
    moment = clock.now()
    rows = []
    for event in events:
        for webhook_id, event_types in webhooks:
            if not any(
                event.action == t or (t.endswith(".") and event.action.startswith(t))
                for t in event_types
            ):
                continue
            key = f"credreg-{event.seq}-{webhook_id}"
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
                    webhook_id=webhook_id,
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


def _pinned_request(url: str, address: IPAddress) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The URL rewritten to connect to `address`, with the Host header and TLS server
    name of the original host (so certificates are still checked against it)."""
    parsed = urlparse(url)
    host = parsed.hostname or ""
    ip_text = f"[{address}]" if address.version == 6 else str(address)
    netloc = ip_text + (f":{parsed.port}" if parsed.port else "")
    pinned = parsed._replace(netloc=netloc).geturl()
    host_header = parsed.netloc.rsplit("@", 1)[-1]
    extensions: dict[str, Any] = {}
    if parsed.scheme == "https" and _literal(host) is None:
        extensions["sni_hostname"] = host
    return pinned, {"host": host_header}, extensions


async def _post(
    client: httpx.AsyncClient, webhook: Webhook, delivery: WebhookDelivery
) -> tuple[bool, int | None, str | None]:
    addresses = await checked_addresses(webhook.url)
    url, host_headers, extensions = _pinned_request(webhook.url, addresses[0])
    body = delivery.payload.encode("utf-8")
    headers = {
        "content-type": "application/json",
        "idempotency-key": delivery.idempotency_key,
        "x-credreg-event": delivery.event_type,
        SIGNATURE_HEADER.lower(): sign(webhook.secret, int(time.time()), body),
        "user-agent": "credreg-webhooks/1",
        **host_headers,
    }
    request = client.build_request(
        "POST", url, content=body, headers=headers, extensions=extensions
    )
    response = await client.send(request, stream=True, follow_redirects=False)
    try:
        read = 0
        async for chunk in response.aiter_raw():  # at most RESPONSE_CAP bytes are read
            read += len(chunk)
            if read >= RESPONSE_CAP:
                break
    finally:
        await response.aclose()
    if 200 <= response.status_code < 300:
        return True, response.status_code, None
    return False, response.status_code, f"HTTP {response.status_code}"


async def _send(
    client: httpx.AsyncClient, webhook: Webhook, delivery: WebhookDelivery
) -> tuple[bool, int | None, str | None]:
    try:
        return await asyncio.wait_for(_post(client, webhook, delivery), TIMEOUT_SECONDS)
    except AddressRefused as refused:
        return False, None, f"refused: {refused}"[:500]
    except TimeoutError:
        return False, None, f"TimeoutError: no answer within {TIMEOUT_SECONDS} s"
    except (httpx.HTTPError, OSError, ValueError) as exc:
        return False, None, f"{type(exc).__name__}: {exc}"[:500]


async def _deliver_one(
    client: httpx.AsyncClient, delivery: WebhookDelivery, limit: asyncio.Semaphore
) -> bool:
    async with limit:
        ok, status_code, error = await _send(client, delivery.webhook, delivery)
    finished = clock.now()
    attempts = delivery.attempts + 1
    if ok:
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
    return ok


async def deliver_due(client: httpx.AsyncClient, limit: int = 50) -> int:
    """Deliver what is due now, concurrently (a slow receiver delays nobody else);
    returns how many were delivered."""
    moment = clock.now()
    due = (
        await WebhookDelivery.filter(status="PENDING", next_attempt_at__lte=moment)
        .order_by("id")
        .limit(limit)
        .prefetch_related("webhook")
    )
    claimed = [delivery for delivery in due if await _claim(delivery, moment)]
    if not claimed:
        return 0
    gate = asyncio.Semaphore(PARALLEL)
    tasks = [asyncio.ensure_future(_deliver_one(client, d, gate)) for d in claimed]
    try:
        await asyncio.wait(tasks)
    finally:
        for task in tasks:
            task.cancel()
    delivered = 0
    for task in tasks:
        if task.cancelled():  # a killed delivery kills the pass, as a killed worker would
            raise asyncio.CancelledError
        delivered += 1 if task.result() else 0
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
            raise DomainError(ErrorCode.VALIDATION, msg("Unknown status"), "status")
        query = query.filter(status=status)
    return await keyset(query, first, after)


def payload_of(delivery: WebhookDelivery) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(delivery.payload)
    return data
