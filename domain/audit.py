"""The hash-chained audit log (SPEC section 6).

Each event's hash is SHA-256 over the previous hash followed by the canonical JSON of
the event (sorted keys, no spaces, UTF-8). Events are appended inside the transaction of
the change they record, under a lock on the single `audit_head` row, so the chain has
no gaps or forks whatever the concurrency.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps' own string encoder (C)
from typing import Any

from tortoise.models import Model

from domain import clock, sql
from domain.actors import Actor
from domain.shared_runs import Run, SharedRuns
from models import AuditEvent

GENESIS_HASH = "0" * 64

# Fields never written to the audit log (secrets and their hashes).
SECRET_FIELDS = frozenset({"password_hash", "secret_hash", "token_hash"})


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return clock.utc_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )


def snapshot(instance: Model) -> dict[str, Any]:
    """The stored fields of a model instance, as audit `before`/`after` values."""
    data: dict[str, Any] = {}
    for name in instance._meta.db_fields:
        if name in SECRET_FIELDS:
            continue
        data[name] = getattr(instance, instance._meta.fields_db_projection_reverse.get(name, name))
    return json.loads(canonical_json(data))


@dataclass
class PendingEvent:
    action: str
    entity_type: str
    entity_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    seq: int | None = None  # set when appended
    occurred_at: str | None = None


def event_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    body = canonical_json(fields)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def json_text(value: str | None) -> str:
    """A text value as json.dumps writes it (ensure_ascii=False)."""
    return "null" if value is None else encode_basestring(value)


def row_hash(row: dict[str, Any]) -> str:
    """`event_hash(prev_hash, hashed_fields(row))` for a stored row, without building
    and sorting a dict: verification and export hash a million rows. The keys are
    written in canonical (sorted) order and every value goes through the encoder
    json.dumps uses, so the text is the same byte for byte (tests/domain/
    test_audit_chain.py compares both)."""
    prev = row["prev_hash"]
    body = (
        '{"action":' + json_text(row["action"])
        + ',"actorId":' + json_text(row["actor_id"])
        + ',"actorName":' + json_text(row["actor_name"])
        + ',"actorType":' + json_text(row["actor_type"])
        + ',"after":' + json_text(row["after_json"])
        + ',"before":' + json_text(row["before_json"])
        + ',"entityId":' + json_text(row["entity_id"])
        + ',"entityType":' + json_text(row["entity_type"])
        + ',"occurredAt":' + json_text(row["occurred_at"])
        + ',"prevHash":' + json_text(prev)
        + ',"reason":' + json_text(row["reason"])
        + ',"requestId":' + json_text(row["request_id"])
        + ',"seq":' + str(int(row["seq"]))
        + "}"
    )  # fmt: skip
    return hashlib.sha256((prev + body).encode("utf-8")).hexdigest()


def hashed_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The part of an audit row covered by its hash (everything but the hash)."""
    return {
        "seq": int(row["seq"]),
        "occurredAt": row["occurred_at"],
        "actorType": row["actor_type"],
        "actorId": row["actor_id"],
        "actorName": row["actor_name"],
        "action": row["action"],
        "entityType": row["entity_type"],
        "entityId": row["entity_id"],
        "before": row["before_json"],
        "after": row["after_json"],
        "reason": row["reason"],
        "requestId": row["request_id"],
        "prevHash": row["prev_hash"],
    }


async def append(actor: Actor, events: list[PendingEvent]) -> int:
    """Append events to the chain; must run inside the change's transaction.

    Returns the last sequence number (the new registry version).
    """
    head = await sql.fetch_one(f"SELECT seq, hash FROM audit_head WHERE id = 1{sql.for_update()}")
    if head is None:
        raise RuntimeError("audit_head row missing: the database was not migrated")
    seq, prev_hash = int(head["seq"]), str(head["hash"])
    occurred_at = clock.utc_iso(clock.now())
    rows = []
    for event in events:
        seq += 1
        row = {
            "seq": seq,
            "occurred_at": occurred_at,
            "actor_type": actor.kind,
            "actor_id": str(actor.id) if actor.id is not None else None,
            "actor_name": actor.name,
            "action": event.action,
            "entity_type": event.entity_type,
            "entity_id": event.entity_id,
            "before_json": canonical_json(event.before) if event.before is not None else None,
            "after_json": canonical_json(event.after) if event.after is not None else None,
            "reason": event.reason,
            "request_id": actor.request_id,
            "prev_hash": prev_hash,
        }
        event.seq, event.occurred_at = seq, occurred_at
        digest = event_hash(prev_hash, hashed_fields(row))
        row["hash"] = digest
        prev_hash = digest
        rows.append(AuditEvent(**row))
    await AuditEvent.bulk_create(rows)
    await sql.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [seq, prev_hash])
    return seq


async def registry_version() -> int:
    row = await sql.fetch_one("SELECT seq FROM audit_head WHERE id = 1")
    return int(row["seq"]) if row else 0


async def _read_head() -> tuple[int, str]:
    fetched = await sql.fetch_one("SELECT seq, hash FROM audit_head WHERE id = 1")
    return (int(fetched["seq"]), str(fetched["hash"])) if fetched else (0, GENESIS_HASH)


def shared_head_reads() -> SharedRuns[Run[tuple[int, str]], tuple[int, str]]:
    """Concurrent requests share their reads of the head (domain/shared_runs.py)."""
    return SharedRuns(Run, lambda _run: _read_head())


HEAD_READS = shared_head_reads()


async def registry_state() -> tuple[int, str]:
    """The last seq and its hash: the hash tells apart two databases (or a restored
    backup) that happen to be at the same seq. Read on every decision, so on SQLite it
    goes through a direct read-only connection instead of the ORM's worker thread, and
    on PostgreSQL concurrent requests share their reads (inside a transaction, which
    must see its own writes, it reads for itself)."""
    row = sql.read_head_directly()
    if row is not None:
        return row
    if sql.in_transaction():
        return await _read_head()
    return await HEAD_READS.share()


@dataclass
class ChainReport:
    ok: bool
    checked: int
    first_seq: int | None
    last_seq: int | None
    broken_seq: int | None
    problem: str | None


_COLUMNS = (
    "seq, occurred_at, actor_type, actor_id, actor_name, action, entity_type, entity_id, "
    "before_json, after_json, reason, request_id, prev_hash, hash"
)


async def event_pages(
    page: Callable[[int], tuple[str, Sequence[Any]]], after: int, size: int
) -> AsyncIterator[list[dict[str, Any]]]:
    """Keyset pages of audit rows in seq order: `page(after)` gives the query and its
    parameters for the `size` rows following seq `after`. The next page is read while
    the caller works on this one (the database, or SQLite's worker thread, runs beside
    the hashing or serialising); memory stays at two pages whatever the size."""
    pending: asyncio.Future[list[dict[str, Any]]] | None = asyncio.ensure_future(
        sql.fetch_scan(*page(after))
    )
    try:
        while pending is not None:
            rows = await pending
            pending = None
            if len(rows) == size:
                pending = asyncio.ensure_future(sql.fetch_scan(*page(int(rows[-1]["seq"]))))
            if rows:
                yield rows
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pending


async def iter_events(
    from_seq: int = 1, to_seq: int | None = None, batch: int = 5000
) -> AsyncIterator[dict[str, Any]]:
    """Stream audit rows in seq order with keyset paging: constant memory at any size."""
    bound = "" if to_seq is None else " AND seq <= ?"

    def page(after: int) -> tuple[str, list[Any]]:
        query = f"SELECT {_COLUMNS} FROM audit_event WHERE seq > ?{bound} ORDER BY seq"
        return f"{query} LIMIT {batch}", [after] if to_seq is None else [after, to_seq]

    async for rows in event_pages(page, from_seq - 1, batch):
        for row in rows:
            yield row


async def verify_chain(from_seq: int = 1, to_seq: int | None = None) -> ChainReport:
    """Recompute every hash in [from_seq, to_seq] and report the first broken seq."""
    expected_prev: str | None = GENESIS_HASH if from_seq <= 1 else None
    expected_seq = max(from_seq, 1)
    checked = 0
    first: int | None = None
    last: int | None = None
    async for row in iter_events(max(from_seq, 1), to_seq):
        seq = int(row["seq"])
        first = seq if first is None else first
        problem = None
        if seq != expected_seq and checked > 0:
            problem = f"sequence gap: expected {expected_seq}, found {seq}"
        elif expected_prev is not None and row["prev_hash"] != expected_prev:
            problem = "prevHash does not match the previous event's hash"
        elif row_hash(row) != row["hash"]:
            problem = "hash does not match the event's content"
        if problem:
            return ChainReport(
                False, checked, first, last, seq if "gap" not in problem else expected_seq, problem
            )
        checked += 1
        last = seq
        expected_prev = row["hash"]
        expected_seq = seq + 1
    if to_seq is None:
        head = await sql.fetch_one("SELECT seq, hash FROM audit_head WHERE id = 1")
        if head and int(head["seq"]) != (last or 0) and (last is not None or from_seq <= 1):
            missing = (last or 0) + 1
            return ChainReport(
                False,
                checked,
                first,
                last,
                missing,
                f"events after seq {last or 0} are missing (head is at {head['seq']})",
            )
        if head and last is not None and head["hash"] != expected_prev:
            return ChainReport(False, checked, first, last, last, "head hash does not match")
    return ChainReport(True, checked, first, last, None, None)


@dataclass
class EventFilter:
    entity_type: str | None = None
    entity_id: str | None = None
    actor_id: str | None = None
    action: str | None = None
    from_time: str | None = None
    to_time: str | None = None


async def list_events(
    filter: EventFilter, first: int, after_seq: int | None
) -> tuple[list[dict[str, Any]], bool]:
    """One page of audit events in seq order (keyset on seq); the caller checks rights."""
    conditions, params = ["seq > ?"], [after_seq or 0]
    for column, value in (
        ("entity_type", filter.entity_type),
        ("entity_id", filter.entity_id),
        ("actor_id", filter.actor_id),
        ("action", filter.action),
    ):
        if value is not None:
            conditions.append(f"{column} = ?")
            params.append(value)  # type: ignore[arg-type]
    if filter.from_time is not None:
        conditions.append("occurred_at >= ?")
        params.append(filter.from_time)  # type: ignore[arg-type]
    if filter.to_time is not None:
        conditions.append("occurred_at <= ?")
        params.append(filter.to_time)  # type: ignore[arg-type]
    rows = await sql.fetch(
        f"SELECT {_COLUMNS} FROM audit_event WHERE {' AND '.join(conditions)} "
        f"ORDER BY seq LIMIT {first + 1}",
        params,
    )
    return rows[:first], len(rows) > first
