"""Webhook subscriptions and their persistent delivery outbox."""

from tortoise import fields

from models.base import Entity


class Webhook(Entity):
    url = fields.CharField(max_length=2000)
    # Audit actions to deliver, exact ("privilege.suspend") or a prefix ("privilege.").
    event_types: fields.Field[list[str]] = fields.JSONField(default=list)
    secret = fields.CharField(max_length=200)
    active = fields.BooleanField(default=True)
    created_by = fields.CharField(max_length=200, default="")

    class Meta:
        table = "webhook"


class WebhookDelivery(Entity):
    """One event for one webhook, written in the transaction of the change it reports."""

    webhook: fields.ForeignKeyRelation[Webhook] = fields.ForeignKeyField(
        "models.Webhook", related_name="deliveries", on_delete=fields.RESTRICT
    )
    event_seq = fields.BigIntField()
    event_type = fields.CharField(max_length=64)
    payload = fields.TextField()
    idempotency_key = fields.CharField(max_length=80, unique=True)
    status = fields.CharField(max_length=16, default="PENDING")  # PENDING, DELIVERED, FAILED
    attempts = fields.IntField(default=0)
    next_attempt_at = fields.DatetimeField()
    last_error = fields.CharField(max_length=500, null=True)
    last_status_code = fields.IntField(null=True)
    delivered_at = fields.DatetimeField(null=True)

    class Meta:
        table = "webhook_delivery"
        indexes = (("status", "next_attempt_at"),)
