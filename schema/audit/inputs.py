"""The audit area's GraphQL inputs."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.input(description="Which audit events to list.")
class AuditEventFilterInput:
    entity_type: str | None = strawberry.field(
        default=None, description="Only this kind of record."
    )
    entity_id: strawberry.ID | None = strawberry.field(
        default=None, description="A global id, or the raw entity key as stored"
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this actor's key as stored."
    )
    action: str | None = strawberry.field(default=None, description="Only this action.")
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="Only from this moment."
    )
    to: datetime | None = strawberry.field(default=None, description="Only up to this moment.")
    institution: str | None = strawberry.field(
        default=None,
        description=(
            "Only the events of this institution (its code). An actor bound to "
            "institutions sees only its institutions' events in any case."
        ),
    )
