"""The institutions area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.institutions.inputs import practice_scopes
from schema.institutions.mutations import InstitutionMutation
from schema.institutions.queries import InstitutionQuery
from schema.institutions.types import (
    GroupNode,
    InstitutionNode,
    PracticeRegistrationNode,
    PracticeScope,
    PractitionerCategoryEnum,
    institution_node,
)

__all__ = [
    "GroupNode",
    "InstitutionMutation",
    "InstitutionNode",
    "InstitutionQuery",
    "PracticeRegistrationNode",
    "PracticeScope",
    "PractitionerCategoryEnum",
    "institution_node",
    "practice_scopes",
]
