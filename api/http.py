"""The GraphQL endpoint: authentication per request, context, and JSON-only POSTs."""

from __future__ import annotations

import json
import os
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from api import screening
from api.settings import Settings
from api.ws import GuardedTransportWSHandler
from domain import audit, auth
from domain.actors import Role
from domain.i18n import translate
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


class CredregGraphQL(GraphQL):  # type: ignore[type-arg]
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
        # Sockets re-authenticate per operation and every few seconds (api/ws.py).
        self.graphql_transport_ws_handler_class = type(
            "CredregTransportWSHandler",
            (GuardedTransportWSHandler,),
            {"recheck_seconds": settings.ws_recheck_ms / 1000},
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
        try:
            parsed = super().parse_json(data)
        except (UnicodeDecodeError, RecursionError, ValueError):
            # ValueError: also integers over Python's 4,300-digit conversion limit
            raise HTTPException(
                400, translate("The request body is not valid UTF-8 JSON")
            ) from None
        if not isinstance(parsed, dict):
            # Batched arrays are refused, and scalars would crash the parser further on.
            raise HTTPException(400, translate("The request body must be one JSON object"))
        return parsed

    async def get_context(  # type: ignore[override]
        self, request: Request | WebSocket, response: Any
    ) -> Context:
        request_id = request_id_of(request.headers)
        # WebSocket clients send the same Authorization header with the handshake.
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
            introspection_allowed=self.settings.introspection or actor.has(Role.ADMIN),
            registry_state=state,
            min_version=min_version_of(request.headers),
        )


async def reject_non_json(request: Request) -> Response | None:
    """POSTs must be application/json: no form or text/plain bodies (CSRF-safe)."""
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return JSONResponse(
                {
                    "errors": [
                        {
                            "message": translate("Content-Type must be application/json"),
                            "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"},
                        }
                    ]
                },
                status_code=415,
            )
    return None
