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
import logging
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps' own string encoder (C)
from pathlib import Path
from typing import Any

from tortoise.models import Model

from domain import audit_chain, audit_scope, clock, privilege_log, sql
from domain.actors import Actor
from domain.audit_chain import (
    ChainReport,
    RangeResult,
    Walk,
    flag_ok,
    range_query,
    result_from_json,
    sha_ok,
    walk_result,
)
from domain.i18n import msg
from domain.shared_runs import Run, SharedRuns
from models import AuditEvent

GENESIS_HASH = "0" * 64
_PROJECT = str(Path(__file__).resolve().parent.parent)  # where `domain` imports from
log = logging.getLogger(__name__)

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
    # Which institutions each event belongs to (issue 16): beside the chain, not hashed.
    await audit_scope.record(actor, events)
    # Each privilege state's R16 fields (issue 19): beside the chain, what `after` says.
    await privilege_log.record(rows)
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
REPLICA_HEAD_READS: dict[str, SharedRuns[Run[tuple[int, str]], tuple[int, str]]] = {}


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
    target = sql.READ_TARGET.get()
    if target is None:
        return await HEAD_READS.share()
    # A request routed to a read replica shares reads with the others routed there.
    runs = REPLICA_HEAD_READS.get(target)
    if runs is None:
        runs = REPLICA_HEAD_READS[target] = shared_head_reads()
    return await runs.share()


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


async def row_pages(
    page: Callable[[int], tuple[str, Sequence[Any]]], after: int, size: int
) -> AsyncIterator[Sequence[Sequence[Any]]]:
    """`event_pages` with rows as tuples whose first column is seq (sql.fetch_scan_rows)."""
    pending: asyncio.Future[Sequence[Sequence[Any]]] | None = asyncio.ensure_future(
        sql.fetch_scan_rows(*page(after))
    )
    try:
        while pending is not None:
            rows = await pending
            pending = None
            if len(rows) == size:
                pending = asyncio.ensure_future(sql.fetch_scan_rows(*page(int(rows[-1][0]))))
            if rows:
                yield rows
    finally:
        if pending is not None:
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await pending


# -- JSON text built by the database -----------------------------------------------------
# Verification and export read a million rows; most of their cost in Python was writing
# each value through json's string encoder and joining the pieces. The database can write
# the same text: SQLite's json_quote() and PostgreSQL's to_json(text) escape exactly as
# json.dumps(ensure_ascii=False) does (`"`, `\\`, \b \f \n \r \t, other controls as
# lowercase \u00XX, everything else as it is; tests/domain/test_audit_sql_text.py checks
# every code point). Each scan first asks the database to quote a probe of every kind of
# character; should an engine ever quote differently, the scan falls back to Python.


PROBE_TEXT = (
    "".join(map(chr, range(1, 0x100)))
    + "\u2028\u2029\ufeff\uffff中文認証\U0001f600\U0001f468\u200d\U0001f469\U0010ffff"
)


async def sql_text_agrees() -> bool:
    """Does this database write JSON strings (and their UTF-8 bytes) exactly as Python
    does? One small query, asked at the start of each scan. U+0000 is probed on SQLite
    only: PostgreSQL text cannot hold it."""
    postgres = sql.is_postgres()
    probe = PROBE_TEXT if postgres else "\x00" + PROBE_TEXT
    try:
        if postgres:
            query = (
                "SELECT to_json(CAST(? AS text))::text, "
                "encode(sha256(convert_to(CAST(? AS text), 'UTF8')), 'hex')"
            )
        else:
            query = "SELECT json_quote(?), CAST(? AS BLOB)"
        row = (await sql.fetch_scan_rows(query, [probe, probe]))[0]
    except Exception:  # an engine without these functions
        log.warning("the database cannot quote JSON text: audit scans use Python", exc_info=True)
        return False
    expected = hashlib.sha256(probe.encode("utf-8"))
    agrees = row[0] == encode_basestring(probe) and (
        row[1] == expected.hexdigest() if postgres else bytes(row[1]) == probe.encode("utf-8")
    )
    if not agrees:
        log.warning("the database quotes JSON text unlike Python: audit scans use Python")
    return agrees


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


async def verify_chain(
    from_seq: int = 1, to_seq: int | None = None, workers: int = 1
) -> ChainReport:
    """Recompute every hash in [from_seq, to_seq] and report the first broken seq, then
    compare the chain with every kept signed checkpoint (a chain re-hashed from some
    point, or cut short, is consistent in itself but no longer matches them), then the
    privilege states kept beside it with the events they come from."""
    report = await _verify_links(from_seq, to_seq, workers)
    if not report.ok:
        return report
    report = await compare_checkpoints(report)
    if report.ok and report.first_seq is not None and report.last_seq is not None:
        # The R16 fields kept beside the chain (exports as of a date read them) must say
        # what the hashed events say.
        seq = await privilege_log.disagreement(report.first_seq, report.last_seq)
        if seq is not None:
            return _broken(
                report,
                seq,
                msg(
                    "The privilege states kept beside the log (audit_privilege_state) differ "
                    "from the event at seq {seq}: they were altered, and exports as of a past "
                    "date would read them",
                    seq=seq,
                ),
            )
    return report


VERIFY_BATCH = 10_000


def _python_ok(row: dict[str, Any], digest: str) -> bool:
    return row_hash(row) == digest


async def _walk_chain(walk: Walk, from_seq: int, to_seq: int | None) -> ChainReport | None:
    """Check every row in [from_seq, to_seq] in order. The database writes each row's
    hashed text (or, on PostgreSQL, hashes it too), so Python only hashes bytes and
    compares links; on SQLite that runs in a worker thread while the next page is read
    in another (the event loop keeps serving: sqlite3 lets go of the GIL as it steps)."""
    bound = "" if to_seq is None else " AND seq <= ?"

    def params(after: int) -> list[Any]:
        return [after] if to_seq is None else [after, to_seq]

    if not await sql_text_agrees():

        def dict_page(after: int) -> tuple[str, list[Any]]:
            query = f"SELECT {_COLUMNS} FROM audit_event WHERE seq > ?{bound} ORDER BY seq"
            return f"{query} LIMIT {VERIFY_BATCH}", params(after)

        async for page_rows in event_pages(dict_page, from_seq - 1, VERIFY_BATCH):
            walked = [(row["seq"], row["prev_hash"], row["hash"], row) for row in page_rows]
            report = await asyncio.to_thread(walk.check, walked, _python_ok)
            if report is not None:
                return report
        return None
    postgres = sql.is_postgres()
    query = range_query(postgres, to_seq is not None, VERIFY_BATCH)

    def page(after: int) -> tuple[str, list[Any]]:
        return query, params(after)

    async for rows in row_pages(page, from_seq - 1, VERIFY_BATCH):
        if postgres:  # a few comparisons per row: cheap enough on the event loop
            report = walk.check(rows, flag_ok)
        else:
            report = await asyncio.to_thread(walk.check, rows, sha_ok)
        if report is not None:
            return report
    return None


async def _check_range(low: int, high: int) -> RangeResult:
    """One seq range checked apart: in a worker process on a SQLite file (its own
    read-only connection, no GIL shared), else on its own pooled connection."""
    filename = sql.sqlite_file_outside_transaction()
    if filename is None:
        walk = Walk(None, low)
        return walk_result(walk, await _walk_chain(walk, low, high))
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "domain.audit_chain",
        filename,
        str(low),
        str(high),
        str(VERIFY_BATCH),
        stdout=asyncio.subprocess.PIPE,
        cwd=_PROJECT,
    )
    try:
        out, _ = await worker.communicate()
    finally:
        if worker.returncode is None:
            worker.kill()
            await worker.wait()
    if worker.returncode != 0:
        raise RuntimeError(f"audit chain worker failed (exit {worker.returncode})")
    return result_from_json(out.decode())


def _join(walk: Walk, part: RangeResult) -> ChainReport | None:
    """Continue the walk with a range checked apart: its first row's sequence and link
    against the rows before, then the range's own first problem, counted globally."""
    if part.first_seq is None:
        return None  # an empty range: the next row found meets the sequence check
    before_checked, before_last = walk.checked, walk.last
    report = walk.check([(part.first_seq, part.first_prev, part.first_hash, True)], flag_ok)
    if report is not None:
        return report
    if part.report is not None:
        inner = part.report
        if inner.checked == 0:  # the first row's content
            checked, last = before_checked, before_last
        else:
            checked, last = before_checked + inner.checked, inner.last_seq
        return ChainReport(
            False,
            checked,
            walk.first,
            last,
            inner.broken_seq,
            inner.problem,
            found_seq=inner.found_seq,
        )
    walk.checked = before_checked + part.checked
    walk.last, walk.expected_prev = part.last_seq, part.last_hash
    walk.expected_seq = (part.last_seq or 0) + 1
    return None


async def _walk_in_parallel(
    walk: Walk, from_seq: int, to_seq: int | None, workers: int
) -> ChainReport | None:
    """`_walk_chain` over `workers` seq ranges at once (hashing is per row; only the
    links between rows are sequential), joined in order. Rows appended meanwhile, past
    the last seq seen at the start, are walked after. Same reports, same counts."""
    top = to_seq
    if top is None:
        found = await sql.fetch_one("SELECT max(seq) AS top FROM audit_event")
        top = int(found["top"]) if found and found["top"] is not None else None
    if top is None or top < from_seq or not await sql_text_agrees():
        return await _walk_chain(walk, from_seq, to_seq)
    size = -(-(top - from_seq + 1) // workers)
    ranges = [(low, min(low + size - 1, top)) for low in range(from_seq, top + 1, size)]
    parts = [asyncio.ensure_future(_check_range(low, high)) for low, high in ranges]
    try:
        for part in parts:
            report = _join(walk, await part)
            if report is not None:
                return report
    finally:
        for part in parts:
            part.cancel()
        await asyncio.gather(*parts, return_exceptions=True)
    if to_seq is None:
        return await _walk_chain(walk, top + 1, None)
    return None


def _in_words(report: ChainReport) -> ChainReport:
    """The walk's problem in the reader's language."""
    if report.problem == audit_chain.GAP:
        report.problem = msg(
            "Sequence gap: expected seq {expected}, found {found}",
            expected=report.broken_seq,
            found=report.found_seq,
        )
    elif report.problem == audit_chain.LINK:
        report.problem = msg("The event's prevHash does not match the previous event's hash")
    elif report.problem == audit_chain.CONTENT:
        report.problem = msg("The event's hash does not match its content")
    return report


async def _verify_links(
    from_seq: int = 1, to_seq: int | None = None, workers: int = 1
) -> ChainReport:
    walk = Walk(GENESIS_HASH if from_seq <= 1 else None, max(from_seq, 1))
    if workers > 1:
        report = await _walk_in_parallel(walk, max(from_seq, 1), to_seq, workers)
    else:
        report = await _walk_chain(walk, max(from_seq, 1), to_seq)
    if report is not None:
        return _in_words(report)
    checked, first, last, expected_prev = walk.checked, walk.first, walk.last, walk.expected_prev
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
                msg(
                    "The events after seq {last} are missing (the head is at seq {head})",
                    last=last or 0,
                    head=int(head["seq"]),
                ),
            )
        if head and last is not None and head["hash"] != expected_prev:
            return ChainReport(
                False,
                checked,
                first,
                last,
                last,
                msg("The audit head hash does not match the last event's hash"),
            )
    return ChainReport(True, checked, first, last, None, None)


@dataclass
class EventFilter:
    entity_type: str | None = None
    entity_id: str | None = None
    actor_id: str | None = None
    action: str | None = None
    from_time: str | None = None
    to_time: str | None = None


def occurred_between(
    conditions: list[str], params: list[Any], from_time: str | None, to_time: str | None
) -> None:
    """Add the time bounds (UTC ISO, inclusive) of an audit listing or export."""
    if from_time is not None:
        conditions.append("e.occurred_at >= ?")
        params.append(from_time)
    if to_time is not None:
        conditions.append("e.occurred_at <= ?")
        params.append(to_time)


async def list_events(
    filter: EventFilter,
    first: int,
    after_seq: int | None,
    institutions: frozenset[int] | None = None,
) -> tuple[list[dict[str, Any]], bool]:
    """One page of audit events in seq order (keyset on seq); the caller checks rights.
    `institutions`: only the events scoped to them (domain/audit_scope.py); None: all."""
    conditions: list[str] = []
    params: list[Any] = []
    for column, value in (
        ("entity_type", filter.entity_type),
        ("entity_id", filter.entity_id),
        ("actor_id", filter.actor_id),
        ("action", filter.action),
    ):
        if value is not None:
            conditions.append(f"e.{column} = ?")
            params.append(value)
    occurred_between(conditions, params, filter.from_time, filter.to_time)
    query, values = audit_scope.scoped_page(
        _COLUMNS, conditions, params, after_seq or 0, first + 1, institutions
    )
    rows = await sql.fetch(query, values)
    return rows[:first], len(rows) > first


# -- signed checkpoints ------------------------------------------------------------------

CHECKPOINT_TYPE = "credreg-audit-checkpoint"


@dataclass
class CheckpointPolicy:
    every_events: int = 10_000  # 0: never by count
    every_seconds: int = 3600  # 0: never by time


_policy = CheckpointPolicy()
# Per database: (seq, time) of the newest checkpoint this process knows of. Starts at
# (0, first write seen): no read of the checkpoint table until one may be due.
_known: dict[tuple[str, str], tuple[int, datetime]] = {}


def configure_checkpoints(every_events: int, every_seconds: int) -> None:
    _policy.every_events, _policy.every_seconds = every_events, every_seconds
    _known.clear()


def _database_key() -> tuple[str, str]:
    """The database behind the current connection (a transaction's wrapper is new each
    time; the client it belongs to is not)."""
    from tortoise import connections

    name = getattr(sql.current(), "connection_name", "default")
    try:
        config = connections.db_config[name]
    except Exception:  # no configured connections: nothing to tell apart
        return name, ""
    credentials = config.get("credentials", {}) if isinstance(config, dict) else {}
    where = credentials.get("file_path") or credentials.get("database") or config
    return name, f"{credentials.get('host', '')}/{where}"


def _due(seq: int, since: tuple[int, datetime], moment: datetime) -> bool:
    by_count = _policy.every_events > 0 and seq - since[0] >= _policy.every_events
    by_time = (
        _policy.every_seconds > 0
        and seq > since[0]
        and (moment - since[1]).total_seconds() >= _policy.every_seconds
    )
    return by_count or by_time


async def latest_checkpoint() -> dict[str, Any] | None:
    return await sql.fetch_one(
        "SELECT id, seq, hash, kid, token, created_at, verified, reason FROM audit_checkpoint "
        "ORDER BY seq DESC, id DESC LIMIT 1"
    )


def _sign(seq: int, digest: str, verified: bool) -> tuple[str, str, str] | None:
    """(kid, token, createdAt) signing (seq, hash) with the current key; None without keys."""
    from domain import signing

    if not signing.is_configured():
        return None
    moment = clock.utc_iso(clock.now())
    claims = {"seq": seq, "hash": digest, "createdAt": moment, "verified": verified}
    ring = signing.ring()
    token = ring.sign(claims, CHECKPOINT_TYPE)
    return (ring.current.kid if ring.current else ""), token, moment


async def _store(seq: int, digest: str, signed: tuple[str, str, str], verified: bool,
                 reason: str) -> dict[str, Any]:  # fmt: skip
    kid, token, moment = signed
    await sql.execute(
        "INSERT INTO audit_checkpoint (seq, hash, kid, token, created_at, verified, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [seq, digest, kid, token, moment, verified, reason],
    )
    _known[_database_key()] = (seq, clock.now())
    return {"seq": seq, "hash": digest, "kid": kid, "token": token, "createdAt": moment}


async def sign_checkpoint(
    seq: int, digest: str, *, verified: bool, reason: str
) -> dict[str, Any] | None:
    """Sign (seq, hash) with the current key and store it; None without a key ring.

    Cheap (one Ed25519 signature and one insert): it verifies nothing. Automatic
    checkpoints attest the head as it was written; `credreg audit checkpoint` verifies
    the chain first and marks its checkpoint `verified`."""
    signed = _sign(seq, digest, verified)
    return None if signed is None else await _store(seq, digest, signed, verified, reason)


async def checkpoint_if_due(seq: int) -> None:
    """After an append, inside its transaction (the head row is locked): sign the new
    head when N events or the set time have passed since the newest checkpoint. Never
    verifies anything here (a million-event chain must not be recomputed on a write),
    and a signing problem (no key directory, unreadable key) is logged, never fails
    the write."""
    from domain import signing

    if not signing.is_configured() or not (_policy.every_events or _policy.every_seconds):
        return
    key = _database_key()
    moment = clock.now()
    since = _known.setdefault(key, (0, moment))
    if not _due(seq, since, moment):
        return
    newest = await latest_checkpoint()
    if newest is not None:
        since = (int(newest["seq"]), datetime.fromisoformat(newest["created_at"]))
        _known[key] = since
        if not _due(seq, since, moment):
            return
    head = await sql.fetch_one("SELECT seq, hash FROM audit_head WHERE id = 1")
    if head is None:
        return
    head_seq, head_hash = int(head["seq"]), str(head["hash"])
    try:
        signed = _sign(head_seq, head_hash, False)
    except Exception:
        log.exception("could not sign an automatic audit checkpoint")
        _known[key] = (seq, moment)
        return
    if signed is not None:
        await _store(head_seq, head_hash, signed, False, "auto")


async def list_checkpoints() -> list[dict[str, Any]]:
    return await sql.fetch(
        "SELECT c.id, c.seq, c.hash, c.kid, c.token, c.created_at, c.verified, c.reason, "
        "e.hash AS event_hash FROM audit_checkpoint c LEFT JOIN audit_event e ON e.seq = c.seq "
        "ORDER BY c.seq, c.id"
    )


async def compare_checkpoints(report: ChainReport, extra_tokens: Sequence[str] = ()) -> ChainReport:
    """Compare the chain with every kept checkpoint (and checkpoints held elsewhere,
    e.g. from an export): each must be signed by a kept key, and the event at its seq
    must exist (else the tail was cut) with the signed hash (else the chain was
    rewritten at or before that seq)."""
    from domain import signing
    from domain.errors import DomainError, ErrorCode

    ring = signing.verification_ring()
    rows = await list_checkpoints()
    entries: list[tuple[str, dict[str, Any] | None]] = [
        (msg("Checkpoint #{id}", id=row["id"]), row) for row in rows
    ]
    entries += [
        (msg("External checkpoint {number}", number=index + 1), None)
        for index in range(len(extra_tokens))
    ]
    head_seq = (await _read_head())[0]
    checked = unverified = 0
    newest: int | None = None
    for index, (label, row) in enumerate(entries):
        token = row["token"] if row is not None else extra_tokens[index - len(rows)]
        claims: dict[str, Any] | None = None
        if ring is not None:
            try:
                claims = ring.verify(token, CHECKPOINT_TYPE)
            except DomainError as error:
                if error.code is not ErrorCode.UNKNOWN_KEY:
                    return _broken(
                        report,
                        None,
                        msg(
                            "The signature of {label} is invalid: {problem}",
                            label=label,
                            problem=error.message,
                        ),
                    )
        if claims is None:
            unverified += 1
            if row is None:
                continue
            claims = {"seq": row["seq"], "hash": row["hash"]}
        seq, digest = int(claims["seq"]), str(claims["hash"])
        if row is not None and (int(row["seq"]) != seq or row["hash"] != digest):
            return _broken(
                report,
                seq,
                msg("{label} does not match what it signed: it was altered", label=label),
            )
        if seq == 0:
            checked += 1
            continue
        event_hash = row["event_hash"] if row is not None else await _event_hash(seq)
        if event_hash is None:
            return _broken(
                report,
                seq,
                msg(
                    "{label} (signed{signed_at}) proves the log reached seq {seq}; it now ends "
                    "at seq {head}: the end of the log was cut off",
                    label=label,
                    signed_at=_signed_at(claims),
                    seq=seq,
                    head=head_seq,
                ),
            )
        if event_hash != digest:
            return _broken(
                report,
                seq,
                msg(
                    "The hash at seq {seq} does not match {label} (signed{signed_at}): the "
                    "log was rewritten at or before seq {seq} and its hashes recomputed",
                    label=label,
                    signed_at=_signed_at(claims),
                    seq=seq,
                ),
            )
        checked += 1
        newest = seq if newest is None else max(newest, seq)
    report.checkpoints_checked = checked
    report.last_checkpoint_seq = newest
    report.unverified_checkpoints = unverified
    return report


def _signed_at(claims: dict[str, Any]) -> str:
    created = claims.get("createdAt")
    return msg(" on {created}", created=str(created)) if created else ""


async def _event_hash(seq: int) -> str | None:
    row = await sql.fetch_one("SELECT hash FROM audit_event WHERE seq = ?", [seq])
    return str(row["hash"]) if row else None


def _broken(report: ChainReport, seq: int | None, problem: str) -> ChainReport:
    report.ok, report.broken_seq, report.problem = False, seq, problem
    return report


async def checkpoint_now() -> tuple[ChainReport, dict[str, Any] | None]:
    """`credreg audit checkpoint`: verify the chain from the newest verified checkpoint
    (from the start if there is none) to the head, then sign the last verified event.
    Off the request path: this reads every event since that checkpoint."""
    start = 1
    newest_verified = await sql.fetch_one(
        "SELECT seq FROM audit_checkpoint WHERE verified = ? ORDER BY seq DESC LIMIT 1", [True]
    )
    if newest_verified is not None and int(newest_verified["seq"]) > 0:
        start = int(newest_verified["seq"])
    report = await verify_chain(start, None)
    if not report.ok:
        return report, None
    seq = report.last_seq or 0
    digest = await _event_hash(seq) if seq else GENESIS_HASH
    signed = await sign_checkpoint(seq, digest or GENESIS_HASH, verified=True, reason="manual")
    return report, signed


async def checkpoints_document() -> dict[str, Any]:
    """Every kept checkpoint and the public keys that verify them (exported with audit
    exports, so a copy kept elsewhere can later prove a rewrite or a cut tail)."""
    from domain import signing

    ring = signing.verification_ring()
    return {
        "type": CHECKPOINT_TYPE,
        "keys": ring.public_jwks()["keys"] if ring is not None else [],
        "checkpoints": [
            {
                "seq": int(row["seq"]),
                "hash": row["hash"],
                "kid": row["kid"],
                "createdAt": row["created_at"],
                "verified": bool(row["verified"]),
                "reason": row["reason"],
                "token": row["token"],
            }
            for row in await list_checkpoints()
        ],
    }


# -- checking an exported file ------------------------------------------------------------


@dataclass
class ExportCheck:
    """What `verify_export_lines` found in an NDJSON audit export."""

    lines: int = 0
    links: int = 0  # consecutive seqs whose prevHash is the previous line's hash
    gaps: int = 0  # places where seqs are not consecutive (a scoped export has many)
    checkpoints_matched: int = 0  # lines at a checkpoint's seq with the checkpoint's hash
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_export_lines(
    lines: Iterable[str], checkpoints: Sequence[dict[str, Any]] = ()
) -> ExportCheck:
    """Check an audit export offline, line by line: each line's hash recomputed from its
    own content and prevHash (so no included event was altered), each pair of
    consecutive seqs linked, seq 1 linked to the genesis hash, and every line at the seq
    of a checkpoint (audit-checkpoints.json) equal to the checkpoint's hash. A scoped
    export (one institution's events) has gaps: what lies between two included events
    is not proven by the file; the checkpoints prove the chain reached them."""
    signed = {int(c["seq"]): str(c["hash"]) for c in checkpoints}
    check = ExportCheck()
    last: tuple[int, str] | None = None
    for text in lines:
        if not text.strip():
            continue
        try:
            line = json.loads(text)
            row = {
                "seq": int(line["seq"]),
                "occurred_at": line["occurredAt"],
                "actor_type": line["actorType"],
                "actor_id": line["actorId"],
                "actor_name": line["actorName"],
                "action": line["action"],
                "entity_type": line["entityType"],
                "entity_id": line["entityId"],
                "before_json": None if line["before"] is None else canonical_json(line["before"]),
                "after_json": None if line["after"] is None else canonical_json(line["after"]),
                "reason": line["reason"],
                "request_id": line["requestId"],
                "prev_hash": str(line["prevHash"]),
            }
            digest = str(line["hash"])
        except (ValueError, KeyError, TypeError):
            check.problem = msg("Line {number} is not an audit event", number=check.lines + 1)
            return check
        seq = row["seq"]
        check.lines += 1
        if row_hash(row) != digest:
            check.broken_seq = seq
            check.problem = msg("The event's hash does not match its content")
            return check
        if last is not None and seq == last[0] + 1:
            if row["prev_hash"] != last[1]:
                check.broken_seq = seq
                check.problem = msg("The event's prevHash does not match the previous event's hash")
                return check
            check.links += 1
        elif seq == 1 and row["prev_hash"] != GENESIS_HASH:
            check.broken_seq = seq
            check.problem = msg("The event's prevHash does not match the previous event's hash")
            return check
        elif last is not None:
            if seq <= last[0]:
                check.broken_seq = seq
                check.problem = msg(
                    "Seq {seq} comes after seq {last}: the lines are out of order",
                    seq=seq,
                    last=last[0],
                )
                return check
            check.gaps += 1
        if seq in signed:
            if signed[seq] != digest:
                check.broken_seq = seq
                check.problem = msg(
                    "The line at seq {seq} does not match the signed checkpoint of that seq",
                    seq=seq,
                )
                return check
            check.checkpoints_matched += 1
        last = (seq, digest)
    return check
