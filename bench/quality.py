"""Issue 17: the quality indicators for a year of cases, measured.

    python -m bench.quality [--cases 20000] [--database-url URL] [--repeat 3]

Builds a fresh database (a temporary SQLite file unless a URL is given; a PostgreSQL
database named in the URL is created and dropped), migrates it, adds a hospital
(20 departments, 600 surgeons, 300 procedures of grades 1-4, a third filed in the
catalogue, 12 restricted techniques) and `cases` case records spread over 2025 with
realistic flags (grades, emergencies, day surgery, complications, deaths, operation
times, planned operators, MDT timing), inserted in bulk (not through the write path).
Then it times `quality_indicators` for the whole year by quarter and by month, and for
one department, and prints the figures. The target (issue 17) is 200,000 cases in
≤ 2 s on SQLite and on PostgreSQL: run with --cases 200000 on an idle machine.

With --adjustments N it also grants N active privileges (spread over the 600 surgeons:
per surgeon one SURGERY_GRADE up to grade 3, one DAY_SURGERY, one TECHNIQUE and the rest
PROCEDURE privileges on distinct codes) and times the nightly adjustment job
(`credreg adjustments run`) for 31 Dec: the reads alone (`find`), the first run (which
writes a proposal, an audit event and webhook deliveries per finding) and a second run
the same day (idempotent: nothing new). Group scale: --cases 200000 --adjustments 100000.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg
from tortoise import Tortoise, connections

from api.db import tortoise_config
from api.migrate import apply_migrations
from domain import sql
from domain.actors import system_actor
from domain.quality import adjustments, indicators
from domain.quality.indicators import Scope

YEAR = 2025
CASE_COLUMNS = (
    "created_at", "updated_at", "version", "client_key", "external_ref", "content_digest",
    "practitioner_id", "procedure_code", "grade", "site_id", "performed_on", "setting",
    "emergency", "mdt_discussed", "complication", "death", "unplanned_reoperation",
    "adverse_event", "out_of_privilege", "out_of_privilege_reasons", "mdt_timely",
    "unplanned_readmission_31d", "started_at", "ended_at", "planned_operator_id",
    "technique_id",
)  # fmt: skip


async def _reference(rng: random.Random) -> tuple[list[int], list[tuple[str, int, int | None]]]:
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    await sql.execute(
        'INSERT INTO "site" ("created_at", "updated_at", "version", "code", "name", '
        '"is_default", "default_validity_months", "reevaluation_months", '
        '"emergency_report_hours", "adjustment_policy") VALUES (?, ?, 1, ?, ?, ?, 24, 12, 24, ?)',
        [now, now, "MAIN", "总院", True, "{}"],
    )
    await sql.execute(
        'INSERT INTO "specialty" ("created_at", "updated_at", "version", "code", "name") '
        "VALUES (?, ?, 1, ?, ?)",
        [now, now, "GS", "普通外科"],
    )
    for n in range(20):
        await sql.execute(
            'INSERT INTO "department" ("created_at", "updated_at", "version", "code", "name", '
            '"site_id", "day_surgery_approved") VALUES (?, ?, 1, ?, ?, 1, ?)',
            [now, now, f"D{n:02d}", f"科室{n:02d}", True],
        )
    for n in range(600):
        await sql.execute(
            'INSERT INTO "practitioner" ("created_at", "updated_at", "version", "staff_no", '
            '"name", "department_id", "specialty_id", "title", "licence_no", "practice_scope", '
            '"status", "national_id_masked") VALUES (?, ?, 1, ?, ?, ?, 1, ?, ?, ?, ?, ?)',
            [now, now, f"S{n:04d}", "医师", 1 + n % 20, "ATTENDING", "", "", "ACTIVE", ""],
        )
    for n in range(12):
        await sql.execute(
            'INSERT INTO "technique" ("created_at", "updated_at", "version", "code", "name", '
            '"category", "status", "filing_due_on_provisional", "filed_late", "lead_inactive", '
            '"filing_due_on", "filed_on") VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            [
                now, now, f"T{n:02d}", f"限制类技术{n}", "RESTRICTED_NATIONAL", "FILED",
                False, n % 3 == 0, False, date(YEAR, 1 + n, 10), date(YEAR, 1 + n, 5 + n),
            ],
        )  # fmt: skip
    procedures: list[tuple[str, int, int | None]] = []
    for n in range(300):
        grade = 1 + n % 4
        technique = 1 + n % 12 if n % 25 == 0 else None
        code = f"{10 + n // 100}.{n % 100:02d}01"
        await sql.execute(
            'INSERT INTO "procedure" ("created_at", "updated_at", "version", "code", "name", '
            '"grade", "specialty_id", "day_surgery", "technique_id", "catalogue_version", '
            '"effective_from", "filed") VALUES (?, ?, 1, ?, ?, ?, 1, ?, ?, 1, ?, ?)',
            [now, now, code, f"术式{n}", grade, grade <= 2, technique, date(2000, 1, 1),
             grade >= 3 and n % 3 == 0],
        )  # fmt: skip
        procedures.append((code, 4 if technique else grade, technique))
    del stamp, rng
    return list(range(1, 601)), procedures


def _cases(rng: random.Random, count: int, surgeons: list[int], procedures: list) -> list[tuple]:
    rows = []
    now = datetime.now(UTC)
    start = date(YEAR, 1, 1)
    for n in range(count):
        code, grade, technique = rng.choice(procedures)
        day = start + timedelta(days=rng.randrange(365))
        surgeon = rng.choice(surgeons)
        emergency = rng.random() < 0.08
        setting = (
            "DAY_SURGERY" if grade <= 2 and not emergency and rng.random() < 0.3 else "INPATIENT"
        )
        timed = rng.random() < 0.7
        begin = datetime(day.year, day.month, day.day, 0, tzinfo=UTC) + timedelta(
            minutes=rng.randrange(8 * 60, 18 * 60)
        )
        end = begin + timedelta(minutes=rng.randrange(30, 300))
        mdt = grade == 4 and rng.random() < 0.85
        planned = surgeon if rng.random() < 0.9 else rng.choice(surgeons)
        rows.append(
            (
                now, now, 1, "bench", f"C{n}", "x" * 64, surgeon, code, grade, 1, day, setting,
                emergency, mdt, rng.random() < 0.05, rng.random() < 0.004, rng.random() < 0.01,
                rng.random() < 0.02, not emergency and rng.random() < 0.01, "",
                mdt and rng.random() < 0.9, rng.random() < 0.01,
                begin if timed else None, end if timed else None,
                planned if rng.random() < 0.6 else None, technique,
            )
        )  # fmt: skip
    return rows


async def _fill(count: int, seed: int) -> None:
    rng = random.Random(seed)
    surgeons, procedures = await _reference(rng)
    conn = connections.get("default")
    placeholders = ", ".join("?" for _ in CASE_COLUMNS)
    query = sql.render(
        f'INSERT INTO "case_record" ({", ".join(CASE_COLUMNS)}) VALUES ({placeholders})', conn
    )
    rows = _cases(rng, count, surgeons, procedures)
    for index in range(0, len(rows), 5000):
        await conn.execute_many(query, [list(r) for r in rows[index : index + 5000]])
    await sql.execute(
        'INSERT INTO "emergency_override" ("created_at", "updated_at", "version", '
        '"case_record_id", "reason", "report_due_by", "status") '
        'SELECT "created_at", "updated_at", 1, "id", ?, "created_at", ? FROM "case_record" '
        'WHERE "emergency"',
        ["bench", "PENDING_REVIEW"],
    )
    await sql.execute("ANALYZE")


async def _grant(count: int, seed: int) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    codes = [str(r["code"]) for r in await sql.fetch('SELECT "code" FROM "procedure"')]
    per_surgeon = max(count // 600, 3)
    rows: list[list[object]] = []
    for surgeon in range(1, 601):
        grants: list[tuple[str, str, int | None, str | None, int | None, int | None]] = [
            ("SURGERY_GRADE", "SURGERY_GRADE:1", 3, None, 1, None),
            ("DAY_SURGERY", "DAY_SURGERY", None, None, None, None),
            ("TECHNIQUE", f"TECHNIQUE:{1 + surgeon % 12}", None, None, None, 1 + surgeon % 12),
        ]
        for sampled in rng.sample(codes, min(per_surgeon - 3, len(codes))):
            grants.append(("PROCEDURE", f"PROCEDURE:{sampled}", None, sampled, None, None))
        for scope, key, grade, code, specialty, technique in grants:
            rows.append(
                [now, now, 1, scope, key, grade, code, False, date(YEAR - 1, 1, 1),
                 date(YEAR + 2, 12, 31), "ACTIVE", "bench", surgeon, 1, specialty, technique,
                 False]
            )  # fmt: skip
    conn = connections.get("default")
    query = sql.render(
        'INSERT INTO "privilege" ("created_at", "updated_at", "version", "scope", "scope_key", '
        '"max_grade", "procedure_code", "supervised_only", "valid_from", "valid_until", '
        '"status", "requested_by", "practitioner_id", "site_id", "specialty_id", '
        '"technique_id", "temporary") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        conn,
    )
    for index in range(0, len(rows), 5000):
        await conn.execute_many(query, rows[index : index + 5000])
    await sql.execute("ANALYZE")


async def _time_adjustments() -> None:
    today = date(YEAR, 12, 31)
    active = await sql.fetch_one('SELECT COUNT(*) AS n FROM "privilege"') or {}
    print(f"adjustment run for {today} over {active.get('n')} active privileges:")
    started = time.perf_counter()
    findings = await adjustments.find(today)
    print(f"  {'find (reads only)':<34} {(time.perf_counter() - started) * 1000:8.1f} ms   "
          f"({len(findings)} findings)")  # fmt: skip
    actor = system_actor("bench")
    for label in ("first run (writes proposals)", "second run, same day"):
        started = time.perf_counter()
        report = await adjustments.run_adjustments(actor, today)
        print(f"  {label:<34} {(time.perf_counter() - started) * 1000:8.1f} ms   "
              f"({report.found} found, {len(report.created)} created)")  # fmt: skip


async def _time(label: str, scope: Scope, period: str, repeat: int) -> None:
    actor = system_actor("bench")
    best = float("inf")
    report = None
    for _ in range(repeat):
        started = time.perf_counter()
        report = await indicators.quality_indicators(
            actor, scope, date(YEAR, 1, 1), date(YEAR, 12, 31), period
        )
        best = min(best, time.perf_counter() - started)
    assert report is not None
    cases = next(s for s in report.series if s.definition.code.value == "GRADE_4_SHARE")
    total = sum(p.value.denominator for p in cases.points)
    print(
        f"  {label:<34} {best * 1000:8.1f} ms   "
        f"({int(total)} cases, {len(report.series)} indicators)"
    )


async def run(url: str, count: int, repeat: int, seed: int, privileges: int = 0) -> None:
    await apply_migrations(url)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        started = time.perf_counter()
        await _fill(count, seed)
        print(
            f"seeded {count} cases in {time.perf_counter() - started:.1f} s ({url.split(':')[0]})"
        )
        print(f"quality indicators for {YEAR} (best of {repeat}):")
        await _time("whole registry, by quarter", Scope(), "QUARTER", repeat)
        await _time("whole registry, by month", Scope(), "MONTH", repeat)
        await _time("one department, by month", Scope(department_code="D03"), "MONTH", repeat)
        if privileges:
            started = time.perf_counter()
            await _grant(privileges, seed)
            print(f"granted privileges in {time.perf_counter() - started:.1f} s")
            await _time_adjustments()
    finally:
        await Tortoise.close_connections()


async def _pg_admin(url: str, statement: str) -> None:
    parsed = urlparse(url)
    conn = await asyncpg.connect(urlunparse(parsed._replace(path="/postgres", scheme="postgres")))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument(
        "--adjustments", type=int, default=0, metavar="PRIVILEGES", help="also time the run"
    )
    parser.add_argument("--database-url", default="", help="postgres://... (created and dropped)")
    args = parser.parse_args(argv)
    if args.database_url.startswith(("postgres://", "postgresql://")):
        name = urlparse(args.database_url).path.strip("/") or "credreg_bench_quality"
        asyncio.run(_pg_admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}"'))
        asyncio.run(_pg_admin(args.database_url, f'CREATE DATABASE "{name}"'))
        try:
            asyncio.run(
                run(args.database_url, args.cases, args.repeat, args.seed, args.adjustments)
            )
        finally:
            asyncio.run(
                _pg_admin(args.database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            )
        return
    with tempfile.TemporaryDirectory() as directory:
        url = args.database_url or f"sqlite://{Path(directory) / 'quality.sqlite3'}"
        asyncio.run(run(url, args.cases, args.repeat, args.seed, args.adjustments))


if __name__ == "__main__":
    main()
