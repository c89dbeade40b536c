"""SPEC 8 against the real server: acknowledged writes survive SIGKILL with their audit
events and an intact chain; SIGTERM lets in-flight requests finish."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import httpx
from tortoise import Tortoise

from api.db import tortoise_config
from domain import audit, passwords
from models import AuditEvent, Specialty
from tests import factories

PASSWORD = factories.PASSWORD


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _with_db(url: str, body: Any) -> Any:
    passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        return await body()
    finally:
        await Tortoise.close_connections()


def _start(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "CREDREG_DATABASE_URL": url,
        "CREDREG_ARGON2_TIME_COST": "2",
        "CREDREG_ARGON2_MEMORY_KIB": "19456",
        "CREDREG_ARGON2_PARALLELISM": "1",
        "CREDREG_WEBHOOK_WORKER": "0",
    }
    process = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.app:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "20",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("server did not start")


def _prepare(url: str) -> None:
    async def body() -> None:
        await factories.site()
        await factories.user("admin", ["ADMIN"])

    asyncio.run(_with_db(url, body))


async def _login(client: httpx.AsyncClient) -> str:
    reply = await client.post(
        "/graphql",
        json={
            "query": "mutation($u: String!, $p: String!) "
            "{ login(input: {username: $u, password: $p}) { token } }",
            "variables": {"u": "admin", "p": PASSWORD},
        },
    )
    token: str = reply.json()["data"]["login"]["token"]
    return token


CREATE = (
    'mutation($c: String!) { createSpecialty(input: {code: $c, name: "耐久"}) '
    "{ specialty { code } userErrors { code } } }"
)


def test_acknowledged_writes_survive_sigkill(database_url: str) -> None:
    _prepare(database_url)
    process, base = _start(database_url)
    acknowledged: list[str] = []

    async def fire() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            token = await _login(client)
            headers = {"authorization": f"Bearer {token}"}

            async def one(index: int) -> None:
                code = f"K{index:03d}"
                try:
                    reply = await client.post(
                        "/graphql",
                        headers=headers,
                        json={"query": CREATE, "variables": {"c": code}},
                    )
                except httpx.HTTPError:
                    return  # the server died under it: not acknowledged
                if reply.status_code == 200 and (reply.json().get("data") or {}).get(
                    "createSpecialty", {}
                ).get("specialty"):
                    acknowledged.append(code)
                    if len(acknowledged) == 30:
                        os.kill(process.pid, signal.SIGKILL)

            await asyncio.gather(*[one(i) for i in range(80)])

    try:
        asyncio.run(fire())
    finally:
        process.kill()
        process.wait(10)
    assert len(acknowledged) >= 30

    async def check() -> None:
        stored = set(await Specialty.all().values_list("code", flat=True))
        assert set(acknowledged) <= stored  # nothing acknowledged was lost
        for specialty in await Specialty.filter(code__startswith="K"):
            events = await AuditEvent.filter(
                entity_type="Specialty", entity_id=str(specialty.id)
            ).count()
            assert events == 1, specialty.code  # no row without its audit event
        report = await audit.verify_chain()
        assert report.ok, report.problem

    asyncio.run(_with_db(database_url, check))


def test_sigterm_finishes_in_flight_requests(database_url: str) -> None:
    _prepare(database_url)
    process, base = _start(database_url)

    async def run() -> list[int]:
        async with httpx.AsyncClient(base_url=base, timeout=20) as client:
            login = {
                "query": "mutation($u: String!, $p: String!) { login(input: "
                "{username: $u, password: $p}) { token } }",
                "variables": {"u": "admin", "p": PASSWORD},
            }
            # Argon2 runs at most two at a time, so 24 logins take a while.
            pending = [asyncio.create_task(client.post("/graphql", json=login)) for _ in range(24)]
            await asyncio.sleep(0.1)
            process.send_signal(signal.SIGTERM)
            replies = await asyncio.gather(*pending)
            return [r.status_code for r in replies]

    try:
        statuses = asyncio.run(run())
        assert statuses == [200] * 24
        # uvicorn exits promptly after draining, re-raising the signal it caught.
        assert process.wait(15) in (0, -signal.SIGTERM)
    finally:
        if process.poll() is None:
            process.kill()
