"""Watched bookings: registerBooking(s), updateBooking, cancelBooking, bookings,
bookingImpacts, acknowledgeBookingImpact and the bookingImpacts subscription (issue 18)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import strawberry

from domain import bookings
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
from schema.organisation import PractitionerType, SiteType
from schema.relay import Node


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
