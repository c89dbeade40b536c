"""Is this exception the database being unavailable (issue 13, item 12)?

A stopped or unreachable server, a read-only database, a full disk, a busy SQLite file:
the request may succeed later, so the client gets 503 DATABASE_UNAVAILABLE with
`retryable: true` and `Retry-After`, not an INTERNAL_ERROR. Shared by the ASGI
middleware (api/availability.py) and the GraphQL error policy (schema/errors.py).
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from typing import Any

from domain.i18n import N_, translate

RETRY_AFTER_SECONDS = 5
CODE = "DATABASE_UNAVAILABLE"
MESSAGE = N_(
    "The database is unavailable for now (not connected, read-only or its disk is full): "
    "try again shortly"
)

_SQLITE_MESSAGES = (
    "unable to open database",
    "readonly database",
    "read-only",
    "database or disk is full",
    "disk i/o error",
    "database is locked",
)
# PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources (53),
# operator intervention (57: admin shutdown, cannot connect now), read-only transaction.
_PG_STATE_PREFIXES = ("08", "53", "57P")
_PG_STATES = {"25006"}
_OS_ERRNOS = {
    errno.ECONNREFUSED,
    errno.ECONNRESET,
    errno.ECONNABORTED,
    errno.EHOSTUNREACH,
    errno.ENETUNREACH,
    errno.ETIMEDOUT,
    errno.EPIPE,
    errno.ENOSPC,  # disk full
    errno.EROFS,  # read-only file system
}


def _one(exc: BaseException) -> bool:
    if isinstance(exc, (ConnectionError, TimeoutError, socket.gaierror)):
        return True
    if isinstance(exc, OSError):
        if exc.errno in _OS_ERRNOS:
            return True
        text = str(exc)  # asyncpg trying several addresses: "Multiple exceptions: ..."
        return exc.errno is None and ("Multiple exceptions" in text or "Connect call" in text)
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return any(message in text for message in _SQLITE_MESSAGES)
    state = getattr(exc, "sqlstate", None)
    if isinstance(state, str) and (state in _PG_STATES or state.startswith(_PG_STATE_PREFIXES)):
        return True
    name = type(exc).__name__
    if name in {"DBConnectionError", "InterfaceError", "ConnectionDoesNotExistError"}:
        return True
    if name == "OperationalError":  # tortoise's wrapper of the driver's error
        text = str(exc).lower()
        return any(message in text for message in _SQLITE_MESSAGES) or "connect" in text
    return False


def is_unavailable(exc: BaseException | None) -> bool:
    seen: set[int] = set()
    current: Any = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _one(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def payload() -> dict[str, Any]:
    return {
        "errors": [
            {
                "message": translate(MESSAGE),
                "extensions": {
                    "code": CODE,
                    "retryable": True,
                    "retryAfterSeconds": RETRY_AFTER_SECONDS,
                },
            }
        ]
    }
