"""The reviews area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.reviews.mutations import ReviewMutation
from schema.reviews.queries import ReviewQuery

__all__ = ["ReviewMutation", "ReviewQuery"]
