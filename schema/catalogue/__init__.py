"""The catalogue area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.catalogue.mutations import CatalogueImportMutation, CatalogueMutation
from schema.catalogue.queries import CatalogueQuery, CatalogueVersionQuery
from schema.catalogue.types import ProcedureType, TechniqueType

__all__ = [
    "CatalogueImportMutation",
    "CatalogueMutation",
    "CatalogueQuery",
    "CatalogueVersionQuery",
    "ProcedureType",
    "TechniqueType",
]
