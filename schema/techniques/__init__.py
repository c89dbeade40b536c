"""The techniques area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.techniques.mutations import TechniqueLeadMutation, TechniqueMutation
from schema.techniques.queries import TechniqueLeadQuery, TechniqueQuery

__all__ = ["TechniqueLeadMutation", "TechniqueLeadQuery", "TechniqueMutation", "TechniqueQuery"]
