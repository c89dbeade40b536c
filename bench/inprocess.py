"""In-process timings of the one GraphQL pipeline: `python -m bench.inprocess [--scale 1]`.

No network, no load generator: each request goes through the ASGI app (httpx's
ASGITransport) one at a time, on the seeded bench database. A smoke check for a busy
machine, not SPEC figures (bench.run measures those): it prints the median latency of a
single check as a trusted document, through per-field execution, and on the plain
route, their ratio (plain / trusted, the throughput ratio one request at a time), and
the batch-of-500 median on both paths.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from typing import Any

import httpx

from bench.load import CHECK
from bench.run import BATCH_QUERY, ORDINARY_BATCH_QUERY, database_url, questions_of

ORDINARY_CHECK = CHECK.replace("(input: $i)", "(input: $i) @include(if: true)")


async def main(scale: int, singles: int, batches: int) -> None:
    from tortoise import Tortoise

    from api.app import create_app
    from api.db import tortoise_config
    from api.settings import load_settings
    from bench.plain_route import routes
    from domain import auth
    from domain.actors import system_actor

    url = database_url("sqlite", scale)
    settings = load_settings(
        {
            "CREDREG_DATABASE_URL": url,
            "CREDREG_WEBHOOK_WORKER": "0",
            "CREDREG_RATE_POINTS_PER_SECOND": "1000000000",
            "CREDREG_RATE_BURST": "1000000000",
        }
    )
    app = create_app(settings, manage_database=False)
    app.router.routes.extend(routes)
    await Tortoise.init(config=tortoise_config(url), _enable_global_fallback=True)
    try:
        key = await auth.create_api_key(
            system_actor("bench"), name="inprocess", roles=["SCHEDULER"]
        )
        headers = {"authorization": f"Bearer {key.secret}"}
        questions = questions_of(scale)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

            async def timed(path: str, body: Any) -> float:
                started = time.perf_counter()
                reply = await client.post(path, json=body, headers=headers)
                elapsed = time.perf_counter() - started
                assert reply.status_code == 200, reply.text[:300]
                return elapsed

            # Warm the decision cache first (bench.run asks the sample once too), so no
            # path pays for the first decision of a question the others then reuse.
            for start in range(0, len(questions), 500):
                await timed(
                    "/graphql",
                    {"query": BATCH_QUERY, "variables": {"inputs": questions[start : start + 500]}},
                )
            figures: dict[str, list[float]] = {"trusted": [], "ordinary": [], "plain": []}
            for index in range(singles):
                question = questions[index % len(questions)]
                figures["trusted"].append(
                    await timed("/graphql", {"query": CHECK, "variables": {"i": question}})
                )
                figures["ordinary"].append(
                    await timed("/graphql", {"query": ORDINARY_CHECK, "variables": {"i": question}})
                )
                figures["plain"].append(await timed("/bench/check", question))
            batch_figures: dict[str, list[float]] = {"trusted": [], "ordinary": []}
            for index in range(batches):
                batch = [questions[(index * 37 + k) % len(questions)] for k in range(500)]
                for name, query in (("trusted", BATCH_QUERY), ("ordinary", ORDINARY_BATCH_QUERY)):
                    batch_figures[name].append(
                        await timed("/graphql", {"query": query, "variables": {"inputs": batch}})
                    )
    finally:
        await Tortoise.close_connections()

    def ms(values: list[float]) -> float:
        return round(statistics.median(values) * 1000, 2)

    print(
        f"single p50 ms: trusted {ms(figures['trusted'])}, ordinary {ms(figures['ordinary'])},"
        f" plain {ms(figures['plain'])}; trusted/plain throughput ratio "
        f"{ms(figures['plain']) / ms(figures['trusted']):.2f}"
    )
    print(
        f"batch 500 p50 ms: trusted {ms(batch_figures['trusted'])}, "
        f"ordinary {ms(batch_figures['ordinary'])}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.inprocess")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--singles", type=int, default=400)
    parser.add_argument("--batches", type=int, default=15)
    args = parser.parse_args()
    asyncio.run(main(args.scale, args.singles, args.batches))
