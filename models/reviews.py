"""Re-evaluation cycles and evaluations (SPEC 3.4)."""

from tortoise import fields

from models.base import Entity
from models.organisation import Site
from models.privileges import CommitteeDecision, Privilege


class ReviewCycle(Entity):
    name = fields.CharField(max_length=200)
    site: fields.ForeignKeyNullableRelation[Site] = fields.ForeignKeyField(
        "models.Site", related_name="review_cycles", null=True, on_delete=fields.RESTRICT
    )
    period_start = fields.DateField()
    period_end = fields.DateField()
    due_on = fields.DateField()
    status = fields.CharField(max_length=16, default="OPEN")
    selection: fields.Field[dict[str, object]] = fields.JSONField(default=dict)

    class Meta:
        table = "review_cycle"


class Evaluation(Entity):
    privilege: fields.ForeignKeyRelation[Privilege] = fields.ForeignKeyField(
        "models.Privilege", related_name="evaluations", on_delete=fields.RESTRICT
    )
    cycle: fields.ForeignKeyRelation[ReviewCycle] = fields.ForeignKeyField(
        "models.ReviewCycle", related_name="evaluations", on_delete=fields.RESTRICT
    )
    status = fields.CharField(max_length=16, default="PENDING")
    case_count = fields.IntField(null=True)
    complication_count = fields.IntField(null=True)
    death_count = fields.IntField(null=True)
    unplanned_reoperation_count = fields.IntField(null=True)
    adverse_event_count = fields.IntField(null=True)
    # R41: out-of-privilege cases and UNJUSTIFIED emergency overrides in the period.
    out_of_privilege_count = fields.IntField(null=True)
    metrics_source = fields.CharField(max_length=16, null=True)
    recommendation = fields.CharField(max_length=2000, null=True)
    outcome = fields.CharField(max_length=32, null=True)
    decided_by = fields.CharField(max_length=200, null=True)
    decision: fields.ForeignKeyNullableRelation[CommitteeDecision] = fields.ForeignKeyField(
        "models.CommitteeDecision", related_name="evaluations", null=True, on_delete=fields.RESTRICT
    )
    resulting_privilege: fields.ForeignKeyNullableRelation[Privilege] = fields.ForeignKeyField(
        "models.Privilege", related_name="resulting_from", null=True, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "evaluation"
        unique_together = (("privilege", "cycle"),)
