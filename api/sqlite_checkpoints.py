"""SQLite WAL checkpoints off the event loop (issue 19, item 2).

SQLite copies the write-ahead log back into the database file (a checkpoint) at the
COMMIT that takes the log past `wal_autocheckpoint` pages (1,000 by default, 4 MB), on
the committing connection. Our transactions commit on the loop's thread
(api/sqlite_engine.py), so that COMMIT also wrote about 4 MB into the database file and
fsynced it while every check in flight waited: 10-12 ms, every 50-100 case records (a
commit otherwise takes 0.3 ms; `bench/` measured it, see the README).

The server therefore moves the ORM connection's automatic checkpoint out of the way
(`wal_autocheckpoint` at SAFETY_NET_PAGES, `api.db.tortoise_config(server_checkpoints=
True)`) and checkpoints itself: `WalCheckpointer` looks at the log's size every
`every_s` and, once it holds `wal_pages` pages, runs `PRAGMA wal_checkpoint(PASSIVE)`
on a connection of its own in a worker thread (sqlite3 lets the GIL go while it works).
PASSIVE is what the automatic checkpoint does: it never waits for a reader or a writer
and copies what no reader still needs. A log fully copied back is started again from its
beginning by the next write (and cut to `journal_size_limit`), so its size tells how much
is still to copy.

Each worker process of `credreg serve --workers N` runs one; SQLite lets one checkpoint
run at a time and the other returns at once. A CLI command or any other process keeps
SQLite's automatic checkpoints. When the server stops, the task copies back what is left
(the server's read-only connections stay open to the end, so the ORM connection's close
is not the last one and would not). Should the task ever stop, the connection's own
automatic checkpoint at SAFETY_NET_PAGES still bounds the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass

from tortoise.backends.base.config_generator import expand_db_url

log = logging.getLogger("credreg.sqlite")

WAL_PAGES = 1000  # SQLite's own default for wal_autocheckpoint
SAFETY_NET_PAGES = 10 * WAL_PAGES  # the server connection's wal_autocheckpoint (40 MB)
CHECK_EVERY_S = 0.25  # 20 cases/s write about 250 pages a second
WAL_HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24


@dataclass(frozen=True)
class CheckpointResult:
    """PRAGMA wal_checkpoint's row: busy (1 if it could not run), frames in the log,
    frames copied back into the database."""

    busy: int
    log_frames: int
    checkpointed_frames: int


class WalCheckpointer:
    """Checkpoints one SQLite database's log in a worker thread (see the module)."""

    def __init__(
        self, path: str, *, wal_pages: int = WAL_PAGES, every_s: float = CHECK_EVERY_S
    ) -> None:
        self.path = path
        self.wal_path = path + "-wal"
        self.wal_pages = wal_pages
        self.every_s = every_s
        self.runs = 0  # checkpoints run (a figure for tests and the bench)
        self._connection: sqlite3.Connection | None = None
        self._threshold_bytes = 0
        self._done_at: tuple[int, int] | None = None  # the log's (size, mtime) once copied
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        """The checkpointer's own connection (blocking: call it from a worker thread)."""
        if self._connection is None:
            connection = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=0
            )
            # A checkpoint's fsyncs follow the checkpointing connection's setting.
            connection.execute("PRAGMA synchronous=FULL")
            page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
            self._threshold_bytes = WAL_HEADER_BYTES + self.wal_pages * (
                FRAME_HEADER_BYTES + page_size
            )
            self._connection = connection
        return self._connection

    def _log_state(self) -> tuple[int, int] | None:
        try:
            found = os.stat(self.wal_path)
        except FileNotFoundError:
            return None
        return found.st_size, found.st_mtime_ns

    def due(self) -> bool:
        """Has the log grown past `wal_pages` pages since it was last copied back?"""
        if self._connection is None:
            self._connect()  # run() connects in a worker thread first
        state = self._log_state()
        if state is None or state == self._done_at:
            return False
        return state[0] >= self._threshold_bytes

    def checkpoint(self) -> CheckpointResult:
        """One PASSIVE checkpoint (blocking: call it from a worker thread)."""
        with self._lock:
            connection = self._connect()
            state = self._log_state()
            busy, frames, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.runs += 1
            if not busy and frames == copied:
                self._done_at = state  # nothing left to copy until the log changes
            return CheckpointResult(int(busy), int(frames), int(copied))

    async def run(self) -> None:
        """Until cancelled: check the log every `every_s`, checkpoint in a thread when
        due. A failure (a locked or vanished file, an I/O error) is logged once per run of
        failures and tried again at the next look: the task never ends on its own."""
        failing = False
        while True:
            await asyncio.sleep(self.every_s)
            try:
                if self._connection is None:
                    await asyncio.to_thread(self._connect)
                if self.due():
                    await asyncio.to_thread(self.checkpoint)
            except Exception as exc:  # whatever it was, the log must keep being copied back
                if not failing:
                    log.warning("WAL checkpoint of %s failed: %r", self.path, exc)
                failing = True
            else:
                failing = False

    def final_checkpoint(self) -> None:
        """Copy back what is left when the server stops (blocking)."""
        try:
            if self._log_state() is not None:
                self.checkpoint()
        except sqlite3.Error as exc:
            log.warning("last WAL checkpoint of %s failed: %r", self.path, exc)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def database_path(url: str) -> str | None:
    """The file of a `sqlite://PATH` URL (None for PostgreSQL or an in-memory database)."""
    if not url.startswith("sqlite://"):
        return None
    path = str(expand_db_url(url)["credentials"]["file_path"])
    return None if path in ("", ":memory:") else path


@contextlib.asynccontextmanager
async def running_checkpoints(url: str) -> AsyncIterator[WalCheckpointer | None]:
    """While the server runs: checkpoint a SQLite database's log off the loop."""
    path = database_path(url)
    if path is None:
        yield None
        return
    checkpointer = WalCheckpointer(path, wal_pages=WAL_PAGES, every_s=CHECK_EVERY_S)
    task = asyncio.create_task(checkpointer.run(), name="sqlite-wal-checkpoints")
    try:
        yield checkpointer
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        try:
            await asyncio.to_thread(checkpointer.final_checkpoint)
        finally:
            await asyncio.to_thread(checkpointer.close)
