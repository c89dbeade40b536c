"""Each test gets a fresh, migrated database: SQLite by default, PostgreSQL when
CREDREG_TEST_DATABASE_URL points at a server (the suite creates and drops its own
databases there and never touches existing ones)."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg
import httpx
import pytest
import pytest_asyncio
from tortoise import Tortoise

from api.app import create_app
from api.db import tortoise_config
from api.migrate import apply_migrations
from api.settings import Settings
from domain import audit, clock, passwords, signing

TEST_DATABASE_URL = os.environ.get("CREDREG_TEST_DATABASE_URL", "")
USE_POSTGRES = TEST_DATABASE_URL.startswith(("postgres://", "postgresql://"))
START = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def _pg_url(database: str) -> str:
    parsed = urlparse(TEST_DATABASE_URL)
    return urlunparse(parsed._replace(path=f"/{database}", scheme="postgres"))


async def _pg_admin(statement: str) -> None:
    conn = await asyncpg.connect(_pg_url(urlparse(TEST_DATABASE_URL).path.strip("/") or "postgres"))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database to copy for each test."""
    if USE_POSTGRES:
        name = f"credreg_tmpl_{uuid.uuid4().hex[:10]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
        asyncio.run(apply_migrations(_pg_url(name)))
        yield name
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        asyncio.run(apply_migrations(f"sqlite://{path}"))
        yield str(path)


@pytest.fixture
def database_url(template_database: str, tmp_path: Path) -> Iterator[str]:
    if USE_POSTGRES:
        name = f"credreg_t_{uuid.uuid4().hex[:12]}"
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"'))
        yield _pg_url(name)
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    else:
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(template_database, path)
        yield f"sqlite://{path}"


@pytest.fixture
def fixed_clock() -> clock.FixedClock:
    pinned = clock.FixedClock(START)
    clock.set_clock(pinned)
    return pinned


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    # argon2id at OWASP's minimum keeps the suite fast and is still a valid setting.
    return Settings(
        database_url=database_url,
        argon2_time_cost=2,
        argon2_memory_kib=19456,
        argon2_parallelism=1,
        key_dir=str(tmp_path / "keys"),  # signing keys (audit checkpoints), per test
    )


@pytest_asyncio.fixture
async def db(settings: Settings, fixed_clock: clock.FixedClock) -> AsyncIterator[None]:
    passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
    signing.configure(settings.key_dir)
    audit.configure_checkpoints(settings.checkpoint_every_events, settings.checkpoint_every_seconds)
    await Tortoise.init(config=tortoise_config(settings.database_url), _enable_global_fallback=True)
    try:
        yield
    finally:
        await Tortoise.close_connections()


@pytest_asyncio.fixture
async def client(
    db: None, settings: Settings, fixed_clock: clock.FixedClock
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, manage_database=False)
    clock.set_clock(fixed_clock)
    passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture(autouse=True)
def _fresh_login_limits() -> None:
    """Login and refusal-audit rate limits are per process; every test starts afresh."""
    from domain import auth, permissions

    auth.LIMITS.reset()
    permissions.REFUSALS.reset()
