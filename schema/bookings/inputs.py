"""The bookings area's GraphQL inputs."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from schema.enums import (
    BookingStatus,
    Setting,
)


@strawberry.input(description="A planned operation to watch.")
class RegisterBookingInput:
    external_ref: str = strawberry.field(description="Your reference, unique per client.")
    procedure_code: str
    scheduled_on: date = strawberry.field(
        description="Day planned (not past, at most two years ahead)."
    )
    setting: Setting = strawberry.field(
        default=Setting.INPATIENT, description="Where it is performed."
    )
    practitioner_staff_no: str | None = None
    practitioner_id: strawberry.ID | None = None
    site_code: str | None = None
    site_id: strawberry.ID | None = None
    supervisor_staff_no: str | None = None
    supervisor_id: strawberry.ID | None = None
    scheduled_start: datetime | None = strawberry.field(
        default=None, description="Planned start, if known."
    )
    assistants: list[str] | None = strawberry.field(
        default=None, description="Assistants' staff numbers."
    )
    mdt_ref: str | None = strawberry.field(
        default=None, description="Reference of the MDT discussion, if held."
    )
    emergency: bool = strawberry.field(
        default=False, description="An emergency booking (never DAY_SURGERY)."
    )


@strawberry.input(description="Changes to a booking; omitted fields stay.")
class UpdateBookingInput:
    external_ref: str = strawberry.field(description="The booking's reference.")
    expected_version: int | None = strawberry.field(
        default=None, description="The version you last read; optional."
    )
    scheduled_on: date | None = strawberry.field(default=None, description="New day.")
    scheduled_start: datetime | None = strawberry.field(
        default=None, description="New planned start."
    )
    practitioner_staff_no: str | None = None
    practitioner_id: strawberry.ID | None = None
    supervisor_staff_no: str | None = None
    supervisor_id: strawberry.ID | None = None
    remove_supervisor: bool = strawberry.field(
        default=False, description="Remove the named supervisor."
    )
    site_code: str | None = None
    site_id: strawberry.ID | None = None
    procedure_code: str | None = strawberry.field(default=None, description="New procedure.")
    setting: Setting | None = strawberry.field(default=None, description="New setting.")
    assistants: list[str] | None = strawberry.field(
        default=None, description="New assistants' staff numbers."
    )
    mdt_ref: str | None = strawberry.field(default=None, description="New MDT reference.")


@strawberry.input(description="Stop watching a booking.")
class CancelBookingInput:
    external_ref: str = strawberry.field(description="The booking's reference.")
    expected_version: int | None = strawberry.field(
        default=None, description="The version you last read; optional."
    )


@strawberry.input(description="Which bookings to list.")
class BookingFilterInput:
    scheduled_from: date | None = strawberry.field(
        default=None, description="From this day (inclusive)."
    )
    scheduled_to: date | None = strawberry.field(
        default=None, description="Up to this day (inclusive)."
    )
    site: strawberry.ID | None = strawberry.field(
        default=None, description="Only this site (global id)."
    )
    department: strawberry.ID | None = strawberry.field(
        default=None, description="Only this department (global id)."
    )
    allowed: bool | None = strawberry.field(default=None, description="Only (not) allowed now.")
    status: BookingStatus | None = strawberry.field(default=None, description="Only this status.")


@strawberry.input(description="Mark a booking impact as seen.")
class AcknowledgeBookingImpactInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="The version you last read; optional."
    )
