"""Privilege cards and the public keys: GET /card/{staffNo}, GET /card/verify?token=,
GET /.well-known/jwks.json (issue 18)."""

from __future__ import annotations

import io

import segno
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.http import bearer_token, request_id_of
from domain import auth, cards, signing
from domain.errors import DomainError, ErrorCode
from domain.i18n import localize, msg

STATUS = {
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.UNKNOWN_KEY: 503,
}
NO_STORE = {"cache-control": "no-store"}


def _error(error: DomainError, request_id: str) -> Response:
    return JSONResponse(
        {
            "errors": [
                {
                    "message": error.message,
                    "extensions": {
                        "code": error.code.value,
                        "field": error.field,
                        "requestId": request_id,
                    },
                }
            ]
        },
        status_code=STATUS.get(error.code, 400),
        headers=NO_STORE,
    )


def _qr(token: str, kind: str) -> tuple[bytes, str]:
    code = segno.make(token, error="l", micro=False)
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=4, border=4)
        return buffer.getvalue(), "image/svg+xml"
    code.save(buffer, kind="png", scale=4, border=4)
    return buffer.getvalue(), "image/png"


async def card(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    kind = request.query_params.get("format", "json").lower()
    if kind not in {"json", "png", "svg"}:
        refused = DomainError(
            ErrorCode.VALIDATION, msg("The format must be json, png or svg"), "format"
        )
        return _error(refused, request_id)
    try:
        actor = await auth.authenticate(bearer_token(request.headers), request_id)
        if not actor.authenticated:
            raise DomainError(ErrorCode.UNAUTHENTICATED, msg("Sign in first"))
        issued = await cards.issue_card(actor, request.path_params["staff_no"])
    except DomainError as error:
        return _error(error, request_id)
    if kind == "json":
        return JSONResponse(
            {
                "token": issued.token,
                "expiresIn": int(cards.lifetime().total_seconds()),
                "card": issued.claims,
            },
            headers=NO_STORE,
        )
    try:
        body, media_type = _qr(issued.token, kind)
    except segno.DataOverflowError:
        overflow = DomainError(
            ErrorCode.VALIDATION,
            msg("Too many privileges for a QR code: use format=json"),
            "format",
        )
        return _error(overflow, request_id)
    return Response(body, media_type=media_type, headers=NO_STORE)


async def verify(request: Request) -> Response:
    """Anyone holding a card may have it checked: the token is the credential."""
    request_id = request_id_of(request.headers)
    token = request.query_params.get("token", "")
    if not token:
        return _error(
            DomainError(ErrorCode.VALIDATION, msg("The token parameter is missing"), "token"),
            request_id,
        )
    try:
        result = await cards.verify_card(token)
    except DomainError as error:
        return _error(error, request_id)
    return JSONResponse(
        {
            "valid": result.valid,
            "problem": localize(result.problem) if result.problem else None,
            "changedSince": result.changed_since,
            "changes": [localize(change) for change in result.changes],
            "currentRegistryVersion": result.current_registry_version,
            "card": result.claims,
        },
        headers=NO_STORE,
    )


async def jwks(request: Request) -> Response:
    try:
        keys = signing.ring().public_jwks()
    except DomainError as error:
        return _error(error, request_id_of(request.headers))
    return JSONResponse(keys, headers={"cache-control": "public, max-age=300"})


routes = [
    Route("/card/verify", verify, methods=["GET"]),
    Route("/card/{staff_no}", card, methods=["GET"]),
    Route("/.well-known/jwks.json", jwks, methods=["GET"]),
]
