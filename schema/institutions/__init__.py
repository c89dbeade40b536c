"""The institutions area, re-exported for schema.schema and lazy references."""

from __future__ import annotations

from schema.institutions.types import (
    GroupNode,
    InstitutionMutation,
    InstitutionNode,
    InstitutionQuery,
    PracticeRegistrationNode,
    PracticeScope,
    PractitionerCategoryEnum,
    institution_node,
    practice_scopes,
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
