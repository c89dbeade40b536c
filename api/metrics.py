"""A small Prometheus exposition: request counts and latency per route and status."""

from __future__ import annotations

from collections import defaultdict

BUCKETS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
KNOWN_PATHS = {"/graphql", "/healthz", "/readyz", "/metrics"}


class Metrics:
    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = defaultdict(int)
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * (len(BUCKETS) + 1))
        self.sums: dict[str, float] = defaultdict(float)

    def observe(self, path: str, status: int, seconds: float) -> None:
        route = path if path in KNOWN_PATHS or path.startswith("/export/") else "other"
        self.counts[(route, status)] += 1
        self.sums[route] += seconds
        counts = self.buckets[route]
        for index, bound in enumerate(BUCKETS):
            if seconds <= bound:
                counts[index] += 1
        counts[-1] += 1

    def render(self) -> str:
        lines = [
            "# HELP credreg_http_requests_total HTTP requests by route and status.",
            "# TYPE credreg_http_requests_total counter",
        ]
        for (route, status), count in sorted(self.counts.items()):
            lines.append(
                f'credreg_http_requests_total{{route="{route}",status="{status}"}} {count}'
            )
        lines += [
            "# HELP credreg_http_request_seconds HTTP request latency.",
            "# TYPE credreg_http_request_seconds histogram",
        ]
        for route, counts in sorted(self.buckets.items()):
            for bound, count in zip(BUCKETS, counts, strict=False):
                lines.append(
                    f'credreg_http_request_seconds_bucket{{route="{route}",le="{bound}"}} {count}'
                )
            lines.append(
                f'credreg_http_request_seconds_bucket{{route="{route}",le="+Inf"}} {counts[-1]}'
            )
            lines.append(
                f'credreg_http_request_seconds_sum{{route="{route}"}} {self.sums[route]:.6f}'
            )
            lines.append(f'credreg_http_request_seconds_count{{route="{route}"}} {counts[-1]}')
        return "\n".join(lines) + "\n"


METRICS = Metrics()
