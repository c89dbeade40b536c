"""The server checkpoints SQLite's log in a thread of its own, not in the COMMIT on the
loop's thread that fills it (api/sqlite_checkpoints.py, issue 19 item 2)."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from api import sqlite_checkpoints
from api.sqlite_checkpoints import SAFETY_NET_PAGES, WalCheckpointer, database_path
from tests.conftest import USE_POSTGRES


def _writer(path: Path) -> sqlite3.Connection:
    """A connection as the server's ORM one: WAL, no automatic checkpoints."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")  # the test's commits need not reach the disk
    connection.execute("PRAGMA journal_size_limit=16384")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)")
    return connection


def _write_pages(connection: sqlite3.Connection, pages: int) -> None:
    for _ in range(pages):  # a commit of a row filling a 4 KB page: one to three frames
        connection.execute("INSERT INTO filler (body) VALUES (?)", ("x" * 3900,))


def _size(path: Path) -> int:
    return os.path.getsize(path)


async def _run_until(
    path: Path, done: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> WalCheckpointer:
    """The server's task on `path`, looking every 10 ms, due at 50 pages: write 80 pages
    and wait (up to 5 s) until `done` is set; the task has stopped when this returns."""
    monkeypatch.setattr(sqlite_checkpoints, "WAL_PAGES", 50)
    monkeypatch.setattr(sqlite_checkpoints, "CHECK_EVERY_S", 0.01)
    writer = _writer(path)
    try:
        async with sqlite_checkpoints.running_checkpoints(f"sqlite://{path}") as checkpointer:
            assert checkpointer is not None
            _write_pages(writer, 80)
            assert await asyncio.to_thread(done.wait, 5)
            assert checkpointer.runs >= 1
    finally:
        writer.close()
    return checkpointer


def test_database_path() -> None:
    assert database_path("sqlite:///srv/credreg/db.sqlite3") == "/srv/credreg/db.sqlite3"
    assert database_path("sqlite://credreg.sqlite3") == "credreg.sqlite3"
    assert database_path("sqlite://:memory:") is None
    assert database_path("postgres://postgres@127.0.0.1:5432/x") is None


def test_a_full_log_is_copied_back_by_the_checkpointer(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _writer(path)
    checkpointer = WalCheckpointer(str(path), wal_pages=300)
    _write_pages(writer, 20)  # a few pages a commit: well under 300
    assert not checkpointer.due()
    _write_pages(writer, 200)
    before = os.path.getsize(path)
    assert checkpointer.due()
    result = checkpointer.checkpoint()
    assert result.busy == 0 and result.log_frames >= 220
    assert result.checkpointed_frames == result.log_frames
    assert os.path.getsize(path) > before + 200 * 3900  # the rows are in the database file
    assert not checkpointer.due()  # nothing new since
    _write_pages(writer, 1)  # the next write starts the log again and cuts it short
    assert os.path.getsize(str(path) + "-wal") <= 16384 + 2 * 4096 + 64
    assert not checkpointer.due()
    checkpointer.close()
    writer.close()


def test_a_reader_holding_old_pages_keeps_it_due(tmp_path: Path) -> None:
    """A reader in a transaction keeps the pages it may read in the log: the checkpoint
    copies what it can, the log stays due, and once the reader is done all is copied."""
    path = tmp_path / "db.sqlite3"
    writer = _writer(path)
    _write_pages(writer, 5)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM filler").fetchone()  # holds this snapshot
    _write_pages(writer, 200)
    checkpointer = WalCheckpointer(str(path), wal_pages=100)
    assert checkpointer.due()
    partial = checkpointer.checkpoint()
    assert partial.checkpointed_frames < partial.log_frames
    assert checkpointer.due()  # not marked done
    reader.execute("COMMIT")
    reader.close()
    complete = checkpointer.checkpoint()
    assert complete.busy == 0 and complete.checkpointed_frames == complete.log_frames
    assert not checkpointer.due()
    checkpointer.close()
    writer.close()


def test_without_the_checkpointer_the_log_only_grows(tmp_path: Path) -> None:
    """The writer's own COMMITs no longer copy anything back (what the server relies on
    to keep that work off the loop): the database file stays as it was."""
    path = tmp_path / "db.sqlite3"
    writer = _writer(path)
    before = os.path.getsize(path)
    _write_pages(writer, 1500)  # past SQLite's default of 1,000 pages
    assert os.path.getsize(path) == before
    assert os.path.getsize(str(path) + "-wal") > 1500 * 4096
    writer.close()


async def test_the_task_checkpoints_in_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    threads: list[int] = []
    done = threading.Event()
    original = WalCheckpointer.checkpoint

    def checkpoint(self: WalCheckpointer) -> sqlite_checkpoints.CheckpointResult:
        threads.append(threading.get_ident())
        try:
            return original(self)
        finally:
            done.set()

    monkeypatch.setattr(WalCheckpointer, "checkpoint", checkpoint)
    await _run_until(path, done, monkeypatch)
    assert threads and threading.get_ident() not in threads
    assert _size(path) > 80 * 3900


async def test_a_failing_checkpoint_does_not_stop_the_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    calls: list[int] = []
    done = threading.Event()
    original = WalCheckpointer.checkpoint

    def checkpoint(self: WalCheckpointer) -> sqlite_checkpoints.CheckpointResult:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        try:
            return original(self)
        finally:
            done.set()

    monkeypatch.setattr(WalCheckpointer, "checkpoint", checkpoint)
    await _run_until(path, done, monkeypatch)  # done: tried again after the failure
    assert len(calls) >= 2


async def test_what_is_left_is_copied_back_when_the_server_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server's read-only connections outlive its ORM connection, whose close then
    does not checkpoint: the task does, as it stops."""
    path = tmp_path / "db.sqlite3"
    writer = _writer(path)
    monkeypatch.setattr(sqlite_checkpoints, "WAL_PAGES", 10**6)  # never due while running
    reader = sqlite3.connect(path, isolation_level=None)  # as sql.fetch_directly's
    reader.execute("SELECT count(*) FROM filler").fetchone()
    async with sqlite_checkpoints.running_checkpoints(f"sqlite://{path}") as checkpointer:
        assert checkpointer is not None
        before = _size(path)
        _write_pages(writer, 100)
        writer.close()
    assert checkpointer.runs == 1
    assert _size(path) > before + 100 * 3900
    reader.close()


async def test_an_unexpected_failure_does_not_stop_the_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.sqlite3"
    looks: list[int] = []
    done = threading.Event()
    original = WalCheckpointer._log_state

    def log_state(self: WalCheckpointer) -> tuple[int, int] | None:
        looks.append(1)
        if len(looks) == 1:
            raise PermissionError("the log cannot be read")
        found = original(self)
        if self.runs:
            done.set()
        return found

    monkeypatch.setattr(WalCheckpointer, "_log_state", log_state)
    await _run_until(path, done, monkeypatch)  # done: a checkpoint ran after the failure
    assert len(looks) >= 2


@pytest.mark.skipif(USE_POSTGRES, reason="SQLite's log")
def test_the_server_turns_automatic_checkpoints_off_and_runs_its_own(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings
    from domain import sql

    monkeypatch.setattr(sqlite_checkpoints, "WAL_PAGES", 50)
    monkeypatch.setattr(sqlite_checkpoints, "CHECK_EVERY_S", 0.01)
    started: list[WalCheckpointer] = []
    original = WalCheckpointer.run

    async def run(self: WalCheckpointer) -> None:
        started.append(self)
        await original(self)

    monkeypatch.setattr(WalCheckpointer, "run", run)
    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200

        async def autocheckpoint() -> int:
            row = await sql.fetch_one("PRAGMA wal_autocheckpoint")
            assert row is not None
            return int(row["wal_autocheckpoint"])

        # Out of the way: only a safety net should the task stop.
        assert client.portal.call(autocheckpoint) == SAFETY_NET_PAGES  # type: ignore[union-attr]
        assert len(started) == 1
        assert started[0].path == database_path(database_url)
        writer = _writer(Path(started[0].path))
        _write_pages(writer, 80)
        writer.close()
        deadline = time.monotonic() + 5
        while started[0].runs == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert started[0].runs >= 1
