"""Import templates: GET /import/templates/procedures.xlsx and practitioners.xlsx.

The templates hold no data (headers, formats, drop-down lists and one example row), so
they are served without authentication; the headers follow Accept-Language (zh-CN by
default, or CREDREG_LOCALE)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from domain import i18n, templates
from domain.i18n import translate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _locale(request: Request) -> str:
    """The reader's language, negotiated once per request by api/locale.py."""
    return i18n.current_locale()


async def import_template(request: Request) -> Response:
    kind = request.path_params["kind"]
    build = templates.TEMPLATES.get(kind)
    if build is None:
        return JSONResponse(
            {
                "errors": [
                    {
                        "message": translate(
                            "There is no import template named {file}; choose one of {templates}",
                            file=kind,
                            templates=list(templates.TEMPLATES),
                        ),
                        "extensions": {"code": "NOT_FOUND"},
                    }
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
