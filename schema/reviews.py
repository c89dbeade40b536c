"""Review cycles and evaluations (定期评价/再授权)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime

import strawberry

from domain import reviews
from domain.reviews import EvaluationDecision, ManualMetrics, Outcome, Selection
from domain.techniques import TechniqueCategory
from models import Evaluation, ReviewCycle
from schema import ids
from schema.context import Info
from schema.enums import EvaluationStatus, MetricsSource, PrivilegeScope, ReviewCycleStatus
from schema.errors import UserError, attempt, attempt_call
from schema.privileges import (
    CommitteeDecisionInput,
    CommitteeDecisionType,
    PrivilegeType,
    _committee,
)
from schema.relay import Connection, Node, connection

strawberry.enum(Outcome, name="EvaluationOutcome")


@strawberry.type(name="ReviewCycle")
class ReviewCycleType(Node):
    name: str
    period_start: date
    period_end: date
    due_on: date
    status: ReviewCycleStatus
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


@strawberry.type(name="Evaluation")
class EvaluationType(Node):
    status: EvaluationStatus
    case_count: int | None
    complication_count: int | None
    death_count: int | None
    unplanned_reoperation_count: int | None
    adverse_event_count: int | None
    out_of_privilege_count: int | None = strawberry.field(
        description="Out-of-privilege cases and emergency overrides reviewed UNJUSTIFIED of "
        "the holder in the cycle's period (counted at submission)."
    )
    metrics_source: MetricsSource | None
    recommendation: str | None
    outcome: Outcome | None
    decided_by: str | None
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

    @strawberry.field
    async def privilege(self, info: Info) -> PrivilegeType:
        loaders = info.context.loaders
        return PrivilegeType.from_model(await loaders.one(loaders.privilege, self.privilege_id))

    @strawberry.field
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


@strawberry.type(name="OverdueEvaluation")
class OverdueEvaluationType:
    privilege: PrivilegeType
    due_on: date
    evaluation: EvaluationType | None


@strawberry.input
class SelectionInput:
    scope: PrivilegeScope | None = None
    max_grade: int | None = None
    specialty_code: str | None = None
    department_code: str | None = None
    expiring_before: date | None = None
    site_code: str | None = None
    procedure_grade: int | None = strawberry.field(
        default=None,
        description="PROCEDURE privileges whose procedure's effective grade is this (1-4; a "
        "restricted technique's procedure counts as 4).",
    )
    technique_category: TechniqueCategory | None = strawberry.field(
        default=None,
        description="TECHNIQUE privileges for, and PROCEDURE privileges of, techniques of "
        "this category.",
    )
    due_for_reevaluation: bool = strawberry.field(
        default=False,
        description="Exactly the privileges listed as due for their yearly re-evaluation "
        "(grade-4 PROCEDURE and TECHNIQUE privileges).",
    )


@strawberry.input
class OpenReviewCycleInput:
    name: str
    period_start: date
    period_end: date
    due_on: date
    selection: SelectionInput
    idempotency_key: str | None = None


@strawberry.type
class ReviewCyclePayload:
    review_cycle: ReviewCycleType | None
    user_errors: list[UserError]


@strawberry.input
class MetricsInput:
    case_count: int
    complication_count: int = 0
    death_count: int = 0
    unplanned_reoperation_count: int = 0
    adverse_event_count: int = 0


@strawberry.input
class SubmitEvaluationInput:
    id: strawberry.ID
    expected_version: int
    recommendation: str
    metrics: MetricsInput | None = strawberry.field(
        default=None, description="Required only when the period has no case records."
    )


@strawberry.input
class DecideEvaluationInput:
    id: strawberry.ID
    expected_version: int
    outcome: Outcome
    decision: CommitteeDecisionInput
    reason: str | None = None
    conditions: str | None = None
    new_max_grade: int | None = None
    supervised_only: bool | None = None


@strawberry.type
class EvaluationPayload:
    evaluation: EvaluationType | None
    user_errors: list[UserError]


async def _evaluation_payload(run: Callable[[], Awaitable[Evaluation]]) -> EvaluationPayload:
    evaluation, errors = await attempt_call(run)
    return EvaluationPayload(
        evaluation=EvaluationType.from_model(evaluation) if evaluation else None, user_errors=errors
    )


@strawberry.type
class ReviewQuery:
    @strawberry.field
    async def review_cycles(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ReviewCycleType]:
        page = await reviews.list_cycles(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, ReviewCycleType.from_model)

    @strawberry.field
    async def evaluations(
        self,
        info: Info,
        cycle_id: strawberry.ID | None = None,
        status: EvaluationStatus | None = None,
        practitioner_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[EvaluationType]:
        page = await reviews.list_evaluations(
            info.context.actor,
            cycle_id=ids.decode_optional(cycle_id, "ReviewCycle", "cycleId"),
            status=status.value if status else None,
            practitioner_id=ids.decode_optional(practitioner_id, "Practitioner", "practitionerId"),
            first=first,
            after=ids.decode_cursor(after),
        )
        return connection(page, EvaluationType.from_model)

    @strawberry.field(description="R33: late evaluations and privileges overdue for one.")
    async def overdue_evaluations(self, info: Info) -> list[OverdueEvaluationType]:
        return [
            OverdueEvaluationType(
                privilege=PrivilegeType.from_model(item.privilege),
                due_on=item.due_on,
                evaluation=EvaluationType.from_model(item.evaluation) if item.evaluation else None,
            )
            for item in await reviews.overdue_evaluations(info.context.actor)
        ]


@strawberry.type
class ReviewMutation:
    @strawberry.mutation(description="R30: one PENDING evaluation per selected privilege, once.")
    async def open_review_cycle(
        self, info: Info, input: OpenReviewCycleInput
    ) -> ReviewCyclePayload:
        s = input.selection
        cycle, errors = await attempt(
            reviews.open_review_cycle(
                info.context.actor,
                name=input.name,
                period_start=input.period_start,
                period_end=input.period_end,
                due_on=input.due_on,
                selection=Selection(
                    scope=s.scope.value if s.scope else None,
                    max_grade=s.max_grade,
                    specialty_code=s.specialty_code,
                    department_code=s.department_code,
                    expiring_before=s.expiring_before,
                    site_code=s.site_code,
                    procedure_grade=s.procedure_grade,
                    technique_category=(
                        s.technique_category.value if s.technique_category else None
                    ),
                    due_for_reevaluation=s.due_for_reevaluation,
                ),
                idempotency_key=input.idempotency_key,
            )
        )
        return ReviewCyclePayload(
            review_cycle=ReviewCycleType.from_model(cycle) if cycle else None, user_errors=errors
        )

    @strawberry.mutation
    async def submit_evaluation(
        self, info: Info, input: SubmitEvaluationInput
    ) -> EvaluationPayload:
        metrics = None
        if input.metrics is not None:
            m = input.metrics
            metrics = ManualMetrics(
                m.case_count,
                m.complication_count,
                m.death_count,
                m.unplanned_reoperation_count,
                m.adverse_event_count,
            )
        return await _evaluation_payload(
            lambda: reviews.submit_evaluation(
                info.context.actor,
                ids.decode(input.id, "Evaluation"),
                input.expected_version,
                metrics=metrics,
                recommendation=input.recommendation,
            )
        )

    @strawberry.mutation(
        description="R32: RENEW, RENEW_WITH_CONDITIONS, DOWNGRADE, SUSPEND or "
        "REVOKE, with the committee decision."
    )
    async def decide_evaluation(
        self, info: Info, input: DecideEvaluationInput
    ) -> EvaluationPayload:
        async def run() -> Evaluation:
            decision = _committee(input.decision)
            assert decision is not None
            return await reviews.decide_evaluation(
                info.context.actor,
                ids.decode(input.id, "Evaluation"),
                input.expected_version,
                EvaluationDecision(
                    outcome=input.outcome.value,
                    decision=decision,
                    reason=input.reason,
                    conditions=input.conditions,
                    new_max_grade=input.new_max_grade,
                    supervised_only=input.supervised_only,
                ),
            )

        return await _evaluation_payload(run)
