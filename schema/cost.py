"""Query cost, the per-client rate limit by cost (SPEC section 7), and the time budget.

A query's cost is its number of fields, each field's subtree multiplied by how many
items the field can return: the page size of a connection (`first`, default 50), the
number of checks of a batch (`privilegeChecks`), or a declared estimate for every other
list (LIST_ESTIMATES, DEFAULT_LIST_ESTIMATE for lists not named there). Multipliers
compound through nesting: 500 checks × basis × practitioner × privileges is counted as
such (issue 13, item 3). A query over the maximum is refused with QUERY_TOO_COMPLEX
before anything runs. One bucket per client (user, API key, or address for anonymous
callers) refills at a steady rate; a query that does not fit is refused with THROTTLED
and a retry time, before anything runs.

What the estimates miss, the time budget stops: a query still running after
CREDREG_QUERY_TIME_BUDGET_MS is aborted with QUERY_TIMEOUT (BudgetedExecutor).
"""

from __future__ import annotations

import asyncio
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
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.execution import AbortedGraphQLExecutionError
from graphql.pyutils import AbortController, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from domain.i18n import localize, msg
from domain.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

MAX_BATCH = 500  # privilegeChecks' own limit; a batch whose length is unknown counts as this

BATCH_FIELDS = {"privilegeChecks": "inputs"}
# How many items an unpaginated list field is counted as returning ("Type.field").
# Generous on purpose: the estimate is a bound the cost limit can rely on.
LIST_ESTIMATES = {
    "Practitioner.privileges": 30,
    "User.privileges": 30,
    "PrivilegeDecision.basis": 5,
    "PrivilegeDecision.reasons": 5,
    "Query.catalogueVersions": 20,
    "Query.techniqueFilingsDue": 100,
    "Query.overdueEvaluations": 100,
    "Query.webhooks": 20,
    "CatalogueDiff.added": 100,
    "CatalogueDiff.removed": 100,
    "CatalogueDiff.regraded": 100,
    "CatalogueDiff.changed": 100,
    "ImportReportType.rowErrors": 100,
}
DEFAULT_LIST_ESTIMATE = 10


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
            multiplier = _multiplier(parent, selection, field, inner, variables)
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


def _is_list(output_type: Any) -> bool:
    while isinstance(output_type, GraphQLNonNull):
        output_type = output_type.of_type
    return isinstance(output_type, GraphQLList)


def _multiplier(
    parent: Any, selection: FieldNode, field: Any, inner: Any, variables: dict[str, Any]
) -> int:
    """How many times the field's subtree is counted: the items it can return."""
    name = selection.name.value
    if name in BATCH_FIELDS:
        items = _argument(selection, BATCH_FIELDS[name], variables)
        return max(len(items), 1) if isinstance(items, list) else MAX_BATCH
    if inner.name.endswith("Connection"):
        first = _argument(selection, "first", variables)
        return min(
            first if isinstance(first, int) and first > 0 else DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
        )
    if parent.name.endswith("Connection"):  # edges and nodes: counted by `first` above
        return 1
    if _is_list(field.type):
        return LIST_ESTIMATES.get(f"{parent.name}.{name}", DEFAULT_LIST_ESTIMATE)
    return 1


def _argument(selection: FieldNode, name: str, variables: dict[str, Any]) -> Any:
    for argument in selection.arguments or ():
        if argument.name.value == name:
            return value_from_ast_untyped(argument.value, variables)
    return None


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


def check_cost(context: Any, cost: int | None = None) -> None:
    """Refuse, before execution, a query over the cost limit or the client's budget.
    `cost` when the caller knows it already (a trusted plan: schema/documents.py)."""
    document = context.graphql_document
    if document is None or context.result is not None:
        return
    if cost is None:
        cost = query_cost(
            context.schema._schema, document, context.operation_name, context.variables
        )
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


# --- the time budget ----------------------------------------------------------------

TIME_BUDGET_SECONDS = 10.0
# Root fields whose work is long by nature and bounded otherwise: re-hashing up to a
# million audit events (AUDITOR/ADMIN only, SPEC 9 allows 20 s) must be able to finish.
# An operation is exempt only when every one of its root fields is.
BUDGET_EXEMPT_ROOT_FIELDS = frozenset({"verifyAuditChain"})


def configure_time_budget(seconds: float) -> None:
    global TIME_BUDGET_SECONDS
    TIME_BUDGET_SECONDS = seconds


def timeout_result(budget: float) -> ExecutionResult:
    return ExecutionResult(
        data=None,
        errors=[
            GraphQLError(
                msg(
                    "The query ran past its time budget of {budget:g} seconds and was stopped; "
                    "ask for less (smaller pages, fewer fields) and try again",
                    budget=budget,
                ),
                extensions={"code": "QUERY_TIMEOUT", "budgetSeconds": budget},
            )
        ],
    )


def _exempt(selection_set: SelectionSetNode) -> bool:
    selections = selection_set.selections
    return bool(selections) and all(
        isinstance(node, FieldNode) and node.name.value in BUDGET_EXEMPT_ROOT_FIELDS
        for node in selections
    )


class BudgetedExecutor(StrawberryGraphQLCoreExecutionContext):
    """Queries run under the time budget: when it is spent, graphql-core's abort signal
    cancels the resolvers still awaiting, fields not started yet are skipped, and the
    answer is one QUERY_TIMEOUT error. Mutations are not cut short (a write is bounded
    by its own transaction and must not be abandoned half-way by a timer), nor are
    subscriptions (their events are small and they run for as long as the socket)."""

    _deadline: float | None = None
    _controller: AbortController | None = None

    def _abort(self) -> None:
        if self._controller is not None and not self._controller.signal.aborted:
            self._controller.abort(GraphQLError("time budget spent"))

    def execute_operation(self, *args: Any, **kwargs: Any) -> Any:
        budget = TIME_BUDGET_SECONDS
        if (
            budget <= 0
            or self.operation.operation is not OperationType.QUERY
            or self.abort_signal is not None
            or _exempt(self.operation.selection_set)
        ):
            return super().execute_operation(*args, **kwargs)
        self._controller = AbortController()
        self.abort_signal = self._controller.signal
        self._deadline = time.monotonic() + budget
        try:
            handle: asyncio.TimerHandle | None = asyncio.get_running_loop().call_later(
                budget, self._abort
            )
        except RuntimeError:  # no loop: synchronous execution, the field checks suffice
            handle = None
        try:
            result = super().execute_operation(*args, **kwargs)
        except AbortedGraphQLExecutionError:
            if handle is not None:
                handle.cancel()
            return timeout_result(budget)
        if not self.is_awaitable(result):
            if handle is not None:
                handle.cancel()
            return result

        async def bounded() -> Any:
            try:
                return await result
            except AbortedGraphQLExecutionError:
                return timeout_result(budget)
            finally:
                if handle is not None:
                    handle.cancel()

        return bounded()

    def execute_field(self, *args: Any, **kwargs: Any) -> Any:
        deadline = self._deadline
        if deadline is not None:
            if self._controller is not None and self._controller.signal.aborted:
                return Undefined  # the answer is QUERY_TIMEOUT: start nothing more
            if time.monotonic() > deadline:
                self._abort()
                return Undefined
        return super().execute_field(*args, **kwargs)
