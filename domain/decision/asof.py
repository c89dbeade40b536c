"""The registry as it stood at a moment, rebuilt from the audit log (SPEC 4 `knownAt`).

Every audited change stores the full row after it (`after_json`), so an entity's state at
time T is the `after` of its last event at or before T. Catalogue rows are versioned and
never deleted: a row was known at T when its catalogue version existed, and retired at T
only when the retiring version existed by then. The facts are parsed by the same
functions as the live load, so the rules cannot tell the two apart.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from domain import clock, sql
from domain.decision.facts import (
    PrivilegeFacts,
    RegistrationFacts,
    Snapshot,
    admission_facts,
    parse_date,
    practitioner_facts,
    privilege_facts,
    procedure_facts,
    registration_facts,
    site_facts,
    technique_facts,
)
from domain.decision.loading import DECIDING_STATUSES, in_list
from domain.decision.vocabulary import CheckInput
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.sql import json_list


async def seq_at(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise DomainError(ErrorCode.VALIDATION, msg("knownAt needs a time zone"), "knownAt")
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
            f"AND entity_id IN ({in_list(chunk)}) AND seq <= ? AND after_json IS NOT NULL "
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


def moment_of(text: Any) -> datetime:
    if isinstance(text, datetime):
        return text
    return datetime.fromisoformat(str(text).replace("Z", "+00:00"))


def successor_starts(privileges: dict[str, dict[str, Any]]) -> dict[int, date]:
    """R16: for each superseded privilege id, the day its successor starts."""
    return successor_starts_of(
        (row.get("status"), parse_date(row.get("valid_from")), row.get("supersedes_id"))
        for row in privileges.values()
    )


def successor_starts_of(rows: Iterable[tuple[Any, date | None, Any]]) -> dict[int, date]:
    """`successor_starts` over (status, valid_from, supersedes_id) of each privilege."""
    starts: dict[int, date] = {}
    for status, start, old in rows:
        if old is not None and start is not None and status != "REQUESTED":
            starts[int(old)] = min(start, starts.get(int(old), start))
    return starts


async def snapshot_at(checks: Sequence[CheckInput], moment: datetime) -> tuple[Snapshot, int]:
    """The decision snapshot as the registry stood at `moment`, and its audit seq."""
    seq = await seq_at(moment)
    snap = Snapshot()
    sites = await all_states("Site", seq)
    for site_id, row in sites.items():
        snap.add_site(site_facts(row, int(site_id)), bool(row.get("is_default")))
    # Issue 16. The default institution is made by set-up (migration 9), not by an audited
    # write: read it as it is. Registrations and admissions as they stood; registrations
    # made by the migration are not in the log, and a practitioner with none is registered
    # at their department's institution, as the migration registered them.
    default = await sql.fetch_one("SELECT MIN(id) AS id FROM institution WHERE is_default = TRUE")
    snap.default_institution_id = int(default["id"]) if default and default["id"] else None
    registrations: dict[int, list[RegistrationFacts]] = defaultdict(list)
    for row in (await all_states("PracticeRegistration", seq)).values():
        registrations[int(row["practitioner_id"])].append(registration_facts(row))
    for row in (await all_states("TechniqueAdmission", seq)).values():
        key = (int(row["technique_id"]), int(row["institution_id"]))
        snap.admissions[key] = admission_facts(row)
    specialty_scopes = {
        int(sid): frozenset(json_list(row.get("practice_scopes")))
        for sid, row in (await all_states("Specialty", seq)).items()
    }
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
        home = sites.get(str(department.get("site_id")), {}).get("institution_id")
        snap.add_practitioner(
            practitioner_facts(
                row,
                bool(department.get("day_surgery_approved", False)),
                int(pid),
                registrations=tuple(registrations.get(int(pid), ())),
                primary_institution_id=int(home) if home is not None else None,
            )
        )

    versions = {
        int(r["number"]): str(r["created_at"])
        for r in await sql.fetch("SELECT number, created_at FROM catalogue_version")
    }
    known_versions = {n for n, created in versions.items() if moment_of(created) <= moment}
    techniques = await all_states("Technique", seq)
    codes = sorted({c.procedure_code for c in checks})
    if codes:
        rows = await sql.fetch(
            "SELECT id, code, name, grade, specialty_id, day_surgery, technique_id, "
            "catalogue_version, retired_in_version, effective_from, effective_to FROM procedure "
            f"WHERE code IN ({in_list(codes)}) ORDER BY catalogue_version DESC",
            codes,
        )
        for row in rows:
            if int(row["catalogue_version"]) not in known_versions:
                continue
            retired = row["retired_in_version"]
            effective_to = parse_date(row["effective_to"])
            if retired is not None and int(retired) not in known_versions:
                effective_to = None
            state = techniques.get(str(row["technique_id"])) if row["technique_id"] else None
            technique = technique_facts(state, int(row["technique_id"])) if state else None
            scopes = specialty_scopes.get(int(row["specialty_id"]), frozenset())
            procedure = procedure_facts(row, technique, effective_to, allowed_scopes=scopes)
            snap.procedures_by_code.setdefault(procedure.code, []).append(procedure)

    holders = sorted(snap.practitioners_by_id)
    if holders:
        ids = [
            str(r["id"])
            for r in await sql.fetch(
                f"SELECT id FROM privilege WHERE practitioner_id IN ({in_list(holders)})", holders
            )
        ]
        held = await states("Privilege", ids, seq)
        successors = successor_starts(held)
        grouped: dict[int, list[PrivilegeFacts]] = defaultdict(list)
        for pid, row in held.items():
            if row["status"] not in DECIDING_STATUSES:
                continue
            privilege = privilege_facts(row, int(pid), successors.get(int(pid)))
            grouped[privilege.practitioner_id].append(privilege)
        for rows_of in grouped.values():
            rows_of.sort(key=lambda p: p.id)
        snap.privileges_by_practitioner = dict(grouped)
    return snap, seq
