"""The SQLite engine runs a transaction's statements on the event loop's thread, and
hands to aiosqlite's thread what may take long (api/sqlite_engine.py, issue 19 item 2)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading

import pytest
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from api import sqlite_engine
from api.sqlite_engine import LoopConnection
from domain import sql
from tests.conftest import USE_POSTGRES

pytestmark = pytest.mark.skipif(USE_POSTGRES, reason="the SQLite engine")


def _connection() -> LoopConnection:
    found = Tortoise.get_connection("default")._connection  # type: ignore[attr-defined]
    assert isinstance(found, LoopConnection)
    return found


async def _prepare() -> None:
    """A function telling which thread ran a statement, and a scratch table."""
    await sql.fetch_one("SELECT 1")  # the ORM connects on first use
    connection = _connection()
    await connection._execute(connection._conn.create_function, "thread_id", 0, threading.get_ident)
    await sql.execute("CREATE TABLE IF NOT EXISTS engine_probe (thread INTEGER)")


async def _thread_of_select() -> int:
    row = await sql.fetch_one("SELECT thread_id() AS thread")
    assert row is not None
    return int(row["thread"])


async def test_transaction_statements_run_on_the_loop_thread(db: None) -> None:
    await _prepare()
    here = threading.get_ident()
    assert await _thread_of_select() != here  # outside a transaction: aiosqlite's thread
    async with in_transaction("default"):
        assert await _thread_of_select() == here
        await sql.execute("INSERT INTO engine_probe (thread) VALUES (thread_id())")
    assert await _thread_of_select() != here  # after COMMIT: the thread again
    rows = await sql.fetch("SELECT thread FROM engine_probe")
    assert [int(r["thread"]) for r in rows] == [here]  # and the inline insert committed


async def test_after_the_budget_statements_go_to_the_thread(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _prepare()
    here = threading.get_ident()
    monkeypatch.setattr(sqlite_engine, "INLINE_BUDGET_S", 0.0)
    async with in_transaction("default"):
        assert await _thread_of_select() != here


async def test_a_large_executemany_goes_to_the_thread(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _prepare()
    here = threading.get_ident()
    monkeypatch.setattr(sqlite_engine, "INLINE_MAX_ROWS", 2)
    async with in_transaction("default") as conn:
        await conn.execute_many("INSERT INTO engine_probe (thread) VALUES (thread_id() + ?)", [[0]])
        await conn.execute_many(
            "INSERT INTO engine_probe (thread) VALUES (thread_id() + ?)", [[0], [0], [0]]
        )
    rows = [int(r["thread"]) for r in await sql.fetch("SELECT thread FROM engine_probe")]
    assert rows[0] == here and len(rows) == 4
    assert all(thread != here for thread in rows[1:])


async def test_a_failed_transaction_rolls_back_and_leaves_inline_mode(db: None) -> None:
    await _prepare()
    here = threading.get_ident()
    with pytest.raises(RuntimeError):
        async with in_transaction("default"):
            await sql.execute("INSERT INTO engine_probe (thread) VALUES (thread_id())")
            raise RuntimeError("refused")
    assert await sql.fetch("SELECT thread FROM engine_probe") == []
    assert await _thread_of_select() != here
    assert not _connection().run_inline


async def test_begin_waits_for_another_writer_without_blocking_the_loop(
    db: None, database_url: str
) -> None:
    """Another process's write lock: BEGIN waits in the thread (the busy timeout), the
    loop goes on meanwhile, and the transaction runs once the lock is released."""
    await _prepare()
    other = sqlite3.connect(database_url.removeprefix("sqlite://"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    ticks = 0
    done = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    async def write() -> None:
        async with in_transaction("default"):
            await sql.execute("INSERT INTO engine_probe (thread) VALUES (1)")

    ticking = asyncio.create_task(ticker())
    writing = asyncio.create_task(write())
    await asyncio.sleep(0.3)
    assert not writing.done()  # waiting for the other writer
    assert ticks >= 10  # and the loop was not blocked meanwhile
    other.execute("COMMIT")
    other.close()
    await asyncio.wait_for(writing, 10)
    done.set()
    await ticking
    assert [int(r["thread"]) for r in await sql.fetch("SELECT thread FROM engine_probe")] == [1]


async def test_busy_timeout_is_restored_after_an_inline_begin(db: None) -> None:
    async with in_transaction("default"):
        pass
    row = await sql.fetch_one("PRAGMA busy_timeout")
    assert row is not None and int(next(iter(dict(row).values()))) == 10_000


async def test_direct_reads_outside_transactions_only(db: None) -> None:
    rows = sql.fetch_directly("SELECT seq FROM audit_head WHERE id = 1")
    assert rows is not None and len(rows) == 1
    async with in_transaction("default"):
        assert sql.fetch_directly("SELECT seq FROM audit_head WHERE id = 1") is None


async def test_a_long_transaction_lets_the_loop_go_round(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Statements inline, but never more than INLINE_SLICE_S without a turn of the loop:
    a task that only needs the loop runs while a long transaction goes on."""
    await _prepare()
    monkeypatch.setattr(sqlite_engine, "INLINE_SLICE_S", 0.0)
    ran = asyncio.Event()

    async def other() -> None:
        ran.set()

    async with in_transaction("default"):
        task = asyncio.create_task(other())
        for _ in range(3):
            await sql.execute("INSERT INTO engine_probe (thread) VALUES (thread_id())")
        assert ran.is_set()  # it ran between two statements of the transaction
    await task
    here = threading.get_ident()
    rows = await sql.fetch("SELECT thread FROM engine_probe")
    assert [int(r["thread"]) for r in rows] == [here] * 3  # still inline
