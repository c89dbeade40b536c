"""One extension for every per-request GraphQL policy, so a request pays for one
extension instead of seven (the hooks dominate the cost of a small query):

- parsing through an LRU cache, with the 2,000-token limit;
- validation through an LRU cache, with rules built once (depth 10, aliases 15, and
  no introspection unless allowed) — per-request limiter extensions would defeat it;
- the query-cost limit and the per-client rate limit (schema/cost.py);
- error policy: domain errors get their code, the unexpected are masked (schema/errors.py);
- trusted documents (schema/documents.py): recognised while parsing, not validated again,
  and the decision documents answered from their precompiled plan in the execute step,
  before graphql-core would run (schema/precompiled.py). One pipeline serves both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Any, ClassVar

from graphql import GraphQLError, parse
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as max_aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as max_depth_rule
from strawberry.schema.schema import validate_document
from strawberry.types.graphql import OperationType

from schema import precompiled, routing
from schema.cost import check_cost
from schema.documents import TrustedDocument, TrustedDocuments
from schema.errors import apply_error_policy

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
CACHE_SIZE = 1024

_RULES = (max_depth_rule(MAX_DEPTH, should_ignore=None), max_aliases_rule(MAX_ALIASES))
_RULES_NO_INTROSPECTION = (*_RULES, NoSchemaIntrospectionCustomRule)
_parse = lru_cache(maxsize=CACHE_SIZE)(parse)
_validate = lru_cache(maxsize=CACHE_SIZE)(validate_document)


class RequestPolicy(SchemaExtension):
    """The policy in one hook, `on_operation` (each hook strawberry runs costs a context
    manager per request): parse, validate, cost and any trusted answer before strawberry's
    own steps, which then find the work done; the error policy after."""

    trusted: TrustedDocument | None = None
    execute_in_operation: ClassVar[bool] = True

    async def on_operation(self) -> AsyncIterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = MAX_TOKENS
        allowed = getattr(context.context, "introspection_allowed", False)
        context.validation_rules = context.validation_rules + (
            _RULES if allowed else _RULES_NO_INTROSPECTION
        )
        self.prepare_document()
        if self.execute_in_operation and self.operation_type() is not None:
            await self.execute_step()
        yield
        await apply_error_policy(context, context.result)

    def prepare_document(self) -> None:
        """Parsing and validation, through their caches, before strawberry's own steps:
        strawberry skips parsing when the document is set and validation when its errors
        are, so one hook does the work of three (each hook costs a context manager per
        request). A document that fails to parse is left to strawberry, which parses it
        again with the same options and reports the error as it always does."""
        context = self.execution_context
        documents: TrustedDocuments | None = getattr(context.schema, "trusted", None)
        query = context.query
        self.trusted = documents.find(query) if documents is not None and query else None
        if self.trusted is not None:
            context.graphql_document = self.trusted.document
            context.pre_execution_errors = []  # validated once, at start
            return
        if not query:
            return  # strawberry reports the missing query
        try:
            context.graphql_document = _parse(query, **context.parse_options)
        except GraphQLError:
            return
        context.pre_execution_errors = _validate(
            context.schema._schema, context.graphql_document, context.validation_rules
        )

    async def execute_step(self) -> None:
        """Before graphql-core would run: the cost limit, then a trusted decision plan
        answers (declining, before the domain call, whatever it is unsure of)."""
        context = self.execution_context
        trusted = self.trusted
        plan = trusted.plan if trusted is not None else None
        prepared = None
        if trusted is not None and plan is not None and context.result is None:
            prepared = precompiled.prepare(plan, context.variables, context.operation_name)
        if trusted is not None and prepared is not None:
            check_cost(context, trusted.cost(len(prepared.checks)))
            if context.result is None:  # within the limits: the plan answers
                actor = context.context.actor
                state = getattr(context.context, "registry_state", None)
                context.result = await precompiled.answer(prepared, actor, state)
        else:  # graphql-core executes the document
            check_cost(context)
            if context.result is not None and self.operation_type() is OperationType.SUBSCRIPTION:
                # Strawberry starts a subscription whatever `result` says; a refusal
                # before execution is what stops it.
                context.pre_execution_errors = list(context.result.errors or ())
                context.result = None

    def operation_type(self) -> OperationType | None:
        """The operation that will run, when it can run at all (a valid document whose
        operation is known and allowed on this transport); else None."""
        context = self.execution_context
        if context.graphql_document is None or context.pre_execution_errors:
            return None
        try:
            operation = context.operation_type
        except RuntimeError:  # no such operation: strawberry reports it
            return None
        return operation if operation in context.allowed_operations else None

    async def on_stream_result(self, result: Any) -> AsyncIterator[None]:
        """Subscriptions and streamed results get the same error policy, item by item."""
        await apply_error_policy(self.execution_context, result)
        yield


class RoutedRequestPolicy(RequestPolicy):
    """With read replicas: the execute step waits for `on_execute`, after ReadRouting has
    sent the request's reads to a caught-up replica (schema/routing.py)."""

    execute_in_operation: ClassVar[bool] = False

    async def on_execute(self) -> AsyncIterator[None]:
        await self.execute_step()
        yield


def policy_extensions() -> list[type[SchemaExtension]]:
    """Routing first (when replicas are configured), then the policy."""
    routed = routing.extensions()
    return [*routed, RoutedRequestPolicy if routed else RequestPolicy]
