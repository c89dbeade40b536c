"""The quality area's GraphQL mutations."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import strawberry
import strawberry.scalars

from domain.quality import adjustments
from models import AdjustmentProposal
from schema import ids
from schema.context import Info
from schema.errors import UserError, mutation_payload
from schema.privileges import (
    _committee,
)
from schema.quality.inputs import AcceptAdjustmentProposalInput, DismissAdjustmentProposalInput
from schema.quality.types import AdjustmentProposalNode


@strawberry.type(description="The result of accepting or dismissing a proposal.")
class AdjustmentProposalPayload:
    adjustment_proposal: AdjustmentProposalNode | None = strawberry.field(
        description="The proposal as it now stands."
    )
    user_errors: list[UserError] = strawberry.field(description="Why nothing was done.")


@strawberry.type
class AdjustmentMutation:
    @strawberry.mutation(
        description="Accept a proposal (COMMITTEE or ADMIN): records the committee decision "
        "and, for SUSPEND or DOWNGRADE, changes the privilege, in one transaction."
    )
    async def accept_adjustment_proposal(
        self,
        info: Info,
        input: Annotated[
            AcceptAdjustmentProposalInput, strawberry.argument(description="The acceptance.")
        ],
    ) -> AdjustmentProposalPayload:
        async def run() -> AdjustmentProposal:
            decision = _committee(input.decision)
            assert decision is not None
            return await adjustments.accept_proposal(
                info.context.actor,
                ids.decode(input.id, "AdjustmentProposal"),
                input.expected_version,
                adjustments.Acceptance(
                    decision=decision,
                    reason=input.reason,
                    action=input.action.name if input.action else None,
                    privilege_id=ids.decode_optional(
                        input.privilege_id, "Privilege", "privilegeId"
                    ),
                    new_max_grade=input.new_max_grade,
                ),
            )

        return await _proposal_payload(run)

    @strawberry.mutation(description="Dismiss a proposal with a reason (COMMITTEE or ADMIN).")
    async def dismiss_adjustment_proposal(
        self,
        info: Info,
        input: Annotated[
            DismissAdjustmentProposalInput, strawberry.argument(description="The dismissal.")
        ],
    ) -> AdjustmentProposalPayload:
        async def run() -> AdjustmentProposal:
            return await adjustments.dismiss_proposal(
                info.context.actor,
                ids.decode(input.id, "AdjustmentProposal"),
                input.expected_version,
                input.reason,
            )

        return await _proposal_payload(run)


async def _proposal_payload(
    run: Callable[[], Coroutine[Any, Any, AdjustmentProposal]],
) -> AdjustmentProposalPayload:
    return await mutation_payload(
        AdjustmentProposalPayload, "adjustment_proposal", run, AdjustmentProposalNode.from_model
    )
