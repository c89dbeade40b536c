"""Review cycles and evaluations (定期评价/再授权)."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from models import Evaluation, ReviewCycle
from schema import ids
from schema.context import Info
from schema.enums import (
    EvaluationStatus,
    MetricsSource,
    Outcome,
    ReviewCycleStatus,
)
from schema.privileges import (
    CommitteeDecisionType,
    PrivilegeType,
)
from schema.relay import Node


@strawberry.type(
    name="ReviewCycle", description="A periodic review (定期考核) of selected privileges (R30)."
)
class ReviewCycleType(Node):
    name: str = strawberry.field(description="Name, e.g. 2026年度考核.")
    period_start: date = strawberry.field(
        description="First day of the period whose cases are counted."
    )
    period_end: date = strawberry.field(description="Last day of that period.")
    due_on: date = strawberry.field(
        description="Day evaluations are due; later ones are overdue (R33)."
    )
    status: ReviewCycleStatus = strawberry.field(description="Whether the cycle runs.")
    created_at: datetime
    version: int

    @classmethod
    def from_model(cls, c: ReviewCycle) -> ReviewCycleType:
        return cls(
            id=strawberry.ID(ids.encode("ReviewCycle", c.id)),
            name=c.name,
            period_start=c.period_start,
            period_end=c.period_end,
            due_on=c.due_on,
            status=ReviewCycleStatus(c.status),
            created_at=c.created_at,
            version=c.version,
        )


@strawberry.type(
    name="Evaluation", description="One privilege's evaluation in a review cycle (R31, R32)."
)
class EvaluationType(Node):
    status: EvaluationStatus = strawberry.field(description="Where the evaluation stands.")
    case_count: int | None = strawberry.field(
        description="Cases in the period; null until submitted."
    )
    complication_count: int | None = strawberry.field(description="Of those, with a complication.")
    death_count: int | None = strawberry.field(description="Of those, with a death.")
    unplanned_reoperation_count: int | None = strawberry.field(
        description="Of those, with an unplanned reoperation."
    )
    adverse_event_count: int | None = strawberry.field(
        description="Of those, with an adverse event."
    )
    out_of_privilege_count: int | None = strawberry.field(
        description="Out-of-privilege cases and emergency overrides reviewed UNJUSTIFIED of "
        "the holder in the cycle's period (counted at submission)."
    )
    metrics_source: MetricsSource | None = strawberry.field(
        description="Where the figures come from; null until submitted."
    )
    recommendation: str | None = strawberry.field(
        description="The department head's recommendation, free text."
    )
    outcome: Outcome | None = strawberry.field(
        description="The committee's verdict; null until decided."
    )
    decided_by: str | None = strawberry.field(description="Who recorded the decision.")
    version: int
    privilege_id: strawberry.Private[int]
    cycle_id: strawberry.Private[int]
    resulting_privilege_id: strawberry.Private[int | None]
    decision_id: strawberry.Private[int | None] = None

    @strawberry.field(
        description="The committee decision on this evaluation (votes, minutes), for every "
        "outcome; null until decided."
    )
    async def decision(self, info: Info) -> CommitteeDecisionType | None:
        if self.decision_id is None:
            return None
        found = await info.context.loaders.committee_decision.load(self.decision_id)
        return CommitteeDecisionType.from_model(found) if found else None

    @strawberry.field(description="The privilege evaluated.")
    async def privilege(self, info: Info) -> PrivilegeType:
        loaders = info.context.loaders
        return PrivilegeType.from_model(await loaders.one(loaders.privilege, self.privilege_id))

    @strawberry.field(description="The review cycle that opened this evaluation.")
    async def cycle(self, info: Info) -> ReviewCycleType:
        return ReviewCycleType.from_model(await ReviewCycle.get(id=self.cycle_id))

    @strawberry.field(description="The privilege a RENEW or DOWNGRADE created.")
    async def resulting_privilege(self, info: Info) -> PrivilegeType | None:
        if self.resulting_privilege_id is None:
            return None
        found = await info.context.loaders.privilege.load(self.resulting_privilege_id)
        return PrivilegeType.from_model(found) if found else None

    @classmethod
    def from_model(cls, e: Evaluation) -> EvaluationType:
        return cls(
            id=strawberry.ID(ids.encode("Evaluation", e.id)),
            status=EvaluationStatus(e.status),
            case_count=e.case_count,
            complication_count=e.complication_count,
            death_count=e.death_count,
            unplanned_reoperation_count=e.unplanned_reoperation_count,
            adverse_event_count=e.adverse_event_count,
            out_of_privilege_count=e.out_of_privilege_count,
            metrics_source=MetricsSource(e.metrics_source) if e.metrics_source else None,
            recommendation=e.recommendation,
            outcome=Outcome(e.outcome) if e.outcome else None,
            decided_by=e.decided_by,
            version=e.version,
            privilege_id=e.privilege_id,  # type: ignore[attr-defined]
            cycle_id=e.cycle_id,  # type: ignore[attr-defined]
            resulting_privilege_id=e.resulting_privilege_id,  # type: ignore[attr-defined]
            decision_id=e.decision_id,  # type: ignore[attr-defined]
        )


@strawberry.type(name="OverdueEvaluation", description="A privilege late for its evaluation (R33).")
class OverdueEvaluationType:
    privilege: PrivilegeType = strawberry.field(
        description="The privilege whose evaluation is late."
    )
    due_on: date = strawberry.field(description="When its evaluation was due.")
    evaluation: EvaluationType | None = strawberry.field(
        description="The open evaluation, if a cycle opened one."
    )
