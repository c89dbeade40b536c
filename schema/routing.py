"""Read-only operations may read a PostgreSQL replica (domain/replicas.py); mutations
report the registry version they left, so a client can ask for it back.

- A query is routed before it executes: to a replica that has reached the version the
  request needs, else to the primary. The request then answers from that replica's
  state (`registryVersion` of its decisions).
- After a mutation the primary's head is remembered for the credential (this worker)
  and returned as `extensions.registryVersion`; a client sends it back as
  `X-Credreg-Min-Version` to read its own write from any worker.
- Subscriptions, mutations and anything in a write transaction read the primary.

Installed only when replicas are configured.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextvars import Token
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from domain import audit, sql
from domain.replicas import ROUTER


async def route_request(context: Any) -> Token[str | None] | None:
    """Send this read-only request's reads to a caught-up replica, if there is one."""
    if not ROUTER.enabled:
        return None
    chosen = await ROUTER.route(
        context.actor.key, context.registry_state, getattr(context, "min_version", None)
    )
    if chosen is None:
        return None
    name, head = chosen
    context.registry_state = head  # the state the replica answers from
    return sql.READ_TARGET.set(name)


def release(token: Token[str | None] | None) -> None:
    if token is not None:
        sql.READ_TARGET.reset(token)


class ReadRouting(SchemaExtension):
    version: int | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        try:
            operation = context.operation_type
        except Exception:  # no valid operation: nothing will execute
            operation = None
        token = None
        if operation is OperationType.QUERY:
            token = await route_request(context.context)
            state = getattr(context.context, "registry_state", None)
            self.version = state[0] if state else None
        try:
            yield
        finally:
            release(token)
        if operation is OperationType.MUTATION:
            seq = (await audit.registry_state())[0]
            ROUTER.remember_write(context.context.actor.key, seq)
            self.version = seq

    def get_results(self) -> dict[str, Any]:
        return {} if self.version is None else {"registryVersion": str(self.version)}


def extensions() -> list[type[SchemaExtension]]:
    return [ReadRouting] if ROUTER.enabled else []
