"""The reviews area's GraphQL inputs."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import (
    Outcome,
    PrivilegeScope,
    TechniqueCategory,
)
from schema.privileges import (
    CommitteeDecisionInput,
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
