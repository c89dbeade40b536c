"""Privilege listings and exports as the registry stood at a moment (`knownAt`, `asOf`).

The audit-log reading itself (an entity's state at T is the `after` of its last event at
or before T) lives in `domain.decision.asof`, which the decisions use too; this module
reads through it, so a listing and a decision agree on which privilege was in force (R16).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import date, datetime
from typing import Any

from domain import permissions, privilege_log, sql
from domain.actors import Actor
from domain.audit import registry_version
from domain.decision.asof import (
    all_states,
    moment_of,
    seq_at,
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


STREAM_IDS = 5000  # privileges per page of the light pass
STREAM_ROWS = 1000  # states parsed per chunk yielded
# Up to this many events after the export's moment, today's rows wound back through the
# log (`_today_in_force`) are read faster than every privilege's last state at that
# moment (`_recorded_in_force`, from `audit_privilege_state`). Measured at group scale
# (100,000 privileges, 1,000,000 events): the log's reading takes about 0.5 s at any
# date; the rewind 0.35-0.4 s as of today, the same at about 35,000 events back on
# SQLite and 55,000 on PostgreSQL, 1.3-1.4 s at 500,000.
REWIND_EVENTS = {"sqlite": 35_000, "postgres": 55_000}


async def privileges_in_force_at(
    actor: Actor, moment: datetime, on: date
) -> AsyncIterator[list[dict[str, Any]]]:
    """`privileges_at(moment)` kept to those `in_force(p, on)`, in id order, a chunk at
    a time (exports): the same states, but memory holds a few numbers per privilege
    instead of every state, and only the states exported are parsed. A first pass reads
    the R16 fields of every privilege at `moment`; the second reads the in-force states,
    a chunk at a time. Both read today's rows wound back through the events since
    `moment` (`_today_in_force`) when those are few, else each privilege's last state at
    `moment` as the log records it (`_recorded_in_force`); the two give the same states."""
    permissions.require(actor, Permission.QUERY_AS_OF)
    seq = await seq_at(moment)
    # Seqs are dense: the head less `seq` is how many events the rows would be wound
    # back through.
    limit = REWIND_EVENTS["postgres" if sql.is_postgres() else "sqlite"]
    if await registry_version() - seq <= limit:
        chunks = _today_in_force(seq, on)
    else:
        chunks = _recorded_in_force(seq, on)
    async for chunk in chunks:
        yield chunk


async def _recorded_in_force(seq: int, on: date) -> AsyncIterator[list[dict[str, Any]]]:
    """The states at `seq` read from the audit log (an export as of a past moment): the
    R16 fields of each privilege's last state from `audit_privilege_state`, then the
    `after` of the events of those in force, a chunk at a time."""
    light: dict[int, Light] = {}
    days = ParsedOnce()
    event_seqs: dict[int, int] = {}  # the event holding each privilege's state at `seq`
    after_id = 0
    while True:
        page = await privilege_log.last_states(seq, after_id=after_id, limit=STREAM_IDS)
        for pid, event_seq, *fields in page:
            light[int(pid)] = _light(days, *fields)
            event_seqs[int(pid)] = int(event_seq)
        if len(page) < STREAM_IDS:
            break
        after_id = int(page[-1][0])
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


_LIVE_LIGHT = "id, " + ", ".join(privilege_log.FIELDS)  # today's rows: the same fields as columns
# What decides whether a privilege is in force (R16): status, valid_from, valid_until
# and supersedes_id.
Light = tuple[str, date | None, date | None, int | None]


class ParsedOnce(dict[Any, date | None]):
    """Date values parsed once each (`days[value]`): a group's 100,000 privileges hold
    a few thousand distinct dates, and parsing each value was a third of a privileges
    export's time."""

    def __init__(self, parse: Callable[[Any], date | None] = parse_date) -> None:
        super().__init__()
        self.parse = parse

    def __missing__(self, value: Any) -> date | None:
        parsed = self[value] = self.parse(value)
        return parsed


def _light(
    days: ParsedOnce, status: Any, valid_from: Any, valid_until: Any, supersedes_id: Any
) -> Light:
    return (
        str(status),
        days[valid_from],
        days[valid_until],
        None if supersedes_id is None else int(supersedes_id),
    )


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
    """The states at `seq` from today's privilege rows, which every change writes
    together with its audit event (whose `after` is the row), wound back through the log:
    every privilege with an event after `seq` takes its state at `seq` from the log
    instead (absent when it did not exist yet). The rows are read a page at a time while
    the registry may move on, so what moved is looked for again after each read: the
    export is the registry at `seq`, exactly as the audit-log reading would give it,
    without reading the last event of every privilege first."""
    light: dict[int, Light] = {}
    days = ParsedOnce()
    after_id = 0
    while True:
        page = await sql.fetch_scan_rows(
            f"SELECT {_LIVE_LIGHT} FROM privilege WHERE id > ? ORDER BY id LIMIT {STREAM_IDS}",
            [after_id],
        )
        for pid, *fields in page:
            light[int(pid)] = _light(days, *fields)
        if len(page) < STREAM_IDS:
            break
        after_id = int(page[-1][0])
    moved = _Moved(seq, days)
    await moved.catch_up(light)  # every one, even a row no longer there
    chosen, successors = _in_force_ids(light, on)
    del light
    columns = _row_columns()
    for index in range(0, len(chosen), STREAM_ROWS):
        part = chosen[index : index + STREAM_ROWS]
        rows = {
            int(row[0]): row
            for row in await sql.fetch_scan_rows(
                f"SELECT {', '.join(columns)} FROM privilege "
                f"WHERE id IN ({', '.join(map(str, part))})"
            )
        }
        await moved.catch_up(None)  # after the read: a row may have moved meanwhile
        recorded = await moved.states_of(part)
        chunk = []
        for pid in part:
            if pid in moved.event_of:
                held = recorded.get(pid)
            else:
                row = rows.get(pid)
                held = None if row is None else dict(zip(columns, row, strict=True))
            if held:
                chunk.append({**held, "id": pid, "successor_from": successors.get(pid)})
        yield chunk


MOVED_PAGE = 20_000  # events per page when looking for what moved since the export's moment
MOVED_IDS = 500  # privileges per log read of their state at that moment


class _Moved:
    """The privileges with an event after `seq` and, for each, the seq of the event that
    holds its state at `seq` (the last one at or before it with an `after`, as
    `asof.states` reads it; 0: it did not exist then). A few numbers per privilege moved:
    memory stays flat whatever the export's size."""

    def __init__(self, seq: int, days: ParsedOnce) -> None:
        self.seq = seq
        self.days = days
        self.looked_to = seq  # the events up to here have been looked at
        self.event_of: dict[int, int] = {}

    async def catch_up(self, light: dict[int, Light] | None) -> None:
        """Find the privileges moved since the last look; with `light`, put their R16
        fields at `seq` in it (or take them out)."""
        new: set[int] = set()
        while True:
            # By the seq key: an entity_type condition would have SQLite walk every
            # privilege's entries instead.
            page = await sql.fetch_scan_rows(
                "SELECT seq, entity_type, entity_id FROM audit_event WHERE seq > ? "
                f"ORDER BY seq LIMIT {MOVED_PAGE}",
                [self.looked_to],
            )
            for _seq, entity_type, entity_id in page:
                if entity_type == "Privilege" and int(entity_id) not in self.event_of:
                    new.add(int(entity_id))
            if page:
                self.looked_to = int(page[-1][0])
            if len(page) < MOVED_PAGE:
                break
        ids = sorted(new)
        for start in range(0, len(ids), MOVED_IDS):
            part = ids[start : start + MOVED_IDS]
            for pid in part:
                self.event_of[pid] = 0
            for pid, event_seq, *fields in await privilege_log.last_states(self.seq, ids=part):
                self.event_of[int(pid)] = int(event_seq)
                if light is not None:
                    light[int(pid)] = _light(self.days, *fields)
            if light is not None:
                for pid in part:
                    if not self.event_of[pid]:
                        light.pop(pid, None)

    async def states_of(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The states at `seq` of those of `ids` that moved and existed then."""
        wanted = {self.event_of[pid]: pid for pid in ids if self.event_of.get(pid)}
        if not wanted:
            return {}
        return {
            wanted[int(event_seq)]: json.loads(text)
            for event_seq, text in await sql.fetch_scan_rows(
                "SELECT seq, after_json FROM audit_event "
                f"WHERE seq IN ({', '.join(map(str, wanted))})"
            )
        }


def _row_columns() -> list[str]:
    """Every column of a privilege row, id first (what `SELECT *` gives, read as tuples:
    no dict per row from the driver)."""
    columns = list(Privilege._meta.fields_db_projection.values())
    columns.remove("id")
    return ["id", *columns]


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
