"""Each write operation declares its name and permission once, with `@write_operation`.

The decorator checks the permission before the function's body runs (before validation
or hashing: a refused caller learns nothing about its input and costs nothing; the
refusal is audited through the write path), and tells `run_write` inside the body which
operation it runs, so the body calls `run_write(actor, apply, ...)` with no second
permission check. `DECLARED` lists every declared operation (a test walks it).

This module imports nothing of the write path at import time, so every domain module
(webhooks.py too, which the write path itself imports) can use the decorator.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

from domain.actors import Actor
from domain.permissions import Permission

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Declared:
    operation: str
    permission: Permission | None  # None: no role needed (login, logout, refusal audit)
    actor: Actor | None = None  # the actor the permission was checked for


DECLARED: dict[str, Declared] = {}

_current: ContextVar[Declared | None] = ContextVar("credreg_write_operation", default=None)


def current() -> Declared | None:
    return _current.get()


def write_operation(
    permission: Permission, operation: str
) -> Callable[
    [Callable[Concatenate[Actor, P], Coroutine[Any, Any, R]]],
    Callable[Concatenate[Actor, P], Coroutine[Any, Any, R]],
]:
    """Declare `operation` as a write needing `permission`; the first argument is the actor."""

    def wrap(
        body: Callable[Concatenate[Actor, P], Coroutine[Any, Any, R]],
    ) -> Callable[Concatenate[Actor, P], Coroutine[Any, Any, R]]:
        DECLARED[operation] = Declared(operation, permission)

        @functools.wraps(body)
        async def declared(actor: Actor, /, *args: P.args, **kwargs: P.kwargs) -> R:
            from domain.writes import authorize

            await authorize(actor, permission, operation)
            token = _current.set(Declared(operation, permission, actor))
            try:
                return await body(actor, *args, **kwargs)
            finally:
                _current.reset(token)

        declared.__credreg_write__ = DECLARED[operation]  # type: ignore[attr-defined]
        return declared

    return wrap
