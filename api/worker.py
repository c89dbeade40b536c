"""The webhook delivery loop, run beside the HTTP service in each worker process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import httpx

from domain import booking_impacts, webhooks

log = logging.getLogger("credreg.webhooks")
IDLE_SECONDS = 1.0


async def delivery_loop(stop: asyncio.Event) -> None:
    async with httpx.AsyncClient(follow_redirects=False) as client:
        while not stop.is_set():
            try:
                delivered = await webhooks.deliver_due(client)
            except Exception:  # keep delivering after a database or network hiccup
                log.exception("webhook delivery pass failed")
                delivered = 0
            if delivered == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), IDLE_SECONDS)


@contextlib.asynccontextmanager
async def running_worker() -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(delivery_loop(stop))
    watcher = asyncio.create_task(booking_impacts.watch_loop(stop))  # issue 18
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, 10)
        except TimeoutError:
            task.cancel()
        try:
            await asyncio.wait_for(watcher, 10)
        except TimeoutError:
            watcher.cancel()
