"""The GraphQL endpoint: authentication per request, context, JSON-only POSTs, persisted
queries and the GraphQL-over-HTTP media types (docs/api.md, section 1)."""

from __future__ import annotations

import dataclasses
import json
import os
from typing import Any

from cross_web import HTTPException
from graphql import ExecutionResult
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData, process_result
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from api import screening
from api.persisted import PersistedQueries, PersistedQueryError
from api.settings import Settings
from api.ws import GuardedTransportWSHandler
from domain import audit, auth
from domain.i18n import translate
from schema import unavailable
from schema.context import CURRENT_ACTOR, Context


def bearer_token(headers: Any) -> str | None:
    value = headers.get("authorization")
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def min_version_of(headers: Any) -> int | None:
    """`X-Credreg-Min-Version: N`: read nothing older than registry version N."""
    raw = headers.get("x-credreg-min-version", "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 18 else None


def request_id_of(headers: Any) -> str:
    supplied = headers.get("x-request-id", "")
    if 8 <= len(supplied) <= 64 and supplied.replace("-", "").isalnum():
        return supplied
    return os.urandom(8).hex()


GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def response_media_type(accept: str | None) -> str:
    """GraphQL over HTTP: application/graphql-response+json when the client asks for it
    at least as much as for application/json; application/json otherwise (no Accept,
    `*/*`, or only application/json, as before)."""
    if not accept:
        return JSON
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        weights[media] = max(weights.get(media, 0.0), q)
    wanted = weights.get(GRAPHQL_RESPONSE, 0.0)
    plain = max(weights.get(JSON, 0.0), weights.get("application/*", 0.0), weights.get("*/*", 0.0))
    return GRAPHQL_RESPONSE if wanted > 0 and wanted >= plain else JSON


class RequestRefused(Exception):
    """A request refused before GraphQL runs: HTTP status, message and code."""

    def __init__(self, message: str, code: str, status: int = 400, field: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.field = field


def error_response(
    message: str, code: str, status: int, media_type: str, field: Any = None
) -> Response:
    extensions: dict[str, Any] = {"code": code}
    if field:
        extensions["field"] = field
    return JSONResponse(
        {"errors": [{"message": message, "extensions": extensions}]},
        status_code=status,
        media_type=media_type,
    )


def request_error_status(errors: list[Any]) -> int:
    """The status of a request error (no execution, so no `data`) under
    application/graphql-response+json: 400, but 429 for a spent budget and 503 when the
    database is unavailable."""
    codes = {(e.extensions or {}).get("code") for e in errors}
    if unavailable.CODE in codes:
        return 503
    if "THROTTLED" in codes:
        return 429
    return 400


# Media types of a JSON POST that need no parameter parsing (lower case, no spaces).
PLAIN_JSON_TYPES = frozenset({"application/json", "application/json;charset=utf-8"})


class CredregGraphQL(GraphQL):  # type: ignore[type-arg]
    """Strawberry's view with the transport rules: JSON-only POSTs (CSRF-safe), hostile
    bodies refused once while parsing, persisted queries (api/persisted.py), and
    GraphQL-over-HTTP media types and status codes. Everything else, trusted documents
    included, runs through the one schema pipeline (schema/policy.py)."""

    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
            allowed_origins=list(settings.ws_origins),
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.persisted = PersistedQueries(settings.persisted_query_cache)
        trusted = getattr(schema, "trusted", None)
        for text in trusted.texts if trusted is not None else ():
            self.persisted.pin(text)  # trusted documents answer their hash for good
        # Sockets re-authenticate per operation and every few seconds (api/ws.py).
        self.graphql_transport_ws_handler_class = type(
            "CredregTransportWSHandler",
            (GuardedTransportWSHandler,),
            {"recheck_seconds": settings.ws_recheck_ms / 1000},
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        media_type = response_media_type(request.headers.get("accept"))
        request.state.media_type = media_type
        request.state.status = None
        try:
            refuse_non_json(request)
            response = await self.run(request)
        except HTTPException as error:
            response = error_response(error.reason, "BAD_REQUEST", error.status_code, media_type)
        except screening.HostileInput as error:
            response = error_response(str(error), error.code, 400, media_type, error.field)
        except (RequestRefused, PersistedQueryError) as error:
            response = error_response(str(error), error.code, error.status, media_type)
        else:
            if response.media_type == JSON and media_type == GRAPHQL_RESPONSE:
                response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
                if request.state.status and response.status_code == 200:
                    response.status_code = request.state.status
        await response(scope, receive, send)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:  # type: ignore[override]
        processed = process_result(result)
        media_type = getattr(request.state, "media_type", JSON)
        if (
            media_type == GRAPHQL_RESPONSE
            and result.data is None
            and result.errors
            and all(error.path is None for error in result.errors)
        ):
            # A request error (parse, validation, variable coercion, cost): nothing ran,
            # so no `data` entry, and a 4xx/5xx status (GraphQL over HTTP, 6.4.2).
            processed.pop("data", None)
            request.state.status = request_error_status(result.errors)
        return processed

    def should_render_graphql_ide(self, request: Any) -> bool:
        # A GET carrying only a persisted query's hash is a GraphQL request, not a visit.
        if request.method == "GET" and request.query_params.get("extensions"):
            return False
        return bool(super().should_render_graphql_ide(request))

    async def parse_http_body(self, request: Any) -> Any:
        if request.method == "GET":
            screening.check_query_params(request.query_params)
        data: Any = await self.parse_json_post(request)
        if data is None:
            data = await super().parse_http_body(request)
        if isinstance(data, GraphQLRequestData):  # batches were refused when parsing
            query = self.persisted.resolve(data.query, data.extensions)
            if query is not data.query:
                data = dataclasses.replace(data, query=query)
            # Subscriptions run over WebSocket (graphql-transport-ws) only.
            screening.check_not_subscription(data.query, data.operation_name)
        return data

    async def parse_json_post(self, request: Any) -> GraphQLRequestData | None:
        """The common request, a JSON POST of one operation, read without strawberry's
        general content-type parsing (the e-mail header parser, a fifth of a small
        query's cost). Anything else (GET, other or parameterised media types, batches,
        streaming transports, ill-typed members) returns None and goes the general
        way, which refuses it with the same messages as before; the body is read once
        either way (starlette keeps it)."""
        if request.method != "POST":
            return None
        media_type = (request.content_type or "").lower().replace(" ", "")
        if media_type not in PLAIN_JSON_TYPES:
            return None
        if self._get_stream_transport_from_headers(request.headers) is not None:
            return None
        data = self.parse_json(await request.get_body())
        if not isinstance(data, dict):
            return None
        query, variables, extensions = (
            data.get("query"),
            data.get("variables"),
            data.get("extensions"),
        )
        if not (
            isinstance(query, (str, type(None)))
            and isinstance(variables, (dict, type(None)))
            and isinstance(extensions, (dict, type(None)))
        ):
            return None
        return GraphQLRequestData(
            query=query,
            variables=variables,
            operation_name=data.get("operationName"),
            extensions=extensions,
            protocol="http",
        )

    def decode_json(self, data: str | bytes) -> object:
        # WebSocket messages too: integers over 4,300 digits, NUL and lone surrogates
        # are malformed messages (closed with 4400), not a crashed handler.
        try:
            parsed = super().decode_json(data)
            screening.check_text(data, parsed)
        except (ValueError, RecursionError) as error:
            if isinstance(error, json.JSONDecodeError):
                raise
            raise json.JSONDecodeError(str(error) or "invalid JSON", "", 0) from None
        return parsed

    def parse_json(self, data: str | bytes) -> Any:
        """The body (or a GET parameter) as one JSON object, read once: malformed or
        hostile JSON is a typed 400 (api/screening.py)."""
        return screening.decode(
            data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        )

    async def get_context(  # type: ignore[override]
        self, request: Request | WebSocket, response: Any
    ) -> Context:
        request_id = request_id_of(request.headers)
        # HTTP requests and machine WebSocket clients send the Authorization header;
        # browsers authenticate their socket in connection_init instead (api/ws.py).
        token = bearer_token(request.headers)
        # One read of the registry state serves authentication and any decision.
        state = await audit.registry_state()
        actor = await auth.authenticate(token, request_id, state)
        CURRENT_ACTOR.set(actor)
        if isinstance(response, Response):
            response.headers["x-request-id"] = request_id
        return Context(
            actor=actor,
            request_id=request_id,
            request=request,
            response=response,
            introspection_allowed=self.settings.introspection
            or any(actor.has(role) for role in self.settings.introspection_roles),
            registry_state=state,
            min_version=min_version_of(request.headers),
        )


def refuse_non_json(request: Request) -> None:
    """POSTs must be application/json: no form or text/plain bodies (CSRF-safe)."""
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise RequestRefused(
                translate("Content-Type must be application/json"), "UNSUPPORTED_MEDIA_TYPE", 415
            )
