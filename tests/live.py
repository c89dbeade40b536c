"""A real server for the tests whose clients are real programs (node: Apollo's link,
the graphql-http audit): uvicorn in a subprocess on the test's own database."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from tortoise import Tortoise

from api.db import tortoise_config
from domain import passwords

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "scripts" / "node"


def node_ready() -> bool:
    """node on PATH and the clients installed (`npm ci` in scripts/node; .ci/run does)."""
    return shutil.which("node") is not None and (NODE_DIR / "node_modules").is_dir()


def with_db(url: str, body: Callable[[], Awaitable[Any]]) -> Any:
    async def run() -> Any:
        passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
        await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
        try:
            return await body()
        finally:
            await Tortoise.close_connections()

    return asyncio.run(run())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(url: str, key_dir: str, **env: str) -> Iterator[str]:
    port = _free_port()
    environment = {
        **os.environ,
        "CREDREG_DATABASE_URL": url,
        "CREDREG_KEY_DIR": key_dir,
        "CREDREG_ARGON2_TIME_COST": "2",
        "CREDREG_ARGON2_MEMORY_KIB": "19456",
        "CREDREG_ARGON2_PARALLELISM": "1",
        "CREDREG_WEBHOOK_WORKER": "0",
        **env,
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
        ],
        env=environment,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("server did not start")
            time.sleep(0.1)
        yield f"{base}/graphql"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def run_node(script: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own scripts
        ["node", str(NODE_DIR / script), *args],  # noqa: S607 - node from PATH
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=NODE_DIR,
        check=False,
    )
