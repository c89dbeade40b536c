"""Import templates: GET /import/templates/procedures.xlsx and practitioners.xlsx.

The templates hold no data (headers, formats, drop-down lists and one example row), so
they are served without authentication; the headers follow Accept-Language (zh-CN by
default, or CREDREG_LOCALE)."""

from __future__ import annotations

import os

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain import spreadsheets, templates

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _locale(request: Request) -> str:
    default = os.environ.get("CREDREG_LOCALE") or spreadsheets.DEFAULT_LOCALE
    if default not in spreadsheets.LOCALES:
        default = spreadsheets.DEFAULT_LOCALE
    return spreadsheets.preferred_locale(request.headers.get("accept-language"), default)


async def import_template(request: Request) -> Response:
    kind = request.path_params["kind"]
    build = templates.TEMPLATES.get(kind)
    if build is None:
        return JSONResponse(
            {
                "errors": [
                    {"message": f"没有名为 {kind} 的导入模板", "extensions": {"code": "NOT_FOUND"}}
                ]
            },
            status_code=404,
        )
    return Response(
        build(_locale(request)),
        media_type=XLSX,
        headers={
            "content-disposition": f'attachment; filename="{kind}.xlsx"',
            "cache-control": "no-cache",
        },
    )


routes = [Route("/import/templates/{kind}.xlsx", import_template, methods=["GET"])]
