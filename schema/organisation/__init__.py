"""The organisation area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.organisation.mutations import OrganisationMutation
from schema.organisation.queries import OrganisationQuery
from schema.organisation.types import DepartmentType, PractitionerType, SiteType, SpecialtyType

__all__ = [
    "DepartmentType",
    "OrganisationMutation",
    "OrganisationQuery",
    "PractitionerType",
    "SiteType",
    "SpecialtyType",
]
