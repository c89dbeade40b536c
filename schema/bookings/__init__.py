"""The bookings area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.bookings.mutations import BookingMutation, BookingSubscription
from schema.bookings.queries import BookingQuery

__all__ = ["BookingMutation", "BookingQuery", "BookingSubscription"]
