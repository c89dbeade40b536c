"""The reviews area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.reviews.types import ReviewMutation, ReviewQuery

__all__ = ["ReviewMutation", "ReviewQuery"]
