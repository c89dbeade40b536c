"""Tortoise engine for PostgreSQL read replicas: a read that fails on a replica is read
again on the primary, so a replica going away mid-request is never the client's error.

A connection failure (refused, reset, the server shutting down, a timeout) also marks the
replica unhealthy: requests stop being routed to it until the re-check interval has
passed (domain/replicas.py). Any other error (a query cancelled by a conflict with
recovery, a read-only refusal) is retried on the primary without marking it: a real
error in the query then comes back from the primary as it would have without replicas.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
from tortoise import connections
from tortoise.backends.asyncpg.client import AsyncpgDBClient
from tortoise.exceptions import DBConnectionError

from domain.replicas import PROBING, ROUTER

CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # refused, reset, unreachable
    asyncio.TimeoutError,
    DBConnectionError,
    asyncpg.PostgresConnectionError,
    asyncpg.InterfaceError,  # the connection closed under the query
    asyncpg.exceptions.OperatorInterventionError,  # shutting down, cannot connect now
)


class ReplicaClient(AsyncpgDBClient):
    async def _on_primary(self, error: Exception, method: str, *args: Any) -> Any:
        if PROBING.get():
            raise error
        if isinstance(error, CONNECTION_ERRORS):
            ROUTER.mark_failed(self.connection_name, error)
        ROUTER.fallbacks["error"] += 1
        return await getattr(connections.get("default"), method)(*args)

    async def execute_query(
        self, query: str, values: list[Any] | None = None
    ) -> tuple[int, list[Any]]:
        try:
            return await super().execute_query(query, values)
        except Exception as error:
            return await self._on_primary(error, "execute_query", query, values)  # type: ignore[no-any-return]

    async def execute_query_dict(
        self, query: str, values: list[Any] | None = None
    ) -> list[dict[str, Any]]:
        try:
            return await super().execute_query_dict(query, values)
        except Exception as error:
            return await self._on_primary(error, "execute_query_dict", query, values)  # type: ignore[no-any-return]


client_class = ReplicaClient
