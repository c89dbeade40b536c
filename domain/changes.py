"""Privilege change events, tailed from the audit log.

The audit log is the source: any worker, any process, and changes made before a client
connected (from a given seq) are all seen the same way. One poller per process reads
new events when the registry version moves and fans them out to local listeners, so
the database sees one cheap query per interval however many subscribers there are.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain import audit, permissions, sql
from domain.actors import Actor
from domain.permissions import Permission

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
BATCH = 500


@dataclass(frozen=True)
class PrivilegeChange:
    seq: int
    occurred_at: str
    action: str
    privilege_id: int
    practitioner_id: int
    department_id: int | None
    site_id: int
    status: str
    scope: str
    valid_from: date | None
    valid_until: date | None


async def changes_after(seq: int, limit: int = BATCH) -> list[PrivilegeChange]:
    rows = await sql.fetch(
        "SELECT a.seq, a.occurred_at, a.action, a.entity_id, a.after_json, p.department_id "
        "FROM audit_event a LEFT JOIN privilege pr ON pr.id = CAST(a.entity_id AS INTEGER) "
        "LEFT JOIN practitioner p ON p.id = pr.practitioner_id "
        "WHERE a.seq > ? AND a.entity_type = 'Privilege' AND a.after_json IS NOT NULL "
        f"ORDER BY a.seq LIMIT {limit}",
        [seq],
    )
    result = []
    for row in rows:
        after: dict[str, Any] = json.loads(row["after_json"])
        result.append(
            PrivilegeChange(
                seq=int(row["seq"]),
                occurred_at=row["occurred_at"],
                action=row["action"],
                privilege_id=int(row["entity_id"]),
                practitioner_id=int(after["practitioner_id"]),
                department_id=row["department_id"],
                site_id=int(after["site_id"]),
                status=after["status"],
                scope=after["scope"],
                valid_from=date.fromisoformat(after["valid_from"])
                if after.get("valid_from")
                else None,
                valid_until=(
                    date.fromisoformat(after["valid_until"]) if after.get("valid_until") else None
                ),
            )
        )
    return result


class ChangeFeed:
    """Fans privilege changes out to in-process listeners."""

    def __init__(self) -> None:
        self.listeners: set[asyncio.Queue[PrivilegeChange]] = set()
        self.task: asyncio.Task[None] | None = None
        self.last_seq = 0

    async def _run(self) -> None:
        while self.listeners:
            try:
                if await audit.registry_version() > self.last_seq:
                    for change in await changes_after(self.last_seq):
                        self.last_seq = change.seq
                        for queue in list(self.listeners):
                            queue.put_nowait(change)
                    continue
            except Exception:  # a database hiccup must not end every subscription
                log.exception("privilege change feed poll failed")
            await asyncio.sleep(POLL_SECONDS)
        self.task = None

    @contextlib.asynccontextmanager
    async def listen(self, from_seq: int | None) -> AsyncIterator[asyncio.Queue[PrivilegeChange]]:
        queue: asyncio.Queue[PrivilegeChange] = asyncio.Queue(maxsize=10_000)
        if not self.listeners:
            self.last_seq = await audit.registry_version()
        if from_seq is not None:  # replay what the client missed, then go live
            for change in await changes_after(from_seq, limit=10_000):
                if change.seq <= self.last_seq:
                    queue.put_nowait(change)
        self.listeners.add(queue)
        if self.task is None:
            self.task = asyncio.create_task(self._run())
        try:
            yield queue
        finally:
            self.listeners.discard(queue)


_FEEDS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, ChangeFeed] = (
    weakref.WeakKeyDictionary()
)


def feed() -> ChangeFeed:
    """The feed of the running event loop: its poller and listeners live on that loop.
    A server has one; a process that runs several loops one after another (the tests,
    each TestClient on its own) gets a fresh feed per loop, never one whose poller or
    last seen seq belongs to a loop, and a database, that has gone."""
    loop = asyncio.get_running_loop()
    found = _FEEDS.get(loop)
    if found is None:
        found = _FEEDS[loop] = ChangeFeed()
    return found


async def privilege_changes(
    actor: Actor, practitioner_id: int | None, site_id: int | None, from_seq: int | None = None
) -> AsyncIterator[PrivilegeChange]:
    """Changes the actor may see, optionally for one practitioner and one site."""
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    async with feed().listen(from_seq) as queue:
        while True:
            change = await queue.get()
            if practitioner_id is not None and change.practitioner_id != practitioner_id:
                continue
            if site_id is not None and change.site_id != site_id:
                continue
            if not scope.admits(change.practitioner_id, change.department_id or -1):
                continue
            yield change
