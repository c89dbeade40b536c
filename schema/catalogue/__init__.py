"""The catalogue area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.catalogue.types import (
    CatalogueImportMutation,
    CatalogueMutation,
    CatalogueQuery,
    CatalogueVersionQuery,
    ProcedureType,
    TechniqueType,
)

__all__ = [
    "CatalogueImportMutation",
    "CatalogueMutation",
    "CatalogueQuery",
    "CatalogueVersionQuery",
    "ProcedureType",
    "TechniqueType",
]
