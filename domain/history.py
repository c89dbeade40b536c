"""Privilege listings and exports as the registry stood at a moment (`knownAt`, `asOf`).

The audit-log reading itself (an entity's state at T is the `after` of its last event at
or before T) lives in `domain.decision.asof`, which the decisions use too; this module
reads through it, so a listing and a decision agree on which privilege was in force (R16).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from domain import permissions, sql
from domain.actors import Actor
from domain.audit import registry_version
from domain.decision.asof import (
    all_states,
    moment_of,
    seq_at,
    states,
    successor_starts,
    successor_starts_of,
)
from domain.decision.facts import parse_date
from domain.decision.rules import privilege_in_force
from domain.pagination import Page, page_size
from domain.permissions import Permission
from domain.privileges import PrivilegeFilter
from models import Privilege


async def privileges_at(actor: Actor, moment: datetime) -> list[dict[str, Any]]:
    """Every privilege's state at `moment` (for listings and exports)."""
    permissions.require(actor, Permission.QUERY_AS_OF)
    seq = await seq_at(moment)
    held = await all_states("Privilege", seq)
    successors = successor_starts(held)  # R16: where superseded privileges stop answering
    return [
        {"id": int(pid), **row, "successor_from": successors.get(int(pid))}
        for pid, row in sorted(held.items(), key=lambda kv: int(kv[0]))
    ]


# The fields of a privilege's state that decide whether it is in force (R16), read by the
# database from the stored JSON so that Python parses only the rows that are exported.
_LIGHT_FIELDS = ("status", "valid_from", "valid_until", "supersedes_id")
STREAM_IDS = 5000  # privileges per page of the light pass
STREAM_ROWS = 1000  # states parsed per chunk yielded


def _json_field(key: str, postgres: bool) -> str:
    if postgres:
        return f"(after_json::json ->> '{key}')"
    return f"json_extract(after_json, '$.{key}')"


async def privileges_in_force_at(
    actor: Actor, moment: datetime, on: date
) -> AsyncIterator[list[dict[str, Any]]]:
    """`privileges_at(moment)` kept to those `in_force(p, on)`, in id order, a chunk at
    a time (exports): the same states, but memory holds a few numbers per privilege
    instead of every state, and only the states exported are parsed. A first pass reads
    the last event of each privilege at `moment` with the R16 fields taken out of its
    JSON by the database (keyset pages over the entity index); the second reads the
    in-force states' JSON by seq, a chunk at a time."""
    permissions.require(actor, Permission.QUERY_AS_OF)
    seq = await seq_at(moment)
    if seq == await registry_version():
        chunks = _today_in_force(seq, on)  # nothing recorded since: today's rows are it
    else:
        chunks = _recorded_in_force(seq, on)
    async for chunk in chunks:
        yield chunk


async def _recorded_in_force(seq: int, on: date) -> AsyncIterator[list[dict[str, Any]]]:
    """The states at `seq` read from the audit log (an export as of a past moment)."""
    postgres = sql.is_postgres()
    fields = ", ".join(f"{_json_field(k, postgres)} AS {k}" for k in _LIGHT_FIELDS)
    light: dict[int, Light] = {}
    event_seqs: dict[int, int] = {}  # the event holding each privilege's state at `seq`
    after_id = ""
    while True:
        # MAX(seq) per privilege from the (entity_type, entity_id, seq) index alone
        # (migration 13); an event without an `after` (none is written today) falls back
        # to the last one with one, as `states` reads them.
        page = await sql.fetch_scan_rows(
            f"SELECT e.entity_id, e.seq, {fields}, after_json IS NULL FROM audit_event e "
            "WHERE e.seq IN (SELECT MAX(seq) FROM audit_event WHERE entity_type = 'Privilege' "
            f"AND entity_id > ? AND seq <= ? GROUP BY entity_id ORDER BY entity_id "
            f"LIMIT {STREAM_IDS})",
            [after_id, seq],
        )
        if not page:
            break
        for read in page:
            found = await _last_with_state(str(read[0]), seq, fields) if read[-1] else read
            if found is None:
                continue
            entity_id, event_seq = int(found[0]), int(found[1])
            light[entity_id] = _light(*found[2:6])
            event_seqs[entity_id] = event_seq
        after_id = max(str(read[0]) for read in page)
        if len(page) < STREAM_IDS:
            break
    chosen, successors = _in_force_ids(light, on)
    del light
    for index in range(0, len(chosen), STREAM_ROWS):
        part = chosen[index : index + STREAM_ROWS]
        rows = await sql.fetch_scan_rows(
            "SELECT seq, after_json FROM audit_event WHERE seq IN ("
            + ", ".join(str(event_seqs[pid]) for pid in part)
            + ")"
        )
        states = {int(event_seq): text for event_seq, text in rows}
        yield [
            {
                "id": pid,
                **json.loads(states[event_seqs[pid]]),
                "successor_from": successors.get(pid),
            }
            for pid in part
        ]


_LIVE_LIGHT = "id, " + ", ".join(_LIGHT_FIELDS)  # today's rows: the same fields as columns
# What decides whether a privilege is in force (R16): status, valid_from, valid_until
# and supersedes_id.
Light = tuple[str, date | None, date | None, int | None]


def _light(status: Any, valid_from: Any, valid_until: Any, supersedes_id: Any) -> Light:
    return (
        str(status),
        parse_date(valid_from),
        parse_date(valid_until),
        None if supersedes_id is None else int(supersedes_id),
    )


def _light_rows(rows: Iterable[Sequence[Any]], light: dict[int, Light]) -> None:
    """`_light` over (id, status, valid_from, valid_until, supersedes_id) rows into
    `light`: each distinct date is parsed once (a group's 100,000 privileges hold a few
    thousand distinct dates), which was a third of a privileges export's time."""
    days: dict[Any, date | None] = {None: None}
    for pid, status, start, end, old in rows:
        try:
            valid_from = days[start]
        except KeyError:
            valid_from = days[start] = parse_date(start)
        try:
            valid_until = days[end]
        except KeyError:
            valid_until = days[end] = parse_date(end)
        light[int(pid)] = (str(status), valid_from, valid_until, None if old is None else int(old))


def _in_force_ids(light: dict[int, Light], on: date) -> tuple[list[int], dict[int, date]]:
    """R16 over the light states: the ids in force on `on`, in id order, and the day
    each superseded privilege's successor starts."""
    successors = successor_starts_of(
        (status, start, supersedes_id) for status, start, _end, supersedes_id in light.values()
    )
    chosen = sorted(
        pid
        for pid, (status, start, end, _old) in light.items()
        if privilege_in_force(status, start, end, on, successors.get(pid))
    )
    return chosen, successors


async def _today_in_force(seq: int, on: date) -> AsyncIterator[list[dict[str, Any]]]:
    """The states at `seq` when `seq` is the registry's head: today's privilege rows,
    which every change writes together with its audit event (whose `after` is the row).
    The rows are read a page at a time while the registry may move on, so every
    privilege with an event after `seq`, seen after each read, takes its state at `seq`
    from the log instead (absent when it did not exist yet): the export is the registry
    at `seq`, exactly as the audit-log reading would give it, without reading the last
    event of every privilege first."""
    light: dict[int, tuple[str, date | None, date | None, int | None]] = {}
    after_id = 0
    while True:
        page = await sql.fetch_scan_rows(
            f"SELECT {_LIVE_LIGHT} FROM privilege WHERE id > ? ORDER BY id LIMIT {STREAM_IDS}",
            [after_id],
        )
        _light_rows(page, light)
        if len(page) < STREAM_IDS:
            break
        after_id = int(page[-1][0])
    recorded: dict[int, dict[str, Any]] = {}  # changed since `seq`: their state at `seq`
    await _moved_since(seq, None, recorded)  # every one, even a row no longer there
    for pid, state in recorded.items():
        if not state:
            light.pop(pid, None)
        else:
            light[pid] = _light(*(state.get(key) for key in _LIGHT_FIELDS))
    chosen, successors = _in_force_ids(light, on)
    del light
    for index in range(0, len(chosen), STREAM_ROWS):
        part = chosen[index : index + STREAM_ROWS]
        columns = _row_columns()
        rows = {
            int(row[0]): dict(zip(columns, row, strict=True))
            for row in await sql.fetch_scan_rows(
                f"SELECT {', '.join(columns)} FROM privilege "
                f"WHERE id IN ({', '.join(map(str, part))})"
            )
        }
        await _moved_since(seq, part, recorded)
        chunk = []
        for pid in part:
            held = recorded.get(pid) if pid in recorded else rows.get(pid)
            if held:
                chunk.append({**held, "id": pid, "successor_from": successors.get(pid)})
        yield chunk


def _row_columns() -> list[str]:
    """Every column of a privilege row, id first (what `SELECT *` gives, read as tuples:
    no dict per row from the driver)."""
    columns = list(Privilege._meta.fields_db_projection.values())
    columns.remove("id")
    return ["id", *columns]


async def _moved_since(
    seq: int, ids: Iterable[int] | None, recorded: dict[int, dict[str, Any]]
) -> None:
    """Add to `recorded` the state at `seq` ({} if none) of each of `ids` (None: any
    privilege) that has an event after `seq` and is not there yet."""
    # The events since `seq` by the seq key (few: those recorded during the export); an
    # entity_type condition would have SQLite walk every privilege's entries instead.
    moved = {
        int(entity_id)
        for entity_type, entity_id in await sql.fetch_scan_rows(
            "SELECT entity_type, entity_id FROM audit_event WHERE seq > ?", [seq]
        )
        if entity_type == "Privilege"
    }
    missing = sorted((moved if ids is None else moved & set(ids)) - recorded.keys())
    if not missing:
        return
    found = await states("Privilege", [str(pid) for pid in missing], seq)
    for pid in missing:
        recorded[pid] = found.get(str(pid), {})


async def _last_with_state(entity_id: str, seq: int, fields: str) -> Sequence[Any] | None:
    rows = await sql.fetch_scan_rows(
        f"SELECT entity_id, seq, {fields}, FALSE FROM audit_event WHERE seq = (SELECT "
        "MAX(seq) FROM audit_event WHERE entity_type = 'Privilege' AND entity_id = ? "
        "AND seq <= ? AND after_json IS NOT NULL)",
        [entity_id, seq],
    )
    return rows[0] if rows else None


def in_force(privilege: dict[str, Any], on: date) -> bool:
    """R16 on an audited privilege state (the decision's own predicate)."""
    return privilege_in_force(
        str(privilege.get("status")),
        parse_date(privilege.get("valid_from")),
        parse_date(privilege.get("valid_until")),
        on,
        parse_date(privilege.get("successor_from")),
    )


async def list_privileges_at(
    actor: Actor, filter: PrivilegeFilter, first: int | None, after: int | None, *, moment: datetime
) -> Page[Privilege]:
    """`privileges(knownAt:)`: the privilege list rebuilt from history, same filters."""
    size = page_size(first)
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    rows = await privileges_at(actor, moment)
    staff = {}
    if filter.practitioner_staff_no or filter.department_code or not scope.everyone:
        staff = {
            int(r["id"]): r
            for r in await sql.fetch(
                "SELECT p.id, p.staff_no, p.department_id, d.code AS department_code "
                "FROM practitioner p JOIN department d ON d.id = p.department_id"
            )
        }
    sites = {int(r["id"]): r["code"] for r in await sql.fetch("SELECT id, code FROM site")}
    kept = []
    for row in rows:
        person = staff.get(int(row["practitioner_id"]), {})
        if after is not None and row["id"] <= after:
            continue
        if not scope.everyone and not scope.admits(
            int(row["practitioner_id"]), int(person.get("department_id") or -1)
        ):
            continue
        if filter.practitioner_id is not None and row["practitioner_id"] != filter.practitioner_id:
            continue
        if filter.practitioner_staff_no and person.get("staff_no") != filter.practitioner_staff_no:
            continue
        if filter.department_code and person.get("department_code") != filter.department_code:
            continue
        if filter.statuses and row["status"] not in filter.statuses:
            continue
        if filter.scope and row["scope"] != filter.scope:
            continue
        if filter.site_code and sites.get(int(row["site_id"])) != filter.site_code:
            continue
        if filter.valid_on is not None and not in_force(row, filter.valid_on):
            continue
        kept.append(row)
        if len(kept) > size:
            break
    items = [
        Privilege(**{k: v for k, v in row.items() if k in Privilege._meta.db_fields or k == "id"})
        for row in kept[:size]
    ]
    for item, row in zip(items, kept, strict=False):
        for field in ("valid_from", "valid_until", "last_evaluated_on"):
            setattr(item, field, parse_date(row.get(field)))
        for field in ("created_at", "updated_at"):
            setattr(item, field, moment_of(row[field]) if row.get(field) else None)
    return Page(items=items, has_next=len(kept) > size, has_previous=after is not None)
