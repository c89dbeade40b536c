"""The audit scan alone, in process: `python -m bench.audit_scan [--database-url URL]`.

Times the NDJSON export generator (`domain.exports.audit_ndjson`, what
`GET /export/audit.ndjson` streams, without HTTP) and `domain.audit.verify_chain` over
a seeded data set, `--repeat` times each, and prints every figure and the median.
`--cold` first drops the SQLite file from the page cache (posix_fadvise DONTNEED; the
pages of a PostgreSQL server cannot be dropped this way). Figures only: the SPEC's
targets are checked by `bench.run`, and never by timed tests.

`--tree DIR` imports `domain` from another checkout (e.g. `git archive` of an older
commit unpacked in /tmp), so an older and a newer version are measured interleaved
under the same conditions on a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def drop_cache(url: str) -> bool:
    """Evict a SQLite database file (and its WAL) from the page cache; False otherwise."""
    if not url.startswith("sqlite://"):
        return False
    path = url.removeprefix("sqlite://")
    for name in (path, path + "-wal"):
        if os.path.exists(name):
            fd = os.open(name, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


async def export_once() -> dict[str, Any]:
    from domain import exports

    lines = size = 0
    started = time.perf_counter()
    scope = exports.AuditRange()
    # What the HTTP route streams (bytes; older versions yield text the response encodes).
    chunks = getattr(exports, "audit_ndjson_bytes", exports.audit_ndjson)(scope)
    async for chunk in chunks:
        data = chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")
        lines += data.count(b"\n")
        size += len(data)
    seconds = time.perf_counter() - started
    return {"events": lines, "mb": round(size / 2**20), "events_per_s": round(lines / seconds)}


async def verify_once(workers: int) -> dict[str, Any]:
    import inspect

    from domain import audit

    started = time.perf_counter()
    if "workers" in inspect.signature(audit.verify_chain).parameters:
        report = await audit.verify_chain(workers=workers)
    else:  # an older checkout: one walk
        report = await audit.verify_chain()
    return {
        "verify_seconds": round(time.perf_counter() - started, 2),
        "checked": report.checked,
        "ok": report.ok,
    }


async def run(
    url: str, what: list[str], repeat: int, cold: bool, workers: int
) -> dict[str, list[Any]]:
    from tortoise import Tortoise

    from api.db import tortoise_config

    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    found: dict[str, list[Any]] = {name: [] for name in what}
    try:
        for _ in range(repeat):
            for name in what:
                if cold:
                    drop_cache(url)
                figures = await (export_once() if name == "export" else verify_once(workers))
                found[name].append(figures)
                print(f"{name}: {json.dumps(figures)}", flush=True)
    finally:
        await Tortoise.close_connections()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.audit_scan")
    default_url = f"sqlite://{ROOT / 'bench' / 'data' / 'bench-s1.sqlite3'}"
    parser.add_argument("--database-url", default=default_url)
    parser.add_argument("--what", default="export,verify")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="drop the SQLite file's cached pages")
    parser.add_argument("--tree", help="import the code from this checkout instead")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="verification workers"
    )
    args = parser.parse_args()
    if args.tree:
        sys.path.insert(0, str(Path(args.tree).resolve()))
        for name in [m for m in sys.modules if m.split(".")[0] in {"domain", "api", "models"}]:
            del sys.modules[name]
    found = asyncio.run(
        run(args.database_url, args.what.split(","), args.repeat, args.cold, args.workers)
    )
    source = Path(sys.modules["domain"].__file__ or "").parent.parent
    for name, runs in found.items():
        key = "events_per_s" if name == "export" else "verify_seconds"
        values = [figure[key] for figure in runs]
        print(
            f"{name} [{source}]: median {statistics.median(values)} {key} "
            f"(min {min(values)}, max {max(values)}, n {len(values)})"
        )


if __name__ == "__main__":
    main()
