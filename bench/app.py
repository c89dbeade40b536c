"""The server the bench runs: the service plus the plain route it is measured against
(bench/plain_route.py). `uvicorn bench.app:create_bench_app --factory`."""

from __future__ import annotations

from starlette.applications import Starlette

from api.app import create_app
from bench.plain_route import routes


def create_bench_app() -> Starlette:
    app = create_app()
    app.router.routes.extend(routes)
    return app
