"""Streaming export routes: /export/audit.ndjson, /export/privileges.csv, /export/fhir/..."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from api.http import bearer_token, request_id_of
from domain import auth, exports
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode

STATUS = {ErrorCode.UNAUTHENTICATED: 401, ErrorCode.FORBIDDEN: 403}


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
    )


async def _actor(request: Request, request_id: str) -> Actor:
    actor = await auth.authenticate(bearer_token(request.headers), request_id)
    if not actor.authenticated:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "Authentication required")
    return actor


def _stream(
    chunks: AsyncIterator[str], media_type: str, filename: str, request_id: str
) -> Response:
    return StreamingResponse(
        chunks,
        media_type=media_type,
        headers={
            "content-disposition": f'attachment; filename="{filename}"',
            "x-request-id": request_id,
            "cache-control": "no-store",
        },
    )


MAX_SEQ_DIGITS = 18  # a seq fits a signed 64-bit integer


def _bound(request: Request, name: str) -> str | None:
    """`from`/`to` as given, once it is safe to parse: digits only in ASCII (`²` is a
    digit to str.isdigit but not to int) and a seq no longer than a database integer."""
    raw = request.query_params.get(name)
    if raw and any(ch.isdigit() and not ch.isascii() for ch in raw):
        raise DomainError(ErrorCode.VALIDATION, f"{name} 只能使用 ASCII 数字", name)
    if raw and raw.isdigit() and len(raw) > MAX_SEQ_DIGITS:
        raise DomainError(
            ErrorCode.VALIDATION, f"{name} 超出了序号范围（最多 {MAX_SEQ_DIGITS} 位）", name
        )
    return raw


async def audit_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        scope = exports.audit_range(_bound(request, "from"), _bound(request, "to"))
        await exports.start_export(actor, "audit.ndjson", dict(request.query_params))
    except DomainError as error:
        return _error(error, request_id)
    return _stream(exports.audit_ndjson(scope), "application/x-ndjson", "audit.ndjson", request_id)


async def privileges_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        raw = request.query_params.get("asOf")
        try:
            as_of = date.fromisoformat(raw) if raw else None
        except ValueError:
            raise DomainError(
                ErrorCode.VALIDATION, "asOf must be a date (YYYY-MM-DD)", "asOf"
            ) from None
        if as_of is None:
            raise DomainError(ErrorCode.VALIDATION, "asOf is required (YYYY-MM-DD)", "asOf")
        await exports.start_export(actor, "privileges.csv", {"asOf": as_of.isoformat()})
    except DomainError as error:
        return _error(error, request_id)
    return _stream(
        exports.privileges_csv(actor, as_of),
        "text/csv; charset=utf-8",
        f"privileges-{as_of.isoformat()}.csv",
        request_id,
    )


async def fhir_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        await exports.start_export(actor, "fhir.PractitionerRole", {})
    except DomainError as error:
        return _error(error, request_id)
    base = str(request.base_url).rstrip("/")
    return _stream(
        exports.fhir_practitioner_roles(base),
        "application/fhir+json",
        "PractitionerRole.json",
        request_id,
    )


routes = [
    Route("/export/audit.ndjson", audit_export, methods=["GET"]),
    Route("/export/privileges.csv", privileges_export, methods=["GET"]),
    Route("/export/fhir/PractitionerRole", fhir_export, methods=["GET"]),
]
