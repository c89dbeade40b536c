"""Webhook registration and the delivery log (ADMIN)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domain import webhooks
from models import Webhook, WebhookDelivery
from schema import ids
from schema.enums import WebhookDeliveryStatus
from schema.relay import Node


@strawberry.type(
    name="Webhook", description="A receiver of signed event deliveries (docs/api.md section 15)."
)
class WebhookType(Node):
    url: str = strawberry.field(
        description="Where deliveries are POSTed (internal addresses need the allow-list)."
    )
    event_types: list[str] = strawberry.field(
        description="Audit actions delivered: exact or families (privilege.)."
    )
    active: bool = strawberry.field(description="False after deactivateWebhook.")
    created_at: datetime
    version: int

    @classmethod
    def from_model(cls, w: Webhook) -> WebhookType:
        return cls(
            id=strawberry.ID(ids.encode("Webhook", w.id)),
            url=w.url,
            event_types=list(w.event_types),
            active=w.active,
            created_at=w.created_at,
            version=w.version,
        )


@strawberry.type(name="WebhookDelivery", description="One delivery of one event to one webhook.")
class WebhookDeliveryType(Node):
    event_seq: int = strawberry.field(description="The audit seq of the event.")
    event_type: str = strawberry.field(description="The audit action.")
    idempotency_key: str = strawberry.field(
        description="Sent as Idempotency-Key; process each once."
    )
    status: WebhookDeliveryStatus = strawberry.field(description="Delivery state.")
    attempts: int = strawberry.field(description="Attempts made.")
    next_attempt_at: datetime = strawberry.field(description="When it is tried next (PENDING).")
    last_status_code: int | None = strawberry.field(description="The receiver's last HTTP status.")
    last_error: str | None = strawberry.field(description="The last failure, e.g. a timeout.")
    delivered_at: datetime | None = strawberry.field(description="When it was delivered.")
    payload: JSON = strawberry.field(description="The body POSTed.")

    @classmethod
    def from_model(cls, d: WebhookDelivery) -> WebhookDeliveryType:
        return cls(
            id=strawberry.ID(ids.encode("WebhookDelivery", d.id)),
            event_seq=d.event_seq,
            event_type=d.event_type,
            idempotency_key=d.idempotency_key,
            status=WebhookDeliveryStatus(d.status),
            attempts=d.attempts,
            next_attempt_at=d.next_attempt_at,
            last_status_code=d.last_status_code,
            last_error=d.last_error,
            delivered_at=d.delivered_at,
            payload=webhooks.payload_of(d),  # type: ignore[arg-type]
        )
