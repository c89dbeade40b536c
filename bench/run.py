"""SPEC section 9, measured: `python -m bench.run [--scale 1] [--databases sqlite,postgres]`.

For each database it starts the real server (uvicorn, one worker) and measures side by
side: single privilegeCheck over HTTP at 16 connections (trusted document, and the
ordinary GraphQL path), the same question through a plain Starlette route (the floor),
privilegeChecks of 500 (latency and SQL queries per batch), audit export rate and the
server's peak RSS, and chain verification. Prints a table, writes bench/results.json.
Seed first with `python -m bench.seed --scale 1` (and `--database-url` for PostgreSQL).
Loopback only; every step is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
# CREDREG_BENCH_PG_URL names another database (e.g. one seeded for a branch's runs).
PG_URL = os.environ.get(
    "CREDREG_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/credreg_bench_s{scale}"
)
# A day's OR list as schedulers send it (the trusted document), and the same question
# through the full GraphQL pipeline: a document that is not on the allow-list (trusted
# documents are matched by their syntax tree, so a comment would not do; an always-true
# directive does, and the answer is the same).
BATCH_QUERY = (ROOT / "schema" / "trusted" / "privilegeChecks.graphql").read_text().strip()
ORDINARY_BATCH_QUERY = BATCH_QUERY.replace(
    "(inputs: $inputs)", "(inputs: $inputs) @include(if: true)"
)


def questions_file(scale: int) -> Path:
    return DATA / f"seed-s{scale}.json"


def questions_of(scale: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(questions_file(scale).read_text())
    return found


def database_url(kind: str, scale: int) -> str:
    if kind == "sqlite":
        return f"sqlite://{DATA / f'bench-s{scale}.sqlite3'}"
    return PG_URL.format(scale=scale)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settle_disk(url: str) -> float:
    """Write out what a scratch copy left behind before anything is timed, and return how
    long that took: a gigabyte still in the page cache is written back during the run
    (single commits' fsync waited 0.6 s behind it), and a PostgreSQL copy (CREATE
    DATABASE ... TEMPLATE) writes the whole database to the WAL, whose checkpoint took
    the exports measured next from 34,000 down to 14,000 rows/s."""
    started = time.monotonic()
    if url.startswith(("postgres://", "postgresql://")):

        async def checkpoint() -> None:
            import asyncpg

            conn = await asyncpg.connect(url.rsplit("/", 1)[0] + "/postgres")
            try:
                await conn.execute("CHECKPOINT")
            finally:
                await conn.close()

        asyncio.run(checkpoint())
    os.sync()
    return time.monotonic() - started


def rss_kib(pid: int, field: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


async def prepare(url: str, scale: int, verify: bool = True) -> dict[str, Any]:
    """API keys for the load, and in-process figures: queries per batch, verification."""
    from tortoise import Tortoise, connections

    from api.db import tortoise_config
    from domain import auth, decision
    from domain.actors import system_actor
    from domain.decision import CheckInput, Setting

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        actor = system_actor("bench")
        scheduler = await auth.create_api_key(actor, name="bench scheduler", roles=["SCHEDULER"])
        auditor = await auth.create_api_key(actor, name="bench auditor", roles=["AUDITOR"])
        questions = questions_of(scale)
        conn = connections.get("default")
        calls = 0
        original = type(conn).execute_query_dict

        async def counting(self: Any, query: str, values: Any = None) -> Any:
            nonlocal calls
            calls += 1
            return await original(self, query, values)

        type(conn).execute_query_dict = counting  # type: ignore[method-assign]
        # On SQLite the decision path reads through connections of its own
        # (domain/decision/reads.py) and, for a few rows, on the loop's own thread
        # (sql.fetch_directly, the head): those queries count too. Each of these returns
        # None when it did not read (not SQLite, or inside a transaction).
        from domain import sql as sql_module
        from domain.decision import reads

        def counted(read: Any) -> Any:
            def counting_read(*args: Any) -> Any:
                nonlocal calls
                found = read(*args)
                calls += found is not None
                return found

            return counting_read

        plain_reads = [
            (reads, "_fetch"),
            (sql_module, "fetch_directly"),
            (sql_module, "read_head_directly"),
        ]
        originals = [getattr(module, name) for module, name in plain_reads]
        for (module, name), read in zip(plain_reads, originals, strict=True):
            setattr(module, name, counted(read))
        per_batch: dict[str, int] = {}
        for size in (1, 500):
            decision.CACHE.reset((-1, ""))
            calls = 0
            checks = [
                CheckInput(
                    procedure_code=q["procedureCode"],
                    on=__import__("datetime").date.fromisoformat(q["on"]),
                    setting=Setting(q.get("setting", "INPATIENT")),
                    practitioner_staff_no=q["practitionerStaffNo"],
                    site_code=q.get("siteCode"),
                )
                for q in questions[:size]
            ]
            await decision.check_many(actor, checks)
            per_batch[str(size)] = calls
        type(conn).execute_query_dict = original  # type: ignore[method-assign]
        for (module, name), read in zip(plain_reads, originals, strict=True):
            setattr(module, name, read)
        figures: dict[str, Any] = {
            "scheduler": scheduler.secret,
            "auditor": auditor.secret,
            "queries_per_batch": per_batch,
        }
        if verify:
            figures.update(await verify_figures())
        return figures
    finally:
        await Tortoise.close_connections()


async def verify_figures(workers: int | None = None) -> dict[str, Any]:
    """`credreg audit verify` (one worker per core), or the server's verifyAuditChain
    (`workers=1`: one thread beside the event loop)."""
    from domain import audit

    started = time.perf_counter()
    report = await audit.verify_chain(workers=workers or os.cpu_count() or 1)
    return {
        "verify_seconds": round(time.perf_counter() - started, 2),
        "verified_events": report.checked,
        "chain_ok": report.ok,
    }


async def verify_again(url: str) -> dict[str, Any]:
    """Verification once more, after the export has read the log (a warm page cache,
    as on a server in service; the first figure may include reading it from disk)."""
    from tortoise import Tortoise

    from api.db import tortoise_config

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        again = await verify_figures()
        in_server = await verify_figures(workers=1)
        return {**again, "verify_server_seconds": in_server["verify_seconds"]}
    finally:
        await Tortoise.close_connections()


def start_server(
    url: str, workers: int = 1, env_extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    """The bench app under uvicorn; with `workers` > 1, as `credreg serve --workers N`
    runs it (uvicorn's worker processes, the metrics of every worker added up through
    CREDREG_METRICS_DIR, which the caller names in `env_extra`)."""
    port = free_port()
    env = {
        **os.environ,
        "CREDREG_DATABASE_URL": url,
        "CREDREG_WEBHOOK_WORKER": "0",
        "CREDREG_RATE_POINTS_PER_SECOND": "1000000000",
        "CREDREG_RATE_BURST": "1000000000",
        **(env_extra or {}),
    }
    server = subprocess.Popen(  # noqa: S603 - our own server
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.app:create_bench_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return server, port
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


_BODIES_WRITTEN: set[Path] = set()


def load(
    port: int,
    token: str,
    kind: str,
    duration: float,
    connections: int,
    scale: int,
    questions_path: Path | None = None,
    offset: int = 0,
    threads: int = 2,
) -> dict[str, Any]:
    """wrk when installed (C, light on the shared CPUs), else bench.load (asyncio).
    `questions_path`: another question set than the seed's sample; `offset`: the question
    to start at (wrk's threads each start at their share of the set from there; with one
    thread, the set is asked in order from `offset`)."""
    wrk_binary = shutil.which("wrk")
    source = questions_path or questions_file(scale)
    if wrk_binary:
        from bench.load import payload_for

        bodies = DATA / f"bodies-{kind}-{source.stem}.jsonl"
        if bodies not in _BODIES_WRITTEN:
            questions = json.loads(source.read_text())
            bodies.write_text(
                "".join(
                    json.dumps(payload_for(kind, q), ensure_ascii=False) + "\n" for q in questions
                )
            )
            _BODIES_WRITTEN.add(bodies)
        path = "/bench/check" if kind == "plain" else "/graphql"
        wrk = subprocess.run(  # noqa: S603
            [
                wrk_binary,
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(int(duration), 1)}s",
                "--latency",
                "-s",
                str(ROOT / "bench" / "wrk.lua"),
                f"http://127.0.0.1:{port}",
                "--",
                str(bodies),
                path,
                token,
                str(offset),
                str(threads),
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        )
        line = [x for x in wrk.stdout.splitlines() if x.startswith("{")][-1]
        figures: dict[str, Any] = json.loads(line)
        figures["client"] = "wrk"
        return figures
    done = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bench.load",
            "--port",
            str(port),
            "--token",
            token,
            "--questions",
            str(source),
            "--offset",
            str(offset),
            "--kind",
            kind,
            "--duration",
            str(duration),
            "--connections",
            str(connections),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=duration + 60,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["client"] = "bench.load"
    return result


WINDOWS = 3  # measured windows per SPEC 9 load (see measure)


def median_window(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The window with the median req/s, with every window's req/s beside it."""
    ordered = sorted(runs, key=lambda run: float(run["rps"]))
    return {**ordered[len(ordered) // 2], "windows_rps": [run["rps"] for run in runs]}


def warm(port: int, token: str, scale: int) -> dict[str, Any]:
    """Ask every sample question once, in batches of 500, as a scheduler does when it
    loads the day's OR lists; the load runs then meet the registry as it is in service."""
    questions = questions_of(scale)
    started = time.perf_counter()
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
        for offset in range(0, len(questions), 500):
            reply = client.post(
                "/graphql",
                headers={"authorization": f"Bearer {token}"},
                json={
                    "query": BATCH_QUERY,
                    "variables": {"inputs": questions[offset : offset + 500]},
                },
            )
            assert reply.status_code == 200 and "errors" not in reply.json(), reply.text[:300]
    return {"questions": len(questions), "seconds": round(time.perf_counter() - started, 2)}


def batches(port: int, token: str, rounds: int, scale: int, query: str) -> dict[str, Any]:
    questions = questions_of(scale)
    latencies = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        for index in range(rounds):
            batch = [questions[(index * 37 + k) % len(questions)] for k in range(500)]
            started = time.perf_counter()
            reply = client.post(
                "/graphql",
                headers={"authorization": f"Bearer {token}"},
                json={"query": query, "variables": {"inputs": batch}},
            )
            latencies.append(time.perf_counter() - started)
            assert reply.status_code == 200 and "errors" not in reply.json(), reply.text[:300]
    latencies.sort()
    return {
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 1),
    }


def export(port: int, pid: int, token: str) -> dict[str, Any]:
    start_rss = rss_kib(pid)
    peak = start_rss
    lines = size = 0
    started = time.perf_counter()
    with (
        httpx.Client(timeout=600) as client,
        client.stream(
            "GET",
            f"http://127.0.0.1:{port}/export/audit.ndjson",
            headers={"authorization": f"Bearer {token}"},
        ) as response,
    ):
        for chunk in response.iter_raw(1 << 20):  # big reads keep the client light
            lines += chunk.count(b"\n")
            size += len(chunk)
            peak = max(peak, rss_kib(pid))
    seconds = time.perf_counter() - started
    return {
        "events": lines,
        "events_per_s": round(lines / seconds),
        "mb": round(size / 2**20),
        "seconds": round(seconds, 1),
        "server_rss_start_mb": round(start_rss / 1024),
        "server_rss_peak_mb": round(peak / 1024),
    }


# The most expensive queries a client can send (issue 13, item 3): candidates whose
# cost is computed by the server's own cost function; the costliest one the limit still
# accepts runs in a loop while /healthz is timed, and the issue's example (five aliases
# of 500 checks with nested basis -> practitioner -> privileges) must be refused fast.
WORST_CANDIDATES = {
    "checks 500 + basis + practitioner": (
        "query($i: [PrivilegeCheckInput!]!) { privilegeChecks(inputs: $i) { allowed "
        "reasons { code message } basis { id status scope validFrom validUntil "
        "practitioner { staffNo name } } } }"
    ),
    "checks 500 + basis + privileges": (
        "query($i: [PrivilegeCheckInput!]!) { privilegeChecks(inputs: $i) { allowed "
        "basis { id practitioner { privileges { id status } } } } }"
    ),
    "practitioners 100 + privileges": (
        "{ practitioners(first: 100) { nodes { staffNo name privileges "
        "{ id status scope validFrom validUntil } } } }"
    ),
    "two aliases of checks 500 + basis": (
        "query($i: [PrivilegeCheckInput!]!) { a: privilegeChecks(inputs: $i) { allowed "
        "reasons { code } basis { id status } } b: privilegeChecks(inputs: $i) { allowed "
        "reasons { code } basis { id status } } }"
    ),
}
ISSUE_EXAMPLE = (
    "query($i: [PrivilegeCheckInput!]!) { "
    + " ".join(
        f"a{k}: privilegeChecks(inputs: $i) {{ allowed basis {{ id practitioner {{ staffNo "
        "privileges { id status scope } } } }"
        for k in range(5)
    )
    + " }"
)


def _percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    if not samples:
        return {"p50_ms": 0.0, "p99_ms": 0.0, "n": 0}
    return {
        "p50_ms": round(samples[len(samples) // 2] * 1000, 1),
        "p99_ms": round(samples[min(int(len(samples) * 0.99), len(samples) - 1)] * 1000, 1),
        "n": len(samples),
    }


def healthz_under_worst_query(
    port: int, token: str, questions: list[dict[str, Any]], seconds: float = 10
) -> dict[str, Any]:
    """/healthz latency (p50/p99) alone, then while the most expensive accepted query
    runs back to back; and how fast the issue's example is refused."""
    import threading

    from graphql import parse

    from schema import cost
    from schema.schema import build_schema

    schema = build_schema()._schema
    batch = [questions[k % len(questions)] for k in range(500)]
    limit = int(os.environ.get("CREDREG_MAX_QUERY_COST", "50000"))
    costs = {
        name: cost.query_cost(schema, parse(text), None, {"i": batch})
        for name, text in WORST_CANDIDATES.items()
    }
    accepted = {name: value for name, value in costs.items() if value <= limit}
    worst = max(accepted, key=lambda name: accepted[name])
    base = f"http://127.0.0.1:{port}"
    headers = {"authorization": f"Bearer {token}"}

    def time_healthz(duration: float) -> list[float]:
        samples = []
        with httpx.Client(base_url=base, timeout=30) as client:
            end = time.monotonic() + duration
            while time.monotonic() < end:
                started = time.perf_counter()
                client.get("/healthz")
                samples.append(time.perf_counter() - started)
                time.sleep(0.02)
        return samples

    idle = time_healthz(min(seconds, 3))
    stop = threading.Event()
    query_times: list[float] = []
    outcomes: list[str] = []

    def hammer() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while not stop.is_set():
                started = time.perf_counter()
                reply = client.post(
                    "/graphql",
                    headers=headers,
                    json={"query": WORST_CANDIDATES[worst], "variables": {"i": batch}},
                )
                query_times.append(time.perf_counter() - started)
                errors = reply.json().get("errors") or [{}]
                outcomes.append(errors[0].get("extensions", {}).get("code", "ok"))

    worker = threading.Thread(target=hammer, daemon=True)
    worker.start()
    time.sleep(0.5)
    busy = time_healthz(seconds)
    stop.set()
    worker.join(120)
    with httpx.Client(base_url=base, timeout=120) as client:
        started = time.perf_counter()
        refused = client.post(
            "/graphql", headers=headers, json={"query": ISSUE_EXAMPLE, "variables": {"i": batch}}
        )
        refused_ms = round((time.perf_counter() - started) * 1000, 1)
    refused_code = (refused.json().get("errors") or [{}])[0].get("extensions", {}).get("code")
    return {
        "worst_accepted": worst,
        "worst_cost": accepted[worst],
        "candidate_costs": costs,
        "worst_query": _percentiles(query_times),
        "worst_outcomes": {code: outcomes.count(code) for code in set(outcomes)},
        "healthz_idle": _percentiles(idle),
        "healthz_during_worst": _percentiles(busy),
        "issue_example": {"code": refused_code, "ms": refused_ms},
    }


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


def seeded(kind: str, scale: int) -> bool:
    """Is there a seeded database (and its sample questions) at this scale?"""
    if not questions_file(scale).exists():
        return False
    if kind == "sqlite":
        return (DATA / f"bench-s{scale}.sqlite3").exists()

    async def exists() -> bool:
        import asyncpg

        conn = await asyncpg.connect("postgres://postgres@127.0.0.1:5432/postgres")
        try:
            name = database_url(kind, scale).rsplit("/", 1)[1]
            return bool(await conn.fetchval("SELECT 1 FROM pg_database WHERE datname=$1", name))
        finally:
            await conn.close()

    try:
        return asyncio.run(exists())
    except OSError:
        return False


def measure(
    kind: str, scale: int, duration: float, connections: int, compare_scale: int | None
) -> dict[str, Any]:
    url = database_url(kind, scale)
    print(f"[{kind}] preparing {url}", flush=True)
    info = asyncio.run(prepare(url, scale))
    server, port = start_server(url)
    token = info["scheduler"]
    try:
        figures: dict[str, Any] = {"database": kind, "scale": scale, **info}
        figures.pop("scheduler")
        figures.pop("auditor")
        figures["warm_up"] = warm(port, token, scale)
        load(port, token, "graphql", 3, connections, scale)
        names = ("graphql", "plain", "graphql-ordinary")
        # WINDOWS rounds of the three, in turn, each window a share of `duration`: a
        # passing disturbance of the shared machine (one 15-s window measured 1,917 req/s
        # where the windows around it gave 3,400) spoils one window, not the figure;
        # each figure is its median window, and every window is printed.
        windows: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
        for _ in range(WINDOWS):
            for name in names:
                windows[name].append(
                    load(port, token, name, duration / WINDOWS, connections, scale)
                )
        for name in names:
            figures[name] = median_window(windows[name])
            print(f"[{kind}] {name}: {figures[name]}", flush=True)
        figures["ratio_graphql_to_plain"] = round(
            figures["graphql"]["rps"] / max(figures["plain"]["rps"], 1), 2
        )
        figures["batch_500"] = batches(port, token, 40, scale, BATCH_QUERY)
        figures["batch_500_ordinary"] = batches(port, token, 20, scale, ORDINARY_BATCH_QUERY)
        print(f"[{kind}] batch of 500: {figures['batch_500']}", flush=True)
        print(f"[{kind}] batch of 500, ordinary: {figures['batch_500_ordinary']}", flush=True)
        # First (the log may come from disk), then again (from the page cache).
        figures["export"] = export(port, server.pid, info["auditor"])
        print(f"[{kind}] export: {figures['export']}", flush=True)
        figures["export_again"] = export(port, server.pid, info["auditor"])
        print(f"[{kind}] export again: {figures['export_again']}", flush=True)
        figures["healthz_worst"] = healthz_under_worst_query(port, token, questions_of(scale))
        print(f"[{kind}] /healthz under the worst accepted query: {figures['healthz_worst']}")
    finally:
        stop_server(server)
    again = asyncio.run(verify_again(url))
    figures["verify_again_seconds"] = again["verify_seconds"]
    figures["verify_server_seconds"] = again["verify_server_seconds"]
    print(
        f"[{kind}] verify: {figures['verify_seconds']} s, again {figures['verify_again_seconds']} s"
        f" (one worker, as verifyAuditChain in the server: {figures['verify_server_seconds']} s)"
    )
    if compare_scale and seeded(kind, compare_scale):
        figures["compare"] = compare(kind, compare_scale, duration, connections, figures)
        print(f"[{kind}] scale {compare_scale}: {figures['compare']}", flush=True)
    return figures


def compare(
    kind: str, scale: int, duration: float, connections: int, base: dict[str, Any]
) -> dict[str, Any]:
    """The single check on the larger data set, against the figure just measured."""
    url = database_url(kind, scale)
    info = asyncio.run(prepare(url, scale, verify=False))
    server, port = start_server(url)
    try:
        warm_up = warm(port, info["scheduler"], scale)
        load(port, info["scheduler"], "graphql", 3, connections, scale)
        single = load(port, info["scheduler"], "graphql", duration, connections, scale)
        batch = batches(port, info["scheduler"], 20, scale, BATCH_QUERY)
    finally:
        stop_server(server)
    return {
        "scale": scale,
        "warm_up": warm_up,
        "graphql": single,
        "batch_500": batch,
        "queries_per_batch": info["queries_per_batch"],
        "p50_ratio_to_scale_1": round(single["p50_ms"] / max(base["graphql"]["p50_ms"], 0.01), 2),
    }


SCENARIOS = ("spec", "cold-wide", "mixed", "workers")


def machine_speed_ms() -> float:
    """Milliseconds this machine takes now for a fixed piece of the server's kind of
    work (JSON, hashing, dicts; best of three, about 0.1 s each), measured before and
    after each database's scenarios: on a shared VM whose speed moves by half from one
    quarter of an hour to the next, it says which figures came from a slow spell."""
    import hashlib

    rows = [{"id": n, "code": f"47.{n:04d}", "grade": n % 4 + 1} for n in range(2_000)]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(5):
            for row in json.loads(json.dumps(rows)):
                hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest()
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def run_scenarios(kind: str, args: argparse.Namespace) -> dict[str, list[dict[str, Any]]]:
    """The chosen scenarios on one database (one process per database: tortoise caches
    SQL per model class, dialect included)."""
    from bench import scenarios

    chosen = SCENARIOS if args.scenarios == "all" else tuple(args.scenarios.split(","))
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"unknown scenarios {sorted(unknown)}; choose from {SCENARIOS}")
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in SCENARIOS}
    found["runs"] = []
    speed = {"database": kind, "before_ms": machine_speed_ms()}
    print(f"[{kind}] machine speed: {speed['before_ms']} ms for the fixed workload", flush=True)
    found["speed"] = [speed]
    if "spec" in chosen:
        found["runs"].append(
            measure(kind, args.scale, args.duration, args.connections, args.compare_scale)
        )
    scales = [args.scale]
    if args.compare_scale and args.compare_scale != args.scale and seeded(kind, args.compare_scale):
        scales.append(args.compare_scale)
    if "cold-wide" in chosen:
        for scale in scales:  # issue 19.6: the cold and wide figure at x10 too
            found["cold-wide"].append(
                scenarios.cold_wide(kind, scale, args.scenario_duration, args.connections)
            )
    if "mixed" in chosen:
        found["mixed"].append(
            scenarios.mixed(kind, args.scale, args.scenario_duration, args.connections)
        )
    if "workers" in chosen:
        found["workers"].append(
            scenarios.workers(
                kind, args.scale, args.scenario_duration, args.connections, args.workers
            )
        )
    speed["after_ms"] = machine_speed_ms()
    print(f"[{kind}] machine speed: {speed['after_ms']} ms after the scenarios", flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--compare-scale",
        type=int,
        default=10,
        help="also measure single checks (and cold-wide) on this scale when it is seeded "
        "(0: never)",
    )
    parser.add_argument(
        "--scenarios",
        default="all",
        help=f"comma-separated, of {','.join(SCENARIOS)} (default: all); spec is SPEC 9's "
        "table, the others issue 19's (bench/scenarios.py)",
    )
    parser.add_argument(
        "--scenario-duration",
        type=float,
        default=10,
        help="seconds of each measured load in the issue 19 scenarios",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=max(os.cpu_count() or 2, 2),
        help="uvicorn workers measured beside one in the workers scenario",
    )
    parser.add_argument("--json-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    kinds = args.databases.split(",")
    found: dict[str, list[dict[str, Any]]] = {}
    if len(kinds) == 1:
        found = run_scenarios(kinds[0], args)
    else:
        # One process per database: tortoise caches SQL per model class, dialect included.
        for kind in kinds:
            out = DATA / f"run-{kind}.json"
            subprocess.run(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "bench.run",
                    "--scale",
                    str(args.scale),
                    "--databases",
                    kind,
                    "--duration",
                    str(args.duration),
                    "--connections",
                    str(args.connections),
                    "--compare-scale",
                    str(args.compare_scale),
                    "--scenarios",
                    args.scenarios,
                    "--scenario-duration",
                    str(args.scenario_duration),
                    "--workers",
                    str(args.workers),
                    "--json-out",
                    str(out),
                ],
                cwd=ROOT,
                check=True,
            )
            for name, rows in json.loads(out.read_text()).items():
                if isinstance(rows, list):
                    found.setdefault(name, []).extend(rows)
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "?",
    )
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "cpu": cpu,
            "load_average": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        },
        **found,
    }
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1) + "\n")
        return
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    from bench import scenarios

    if found.get("runs"):
        print(table(found["runs"]))
    print(scenarios.table(found))
    print(f"machine: {results['machine']}")
    for speed in found.get("speed", []):
        print(
            f"machine speed on {speed['database']}'s turn: {speed['before_ms']} ms before, "
            f"{speed['after_ms']} ms after (lower is faster)"
        )


def _healthz_cell(run: dict[str, Any]) -> str:
    worst = run.get("healthz_worst")
    if not worst:
        return "not measured"
    idle, busy = worst["healthz_idle"], worst["healthz_during_worst"]
    return (
        f"{idle['p50_ms']}/{idle['p99_ms']} -> {busy['p50_ms']}/{busy['p99_ms']} "
        f"(cost {worst['worst_cost']})"
    )


def table(runs: list[dict[str, Any]]) -> str:
    lines = [
        "| database | single req/s | p50 ms | p99 ms | plain req/s | ratio | "
        "ordinary GraphQL req/s | batch 500 p50/p99 ms | ordinary batch p50 ms | "
        "queries/batch 1 vs 500 | x10 single p50 ms (ratio) | export ev/s (first / again) | "
        "export peak RSS MB | verify 1M s (first / again (one worker)) | "
        "/healthz p50/p99 ms idle -> during worst accepted query |",
        "|" + "---|" * 15,
    ]
    for run in runs:
        other = run.get("compare")
        x10 = (
            f"{other['graphql']['p50_ms']} ({other['p50_ratio_to_scale_1']})"
            if other
            else "not seeded"
        )
        lines.append(
            f"| {run['database']} | {run['graphql']['rps']} | {run['graphql']['p50_ms']} | "
            f"{run['graphql']['p99_ms']} | {run['plain']['rps']} | "
            f"{run['ratio_graphql_to_plain']} | {run['graphql-ordinary']['rps']} | "
            f"{run['batch_500']['p50_ms']}/{run['batch_500']['p99_ms']} | "
            f"{run['batch_500_ordinary']['p50_ms']} | "
            f"{run['queries_per_batch']['1']} vs {run['queries_per_batch']['500']} | {x10} | "
            f"{run['export']['events_per_s']} / "
            f"{run.get('export_again', {}).get('events_per_s', '-')} | "
            f"{run['export']['server_rss_peak_mb']} | "
            f"{run['verify_seconds']} / {run['verify_again_seconds']} "
            f"({run.get('verify_server_seconds', '-')}) | "
            f"{_healthz_cell(run)} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
