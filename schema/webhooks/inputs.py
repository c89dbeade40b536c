"""The webhooks area's GraphQL inputs."""

from __future__ import annotations

import strawberry


@strawberry.input(description="A new webhook (ADMIN).")
class RegisterWebhookInput:
    url: str = strawberry.field(description="The receiver's https URL.")
    event_types: list[str] = strawberry.field(
        description='Audit actions, exact ("privilege.suspend") or families ("privilege.").'
    )
    secret: str | None = strawberry.field(
        default=None, description="HMAC-SHA256 signing secret; generated when omitted."
    )


@strawberry.input(description="Stop deliveries to a webhook (ADMIN).")
class DeactivateWebhookInput:
    id: strawberry.ID
    expected_version: int


@strawberry.input(description="A new signing secret for a webhook (ADMIN).")
class RotateWebhookSecretInput:
    id: strawberry.ID
    expected_version: int
    secret: str | None = strawberry.field(
        default=None, description="The new signing secret; generated when omitted."
    )
