"""Read replicas (SPEC 10): which connection a read-only request reads from.

PostgreSQL streaming replicas (`CREDREG_DATABASE_REPLICA_URLS`) are tortoise connections
`replica0`, `replica1`, ... beside `default` (the primary). A read-only GraphQL operation
is routed to one of them, round-robin among the healthy ones, by setting
`sql.READ_TARGET` for the rest of the request; `sql.current()` and the ORM router
(`ReadRouter`) then read there. Writes, transactions, authentication, subscriptions and
exports always use the primary.

Read-your-writes. The registry's freshness token is the audit seq (`registryVersion`):
every change appends to the audit log in its own transaction, so a replica whose audit
head has reached seq N holds every change acknowledged up to N. A request needs a seq:

- `strict` (the default): the primary's head as read when the request began (it is read
  anyway, to authenticate): a replica answers only what the primary would have;
- `session`: the newest of the seq this worker saw the same credential write and the
  `X-Credreg-Min-Version` the client sent (capped at the primary's head).

A replica whose head is behind is polled until it catches up, up to `max_wait`; then the
request reads the primary. A replica that fails (refused, reset, shut down) is marked
unhealthy and the read goes to the primary instead (api/replica_engine.py); it is tried
again after `recheck`. A client never gets an error because of a replica.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from tortoise import connections

from domain import sql
from domain.shared_runs import Run, SharedRuns

log = logging.getLogger("credreg.replicas")

STRICT = "strict"
SESSION = "session"
POLL_SECONDS = 0.005
PROBE_SECONDS = 1.0  # a replica's head not read by then: unhealthy
HEAD_FRESH_SECONDS = 0.002  # a head read this recently and far enough is reused
MAX_REMEMBERED_WRITERS = 100_000


def replica_name(index: int) -> str:
    return f"replica{index}"


@dataclass
class Replica:
    name: str
    healthy: bool = True
    retry_at: float = 0.0  # monotonic time of the next attempt while unhealthy
    head: tuple[int, str] | None = None
    head_at: float = 0.0
    reads: SharedRuns[Run[tuple[int, str]], tuple[int, str]] = field(init=False)

    def __post_init__(self) -> None:
        self.reads = SharedRuns(Run, lambda _run: self._read_head())

    async def _read_head(self) -> tuple[int, str]:
        client = connections.get(self.name)
        token = PROBING.set(True)  # a failing probe must raise, not read the primary
        try:
            rows = await client.execute_query_dict(
                "SELECT seq, hash FROM audit_head WHERE id = 1", []
            )
        finally:
            PROBING.reset(token)
        head = (int(rows[0]["seq"]), str(rows[0]["hash"])) if rows else (0, "")
        self.head, self.head_at = head, time.monotonic()
        return head


# Set while a replica's head is read: the replica engine then raises instead of falling
# back to the primary (which would report the primary's head as the replica's).
PROBING: ContextVar[bool] = ContextVar("credreg_replica_probe", default=False)


class ReplicaRouter:
    def __init__(self) -> None:
        self.configure(0)

    def configure(
        self,
        count: int,
        max_wait_ms: int = 200,
        recheck_ms: int = 5000,
        consistency: str = STRICT,
    ) -> None:
        self.replicas = [Replica(replica_name(i)) for i in range(count)]
        sql.UNAVAILABLE.clear()
        self.max_wait = max_wait_ms / 1000
        self.recheck = recheck_ms / 1000
        self.consistency = consistency
        self._turn = 0
        self.written: dict[str, int] = {}  # credential -> last seq it wrote (this worker)
        self.reads: dict[str, int] = defaultdict(int)  # replica -> reads routed to it
        self.fallbacks: dict[str, int] = defaultdict(int)  # reason -> reads on the primary

    @property
    def enabled(self) -> bool:
        return bool(self.replicas)

    # -- freshness ------------------------------------------------------------------------

    def remember_write(self, credential: str, seq: int) -> None:
        """A change this credential made was acknowledged at `seq` (or later)."""
        if seq <= self.written.get(credential, 0):
            return
        self.written.pop(credential, None)  # re-insert: newest last, oldest evicted first
        self.written[credential] = seq
        if len(self.written) > MAX_REMEMBERED_WRITERS:
            self.written.pop(next(iter(self.written)))

    def required_seq(self, credential: str, primary_seq: int | None, client_min: int | None) -> int:
        """The audit seq a replica must have reached to answer this request."""
        if self.consistency == STRICT and primary_seq is not None:
            return primary_seq
        needed = self.written.get(credential, 0)
        if client_min is not None:
            # A version from the future (another database, a typo) cannot be waited for.
            capped = client_min if primary_seq is None else min(client_min, primary_seq)
            needed = max(needed, capped)
        return needed

    # -- health ---------------------------------------------------------------------------

    def mark_failed(self, name: str, error: BaseException) -> None:
        for replica in self.replicas:
            if replica.name == name:
                if replica.healthy:
                    log.warning("read replica %s unavailable, reading the primary: %s", name, error)
                replica.healthy = False
                sql.UNAVAILABLE.add(name)
                replica.head = None
                replica.retry_at = time.monotonic() + self.recheck

    def _candidates(self) -> list[Replica]:
        now = time.monotonic()
        count = len(self.replicas)
        start = self._turn % count
        self._turn += 1
        ordered = self.replicas[start:] + self.replicas[:start]
        return [r for r in ordered if r.healthy or r.retry_at <= now]

    async def _head(self, replica: Replica, needed: int) -> tuple[int, str] | None:
        """The replica's head (recent enough), or None if it failed."""
        if (
            replica.head is not None
            and replica.head[0] >= needed
            and time.monotonic() - replica.head_at < HEAD_FRESH_SECONDS
        ):
            return replica.head
        try:
            # A replica that hangs (no answer, no reset) must not hold requests up.
            head = await asyncio.wait_for(replica.reads.share(), max(PROBE_SECONDS, self.max_wait))
        except Exception as error:  # refused, reset, shut down, timed out
            self.mark_failed(replica.name, error)
            return None
        if not replica.healthy:
            log.warning("read replica %s is back", replica.name)
            replica.healthy = True
            sql.UNAVAILABLE.discard(replica.name)
        return head

    # -- routing --------------------------------------------------------------------------

    async def choose(
        self, needed: int, primary_state: tuple[int, str] | None = None
    ) -> tuple[str, tuple[int, str]] | None:
        """A replica that has reached seq `needed` and its head, or None: read the
        primary (no healthy replica, or none caught up within max_wait). At the
        primary's own seq the hashes must agree: a replica of another database (or of
        a primary restored from a backup) is never read."""
        deadline = time.monotonic() + self.max_wait
        while True:
            candidates = self._candidates()
            if not candidates:
                self.fallbacks["unavailable"] += 1
                return None
            for replica in candidates:
                head = await self._head(replica, needed)
                if (
                    head is not None
                    and primary_state is not None
                    and head[0] == primary_state[0]
                    and head[1] != primary_state[1]
                ):
                    self.mark_failed(
                        replica.name, RuntimeError("another history than the primary's")
                    )
                    continue
                if head is not None and head[0] >= needed:
                    self.reads[replica.name] += 1
                    return replica.name, head
            if not any(r.healthy for r in candidates):
                continue  # every one failed just now: the next round finds none
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.fallbacks["lag"] += 1
                return None
            await asyncio.sleep(min(POLL_SECONDS, remaining))

    async def route(
        self, credential: str, primary_state: tuple[int, str] | None, client_min: int | None
    ) -> tuple[str, tuple[int, str]] | None:
        """Where this read-only request reads: a replica's name and its head (the state
        the request then answers from), or None for the primary. The caller sets
        `sql.READ_TARGET` for the rest of the request."""
        if not self.replicas:
            return None
        needed = self.required_seq(
            credential, primary_state[0] if primary_state else None, client_min
        )
        return await self.choose(needed, primary_state)

    # -- metrics --------------------------------------------------------------------------

    def render_metrics(self) -> str:
        """Prometheus lines for this worker (empty without replicas)."""
        if not self.replicas:
            return ""
        lines = [
            "# HELP credreg_replica_reads_total Read-only requests answered from a replica.",
            "# TYPE credreg_replica_reads_total counter",
        ]
        lines += [
            f'credreg_replica_reads_total{{replica="{r.name}"}} {self.reads[r.name]}'
            for r in self.replicas
        ]
        lines += [
            "# HELP credreg_replica_fallbacks_total Reads sent to the primary instead.",
            "# TYPE credreg_replica_fallbacks_total counter",
        ]
        lines += [
            f'credreg_replica_fallbacks_total{{reason="{reason}"}} {self.fallbacks[reason]}'
            for reason in ("lag", "unavailable", "error")
        ]
        lines += [
            "# HELP credreg_replica_healthy 1 while the replica answers.",
            "# TYPE credreg_replica_healthy gauge",
        ]
        lines += [
            f'credreg_replica_healthy{{replica="{r.name}"}} {int(r.healthy)}' for r in self.replicas
        ]
        return "\n".join(lines) + "\n"


ROUTER = ReplicaRouter()


class ReadRouter:
    """Tortoise's database router (installed only with replicas): ORM reads follow
    `sql.READ_TARGET`, outside transactions; ORM writes always use the primary."""

    def db_for_read(self, _model: Any) -> str:
        return sql.read_connection_name()

    def db_for_write(self, _model: Any) -> str:
        return "default"
