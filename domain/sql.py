"""Parameterised SQL through tortoise's connection, for hot paths and locking.

Queries are written with `?` placeholders; PostgreSQL gets `$1, $2, ...`.
"""

from __future__ import annotations

import re
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
