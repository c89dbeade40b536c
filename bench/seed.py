"""Seed a benchmark database with the SPEC section 9 reference data set ("group" scale).

    python -m bench.seed --scale 1
    python -m bench.seed --scale 10 --database-url postgres://postgres@127.0.0.1:5432/credreg_bench_s10

The database named by the URL is created afresh (the SQLite file is deleted; the
PostgreSQL database is dropped and created), migrated with `api.migrate`, then filled with
bulk inserts (executemany on SQLite, COPY on PostgreSQL) in big transactions - never
through the domain write path. The audit log is a valid hash chain computed with
`domain.audit` and replays the history that produced the rows. A sample of decision
questions for the load tests is written to bench/data/seed-s{scale}.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import aiosqlite
import asyncpg
from tortoise.backends.base.config_generator import expand_db_url

from bench.seed_data import (
    AUDIT_COLUMNS,
    BOOL_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    DATETIME_COLUMNS,
    JSON_COLUMNS,
    TABLE_ORDER,
    Generator,
    Question,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
QUESTIONS = 2_000


def default_url(scale: int) -> str:
    return f"sqlite://bench/data/bench-s{scale}.sqlite3"


class Writer(Protocol):
    async def insert(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None: ...

    async def set_head(self, seq: int, digest: str) -> None: ...

    async def finish(self, tables: Sequence[str]) -> None: ...


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_converter(column: str) -> Callable[[Any], Any] | None:
    """Values as tortoise stores them on SQLite (its adapters: ISO text, 0/1, JSON text)."""
    if column in DATETIME_COLUMNS:
        return lambda v: None if v is None else v.isoformat(" ")
    if column in BOOL_COLUMNS:
        return lambda v: None if v is None else int(v)
    if column in DATE_COLUMNS:
        return lambda v: None if v is None else v.isoformat()
    if column in JSON_COLUMNS:
        return lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
    return None


class SqliteWriter:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db

    @classmethod
    async def open(cls, path: str) -> SqliteWriter:
        db = await aiosqlite.connect(path, isolation_level=None)
        # A throwaway bulk load: no durability until the end, a big page cache.
        for pragma in (
            "journal_mode=MEMORY",
            "synchronous=OFF",
            "cache_size=-400000",
            "temp_store=MEMORY",
            "foreign_keys=ON",
        ):
            await db.execute(f"PRAGMA {pragma}")
        return cls(db)

    async def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        converters = [(i, _sqlite_converter(c)) for i, c in enumerate(columns)]
        active = [(i, f) for i, f in converters if f is not None]
        if active:
            converted = []
            for row in rows:
                values = list(row)
                for i, convert in active:
                    values[i] = convert(values[i])
                converted.append(tuple(values))
            rows = converted
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        await self.db.execute("BEGIN")
        await self.db.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        await self.db.execute("COMMIT")

    async def set_head(self, seq: int, digest: str) -> None:
        await self.db.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (seq, digest))

    async def finish(self, tables: Sequence[str]) -> None:
        try:
            for statement in ("ANALYZE", "PRAGMA journal_mode=WAL"):
                cursor = await self.db.execute(statement)
                await cursor.fetchall()
                await cursor.close()  # an open cursor keeps the tables locked
        finally:
            await self.db.close()  # an unclosed connection would hang the exit


# --- PostgreSQL ------------------------------------------------------------------------------


def _pg_dsn(url: str, database: str | None = None) -> tuple[dict[str, Any], str]:
    credentials = expand_db_url(url)["credentials"]
    name = str(credentials["database"])
    params = {
        "host": credentials.get("host"),
        "port": int(credentials.get("port") or 5432),
        "user": credentials.get("user"),
        "password": credentials.get("password") or None,
        "database": database or name,
    }
    return params, name


class PostgresWriter:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    @classmethod
    async def open(cls, url: str) -> PostgresWriter:
        params, _name = _pg_dsn(url)
        conn = await asyncpg.connect(**params)
        await conn.execute("SET synchronous_commit = off")
        return cls(conn)

    async def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        json_at = [i for i, c in enumerate(columns) if c in JSON_COLUMNS]
        if json_at:
            converted = []
            for row in rows:
                values = list(row)
                for i in json_at:
                    values[i] = json.dumps(values[i], ensure_ascii=False)
                converted.append(tuple(values))
            rows = converted
        await self.conn.copy_records_to_table(table, records=rows, columns=list(columns))

    async def set_head(self, seq: int, digest: str) -> None:
        await self.conn.execute(
            "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", seq, digest
        )

    async def finish(self, tables: Sequence[str]) -> None:
        for table in tables:
            await self.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
            )
        # VACUUM as well: a bulk-loaded table has no visibility map until autovacuum
        # gets to it, and until then every index-only scan reads the heap too (the
        # privileges exported as of 2024-01-01: 575 ms before, 430 ms after).
        await self.conn.execute("VACUUM (ANALYZE)")
        await self.conn.close()


# --- a fresh database ------------------------------------------------------------------------


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)


async def recreate(url: str, allow_drop: bool) -> None:
    config = expand_db_url(url)
    if config["engine"] == "tortoise.backends.sqlite":
        _remove_sqlite(Path(config["credentials"]["file_path"]))
        return
    params, name = _pg_dsn(url, database="postgres")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
        raise SystemExit(f"refusing the database name {name!r}")
    if name in {"postgres", "template0", "template1"} or ("bench" not in name and not allow_drop):
        raise SystemExit(
            f"refusing to drop database {name!r}: use a name containing 'bench' "
            "or pass --allow-drop"
        )
    conn = await asyncpg.connect(**params)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


async def open_writer(url: str) -> Writer:
    config = expand_db_url(url)
    if config["engine"] == "tortoise.backends.sqlite":
        return await SqliteWriter.open(str(config["credentials"]["file_path"]))
    return await PostgresWriter.open(url)


# --- the run -----------------------------------------------------------------------------------


def _report(label: str, count: int | None, seconds: float) -> None:
    amount = f"{count:>10,} rows" if count is not None else " " * 15
    print(f"{label:<22}{amount} {seconds:8.2f} s", flush=True)


def _password_hash() -> str:
    """A well-formed argon2 hash of a secret nobody knows: the seeded users cannot sign in
    until an operator sets their password (create your own with `credreg create-user`)."""
    from domain import passwords

    return passwords.service().hasher.hash(secrets.token_urlsafe(24))


async def seed(scale: int, url: str, seed_value: int, today: date, allow_drop: bool) -> Generator:
    started = time.perf_counter()
    await recreate(url, allow_drop)
    from api.migrate import apply_migrations

    await apply_migrations(url)
    _report("migrate", None, time.perf_counter() - started)

    mark = time.perf_counter()
    generator = Generator(scale, seed_value, today, _password_hash())
    generator.build()
    _report("generate (in memory)", None, time.perf_counter() - mark)

    writer = await open_writer(url)
    written: list[str] = []
    for table in TABLE_ORDER:
        mark = time.perf_counter()
        rows = generator.rows(table)
        await writer.insert(table, COLUMNS[table], rows)
        written.append(table)
        _report(table, len(rows), time.perf_counter() - mark)

    mark = time.perf_counter()
    total = 0
    pending: asyncio.Task[None] | None = None
    batches = generator.audit_batches()
    loop = asyncio.get_running_loop()
    while True:
        # Hash the next batch in a thread while the previous one is being written.
        batch = await loop.run_in_executor(None, next, batches, None)
        if pending is not None:
            await pending
        if batch is None:
            break
        total += len(batch)
        pending = asyncio.create_task(writer.insert("audit_event", AUDIT_COLUMNS, batch))
    seq, digest = generator.head
    await writer.set_head(seq, digest)
    _report("audit_event", total, time.perf_counter() - mark)

    mark = time.perf_counter()
    await scope_to_institutions(url)
    _report("audit scope", None, time.perf_counter() - mark)

    mark = time.perf_counter()
    await writer.finish(written)
    _report("analyze", None, time.perf_counter() - mark)
    _report("total", None, time.perf_counter() - started)
    return generator


async def scope_to_institutions(url: str) -> None:
    """The campuses belong to the default institution (as migration 9 does for an
    existing database), each audit event gets its institutions the way migration 12
    backfills them and each privilege event its R16 fields the way migration 14 does, so
    the seeded log reads as a migrated one would."""
    import importlib

    from tortoise import Tortoise, connections

    from api.db import tortoise_config

    backfill = importlib.import_module("migrations.models.12_20261205130000_audit_scope")
    states = importlib.import_module("migrations.models.14_20261207090000_privilege_states")
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        db = connections.get("default")
        await db.execute_script(
            'UPDATE "site" SET "institution_id" = (SELECT "id" FROM "institution" '
            'WHERE "is_default" ORDER BY "id" LIMIT 1) WHERE "institution_id" IS NULL'
        )
        sqlite = db.capabilities.dialect == "sqlite"
        await db.execute_script(backfill.backfill(sqlite))
        await db.execute_script(
            f'INSERT INTO "audit_privilege_state" ({states.COLUMNS}) '
            f"{states.state_rows_query(sqlite)}"
        )
    finally:
        await Tortoise.close_connections()


async def check_questions(url: str, questions: list[Question]) -> None:
    """Ask the sample through the real decision code: the mix of allowed and denied."""
    from tortoise import Tortoise

    from api.db import tortoise_config
    from domain.actors import system_actor
    from domain.decision import CheckInput, Setting, check_many

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        actor = system_actor("bench seed check")
        allowed = 0
        reasons: Counter[str] = Counter()
        by_kind: Counter[tuple[str, bool]] = Counter()
        mark = time.perf_counter()
        for start in range(0, len(questions), 500):
            chunk = questions[start : start + 500]
            checks = [
                CheckInput(
                    procedure_code=q.procedure_code,
                    on=q.on,
                    setting=Setting(q.setting),
                    practitioner_staff_no=q.practitioner_staff_no,
                    site_code=q.site_code,
                )
                for q in chunk
            ]
            for question, decision in zip(chunk, await check_many(actor, checks), strict=True):
                allowed += decision.allowed
                by_kind[(question.kind, decision.allowed)] += 1
                for reason in decision.reasons:
                    if reason.severity.value == "BLOCKING":
                        reasons[reason.code.value] += 1
        seconds = time.perf_counter() - mark
    finally:
        await Tortoise.close_connections()
    print(
        f"sample decisions: {allowed}/{len(questions)} allowed "
        f"({100 * allowed / max(1, len(questions)):.0f}%), {seconds:.2f} s for all"
    )
    kinds = sorted({kind for kind, _ in by_kind})
    print(
        "  by kind: "
        + ", ".join(
            f"{k} {by_kind[(k, True)]}/{by_kind[(k, True)] + by_kind[(k, False)]}" for k in kinds
        )
    )
    print("  blocking reasons: " + ", ".join(f"{c} {n}" for c, n in reasons.most_common(8)))


WIDE_QUESTIONS = 20_000
# Every practitioner at least once (x10: 50,000 questions), at least 20,000 in all (x1: 4 each).
WIDE_PER_PRACTITIONER = 1


async def wide_questions(
    count: int = WIDE_QUESTIONS, seed_value: int = 20_261_124
) -> list[dict[str, Any]]:
    """Questions over every practitioner of the seeded database (issue 19, cold and wide):
    at least `count` distinct (practitioner, procedure, date) questions and at least
    WIDE_PER_PRACTITIONER per practitioner, mostly about procedures a privilege they hold
    covers, on a date of the next 90 days, in their privilege's site; one in six asks about
    any procedure. Derived from the rows (Tortoise must be initialised), deterministic for
    a given database and seed, in a shuffled order so that consecutive requests name
    different practitioners (as OR lists from many departments do)."""
    import random
    from collections import defaultdict
    from datetime import timedelta

    from domain import clock, sql

    rng = random.Random(seed_value)
    today = clock.today()
    people = await sql.fetch("SELECT id, staff_no FROM practitioner ORDER BY id")
    sites = {int(r["id"]): str(r["code"]) for r in await sql.fetch("SELECT id, code FROM site")}
    procedures = await sql.fetch(
        "SELECT DISTINCT code, grade, specialty_id, technique_id FROM procedure ORDER BY code"
    )
    all_codes = [str(r["code"]) for r in procedures]
    by_grade: dict[tuple[int, int], list[str]] = defaultdict(list)
    by_technique: dict[int, list[str]] = defaultdict(list)
    for row in procedures:
        by_grade[(int(row["specialty_id"]), int(row["grade"]))].append(str(row["code"]))
        if row["technique_id"] is not None:
            by_technique[int(row["technique_id"])].append(str(row["code"]))
    held: dict[int, list[tuple[str, list[str]]]] = defaultdict(list)
    for row in await sql.fetch(
        "SELECT practitioner_id, site_id, scope, specialty_id, max_grade, procedure_code, "
        "technique_id FROM privilege WHERE status IN ('ACTIVE', 'SUSPENDED') ORDER BY id"
    ):
        scope = row["scope"]
        if scope == "PROCEDURE" and row["procedure_code"]:
            codes = [str(row["procedure_code"])]
        elif scope == "TECHNIQUE" and row["technique_id"] is not None:
            codes = by_technique.get(int(row["technique_id"]), [])
        elif scope == "SURGERY_GRADE" and row["specialty_id"] is not None:
            top = int(row["max_grade"] or 1)
            codes = [
                c
                for g in range(1, top + 1)
                for c in by_grade.get((int(row["specialty_id"]), g), [])
            ]
        else:
            codes = []
        if codes:
            held[int(row["practitioner_id"])].append(
                (sites.get(int(row["site_id"]), "MAIN"), codes)
            )
    per_person = max(WIDE_PER_PRACTITIONER, -(-count // max(len(people), 1)))
    seen: set[tuple[str, str, str]] = set()
    out: list[dict[str, Any]] = []
    for person in people:
        staff_no = str(person["staff_no"])
        options = held.get(int(person["id"]), [])
        made = tries = 0
        while made < per_person and tries < per_person * 20:
            tries += 1
            if options and rng.random() >= 1 / 6:
                site, codes = rng.choice(options)
                code = rng.choice(codes)
            else:
                site, code = "MAIN", rng.choice(all_codes)
            on = (today + timedelta(days=rng.randint(0, 89))).isoformat()
            if (staff_no, code, on) in seen:
                continue
            seen.add((staff_no, code, on))
            out.append(
                {
                    "practitionerStaffNo": staff_no,
                    "procedureCode": code,
                    "on": on,
                    "setting": "INPATIENT",
                    "siteCode": site,
                }
            )
            made += 1
    rng.shuffle(out)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.seed", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--scale", type=int, default=1, help="multiply the counts (1 or 10)")
    parser.add_argument("--database-url", help="default sqlite://bench/data/bench-s{scale}.sqlite3")
    parser.add_argument("--seed", type=int, default=20_261_124, help="random seed")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        help="the registry's today (default: the hospital's date now; never later)",
    )
    parser.add_argument(
        "--allow-drop",
        action="store_true",
        help="drop a PostgreSQL database whose name does not contain 'bench'",
    )
    parser.add_argument("--no-check", action="store_true", help="skip asking the sample")
    parser.add_argument(
        "--questions-only",
        action="store_true",
        help="rewrite the sample questions of an existing seed (same --seed)",
    )
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    from domain import clock

    today = args.today or clock.today()
    if today > clock.today():
        parser.error("--today cannot be in the future: the audit log would be")
    url = (
        args.database_url or os.environ.get("CREDREG_BENCH_DATABASE_URL") or default_url(args.scale)
    )
    print(f"seeding scale {args.scale} into {url} (today {today})", flush=True)
    if args.questions_only:
        generator = Generator(args.scale, args.seed, today, _password_hash())
        generator.build()
    else:
        generator = asyncio.run(seed(args.scale, url, args.seed, today, args.allow_drop))
    questions = generator.questions(QUESTIONS)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    target = DATA_DIR / f"seed-s{args.scale}.json"
    target.write_text(
        json.dumps([q.as_json() for q in questions], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(questions)} questions to {target}")
    if not args.no_check:
        asyncio.run(check_questions(url, questions))


if __name__ == "__main__":
    main(sys.argv[1:])
