"""503 with a typed retryable error when the database is unavailable, and the
readiness check (issue 13, item 12)."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import MutableMapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from domain import sql
from schema import unavailable

log = logging.getLogger("credreg.availability")

MIN_FREE_BYTES = 64 * 1024 * 1024  # below this the SQLite volume counts as full


def unavailable_response() -> JSONResponse:
    return JSONResponse(
        unavailable.payload(),
        status_code=503,
        headers={"retry-after": str(unavailable.RETRY_AFTER_SECONDS)},
    )


class DatabaseAvailabilityMiddleware:
    """An exception that is the database being unavailable becomes 503 + Retry-After
    (when no response has started yet); anything else propagates as before."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: MutableMapping[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if started or not unavailable.is_unavailable(exc):
                raise
            log.warning("database unavailable: %s", exc)
            await unavailable_response()(scope, receive, send)


def _sqlite_path(database_url: str) -> str | None:
    if not database_url.startswith("sqlite://"):
        return None
    return database_url[len("sqlite://") :].split("?", 1)[0]


def _sqlite_file_problem(path: str) -> str | None:
    if path == ":memory:":
        return None
    directory = os.path.dirname(os.path.abspath(path))
    if not os.access(path, os.W_OK) or not os.access(directory, os.W_OK):
        return "read-only"
    if (os.stat(path).st_mode & 0o222) == 0:  # no write bit (root passes os.access)
        return "read-only"
    if shutil.disk_usage(directory).free < MIN_FREE_BYTES:
        return "disk-full"
    return None


async def readiness(database_url: str) -> tuple[bool, dict[str, str]]:
    """Ready means: the database answers, accepts writes, and has room for them."""
    try:
        await sql.fetch_one("SELECT seq FROM audit_head WHERE id = 1")
    except Exception as exc:
        log.warning("readiness check failed: %s", exc)
        return False, {"database": "unreachable"}
    path = _sqlite_path(database_url)
    if path is not None:
        problem = _sqlite_file_problem(path)
        if problem is not None:
            return False, {"database": problem}
        row = await sql.fetch_one("PRAGMA query_only")
        if row and int(next(iter(dict(row).values()))) == 1:
            return False, {"database": "read-only"}
        return True, {"database": "ok"}
    try:
        row = await sql.fetch_one(
            "SELECT current_setting('transaction_read_only') AS ro, pg_is_in_recovery() AS rec"
        )
    except Exception as exc:
        log.warning("readiness check failed: %s", exc)
        return False, {"database": "unreachable"}
    if row and (str(row["ro"]).lower() == "on" or row["rec"]):
        return False, {"database": "read-only"}
    return True, {"database": "ok"}


def readyz_endpoint(database_url: str) -> Any:
    async def readyz(_request: Request) -> Response:
        ready, details = await readiness(database_url)
        if not ready:
            return JSONResponse(
                {"status": "unavailable", **details},
                status_code=503,
                headers={"retry-after": str(unavailable.RETRY_AFTER_SECONDS)},
            )
        return JSONResponse({"status": "ready", **details})

    return readyz
