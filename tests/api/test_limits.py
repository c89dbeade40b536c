"""Issue 13 item 7: request body limit (announced and streamed), larger only for the
import mutations with a credential, slow bodies and slow headers (slowloris) cut off."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.limits import HeaderTimeoutH11Protocol, HeaderTimeoutHttpToolsProtocol
from api.settings import Settings
from domain import clock, passwords
from tests import factories

SMALL, IMPORT = 20_000, 100_000


@pytest.fixture
async def limited(
    db: None, database_url: str, fixed_clock: clock.FixedClock
) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database_url=database_url,
        argon2_time_cost=2,
        argon2_memory_kib=19456,
        argon2_parallelism=1,
        max_body_bytes=SMALL,
        max_import_body_bytes=IMPORT,
        body_read_timeout_seconds=1,
    )
    app = create_app(settings, manage_database=False)
    clock.set_clock(fixed_clock)
    passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as http:
        yield http


def body_of(size: int, operation: str = "createSite") -> bytes:
    query = (
        f'mutation($n: String!) {{ {operation}(input: {{code: "X", name: $n}}) {{ __typename }} }}'
    )
    padding = "x" * max(size - len(query) - 40, 0)
    return json.dumps({"query": query, "variables": {"n": padding}}).encode()


def assert_413(response: httpx.Response) -> None:
    assert response.status_code == 413, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert error["extensions"]["maxBytes"] == SMALL


JSON = {"content-type": "application/json"}


async def test_r_body_limit_on_content_length(limited: httpx.AsyncClient) -> None:
    assert_413(await limited.post("/graphql", content=body_of(SMALL + 1000), headers=JSON))
    # Far over every limit: refused on the header alone.
    response = await limited.post(
        "/graphql", content=b"{}", headers={**JSON, "content-length": str(10**12)}
    )
    assert response.status_code == 413
    bad = await limited.post("/graphql", content=b"{}", headers={**JSON, "content-length": "12ab"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["code"]
    # Under the limit: the ordinary answer.
    ok = await limited.post("/graphql", content=body_of(SMALL - 1000), headers=JSON)
    assert ok.status_code == 200


async def test_r_body_limit_on_streamed_body(limited: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        body = body_of(SMALL * 3)
        for start in range(0, len(body), 4096):
            yield body[start : start + 4096]

    response = await limited.post("/graphql", content=chunks(), headers=JSON)
    assert_413(response)


async def test_r_import_mutations_may_send_more_with_a_credential(
    limited: httpx.AsyncClient,
) -> None:
    await factories.hospital()
    token = await factories.token_for("importer", ["ADMIN"])
    auth = {**JSON, "authorization": f"Bearer {token}"}
    big_import = body_of(SMALL * 3, "importPractitioners")
    # Anonymous: refused by size before anything else.
    assert_413(await limited.post("/graphql", content=big_import, headers=JSON))
    # With a credential, an import may be larger (the mutation then answers as usual).
    accepted = await limited.post("/graphql", content=big_import, headers=auth)
    assert accepted.status_code != 413
    # Not an import: the ordinary limit even with a credential.
    assert_413(await limited.post("/graphql", content=body_of(SMALL * 3), headers=auth))
    # Over the import limit: refused.
    huge = body_of(IMPORT + 1000, "importPractitioners")
    response = await limited.post("/graphql", content=huge, headers=auth)
    assert response.status_code == 413


async def test_r_slow_body_is_cut_off(limited: httpx.AsyncClient) -> None:
    async def trickle() -> AsyncIterator[bytes]:
        yield b'{"query": "{ viewer '
        await asyncio.sleep(1.5)
        yield b'{ name } }"}'

    started = time.monotonic()
    response = await limited.post("/graphql", content=trickle(), headers=JSON)
    assert response.status_code == 408
    assert response.json()["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"
    assert time.monotonic() - started < 3


async def _plain_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture(params=["httptools", "h11"])
def slow_server(request: pytest.FixtureRequest) -> Iterator[int]:
    protocol = (
        HeaderTimeoutHttpToolsProtocol
        if request.param == "httptools"
        else (HeaderTimeoutH11Protocol)
    )
    assert protocol is not None
    previous = protocol.header_timeout
    protocol.header_timeout = 0.5
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        _plain_app, host="127.0.0.1", port=port, http=protocol, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(5)
        protocol.header_timeout = previous


def test_r_slowloris_headers_are_cut_off(slow_server: int) -> None:
    with socket.create_connection(("127.0.0.1", slow_server), timeout=5) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        started = time.monotonic()
        received = conn.recv(4096)
        assert time.monotonic() - started < 3
    assert received.startswith(b"HTTP/1.1 408") or received == b""
    # A request sent in time is answered, and a kept-alive connection gets a fresh timer.
    with socket.create_connection(("127.0.0.1", slow_server), timeout=5) as conn:
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert conn.recv(4096).startswith(b"HTTP/1.1 200")
        conn.sendall(b"GET / HTTP/1.1\r\n")
        started = time.monotonic()
        rest = conn.recv(4096)
        assert time.monotonic() - started < 3
        assert rest.startswith(b"HTTP/1.1 408") or rest == b""
