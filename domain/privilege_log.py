"""The privilege states the audit log records, by the fields that decide whether a
privilege is in force (R16): `audit_privilege_state (seq, privilege_id, status,
valid_from, valid_until, supersedes_id)`, one row per privilege event with an `after`,
written in the append's transaction (domain.audit.append) and backfilled by migration 14.

It holds nothing the hashed log does not: each row is what its event's `after` says.
What it gives is "the last state of every privilege at seq S" from one narrow index
range, without parsing the JSON of each privilege's last event (an export as of
2024-01-01 over the group's 1,000,000 events: 45,780 states, 267 ms on SQLite and
430 ms on PostgreSQL read from the log). `disagreement` compares it with the log, and
the chain verification reports any difference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from domain import sql

_DIGITS = re.compile(r"[0-9]+")
FIELDS = ("status", "valid_from", "valid_until", "supersedes_id")
INSERT_BATCH = 150  # rows per INSERT (six parameters each: within every driver's limit)

# One row's values: (seq, privilege id, status, valid_from, valid_until, supersedes_id).
StateRow = tuple[int, int, Any, Any, Any, Any]


def state_row(
    seq: int, entity_type: str, entity_id: str | None, after_json: str | None
) -> StateRow | None:
    """The row an audit event gives, if any: a privilege's event with a state. The values
    are the stored JSON's (dates as their ISO text), so the row says what the hashed
    `after` says."""
    if entity_type != "Privilege" or after_json is None or not _DIGITS.fullmatch(entity_id or ""):
        return None
    after = json.loads(after_json)
    if not isinstance(after, dict):
        return None
    old = after.get("supersedes_id")
    return (
        int(seq),
        int(str(entity_id)),
        after.get("status"),
        after.get("valid_from"),
        after.get("valid_until"),
        int(old) if old is not None else None,
    )


async def record(events: Sequence[Any]) -> int:
    """Write the rows of just-appended audit events (objects with seq, entity_type,
    entity_id and after_json), in the append's transaction. Returns how many."""
    rows = [
        row
        for event in events
        if (row := state_row(event.seq, event.entity_type, event.entity_id, event.after_json))
    ]
    for start in range(0, len(rows), INSERT_BATCH):
        chunk = rows[start : start + INSERT_BATCH]
        await sql.execute(
            "INSERT INTO audit_privilege_state (seq, privilege_id, status, valid_from, "
            "valid_until, supersedes_id) VALUES " + ", ".join("(?, ?, ?, ?, ?, ?)" for _ in chunk),
            [value for row in chunk for value in row],
        )
    return len(rows)


async def last_states(
    seq: int,
    *,
    after_id: int | None = None,
    ids: Sequence[int] | None = None,
    limit: int | None = None,
) -> Sequence[Sequence[Any]]:
    """The last recorded state at `seq` of each privilege with one: rows of (privilege
    id, event seq, status, valid_from, valid_until, supersedes_id) in privilege id order,
    of the privileges after `after_id` (keyset paging, `limit` of them) or of `ids`."""
    if ids is not None:
        if not ids:
            return []
        condition, params = f"privilege_id IN ({', '.join('?' for _ in ids)})", [*ids]
    else:
        condition, params = "privilege_id > ?", [after_id or 0]
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    if sql.is_postgres():
        # Index-only: (privilege_id, seq DESC) INCLUDE the fields (migration 14).
        query = (
            "SELECT DISTINCT ON (privilege_id) privilege_id, seq, status, valid_from, "
            f"valid_until, supersedes_id FROM audit_privilege_state WHERE {condition} "
            f"AND seq <= ? ORDER BY privilege_id, seq DESC{tail}"
        )
    else:
        # SQLite gives a bare column the values of the row holding the MAX (documented);
        # the (privilege_id, seq, fields...) index covers it.
        query = (
            "SELECT privilege_id, MAX(seq), status, valid_from, valid_until, supersedes_id "
            f"FROM audit_privilege_state WHERE {condition} AND seq <= ? "
            f"GROUP BY privilege_id ORDER BY privilege_id{tail}"
        )
    return await sql.fetch_scan_rows(query, [*params, seq])


def _state_event(postgres: bool) -> str:
    """SQL: audit event `e` is a privilege's event with a state (`state_row` gives a row)."""
    if postgres:
        return (
            "e.entity_type = 'Privilege' AND e.after_json IS NOT NULL "
            "AND e.entity_id ~ '^[0-9]+$' AND json_typeof(e.after_json::json) = 'object'"
        )
    return (
        "e.entity_type = 'Privilege' AND e.after_json IS NOT NULL AND e.entity_id <> '' "
        "AND e.entity_id NOT GLOB '*[^0-9]*' AND json_type(e.after_json) = 'object'"
    )


def _recorded_query(postgres: bool) -> str:
    """The rows the log's privilege events in [?, ?] give, as `state_row` reads them
    (in SQL: a million events are compared without parsing them in Python)."""
    if postgres:
        return (
            "SELECT e.seq, CAST(e.entity_id AS INT) AS privilege_id, r.status, r.valid_from, "
            "r.valid_until, r.supersedes_id FROM audit_event e CROSS JOIN LATERAL "
            "json_to_record(CASE WHEN json_typeof(e.after_json::json) = 'object' "
            "THEN e.after_json::json END) AS r(status text, valid_from text, "
            "valid_until text, supersedes_id bigint) WHERE e.seq BETWEEN ? AND ? "
            f"AND {_state_event(postgres)}"
        )
    return (
        "SELECT e.seq, CAST(e.entity_id AS INT) AS privilege_id, "
        "json_extract(e.after_json, '$.status') AS status, "
        "json_extract(e.after_json, '$.valid_from') AS valid_from, "
        "json_extract(e.after_json, '$.valid_until') AS valid_until, "
        "CAST(json_extract(e.after_json, '$.supersedes_id') AS INT) AS supersedes_id "
        f"FROM audit_event e WHERE e.seq BETWEEN ? AND ? AND {_state_event(postgres)}"
    )


async def disagreement(first_seq: int, last_seq: int) -> int | None:
    """The first seq in [first_seq, last_seq] where `audit_privilege_state` and the log
    disagree: a privilege state event without its row or with other values, or a row
    no such event gives (added, or changed under the triggers). None: they agree.

    One pass over each side, whatever the planner believes: on PostgreSQL a FULL JOIN
    (only hash or merge joins can do it; with statistics from when the tables were small,
    a NOT EXISTS became a nested loop over 200,000 x 200,000 rows); on SQLite each side
    is looked up in the other by its seq key."""
    postgres = sql.is_postgres()
    differs = " IS DISTINCT FROM " if postgres else " IS NOT "
    compared = " OR ".join(f"s.{column}{differs}e.{column}" for column in ("privilege_id", *FIELDS))
    if postgres:
        rows = await sql.fetch_scan_rows(
            f"SELECT MIN(COALESCE(e.seq, s.seq)) FROM ({_recorded_query(postgres)}) e "
            "FULL JOIN (SELECT * FROM audit_privilege_state WHERE seq BETWEEN ? AND ?) s "
            f"ON s.seq = e.seq WHERE e.seq IS NULL OR s.seq IS NULL OR {compared}",
            [first_seq, last_seq, first_seq, last_seq],
        )
    else:
        rows = await sql.fetch_scan_rows(
            "SELECT MIN(seq) FROM ("
            f"SELECT e.seq FROM ({_recorded_query(postgres)}) e "
            "LEFT JOIN audit_privilege_state s ON s.seq = e.seq "
            f"WHERE s.seq IS NULL OR {compared} "
            "UNION ALL "
            "SELECT s.seq FROM audit_privilege_state s WHERE s.seq BETWEEN ? AND ? "
            "AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.seq = s.seq "
            f"AND {_state_event(postgres)})"
            ") AS found",
            [first_seq, last_seq, first_seq, last_seq],
        )
    found = rows[0][0] if rows else None
    return int(found) if found is not None else None
