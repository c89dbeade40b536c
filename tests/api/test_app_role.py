"""Issue 13 item 10: on PostgreSQL the service connects as a least-privilege role that
cannot rewrite the audit log, whatever SQL it sends."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg
import pytest
from tortoise import Tortoise

from api.db import GrantError, grant_app_role, grant_statements, tortoise_config
from domain import audit, organisation, signing, sql
from tests import factories
from tests.conftest import USE_POSTGRES
from tests.factories import SYSTEM

pytestmark = pytest.mark.skipif(not USE_POSTGRES, reason="database roles are PostgreSQL's")


def _as_role(url: str, role: str) -> str:
    parsed = urlparse(url)
    netloc = f"{role}@{parsed.hostname}:{parsed.port or 5432}"
    return urlunparse(parsed._replace(netloc=netloc))


def _pg(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


@pytest.fixture
async def app_role(database_url: str) -> AsyncIterator[str]:
    role = f"credreg_app_{uuid.uuid4().hex[:10]}"
    await grant_app_role(database_url, role)
    yield role
    conn = await asyncpg.connect(_pg(database_url))
    try:
        await conn.execute(f'DROP OWNED BY "{role}"')
    finally:
        await conn.close()
    admin = await asyncpg.connect(_pg(database_url))
    try:
        # the database (and the role's rights in it) goes with the database_url fixture;
        # the role must go after it, so drop what remains of it here
        await admin.execute(f'REVOKE ALL ON DATABASE "{urlparse(database_url).path[1:]}" '
                            f'FROM "{role}"')  # fmt: skip
        await admin.execute(f'DROP ROLE IF EXISTS "{role}"')
    finally:
        await admin.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET reason = 'forged' WHERE seq = 1",
        "DELETE FROM audit_event WHERE seq = 1",
        "TRUNCATE audit_event",
        "ALTER TABLE audit_event DISABLE TRIGGER ALL",
        'ALTER TABLE audit_event DISABLE TRIGGER "audit_event_no_change"',
        "SET session_replication_role = replica",
        "UPDATE audit_checkpoint SET hash = 'x'",
        "DELETE FROM audit_checkpoint",
        "TRUNCATE audit_checkpoint",
        "ALTER TABLE audit_checkpoint DISABLE TRIGGER ALL",
        # Issue 16: the events' institution scopes are append-only too.
        "UPDATE audit_event_institution SET institution_id = 0",
        "DELETE FROM audit_event_institution",
        "TRUNCATE audit_event_institution",
        # Issue 19: the privilege states kept beside the log too.
        "UPDATE audit_privilege_state SET status = 'ACTIVE'",
        "DELETE FROM audit_privilege_state",
        "TRUNCATE audit_privilege_state",
        "ALTER TABLE audit_privilege_state DISABLE TRIGGER ALL",
        "DELETE FROM audit_head",
        "DROP TABLE audit_event",
        "CREATE TABLE sneaky (id int)",
        "DELETE FROM aerich",
    ],
)
async def test_r_app_role_cannot_rewrite_the_audit_log(
    database_url: str, app_role: str, statement: str
) -> None:
    conn = await asyncpg.connect(_pg(_as_role(database_url, app_role)))
    try:
        with pytest.raises(asyncpg.PostgresError) as refused:
            await conn.execute(statement)
        assert isinstance(
            refused.value,
            asyncpg.InsufficientPrivilegeError | asyncpg.exceptions.InsufficientPrivilegeError,
        ), refused.value
    finally:
        await conn.close()


async def test_r_app_role_is_not_owner_nor_superuser_and_the_service_works(
    database_url: str, app_role: str, tmp_path: Path
) -> None:
    app_url = _as_role(database_url, app_role)
    conn = await asyncpg.connect(_pg(app_url))
    try:
        row = await conn.fetchrow(
            "SELECT rolsuper, (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event')"
            " = current_user AS owner FROM pg_roles WHERE rolname = current_user"
        )
        assert row["rolsuper"] is False and row["owner"] is False
    finally:
        await conn.close()
    await Tortoise.init(config=tortoise_config(app_url), _enable_global_fallback=True)
    try:
        site = await organisation.create_site(SYSTEM, code="MAIN", name="总院")
        assert site.id
        # INSERT on audit_event_institution is allowed: the site's event is scoped.
        scoped = await sql.fetch("SELECT seq FROM audit_event_institution")
        assert [int(r["seq"]) for r in scoped] == [1]
        signing.configure(tmp_path / "keys")
        _, signed = await audit.checkpoint_now()  # INSERT on audit_checkpoint is allowed
        assert signed is not None and signed["seq"] == 1
        report = await audit.verify_chain()
        assert report.ok and report.checked == 1 and report.checkpoints_checked == 1
        # INSERT on audit_privilege_state is allowed: a privilege's state is kept.
        await factories.specialty()
        await factories.department()
        await factories.procedure("47.0901", grade=2)
        granted = await factories.grant(await factories.practitioner("D0001"))
        kept = await sql.fetch("SELECT privilege_id FROM audit_privilege_state")
        assert {int(r["privilege_id"]) for r in kept} == {granted.id}
        assert (await audit.verify_chain()).ok
    finally:
        await Tortoise.close_connections()


async def test_r_app_role_grant_refuses_a_superuser(database_url: str) -> None:
    with pytest.raises(GrantError):
        await grant_app_role(database_url, "postgres")
    with pytest.raises(GrantError):
        grant_statements('x"; DROP TABLE audit_event; --', "test")
