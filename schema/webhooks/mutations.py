"""The webhooks area's GraphQL mutations."""

from __future__ import annotations

import strawberry

from domain import webhooks
from models import Webhook
from schema import ids
from schema.context import Info
from schema.errors import UserError, attempt, mutation_payload
from schema.webhooks.inputs import (
    DeactivateWebhookInput,
    RegisterWebhookInput,
    RotateWebhookSecretInput,
)
from schema.webhooks.types import WebhookType


@strawberry.type
class RegisterWebhookPayload:
    webhook: WebhookType | None = strawberry.field(description="The webhook; null when refused.")
    secret: str | None = strawberry.field(description="Shown once.")
    user_errors: list[UserError]


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
