"""Webhook registration and the delivery log (ADMIN)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domain import webhooks
from models import Webhook, WebhookDelivery
from schema import ids
from schema.context import Info
from schema.enums import WebhookDeliveryStatus
from schema.errors import UserError, attempt, mutation_payload
from schema.relay import Connection, Node, connection


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


@strawberry.input(description="A new webhook (ADMIN).")
class RegisterWebhookInput:
    url: str = strawberry.field(description="The receiver's https URL.")
    event_types: list[str] = strawberry.field(
        description='Audit actions, exact ("privilege.suspend") or families ("privilege.").'
    )
    secret: str | None = strawberry.field(
        default=None, description="HMAC-SHA256 signing secret; generated when omitted."
    )


@strawberry.type
class RegisterWebhookPayload:
    webhook: WebhookType | None = strawberry.field(description="The webhook; null when refused.")
    secret: str | None = strawberry.field(description="Shown once.")
    user_errors: list[UserError]


@strawberry.input(description="Stop deliveries to a webhook (ADMIN).")
class DeactivateWebhookInput:
    id: strawberry.ID
    expected_version: int


@strawberry.input(description="A new signing secret for a webhook (ADMIN).")
class RotateWebhookSecretInput:
    id: strawberry.ID
    expected_version: int
    secret: str | None = strawberry.field(
        default=None, description="The new signing secret; generated when omitted."
    )


@strawberry.type
class RotateWebhookSecretPayload:
    webhook: WebhookType | None = strawberry.field(description="The webhook; null when refused.")
    secret: str | None = strawberry.field(description="The new secret, shown once.")
    user_errors: list[UserError]


@strawberry.type
class WebhookPayload:
    webhook: WebhookType | None
    user_errors: list[UserError]


@strawberry.type
class WebhookQuery:
    @strawberry.field(description="Every webhook (ADMIN).")
    async def webhooks(self, info: Info) -> list[WebhookType]:
        return [WebhookType.from_model(w) for w in await webhooks.list_webhooks(info.context.actor)]

    @strawberry.field(description="The delivery log, oldest first.")
    async def webhook_deliveries(
        self,
        info: Info,
        webhook_id: strawberry.ID | None = None,
        status: WebhookDeliveryStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WebhookDeliveryType]:
        page = await webhooks.list_deliveries(
            info.context.actor,
            ids.decode_optional(webhook_id, "Webhook", "webhookId"),
            status.value if status else None,
            first,
            ids.decode_cursor(after),
        )
        return connection(page, WebhookDeliveryType.from_model)


@strawberry.type
class WebhookMutation:
    @strawberry.mutation(description="Register a webhook; the secret is returned once (ADMIN).")
    async def register_webhook(
        self, info: Info, input: RegisterWebhookInput
    ) -> RegisterWebhookPayload:
        created, errors = await attempt(
            webhooks.register_webhook(
                info.context.actor,
                url=input.url,
                event_types=input.event_types,
                secret=input.secret,
            )
        )
        if created is None:
            return RegisterWebhookPayload(webhook=None, secret=None, user_errors=errors)
        return RegisterWebhookPayload(
            webhook=WebhookType.from_model(created.webhook), secret=created.secret, user_errors=[]
        )

    @strawberry.mutation(description="Stop a webhook (ADMIN).")
    async def deactivate_webhook(self, info: Info, input: DeactivateWebhookInput) -> WebhookPayload:
        async def run() -> Webhook:
            return await webhooks.deactivate_webhook(
                info.context.actor, ids.decode(input.id, "Webhook"), input.expected_version
            )

        return await mutation_payload(WebhookPayload, "webhook", run, WebhookType.from_model)

    @strawberry.mutation(
        description="A new signing secret (the old one stops working at once); shown once."
    )
    async def rotate_webhook_secret(
        self, info: Info, input: RotateWebhookSecretInput
    ) -> RotateWebhookSecretPayload:
        async def run() -> webhooks.NewWebhook:
            return await webhooks.rotate_secret(
                info.context.actor,
                ids.decode(input.id, "Webhook"),
                input.expected_version,
                input.secret,
            )

        rotated, errors = await attempt(run())
        if rotated is None:
            return RotateWebhookSecretPayload(webhook=None, secret=None, user_errors=errors)
        return RotateWebhookSecretPayload(
            webhook=WebhookType.from_model(rotated.webhook), secret=rotated.secret, user_errors=[]
        )
