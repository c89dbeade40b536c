"""Issue 13 item 14: /metrics labels are route templates (unknown paths are `other`),
label values are escaped, and the totals are right with several workers."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from api import metrics
from api.metrics import Metrics, escape_label


async def test_r_metrics_route_labels_are_templates(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api import app as app_module

    fresh = Metrics(directory="")
    monkeypatch.setattr(metrics, "METRICS", fresh)
    monkeypatch.setattr(app_module, "METRICS", fresh)
    await client.get("/healthz")
    for index in range(20):  # probing paths must not add label values
        await client.get(f"/export/probe{index}")
        await client.get(f"/nothing/{index}?x=1")
    await client.get('/a"b%0Ac')
    await client.get("/export/audit.ndjson")  # 401, but a known route
    text = (await client.get("/metrics")).text
    routes = set(re.findall(r'credreg_http_requests_total\{route="([^"]*)"', text))
    assert routes == {"/healthz", "other", "/export/audit.ndjson"}
    assert 'route="other",status="404"} 41' in text
    assert "probe" not in text and "nothing" not in text


def test_r_metrics_label_values_are_escaped() -> None:
    assert escape_label('a"b\\c\nd') == 'a\\"b\\\\c\\nd'
    sample = Metrics(directory="")
    sample.observe('odd"route\n', 200, 0.01)
    text = sample.render()
    assert 'route="odd\\"route\\n"' in text
    assert "\n" not in text.split('route="odd')[1].split("}")[0]


def test_r_metrics_add_up_every_worker(tmp_path: Path) -> None:
    first, second = Metrics(directory=str(tmp_path)), Metrics(directory=str(tmp_path))
    for _ in range(3):
        first.observe("/graphql", 200, 0.004)
    for _ in range(2):
        second.observe("/graphql", 200, 0.3)
    second.observe("/healthz", 200, 0.001)
    # Two workers are two processes; here two instances stand in for them.
    first.flush()
    import os

    os.replace(tmp_path / f"worker-{os.getpid()}.json", tmp_path / "worker-1.json")
    second.flush()
    text = second.render()  # whichever worker answers, the totals are the service's
    assert 'credreg_http_requests_total{route="/graphql",status="200"} 5' in text
    assert 'credreg_http_request_seconds_count{route="/graphql"} 5' in text
    assert 'credreg_http_request_seconds_bucket{route="/graphql",le="0.005"} 3' in text
    assert 'credreg_http_requests_total{route="/healthz",status="200"} 1' in text


async def test_r_metrics_a_quiet_worker_still_writes_its_last_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19 item 5: requests a worker answered within a second of its last flush
    reach the other workers' scrapes once it falls quiet (a flush is scheduled)."""
    import asyncio

    monkeypatch.setattr(metrics, "FLUSH_SECONDS", 0.05)
    quiet, scraped = Metrics(directory=str(tmp_path)), Metrics(directory=str(tmp_path))
    quiet.observe("/graphql", 200, 0.004)  # flushed at once (the first)
    quiet.observe("/graphql", 200, 0.004)  # within FLUSH_SECONDS: scheduled
    import os

    os.replace(tmp_path / f"worker-{os.getpid()}.json", tmp_path / "worker-1.json")
    await asyncio.sleep(0.2)
    os.replace(tmp_path / f"worker-{os.getpid()}.json", tmp_path / "worker-1.json")
    text = scraped.render()
    assert 'credreg_http_requests_total{route="/graphql",status="200"} 2' in text
