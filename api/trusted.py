"""Trusted documents: a persisted-query allow-list for machine clients (SPEC 9).

The documents in schema/trusted/*.graphql are parsed and validated once, at start.
A request that names one — by `extensions.persistedQuery.sha256Hash` (Apollo's
protocol) or by sending exactly its text — keeps the same authentication, cost limit and
error policy but skips the per-request parse, validate and extension machinery. The
decision documents are answered from a precompiled plan (schema/precompiled.py);
whatever a plan declines, graphql-core executes against the same schema and resolvers.
Anything else takes the ordinary path.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from dataclasses import dataclass
from importlib import resources
from types import SimpleNamespace
from typing import Any

from graphql import DocumentNode, OperationDefinitionNode, OperationType, execute, parse
from starlette.requests import Request
from starlette.responses import Response
from strawberry.execution import optimized_is_awaitable
from strawberry.schema.schema import validate_document

from schema import precompiled, routing, unavailable
from schema.cost import BudgetedExecutor, check_cost
from schema.errors import apply_error_policy
from schema.policy import _RULES_NO_INTROSPECTION


@dataclass(frozen=True)
class Trusted:
    name: str
    text: str
    document: DocumentNode
    plan: precompiled.Plan | None


@dataclass(frozen=True)
class TrustedDocuments:
    by_hash: dict[str, Trusted]  # sha256 of the text (Apollo's persisted queries)
    by_text: dict[str, Trusted]  # the text itself, as clients send it


def load_trusted(schema: Any) -> TrustedDocuments:
    """Every file in schema/trusted, by hash and by text; invalid ones fail start."""
    found = TrustedDocuments({}, {})
    for entry in sorted(
        resources.files("schema").joinpath("trusted").iterdir(), key=lambda e: e.name
    ):
        if not entry.name.endswith(".graphql"):
            continue
        text = entry.read_text("utf-8").strip()
        document = parse(text)
        errors = validate_document(schema._schema, document, _RULES_NO_INTROSPECTION)
        if errors:
            raise RuntimeError(f"trusted document {entry.name} is invalid: {errors[0].message}")
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
            raise RuntimeError(f"trusted document {entry.name} must hold one query")
        trusted = Trusted(entry.name, text, document, precompiled.compile_plan(document))
        for variant in {text, text + "\n"}:
            found.by_hash[hashlib.sha256(variant.encode()).hexdigest()] = trusted
            found.by_text[variant] = trusted
    return found


def match(trusted: TrustedDocuments, body: Any) -> Trusted | None:
    if not isinstance(body, dict):
        return None
    extensions = body.get("extensions")
    if isinstance(extensions, dict):
        persisted = extensions.get("persistedQuery")
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if isinstance(digest, str):
            return trusted.by_hash.get(digest.lower())
    query = body.get("query")
    if isinstance(query, str) and len(query) < 4096:
        exact = trusted.by_text.get(query)  # schedulers send the file's text as it is
        if exact is not None:
            return exact
        # surrogatepass: a lone surrogate in a query is the ordinary path's to refuse
        digest = hashlib.sha256(query.strip().encode("utf-8", "surrogatepass")).hexdigest()
        return trusted.by_hash.get(digest)
    return None


async def execute_trusted(
    view: Any, request: Request, found: Trusted, body: dict[str, Any]
) -> Response:
    variables = body.get("variables")
    if variables is not None and not isinstance(variables, dict):
        return Response(
            '{"errors":[{"message":"variables must be an object"}]}',
            400,
            media_type="application/json",
        )
    context = await view.get_context(request, None)
    token = await routing.route_request(context)  # a query: a read replica may answer
    try:
        return await _execute(view, found, body, variables, context)
    finally:
        routing.release(token)


async def _execute(
    view: Any, found: Trusted, body: dict[str, Any], variables: Any, context: Any
) -> Response:
    schema = view.schema
    state = SimpleNamespace(
        context=context,
        operation_name=body.get("operationName"),
        graphql_document=found.document,
        variables=variables,
        schema=schema,
        result=None,
    )
    check_cost(state)
    result = state.result
    if result is None and found.plan is not None:
        data = await precompiled.answer(
            found.plan, context.actor, context.registry_state, variables, state.operation_name
        )
        if data is not None:
            return _json_response({"data": data}, context.request_id)
    if result is None:
        outcome = execute(
            schema._schema,
            found.document,
            context_value=context,
            variable_values=variables,
            operation_name=state.operation_name,
            is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
            executor_class=BudgetedExecutor,  # the same time budget as the ordinary path
        )
        result = await outcome if inspect.isawaitable(outcome) else outcome
    await apply_error_policy(state, result)
    payload: dict[str, Any] = {"data": result.data}
    if result.errors:
        payload["errors"] = [error.formatted for error in result.errors]
    response = _json_response(payload, context.request_id)
    if any((e.extensions or {}).get("code") == unavailable.CODE for e in result.errors or ()):
        response.status_code = 503  # as on the ordinary path: retryable, with Retry-After
        response.headers["retry-after"] = str(unavailable.RETRY_AFTER_SECONDS)
    return response


def _json_response(payload: dict[str, Any], request_id: str) -> Response:
    return Response(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        media_type="application/json",
        headers={"x-request-id": request_id},
    )
