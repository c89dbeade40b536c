"""Issue 19's scenarios beyond the warm cache, run by `python -m bench.run --scenarios ...`:

- `cold-wide`: a question set over every practitioner (bench.seed.wide_questions, at least
  20,000 distinct questions), asked from the moment a freshly started server is ready,
  with no warm-up: throughput, p50 and p99 second by second for 10 s, then steady state
  (after one whole pass of the set), the server's RSS, and the warm figure beside it (the
  seed's 2,000 sample questions asked once first, as the SPEC 9 rows are measured);
- `mixed`: checks at 16 connections while cases are recorded at 20/s and a suspension or
  reinstatement lands every 2 s, through the real mutations, on a copy of the database;
  a verifier asks about the suspended privileges all along and counts every check sent
  after an acknowledged suspension (and before its reinstatement was sent) that allowed;
  the same load without the writes runs before each such phase, for the ratio, in
  MIXED_ROUNDS rounds (read-only, then with writes) whose medians are reported with
  their spread: on a shared 2-core machine a single pair of 10-s phases moved by a
  third from run to run;
- `workers`: the single check with 1 and N uvicorn workers side by side, and /metrics
  totals (added up across workers through CREDREG_METRICS_DIR) against the requests sent.

Every figure is for information (never a timed test); every step is bounded in time.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from bench import run as base
from domain.case_dates import DEFAULT_MAX_AGE_DAYS

COLD_SECONDS = 10
# The steady state starts once the whole wide set has been asked (every practitioner
# met once); at most this long, so a slow machine still finishes. At x10 (50,000
# questions) a pass takes 50-90 s on 2 cores: a 60-s cap measured "steady" while a
# third of the practitioners were still unasked. A capped pass is reported as such.
MAX_FIRST_PASS_SECONDS = 300
CASES_PER_SECOND = 20
SUSPENSION_EVERY_SECONDS = 2.0
TARGETS = 8
VERIFIER_PER_SECOND = 100
MIXED_ROUNDS = int(os.environ.get("CREDREG_BENCH_MIXED_ROUNDS", "3"))

CHECK_WITH_BASIS = (
    "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed "
    "reasons { code } basis { id version status } } }"
)
VERIFY_CHECK = (
    "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed registryVersion "
    "reasons { code } } }"
)
TRANSITION = (
    "mutation($input: PrivilegeTransitionInput!) { %s(input: $input) { "
    "privilege { id version status } userErrors { code message } } }"
)
RECORD_CASE = (
    "mutation($input: RecordCaseInput!) { recordCase(input: $input) { "
    "caseRecord { id } userErrors { code message } } }"
)


def wide_file(scale: int) -> Path:
    return base.DATA / f"wide-s{scale}.json"


async def _ensure_wide(scale: int) -> int:
    """Write the wide question set of this scale's database (once; it is derived from
    the rows, which the scenarios that write never change: they run on copies)."""
    from bench.seed import WIDE_QUESTIONS, wide_questions

    target = wide_file(scale)
    if not target.exists():
        questions = await wide_questions(WIDE_QUESTIONS)
        target.write_text(json.dumps(questions, ensure_ascii=False) + "\n")
    return len(json.loads(target.read_text()))


async def _keys(url: str, scale: int, wide: bool) -> dict[str, Any]:
    from tortoise import Tortoise

    from api.db import tortoise_config
    from domain import auth
    from domain.actors import system_actor

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        actor = system_actor("bench")
        keys: dict[str, Any] = {
            role.lower(): (
                await auth.create_api_key(actor, name=f"bench {role.lower()}", roles=[role])
            ).secret
            for role in ("SCHEDULER", "AUDITOR")
        }
        # Suspensions need an ADMIN, which API keys never are: a user and its session.
        import secrets

        username = f"bench-admin-{os.getpid()}-{int(time.time())}"
        password = "Bench-" + secrets.token_urlsafe(18)
        await auth.create_user(actor, username=username, password=password, roles=["ADMIN"])
        keys["admin"] = (await auth.login(username, password)).token
        if wide:
            keys["wide_questions"] = await _ensure_wide(scale)
        return keys
    finally:
        await Tortoise.close_connections()


def _server_rss(pid: int) -> dict[str, int]:
    """RSS of the server and its children (uvicorn's workers), in MB."""
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    return {
        "rss_mb": round(sum(base.rss_kib(p) for p in pids) / 1024),
        "peak_rss_mb": round(sum(base.rss_kib(p, "VmHWM") for p in pids) / 1024),
    }


def profile(pid: int, seconds: float, name: str) -> subprocess.Popen[bytes] | None:
    """With CREDREG_BENCH_PROFILE=DIR, py-spy samples the server for `seconds` into
    DIR/NAME.txt (collapsed stacks: flamegraph.pl or speedscope read them)."""
    directory = os.environ.get("CREDREG_BENCH_PROFILE")
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not directory or not Path(spy).exists():
        return None
    Path(directory).mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(  # noqa: S603 - a profiler on our own server
        [
            *(spy, "record", "--pid", str(pid), "-d", str(int(seconds)), "-r", "250"),
            *(
                "-f",
                "raw",
                "--idle",
                "--threads",
                "--nonblocking",
                "-o",
                str(Path(directory) / f"{name}.txt"),
            ),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- cold and wide -------------------------------------------------------------------


def cold_wide(kind: str, scale: int, duration: float, connections: int) -> dict[str, Any]:
    url = base.database_url(kind, scale)
    print(f"[{kind}] cold-wide: preparing {url}", flush=True)
    keys = asyncio.run(_keys(url, scale, wide=True))
    token = keys["scheduler"]
    wide = wide_file(scale)
    count = int(keys["wide_questions"])
    load_before = load_average()
    started = time.monotonic()
    server, port = base.start_server(url)
    ready_s = round(time.monotonic() - started, 2)
    try:
        rss_ready = _server_rss(server.pid)
        seconds: list[dict[str, Any]] = []
        asked = 0
        profile(server.pid, COLD_SECONDS, f"cold-wide-{kind}-s{scale}")
        # One wrk run a second, each carrying on where the last stopped: the first 10 s
        # after readiness, bucket by bucket, then on until the set has been asked once.
        # One wrk thread, so that the set is asked in order (one pass meets everyone).
        while asked < count and len(seconds) < MAX_FIRST_PASS_SECONDS:
            figures = base.load(
                port, token, "graphql", 1, connections, scale, wide, asked, threads=1
            )
            asked += int(figures["requests"])
            seconds.append(figures)
            if len(seconds) <= COLD_SECONDS:
                print(f"[{kind}] cold-wide second {len(seconds)}: {figures}", flush=True)
        first = seconds[:COLD_SECONDS]
        cold = {
            "per_second": [
                {k: s[k] for k in ("rps", "p50_ms", "p99_ms", "max_ms", "errors") if k in s}
                for s in first
            ],
            "requests": sum(int(s["requests"]) for s in first),
            "rps": round(sum(int(s["requests"]) for s in first) / max(len(first), 1), 1),
            "worst_p99_ms": max(float(s["p99_ms"]) for s in first),
            "worst_max_ms": max(float(s.get("max_ms", 0)) for s in first),
            "errors": sum(int(s["errors"]) for s in first),
        }
        first_pass_s = len(seconds)
        first_pass_complete = asked >= count
        if not first_pass_complete:
            print(
                f"[{kind}] cold-wide: the first pass stopped after {first_pass_s} s with"
                f" {asked} of {count} asked: the steady figure is not a steady state",
                flush=True,
            )
        steady = base.load(
            port, token, "graphql", duration, connections, scale, wide, asked, threads=1
        )
        print(f"[{kind}] cold-wide steady: {steady}", flush=True)
        rss_wide = _server_rss(server.pid)
        # The warm figure beside it, on this very server: the SPEC 9 way (the seed's
        # sample asked once, then the load over the same sample).
        base.warm(port, token, scale)
        base.load(port, token, "graphql", 3, connections, scale)
        warm = base.load(port, token, "graphql", duration, connections, scale, threads=1)
        print(f"[{kind}] cold-wide warm reference: {warm}", flush=True)
    finally:
        base.stop_server(server)
    return {
        "database": kind,
        "scale": scale,
        "questions": count,
        "ready_s": ready_s,
        "cold_10s": cold,
        "first_pass_s": first_pass_s,
        "first_pass_complete": first_pass_complete,
        "steady": steady,
        "warm": warm,
        "steady_to_warm": round(float(steady["rps"]) / max(float(warm["rps"]), 1), 2),
        "rss_ready_mb": rss_ready["rss_mb"],
        "rss_wide_mb": rss_wide["rss_mb"],
        "peak_rss_mb": rss_wide["peak_rss_mb"],
        "load_average": f"{load_before} -> {load_average()}",
    }


# --- mixed reads and writes ----------------------------------------------------------


@dataclass
class Target:
    question: dict[str, Any]
    privilege_id: str
    version: int
    suspended_acks: list[float] = field(default_factory=list)
    reinstate_sends: list[float] = field(default_factory=list)


@dataclass
class MixedLog:
    checks: list[tuple[float, float, int, bool]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    after_ack: list[tuple[int, bool]] = field(default_factory=list)
    cases: Counter[str] = field(default_factory=Counter)
    transitions: Counter[str] = field(default_factory=Counter)
    write_ms: list[float] = field(default_factory=list)
    cases_done: list[float] = field(default_factory=list)
    window: tuple[float, float] = (0.0, 0.0)


def _settle_disk(url: str) -> None:
    print(f"  disk settled in {base.settle_disk(url):.1f} s", flush=True)


def _copy_database(kind: str, scale: int) -> tuple[str, Any]:
    """A scratch copy of the seeded database (the scenario writes) and how to drop it."""
    if kind == "sqlite":
        source = base.DATA / f"bench-s{scale}.sqlite3"
        target = base.DATA / f"mixed-s{scale}.sqlite3"
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source, target)
        _settle_disk(f"sqlite://{target}")

        def drop_sqlite() -> None:
            for name in (str(target), f"{target}-wal", f"{target}-shm"):
                Path(name).unlink(missing_ok=True)

        return f"sqlite://{target}", drop_sqlite
    import asyncpg

    template = base.database_url(kind, scale).rsplit("/", 1)[1]
    scratch = f"{template}_mixed"
    admin = "postgres://postgres@127.0.0.1:5432/postgres"

    async def create() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            await conn.execute(f'CREATE DATABASE "{scratch}" TEMPLATE "{template}"')
        finally:
            await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(create())
    url = base.database_url(kind, scale).rsplit("/", 1)[0] + f"/{scratch}"
    _settle_disk(url)
    return url, lambda: asyncio.run(drop())


def _targets(port: int, token: str, scale: int) -> tuple[list[Target], list[dict[str, Any]]]:
    """Sample questions allowed today on exactly one ACTIVE privilege (the suspension
    targets), and allowed questions of a day a case may be recorded for (today or up to
    DEFAULT_MAX_AGE_DAYS before: older cases are refused as late reports). Today is the
    hospital's (CREDREG_TIMEZONE, as the server and the seed count it), not this host's."""
    from domain import clock

    today = clock.today()
    earliest = (today - timedelta(days=DEFAULT_MAX_AGE_DAYS)).isoformat()
    questions = [q for q in base.questions_of(scale) if earliest <= q["on"] <= today.isoformat()]
    targets: list[Target] = []
    cases: list[dict[str, Any]] = []
    seen: set[str] = set()
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        for question in questions[:400]:
            reply = client.post(
                "/graphql",
                headers={"authorization": f"Bearer {token}"},
                json={"query": CHECK_WITH_BASIS, "variables": {"i": question}},
            ).json()
            answer = reply["data"]["privilegeCheck"]
            if not answer["allowed"]:
                continue
            cases.append(question)
            basis = answer["basis"]
            if (
                len(targets) < TARGETS
                and len(basis) == 1
                and basis[0]["status"] == "ACTIVE"
                and basis[0]["id"] not in seen
                and question["practitionerStaffNo"]
                not in {t.question["practitionerStaffNo"] for t in targets}
            ):
                seen.add(basis[0]["id"])
                targets.append(Target(question, basis[0]["id"], int(basis[0]["version"])))
    return targets, cases


async def _writer(
    port: int,
    scheduler: str,
    admin: str,
    targets: list[Target],
    cases: list[dict[str, Any]],
    seconds: float,
    log: MixedLog,
) -> None:
    """Cases at CASES_PER_SECOND and a suspension or reinstatement every 2 s; after each
    acknowledged suspension the writer's own next check must deny too."""
    run_id = f"{os.getpid()}-{int(time.time())}"
    begin = time.monotonic()
    end = begin + seconds
    log.window = (begin, end)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:

        async def post(token: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
            started = time.monotonic()
            reply = await client.post(
                "/graphql",
                headers={"authorization": f"Bearer {token}"},
                json={"query": query, "variables": variables},
            )
            log.write_ms.append((time.monotonic() - started) * 1000)
            found: dict[str, Any] = reply.json()
            return found

        async def record(n: int) -> None:
            question = cases[n % len(cases)]
            reply = await post(
                scheduler,
                RECORD_CASE,
                {
                    "input": {
                        "externalRef": f"bench-mixed-{run_id}-{n}",
                        "procedureCode": question["procedureCode"],
                        "performedOn": question["on"],
                        "practitionerStaffNo": question["practitionerStaffNo"],
                        "siteCode": question.get("siteCode"),
                        "setting": question.get("setting", "INPATIENT"),
                    }
                },
            )
            log.cases_done.append(time.monotonic())
            payload = (reply.get("data") or {}).get("recordCase") or {}
            if reply.get("errors"):
                log.cases["errors"] += 1
            elif payload.get("userErrors"):
                log.cases["refused:" + payload["userErrors"][0]["code"]] += 1
            else:
                log.cases["recorded"] += 1

        async def cases_loop() -> None:
            pending: set[asyncio.Task[None]] = set()
            n = 0
            while time.monotonic() < end:
                due = begin + n / CASES_PER_SECOND
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                task = asyncio.create_task(record(n))
                pending.add(task)
                task.add_done_callback(pending.discard)
                n += 1
            await asyncio.gather(*pending)

        async def transitions_loop() -> None:
            step = 0
            while True:
                due = begin + 1.0 + step * SUSPENSION_EVERY_SECONDS
                if due >= end - 0.5:
                    break
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                target = targets[(step // 2) % len(targets)]
                suspend = step % 2 == 0
                name = "suspendPrivilege" if suspend else "reinstatePrivilege"
                if not suspend:
                    target.reinstate_sends.append(time.monotonic())
                reply = await post(
                    admin,
                    TRANSITION % name,
                    {
                        "input": {
                            "id": target.privilege_id,
                            "expectedVersion": target.version,
                            "reason": "bench mixed load",
                        }
                    },
                )
                payload = (reply.get("data") or {}).get(name) or {}
                if reply.get("errors") or payload.get("userErrors") or not payload.get("privilege"):
                    log.transitions[f"{name} failed"] += 1
                    print(f"  {name} failed: {json.dumps(reply)[:300]}", flush=True)
                    break
                target.version = int(payload["privilege"]["version"])
                log.transitions[name] += 1
                if suspend:
                    target.suspended_acks.append(time.monotonic())
                    # Read-your-writes for the client that made the change.
                    check = await post(scheduler, VERIFY_CHECK, {"i": target.question})
                    log.after_ack.append(
                        (targets.index(target), bool(check["data"]["privilegeCheck"]["allowed"]))
                    )
                step += 1
            # Leave every target as it was found.
            for target in targets:
                if len(target.suspended_acks) > len(target.reinstate_sends):
                    target.reinstate_sends.append(time.monotonic())
                    reply = await post(
                        admin,
                        TRANSITION % "reinstatePrivilege",
                        {
                            "input": {
                                "id": target.privilege_id,
                                "expectedVersion": target.version,
                                "reason": "bench mixed load: done",
                            }
                        },
                    )
                    # The next round suspends it again from this version.
                    payload = (reply.get("data") or {}).get("reinstatePrivilege") or {}
                    if not payload.get("privilege"):
                        raise SystemExit(f"mixed: could not reinstate a target: {reply}")
                    target.version = int(payload["privilege"]["version"])

        await asyncio.gather(cases_loop(), transitions_loop())


async def _verifier(
    port: int, token: str, targets: list[Target], seconds: float, log: MixedLog
) -> None:
    """One connection asking about the targets in turn, VERIFIER_PER_SECOND at most."""
    end = time.monotonic() + seconds
    n = 0
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        begin = time.monotonic()
        while time.monotonic() < end:
            await asyncio.sleep(max(0.0, begin + n / VERIFIER_PER_SECOND - time.monotonic()))
            index = n % len(targets)
            sent = time.monotonic()
            reply = await client.post(
                "/graphql",
                headers={"authorization": f"Bearer {token}"},
                json={"query": VERIFY_CHECK, "variables": {"i": targets[index].question}},
            )
            answer = reply.json()["data"]["privilegeCheck"]
            allowed = bool(answer["allowed"])
            log.checks.append((sent, time.monotonic(), index, allowed))
            log.answers.append(answer)
            n += 1


def _violations(targets: list[Target], log: MixedLog) -> dict[str, Any]:
    """Checks sent after a suspension was acknowledged and answered before its
    reinstatement was sent must deny (each violation listed: when, and the answer)."""
    must_deny = stale = 0
    details: list[str] = []
    for (sent, received, index, allowed), answer in zip(log.checks, log.answers, strict=True):
        target = targets[index]
        for n, ack in enumerate(target.suspended_acks):
            reinstated = (
                target.reinstate_sends[n] if n < len(target.reinstate_sends) else float("inf")
            )
            # The whole check between the acknowledged suspension and the moment its
            # reinstatement was sent (one in flight at the same time may see either).
            if ack <= sent and received < reinstated:
                must_deny += 1
                stale += allowed
                if allowed:
                    details.append(
                        f"target {index} sent {1000 * (sent - ack):.1f} ms after the ack, "
                        f"answered {1000 * (received - ack):.1f} ms after: {answer}"
                    )
                break
    return {
        "checks_after_ack": must_deny,
        "violations": stale,
        "writer_checks_after_ack": len(log.after_ack),
        "writer_violations": sum(allowed for _index, allowed in log.after_ack),
        "violation_details": details[:10],
    }


async def _phase(
    port: int,
    keys: dict[str, Any],
    scale: int,
    duration: float,
    connections: int,
    targets: list[Target],
    cases: list[dict[str, Any]],
    writes: bool,
    server_pid: int,
) -> tuple[dict[str, Any], MixedLog]:
    log = MixedLog()
    profile(server_pid, duration, "mixed-writes" if writes else "mixed-read-only")
    loader = asyncio.create_task(
        asyncio.to_thread(
            base.load, port, keys["scheduler"], "graphql", duration, connections, scale
        )
    )
    jobs = [_verifier(port, keys["scheduler"], targets, duration, log)]
    if writes:
        jobs.append(_writer(port, keys["scheduler"], keys["admin"], targets, cases, duration, log))
    await asyncio.gather(*jobs)
    return await loader, log


def _median_phase(phases: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over the rounds (wrk's figures for one phase)."""
    found: dict[str, Any] = dict(phases[0])
    for key in ("rps", "p50_ms", "p99_ms", "max_ms"):
        found[key] = round(statistics.median([float(p[key]) for p in phases]), 2)
    for key in ("requests", "errors", "non2xx"):
        found[key] = sum(int(p.get(key) or 0) for p in phases)
    return found


def mixed(kind: str, scale: int, duration: float, connections: int) -> dict[str, Any]:
    print(f"[{kind}] mixed: copying the database (the scenario writes)", flush=True)
    url, drop = _copy_database(kind, scale)
    rounds: list[tuple[dict[str, Any], dict[str, Any], MixedLog]] = []
    try:
        keys = asyncio.run(_keys(url, scale, wide=False))
        server, port = base.start_server(url)
        try:
            targets, cases = _targets(port, keys["scheduler"], scale)
            if not targets:
                raise SystemExit("mixed: no sample question is allowed on one privilege")
            base.warm(port, keys["scheduler"], scale)
            base.load(port, keys["scheduler"], "graphql", 3, connections, scale)
            load_before = load_average()
            for number in range(1, max(1, MIXED_ROUNDS) + 1):
                read_only, _ = asyncio.run(
                    _phase(
                        port, keys, scale, duration, connections, targets, cases, False, server.pid
                    )
                )
                print(f"[{kind}] mixed {number}, read-only: {read_only}", flush=True)
                with_writes, log = asyncio.run(
                    _phase(
                        port, keys, scale, duration, connections, targets, cases, True, server.pid
                    )
                )
                print(f"[{kind}] mixed {number}, with writes: {with_writes}", flush=True)
                rounds.append((read_only, with_writes, log))
        finally:
            base.stop_server(server)
    finally:
        drop()
    writes = sorted(ms for _r, _w, log in rounds for ms in log.write_ms)
    ratios = [float(w["rps"]) / max(float(r["rps"]), 1) for r, w, _log in rounds]
    cases_done = Counter[str]()
    transitions = Counter[str]()
    achieved = []
    verdicts: dict[str, Any] = {}
    for _r, _w, log in rounds:
        cases_done.update(log.cases)
        transitions.update(log.transitions)
        # Cases answered within the measured window: the rate the writer achieved
        # (it sends at CASES_PER_SECOND; slower answers pile up behind).
        achieved.append(sum(log.window[0] <= t <= log.window[1] for t in log.cases_done) / duration)
        for key, value in _violations(targets, log).items():
            if isinstance(value, list):
                verdicts.setdefault(key, []).extend(value)
            else:
                verdicts[key] = verdicts.get(key, 0) + value
    return {
        "database": kind,
        "scale": scale,
        "rounds": len(rounds),
        "read_only": _median_phase([r for r, _w, _log in rounds]),
        "mixed": _median_phase([w for _r, w, _log in rounds]),
        "ratio": round(statistics.median(ratios), 2),
        "ratios": [round(r, 2) for r in ratios],
        "p99_with_writes_ms": [float(w["p99_ms"]) for _r, w, _log in rounds],
        "cases": dict(cases_done),
        "transitions": dict(transitions),
        "cases_per_s_achieved": round(statistics.median(achieved), 1),
        "write_p50_ms": round(writes[len(writes) // 2], 1) if writes else None,
        "write_p99_ms": round(writes[int(len(writes) * 0.99)], 1) if writes else None,
        "verifier_checks": sum(len(log.checks) for _r, _w, log in rounds),
        **verdicts,
        "load_average": f"{load_before} -> {load_average()}",
    }


# --- workers -------------------------------------------------------------------------


def _metric_total(port: int, route: str = "/graphql") -> int:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    prefix = f'credreg_http_requests_total{{route="{route}",'
    return sum(int(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(prefix))


async def _exact_requests(port: int, token: str, scale: int, count: int, connections: int) -> int:
    """`count` checks over `connections` connections of their own (spread over the
    workers by the kernel); the number answered 200."""
    questions = base.questions_of(scale)
    answered = 0

    async def one_connection(offset: int) -> None:
        nonlocal answered
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}",
            timeout=30,
            limits=httpx.Limits(max_connections=1),
        ) as client:
            for n in range(offset, count, connections):
                reply = await client.post(
                    "/graphql",
                    headers={"authorization": f"Bearer {token}"},
                    json={
                        "query": VERIFY_CHECK,
                        "variables": {"i": questions[n % len(questions)]},
                    },
                )
                answered += reply.status_code == 200

    await asyncio.gather(*[one_connection(n) for n in range(connections)])
    return answered


def workers(kind: str, scale: int, duration: float, connections: int, count: int) -> dict[str, Any]:
    url = base.database_url(kind, scale)
    keys = asyncio.run(_keys(url, scale, wide=False))
    token = keys["scheduler"]
    rows: list[dict[str, Any]] = []
    for n in sorted({1, count}):
        directory = tempfile.mkdtemp(prefix="credreg-bench-metrics-")
        env = {"CREDREG_METRICS_DIR": directory} if n > 1 else {}
        load_before = load_average()
        server, port = base.start_server(url, workers=n, env_extra=env)
        try:
            # Every worker keeps its own cache: warm them all through the load itself.
            base.warm(port, token, scale)
            base.load(port, token, "graphql", 5, connections, scale)
            single = base.load(port, token, "graphql", duration, connections, scale)
            print(f"[{kind}] workers={n}: {single}", flush=True)
            rss = _server_rss(server.pid)
            time.sleep(2.5)  # every worker has written its counts (api/metrics.py)
            before = _metric_total(port)
            sent = 2000
            answered = asyncio.run(_exact_requests(port, token, scale, sent, connections))
            right_after = _metric_total(port)
            time.sleep(2.5)
            later = _metric_total(port)
        finally:
            base.stop_server(server)
            shutil.rmtree(directory, ignore_errors=True)
        rows.append(
            {
                "workers": n,
                "single": single,
                **rss,
                "metrics_sent": sent,
                "metrics_answered": answered,
                "metrics_delta_right_after": right_after - before,
                "metrics_delta_after_2_5s": later - before,
                "metrics_ok": later - before == answered == sent,
                "load_average": f"{load_before} -> {load_average()}",
            }
        )
    return {"database": kind, "scale": scale, "rows": rows}


# --- the table -----------------------------------------------------------------------


def table(found: dict[str, list[dict[str, Any]]]) -> str:
    lines: list[str] = []
    if found.get("cold-wide"):
        lines += [
            "",
            "Cold and wide (issue 19.1): a fresh server, no warm-up, the wide question set "
            "(every practitioner); targets: first-10-s p99 <= 100 ms, steady >= 0.8x warm",
            "| database | scale | questions | ready s | first 10 s req/s | worst 1-s p99 ms "
            "(max ms) | p99 ms second by second | first pass s | steady req/s p50/p99 ms | "
            "warm req/s p50/p99 ms | steady/warm | RSS MB ready -> wide (peak) | load avg |",
            "|" + "---|" * 13,
        ]
        for r in found["cold-wide"]:
            c = r["cold_10s"]
            lines.append(
                f"| {r['database']} | {r['scale']} | {r['questions']} | {r['ready_s']} | "
                f"{c['rps']} | {c['worst_p99_ms']} ({c['worst_max_ms']}) | "
                f"{' '.join(str(round(s['p99_ms'])) for s in c['per_second'])} | "
                f"{r['first_pass_s']}{'' if r.get('first_pass_complete', True) else ' (cut)'} | "
                f"{r['steady']['rps']} {r['steady']['p50_ms']}/"
                f"{r['steady']['p99_ms']} | {r['warm']['rps']} {r['warm']['p50_ms']}/"
                f"{r['warm']['p99_ms']} | {r['steady_to_warm']} | {r['rss_ready_mb']} -> "
                f"{r['rss_wide_mb']} ({r['peak_rss_mb']}) | {r['load_average']} |"
            )
    if found.get("mixed"):
        lines += [
            "",
            "Mixed (issue 19.2): 16 connections of checks while cases are recorded at 20/s "
            "and a suspension or reinstatement lands every 2 s; targets: >= 0.8x read-only, "
            "p99 <= 30 ms, 0 violations",
            "| database | scale | read-only req/s p50/p99 ms | mixed req/s p50/p99 ms | ratio | "
            "cases (answered/s in the window) | suspensions/reinstatements | write p50/p99 ms | "
            "checks after an "
            "acknowledged suspension (verifier + writer) | violations | load avg |",
            "|" + "---|" * 11,
        ]
        for r in found["mixed"]:
            ro, mx = r["read_only"], r["mixed"]
            lines.append(
                f"| {r['database']} | {r['scale']} | {ro['rps']} {ro['p50_ms']}/{ro['p99_ms']} | "
                f"{mx['rps']} {mx['p50_ms']}/{mx['p99_ms']} | {r['ratio']} "
                f"(rounds {r.get('ratios')}, p99 {r.get('p99_with_writes_ms')}) | "
                f"{r['cases']} ({r.get('cases_per_s_achieved')}/s) | {r['transitions']} | "
                f"{r['write_p50_ms']}/{r['write_p99_ms']} | "
                f"{r['checks_after_ack']} + {r['writer_checks_after_ack']} | "
                f"{r['violations'] + r['writer_violations']} | {r['load_average']} |"
            )
    if found.get("workers"):
        lines += [
            "",
            "Workers (issue 19.5): single checks at 16 connections, warm, 1 vs N uvicorn "
            "workers; /metrics /graphql total against an exact number of requests sent",
            "| database | scale | workers | req/s | p50 ms | p99 ms | RSS MB (all workers) | "
            "/metrics delta right after / 2.5 s later / sent | correct | load avg |",
            "|" + "---|" * 10,
        ]
        for r in found["workers"]:
            for w in r["rows"]:
                lines.append(
                    f"| {r['database']} | {r['scale']} | {w['workers']} | {w['single']['rps']} | "
                    f"{w['single']['p50_ms']} | {w['single']['p99_ms']} | {w['rss_mb']} | "
                    f"{w['metrics_delta_right_after']} / {w['metrics_delta_after_2_5s']} / "
                    f"{w['metrics_sent']} | {w['metrics_ok']} | {w['load_average']} |"
                )
    return "\n".join(lines)
