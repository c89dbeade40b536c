"""Issue 17 exports: GET /export/quality.xlsx and the technical files
GET /export/dossier/practitioner/{staffNo}.xlsx, /export/dossier/technique/{code}.xlsx.

Workbooks are built into a temporary file (unlinked once reopened) and streamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from api.exports import XLSX, _actor, _error
from api.http import request_id_of
from domain.errors import DomainError, ErrorCode
from domain.i18n import field_label, msg
from domain.quality import workbooks
from domain.quality.indicators import Scope


def _date(request: Request, name: str) -> date:
    raw = request.query_params.get(name)
    try:
        if raw:
            return date.fromisoformat(raw)
    except ValueError:
        pass
    raise DomainError(
        ErrorCode.VALIDATION,
        msg("{field} must be a date (YYYY-MM-DD)", field=field_label(name)),
        name,
    )


async def _xlsx(
    build: Callable[[str], Awaitable[None]], filename: str, request_id: str
) -> Response:
    handle, path = tempfile.mkstemp(prefix="credreg-quality-", suffix=".xlsx")
    os.close(handle)
    try:
        await build(path)
        workbook = open(path, "rb")  # noqa: ASYNC230 (a local temp file, closed by the stream)
    except DomainError as error:
        return _error(error, request_id)
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
            "content-disposition": f'attachment; filename="{filename}"',
            "content-length": str(size),
            "x-request-id": request_id,
            "cache-control": "no-store",
        },
    )


async def quality_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    try:
        actor = await _actor(request, request_id)
        start, end = _date(request, "from"), _date(request, "to")
        period = request.query_params.get("period") or "QUARTER"
        scope = Scope(
            department_code=request.query_params.get("department") or None,
            site_code=request.query_params.get("site") or None,
            institution_code=request.query_params.get("institution") or None,
        )
    except DomainError as error:
        return _error(error, request_id)
    return await _xlsx(
        lambda path: workbooks.quality_xlsx(actor, scope, start, end, period, path),
        f"quality-{start.isoformat()}-{end.isoformat()}.xlsx",
        request_id,
    )


async def practitioner_dossier_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    staff_no = request.path_params["staff_no"]
    try:
        actor = await _actor(request, request_id)
    except DomainError as error:
        return _error(error, request_id)
    return await _xlsx(
        lambda path: workbooks.practitioner_dossier(actor, staff_no, path),
        "dossier-practitioner.xlsx",
        request_id,
    )


async def technique_dossier_export(request: Request) -> Response:
    request_id = request_id_of(request.headers)
    code = request.path_params["code"]
    try:
        actor = await _actor(request, request_id)
    except DomainError as error:
        return _error(error, request_id)
    return await _xlsx(
        lambda path: workbooks.technique_dossier(actor, code, path),
        "dossier-technique.xlsx",
        request_id,
    )


routes = [
    Route("/export/quality.xlsx", quality_export, methods=["GET"]),
    Route(
        "/export/dossier/practitioner/{staff_no}.xlsx",
        practitioner_dossier_export,
        methods=["GET"],
    ),
    Route("/export/dossier/technique/{code}.xlsx", technique_dossier_export, methods=["GET"]),
]
