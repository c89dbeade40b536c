"""The reader's language, negotiated in one place for every HTTP and WebSocket request.

`Accept-Language` (RFC 9110: tags with optional q-weights) picks zh-CN or en; a request
that names neither gets the site's CREDREG_LOCALE. The choice is set as the request's
locale (domain.i18n's context variable) before any route runs, so GraphQL messages,
userErrors, decision reasons and exports all read it; responses say which language they
are in (`Content-Language`) and that it depends on the header (`Vary`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain import i18n


@lru_cache(maxsize=512)
def _preferred(header: str) -> str | None:
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                weight = 0.0
        if weight > 0 and tag.strip():
            weighted.append((-weight, position, tag.strip()))
    for _weight, _position, tag in sorted(weighted):
        found = i18n.supported(tag)
        if found is not None:
            return found
    return None


def negotiate(accept_language: str | None, default: str | None = None) -> str:
    """The supported locale the header prefers most, else `default` (the site's)."""
    if accept_language:
        found = _preferred(accept_language[:512])
        if found is not None:
            return found
    return i18n.supported(default) or i18n.default_locale()


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


class LocaleMiddleware:
    """Sets the request's locale for everything downstream (pure ASGI: the context
    variable reaches the route, its resolvers and the tasks they start)."""

    def __init__(self, app: ASGIApp, default: str | None = None) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        locale = negotiate(_header(scope, b"accept-language"), self.default)
        token = i18n.set_current_locale(locale)
        try:
            if scope["type"] == "http":
                await self.app(scope, receive, _with_language(send, locale))
            else:
                await self.app(scope, receive, send)
        finally:
            i18n.reset_current_locale(token)


def _with_language(send: Send, locale: str) -> Send:
    async def send_with_language(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers: list[Any] = list(message.get("headers", ()))
            names = {key.lower() for key, _value in headers}
            if b"content-language" not in names:
                headers.append((b"content-language", locale.encode()))
            if b"vary" in names:
                headers = [
                    (key, value + b", Accept-Language")
                    if key.lower() == b"vary" and b"accept-language" not in value.lower()
                    else (key, value)
                    for key, value in headers
                ]
            else:
                headers.append((b"vary", b"Accept-Language"))
            message = {**message, "headers": headers}
        await send(message)

    return send_with_language
