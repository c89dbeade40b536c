"""The registry as it stood at a moment, rebuilt from the audit log (SPEC 4 `knownAt`).

Every audited change stores the full row after it (`after_json`), so an entity's state at
time T is the `after` of its last event at or before T. Catalogue rows are versioned and
never deleted: a row was known at T when its catalogue version existed, and retired at T
only when the retiring version existed by then.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from domain import clock, permissions, sql
from domain.actors import Actor
from domain.decisions import CheckInput, Snapshot, _date, _in_list
from domain.errors import DomainError, ErrorCode
from domain.pagination import Page, page_size
from domain.permissions import Permission
from domain.privileges import PrivilegeFilter
from models import Privilege


async def seq_at(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise DomainError(ErrorCode.VALIDATION, "knownAt needs a time zone", "knownAt")
    row = await sql.fetch_one(
        "SELECT MAX(seq) AS seq FROM audit_event WHERE occurred_at <= ?", [clock.utc_iso(moment)]
    )
    return int(row["seq"]) if row and row["seq"] is not None else 0


async def states(
    entity_type: str, entity_ids: Sequence[str], seq: int
) -> dict[str, dict[str, Any]]:
    """The last `after` of each entity at or before `seq` (absent if not yet created)."""
    result: dict[str, dict[str, Any]] = {}
    ids = sorted(set(entity_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = await sql.fetch(
            "SELECT entity_id, after_json FROM audit_event WHERE entity_type = ? "
            f"AND entity_id IN ({_in_list(chunk)}) AND seq <= ? AND after_json IS NOT NULL "
            "ORDER BY seq",
            [entity_type, *chunk, seq],
        )
        for row in rows:
            result[row["entity_id"]] = json.loads(row["after_json"])
    return result


async def all_states(entity_type: str, seq: int) -> dict[str, dict[str, Any]]:
    rows = await sql.fetch(
        "SELECT DISTINCT entity_id FROM audit_event WHERE entity_type = ? AND seq <= ?",
        [entity_type, seq],
    )
    return await states(entity_type, [str(r["entity_id"]) for r in rows], seq)


async def snapshot_at(checks: Sequence[CheckInput], moment: datetime) -> tuple[Snapshot, int]:
    """The decision snapshot as the registry stood at `moment`, and its audit seq."""
    seq = await seq_at(moment)
    snap = Snapshot()
    for site_id, row in (await all_states("Site", seq)).items():
        site = {
            "id": int(site_id),
            "code": row["code"],
            "reevaluation_months": int(row.get("reevaluation_months", 12)),
        }
        snap.sites_by_id[site["id"]] = site
        snap.sites_by_code[site["code"]] = site
        if row.get("is_default"):
            snap.default_site = site
    # Staff numbers can change: match on the state at that moment.
    practitioners = await all_states("Practitioner", seq)
    departments = await all_states("Department", seq)
    wanted_ids = {i for c in checks for i in (c.practitioner_id, c.supervisor_id) if i}
    wanted_staff = {
        s for c in checks for s in (c.practitioner_staff_no, c.supervisor_staff_no) if s
    }
    for pid, row in practitioners.items():
        if int(pid) not in wanted_ids and row["staff_no"] not in wanted_staff:
            continue
        department = departments.get(str(row["department_id"]), {})
        practitioner = {
            "id": int(pid),
            "staff_no": row["staff_no"],
            "status": row["status"],
            "licence_valid_until": _date(row.get("licence_valid_until")),
            "department_id": int(row["department_id"]),
            "day_surgery_approved": bool(department.get("day_surgery_approved", False)),
        }
        snap.practitioners_by_id[practitioner["id"]] = practitioner
        snap.practitioners_by_staff_no[practitioner["staff_no"]] = practitioner

    versions = {
        int(r["number"]): str(r["created_at"])
        for r in await sql.fetch("SELECT number, created_at FROM catalogue_version")
    }
    known_versions = {n for n, created in versions.items() if _moment(created) <= moment}
    techniques = await all_states("Technique", seq)
    codes = sorted({c.procedure_code for c in checks})
    if codes:
        rows = await sql.fetch(
            "SELECT id, code, grade, specialty_id, day_surgery, technique_id, catalogue_version, "
            "retired_in_version, effective_from, effective_to FROM procedure "
            f"WHERE code IN ({_in_list(codes)}) ORDER BY catalogue_version DESC",
            codes,
        )
        for row in rows:
            if int(row["catalogue_version"]) not in known_versions:
                continue
            retired = row["retired_in_version"]
            effective_to = _date(row["effective_to"])
            if retired is not None and int(retired) not in known_versions:
                effective_to = None
            technique = techniques.get(str(row["technique_id"])) if row["technique_id"] else None
            snap.procedures_by_code.setdefault(row["code"], []).append(
                {
                    "id": int(row["id"]),
                    "code": row["code"],
                    "grade": int(row["grade"]),
                    "specialty_id": int(row["specialty_id"]),
                    "day_surgery": bool(row["day_surgery"]),
                    "technique_id": row["technique_id"],
                    "effective_from": _date(row["effective_from"]),
                    "effective_to": effective_to,
                    "technique_code": technique["code"] if technique else None,
                    "category": technique["category"] if technique else None,
                    "technique_status": technique["status"] if technique else None,
                    "filing_due_on": _date(technique.get("filing_due_on")) if technique else None,
                    "filed_on": technique.get("filed_on") if technique else None,
                }
            )

    holders = sorted(snap.practitioners_by_id)
    if holders:
        ids = [
            str(r["id"])
            for r in await sql.fetch(
                f"SELECT id FROM privilege WHERE practitioner_id IN ({_in_list(holders)})", holders
            )
        ]
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for pid, row in (await states("Privilege", ids, seq)).items():
            if row["status"] not in {"ACTIVE", "SUSPENDED", "REVOKED"}:
                continue
            grouped[int(row["practitioner_id"])].append(
                {
                    "id": int(pid),
                    "practitioner_id": int(row["practitioner_id"]),
                    "site_id": int(row["site_id"]),
                    "scope": row["scope"],
                    "specialty_id": row.get("specialty_id"),
                    "max_grade": row.get("max_grade"),
                    "procedure_code": row.get("procedure_code"),
                    "technique_id": row.get("technique_id"),
                    "supervised_only": bool(row.get("supervised_only")),
                    "valid_from": _date(row.get("valid_from")),
                    "valid_until": _date(row.get("valid_until")),
                    "status": row["status"],
                    "last_evaluated_on": _date(row.get("last_evaluated_on")),
                }
            )
        for rows_of in grouped.values():
            rows_of.sort(key=lambda p: p["id"])
        snap.privileges_by_practitioner = dict(grouped)
    return snap, seq


def _moment(text: Any) -> datetime:
    if isinstance(text, datetime):
        return text
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


async def privileges_at(actor: Actor, moment: datetime) -> list[dict[str, Any]]:
    """Every privilege's state at `moment` (for listings and exports)."""
    permissions.require(actor, Permission.QUERY_AS_OF)
    seq = await seq_at(moment)
    return [
        {"id": int(pid), **row}
        for pid, row in sorted(
            (await all_states("Privilege", seq)).items(), key=lambda kv: int(kv[0])
        )
    ]


def in_force(privilege: dict[str, Any], on: date) -> bool:
    start, end = _date(privilege.get("valid_from")), _date(privilege.get("valid_until"))
    return (
        privilege.get("status") == "ACTIVE"
        and start is not None
        and end is not None
        and start <= on <= end
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
            setattr(item, field, _date(row.get(field)))
        for field in ("created_at", "updated_at"):
            setattr(item, field, _moment(row[field]) if row.get(field) else None)
    return Page(items=items, has_next=len(kept) > size, has_previous=after is not None)
