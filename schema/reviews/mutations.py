"""The reviews area's GraphQL mutations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from domain import reviews
from domain.reviews import EvaluationDecision, ManualMetrics, Selection
from models import Evaluation
from schema import ids
from schema.context import Info
from schema.convert import domain_input
from schema.errors import UserError, mutation_payload
from schema.privileges import (
    _committee,
)
from schema.reviews.inputs import DecideEvaluationInput, OpenReviewCycleInput, SubmitEvaluationInput
from schema.reviews.types import EvaluationType, ReviewCycleType


@strawberry.type
class ReviewCyclePayload:
    review_cycle: ReviewCycleType | None
    user_errors: list[UserError]


@strawberry.type
class EvaluationPayload:
    evaluation: EvaluationType | None
    user_errors: list[UserError]


async def _evaluation_payload(run: Callable[[], Awaitable[Evaluation]]) -> EvaluationPayload:
    return await mutation_payload(EvaluationPayload, "evaluation", run, EvaluationType.from_model)


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
