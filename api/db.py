"""Tortoise configuration for SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.config_generator import expand_db_url

from api.sqlite_checkpoints import SAFETY_NET_PAGES
from domain.i18n import msg

MODEL_MODULES = ["models", "aerich.models"]


async def reset_pooled_connection(conn: Any) -> None:
    """What a PostgreSQL connection needs before it goes back to the pool.

    asyncpg's default reset sends `SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *;
    RESET ALL` on every release: one more round trip for every query, a sixth of the
    decision path's time. credreg takes no session-level advisory locks, keeps no
    cursors, LISTENs on no pooled connection and SETs nothing for a session (isolation
    levels are per transaction), so only a transaction left open needs undoing."""
    if conn.is_in_transaction():
        await conn.execute("ROLLBACK")


# Seconds to open a connection to a read replica before reading the primary instead.
REPLICA_CONNECT_TIMEOUT = 2
REPLICA_STATEMENT_TIMEOUT = 10


def tortoise_config(
    database_url: str,
    pool_max: int = 10,
    replica_urls: tuple[str, ...] = (),
    *,
    server_checkpoints: bool = False,
) -> dict[str, Any]:
    """`replica_urls`: PostgreSQL streaming replicas, connections `replica0`, ... read by
    routed read-only requests (domain/replicas.py); a tortoise router sends ORM reads
    there too. Without replicas nothing is routed and no router is installed.
    `server_checkpoints`: SQLite's log is checkpointed by the server's own task, off the
    loop (api/sqlite_checkpoints.py), not by the COMMIT that fills it."""
    connection = expand_db_url(database_url)
    if connection["engine"] == "tortoise.backends.sqlite":
        connection["engine"] = "api.sqlite_engine"
        if server_checkpoints:
            connection["credentials"]["wal_autocheckpoint"] = SAFETY_NET_PAGES
    else:
        connection["credentials"].setdefault("minsize", 1)
        connection["credentials"].setdefault("maxsize", pool_max)
        connection["credentials"]["reset"] = reset_pooled_connection
    connections = {"default": connection}
    for index, url in enumerate(replica_urls):
        replica = expand_db_url(url)
        replica["engine"] = "api.replica_engine"
        replica["credentials"].setdefault("minsize", 1)
        replica["credentials"].setdefault("maxsize", pool_max)
        replica["credentials"].setdefault("timeout", REPLICA_CONNECT_TIMEOUT)
        # A statement a replica does not finish by then is read again on the primary.
        replica["credentials"].setdefault("command_timeout", REPLICA_STATEMENT_TIMEOUT)
        replica["credentials"]["reset"] = reset_pooled_connection
        connections[f"replica{index}"] = replica
    config: dict[str, Any] = {
        "connections": connections,
        "apps": {"models": {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
    if replica_urls:
        config["routers"] = ["domain.replicas.ReadRouter"]
    return config


# -- the least-privilege application role (PostgreSQL) -------------------------------------

# Append-only audit tables: the application may read and add, never change or remove.
AUDIT_TABLES = (
    "audit_event",
    "audit_checkpoint",
    "audit_event_institution",
    "audit_privilege_state",
)


class GrantError(Exception):
    """The role cannot be made the application role (the message says why)."""


def _ident(name: str) -> str:
    if not name or len(name) > 63 or not all(ch.isalnum() or ch in "_-" for ch in name):
        raise GrantError(
            msg("Role name {name}: use 1-63 letters, digits, '_' or '-'", name=repr(name))
        )
    return '"' + name + '"'


def grant_statements(role: str, database: str) -> list[str]:
    """What `credreg db grant-app-role` runs as the owner: DML on the application's
    tables, INSERT and SELECT only on the audit tables, SELECT and UPDATE only on the
    audit head (the row every append locks), nothing on the migration history, no DDL.
    Not the owner and not a superuser, the role cannot ALTER TABLE (so no DISABLE
    TRIGGER), TRUNCATE, or SET session_replication_role."""
    r = _ident(role)
    audit = ", ".join(f'"{table}"' for table in AUDIT_TABLES)
    return [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {r}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {_ident(database)} TO {r}",
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        f"REVOKE UPDATE, DELETE ON {audit} FROM {r}",
        f'REVOKE INSERT, DELETE ON "audit_head" FROM {r}',
        f'REVOKE INSERT, UPDATE, DELETE ON "aerich" FROM {r}',
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
        # Tables a later migration adds: usable at once; re-run the grant after
        # `credreg migrate` to narrow new audit tables again.
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {r}",
    ]


async def grant_app_role(owner_url: str, role: str, password: str | None = None) -> list[str]:
    """Create (if missing) and grant the application role; run as the tables' owner."""
    import asyncpg

    parsed = expand_db_url(owner_url)
    if parsed["engine"] == "api.sqlite_engine" or "sqlite" in parsed["engine"]:
        raise GrantError(msg("Database roles exist only on PostgreSQL; SQLite has none"))
    r = _ident(role)
    conn = await asyncpg.connect(owner_url.replace("postgres://", "postgresql://", 1))
    try:
        me = await conn.fetchrow("SELECT current_user AS name, current_database() AS db")
        if me["name"] == role:
            raise GrantError(
                msg("{role} is the owner connection itself; name another role", role=role)
            )
        existing = await conn.fetchrow(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles "
            "WHERE rolname = $1",
            role,
        )
        done = []
        async with conn.transaction():
            if existing is None:
                create = f"CREATE ROLE {r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"
                await conn.execute(create)
                done.append(create)
            elif any(existing.values()):
                raise GrantError(
                    msg(
                        "{role} is a superuser or may create roles or databases or bypass row "
                        "security: the application role must not",
                        role=role,
                    )
                )
            owned = await conn.fetchval(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = $1",
                role,
            )
            if owned:
                raise GrantError(
                    msg(
                        "{role} owns {owned} table(s): the application role must not own any",
                        role=role,
                        owned=owned,
                    )
                )
            if password:
                # ALTER ROLE takes no parameters; quote the literal as PostgreSQL does.
                literal = "'" + password.replace("'", "''") + "'"
                await conn.execute(f"ALTER ROLE {r} PASSWORD {literal}")
                done.append(f"ALTER ROLE {r} PASSWORD '…'")
            for statement in grant_statements(role, me["db"]):
                await conn.execute(statement)
                done.append(statement)
        return done
    finally:
        await conn.close()


async def connection_privileges(database_url: str) -> dict[str, Any]:
    """Whether the service's own connection is a superuser or owns the audit table
    (`credreg serve` warns: a least-privilege role cannot rewrite the audit log)."""
    import asyncpg

    conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
    try:
        row = await conn.fetchrow(
            "SELECT r.rolsuper AS superuser, "
            "(SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event' "
            " AND schemaname = 'public') = current_user AS owner "
            "FROM pg_roles r WHERE r.rolname = current_user"
        )
        return {"superuser": bool(row["superuser"]), "owner": bool(row["owner"])}
    finally:
        await conn.close()
