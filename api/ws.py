"""WebSockets that follow the credential they were opened with (issue 13, item 1; issue
14, item 5).

A socket authenticates with its `connection_init` message: the payload's
`authorization` (`{"authorization": "Bearer <token>"}`, the graphql-ws convention, which
browsers can send; they cannot set headers on a WebSocket), or else the handshake's
Authorization header (machine clients). Without a valid credential the socket is closed
with 4403 instead of acknowledged. Without more, a logout, a revoked API key or a
deactivated user would keep its subscriptions and its queries alive. Here:

- every operation (subscribe message) re-authenticates against the current registry
  state and runs with the fresh actor (roles read again);
- a watcher re-authenticates every few seconds (CREDREG_WS_RECHECK_MS);
- a subscription re-authenticates before it delivers an event newer than the last check
  (a revocation is audited, so it comes before any later change in the log);
- when the credential has ended the socket's operations are cancelled and the socket is
  closed with 4403.

Malformed protocol messages (not an object, a payload that is not an object, a query
that is not a string) close the socket with 4400 instead of crashing the handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from typing import Any

from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)

from domain import audit, auth
from domain.actors import Actor
from domain.i18n import translate as _
from schema.context import CURRENT_ACTOR, Context

log = logging.getLogger("credreg.ws")

CREDENTIAL_ENDED = 4403
DEFAULT_RECHECK_SECONDS = 1.5


def token_of_init(payload: Any) -> str | None:
    """The bearer token of a connection_init payload (`authorization`, any case)."""
    if not isinstance(payload, dict):
        return None
    for key, value in payload.items():
        if isinstance(key, str) and key.lower() == "authorization" and isinstance(value, str):
            scheme, _, token = value.partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
            return None
    return None


class SocketGuard:
    """The socket's credential: is it still valid, and the actor it stands for now."""

    def __init__(self, token: str | None, actor: Actor, request_id: str) -> None:
        self.token = token
        self.actor = actor
        self.request_id = request_id
        self.authenticated = actor.authenticated  # until connection_init says otherwise
        self.verified_seq = -1
        self.ended = False
        self.on_end: list[Any] = []
        self.lock = asyncio.Lock()

    async def refresh(self) -> tuple[Actor, tuple[int, str] | None]:
        """Authenticate again; marks the guard ended when the credential is gone."""
        if not self.authenticated:
            return self.actor, None
        async with self.lock:
            if self.ended:
                return self.actor, None
            state = await audit.registry_state()
            actor = await auth.authenticate(self.token, self.request_id, state)
            if not actor.authenticated:
                await self.end()
                return actor, state
            self.actor = actor
            self.verified_seq = max(self.verified_seq, state[0])
            return actor, state

    async def still_valid(self, seq: int) -> bool:
        """Before delivering the event `seq`: checked again unless a check at or after
        that seq already passed."""
        if self.ended:
            return False
        if not self.authenticated or seq <= self.verified_seq:
            return True
        await self.refresh()
        return not self.ended

    async def end(self) -> None:
        if self.ended:
            return
        self.ended = True
        for callback in self.on_end:
            with contextlib.suppress(Exception):
                await callback()


def guard_of(context: Any) -> SocketGuard | None:
    guard = getattr(context, "socket_guard", None)
    return guard if isinstance(guard, SocketGuard) else None


def _valid_subscribe(message: dict[str, Any]) -> bool:
    payload = message.get("payload")
    return (
        isinstance(message.get("id"), str)
        and 0 < len(message["id"]) <= 128
        and isinstance(payload, dict)
        and isinstance(payload.get("query"), str)
        and isinstance(payload.get("variables") or {}, dict)
        and isinstance(payload.get("operationName") or "", str)
    )


class GuardedTransportWSHandler(BaseGraphQLTransportWSHandler[Context, None]):
    recheck_seconds: float = DEFAULT_RECHECK_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        context: Context = self.context
        from api.http import bearer_token

        headers = self.websocket.ws.headers  # type: ignore[attr-defined]
        self.guard = SocketGuard(bearer_token(headers), context.actor, context.request_id)
        self.guard.on_end.append(self._close_for_ended_credential)
        context.socket_guard = self.guard  # type: ignore[attr-defined]
        self.closed = False
        self.watcher: asyncio.Task[None] | None = None

    async def handle(self) -> None:
        try:
            await super().handle()
        finally:
            if self.watcher is not None:
                self.watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await self.watcher

    async def _watch(self) -> None:
        while not self.guard.ended and not self.closed:
            await asyncio.sleep(self.recheck_seconds)
            try:
                await self.guard.refresh()
            except Exception:  # a database hiccup: check again next time
                log.warning("re-authenticating a WebSocket failed", exc_info=True)

    async def _close_for_ended_credential(self) -> None:
        if self.closed:
            return
        self.closed = True
        current = asyncio.current_task()
        for operation_id, operation in list(self.operations.items()):
            if operation.task is current:  # the operation closing the socket ends itself
                self.operations.pop(operation_id, None)
                continue
            await self.cleanup_operation(operation_id)
        with contextlib.suppress(Exception):
            await self.websocket.close(code=CREDENTIAL_ENDED, reason=_("The credential has ended"))

    async def handle_message(self, message: Any) -> None:
        if not isinstance(message, dict) or not isinstance(message.get("type"), str):
            await self.handle_invalid_message(_("A message must be a JSON object with a type"))
            return
        if message["type"] == "subscribe" and not _valid_subscribe(message):
            await self.handle_invalid_message(_("The subscribe message is malformed"))
            return
        if message["type"] == "connection_init" and not isinstance(
            message.get("payload") or {}, dict
        ):
            await self.handle_invalid_message(_("The connection_init payload must be an object"))
            return
        if self.closed:
            return
        await super().handle_message(message)  # type: ignore[arg-type]

    async def send_message(self, message: Any) -> None:
        if self.closed:  # nothing more goes out on a socket closed for its credential
            return
        await super().send_message(message)

    async def handle_invalid_message(self, error_message: str) -> None:
        self.closed = True
        await super().handle_invalid_message(error_message)

    async def handle_connection_init(self, message: Any) -> None:
        """Authenticate from the payload (or the handshake header); 4403 otherwise."""
        if self.connection_init_received or self.connection_timed_out:
            await super().handle_connection_init(message)  # 4429, as strawberry does
            return
        payload = message.get("payload") or {}
        token = token_of_init(payload) or self.guard.token
        actor: Actor | None = None
        state = None
        if token is not None:
            state = await audit.registry_state()
            actor = await auth.authenticate(token, self.guard.request_id, state)
        if actor is None or not actor.authenticated:
            if self.connection_init_timeout_task:
                self.connection_init_timeout_task.cancel()
            self.closed = True
            with contextlib.suppress(Exception):
                await self.websocket.close(code=CREDENTIAL_ENDED, reason="Forbidden")
            return
        self.guard.token = token
        self.guard.actor = actor
        self.guard.authenticated = True
        self.guard.verified_seq = state[0] if state is not None else -1
        self.context = dataclasses.replace(
            self.context, actor=actor, registry_state=state, _loaders=None
        )
        self.context.socket_guard = self.guard  # type: ignore[attr-defined]
        CURRENT_ACTOR.set(actor)
        if self.watcher is None:
            self.watcher = asyncio.create_task(self._watch())
        await super().handle_connection_init(message)

    async def handle_subscribe(self, message: Any) -> None:
        if self.guard.authenticated:
            actor, state = await self.guard.refresh()
            if self.guard.ended:
                return  # the socket is closed with 4403
            self.context = dataclasses.replace(
                self.context, actor=actor, registry_state=state, _loaders=None
            )
            self.context.socket_guard = self.guard  # type: ignore[attr-defined]
            CURRENT_ACTOR.set(actor)  # the operation's task copies this context
        await super().handle_subscribe(message)
