"""Issue 13 item 12: a stopped database answers 503 with a typed retryable error and
Retry-After; /readyz says not ready when the database is read-only or the disk full."""

from __future__ import annotations

import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from tortoise import Tortoise

from api import availability
from api.db import tortoise_config
from domain import sql
from tests import factories
from tests.conftest import USE_POSTGRES, _pg_admin

UNREACHABLE = "postgres://postgres@127.0.0.1:1/credreg_stopped"


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "DATABASE_UNAVAILABLE"
    assert error["extensions"]["retryable"] is True
    assert "Traceback" not in response.text


@pytest.fixture
async def stopped(client: httpx.AsyncClient, settings: object) -> AsyncIterator[None]:
    """The database goes away under a running service."""
    await Tortoise.close_connections()
    sql.close_direct_connections()
    await Tortoise.init(config=tortoise_config(UNREACHABLE), _enable_global_fallback=True)
    yield


async def test_r_stopped_database_answers_503_retryable(
    client: httpx.AsyncClient, stopped: None
) -> None:
    assert_unavailable(await client.post("/graphql", json={"query": "{ viewer { name } }"}))
    assert_unavailable(await client.get("/graphql", params={"query": "{ viewer { name } }"}))
    trusted = Path(__file__).parents[2] / "schema" / "trusted" / "privilegeChecks.graphql"
    assert_unavailable(
        await client.post(
            "/graphql",
            json={"query": trusted.read_text().strip(), "variables": {"inputs": []}},
            headers={"authorization": "Bearer crk_abc_def"},
        )
    )
    ready = await client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["database"] == "unreachable"
    assert (await client.get("/healthz")).status_code == 200  # the process itself is alive


async def test_r_readyz_ready(client: httpx.AsyncClient) -> None:
    reply = await client.get("/readyz")
    assert reply.status_code == 200 and reply.json() == {"status": "ready", "database": "ok"}


@pytest.mark.skipif(USE_POSTGRES, reason="a SQLite file")
async def test_r_readyz_sqlite_read_only_file(client: httpx.AsyncClient, database_url: str) -> None:
    path = database_url[len("sqlite://") :]
    mode = os.stat(path).st_mode
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        reply = await client.get("/readyz")
    finally:
        os.chmod(path, mode)
    assert reply.status_code == 503 and reply.json()["database"] == "read-only"
    assert "retry-after" in reply.headers


@pytest.mark.skipif(USE_POSTGRES, reason="the SQLite volume")
async def test_r_readyz_disk_full(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(availability, "MIN_FREE_BYTES", 2**62)  # no volume has this free
    reply = await client.get("/readyz")
    assert reply.status_code == 503 and reply.json()["database"] == "disk-full"


@pytest.mark.skipif(not USE_POSTGRES, reason="a PostgreSQL setting")
async def test_r_readyz_and_writes_on_a_read_only_postgres(
    client: httpx.AsyncClient, database_url: str
) -> None:
    await factories.hospital()
    token = await factories.token_for("admin", ["ADMIN"])
    name = database_url.rsplit("/", 1)[1]
    await _pg_admin(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    await Tortoise.close_connections()
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        reply = await client.get("/readyz")
        assert reply.status_code == 503 and reply.json()["database"] == "read-only"
        write = await client.post(
            "/graphql",
            json={
                "query": 'mutation { createSpecialty(input: {code: "CARD", name: "心内科"}) '
                "{ specialty { code } userErrors { code } } }"
            },
            headers={"authorization": f"Bearer {token}"},
        )
        assert_unavailable(write)
    finally:
        await Tortoise.close_connections()
        await _pg_admin(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off')
        await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
