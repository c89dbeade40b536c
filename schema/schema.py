"""Builds the Schema: merged area types, the Node query, and the hardening extensions.

Validation rules (depth, aliases) are built once and passed through AddValidationRules,
so the validation cache keeps hitting (per-request limiter extensions defeat it).
"""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from domain.errors import DomainError
from schema import ids
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
    InstitutionMutation,
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
from schema.policy import _RULES_NO_INTROSPECTION, policy_extensions
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
    """Load any object by global id, with the same permission checks as its list.

    As strawberry.relay does: the id names a GraphQL type, the schema gives its class,
    and the class's `resolve_nodes` loads it. Types that are not nodes, or nodes that do
    not override `resolve_nodes`, answer null.
    """
    type_name, pk = ids.decode_any(global_id)
    definition = info.schema.get_type_by_name(type_name)
    origin = getattr(definition, "origin", None)
    if not (isinstance(origin, type) and issubclass(origin, Node)):
        return None
    [found] = await origin.resolve_nodes(info=info, node_ids=[str(pk)])
    return found  # type: ignore[no-any-return]


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
        # Routing first: a query's reads go to a replica before the policy's execute
        # step answers a trusted decision plan.
        extensions=policy_extensions(),
        execution_context_class=BudgetedExecutor,  # the per-request time budget
    )
    describe(built._schema)  # the descriptions not written beside the code
    # The allow-list RequestPolicy matches requests against; an invalid file fails start.
    built.trusted = TrustedDocuments(built._schema, _RULES_NO_INTROSPECTION).load()  # type: ignore[attr-defined]
    return built


__all__ = ["DomainError", "build_schema"]
