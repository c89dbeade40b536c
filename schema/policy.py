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

from collections.abc import AsyncIterator, Iterator
from functools import lru_cache
from typing import Any

from graphql import parse
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import SchemaExtension
from strawberry.extensions.max_aliases import create_validator as max_aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as max_depth_rule
from strawberry.schema.schema import validate_document

from schema import precompiled
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
    trusted: TrustedDocument | None = None

    async def on_operation(self) -> AsyncIterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = MAX_TOKENS
        allowed = getattr(context.context, "introspection_allowed", False)
        context.validation_rules = context.validation_rules + (
            _RULES if allowed else _RULES_NO_INTROSPECTION
        )
        yield
        await apply_error_policy(context, context.result)

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        documents: TrustedDocuments | None = getattr(context.schema, "trusted", None)
        self.trusted = documents.find(context.query) if documents is not None else None
        if self.trusted is not None:
            context.graphql_document = self.trusted.document
        else:
            context.graphql_document = _parse(context.query, **context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None
        if self.trusted is not None:
            context.pre_execution_errors = []  # validated once, at start
        else:
            context.pre_execution_errors = _validate(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
        yield

    async def on_execute(self) -> AsyncIterator[None]:
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
        yield

    async def on_stream_result(self, result: Any) -> AsyncIterator[None]:
        """Subscriptions and streamed results get the same error policy, item by item."""
        await apply_error_policy(self.execution_context, result)
        yield
