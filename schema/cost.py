"""Query cost and the per-client rate limit by cost (SPEC section 7).

A query's cost is its number of fields, each field's subtree multiplied by the page
size of a connection (`first`, default 50) or by the number of checks of
`privilegeChecks`. One bucket per client (user, API key, or address for anonymous
callers) refills at a steady rate; a query that does not fit is refused with THROTTLED
and a retry time, before anything runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)

from domain.i18n import localize, msg
from domain.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

BATCH_FIELDS = {"privilegeChecks": "inputs"}


def _cost(
    schema: GraphQLSchema,
    parent: Any,
    selection_set: SelectionSetNode,
    fragments: dict[str, FragmentDefinitionNode],
    variables: dict[str, Any],
    seen: frozenset[str],
) -> int:
    total = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            total += 1
            if selection.selection_set is None or not isinstance(
                parent, (GraphQLObjectType, GraphQLInterfaceType)
            ):
                continue
            field = parent.fields.get(selection.name.value)
            if field is None:
                continue
            inner = get_named_type(field.type)
            args = {
                a.name.value: value_from_ast_untyped(a.value, variables)
                for a in selection.arguments or ()
            }
            multiplier = 1
            if inner.name.endswith("Connection"):
                first = args.get("first")
                multiplier = min(
                    first if isinstance(first, int) and first > 0 else DEFAULT_PAGE_SIZE,
                    MAX_PAGE_SIZE,
                )
            elif selection.name.value in BATCH_FIELDS:
                items = args.get(BATCH_FIELDS[selection.name.value])
                multiplier = max(len(items), 1) if isinstance(items, list) else 1
            total += multiplier * _cost(
                schema, inner, selection.selection_set, fragments, variables, seen
            )
        elif isinstance(selection, InlineFragmentNode):
            target = (
                schema.get_type(selection.type_condition.name.value)
                if selection.type_condition
                else parent
            )
            total += _cost(schema, target, selection.selection_set, fragments, variables, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            fragment = fragments.get(name)
            if fragment is None or name in seen:  # cycles are refused by validation anyway
                continue
            target = schema.get_type(fragment.type_condition.name.value)
            total += _cost(
                schema, target, fragment.selection_set, fragments, variables, seen | {name}
            )
    return total


def query_cost(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> int:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if not operations:
        return 0
    operation = operations[0]
    root = schema.get_root_type(operation.operation)
    return _cost(schema, root, operation.selection_set, fragments, variables or {}, frozenset())


@dataclass
class Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    def __init__(self, rate: float, burst: float, max_cost: int) -> None:
        self.rate, self.burst, self.max_cost = rate, burst, max_cost
        self.buckets: dict[str, Bucket] = {}

    def take(self, client: str, cost: int) -> float | None:
        """Spend `cost` points; None when allowed, else seconds until it would fit."""
        now = time.monotonic()
        bucket = self.buckets.get(client)
        if bucket is None:
            if len(self.buckets) > 100_000:  # forget idle clients rather than grow forever
                self.buckets.clear()
            bucket = self.buckets[client] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if cost <= bucket.tokens:
            bucket.tokens -= cost
            return None
        return (cost - bucket.tokens) / self.rate


LIMITER = RateLimiter(rate=50_000, burst=100_000, max_cost=50_000)


def configure(rate: float, burst: float, max_cost: int) -> None:
    global LIMITER
    LIMITER = RateLimiter(rate, burst, max_cost)


def check_cost(context: Any) -> None:
    """Refuse, before execution, a query over the cost limit or the client's budget."""
    document = context.graphql_document
    if document is None or context.result is not None:
        return
    cost = query_cost(context.schema._schema, document, context.operation_name, context.variables)
    error = None
    if cost > LIMITER.max_cost:
        error = GraphQLError(
            localize(
                msg(
                    "Query cost {cost} exceeds the maximum of {maximum}; ask for smaller "
                    "pages or fewer fields",
                    cost=cost,
                    maximum=LIMITER.max_cost,
                )
            ),
            extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost},
        )
    else:
        actor = getattr(context.context, "actor", None)
        client = (
            actor.key if actor is not None and actor.authenticated else _address(context.context)
        )
        wait = LIMITER.take(client, cost)
        if wait is not None:
            error = GraphQLError(
                localize(msg("Too many requests: the query cost budget is spent; retry later")),
                extensions={"code": "THROTTLED", "cost": cost, "retryAfterSeconds": round(wait, 3)},
            )
    if error is not None:
        context.result = ExecutionResult(data=None, errors=[error])


def _address(context: Any) -> str:
    request = getattr(context, "request", None)
    client = getattr(request, "client", None)
    return f"ip:{client.host}" if client else "ip:unknown"
