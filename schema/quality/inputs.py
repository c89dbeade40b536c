"""The quality area's GraphQL inputs."""

from __future__ import annotations

import strawberry
import strawberry.scalars

from schema.privileges import (
    CommitteeDecisionInput,
)
from schema.quality.types import AdjustmentAction, AdjustmentProposalStatus, AdjustmentTrigger


@strawberry.input(
    name="QualityScopeInput",
    description="Where the figures come from: one department, one site, or (all left out) "
    "the whole registry, which is the institution until hospital groups exist.",
)
class QualityScope:
    department: str | None = strawberry.field(default=None, description="A department code.")
    site: str | None = strawberry.field(default=None, description="A site (院区) code.")
    institution: str | None = strawberry.field(
        default=None,
        description="Reserved for hospital groups (医联体); today leave it null: the whole "
        "registry is the institution.",
    )


@strawberry.input(name="AdjustmentProposalFilterInput", description="Which proposals to list.")
class AdjustmentProposalFilter:
    status: AdjustmentProposalStatus | None = strawberry.field(
        default=None, description="Only in this state."
    )
    trigger: AdjustmentTrigger | None = strawberry.field(
        default=None, description="Only of this trigger."
    )
    department: str | None = strawberry.field(
        default=None, description="Only for practitioners of this department (code)."
    )
    practitioner_staff_no: str | None = strawberry.field(
        default=None, description="Only for this practitioner."
    )


@strawberry.input(description="Accept a proposal with the committee's decision.")
class AcceptAdjustmentProposalInput:
    id: strawberry.ID = strawberry.field(description="The proposal.")
    expected_version: int = strawberry.field(description="Its version as read.")
    decision: CommitteeDecisionInput = strawberry.field(description="The committee decision.")
    reason: str = strawberry.field(description="Why (kept with the privilege's change).")
    action: AdjustmentAction | None = strawberry.field(
        default=None, description="What to do, if not the proposed action."
    )
    privilege_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="For a practitioner-level proposal: the privilege to suspend or downgrade.",
    )
    new_max_grade: int | None = strawberry.field(
        default=None, description="DOWNGRADE of a surgery-grade privilege: the new grade."
    )


@strawberry.input(description="Dismiss a proposal.")
class DismissAdjustmentProposalInput:
    id: strawberry.ID = strawberry.field(description="The proposal.")
    expected_version: int = strawberry.field(description="Its version as read.")
    reason: str = strawberry.field(description="Why it needs no change.")
