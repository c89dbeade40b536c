"""Watched bookings: registerBooking(s), updateBooking, cancelBooking, bookings,
bookingImpacts, acknowledgeBookingImpact and the bookingImpacts subscription (issue 18)."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from datetime import date, datetime
from typing import Any

import strawberry

from domain import booking_impacts, bookings
from domain.bookings import BookingFilter, BookingInput, BookingUpdate
from models import Booking, BookingImpact, CaseRecord
from schema import ids
from schema.cases import CaseRecordType
from schema.context import Info
from schema.enums import (
    BookingImpactStatus,
    BookingStatus,
    DecisionReasonCode,
    Setting,
    Severity,
)
from schema.errors import UserError, attempt_call, mutation_payload
from schema.organisation import PractitionerType, SiteType
from schema.relay import Connection, Node, connection


@strawberry.type(description="One reason of a booking's decision.")
class BookingDecisionReason:
    code: DecisionReasonCode = strawberry.field(description="What it is, for programs.")
    severity: Severity = strawberry.field(description="How it weighs.")
    message: str = strawberry.field(description="What it is, for people.")


@strawberry.type(description="The stored decision of a booking.")
class BookingDecision:
    allowed: bool = strawberry.field(description="No reason is BLOCKING.")
    requires_mdt: bool = strawberry.field(description="A preoperative MDT discussion is required.")
    reasons: list[BookingDecisionReason] = strawberry.field(
        description="Why it answers so, most severe first (docs/api.md section 11)."
    )
    valid_until: date | None = strawberry.field(
        description="Until when it holds for the covering privilege."
    )
    registry_version: str = strawberry.field(
        description="The registry state (audit seq) the decision was taken at."
    )

    @classmethod
    def from_json(cls, text: str) -> BookingDecision:
        data: dict[str, Any] = json.loads(text)
        return cls(
            allowed=bool(data["allowed"]),
            requires_mdt=bool(data["requiresMdt"]),
            reasons=[
                BookingDecisionReason(
                    code=DecisionReasonCode(r["code"]),
                    severity=Severity(r["severity"]),
                    message=r["message"],
                )
                for r in data["reasons"]
            ],
            valid_until=date.fromisoformat(data["validUntil"]) if data["validUntil"] else None,
            registry_version=str(data["registryVersion"]),
        )


@strawberry.type(
    name="Booking",
    description="A planned operation watched for changes to its decision (docs/api.md 16).",
)
class BookingType(Node):
    external_ref: str = strawberry.field(description="Your reference, unique per client.")
    procedure_code: str = strawberry.field(description="The procedure planned.")
    scheduled_on: date = strawberry.field(description="Day planned.")
    scheduled_start: datetime | None = strawberry.field(description="Planned start, if known.")
    setting: Setting = strawberry.field(description="Where it is performed.")
    emergency: bool = strawberry.field(description="An emergency booking.")
    assistants: list[str] = strawberry.field(description="Assistants' staff numbers.")
    mdt_ref: str | None = strawberry.field(description="Reference of the MDT discussion, if held.")
    status: BookingStatus = strawberry.field(
        description="SCHEDULED while watched; CANCELLED after cancelBooking."
    )
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    allowed: bool = strawberry.field(description="The current decision allows it.")
    decision: BookingDecision = strawberry.field(
        description="The decision as of the last change that touched the booking."
    )
    version: int
    created_at: datetime
    practitioner_id: strawberry.Private[int]
    supervisor_id: strawberry.Private[int | None]
    site_id: strawberry.Private[int]
    case_record_id: strawberry.Private[int | None]

    @strawberry.field(description="The planned operator.")
    async def practitioner(self, info: Info) -> PractitionerType | None:
        found = await info.context.loaders.practitioner.load(self.practitioner_id)
        return PractitionerType.from_model(found) if found else None

    @strawberry.field(description="The named supervisor.")
    async def supervisor(self, info: Info) -> PractitionerType | None:
        if self.supervisor_id is None:
            return None
        found = await info.context.loaders.practitioner.load(self.supervisor_id)
        return PractitionerType.from_model(found) if found else None

    @strawberry.field(description="Where it is planned.")
    async def site(self, info: Info) -> SiteType | None:
        found = await info.context.loaders.site.load(self.site_id)
        return SiteType.from_model(found) if found else None

    @strawberry.field(description="The case recorded for this booking (recordCase bookingRef).")
    async def case_record(self) -> CaseRecordType | None:
        if self.case_record_id is None:
            return None
        found = await CaseRecord.get_or_none(id=self.case_record_id)
        return CaseRecordType.from_model(found) if found else None

    @strawberry.field(
        description="True when the recorded case's operator is not the planned one; "
        "null until a case is linked."
    )
    async def operator_changed(self) -> bool | None:
        if self.case_record_id is None:
            return None
        case = await CaseRecord.get_or_none(id=self.case_record_id)
        return None if case is None else case.practitioner_id != self.practitioner_id  # type: ignore[attr-defined]

    @classmethod
    def from_model(cls, b: Booking) -> BookingType:
        return cls(
            id=strawberry.ID(ids.encode("Booking", b.id)),
            external_ref=b.external_ref,
            procedure_code=b.procedure_code,
            scheduled_on=b.scheduled_on,
            scheduled_start=b.scheduled_start,
            setting=Setting(b.setting),
            emergency=b.emergency,
            assistants=list(b.assistants or []),
            mdt_ref=b.mdt_ref,
            status=BookingStatus(b.status),
            cancelled_at=b.cancelled_at,
            allowed=b.allowed,
            decision=BookingDecision.from_json(b.decision_json),
            version=b.version,
            created_at=b.created_at,
            practitioner_id=b.practitioner_id,  # type: ignore[attr-defined]
            supervisor_id=b.supervisor_id,  # type: ignore[attr-defined]
            site_id=b.site_id,  # type: ignore[attr-defined]
            case_record_id=b.case_record_id,  # type: ignore[attr-defined]
        )


@strawberry.type(
    name="BookingImpact", description="A change that altered a future booking's decision."
)
class BookingImpactType(Node):
    change_seq: int = strawberry.field(description="Audit seq of the change that caused it.")
    change_action: str = strawberry.field(description="The change's audit action.")
    old_allowed: bool = strawberry.field(description="Allowed before the change.")
    new_allowed: bool = strawberry.field(description="Allowed after it.")
    old_decision: BookingDecision = strawberry.field(description="The decision before.")
    new_decision: BookingDecision = strawberry.field(description="The decision after.")
    status: BookingImpactStatus = strawberry.field(
        description="OPEN until acknowledged; RESOLVED when the booking is allowed again or "
        "cancelled."
    )
    acknowledged_by: str | None = strawberry.field(description="Who acknowledged it.")
    acknowledged_at: datetime | None = strawberry.field(description="When it was acknowledged.")
    created_at: datetime
    version: int
    booking_id: strawberry.Private[int]

    @strawberry.field(description="The booking affected.")
    async def booking(self, info: Info) -> BookingType | None:
        found = await bookings.get_booking(info.context.actor, self.booking_id)
        return BookingType.from_model(found) if found else None

    @classmethod
    def from_model(cls, i: BookingImpact) -> BookingImpactType:
        return cls(
            id=strawberry.ID(ids.encode("BookingImpact", i.id)),
            change_seq=i.change_seq,
            change_action=i.change_action,
            old_allowed=i.old_allowed,
            new_allowed=i.new_allowed,
            old_decision=BookingDecision.from_json(i.old_decision_json),
            new_decision=BookingDecision.from_json(i.new_decision_json),
            status=BookingImpactStatus(i.status),
            acknowledged_by=i.acknowledged_by,
            acknowledged_at=i.acknowledged_at,
            created_at=i.created_at,
            version=i.version,
            booking_id=i.booking_id,  # type: ignore[attr-defined]
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
