"""Hostile request bodies refused before GraphQL sees them (issue 13, item 11).

JSON that Python's parser rejects late (integers over 4,300 digits raise ValueError,
not JSONDecodeError), strings holding NUL (PostgreSQL text cannot store it) or lone
surrogates (not encodable as UTF-8, so the database driver would fail on them): each
is a typed 400, never a 500 or a crashed handler.
"""

from __future__ import annotations

import json
import re
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType
from starlette.responses import JSONResponse, Response

from domain.i18n import translate
from schema.policy import MAX_TOKENS, _parse

# A JSON escape that can produce NUL or a surrogate; raw NUL and raw surrogates cannot
# appear in valid UTF-8 JSON text, so bodies without one of these need no walk.
_SUSPECT = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_SUSPECT_TEXT = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")
MAX_WALK_DEPTH = 200


class HostileInput(ValueError):
    """A body that parses but must not reach the resolvers; the message says why."""

    def __init__(
        self, message: str, code: str = "BAD_REQUEST", field: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.field = field


def _bad_string(value: str) -> str | None:
    if "\x00" in value:
        return translate("Text in the request must not contain the NUL character (\\u0000)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return translate("Text in the request holds a lone surrogate: it is not valid Unicode")
    return None


def _walk(value: Any, path: list[str], depth: int = 0) -> tuple[str, list[str]] | None:
    """The first bad string in the parsed body and where it is (a JSON path)."""
    if depth > MAX_WALK_DEPTH:
        return translate("The request's JSON is nested too deeply"), path
    if isinstance(value, str):
        found = _bad_string(value)
        return (found, path) if found else None
    if isinstance(value, dict):
        for key, item in value.items():
            bad_key = _bad_string(key)
            if bad_key:
                return bad_key, path
            hit = _walk(item, [*path, key], depth + 1)
            if hit:
                return hit
    elif isinstance(value, list):
        for index, item in enumerate(value):
            hit = _walk(item, [*path, str(index)], depth + 1)
            if hit:
                return hit
    return None


def check_text(raw: str | bytes, parsed: Any) -> None:
    """Raise HostileInput when the parsed JSON holds NUL or a lone surrogate."""
    suspect = _SUSPECT.search(raw) if isinstance(raw, bytes) else _SUSPECT_TEXT.search(raw)
    if suspect is None:
        return
    hit = _walk(parsed, [])
    if hit:
        raise HostileInput(hit[0], field=hit[1])


def decode(body: bytes) -> Any:
    """The body (or a GET parameter) as one JSON object, or HostileInput with a message
    for the client."""
    try:
        parsed = json.loads(body)
    except UnicodeDecodeError:
        raise HostileInput(translate("The request body is not valid UTF-8 JSON")) from None
    except RecursionError:
        raise HostileInput(translate("The request's JSON is nested too deeply")) from None
    except ValueError as error:
        if "digits" in str(error):  # int() conversion limit (4,300 digits)
            raise HostileInput(
                translate("A number in the JSON has too many digits (at most 4300)")
            ) from None
        raise HostileInput(translate("The request body is not valid JSON")) from None
    if not isinstance(parsed, dict):  # batched arrays are refused, scalars make no sense
        raise HostileInput(
            translate("The request body must be one JSON object (batched arrays are not supported)")
        )
    check_text(body, parsed)
    return parsed


def check_query_params(params: Any) -> None:
    """GET /graphql: the same checks for query, variables and the other parameters."""
    for key, value in params.multi_items():
        found = _bad_string(key) or _bad_string(value)
        if found:
            raise HostileInput(found)
    variables = params.get("variables")
    if variables:
        try:
            parsed = json.loads(variables)
        except (ValueError, RecursionError):
            raise HostileInput(translate("variables is not valid JSON")) from None
        check_text(variables, parsed)
    check_not_subscription(params.get("query"), params.get("operationName"))


def check_not_subscription(query: Any, operation_name: Any) -> None:
    """Subscriptions run over WebSocket (graphql-transport-ws) only."""
    if not isinstance(query, str) or "subscription" not in query:
        return
    try:
        document = _parse(query, max_tokens=MAX_TOKENS)
    except (GraphQLError, RecursionError):
        return  # the ordinary path answers with the syntax error
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) == 1 and operations[0].operation is OperationType.SUBSCRIPTION:
        raise HostileInput(
            translate(
                "Subscriptions work over WebSocket only (the graphql-transport-ws protocol), "
                "not over HTTP"
            ),
            code="SUBSCRIPTION_REQUIRES_WEBSOCKET",
        )


def refusal(error: HostileInput, status: int = 400) -> Response:
    extensions: dict[str, Any] = {"code": error.code}
    if error.field:
        extensions["field"] = error.field  # e.g. ["variables", "input", "code"]
    return JSONResponse(
        {"errors": [{"message": str(error), "extensions": extensions}]}, status_code=status
    )
