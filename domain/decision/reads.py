"""The decision path's reads, kept out of the writers' way.

On SQLite the ORM has one connection, and a write transaction holds it (with its lock)
from BEGIN to COMMIT, awaits included: a cache advance or a load of missing keys queued
behind a stream of case records and suspensions waited for all of them (issue 19, item 2:
p99 about a second with cases at 20/s). Outside a transaction these reads go instead
through read-only connections of their own, one per worker thread (WAL: readers never
wait for the writer, and see every committed write). Their consistency does not rest on
one snapshot: the cache merges what a load read only if the registry state is still the
one the load began at (domain/decision/cache.py), and audit events never change.
PostgreSQL, in-memory databases and transactions (which must see their own writes) read
through the ORM as before.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

from domain import sql

_local = threading.local()


def _connection(filename: str) -> sqlite3.Connection:
    connections: dict[str, sqlite3.Connection] | None = getattr(_local, "connections", None)
    if connections is None:
        connections = _local.connections = {}
    found = connections.get(filename)
    if found is None:
        found = connections[filename] = sql._read_only(filename)
    return found


def _fetch(filename: str, query: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = _connection(filename).execute(query, params)
    try:
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        cursor.close()  # no statement left open (it would hold a read snapshot)


async def fetch(query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """`sql.fetch` for the decision path (see above)."""
    filename = sql.sqlite_file_outside_transaction()
    if filename is None:
        return await sql.fetch(query, params)
    return await asyncio.to_thread(_fetch, filename, query, list(params))
