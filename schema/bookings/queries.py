"""The bookings area's GraphQL queries."""

from __future__ import annotations

import strawberry

from domain import bookings
from domain.bookings import BookingFilter
from schema import ids
from schema.bookings.inputs import BookingFilterInput
from schema.bookings.types import BookingImpactType, BookingType
from schema.context import Info
from schema.enums import (
    BookingImpactStatus,
)
from schema.relay import Connection, connection


@strawberry.type
class BookingQuery:
    @strawberry.field(description="Watched bookings with their current decision.")
    async def bookings(
        self,
        info: Info,
        filter: BookingFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[BookingType]:
        given = filter or BookingFilterInput()
        page = await bookings.list_bookings(
            info.context.actor,
            BookingFilter(
                scheduled_from=given.scheduled_from,
                scheduled_to=given.scheduled_to,
                site_id=ids.decode_optional(given.site, "Site", "filter.site"),
                department_id=ids.decode_optional(
                    given.department, "Department", "filter.department"
                ),
                allowed=given.allowed,
                status=given.status.value if given.status else None,
            ),
            first,
            ids.decode_cursor(after),
        )
        return connection(page, BookingType.from_model)

    @strawberry.field(
        description="Bookings whose decision an audited change altered; since = the last "
        "change audit seq already seen."
    )
    async def booking_impacts(
        self,
        info: Info,
        since: int | None = None,
        status: BookingImpactStatus | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[BookingImpactType]:
        page = await bookings.list_impacts(
            info.context.actor,
            since,
            status.value if status else None,
            first,
            ids.decode_cursor(after),
        )
        return connection(page, BookingImpactType.from_model)
