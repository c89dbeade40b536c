"""Watched bookings (OR schedule entries), the impacts registry changes have on them,
and the durable cursor of the audit seq the impact watcher has processed."""

from tortoise import fields
from tortoise.models import Model

from models.base import Entity
from models.cases import CaseRecord
from models.organisation import Practitioner, Site


class Booking(Entity):
    # externalRef is unique per scheduling client (API key or user), like case records.
    client_key = fields.CharField(max_length=64)
    external_ref = fields.CharField(max_length=128)
    content_digest = fields.CharField(max_length=64)
    practitioner: fields.ForeignKeyRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="bookings", on_delete=fields.RESTRICT
    )
    supervisor: fields.ForeignKeyNullableRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner",
        related_name="supervised_bookings",
        null=True,
        on_delete=fields.RESTRICT,
    )
    assistants: fields.Field[list[str]] = fields.JSONField(default=list)  # staff numbers
    procedure_code = fields.CharField(max_length=32)
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "models.Site", related_name="bookings", on_delete=fields.RESTRICT
    )
    scheduled_on = fields.DateField()
    scheduled_start = fields.DatetimeField(null=True)
    setting = fields.CharField(max_length=16)
    emergency = fields.BooleanField(default=False)
    mdt_ref = fields.CharField(max_length=128, null=True)
    status = fields.CharField(max_length=16, default="SCHEDULED")  # SCHEDULED, CANCELLED
    cancelled_at = fields.DatetimeField(null=True)
    case_record: fields.ForeignKeyNullableRelation[CaseRecord] = fields.ForeignKeyField(
        "models.CaseRecord", related_name="bookings", null=True, on_delete=fields.RESTRICT
    )
    # The decision as it stands: computed at registration and update, and again by the
    # impact watcher whenever an audited change touches it.
    allowed = fields.BooleanField()
    decision_json = fields.TextField()
    decided_seq = fields.BigIntField()

    class Meta:
        table = "booking"
        unique_together = (("client_key", "external_ref"),)
        indexes = (
            ("practitioner_id", "scheduled_on"),
            ("supervisor_id", "scheduled_on"),
            ("scheduled_on", "status"),
        )


class BookingImpact(Entity):
    """A change of a future booking's decision caused by one audited change: one row per
    (booking, change), which the unique constraint keeps exactly once."""

    booking: fields.ForeignKeyRelation[Booking] = fields.ForeignKeyField(
        "models.Booking", related_name="impacts", on_delete=fields.RESTRICT
    )
    change_seq = fields.BigIntField()
    change_action = fields.CharField(max_length=64)
    old_allowed = fields.BooleanField()
    new_allowed = fields.BooleanField()
    old_decision_json = fields.TextField()
    new_decision_json = fields.TextField()
    status = fields.CharField(max_length=16, default="OPEN")  # OPEN, ACKNOWLEDGED, RESOLVED
    acknowledged_by = fields.CharField(max_length=200, null=True)
    acknowledged_at = fields.DatetimeField(null=True)

    class Meta:
        table = "booking_impact"
        unique_together = (("booking_id", "change_seq"),)
        indexes = (("status", "id"),)


class BookingWatch(Model):
    """One row: the last audit seq whose effect on bookings has been recorded. Locking
    it makes each change processed exactly once however many workers watch."""

    id = fields.IntField(primary_key=True, generated=False)
    last_seq = fields.BigIntField()

    class Meta:
        table = "booking_watch"
