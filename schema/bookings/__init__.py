"""The bookings area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.bookings.types import BookingMutation, BookingQuery, BookingSubscription

__all__ = ["BookingMutation", "BookingQuery", "BookingSubscription"]
