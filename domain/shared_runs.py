"""Work that concurrent callers share: one run at a time, and callers that arrive while
it runs join the next one, which begins after every one of them arrived.

So a caller never takes the result of a run that began before it asked: it sees every
change acknowledged before it arrived, while sixteen concurrent requests cost a few
runs instead of sixteen. Used for the registry head reads (domain/audit.py) and the
decision cache's loads of missing keys (domain/decision/cache.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

R = TypeVar("R")


class Run(Generic[R]):
    """One execution, shared by every caller that joined it before it began. A
    subclass may carry what the callers gather for it (the cache's missing keys)."""

    def __init__(self, key: Hashable, loop: asyncio.AbstractEventLoop) -> None:
        self.key = key  # callers asking with another key start a run of their own
        self.loop = loop
        self.done: asyncio.Future[R] = loop.create_future()
        # Waiters that were cancelled never read a failure: mark it read for them.
        self.done.add_done_callback(lambda f: f.cancelled() or f.exception())
        self.task: asyncio.Task[None] | None = None  # kept referenced until it is done


RunT = TypeVar("RunT", bound=Run[Any])


class SharedRuns(Generic[RunT, R]):
    def __init__(
        self,
        new_run: Callable[[Hashable, asyncio.AbstractEventLoop], RunT],
        work: Callable[[RunT], Awaitable[R]],
    ) -> None:
        self._new_run = new_run
        self._work = work
        self._running: RunT | None = None  # the run under way
        self._next: RunT | None = None  # the run gathering callers for after it

    def gathering(self, key: Hashable = None) -> RunT:
        """The run that has not begun yet, for the caller to add what it needs to."""
        loop = asyncio.get_running_loop()
        run = self._next
        if run is None or run.key != key or run.loop is not loop:
            run = self._next = self._new_run(key, loop)
            run.task = loop.create_task(self._start(run))
        return run

    async def result(self, run: RunT) -> R:
        """The run's result, or its exception, as if the caller had run it alone."""
        return await asyncio.shield(run.done)

    async def share(self, key: Hashable = None) -> R:
        return await self.result(self.gathering(key))

    async def _start(self, run: RunT) -> None:
        while (running := self._running) is not None and running.loop is run.loop:
            with contextlib.suppress(Exception):
                await asyncio.shield(running.done)
        if self._next is run:
            self._next = None  # from here on, newcomers gather for the run after this
        self._running = run
        try:
            run.done.set_result(await self._work(run))
        except Exception as error:
            run.done.set_exception(error)
        finally:
            if self._running is run:
                self._running = None
