"""Review cycles and evaluations (定期评价/再授权)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime

import strawberry

from domain import reviews
from domain.reviews import EvaluationDecision, ManualMetrics, Selection
from models import Evaluation, ReviewCycle
from schema import ids
from schema.context import Info
from schema.convert import domain_input
from schema.enums import (
    EvaluationStatus,
    MetricsSource,
    Outcome,
    PrivilegeScope,
    ReviewCycleStatus,
    TechniqueCategory,
)
from schema.errors import UserError, mutation_payload
from schema.privileges import (
    CommitteeDecisionInput,
    CommitteeDecisionType,
    PrivilegeType,
    _committee,
)
from schema.relay import Connection, Node, connection


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


@strawberry.input(description="Which privileges a review cycle evaluates; all conditions apply.")
class SelectionInput:
    scope: PrivilegeScope | None = strawberry.field(default=None, description="Only this scope.")
    max_grade: int | None = strawberry.field(
        default=None, description="Only SURGERY_GRADE privileges up to this grade."
    )
    specialty_code: str | None = strawberry.field(default=None, description="Only this specialty.")
    department_code: str | None = strawberry.field(
        default=None, description="Only holders of this department."
    )
    expiring_before: date | None = strawberry.field(
        default=None, description="Only privileges ending before this day."
    )
    site_code: str | None = strawberry.field(default=None, description="Only this site.")
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


@strawberry.input(description="A new review cycle and which privileges it evaluates.")
class OpenReviewCycleInput:
    name: str = strawberry.field(description="Name of the cycle.")
    period_start: date = strawberry.field(description="First day of the period whose cases count.")
    period_end: date = strawberry.field(description="Last day of that period.")
    due_on: date = strawberry.field(description="Day evaluations are due.")
    selection: SelectionInput = strawberry.field(
        description="Which ACTIVE privileges get an evaluation."
    )
    idempotency_key: str | None = None


@strawberry.type
class ReviewCyclePayload:
    review_cycle: ReviewCycleType | None
    user_errors: list[UserError]


@strawberry.input(description="Case figures entered by hand; no count may exceed caseCount.")
class MetricsInput:
    case_count: int = strawberry.field(description="Cases in the period.")
    complication_count: int = strawberry.field(
        default=0, description="Of those, with a complication."
    )
    death_count: int = strawberry.field(default=0, description="Of those, with a death.")
    unplanned_reoperation_count: int = strawberry.field(
        default=0, description="Of those, with an unplanned reoperation."
    )
    adverse_event_count: int = strawberry.field(
        default=0, description="Of those, with an adverse event."
    )


@strawberry.input(description="The department head's submission of an evaluation.")
class SubmitEvaluationInput:
    id: strawberry.ID
    expected_version: int
    recommendation: str = strawberry.field(
        description="The recommendation, free text (up to 2,000 characters)."
    )
    metrics: MetricsInput | None = strawberry.field(
        default=None, description="Required only when the period has no case records."
    )


@strawberry.input(description="The committee's verdict on a submitted evaluation (R32).")
class DecideEvaluationInput:
    id: strawberry.ID
    expected_version: int
    outcome: Outcome = strawberry.field(
        description="The verdict; RENEW and DOWNGRADE create a successor privilege, "
        "SUSPEND and REVOKE act on this one."
    )
    decision: CommitteeDecisionInput
    reason: str | None = strawberry.field(
        default=None, description="Why; required for SUSPEND, REVOKE and DOWNGRADE."
    )
    conditions: str | None = strawberry.field(
        default=None, description="The conditions; required for RENEW_WITH_CONDITIONS."
    )
    new_max_grade: int | None = strawberry.field(
        default=None, description="DOWNGRADE of a SURGERY_GRADE privilege: the new highest grade."
    )
    supervised_only: bool | None = strawberry.field(
        default=None, description="DOWNGRADE: the successor is supervised-only."
    )


@strawberry.type
class EvaluationPayload:
    evaluation: EvaluationType | None
    user_errors: list[UserError]


async def _evaluation_payload(run: Callable[[], Awaitable[Evaluation]]) -> EvaluationPayload:
    return await mutation_payload(EvaluationPayload, "evaluation", run, EvaluationType.from_model)


@strawberry.type
class ReviewQuery:
    @strawberry.field(description="Review cycles, oldest first.")
    async def review_cycles(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[ReviewCycleType]:
        page = await reviews.list_cycles(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, ReviewCycleType.from_model)

    @strawberry.field(description="Evaluations you may see.")
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
        return await mutation_payload(
            ReviewCyclePayload,
            "review_cycle",
            lambda: reviews.open_review_cycle(
                info.context.actor,
                name=input.name,
                period_start=input.period_start,
                period_end=input.period_end,
                due_on=input.due_on,
                selection=domain_input(Selection, input.selection),
                idempotency_key=input.idempotency_key,
            ),
            ReviewCycleType.from_model,
        )

    @strawberry.mutation(
        description="Submit a PENDING evaluation (department head); figures from case "
        "records when there are any (R31)."
    )
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
