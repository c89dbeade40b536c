"""Parameterised SQL through tortoise's connection, for hot paths and locking.

Queries are written with `?` placeholders; PostgreSQL gets `$1, $2, ...`.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

_PLACEHOLDER = re.compile(r"\?")


# The connection this request's reads go to: None for the primary ("default"), or a
# read replica's name ("replica0", ...) chosen by domain/replicas.py for a read-only
# operation. Transactions and writes always use the primary, whatever it says.
READ_TARGET: ContextVar[str | None] = ContextVar("credreg_read_target", default=None)
# Replicas found failing: a request routed to one before it failed reads the primary.
UNAVAILABLE: set[str] = set()


def primary() -> BaseDBAsyncClient:
    """The primary: the connection of the surrounding transaction, or the default one."""
    return connections.get("default")


def current() -> BaseDBAsyncClient:
    """Where a read goes: the surrounding transaction, else the request's read replica
    (if it was routed to one), else the primary."""
    default = connections.get("default")
    target = READ_TARGET.get()
    if target is None or target in UNAVAILABLE or getattr(default, "_parent", None) is not None:
        return default
    return connections.get(target)


def read_connection_name() -> str:
    """The connection name ORM reads use (api/db.py installs a tortoise router for it)."""
    target = READ_TARGET.get()
    if (
        target is None
        or target in UNAVAILABLE
        or getattr(connections.get("default"), "_parent", None) is not None
    ):
        return "default"
    return target


def on_replica() -> bool:
    return READ_TARGET.get() is not None and read_connection_name() != "default"


@contextmanager
def on_primary() -> Iterator[None]:
    """Reads in this block go to the primary, whatever the request was routed to."""
    token = READ_TARGET.set(None)
    try:
        yield
    finally:
        READ_TARGET.reset(token)


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
    conn = primary()  # a write, even in a request whose reads go to a replica
    count, _rows = await conn.execute_query(render(query, conn), list(params))
    return count


def for_update() -> str:
    """Row lock suffix: PostgreSQL locks the rows; SQLite writers are already serialised
    (write transactions begin IMMEDIATE)."""
    return " FOR UPDATE" if is_postgres() else ""


_direct: dict[str, sqlite3.Connection] = {}


def in_transaction() -> bool:
    return getattr(current(), "_parent", None) is not None  # a transaction wrapper


def _sqlite_file_outside_transaction() -> str | None:
    """The SQLite database file, when a plain read-only connection may read it: not on
    PostgreSQL, not in memory, and not inside a transaction (which must see its own
    uncommitted writes)."""
    conn = current()
    filename = getattr(conn, "filename", None)
    if (
        conn.capabilities.dialect != "sqlite"
        or not filename
        or filename == ":memory:"
        or in_transaction()
    ):
        return None
    return str(filename)


def _read_only(filename: str, check_same_thread: bool = True) -> sqlite3.Connection:
    uri = "file:" + urllib.parse.quote(str(Path(filename).resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=check_same_thread)


def dict_rows(db: sqlite3.Connection, query: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    """A plain sqlite3 read as dicts by column name; the statement is closed before this
    returns (an open one would hold the connection's read snapshot)."""
    cursor = db.execute(query, list(params))
    try:
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        cursor.close()


def _scan(filename: str, query: str, params: list[Any]) -> list[dict[str, Any]]:
    db = _read_only(filename)
    try:
        return dict_rows(db, query, params)
    finally:
        db.close()


async def fetch_scan(query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """`fetch` for one page of a long read-only scan (audit export, verification). On
    SQLite it reads through its own read-only connection in a worker thread: cheaper
    rows than the ORM's, and sqlite3 lets go of the GIL while it steps, so the caller's
    work on the previous page goes on meanwhile."""
    filename = _sqlite_file_outside_transaction()
    if filename is None:
        return await fetch(query, params)
    return await asyncio.to_thread(_scan, filename, query, list(params))


def _direct_connection(filename: str) -> sqlite3.Connection:
    direct = _direct.get(filename)
    if direct is None:
        direct = _direct[filename] = _read_only(filename, check_same_thread=False)
    return direct


def fetch_directly(query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]] | None:
    """A read of a few rows by key through a plain read-only sqlite3 connection on the
    event loop's own thread (microseconds in WAL mode, and it sees every committed write),
    or None when not on SQLite or inside a transaction. No hand-off to a thread, so the
    caller does not yield to the loop: only for reads bounded by an index and a limit."""
    filename = _sqlite_file_outside_transaction()
    if filename is None:
        return None
    return dict_rows(_direct_connection(filename), query, params)


def read_head_directly() -> tuple[int, str] | None:
    """The audit head through the loop thread's read-only connection (fetch_directly),
    or None when not on SQLite or inside a transaction."""
    filename = _sqlite_file_outside_transaction()
    if filename is None:
        return None
    row = (
        _direct_connection(filename)
        .execute("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetchone()
    )
    return (int(row[0]), str(row[1])) if row else None


def close_direct_connections() -> None:
    for direct in _direct.values():
        direct.close()
    _direct.clear()


def _scan_tuples(filename: str, query: str, params: list[Any]) -> list[tuple[Any, ...]]:
    db = _read_only(filename)
    try:
        return db.execute(query, params).fetchall()
    finally:
        db.close()


async def fetch_scan_rows(query: str, params: Sequence[Any] = ()) -> Sequence[Sequence[Any]]:
    """`fetch_scan` with rows as tuples (or the driver's records), in column order: no
    dict per row when a scan reads a million of them."""
    filename = _sqlite_file_outside_transaction()
    if filename is not None:
        return await asyncio.to_thread(_scan_tuples, filename, query, list(params))
    conn = current()
    _count, rows = await conn.execute_query(render(query, conn), list(params))
    return rows  # type: ignore[return-value]  # asyncpg Records, sqlite3.Rows: sequences


def sqlite_file_outside_transaction() -> str | None:
    """The SQLite file a separate process may read (see _sqlite_file_outside_transaction)."""
    return _sqlite_file_outside_transaction()


def json_list(value: Any) -> list[str]:
    """A JSON list column, as SQLite (text) or asyncpg (text) or an audit state gives it."""
    if value is None:
        return []
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return [str(v) for v in value]
