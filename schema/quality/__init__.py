"""The quality area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.quality.mutations import AdjustmentMutation
from schema.quality.queries import AdjustmentQuery, QualityQuery
from schema.quality.types import AdjustmentProposalNode

__all__ = ["AdjustmentMutation", "AdjustmentProposalNode", "AdjustmentQuery", "QualityQuery"]
