"""Read-replica settings and routing decisions that need no PostgreSQL (the replication
itself is proven on a real streaming replica in test_replicas.py)."""

from __future__ import annotations

import pytest

from api.db import tortoise_config
from api.settings import ConfigError, load_settings
from domain import sql
from domain.replicas import SESSION, STRICT, ReplicaRouter

PG = "postgres://app@db1:5432/credreg"


def test_replica_urls_are_refused_clearly_with_sqlite() -> None:
    with pytest.raises(ConfigError, match="CREDREG_DATABASE_REPLICA_URLS"):
        load_settings(
            {
                "CREDREG_DATABASE_URL": "sqlite://x.sqlite3",
                "CREDREG_DATABASE_REPLICA_URLS": "postgres://app@db2:5432/credreg",
                "CREDREG_LOCALE": "en",
            }
        )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CREDREG_DATABASE_REPLICA_URLS", "mysql://db2/credreg"),
        ("CREDREG_DATABASE_REPLICA_URLS", "postgres://secret@db2"),  # no database name
        ("CREDREG_REPLICA_CONSISTENCY", "eventual"),
        ("CREDREG_REPLICA_MAX_WAIT_MS", "-1"),
    ],
)
def test_bad_replica_settings_stop_the_start(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name) as refused:
        load_settings({"CREDREG_DATABASE_URL": PG, name: value, "CREDREG_LOCALE": "en"})
    assert "secret" not in str(refused.value)  # credentials are never echoed


def test_replica_settings_and_connections() -> None:
    settings = load_settings(
        {
            "CREDREG_DATABASE_URL": PG,
            "CREDREG_DATABASE_REPLICA_URLS": "postgres://app@db2:5432/credreg, "
            "postgres://app@db3:5432/credreg",
            "CREDREG_REPLICA_MAX_WAIT_MS": "50",
            "CREDREG_REPLICA_CONSISTENCY": "session",
        }
    )
    assert len(settings.replica_urls) == 2
    assert settings.replica_max_wait_ms == 50 and settings.replica_consistency == SESSION
    config = tortoise_config(settings.database_url, 5, settings.replica_urls)
    assert sorted(config["connections"]) == ["default", "replica0", "replica1"]
    assert config["connections"]["replica1"]["engine"] == "api.replica_engine"
    assert config["routers"] == ["domain.replicas.ReadRouter"]
    assert "routers" not in tortoise_config(PG)  # nothing routed without replicas


def test_strict_needs_the_primary_head_session_the_clients_own_writes() -> None:
    router = ReplicaRouter()
    router.configure(1, consistency=STRICT)
    assert router.required_seq("user:1", 40, None) == 40
    router.configure(1, consistency=SESSION)
    assert router.required_seq("user:1", 40, None) == 0
    router.remember_write("user:1", 37)
    router.remember_write("user:1", 12)  # an older acknowledgement never lowers it
    assert router.required_seq("user:1", 40, None) == 37
    assert router.required_seq("user:2", 40, 39) == 39  # the version another client saw
    assert router.required_seq("user:2", 40, 10**12) == 40  # never past the primary


async def test_a_failed_replica_is_skipped_until_the_recheck(db: None) -> None:
    router = ReplicaRouter()
    router.configure(1, max_wait_ms=0, recheck_ms=60_000)
    router.mark_failed("replica0", ConnectionRefusedError())
    assert "replica0" in sql.UNAVAILABLE
    token = sql.READ_TARGET.set("replica0")
    try:
        assert sql.read_connection_name() == "default"  # routed before it failed: primary
    finally:
        sql.READ_TARGET.reset(token)
    assert await router.choose(0) is None
    assert router.fallbacks["unavailable"] == 1
    router.configure(0)
    assert not sql.UNAVAILABLE
