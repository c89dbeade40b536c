"""`credreg backup` and `credreg restore` (SPEC section 8).

SQLite: sqlite3's online backup API copies a consistent snapshot of the live file while
the service keeps writing. PostgreSQL: pg_dump (custom format) and pg_restore, with the
connection passed in the environment, never on the command line. A restore verifies the
audit chain of what it restored.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from tortoise import Tortoise

from api.db import tortoise_config
from domain import audit
from domain.i18n import msg


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


@dataclass
class RestoreResult:
    events: int
    chain_ok: bool
    problem: str | None


def _sqlite_path(url: str) -> str:
    return url[len("sqlite://") :].split("?", 1)[0]


def _pg_env(url: str) -> dict[str, str]:
    parsed = urlparse(url)
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": parsed.hostname or "127.0.0.1",
            "PGPORT": str(parsed.port or 5432),
            "PGUSER": unquote(parsed.username or "postgres"),
            "PGDATABASE": parsed.path.lstrip("/"),
        }
    )
    if parsed.password:
        env["PGPASSWORD"] = unquote(parsed.password)
    return env


def _run(tool: str, args: list[str], env: dict[str, str]) -> None:
    binary = shutil.which(tool)
    if binary is None:
        raise BackupError(msg("{tool} is not installed (Debian: postgresql-client)", tool=tool))
    done = subprocess.run(
        [binary, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(
            msg("{tool} failed: {problem}", tool=tool, problem=done.stderr.strip()[:500])
        )


def _sqlite_backup(source: str, target: str) -> None:
    if not Path(source).exists():
        raise BackupError(msg("There is no database at {source}", source=str(source)))
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # a consistent snapshot, concurrent writers or not
    finally:
        dst.close()
        src.close()


def _sqlite_check(path: str) -> None:
    if not Path(path).is_file():
        raise BackupError(msg("There is no backup file at {path}", path=str(path)))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            conn.execute("SELECT seq FROM audit_head").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            msg(
                "{path} is not a credreg SQLite backup: {problem}", path=str(path), problem=str(exc)
            )
        ) from None
    if not result or result[0] != "ok":
        raise BackupError(
            msg("{path} fails its integrity check: {result}", path=str(path), result=str(result))
        )


BACKUP_MODE = 0o600


async def backup(database_url: str, target: str) -> int:
    """Write a backup; returns its size in bytes."""
    # Created here, owner-only (0600) before a byte is written, and never over an
    # existing file: a backup holds every record and must not be world-readable.
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, BACKUP_MODE))
    except FileExistsError:
        raise BackupError(msg("{target} exists; choose a new file", target=str(target))) from None
    except OSError as exc:
        raise BackupError(
            msg("Cannot create {target}: {problem}", target=str(target), problem=str(exc.strerror))
        ) from None
    os.chmod(target, BACKUP_MODE)  # whatever the umask
    try:
        await _write_backup(database_url, target)
    except BaseException:
        Path(target).unlink(missing_ok=True)
        raise
    os.chmod(target, BACKUP_MODE)
    return Path(target).stat().st_size


async def _write_backup(database_url: str, target: str) -> None:
    if database_url.startswith("sqlite://"):
        await asyncio.to_thread(_sqlite_backup, _sqlite_path(database_url), target)
    else:
        await asyncio.to_thread(
            _run,
            "pg_dump",
            ["--format=custom", "--no-owner", f"--file={target}"],
            _pg_env(database_url),
        )


async def _has_data(database_url: str) -> bool:
    if database_url.startswith("sqlite://"):
        path = Path(_sqlite_path(database_url))
        return path.exists() and path.stat().st_size > 0
    import asyncpg

    parsed = urlparse(database_url)
    try:
        conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    except asyncpg.InvalidCatalogNameError:
        admin = await asyncpg.connect(
            database_url.replace(parsed.path, "/postgres", 1).replace(
                "postgres://", "postgresql://", 1
            )
        )
        try:
            await admin.execute(f'CREATE DATABASE "{parsed.path.lstrip("/")}"')
        finally:
            await admin.close()
        return False
    try:
        tables = await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname='public'")
        return bool(tables)
    finally:
        await conn.close()


async def restore(database_url: str, source: str, *, force: bool = False) -> RestoreResult:
    """Replace the database with the backup (stop the service first), then verify it."""
    if database_url.startswith("sqlite://"):
        await asyncio.to_thread(_sqlite_check, source)
    elif not Path(source).is_file():
        raise BackupError(msg("There is no backup file at {path}", path=str(source)))
    if await _has_data(database_url) and not force:
        raise BackupError(msg("The target database is not empty; pass --force to replace it"))
    if database_url.startswith("sqlite://"):
        target = _sqlite_path(database_url)
        for suffix in ("-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
        await asyncio.to_thread(_sqlite_backup, source, target)
    else:
        await asyncio.to_thread(
            _run,
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                urlparse(database_url).path.lstrip("/"),
                source,
            ],
            _pg_env(database_url),
        )
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)
    try:
        report = await audit.verify_chain()
    finally:
        await Tortoise.close_connections()
    return RestoreResult(report.checked, report.ok, report.problem)
