"""The reviews area's GraphQL queries."""

from __future__ import annotations

import strawberry

from domain import reviews
from schema import ids
from schema.context import Info
from schema.enums import (
    EvaluationStatus,
)
from schema.privileges import (
    PrivilegeType,
)
from schema.relay import Connection, connection
from schema.reviews.types import EvaluationType, OverdueEvaluationType, ReviewCycleType


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
