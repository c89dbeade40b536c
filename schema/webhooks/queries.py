"""The webhooks area's GraphQL queries."""

from __future__ import annotations

import strawberry

from domain import webhooks
from schema import ids
from schema.context import Info
from schema.enums import WebhookDeliveryStatus
from schema.relay import Connection, connection
from schema.webhooks.types import WebhookDeliveryType, WebhookType


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
