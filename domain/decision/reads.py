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
    return sql.dict_rows(_connection(filename), query, params)


async def fetch_keyed(query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """`fetch` for a read of a few rows by key, bounded by its caller (the audit events
    after a cached state, the holders of the privileges they name). On SQLite outside a
    transaction it runs on the loop's own thread (sql.fetch_directly): a cache advance
    then completes without yielding, instead of waiting for a worker thread and the loop
    while writes move the registry on (issue 19, item 2)."""
    rows = sql.fetch_directly(query, params)
    return rows if rows is not None else await fetch(query, params)


async def fetch(query: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """`sql.fetch` for the decision path (see above)."""
    filename = sql.sqlite_file_outside_transaction()
    if filename is None:
        return await sql.fetch(query, params)
    return await asyncio.to_thread(_fetch, filename, query, list(params))


async def events_between(
    old: tuple[int, str], new: tuple[int, str], limit: int
) -> list[dict[str, Any]] | None:
    """The audit events (old, new], each with seq, hash, entity_type and entity_id, when
    `new` continues the history a cache saw at `old`: the event at `old` still carries
    its hash, none is missing, and the last carries `new`'s hash. None when it does not
    (another history, e.g. a restored database) or when more than `limit` lie between.
    One reading of the log for every cache that forgets by event (decisions, API keys)."""
    old_seq, old_hash = old
    new_seq, new_hash = new
    if old_seq < 0 or new_seq < old_seq or new_seq - old_seq > limit:
        return None
    rows = await fetch_keyed(
        "SELECT seq, hash, entity_type, entity_id FROM audit_event "
        "WHERE seq >= ? AND seq <= ? ORDER BY seq",
        [old_seq, new_seq],
    )
    if old_seq and (not rows or int(rows[0]["seq"]) != old_seq or rows[0]["hash"] != old_hash):
        return None
    events = rows[1:] if old_seq else rows
    if len(events) != new_seq - old_seq or (rows and rows[-1]["hash"] != new_hash):
        return None
    return events
