"""Admin operations at group scale (issue 19, item 3):
`python -m bench.admin_ops [--scale 1] [--databases sqlite,postgres] [--repeats 3]`.

Against the seeded bench database (100,000 privileges, 1,000,000 audit events):

- catalogue import: a 12,000-row 手术分级目录 as an office keeps it (title rows, Chinese
  headers, grades as 三级, specialties by name, a 序号 and a 备注 column), as .xlsx and as
  GB18030 CSV, through `imports.import_procedures` end to end (parse, validate, write,
  audit events); about 10% of the rows change grade and 2.5% are new codes;
- opening a review cycle over about 20,000 privileges (`reviews.open_review_cycle`,
  selection "expiring before" a date chosen to pick that many) in process — GraphQL
  adds one mutation's parsing around the same call;
- privileges export CSV / XLSX / FHIR over HTTP against a started server: rows/s and the
  server's RSS growth (VmHWM - VmRSS before), for an early asOf (fewer rows) and today;
  CSV and XLSX also as of 30 days ago (rows/s);
- deep pagination: `auditEvents(first: 100)` page 1 against the page after the cursor
  at seq 99,900 (page 1,000) and at the end of the log, over HTTP; and the query plans.

The writing operations run on a copy (SQLite: a file copy; PostgreSQL: CREATE DATABASE
... TEMPLATE), one per repetition, dropped afterwards. Figures, never timed tests: each
is measured `repeats` times and reported as min / median, with the load average.
`measure_admin(url, scale)` returns the figures for bench.run.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from bench.run import (
    database_url,
    machine_speed_ms,
    rss_kib,
    seeded,
    settle_disk,
    start_server,
    stop_server,
)

RESULTS = Path(__file__).resolve().parent / "results-admin.json"
IMPORT_ROWS = 12_000
CYCLE_TARGET = 20_000
PAGE = 100
GRADE_TEXT = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
TARGETS = {
    "import_seconds": 10.0,
    "cycle_seconds": 10.0,
    "export_rows_per_s": 20_000,
}


def _is_pg(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def _summary(samples: list[float], digits: int = 2) -> dict[str, Any]:
    return {
        "min": round(min(samples), digits),
        "median": round(statistics.median(samples), digits),
        "runs": [round(s, digits) for s in samples],
    }


# --- databases ---------------------------------------------------------------------------


async def _pg_admin(url: str, statement: str) -> None:
    import asyncpg

    base = url.rsplit("/", 1)[0] + "/postgres"
    conn = await asyncpg.connect(base)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def _copy_and_sync(source: Path, target: Path) -> None:
    """Copy, then write the copy to disk: otherwise the timed operation's first commit
    (fsync) pays for writing back the whole 1.2 GB copy."""
    shutil.copyfile(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


@asynccontextmanager
async def scratch(url: str) -> AsyncIterator[str]:
    """A writable copy of the seeded database, removed afterwards."""
    if _is_pg(url):
        name = f"{url.rsplit('/', 1)[1]}_admin_{uuid.uuid4().hex[:8]}"
        await _pg_admin(url, f'CREATE DATABASE "{name}" TEMPLATE "{url.rsplit("/", 1)[1]}"')
        try:
            yield url.rsplit("/", 1)[0] + "/" + name
        finally:
            await _pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    source = Path(url.removeprefix("sqlite://"))
    target = source.with_name(f"admin-scratch-{uuid.uuid4().hex[:8]}.sqlite3")
    await asyncio.to_thread(_copy_and_sync, source, target)
    try:
        yield f"sqlite://{target}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            await asyncio.to_thread(Path(f"{target}{suffix}").unlink, missing_ok=True)


@asynccontextmanager
async def connected(url: str) -> AsyncIterator[None]:
    from tortoise import Tortoise

    from api.db import tortoise_config
    from domain import audit

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    audit.configure_checkpoints(10_000, 3600)  # forget what another database had
    try:
        yield
    finally:
        await Tortoise.close_connections()


# --- the catalogue an office keeps ---------------------------------------------------------


async def catalogue_rows() -> list[list[Any]]:
    """The current catalogue as a 医务部 sheet, with this year's changes: every 10th row
    regraded, every 40th a new code; 序号 first and a 备注 column at the end."""
    from domain import catalogue, sql

    newest = await catalogue.current_version()
    number = newest.number if newest else 0
    rows = await sql.fetch(
        "SELECT p.code, p.name, p.grade, p.day_surgery, p.filed, s.code AS specialty_code, "
        "s.name AS specialty_name, t.code AS technique_code FROM procedure p "
        "JOIN specialty s ON s.id = p.specialty_id LEFT JOIN technique t ON t.id = p.technique_id "
        "WHERE p.catalogue_version <= ? AND (p.retired_in_version IS NULL "
        "OR p.retired_in_version > ?) ORDER BY p.code",
        [number, number],
    )
    names = [str(r["name"]) for r in await sql.fetch("SELECT name FROM specialty")]
    unique_names = {n for n in names if names.count(n) == 1}
    codes = {str(r["code"]) for r in rows}
    out: list[list[Any]] = []
    for index, r in enumerate(rows[:IMPORT_ROWS]):
        code, grade, note = str(r["code"]), int(r["grade"]), ""
        if index % 40 == 39:
            head = code.split(".")[0]
            for n in range(9999, 0, -1):
                candidate = f"{head}.{n:04d}"
                if candidate not in codes:
                    codes.add(candidate)
                    code, note = candidate, "新增"
                    break
        elif index % 10 == 9:
            grade = grade % 4 + 1
            note = "调整级别"
        specialty = r["specialty_name"] if r["specialty_name"] in unique_names else None
        out.append(
            [
                index + 1,
                code,
                r["name"],
                GRADE_TEXT[grade],
                specialty or r["specialty_code"],
                "是" if r["day_surgery"] else "否",
                r["technique_code"] or "",
                "是" if r["filed"] else "否",
                note,
            ]
        )
    return out


HEADERS = [
    "序号",
    "手术操作编码",
    "手术操作名称",
    "手术级别",
    "所属专业",
    "是否日间手术",
    "限制类技术",
    "是否备案",
    "备注",
]
TITLE = "某某医院手术分级管理目录（2027年版）"


def catalogue_xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "手术分级目录"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(["制表：医务部", None, None, None, None, None, None, "更新日期：2026-12-01"])
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for column in ("B", "E", "G"):  # code columns formatted as text, as in the template
        for cell in sheet[column][3:]:
            cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def catalogue_csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([TITLE])
    writer.writerow([])
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return buffer.getvalue().encode("gb18030")  # what Excel on zh-CN Windows saves


async def time_import(data: bytes, filename: str) -> dict[str, Any]:
    from domain import catalogue, clock, imports
    from domain.actors import system_actor

    newest = await catalogue.current_version()
    start = max(clock.today(), newest.effective_from if newest else clock.today())
    started = time.perf_counter()
    report = await imports.import_procedures(
        system_actor("bench admin_ops"),
        data,
        filename=filename,
        effective_from=start + timedelta(days=1),
        note="bench",
    )
    seconds = time.perf_counter() - started
    if report.errors:
        raise SystemExit(f"the import failed: {imports.describe(report.errors[0])}")
    return {
        "seconds": seconds,
        "rows": report.rows,
        "added": report.added,
        "changed": report.changed,
        "unchanged": report.unchanged,
    }


# --- the review cycle ------------------------------------------------------------------------


async def cycle_cut_off(target: int) -> tuple[date, int]:
    """The "expiring before" date that selects about `target` privileges."""
    from domain import sql

    rows = await sql.fetch(
        "SELECT p.valid_until FROM privilege p WHERE p.status = 'ACTIVE' "
        "AND p.temporary = FALSE AND p.id NOT IN (SELECT e.privilege_id FROM evaluation e "
        "JOIN review_cycle c ON c.id = e.cycle_id WHERE e.status IN ('PENDING', 'SUBMITTED') "
        "AND c.status = 'OPEN') ORDER BY p.valid_until"
    )
    ends = [r["valid_until"] for r in rows]
    end = ends[min(target, len(ends)) - 1]
    day = (end if isinstance(end, date) else date.fromisoformat(str(end)[:10])) + timedelta(1)
    return day, sum(1 for e in ends if str(e)[:10] < day.isoformat())


async def time_cycle(before: date) -> dict[str, Any]:
    from domain import reviews, sql
    from domain.actors import system_actor

    started = time.perf_counter()
    cycle = await reviews.open_review_cycle(
        system_actor("bench admin_ops"),
        name=f"2027 年度再授权评价 {uuid.uuid4().hex[:6]}",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2027, 3, 31),
        selection=reviews.Selection(expiring_before=before),
    )
    seconds = time.perf_counter() - started
    found = await sql.fetch_one(
        "SELECT COUNT(*) AS n FROM evaluation WHERE cycle_id = ?", [int(cycle.id)]
    )
    return {"seconds": seconds, "evaluations": int(found["n"]) if found else 0}


async def writes(url: str, repeats: int) -> dict[str, Any]:
    imports_xlsx: list[dict[str, Any]] = []
    imports_csv: list[dict[str, Any]] = []
    cycles: list[dict[str, Any]] = []
    files: dict[str, bytes] = {}
    for _ in range(repeats):
        async with scratch(url) as copy, connected(copy):
            if not files:
                rows = await catalogue_rows()
                files["xlsx"], files["csv"] = catalogue_xlsx(rows), catalogue_csv(rows)
                before, expected = await cycle_cut_off(CYCLE_TARGET)
            imports_xlsx.append(await time_import(files["xlsx"], "2027年手术分级目录.xlsx"))
            print(f"  import xlsx: {imports_xlsx[-1]}", flush=True)
            cycles.append(await time_cycle(before))
            print(f"  open cycle: {cycles[-1]} (expected {expected})", flush=True)
        async with scratch(url) as copy, connected(copy):
            imports_csv.append(await time_import(files["csv"], "2027年手术分级目录.csv"))
            print(f"  import csv: {imports_csv[-1]}", flush=True)
    return {
        "import_xlsx": {
            **_summary([r["seconds"] for r in imports_xlsx]),
            **{k: v for k, v in imports_xlsx[0].items() if k != "seconds"},
            "file_kb": len(files["xlsx"]) // 1024,
        },
        "import_csv": {
            **_summary([r["seconds"] for r in imports_csv]),
            **{k: v for k, v in imports_csv[0].items() if k != "seconds"},
            "file_kb": len(files["csv"]) // 1024,
        },
        "open_cycle": {
            **_summary([r["seconds"] for r in cycles]),
            "evaluations": cycles[0]["evaluations"],
            "expiring_before": before.isoformat(),
        },
    }


# --- exports and pagination over HTTP ----------------------------------------------------


async def _admin_key(url: str) -> str:
    from domain import auth
    from domain.actors import system_actor

    async with connected(url):
        key = await auth.create_api_key(
            system_actor("bench admin_ops"), name="bench admin_ops", roles=["AUDITOR"]
        )
        return str(key.secret)


PAST_DAYS = 30  # the CSV and XLSX exports are measured as of this many days ago too
AS_OF_KINDS = ("csv", "xlsx")  # the exports that take asOf
EXPORTS: dict[str, tuple[str, Callable[[bytes], int]]] = {
    # path, and how many rows (privileges) a chunk holds
    "csv": ("/export/privileges.csv?asOf={as_of}", lambda chunk: chunk.count(b"\n")),
    "xlsx": ("/export/privileges.xlsx?asOf={as_of}", lambda chunk: 0),
    "fhir": (
        "/export/fhir/PractitionerRole",
        lambda chunk: chunk.count(b'"resourceType":"PractitionerRole"'),
    ),
}


def fetch_export(port: int, pid: int, token: str, kind: str, as_of: str) -> dict[str, Any]:
    path, count = EXPORTS[kind]
    rows = size = 0
    before = rss_kib(pid)
    started = time.perf_counter()
    with (
        httpx.Client(timeout=600) as client,
        client.stream(
            "GET",
            f"http://127.0.0.1:{port}{path.format(as_of=as_of)}",
            headers={"authorization": f"Bearer {token}"},
        ) as response,
    ):
        if response.status_code != 200:
            raise SystemExit(f"{kind} export: HTTP {response.status_code}")
        body = bytearray() if kind == "xlsx" else None
        for chunk in response.iter_raw(1 << 20):
            rows += count(chunk)
            size += len(chunk)
            if body is not None:
                body.extend(chunk)
    seconds = time.perf_counter() - started
    if kind == "csv":
        rows -= 1  # the header line
    if body is not None:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(bytes(body)), read_only=True)
        rows = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True)) - 1
        book.close()
    return {
        "rows": rows,
        "seconds": seconds,
        "rows_per_s": rows / seconds,
        "mb": round(size / 2**20, 1),
        "rss_before_mb": round(before / 1024),
        "hwm_mb": round(rss_kib(pid, "VmHWM") / 1024),
    }


def exports(url: str, token: str, repeats: int) -> dict[str, Any]:
    """Each format on a fresh server: first an early asOf (fewer rows), then today's,
    so that the peak (VmHWM) grows with the bigger one only if memory follows rows."""
    from domain import clock

    today = clock.today().isoformat()
    month_ago = (clock.today() - timedelta(days=PAST_DAYS)).isoformat()
    early = "2024-01-01"
    figures: dict[str, Any] = {}
    for kind in EXPORTS:
        server, port = start_server(url)
        try:
            idle = rss_kib(server.pid)
            small = fetch_export(port, server.pid, token, kind, early)
            runs = [fetch_export(port, server.pid, token, kind, today) for _ in range(repeats)]
            past = [
                fetch_export(port, server.pid, token, kind, month_ago)
                for _ in range(repeats if kind in AS_OF_KINDS else 0)
            ]
        finally:
            stop_server(server)
        figures[kind] = {
            "rows": runs[0]["rows"],
            "mb": runs[0]["mb"],
            "rows_per_s": _summary([r["rows_per_s"] for r in runs], 0),
            "seconds": _summary([r["seconds"] for r in runs]),
            "idle_rss_mb": round(idle / 1024),
            "small_rows": small["rows"],
            "peak_growth_small_mb": small["hwm_mb"] - round(idle / 1024),
            "peak_growth_mb": runs[0]["hwm_mb"] - round(idle / 1024),
        }
        if past:  # as of a month ago: today's rows wound back through a month's events
            figures[kind]["past"] = {
                "as_of": month_ago,
                "rows": past[0]["rows"],
                "rows_per_s": _summary([r["rows_per_s"] for r in past], 0),
                "early_rows_per_s": round(small["rows_per_s"]),  # as of 2024-01-01
            }
        print(f"  export {kind}: {figures[kind]}", flush=True)
    return figures


AUDIT_PAGE = (
    f"query($after: String) {{ auditEvents(first: {PAGE}, after: $after) {{ edges {{ cursor "
    "node { seq occurredAt actorName action entityType entityId } } pageInfo { hasNextPage "
    "endCursor } } }"
)


def pagination(url: str, token: str, last_seq: int, samples: int = 30) -> dict[str, Any]:
    from schema.ids import encode_cursor

    positions = {"page_1": None, "page_1000": 999 * PAGE, "last_page": last_seq - PAGE}
    server, port = start_server(url)
    figures: dict[str, Any] = {}
    try:
        with httpx.Client(timeout=60, base_url=f"http://127.0.0.1:{port}") as client:
            headers = {"authorization": f"Bearer {token}"}

            def ask(after: int | None) -> float:
                body = {
                    "query": AUDIT_PAGE,
                    "variables": {"after": encode_cursor(after) if after else None},
                }
                started = time.perf_counter()
                reply = client.post("/graphql", json=body, headers=headers)
                took = time.perf_counter() - started
                data = reply.json()
                edges = data["data"]["auditEvents"]["edges"]
                assert len(edges) == PAGE, data
                assert after is None or edges[0]["node"]["seq"] == after + 1, edges[0]
                return took

            for after in positions.values():
                ask(after)  # warm the page cache and the parser for every position alike
            for name, after in positions.items():
                figures[name] = _summary([ask(after) * 1000 for _ in range(samples)], 2)
    finally:
        stop_server(server)
    figures["ratio_1000_to_1"] = round(
        figures["page_1000"]["median"] / figures["page_1"]["median"], 2
    )
    return figures


async def query_plans(url: str) -> dict[str, str]:
    """EXPLAIN of the auditEvents page query (domain.audit.list_events) on this database."""
    from domain import sql

    statement = (
        "SELECT seq, occurred_at, actor_type, actor_id, actor_name, action, entity_type, "
        f"entity_id FROM audit_event WHERE seq > ? ORDER BY seq LIMIT {PAGE + 1}"
    )
    plans = {}
    async with connected(url):
        last = await sql.fetch_one("SELECT MAX(seq) AS seq FROM audit_event")
        if _is_pg(url):
            rows = await sql.fetch(f"EXPLAIN {statement}", [99_900])
            plans["audit_page"] = " | ".join(str(next(iter(r.values()))) for r in rows)
        else:
            rows = await sql.fetch(f"EXPLAIN QUERY PLAN {statement}", [99_900])
            plans["audit_page"] = " | ".join(str(r["detail"]) for r in rows)
        plans["last_seq"] = str(last["seq"] if last else 0)
    return plans


# --- the whole ---------------------------------------------------------------------------


def measure_admin(url: str, scale: int, repeats: int = 3) -> dict[str, Any]:
    """Every admin figure on one seeded database (`url`); writing operations on copies."""
    figures: dict[str, Any] = {
        "scale": scale,
        "load_before": _load(),
        "speed_before_ms": machine_speed_ms(),
    }
    print(f"[admin] {url}: import and review cycle (on copies)", flush=True)
    figures.update(asyncio.run(writes(url, repeats)))
    plans = asyncio.run(query_plans(url))
    token = asyncio.run(_admin_key(url))
    settle_disk(url)
    print("[admin] exports over HTTP", flush=True)
    figures["exports"] = exports(url, token, repeats)
    print("[admin] auditEvents pages over HTTP", flush=True)
    figures["pagination"] = pagination(url, token, int(plans.pop("last_seq")))
    figures["pagination"]["plan"] = plans["audit_page"]
    figures["load_after"] = _load()
    figures["speed_after_ms"] = machine_speed_ms()
    return figures


def table(runs: dict[str, dict[str, Any]]) -> str:
    kinds = list(runs)
    lines = [
        "| Figure (min / median of runs) | target | " + " | ".join(kinds) + " |",
        "|---|---|" + "---|" * len(kinds),
    ]

    def row(label: str, target: str, cell: Callable[[dict[str, Any]], str]) -> None:
        lines.append(f"| {label} | {target} | " + " | ".join(cell(runs[k]) for k in kinds) + " |")

    def mm(entry: dict[str, Any], unit: str = "s") -> str:
        return f"{entry['min']} / {entry['median']} {unit}"

    first = runs[kinds[0]]
    row(
        f"import {first['import_xlsx']['rows']:,} rows .xlsx "
        f"(+{first['import_xlsx']['added']} ~{first['import_xlsx']['changed']})",
        "≤ 10 s",
        lambda r: mm(r["import_xlsx"]),
    )
    row("import same rows, GB18030 .csv", "≤ 10 s", lambda r: mm(r["import_csv"]))
    row(
        f"openReviewCycle over {first['open_cycle']['evaluations']:,} privileges",
        "≤ 10 s",
        lambda r: mm(r["open_cycle"]),
    )
    for kind in EXPORTS:
        row(
            f"export {kind}: {first['exports'][kind]['rows']:,} rows/s",
            "≥ 20,000",
            lambda r, k=kind: (
                f"{r['exports'][k]['rows_per_s']['min']:,.0f} / "
                f"{r['exports'][k]['rows_per_s']['median']:,.0f}"
            ),
        )
        if "past" in first["exports"][kind]:
            row(
                f"export {kind} as of {PAST_DAYS} days ago: "
                f"{first['exports'][kind]['past']['rows']:,} rows/s (as of 2024-01-01)",
                "≥ 20,000",
                lambda r, k=kind: (
                    f"{r['exports'][k]['past']['rows_per_s']['min']:,.0f} / "
                    f"{r['exports'][k]['past']['rows_per_s']['median']:,.0f} "
                    f"({r['exports'][k]['past']['early_rows_per_s']:,})"
                ),
            )
        row(
            f"export {kind}: server peak growth, "
            f"{first['exports'][kind]['small_rows']:,} → {first['exports'][kind]['rows']:,} rows",
            "flat",
            lambda r, k=kind: (
                f"{r['exports'][k]['peak_growth_small_mb']} → "
                f"{r['exports'][k]['peak_growth_mb']} MB"
            ),
        )
    for name, label in (
        ("page_1", "auditEvents page 1 (100)"),
        ("page_1000", "auditEvents page 1,000"),
        ("last_page", "auditEvents last page"),
    ):
        row(label, "= page 1", lambda r, n=name: mm(r["pagination"][n], "ms"))
    row("load average before / after", "", lambda r: f"{r['load_before']} → {r['load_after']}")
    row(
        "machine speed before / after (bench.run.machine_speed_ms, lower is faster)",
        "",
        lambda r: f"{r['speed_before_ms']} → {r['speed_after_ms']} ms",
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sqlite-url", help="default: bench/data/bench-s{scale}.sqlite3")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    runs: dict[str, dict[str, Any]] = {}
    kinds = args.databases.split(",")
    for kind in kinds:
        if not seeded(kind, args.scale):
            print(f"[{kind}] not seeded at scale {args.scale}: skipped (python -m bench.seed)")
            continue
        if len(kinds) > 1:  # a process per database: tortoise caches per-dialect SQL
            part = args.output.with_suffix(f".{kind}.json")
            command = [sys.executable, "-m", "bench.admin_ops", "--databases", kind]
            command += ["--scale", str(args.scale), "--repeats", str(args.repeats)]
            command += ["--output", str(part)]
            if args.sqlite_url:
                command += ["--sqlite-url", args.sqlite_url]
            subprocess.run(command, check=True)  # noqa: S603 - ourselves
            runs.update(json.loads(part.read_text()))
            part.unlink()
            continue
        url = args.sqlite_url if kind == "sqlite" and args.sqlite_url else None
        runs[kind] = measure_admin(url or database_url(kind, args.scale), args.scale, args.repeats)
    if not runs:
        raise SystemExit("nothing seeded")
    args.output.write_text(json.dumps(runs, indent=2, default=str))
    print(table(runs))
    print(f"figures written to {args.output}")


if __name__ == "__main__":
    main()
