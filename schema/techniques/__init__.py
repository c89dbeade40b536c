"""The techniques area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.techniques.types import (
    TechniqueLeadMutation,
    TechniqueLeadQuery,
    TechniqueMutation,
    TechniqueQuery,
)

__all__ = ["TechniqueLeadMutation", "TechniqueLeadQuery", "TechniqueMutation", "TechniqueQuery"]
