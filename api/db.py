"""Tortoise configuration for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

MODEL_MODULES = ["models", "aerich.models"]


async def reset_pooled_connection(conn: Any) -> None:
    """What a PostgreSQL connection needs before it goes back to the pool.

    asyncpg's default reset sends `SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL` on every release: one more round trip for every query, a sixth of the
    decision path's time. credreg takes no session-level advisory locks, keeps no
    cursors, LISTENs on no pooled connection and SETs nothing for a session (isolation
    levels are per transaction), so only a transaction left open needs undoing."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK")


def tortoise_config(database_url: str, pool_max: int = 10) -> dict[str, Any]:
    connection = expand_db_url(database_url)
    if connection["engine"] == "tortoise.backends.sqlite":
        connection["engine"] = "api.sqlite_engine"
    else:
        connection["credentials"].setdefault("minsize", 1)
        connection["credentials"].setdefault("maxsize", pool_max)
        connection["credentials"]["reset"] = reset_pooled_connection
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
