"""The bookings area's GraphQL mutations."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from domain import booking_impacts, bookings
from domain.bookings import BookingInput, BookingUpdate
from models import Booking, BookingImpact
from schema import ids
from schema.bookings.inputs import (
    AcknowledgeBookingImpactInput,
    CancelBookingInput,
    RegisterBookingInput,
    UpdateBookingInput,
)
from schema.bookings.types import BookingImpactType, BookingType
from schema.context import Info
from schema.errors import UserError, attempt_call, mutation_payload


@strawberry.type
class BookingPayload:
    booking: BookingType | None
    user_errors: list[UserError]


@strawberry.type
class BookingsPayload:
    bookings: list[BookingType] = strawberry.field(
        description="The bookings registered; empty when refused."
    )
    user_errors: list[UserError]


@strawberry.type
class BookingImpactPayload:
    booking_impact: BookingImpactType | None
    user_errors: list[UserError]


def _to_input(data: RegisterBookingInput, prefix: str) -> BookingInput:
    return BookingInput(
        external_ref=data.external_ref,
        procedure_code=data.procedure_code,
        scheduled_on=data.scheduled_on,
        setting=data.setting.value,
        practitioner_id=ids.decode_optional(
            data.practitioner_id, "Practitioner", f"{prefix}.practitionerId"
        ),
        practitioner_staff_no=data.practitioner_staff_no,
        site_id=ids.decode_optional(data.site_id, "Site", f"{prefix}.siteId"),
        site_code=data.site_code,
        supervisor_id=ids.decode_optional(
            data.supervisor_id, "Practitioner", f"{prefix}.supervisorId"
        ),
        supervisor_staff_no=data.supervisor_staff_no,
        scheduled_start=data.scheduled_start,
        assistants=list(data.assistants or []),
        mdt_ref=data.mdt_ref,
        emergency=data.emergency,
    )


@strawberry.type
class BookingMutation:
    @strawberry.mutation(
        description="Register a planned operation to watch; idempotent by externalRef "
        "per client. Returns the decision taken now."
    )
    async def register_booking(self, info: Info, input: RegisterBookingInput) -> BookingPayload:
        async def run() -> list[Booking]:
            return await bookings.register_bookings(info.context.actor, [_to_input(input, "input")])

        found, errors = await attempt_call(run)
        for error in errors:  # one booking: its fields are the input's
            if error.field and error.field[:2] == ["inputs", "0"]:
                error.field = ["input", *error.field[2:]]
        return BookingPayload(
            booking=BookingType.from_model(found[0]) if found else None, user_errors=errors
        )

    @strawberry.mutation(description="Up to 500 bookings at once, all or none.")
    async def register_bookings(
        self, info: Info, inputs: list[RegisterBookingInput]
    ) -> BookingsPayload:
        async def run() -> list[Booking]:
            return await bookings.register_bookings(
                info.context.actor,
                [_to_input(item, f"inputs.{i}") for i, item in enumerate(inputs)],
            )

        found, errors = await attempt_call(run)
        return BookingsPayload(
            bookings=[BookingType.from_model(b) for b in found or []], user_errors=errors
        )

    @strawberry.mutation(description="Reschedule, change surgeon, site or procedure.")
    async def update_booking(self, info: Info, input: UpdateBookingInput) -> BookingPayload:
        async def run() -> Booking:
            return await bookings.update_booking(
                info.context.actor,
                BookingUpdate(
                    external_ref=input.external_ref,
                    expected_version=input.expected_version,
                    scheduled_on=input.scheduled_on,
                    scheduled_start=input.scheduled_start,
                    practitioner_id=ids.decode_optional(
                        input.practitioner_id, "Practitioner", "input.practitionerId"
                    ),
                    practitioner_staff_no=input.practitioner_staff_no,
                    supervisor_id=ids.decode_optional(
                        input.supervisor_id, "Practitioner", "input.supervisorId"
                    ),
                    supervisor_staff_no=input.supervisor_staff_no,
                    remove_supervisor=input.remove_supervisor,
                    site_id=ids.decode_optional(input.site_id, "Site", "input.siteId"),
                    site_code=input.site_code,
                    procedure_code=input.procedure_code,
                    setting=input.setting.value if input.setting else None,
                    assistants=input.assistants,
                    mdt_ref=input.mdt_ref,
                ),
            )

        return await mutation_payload(BookingPayload, "booking", run, BookingType.from_model)

    @strawberry.mutation(description="Stop watching a booking.")
    async def cancel_booking(self, info: Info, input: CancelBookingInput) -> BookingPayload:
        async def run() -> Booking:
            return await bookings.cancel_booking(
                info.context.actor, input.external_ref, input.expected_version
            )

        return await mutation_payload(BookingPayload, "booking", run, BookingType.from_model)

    @strawberry.mutation(description="The scheduler has seen the impact and acted on it.")
    async def acknowledge_booking_impact(
        self, info: Info, input: AcknowledgeBookingImpactInput
    ) -> BookingImpactPayload:
        async def run() -> BookingImpact:
            return await bookings.acknowledge_impact(
                info.context.actor, ids.decode(input.id, "BookingImpact"), input.expected_version
            )

        return await mutation_payload(
            BookingImpactPayload, "booking_impact", run, BookingImpactType.from_model
        )


@strawberry.type
class BookingSubscription:
    @strawberry.subscription(
        description="Impacts on your bookings as they are recorded (all bookings for "
        "medical affairs and auditors)."
    )
    async def booking_impacts(self, info: Info) -> AsyncGenerator[BookingImpactType, None]:
        async for impact in booking_impacts.impacts_for(info.context.actor):
            yield BookingImpactType.from_model(impact)
