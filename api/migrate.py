"""Apply aerich migrations (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from pathlib import Path

from aerich import Command

import migrations
from api.db import tortoise_config

MIGRATIONS_DIR = Path(migrations.__file__).parent


async def apply_migrations(database_url: str) -> list[str]:
    """Bring the database to the newest schema; returns the versions applied now."""
    command = Command(
        tortoise_config=tortoise_config(database_url), app="models", location=str(MIGRATIONS_DIR)
    )
    async with command:
        return await command.upgrade(run_in_transaction=True)
