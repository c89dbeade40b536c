"""The decisions area's GraphQL inputs."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import Setting


@strawberry.input(
    description="The question: may this practitioner perform this procedure then and there?"
)
class PrivilegeCheckInput:
    procedure_code: str
    on: date = strawberry.field(description="Day of the operation.")
    setting: Setting = strawberry.field(
        default=Setting.INPATIENT, description="Where it is performed."
    )
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    site_id: strawberry.ID | None = None
    site_code: str | None = None
    supervisor_id: strawberry.ID | None = None
    supervisor_staff_no: str | None = None
    emergency: bool = strawberry.field(
        default=False,
        description="An emergency: privilege reasons are downgraded to EMERGENCY_OVERRIDE (R41).",
    )
