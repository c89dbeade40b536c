"""A small Prometheus exposition: request counts and latency per route and status.

Labels (issue 13, item 14):
- `route` is the route template the router matched (`/graphql`, `/export/audit.ndjson`,
  ...), never the raw path: a request for an unknown path counts as `other`, so a client
  cannot grow the label set; label values are escaped as the text format requires.

Several workers (`credreg serve --workers N`): each worker keeps its own counters and
writes them, at most once a second and whenever it answers /metrics, to a file of its
own in CREDREG_METRICS_DIR (set by `credreg serve` when N > 1); the worker that answers
/metrics adds up every worker's file, so the totals are the service's, whichever worker
the scrape reaches. A worker that stops being asked still writes its last counts within
FLUSH_SECONDS (a flush is scheduled on the event loop; issue 19 item 5 found the last
second of a worker's traffic missing from every scrape until it answered again). The
files of stopped workers are kept, so counters never go back.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import MutableMapping
from typing import Any

BUCKETS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
OTHER = "other"
FLUSH_SECONDS = 1.0

log = logging.getLogger("credreg.metrics")


def escape_label(value: str) -> str:
    """A label value in the Prometheus text format: backslash, quote and newline escaped."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def route_of(scope: MutableMapping[str, Any]) -> str:
    """The matched route's template, or `other` when no route matched."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path else OTHER


class Metrics:
    def __init__(self, directory: str | None = None) -> None:
        self.counts: dict[tuple[str, int], int] = defaultdict(int)
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self.sums: dict[str, float] = defaultdict(float)
        self.directory = (
            directory if directory is not None else os.environ.get("CREDREG_METRICS_DIR")
        )
        self.flushed_at = 0.0
        self.flush_scheduled = False

    def observe(self, route: str, status: int, seconds: float) -> None:
        self.counts[(route, status)] += 1
        self.sums[route] += seconds
        counts = self.buckets[route]
        for index, bound in enumerate(BUCKETS):
            if seconds <= bound:
                counts[index] += 1
        counts[-1] += 1
        if not self.directory:
            return
        if time.monotonic() - self.flushed_at > FLUSH_SECONDS:
            self.flush()
        elif not self.flush_scheduled:
            # Counts newer than the last flush reach the file even if no request follows.
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return
            self.flush_scheduled = True
            loop.call_later(FLUSH_SECONDS, self._scheduled_flush)

    def _scheduled_flush(self) -> None:
        self.flush_scheduled = False
        self.flush()

    # --- several workers -------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        return {
            "counts": [[route, status, count] for (route, status), count in self.counts.items()],
            "buckets": {route: list(counts) for route, counts in self.buckets.items()},
            "sums": dict(self.sums),
        }

    def flush(self) -> None:
        if not self.directory:
            return
        self.flushed_at = time.monotonic()
        path = os.path.join(self.directory, f"worker-{os.getpid()}.json")
        try:
            os.makedirs(self.directory, exist_ok=True)
            temporary = f"{path}.tmp"
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump(self.snapshot(), handle)
            os.replace(temporary, path)
        except OSError:
            log.warning("could not write the metrics of worker %s", os.getpid(), exc_info=True)

    def merged(self) -> Metrics:
        """Every worker's counters added up (just this process's without a directory)."""
        if not self.directory:
            return self
        self.flush()
        total = Metrics(directory="")
        try:
            names = sorted(os.listdir(self.directory))
        except OSError:
            return self
        for name in names:
            if not (name.startswith("worker-") and name.endswith(".json")):
                continue
            try:
                with open(os.path.join(self.directory, name), encoding="utf-8") as handle:
                    data = json.load(handle)
                for route, status, count in data["counts"]:
                    total.counts[(str(route), int(status))] += int(count)
                for route, counts in data["buckets"].items():
                    mine = total.buckets[str(route)]
                    for index, count in enumerate(counts[: len(mine)]):
                        mine[index] += int(count)
                for route, seconds in data["sums"].items():
                    total.sums[str(route)] += float(seconds)
            except (OSError, ValueError, KeyError, TypeError):
                log.warning("skipping unreadable metrics file %s", name)
        return total

    # --- exposition ------------------------------------------------------------------

    def render(self) -> str:
        source = self.merged()
        lines = [
            "# HELP credreg_http_requests_total HTTP requests by route and status.",
            "# TYPE credreg_http_requests_total counter",
        ]
        for (route, status), count in sorted(source.counts.items()):
            lines.append(
                f'credreg_http_requests_total{{route="{escape_label(route)}",'
                f'status="{status}"}} {count}'
            )
        lines += [
            "# HELP credreg_http_request_seconds HTTP request latency.",
            "# TYPE credreg_http_request_seconds histogram",
        ]
        for route, counts in sorted(source.buckets.items()):
            label = escape_label(route)
            for bound, count in zip(BUCKETS, counts, strict=False):
                lines.append(
                    f'credreg_http_request_seconds_bucket{{route="{label}",le="{bound}"}} {count}'
                )
            lines.append(
                f'credreg_http_request_seconds_bucket{{route="{label}",le="+Inf"}} {counts[-1]}'
            )
            lines.append(
                f'credreg_http_request_seconds_sum{{route="{label}"}} {source.sums[route]:.6f}'
            )
            lines.append(f'credreg_http_request_seconds_count{{route="{label}"}} {counts[-1]}')
        return "\n".join(lines) + "\n"


METRICS = Metrics()
