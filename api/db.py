"""Tortoise configuration for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

MODEL_MODULES = ["models", "aerich.models"]


def tortoise_config(database_url: str, pool_max: int = 10) -> dict[str, Any]:
    connection = expand_db_url(database_url)
    if connection["engine"] == "tortoise.backends.sqlite":
        connection["engine"] = "api.sqlite_engine"
    else:
        connection["credentials"].setdefault("minsize", 1)
        connection["credentials"].setdefault("maxsize", pool_max)
    return {
        "connections": {"default": connection},
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
