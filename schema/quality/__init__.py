"""The quality area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.quality.types import (
    AdjustmentMutation,
    AdjustmentProposalNode,
    AdjustmentQuery,
    QualityQuery,
)

__all__ = ["AdjustmentMutation", "AdjustmentProposalNode", "AdjustmentQuery", "QualityQuery"]
