"""The ASGI application: routes, lifespan (database), middleware."""

from __future__ import annotations

import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator, MutableMapping
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise.contrib.starlette import RegisterTortoise

from api.availability import DatabaseAvailabilityMiddleware, readyz_endpoint
from api.cards import routes as card_routes
from api.db import tortoise_config
from api.exports import routes as export_routes
from api.http import CredregGraphQL
from api.imports import routes as import_routes
from api.limits import BodyLimitMiddleware
from api.locale import LocaleMiddleware
from api.metrics import METRICS, route_of
from api.quality_exports import routes as quality_export_routes
from api.settings import Settings, load_settings
from api.sqlite_checkpoints import running_checkpoints
from api.worker import running_worker
from domain import auth, clock, i18n, passwords, replicas
from domain.long_lived import LONG_LIVED
from schema import cost
from schema.schema import build_schema

log = logging.getLogger("credreg")


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def metrics(_request: Request) -> Response:
    body = METRICS.render() + replicas.ROUTER.render_metrics()  # replicas: this worker's
    return PlainTextResponse(body, media_type="text/plain; version=0.0.4")


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            # The route template, never the raw path (unknown paths count as `other`).
            METRICS.observe(route_of(scope), status, time.perf_counter() - started)


def configure_domain(settings: Settings) -> None:
    clock.set_clock(clock.Clock(settings.timezone))
    i18n.configure(settings.locale)
    passwords.configure(
        passwords.PasswordService(
            time_cost=settings.argon2_time_cost,
            memory_kib=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
            max_concurrent=settings.max_concurrent_hashes,
        )
    )
    from datetime import timedelta

    auth.session_lifetime = timedelta(hours=settings.session_hours)
    cost.configure(settings.rate_points_per_second, settings.rate_burst, settings.max_query_cost)
    from domain import case_dates

    case_dates.configure(settings.case_max_age_days)
    from api.settings import default_key_dir
    from domain import audit, signing

    signing.configure(settings.key_dir or default_key_dir(settings.database_url))
    audit.configure_checkpoints(settings.checkpoint_every_events, settings.checkpoint_every_seconds)
    from domain import cards

    cards.configure(settings.card_minutes)
    cost.configure_time_budget(settings.query_time_budget_ms / 1000)
    replicas.ROUTER.configure(
        len(settings.replica_urls),
        settings.replica_max_wait_ms,
        settings.replica_recheck_ms,
        settings.replica_consistency,
    )


def create_app(settings: Settings | None = None, *, manage_database: bool = True) -> Starlette:
    """The service. `manage_database=False` leaves the ORM to the caller (tests)."""
    settings = settings or load_settings()
    configure_domain(settings)
    graphql = CredregGraphQL(build_schema(), settings)
    routes = [
        Route("/graphql", graphql, methods=["GET", "POST"]),
        WebSocketRoute("/graphql", graphql),
        Route("/healthz", healthz),
        Route("/readyz", readyz_endpoint(settings.database_url)),
        Route("/metrics", metrics),
        *export_routes,
        *quality_export_routes,
        *import_routes,
        *card_routes,  # /card/*, /.well-known/jwks.json (issue 18)
    ]
    middleware = [Middleware(MetricsMiddleware)]
    middleware.append(Middleware(LocaleMiddleware, default=settings.locale))
    middleware.append(Middleware(DatabaseAvailabilityMiddleware))  # 503 + Retry-After
    middleware.append(
        Middleware(
            BodyLimitMiddleware,
            max_body=settings.max_body_bytes,
            max_import_body=settings.max_import_body_bytes,
            read_timeout=settings.body_read_timeout_seconds,
        )
    )
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type", "x-request-id"],
            )
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if not manage_database:
            yield
            return
        async with (
            RegisterTortoise(
                app,
                config=tortoise_config(
                    settings.database_url,
                    settings.db_pool_max,
                    settings.replica_urls,
                    server_checkpoints=True,
                ),
            ),
            running_checkpoints(settings.database_url),  # SQLite: off the loop
        ):
            # Everything built at start (schemas, models, modules) lives as long as the
            # process: keep it out of the cyclic collector's full passes, which walked
            # it all and paused requests for 60-70 ms; with it frozen they take ~5 ms.
            gc.freeze()
            # And the decision cache's facts, as it fills (domain/long_lived.py).
            LONG_LIVED.enable()
            try:
                if settings.webhook_worker:
                    async with running_worker():
                        yield
                else:
                    yield
            finally:
                LONG_LIVED.disable()

    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
