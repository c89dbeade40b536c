"""Adjustment proposals of the dynamic management of privileges (授权动态管理)."""

from tortoise import fields

from models.base import Entity
from models.organisation import Practitioner
from models.privileges import CommitteeDecision, Privilege


class AdjustmentProposal(Entity):
    """An outcome that crossed a site-policy threshold, proposed to medical affairs.
    Never applied by itself: a committee member or an administrator accepts or dismisses it."""

    # The privilege to adjust; null for a practitioner-level trigger (an out-of-privilege
    # case or an UNJUSTIFIED override that no privilege of theirs covered).
    privilege: fields.ForeignKeyNullableRelation[Privilege] = fields.ForeignKeyField(
        "models.Privilege",
        related_name="adjustment_proposals",
        null=True,
        on_delete=fields.RESTRICT,
    )
    subject_key = fields.CharField(max_length=64)  # "privilege:<id>" or "practitioner:<id>"
    practitioner: fields.ForeignKeyRelation[Practitioner] = fields.ForeignKeyField(
        "models.Practitioner", related_name="adjustment_proposals", on_delete=fields.RESTRICT
    )
    trigger = fields.CharField(max_length=32)
    proposed_action = fields.CharField(max_length=16)
    evidence_case_ids: fields.Field[list[int]] = fields.JSONField(default=list)
    evidence_digest = fields.CharField(max_length=64)
    facts: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    run_on = fields.DateField()
    status = fields.CharField(max_length=16, default="PENDING")
    decided_by = fields.CharField(max_length=200, null=True)
    decided_at = fields.DatetimeField(null=True)
    decision_reason = fields.CharField(max_length=1000, null=True)
    applied_action = fields.CharField(max_length=16, null=True)
    decision: fields.ForeignKeyNullableRelation[CommitteeDecision] = fields.ForeignKeyField(
        "models.CommitteeDecision",
        related_name="adjustment_proposals",
        null=True,
        on_delete=fields.RESTRICT,
    )
    resulting_privilege: fields.ForeignKeyNullableRelation[Privilege] = fields.ForeignKeyField(
        "models.Privilege",
        related_name="resulting_from_proposals",
        null=True,
        on_delete=fields.RESTRICT,
    )

    class Meta:
        table = "adjustment_proposal"
        # One proposal per privilege and trigger per run day (the nightly job is idempotent).
        unique_together = (("subject_key", "trigger", "run_on"),)
        indexes = (("status", "id"), ("practitioner_id", "status"))
