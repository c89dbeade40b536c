"""The webhooks area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.webhooks.mutations import WebhookMutation
from schema.webhooks.queries import WebhookQuery

__all__ = ["WebhookMutation", "WebhookQuery"]
