"""Case records reported by clients, emergency overrides and the holiday calendar."""

from tortoise import fields

from models.base import Entity
from models.catalogue import Technique
from models.organisation import Practitioner, Site


class CaseRecord(Entity):
    # externalRef is unique per reporting client (user or API key), R40.
    client_key = fields.CharField(max_length=64)
    external_ref = fields.CharField(max_length=128)
    content_digest = fields.CharField(max_length=64)
    practitioner: fields.ForeignKeyRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="cases", on_delete=fields.RESTRICT
    )
    supervisor: fields.ForeignKeyNullableRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="supervised_cases", null=True, on_delete=fields.RESTRICT
    )
    procedure_code = fields.CharField(max_length=32)
    grade = fields.SmallIntField()
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "models.Site", related_name="cases", on_delete=fields.RESTRICT
    )
    performed_on = fields.DateField()
    performed_at = fields.DatetimeField(null=True)
    setting = fields.CharField(max_length=16)
    emergency = fields.BooleanField(default=False)
    mdt_discussed = fields.BooleanField(default=False)
    complication = fields.BooleanField(default=False)
    death = fields.BooleanField(default=False)
    unplanned_reoperation = fields.BooleanField(default=False)
    adverse_event = fields.BooleanField(default=False)
    # R41: decided at performedOn, not allowed and not an emergency (越级), with the
    # blocking reason codes, comma-separated.
    out_of_privilege = fields.BooleanField(default=False)
    out_of_privilege_reasons = fields.CharField(max_length=500, default="")
    # Issue 17: what the national quality indicators need (all optional when reported).
    started_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField(null=True)
    planned_operator: fields.ForeignKeyNullableRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="planned_cases", null=True, on_delete=fields.RESTRICT
    )
    mdt_discussed_at = fields.DatetimeField(null=True)
    mdt_participants: fields.Field[list[str]] = fields.JSONField(default=list)
    consent_at = fields.DatetimeField(null=True)
    ordered_at = fields.DatetimeField(null=True)
    # The MDT counts for the completion indicator: discussed, and not after the surgical
    # order or the consent when those times are known.
    mdt_timely = fields.BooleanField(default=False)
    unplanned_readmission_31d = fields.BooleanField(default=False)
    adverse_event_grade = fields.SmallIntField(null=True)
    # The technique the procedure applied on performedOn (restricted-technique figures).
    technique: fields.ForeignKeyNullableRelation[Technique] = fields.ForeignKeyField(
        "models.Technique", related_name="cases", null=True, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "case_record"
        unique_together = (("client_key", "external_ref"),)
        indexes = (
            ("practitioner_id", "performed_on"),
            ("procedure_code", "performed_on"),
            ("out_of_privilege", "performed_on"),
            # Covering for the quality indicators and the adjustment run (issue 17):
            # a year's cases are read from the index alone (migration 11).
            (
                "performed_on",
                "grade",
                "practitioner_id",
                "site_id",
                "procedure_code",
                "emergency",
                "setting",
                "mdt_timely",
                "complication",
                "death",
                "unplanned_reoperation",
                "out_of_privilege",
                "planned_operator_id",
                "technique_id",
                "started_at",
                "ended_at",
            ),
            ("practitioner_id", "started_at"),
        )


class EmergencyOverride(Entity):
    case_record: fields.OneToOneRelation[CaseRecord] = fields.OneToOneField(
        "models.CaseRecord", related_name="emergency_override", on_delete=fields.RESTRICT
    )
    reason = fields.CharField(max_length=1000)
    report_due_by = fields.DatetimeField()
    status = fields.CharField(max_length=16, default="PENDING_REVIEW", db_index=True)
    reviewed_by = fields.CharField(max_length=200, null=True)
    reviewed_at = fields.DatetimeField(null=True)
    review_note = fields.CharField(max_length=2000, null=True)

    class Meta:
        table = "emergency_override"


class CalendarDay(Entity):
    """A date that breaks the Monday-Friday rule: a HOLIDAY on a weekday or a WORKDAY
    (调休 make-up day) on a weekend."""

    day = fields.DateField(unique=True)
    kind = fields.CharField(max_length=8)
    name = fields.CharField(max_length=100, default="")

    class Meta:
        table = "calendar_day"
