"""SPEC 8: backup and restore round trip, the chain verified after restore."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg
import pytest
from tortoise import Tortoise

from api import backup as backups
from api.db import tortoise_config
from models import AuditEvent, Specialty
from tests import factories
from tests.conftest import USE_POSTGRES


async def _reconnect(url: str) -> None:
    await Tortoise.close_connections()
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)


def _target_url(database_url: str, tmp_path: Path) -> str:
    if not USE_POSTGRES:
        return f"sqlite://{tmp_path / 'restored.sqlite3'}"
    parsed = urlparse(database_url)
    return urlunparse(parsed._replace(path=f"/credreg_restore_{uuid.uuid4().hex[:10]}"))


async def _drop(url: str) -> None:
    if url.startswith("postgres"):
        parsed = urlparse(url)
        admin = await asyncpg.connect(
            urlunparse(parsed._replace(path="/postgres", scheme="postgresql"))
        )
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{parsed.path[1:]}" WITH (FORCE)')
        finally:
            await admin.close()


async def test_round_trip_restores_the_state_at_backup_time(
    db: None, database_url: str, tmp_path: Path
) -> None:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    await factories.grant(doctor)
    events_at_backup = await AuditEvent.all().count()
    file = str(tmp_path / "credreg.backup")
    size = await backups.backup(database_url, file)
    assert size > 0
    await factories.specialty("LATE", "备份之后")  # not in the backup
    target = _target_url(database_url, tmp_path)
    try:
        result = await backups.restore(target, file)
        assert result.chain_ok and result.events == events_at_backup
        await _reconnect(target)
        assert not await Specialty.filter(code="LATE").exists()
        assert await AuditEvent.all().count() == events_at_backup
        with pytest.raises(backups.BackupError, match="不是空的"):
            await backups.restore(target, file)
        forced = await backups.restore(target, file, force=True)
        assert forced.chain_ok
    finally:
        await _reconnect(database_url)
        await _drop(target)


async def test_backup_during_writes_is_consistent(
    db: None, database_url: str, tmp_path: Path
) -> None:
    await factories.hospital()

    async def writer() -> None:
        for index in range(40):
            await factories.specialty(f"W{index}", "并发写入")

    task = asyncio.create_task(writer())
    await asyncio.sleep(0.05)
    file = str(tmp_path / "during.backup")
    await backups.backup(database_url, file)
    await task
    target = _target_url(database_url, tmp_path)
    try:
        result = await backups.restore(target, file)
        assert result.chain_ok  # whatever was copied is a consistent prefix of the chain
    finally:
        await _reconnect(database_url)
        await _drop(target)


async def test_bad_backup_files_are_clean_errors(
    db: None, database_url: str, tmp_path: Path
) -> None:
    target = _target_url(database_url, tmp_path)
    with pytest.raises(backups.BackupError, match="没有备份文件"):
        await backups.restore(target, str(tmp_path / "missing.backup"))
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    try:
        with pytest.raises(backups.BackupError):
            await backups.restore(target, str(junk), force=True)
    finally:
        await _drop(target)
    existing = tmp_path / "exists.backup"
    existing.write_text("x")
    with pytest.raises(backups.BackupError, match="已存在"):
        await backups.backup(database_url, str(existing))


async def test_sec13_15_backups_are_written_owner_only(
    db: None, database_url: str, tmp_path: Path
) -> None:
    import os
    import stat

    await factories.hospital()
    old_umask = os.umask(0o022)  # a usual umask would make new files world-readable
    try:
        file = str(tmp_path / "private.backup")
        await backups.backup(database_url, file)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
    with pytest.raises(backups.BackupError):  # never over an existing file
        await backups.backup(database_url, file)
    assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
