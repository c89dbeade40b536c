"""UserError payload entries, and the policy for top-level errors.

Expected failures of a mutation are data (`userErrors`). Missing authentication and
malformed requests are top-level errors with `extensions.code`. Anything unexpected is
masked: the client sees only a request id, the log has the traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError

from domain.errors import (
    ColumnValueError,
    DomainError,
    DomainErrors,
    ErrorCode,
    column_value_error,
)
from domain.i18n import current_locale, localize, msg, translate
from domain.writes import audit_refusal
from schema import unavailable
from schema.context import CURRENT_ACTOR
from schema.enums import UserErrorCode

log = logging.getLogger("credreg.errors")


T = TypeVar("T")
P = TypeVar("P")


@strawberry.type(
    description="An expected failure of a mutation, returned as data (docs/api.md section 3)."
)
class UserError:
    field: list[str] | None = strawberry.field(
        description="Path of the offending input field relative to `input`, e.g. "
        '["expectedVersion"] or ["departmentCodes", "0"]; null when not about'
        " one field."
    )
    message: str = strawberry.field(
        description="What went wrong, for people, in the request's language (zh-CN or en)."
    )
    code: UserErrorCode = strawberry.field(
        description="What went wrong, for programs; never changes with the language."
    )


def user_errors(error: DomainError) -> list[UserError]:
    """The error(s) as payload entries, each message in the reader's language."""
    errors = error.errors if isinstance(error, DomainErrors) else [error]
    locale = current_locale()
    return [
        UserError(field=e.field, message=localize(e.message, locale), code=e.code) for e in errors
    ]


def top_level(error: DomainError) -> GraphQLError:
    extensions: dict[str, Any] = {"code": error.code.value}
    if error.field:
        extensions["field"] = error.field
    return GraphQLError(localize(error.message), extensions=extensions)


async def attempt(
    operation: Coroutine[Any, Any, T], allow_anonymous: bool = False
) -> tuple[T | None, list[UserError]]:
    """Run a domain call for a mutation: its result, or its DomainError as userErrors.

    Missing authentication stays a top-level error (SPEC section 5), and is checked
    before the operation reads any of its input.
    """
    actor = CURRENT_ACTOR.get()
    if not allow_anonymous and actor is not None and not actor.authenticated:
        operation.close()
        raise top_level(DomainError(ErrorCode.UNAUTHENTICATED, msg("Authentication required")))
    try:
        return await operation, []
    except DomainError as error:
        if error.code is ErrorCode.UNAUTHENTICATED:
            raise top_level(error) from error
        return None, user_errors(error)
    except ColumnValueError as error:
        return None, user_errors(column_value_error(error))


SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


async def attempt_call(
    run: Callable[[], Awaitable[T]], allow_anonymous: bool = False
) -> tuple[T | None, list[UserError]]:
    """`attempt` for a call that decodes its input when run, so bad ids become
    userErrors (and authentication is still checked first)."""

    async def guarded() -> T:
        return await run()

    return await attempt(guarded(), allow_anonymous)


async def mutation_payload(
    payload: Callable[..., P],
    field: str,
    run: Callable[[], Awaitable[T]],
    convert: Callable[[T], Any] | None = None,
    *,
    allow_anonymous: bool = False,
) -> P:
    """The one mapper from a domain call to a mutation payload.

    `payload(**{field: convert(result), "user_errors": []})` when the call succeeds,
    `payload(**{field: None, "user_errors": [...]})` when it raises a DomainError (the
    messages rendered in the request's language by `user_errors`). Ids decoded inside
    `run` fail as userErrors too; authentication is checked before `run` starts.
    """

    result, errors = await attempt_call(run, allow_anonymous)
    value = None if result is None else (convert(result) if convert else result)
    return payload(**{field: value, "user_errors": errors})


async def apply_error_policy(execution_context: Any, result: Any) -> None:
    """Top-level errors: DomainErrors get their code (refusals are audited), anything
    unexpected is masked behind a request id, schema hints are stripped."""
    if result is None or not getattr(result, "errors", None):
        return
    context = execution_context.context
    request_id = getattr(context, "request_id", None)
    for error in result.errors:
        original = error.original_error
        if isinstance(original, DomainError) and original.code is ErrorCode.FORBIDDEN:
            await audit_refusal(
                context.actor, execution_context.operation_name or "query", original
            )
    result.errors = [_process(error, request_id) for error in result.errors]
    if any((e.extensions or {}).get("code") == unavailable.CODE for e in result.errors):
        # The database is unavailable: 503 + Retry-After, the client may try again.
        response = getattr(context, "response", None)
        if response is not None and hasattr(response, "status_code"):
            response.status_code = 503
            response.headers["retry-after"] = str(unavailable.RETRY_AFTER_SECONDS)


def _process(error: GraphQLError, request_id: str | None) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        if SUGGESTION.search(error.message):  # no schema hints for probing clients
            return GraphQLError(
                SUGGESTION.sub("", error.message),
                nodes=error.nodes,
                path=error.path,
                extensions=error.extensions,
            )
        return error
    if isinstance(original, ColumnValueError):
        original = column_value_error(original)
    if isinstance(original, DomainError):
        extensions: dict[str, Any] = {"code": original.code.value}
        if original.field:
            extensions["field"] = original.field
        return GraphQLError(
            localize(original.message), nodes=error.nodes, path=error.path, extensions=extensions
        )
    if unavailable.is_unavailable(original):
        log.warning("database unavailable (request %s): %s", request_id, original)
        return GraphQLError(
            translate(unavailable.MESSAGE),
            nodes=error.nodes,
            path=error.path,
            extensions={
                "code": unavailable.CODE,
                "retryable": True,
                "retryAfterSeconds": unavailable.RETRY_AFTER_SECONDS,
            },
        )
    log.error("unexpected error (request %s)", request_id, exc_info=original)
    return GraphQLError(
        localize(
            msg(
                "Unexpected error; quote request id {request_id} when reporting it.",
                request_id=request_id,
            )
        ),
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "INTERNAL_ERROR", "requestId": request_id},
    )
