"""Streaming export routes: /export/audit.ndjson, /export/privileges.csv and .xlsx,
/export/fhir/..."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Mapping
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from api.http import bearer_token, request_id_of
from api.settings import _flag
from domain import audit_scope, auth, exports, i18n
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg

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
        raise DomainError(ErrorCode.UNAUTHENTICATED, msg("Sign in first"))
    return actor


def _stream(
    chunks: AsyncIterator[str] | AsyncIterator[bytes],
    media_type: str,
    filename: str,
    request_id: str,
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
        raise DomainError(
            ErrorCode.VALIDATION, msg("{name} may use ASCII digits only", name=name), name
        )
    if raw and raw.isdigit() and len(raw) > MAX_SEQ_DIGITS:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{name} is beyond the range of sequence numbers (at most {digits} digits)",
                name=name,
                digits=MAX_SEQ_DIGITS,
            ),
            name,
        )
    return raw


async def audit_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        # Issue 16: a bound actor receives only its institutions' events; anyone may ask
        # for one institution (`?institution=CODE`) it acts for.
        institutions = await audit_scope.readable_institutions(
            actor, request.query_params.get("institution")
        )
        scope = exports.audit_range(_bound(request, "from"), _bound(request, "to"), institutions)
        await exports.start_export(actor, "audit.ndjson", dict(request.query_params))
    except DomainError as error:
        return _error(error, request_id)
    lines = exports.audit_ndjson_bytes(scope)
    return _stream(lines, "application/x-ndjson", "audit.ndjson", request_id)


def _as_of(request: Request) -> date:
    raw = request.query_params.get("asOf")
    try:
        as_of = date.fromisoformat(raw) if raw else None
    except ValueError:
        raise DomainError(
            ErrorCode.VALIDATION, msg("asOf must be a date (YYYY-MM-DD)"), "asOf"
        ) from None
    if as_of is None:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The asOf date (YYYY-MM-DD) is missing"), "asOf"
        )
    return as_of


def csv_bom_default(env: Mapping[str, str] | None = None) -> bool:
    """CREDREG_CSV_BOM: start CSV exports with a UTF-8 BOM unless ?excel=0 (default off)."""
    return _flag(dict(os.environ if env is None else env), "CREDREG_CSV_BOM", False)


def _wants_bom(request: Request) -> bool:
    raw = request.query_params.get("excel")
    if raw is None or raw == "":
        return csv_bom_default()
    if raw.lower() in {"1", "true", "yes"}:
        return True
    if raw.lower() in {"0", "false", "no"}:
        return False
    raise DomainError(ErrorCode.VALIDATION, msg("excel must be 1 or 0"), "excel")


def _locale(request: Request) -> str:
    """The reader's language, negotiated once per request by api/locale.py."""
    return i18n.current_locale()


async def privileges_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        as_of = _as_of(request)
        bom = _wants_bom(request)
        institution = request.query_params.get("institution")
        await exports.start_export(
            actor, "privileges.csv", {"asOf": as_of.isoformat(), "institution": institution}
        )
        institutions = await exports.export_institutions(actor, institution)
    except DomainError as error:
        return _error(error, request_id)
    return _stream(
        exports.privileges_csv(actor, as_of, bom=bom, institution_ids=institutions),
        "text/csv; charset=utf-8",
        f"privileges-{as_of.isoformat()}.csv",
        request_id,
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def privileges_xlsx_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        as_of = _as_of(request)
        locale = _locale(request)
        institution = request.query_params.get("institution")
        await exports.start_export(
            actor,
            "privileges.xlsx",
            {"asOf": as_of.isoformat(), "locale": locale, "institution": institution},
        )
        institutions = await exports.export_institutions(actor, institution)
    except DomainError as error:
        return _error(error, request_id)
    # The workbook goes to a temporary file (openpyxl write-only mode) that is unlinked
    # as soon as it is open again, then streamed from the open handle: memory stays
    # flat at any size and nothing is left behind, even when the client goes away.
    handle, path = tempfile.mkstemp(prefix="credreg-export-", suffix=".xlsx")
    os.close(handle)
    try:
        await exports.privileges_xlsx(actor, as_of, path, locale, institutions)
        workbook = open(path, "rb")  # noqa: ASYNC230 (a local temp file, closed by the stream)
    finally:
        os.unlink(path)
    size = os.fstat(workbook.fileno()).st_size

    async def chunks() -> AsyncIterator[bytes]:
        try:
            while chunk := await run_in_threadpool(workbook.read, 1 << 16):
                yield chunk
        finally:
            workbook.close()

    return StreamingResponse(
        chunks(),
        media_type=XLSX,
        headers={
            "content-disposition": f'attachment; filename="privileges-{as_of.isoformat()}.xlsx"',
            "content-length": str(size),
            "x-request-id": request_id,
            "cache-control": "no-store",
        },
    )


async def fhir_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        institution = request.query_params.get("institution")
        await exports.start_export(actor, "fhir.PractitionerRole", {"institution": institution})
        institutions = await exports.export_institutions(actor, institution)
    except DomainError as error:
        return _error(error, request_id)
    base = str(request.base_url).rstrip("/")
    return _stream(
        exports.fhir_practitioner_roles(base, institutions),
        "application/fhir+json",
        "PractitionerRole.json",
        request_id,
    )


async def audit_checkpoints_export(request: Request) -> Response:
    """The signed checkpoints and the public keys that verify them, beside audit.ndjson:
    a copy kept elsewhere later proves a rewritten or cut-short chain."""
    from domain import audit

    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        await exports.start_export(actor, "audit-checkpoints.json", {})
    except DomainError as error:
        return _error(error, request_id)
    return JSONResponse(
        await audit.checkpoints_document(),
        headers={
            "content-disposition": 'attachment; filename="audit-checkpoints.json"',
            "x-request-id": request_id,
            "cache-control": "no-store",
        },
    )


routes = [
    Route("/export/audit-checkpoints.json", audit_checkpoints_export, methods=["GET"]),
    Route("/export/audit.ndjson", audit_export, methods=["GET"]),
    Route("/export/privileges.csv", privileges_export, methods=["GET"]),
    Route("/export/privileges.xlsx", privileges_xlsx_export, methods=["GET"]),
    Route("/export/fhir/PractitionerRole", fhir_export, methods=["GET"]),
]
