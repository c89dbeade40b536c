"""Privileges and the committee decisions they rest on."""

from tortoise import fields

from models.base import Entity
from models.catalogue import Technique
from models.organisation import Institution, Practitioner, Site, Specialty


class CommitteeDecision(Entity):
    committee = fields.CharField(max_length=200)
    meeting_on = fields.DateField()
    outcome = fields.CharField(max_length=32)
    votes_for = fields.IntField(default=0)
    votes_against = fields.IntField(default=0)
    votes_abstain = fields.IntField(default=0)
    minutes_ref = fields.CharField(max_length=200, default="")
    signed_by: fields.Field[list[str]] = fields.JSONField(default=list)
    subject_type = fields.CharField(max_length=32)
    subject_id = fields.IntField()
    # Issue 16: the institution whose committee decided (None: the default institution).
    institution: fields.ForeignKeyNullableRelation[Institution] = fields.ForeignKeyField(
        "models.Institution",
        related_name="committee_decisions",
        null=True,
        on_delete=fields.RESTRICT,
    )

    class Meta:
        table = "committee_decision"
        indexes = (("subject_type", "subject_id"),)


class Privilege(Entity):
    practitioner: fields.ForeignKeyRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="privileges", on_delete=fields.RESTRICT
    )
    site: fields.ForeignKeyRelation[Site] = fields.ForeignKeyField(
        "models.Site", related_name="privileges", on_delete=fields.RESTRICT
    )
    scope = fields.CharField(max_length=16)
    # The target, as one comparable key: "SURGERY_GRADE:<specialty id>",
    # "PROCEDURE:<code>", "TECHNIQUE:<technique id>" or "DAY_SURGERY". R12 is enforced
    # on (practitioner, site, scope_key) by a trigger (SQLite) or exclusion constraint
    # (PostgreSQL) created in the migrations.
    scope_key = fields.CharField(max_length=64)
    specialty: fields.ForeignKeyNullableRelation[Specialty] = fields.ForeignKeyField(
        "models.Specialty", related_name="grade_privileges", null=True, on_delete=fields.RESTRICT
    )
    max_grade = fields.SmallIntField(null=True)
    # Procedure privileges name the catalogue code, which is stable across versions.
    procedure_code = fields.CharField(max_length=32, null=True)
    technique: fields.ForeignKeyNullableRelation[Technique] = fields.ForeignKeyField(
        "models.Technique", related_name="privileges", null=True, on_delete=fields.RESTRICT
    )
    supervised_only = fields.BooleanField(default=False)
    valid_from = fields.DateField(null=True)
    valid_until = fields.DateField(null=True)
    status = fields.CharField(max_length=16, default="REQUESTED")
    status_reason = fields.CharField(max_length=1000, null=True)
    basis: fields.ForeignKeyNullableRelation[CommitteeDecision] = fields.ForeignKeyField(
        "models.CommitteeDecision", related_name="privileges", null=True, on_delete=fields.RESTRICT
    )
    supersedes: fields.ForeignKeyNullableRelation["Privilege"] = fields.ForeignKeyField(
        "models.Privilege", related_name="superseded_by", null=True, on_delete=fields.RESTRICT
    )
    requested_by = fields.CharField(max_length=200, default="")
    endorsed_by = fields.CharField(max_length=200, null=True)
    last_evaluated_on = fields.DateField(null=True)
    # Issue 16: a short-term privilege approved by ADMIN alone, never renewed.
    temporary = fields.BooleanField(default=False)
    temporary_reason = fields.CharField(max_length=1000, null=True)

    class Meta:
        table = "privilege"
        indexes = (
            ("practitioner_id", "status"),
            ("scope_key", "status"),
            ("status", "valid_until"),
            ("supersedes_id",),
        )
