"""Parameterised SQL through tortoise's connection, for hot paths and locking.

Queries are written with `?` placeholders; PostgreSQL gets `$1, $2, ...`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

_PLACEHOLDER = re.compile(r"\?")


def current() -> BaseDBAsyncClient:
    """The connection of the surrounding transaction, or the default one."""
    return connections.get("default")


def is_postgres(conn: BaseDBAsyncClient | None = None) -> bool:
    return (conn or current()).capabilities.dialect == "postgres"


def render(query: str, conn: BaseDBAsyncClient) -> str:
    if not is_postgres(conn):
        return query
    counter = iter(range(1, 100_000))
    return _PLACEHOLDER.sub(lambda _m: f"${next(counter)}", query)


async def fetch(query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    conn = current()
    return await conn.execute_query_dict(render(query, conn), list(params))


async def fetch_one(query: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
    rows = await fetch(query, params)
    return rows[0] if rows else None


async def execute(query: str, params: Sequence[Any] = ()) -> int:
    conn = current()
    count, _rows = await conn.execute_query(render(query, conn), list(params))
    return count


def for_update() -> str:
    """Row lock suffix: PostgreSQL locks the rows; SQLite writers are already serialised
    (write transactions begin IMMEDIATE)."""
    return " FOR UPDATE" if is_postgres() else ""


_direct: dict[str, sqlite3.Connection] = {}


def read_head_directly() -> tuple[int, str] | None:
    """The audit head through a plain read-only sqlite3 connection on the event loop's
    thread (a microsecond point read in WAL mode), or None when not on SQLite or inside
    a transaction (which must see its own uncommitted writes)."""
    conn = current()
    filename = getattr(conn, "filename", None)
    if (
        conn.capabilities.dialect != "sqlite"
        or not filename
        or filename == ":memory:"
        or (
            getattr(conn, "_parent", None) is not None  # a transaction wrapper
        )
    ):
        return None
    direct = _direct.get(filename)
    if direct is None:
        direct = sqlite3.connect(
            f"file:{filename}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )
        _direct[filename] = direct
    row = direct.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
    return (int(row[0]), str(row[1])) if row else None


def close_direct_connections() -> None:
    for direct in _direct.values():
        direct.close()
    _direct.clear()
