"""Issue 19 item 4: decision and list reads on PostgreSQL streaming replicas, with
read-your-writes (SPEC 10, docs/deploy.md section 5).

A fresh primary cluster and a streaming replica made from it with `pg_basebackup -R`
run on free local ports for this module; the test pauses the replica's WAL replay to
make it lag, and stops it to make it go away. Both clusters are stopped and removed
whatever happens.
"""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise import Tortoise

from api.app import create_app
from api.db import tortoise_config
from api.migrate import apply_migrations
from api.settings import Settings
from domain import audit, clock, passwords, replicas, signing, sql
from domain.replicas import ROUTER
from models import Practitioner
from schema import ids
from tests import factories
from tests.conftest import START, USE_POSTGRES

BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)), "")
RUN_AS: list[str] = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

pytestmark = [
    pytest.mark.skipif(not USE_POSTGRES, reason="read replicas are PostgreSQL's"),
    pytest.mark.skipif(
        not BIN or not os.path.exists(os.path.join(BIN, "pg_basebackup")),
        reason="PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) not found",
    ),
    pytest.mark.skipif(
        bool(RUN_AS) and shutil.which("runuser") is None,
        reason="running as root needs runuser to start PostgreSQL as postgres",
    ),
]

CHECK = """query Check($staffNo: String!) {
  privilegeCheck(input: {practitionerStaffNo: $staffNo, procedureCode: "47.0901",
                         on: "2026-12-01", setting: INPATIENT}) {
    allowed registryVersion reasons { code } } }"""
TRUSTED_CHECKS = (
    Path(__file__).parents[2] / "schema" / "trusted" / "privilegeChecks.graphql"
).read_text("utf-8")
LIST = "{ practitioners(first: 10) { edges { node { staffNo } } } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(*args: str) -> None:
    # PostgreSQL's own tools with fixed arguments and our temporary directories
    subprocess.run([*RUN_AS, *args], check=True, capture_output=True, timeout=60)  # noqa: S603


class Clusters:
    def __init__(self, root: str) -> None:
        self.root = root
        self.primary_dir = os.path.join(root, "primary")
        self.replica_dir = os.path.join(root, "replica")
        self.primary_port = _free_port()
        self.replica_port = _free_port()

    def url(self, port: int) -> str:
        return f"postgres://postgres@127.0.0.1:{port}/credreg"

    def pg_ctl(self, data: str, *args: str) -> None:
        _run(os.path.join(BIN, "pg_ctl"), "-D", data, "-l", f"{data}.log", "-w", *args)

    def start(self) -> None:
        _run(
            os.path.join(BIN, "initdb"), "-D", self.primary_dir, "-A", "trust", "-U",
            "postgres", "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        with open(os.path.join(self.primary_dir, "postgresql.conf"), "a") as conf:
            conf.write(
                f"port = {self.primary_port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\nwal_level = replica\n"
                "max_wal_senders = 4\nhot_standby = on\nfsync = off\n"
                "full_page_writes = off\n"
            )
        with open(os.path.join(self.primary_dir, "pg_hba.conf"), "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        self.pg_ctl(self.primary_dir, "start")
        asyncio.run(self._create_database())
        asyncio.run(apply_migrations(self.url(self.primary_port)))
        _run(
            os.path.join(BIN, "pg_basebackup"), "-h", "127.0.0.1", "-p",
            str(self.primary_port), "-U", "postgres", "-D", self.replica_dir, "-R",
            "-X", "stream", "--no-sync", "--checkpoint=fast",
        )  # fmt: skip
        with open(os.path.join(self.replica_dir, "postgresql.conf"), "a") as conf:
            conf.write(f"port = {self.replica_port}\n")
        self.pg_ctl(self.replica_dir, "start")

    async def _create_database(self) -> None:
        conn = await asyncpg.connect(
            f"postgresql://postgres@127.0.0.1:{self.primary_port}/postgres"
        )
        try:
            await conn.execute("CREATE DATABASE credreg")
        finally:
            await conn.close()

    def stop(self) -> None:
        for data in (self.replica_dir, self.primary_dir):
            if os.path.exists(os.path.join(data, "postmaster.pid")):
                subprocess.run(  # noqa: S603 - pg_ctl on our own temporary clusters
                    [*RUN_AS, os.path.join(BIN, "pg_ctl"), "-D", data, "-m", "immediate", "stop"],
                    capture_output=True,
                    timeout=60,
                )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def clusters() -> Iterator[Clusters]:
    root = tempfile.mkdtemp(prefix="credreg-replicas-")
    if RUN_AS:
        shutil.chown(root, "postgres", "postgres")
    found = Clusters(root)
    try:
        found.start()
        yield found
    finally:
        found.stop()


async def _replica_sql(clusters: Clusters, statement: str) -> Any:
    conn = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{clusters.replica_port}/credreg")
    try:
        return await conn.fetchval(statement)
    finally:
        await conn.close()


async def _caught_up(clusters: Clusters) -> None:
    wanted = await audit.registry_version()
    for _ in range(500):
        seq = await _replica_sql(clusters, "SELECT seq FROM audit_head WHERE id = 1")
        if seq >= wanted:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the replica did not catch up")


async def _post(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any] | None = None,
    min_version: str | None = None,
) -> dict[str, Any]:  # fmt: skip
    headers = {"authorization": f"Bearer {token}"}
    if min_version is not None:
        headers["x-credreg-min-version"] = min_version
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body


async def _check(client: httpx.AsyncClient, token: str, min_version: str | None = None) -> Any:
    body = await _post(client, token, CHECK, {"staffNo": "D9001"}, min_version)
    return body["data"]["privilegeCheck"]


def _reads() -> int:
    return ROUTER.reads["replica0"]


async def test_reads_go_to_the_replica_and_never_answer_older_than_a_seen_write(
    clusters: Clusters, tmp_path: Path
) -> None:
    primary, replica = clusters.url(clusters.primary_port), clusters.url(clusters.replica_port)
    clock.set_clock(clock.FixedClock(START))
    passwords.configure(passwords.PasswordService(time_cost=2, memory_kib=19456, parallelism=1))
    signing.configure(str(tmp_path / "keys"))
    settings = Settings(
        database_url=primary,
        argon2_time_cost=2,
        argon2_memory_kib=19456,
        argon2_parallelism=1,
        key_dir=str(tmp_path / "keys"),
        replica_urls=(replica,),
        replica_max_wait_ms=300,
        replica_recheck_ms=300,
        replica_consistency="session",
    )
    await Tortoise.init(
        config=tortoise_config(primary, replica_urls=(replica,)), _enable_global_fallback=True
    )
    try:
        await factories.hospital()
        doctor = await factories.practitioner("D9001")
        await factories.procedure()
        privilege = await factories.grant(doctor)
        admin = await factories.token_for("office", ["ADMIN"])
        scheduler = await factories.token_for("or-system", ["SCHEDULER"])
        bystander = await factories.token_for("other-or", ["SCHEDULER"])
        app = create_app(settings, manage_database=False)
        clock.set_clock(clock.FixedClock(START))  # create_app set the real clock
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await _caught_up(clusters)

            # 1. Decision and list reads are answered by the replica.
            before = _reads()
            assert (await _check(client, scheduler))["allowed"] is True
            listed = await _post(client, scheduler, LIST)
            assert listed["data"]["practitioners"]["edges"][0]["node"]["staffNo"] == "D9001"
            trusted = await client.post(
                "/graphql",
                json={"query": TRUSTED_CHECKS, "variables": {"inputs": [
                    {"practitionerStaffNo": "D9001", "procedureCode": "47.0901",
                     "on": "2026-12-01"}]}},
                headers={"authorization": f"Bearer {scheduler}"},
            )  # fmt: skip
            assert trusted.json()["data"]["privilegeChecks"][0]["allowed"] is True
            assert _reads() == before + 3

            # 2. The replica lags (replay paused); the office suspends the privilege.
            await _replica_sql(clusters, "SELECT pg_wal_replay_pause()")
            suspended = await _post(
                client,
                admin,
                "mutation($id: ID!, $v: Int!) { suspendPrivilege(input: {id: $id, "
                'expectedVersion: $v, reason: "调查"}) { userErrors { code } } }',
                {"id": ids.encode("Privilege", privilege.id), "v": privilege.version},
            )
            assert suspended["data"]["suspendPrivilege"]["userErrors"] == []
            written = int(suspended["extensions"]["registryVersion"])
            assert written == await audit.registry_version()

            # A client that saw no change may read the lagging replica (session mode):
            # proof that it lags, and that reads really go there.
            stale = await _check(client, bystander)
            assert stale["allowed"] is True and int(stale["registryVersion"]) < written

            # The same client never reads older than its acknowledged change: the
            # replica cannot reach it within the wait, so the primary answers.
            fallbacks = ROUTER.fallbacks["lag"]
            started = time.monotonic()
            mine = await _check(client, admin)
            assert mine["allowed"] is False and int(mine["registryVersion"]) >= written
            assert [r["code"] for r in mine["reasons"]] == ["PRIVILEGE_SUSPENDED"]
            assert ROUTER.fallbacks["lag"] == fallbacks + 1
            assert time.monotonic() - started >= 0.3  # it waited for the replica first

            # Another client carrying the registryVersion it was given: likewise.
            theirs = await _check(client, scheduler, min_version=str(written))
            assert theirs["allowed"] is False and int(theirs["registryVersion"]) >= written

            # 3. A request waits for a replica that catches up within the wait.
            ROUTER.max_wait = 5.0
            before = _reads()
            waiting = asyncio.create_task(_check(client, scheduler, min_version=str(written)))
            await asyncio.sleep(0.2)
            assert not waiting.done()
            await _replica_sql(clusters, "SELECT pg_wal_replay_resume()")
            caught = await waiting
            assert caught["allowed"] is False and int(caught["registryVersion"]) >= written
            assert _reads() == before + 1  # answered by the replica, once it had the write
            ROUTER.max_wait = 0.3

            # 4. Strict consistency (the default): nobody reads older than the primary
            # was when the request began, header or not.
            ROUTER.consistency = replicas.STRICT
            await _replica_sql(clusters, "SELECT pg_wal_replay_pause()")
            reinstated = await _post(
                client,
                admin,
                "mutation($id: ID!, $v: Int!) { reinstatePrivilege(input: {id: $id, "
                'expectedVersion: $v, reason: "调查结束"}) { userErrors { code } } }',
                {"id": ids.encode("Privilege", privilege.id), "v": privilege.version + 1},
            )
            assert reinstated["data"]["reinstatePrivilege"]["userErrors"] == []
            assert (await _check(client, bystander))["allowed"] is True
            await _replica_sql(clusters, "SELECT pg_wal_replay_resume()")
            await _caught_up(clusters)
            before = _reads()
            assert (await _check(client, bystander))["allowed"] is True
            assert _reads() == before + 1

            # 5. The replica goes away: reads fall back to the primary, no errors.
            clusters.pg_ctl(clusters.replica_dir, "-m", "immediate", "stop")
            # A request routed there before the failure was noticed: its reads are
            # read again on the primary (ORM and SQL alike), and the replica is marked.
            errors = ROUTER.fallbacks["error"]
            token = sql.READ_TARGET.set("replica0")
            try:
                assert await Practitioner.filter(staff_no="D9001").count() == 1
                found = await sql.fetch_one("SELECT count(*) AS n FROM practitioner")
                assert found is not None and found["n"] == 1
            finally:
                sql.READ_TARGET.reset(token)
            assert ROUTER.fallbacks["error"] == errors + 1
            assert ROUTER.replicas[0].healthy is False
            for _ in range(3):
                assert (await _check(client, scheduler))["allowed"] is True
                listed = await _post(client, bystander, LIST)
                assert listed["data"]["practitioners"]["edges"]
            assert ROUTER.replicas[0].healthy is False
            metrics = (await client.get("/metrics")).text
            assert 'credreg_replica_healthy{replica="replica0"} 0' in metrics

            # ... and is used again once it is back (re-checked after the interval).
            clusters.pg_ctl(clusters.replica_dir, "start")
            await _caught_up(clusters)
            before = _reads()
            for _ in range(20):  # re-probed once the re-check interval has passed
                await asyncio.sleep(0.1)
                assert (await _check(client, scheduler))["allowed"] is True
                if _reads() > before:
                    break
            assert _reads() == before + 1 and ROUTER.replicas[0].healthy
    finally:
        await Tortoise.close_connections()
        ROUTER.configure(0)
