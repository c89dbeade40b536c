"""The named states of the SPEC's records that are not privileges, practitioners or
techniques (those live with their rules): review cycles, evaluations, emergency
overrides, committee decisions, webhook deliveries, bookings and holiday calendars.

They are `StrEnum`s, so the stored column values (and the wire values of the GraphQL
enums built from them in `schema/enums.py`) are exactly these uppercase codes, and
domain code comparing with the plain strings keeps working.
"""

from __future__ import annotations

from enum import StrEnum


class ReviewCycleStatus(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class EvaluationStatus(StrEnum):
    PENDING = "PENDING"
    SUBMITTED = "SUBMITTED"
    DECIDED = "DECIDED"


class MetricsSource(StrEnum):
    CASE_RECORDS = "CASE_RECORDS"
    MANUAL = "MANUAL"


class EmergencyOverrideStatus(StrEnum):
    PENDING_REVIEW = "PENDING_REVIEW"
    JUSTIFIED = "JUSTIFIED"
    UNJUSTIFIED = "UNJUSTIFIED"


class CommitteeOutcome(StrEnum):
    """What a committee decided: an application (APPROVED, REJECTED) or, for an
    evaluation, the evaluation outcome."""

    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RENEW = "RENEW"
    RENEW_WITH_CONDITIONS = "RENEW_WITH_CONDITIONS"
    DOWNGRADE = "DOWNGRADE"
    SUSPEND = "SUSPEND"
    REVOKE = "REVOKE"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"


class BookingStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"


class BookingImpactStatus(StrEnum):
    OPEN = "OPEN"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    RESOLVED = "RESOLVED"


class CalendarOrigin(StrEnum):
    OFFICIAL = "OFFICIAL"
    LOCAL = "LOCAL"
