"""Tortoise SQLite engine with the durability and locking SPEC section 8 asks for.

- WAL with synchronous=FULL: an acknowledged commit survives a kill of the process.
- Write transactions begin IMMEDIATE: a read-then-write transaction begun DEFERRED can
  fail with SQLITE_BUSY when several processes write, busy timeout or not.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper
from tortoise.exceptions import TransactionManagementError


class DurableSqliteTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise TransactionManagementError(exc) from exc


class DurableSqliteClient(SqliteClient):
    def __init__(self, file_path: str, **kwargs: Any) -> None:
        super().__init__(file_path, **kwargs)
        self.pragmas.setdefault("synchronous", "FULL")
        self.pragmas.setdefault("busy_timeout", 10000)

    def _in_transaction(self) -> Any:
        from tortoise.backends.sqlite.client import SqliteTransactionContext

        return SqliteTransactionContext(DurableSqliteTransactionWrapper(self), self._lock)


client_class = DurableSqliteClient
