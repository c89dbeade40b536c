"""Privilege listings and exports as the registry stood at a moment (`knownAt`, `asOf`).

The audit-log reading itself (an entity's state at T is the `after` of its last event at
or before T) lives in `domain.decision.asof`, which the decisions use too; this module
reads through it, so a listing and a decision agree on which privilege was in force (R16).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from domain import permissions, sql
from domain.actors import Actor
from domain.decision.asof import all_states, moment_of, seq_at, successor_starts
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
