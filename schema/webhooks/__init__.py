"""The webhooks area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.webhooks.types import WebhookMutation, WebhookQuery

__all__ = ["WebhookMutation", "WebhookQuery"]
