"""Request size and slowness limits (issue 13, item 7).

- BodyLimitMiddleware: a body larger than CREDREG_MAX_BODY_BYTES (default 4 MiB) is
  refused with a typed 413, whether announced by Content-Length or streamed (chunked).
  Only the import mutations (importPractitioners, importProcedureCatalogue,
  importProcedures), sent with a valid credential, may be larger, up to
  CREDREG_MAX_IMPORT_BODY_BYTES (default 20 MiB: a base64 .xlsx of ~15 MB). A body that
  trickles in slower than CREDREG_BODY_READ_TIMEOUT_SECONDS is refused with 408.
- Header read timeout (slowloris): `credreg serve` runs uvicorn with the protocols below,
  which close a connection whose request headers are not complete within
  CREDREG_HEADER_TIMEOUT_SECONDS of the connection opening (or of the previous response
  on a kept-alive connection), answering 408 first.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.i18n import translate

IMPORT_OPERATIONS = re.compile(
    rb"\b(?:importPractitioners|importProcedureCatalogue|importProcedures)\b"
)
BODYLESS = {"GET", "HEAD", "OPTIONS", "DELETE"}


def _refuse(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code, **extra}}]},
        status_code=status,
        headers={"connection": "close"},
    )


class BodyLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        max_body: int = 4 * 1024 * 1024,
        max_import_body: int = 20 * 1024 * 1024,
        read_timeout: float = 30.0,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_import_body = max(max_import_body, max_body)
        self.read_timeout = read_timeout

    def too_large(self, limit: int) -> JSONResponse:
        return _refuse(
            413,
            "PAYLOAD_TOO_LARGE",
            translate(
                "The request body is over the limit of {limit} bytes; an import file (at most "
                "{import_limit} bytes) may be sent only to an import operation, with valid "
                "credentials",
                limit=limit,
                import_limit=self.max_import_body,
            ),
            maxBytes=limit,
        )

    async def may_send_large(self, headers: Headers) -> bool:
        """Only a caller with a valid credential may send an import-sized body."""
        from api.http import bearer_token
        from domain import auth

        token = bearer_token(headers)
        if not token:
            return False
        try:
            return (await auth.authenticate(token)).authenticated
        except Exception:  # the database decides elsewhere; here it only costs the caller
            return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        declared_raw = headers.get("content-length")
        if scope["method"] in BODYLESS and declared_raw in (None, "0"):
            if "transfer-encoding" not in headers:
                await self.app(scope, receive, send)
                return
        declared: int | None = None
        if declared_raw is not None:
            if not (declared_raw.isascii() and declared_raw.isdigit()) or len(declared_raw) > 15:
                await _refuse(400, "BAD_REQUEST", translate("Content-Length is not valid"))(
                    scope, receive, send
                )
                return
            declared = int(declared_raw)
            if declared > self.max_import_body:
                await self.too_large(self.max_body)(scope, receive, send)
                return
        limit = self.max_body
        if declared is not None and declared > self.max_body:
            if not await self.may_send_large(headers):
                await self.too_large(self.max_body)(scope, receive, send)
                return
            limit = self.max_import_body
        chunks: list[bytes] = []
        total = 0
        try:
            async with asyncio.timeout(self.read_timeout):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunk = message.get("body", b"")
                    total += len(chunk)
                    if total > limit:
                        if limit == self.max_body and await self.may_send_large(headers):
                            limit = self.max_import_body
                        if total > limit:
                            await self.too_large(self.max_body)(scope, receive, send)
                            return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await _refuse(
                408,
                "REQUEST_TIMEOUT",
                translate(
                    "The request body did not arrive within {seconds:g} seconds",
                    seconds=self.read_timeout,
                ),
            )(scope, receive, send)
            return
        body = b"".join(chunks)
        if total > self.max_body and not IMPORT_OPERATIONS.search(body):
            await self.too_large(self.max_body)(scope, receive, send)
            return
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


# --- header read timeout (uvicorn protocols) ----------------------------------------


def _header_timeout() -> float:
    from api.settings import load_settings

    return load_settings().header_timeout_seconds


class _HeaderTimer:
    """Mixed into a uvicorn HTTP protocol: the request headers must arrive in time."""

    header_timeout: float | None = None
    _header_timer: asyncio.TimerHandle | None = None
    transport: Any
    loop: asyncio.AbstractEventLoop

    def _arm(self) -> None:
        self._disarm()
        if type(self).header_timeout is None:
            type(self).header_timeout = _header_timeout()
        timeout = type(self).header_timeout
        if timeout and timeout > 0:
            self._header_timer = self.loop.call_later(timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.write(_timeout_response())
            self.transport.close()


def _timeout_response() -> bytes:
    body = (
        b'{"errors":[{"message":"request headers too slow",'
        b'"extensions":{"code":"REQUEST_TIMEOUT"}}]}'
    )
    return (
        b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
        + b"content-length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class HeaderTimeoutHttpToolsProtocol(_HeaderTimer, HttpToolsProtocol):  # type: ignore[misc]
        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()  # the next request on a kept-alive connection

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

except ImportError:  # pragma: no cover - httptools is part of uvicorn[standard]
    HeaderTimeoutHttpToolsProtocol = None  # type: ignore[assignment,misc]


import h11  # noqa: E402
from uvicorn.protocols.http.h11_impl import H11Protocol  # noqa: E402


class HeaderTimeoutH11Protocol(_HeaderTimer, H11Protocol):  # type: ignore[misc]
    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._header_timer is not None and self.conn.their_state is not h11.IDLE:
            self._disarm()  # the request line and headers are complete

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def header_timeout_protocol() -> type:
    chosen: type | None = HeaderTimeoutHttpToolsProtocol
    return chosen if chosen is not None else HeaderTimeoutH11Protocol
