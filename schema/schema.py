"""Builds the Schema: merged area types, the Node query, and the hardening extensions.

Validation rules (depth, aliases) are built once and passed through AddValidationRules,
so the validation cache keeps hitting (per-request limiter extensions defeat it).
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from domain import organisation, privileges
from domain.errors import DomainError
from models import Department, Site, Specialty
from schema import ids, routing
from schema.access import AccessMutation, AccessQuery, ApiKeyType, UserType
from schema.audit import AuditQuery
from schema.bookings import BookingMutation, BookingQuery, BookingSubscription
from schema.cases import CaseMutation, CaseQuery
from schema.catalogue import (
    CatalogueImportMutation,
    CatalogueMutation,
    CatalogueQuery,
    CatalogueVersionQuery,
    ProcedureType,
    TechniqueType,
)
from schema.context import Info
from schema.cost import BudgetedExecutor
from schema.decisions import DecisionQuery
from schema.descriptions import describe
from schema.documents import TrustedDocuments
from schema.enums import EnumLabelQuery
from schema.institutions import (
    GroupNode,
    InstitutionMutation,
    InstitutionNode,
    InstitutionQuery,
)
from schema.organisation import (
    DepartmentType,
    OrganisationMutation,
    OrganisationQuery,
    PractitionerType,
    SiteType,
    SpecialtyType,
)
from schema.policy import _RULES_NO_INTROSPECTION, RequestPolicy
from schema.privileges import PrivilegeMutation, PrivilegeQuery, PrivilegeType
from schema.quality import AdjustmentMutation, AdjustmentQuery, QualityQuery
from schema.receipts import ReceiptQuery
from schema.relay import Node
from schema.reviews import ReviewMutation, ReviewQuery
from schema.subscriptions import Subscription
from schema.techniques import (
    TechniqueLeadMutation,
    TechniqueLeadQuery,
    TechniqueMutation,
    TechniqueQuery,
)
from schema.webhooks import WebhookMutation, WebhookQuery


async def resolve_node(info: Info, global_id: str) -> Node | None:
    """Load any object by global id, with the same permission checks as its list."""
    actor = info.context.actor
    type_name, pk = ids.decode_any(global_id)
    if type_name == "Privilege":
        privilege = await privileges.get_privilege(actor, pk)
        return PrivilegeType.from_model(privilege) if privilege else None
    if type_name == "AdjustmentProposal":
        from domain.quality import adjustments
        from schema.quality import AdjustmentProposalNode

        proposal = await adjustments.get_proposal(actor, pk)
        return AdjustmentProposalNode.from_model(proposal) if proposal else None
    if type_name == "Practitioner":
        found = await organisation.get_practitioner(actor, practitioner_id=pk)
        return PractitionerType.from_model(found) if found else None
    if type_name in {"Institution", "HospitalGroup"}:
        from domain import permissions
        from domain.permissions import Permission
        from models import HospitalGroup, Institution

        permissions.require(actor, Permission.READ_REFERENCE)
        if type_name == "Institution":
            institution = await Institution.get_or_none(id=pk)
            return InstitutionNode.from_model(institution) if institution else None
        group = await HospitalGroup.get_or_none(id=pk)
        return GroupNode.from_model(group) if group else None
    if type_name in {"Site", "Department", "Specialty", "Procedure", "Technique"}:
        from domain import permissions
        from domain.permissions import Permission
        from models import Procedure, Technique

        permissions.require(actor, Permission.READ_REFERENCE)
        model: Any = {
            "Site": Site,
            "Department": Department,
            "Specialty": Specialty,
            "Procedure": Procedure,
            "Technique": Technique,
        }[type_name]
        row = await model.get_or_none(id=pk)
        if row is None:
            return None
        convert: Any = {
            "Site": SiteType,
            "Department": DepartmentType,
            "Specialty": SpecialtyType,
            "Procedure": ProcedureType,
            "Technique": TechniqueType,
        }[type_name]
        return convert.from_model(row)  # type: ignore[no-any-return]
    return None


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id; null if absent or not visible.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info, str(id))


Query = merge_types(
    "Query",
    (
        NodeQuery,
        AccessQuery,
        OrganisationQuery,
        CatalogueQuery,
        CatalogueVersionQuery,
        TechniqueQuery,
        PrivilegeQuery,
        DecisionQuery,
        ReviewQuery,
        CaseQuery,
        WebhookQuery,
        AuditQuery,
        EnumLabelQuery,
        BookingQuery,
        ReceiptQuery,
        QualityQuery,
        AdjustmentQuery,
        TechniqueLeadQuery,
        InstitutionQuery,
    ),
)
Mutation = merge_types(
    "Mutation",
    (
        AccessMutation,
        OrganisationMutation,
        CatalogueMutation,
        CatalogueImportMutation,
        TechniqueMutation,
        PrivilegeMutation,
        ReviewMutation,
        CaseMutation,
        WebhookMutation,
        BookingMutation,
        TechniqueLeadMutation,
        AdjustmentMutation,
        InstitutionMutation,
    ),
)
AllSubscriptions = merge_types("Subscription", (Subscription, BookingSubscription))


class CredregSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Expected errors (bad queries, domain refusals) are the client's business, not
        # crashes; unexpected ones are logged by ErrorPolicy with their request id.
        return None


def build_schema() -> strawberry.Schema:
    built = CredregSchema(
        query=Query,
        mutation=Mutation,
        subscription=AllSubscriptions,
        types=[
            UserType,
            ApiKeyType,
            SiteType,
            SpecialtyType,
            DepartmentType,
            PractitionerType,
            ProcedureType,
            TechniqueType,
            PrivilegeType,
        ],
        config=StrawberryConfig(disable_field_suggestions=True),
        # Routing first: a query's reads go to a replica before RequestPolicy's
        # execute step answers a trusted decision plan.
        extensions=[*routing.extensions(), RequestPolicy],
        execution_context_class=BudgetedExecutor,  # the per-request time budget
    )
    describe(built._schema)  # the descriptions not written beside the code
    # The allow-list RequestPolicy matches requests against; an invalid file fails start.
    built.trusted = TrustedDocuments(built._schema, _RULES_NO_INTROSPECTION).load()  # type: ignore[attr-defined]
    return built


__all__ = ["DomainError", "build_schema"]
