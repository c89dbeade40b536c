"""Loading the facts a batch of checks reads, with a constant number of queries.

Parameterised SQL instead of model objects keeps the hot path cheap (CONVENTIONS habit 6);
rows are parsed into facts once here and then shared by every answer of the version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from domain.decision import reads
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
from domain.decision.vocabulary import CheckInput
from domain.privileges import Status
from domain.sql import json_list
from models import Technique

# Technique flags read when the schema has them (the filing-clock work adds the second).
TECHNIQUE_EXTRAS = "".join(
    f", t.{name}"
    for name in ("lead_inactive", "filing_due_on_provisional")
    if name in Technique._meta.fields_map
)

# Privileges a decision may name: in force, or unusable but worth a reason. SUPERSEDED
# ones still answer for their own term before their successor starts (R16).
DECIDING_STATUSES = (
    Status.ACTIVE.value,
    Status.SUSPENDED.value,
    Status.REVOKED.value,
    Status.SUPERSEDED.value,
)


def in_list(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def keys_of(checks: Sequence[CheckInput]) -> tuple[set[int], set[str], set[str]]:
    ids = {i for c in checks for i in (c.practitioner_id, c.supervisor_id) if i is not None}
    staff = {s for c in checks for s in (c.practitioner_staff_no, c.supervisor_staff_no) if s}
    return ids, staff, {c.procedure_code for c in checks}


# A load of at most these many practitioners and codes reads inline. What a write makes
# the cache forget is one practitioner (two with a supervisor); a cold start's shared
# loads gather more, and inline they held the loop while SQLite read their pages: at x10
# on SQLite the first second's p99 was 85-262 ms with 8, 54-95 ms with 2 (issue 19.1).
FEW_PRACTITIONERS = 2
FEW_CODES = 64


async def load_snapshot(checks: Sequence[CheckInput]) -> Snapshot:
    """Everything the checks touch, read fresh from the database."""
    ids, staff, codes = keys_of(checks)
    return await load_parts(ids, staff, codes, with_sites=True)


async def load_parts(
    ids_wanted: set[int], staff_wanted: set[str], codes_wanted: set[str], with_sites: bool
) -> Snapshot:
    """Sites (optionally), the named practitioners with their privileges and pending
    evaluations, and the named catalogue codes: at most six queries, whatever the size.
    A load of a few keys (what a suspension or a new case makes the cache forget) reads
    on the loop's own thread (reads.fetch_keyed): through a worker thread, under checks
    at full load, every row fetched waited for the interpreter lock, and a load of one
    practitioner took hundreds of milliseconds while writes landed. A wide load (a cold
    start) still reads in a worker thread, beside the loop."""
    few = (
        len(ids_wanted) + len(staff_wanted) <= FEW_PRACTITIONERS and len(codes_wanted) <= FEW_CODES
    )
    fetch = reads.fetch_keyed if few else reads.fetch
    snap = Snapshot()
    if with_sites:
        rows = await fetch(
            "SELECT id, code, is_default, reevaluation_months, institution_id, "
            "(SELECT MIN(i.id) FROM institution i WHERE i.is_default = TRUE) "
            "AS default_institution FROM site"
        )
        for row in rows:
            snap.add_site(site_facts(row), bool(row["is_default"]))
            if row["default_institution"] is not None:
                snap.default_institution_id = int(row["default_institution"])
        # Techniques admitted at institutions other than their own (issue 16): a small
        # table, read with the sites and kept until any admission changes.
        for row in await fetch(
            "SELECT technique_id, institution_id, status, filing_due_on, filed_on, "
            "filing_due_on_provisional "
            "FROM technique_admission"
        ):
            key = (int(row["technique_id"]), int(row["institution_id"]))
            snap.admissions[key] = admission_facts(row)

    ids = sorted(ids_wanted)
    staff = sorted(staff_wanted)
    where = []
    params: list[Any] = []
    if ids:
        where.append(f"p.id IN ({in_list(ids)})")
        params += ids
    if staff:
        where.append(f"p.staff_no IN ({in_list(staff)})")
        params += staff
    if where:
        # One row per registration (issue 16: where the practitioner may practise).
        rows = await fetch(
            "SELECT p.id, p.staff_no, p.name, p.status, p.licence_valid_until, p.department_id, "
            "p.category, p.practice_scope_codes, d.day_surgery_approved, "
            "s.institution_id AS primary_institution, r.institution_id, r.kind, r.valid_from, "
            "r.valid_until FROM practitioner p "
            "JOIN department d ON d.id = p.department_id JOIN site s ON s.id = d.site_id "
            "LEFT JOIN practice_registration r ON r.practitioner_id = p.id "
            f"WHERE {' OR '.join(where)} ORDER BY p.id, r.id",
            params,
        )
        registrations: dict[int, list[RegistrationFacts]] = defaultdict(list)
        first_rows: dict[int, Any] = {}
        for row in rows:
            first_rows.setdefault(int(row["id"]), row)
            if row["institution_id"] is not None:
                registrations[int(row["id"])].append(registration_facts(row))
        for pid, row in first_rows.items():
            primary = row["primary_institution"]
            snap.add_practitioner(
                practitioner_facts(
                    row,
                    bool(row["day_surgery_approved"]),
                    registrations=tuple(registrations.get(pid, ())),
                    primary_institution_id=int(primary) if primary is not None else None,
                )
            )

    codes = sorted(codes_wanted)
    if codes:
        rows = await fetch(
            # Names come with the same rows: reasons name the procedure and technique.
            "SELECT p.id, p.code, p.name, p.grade, p.specialty_id, p.day_surgery, p.technique_id, "
            "p.effective_from, p.effective_to, t.code AS technique_code, t.name AS technique_name, "
            "t.category, "
            f"t.status AS technique_status, t.filing_due_on, t.filed_on{TECHNIQUE_EXTRAS}, "
            "t.institution_id, sp.practice_scopes "
            "FROM procedure p LEFT JOIN technique t ON t.id = p.technique_id "
            "JOIN specialty sp ON sp.id = p.specialty_id "
            f"WHERE p.code IN ({in_list(codes)}) ORDER BY p.catalogue_version DESC",
            codes,
        )
        for row in rows:
            technique = None
            if row["technique_id"] is not None:
                technique = technique_facts(
                    {
                        **row,
                        "code": row["technique_code"],
                        "name": row["technique_name"],
                        "status": row["technique_status"],
                    },
                    int(row["technique_id"]),
                )
            scopes = frozenset(json_list(row["practice_scopes"]))
            procedure = procedure_facts(row, technique, allowed_scopes=scopes)
            snap.procedures_by_code.setdefault(procedure.code, []).append(procedure)

    holders = sorted(snap.practitioners_by_id)
    if holders:
        rows = await fetch(
            "SELECT id, practitioner_id, site_id, scope, specialty_id, max_grade, procedure_code, "
            "technique_id, supervised_only, valid_from, valid_until, status, last_evaluated_on, "
            # R16: where a superseded privilege's answers stop (index on supersedes_id).
            "CASE WHEN status = 'SUPERSEDED' THEN (SELECT MIN(s.valid_from) FROM privilege s "
            "WHERE s.supersedes_id = privilege.id) END AS successor_from "
            "FROM privilege "
            f"WHERE practitioner_id IN ({in_list(holders)}) "
            f"AND status IN ({in_list(DECIDING_STATUSES)}) ORDER BY id",
            [*holders, *DECIDING_STATUSES],
        )
        grouped: dict[int, list[PrivilegeFacts]] = defaultdict(list)
        for row in rows:
            privilege = privilege_facts(row, successor_from=row["successor_from"])
            grouped[privilege.practitioner_id].append(privilege)
        snap.privileges_by_practitioner = dict(grouped)
        rows = await fetch(
            "SELECT e.privilege_id, c.due_on FROM evaluation e "
            "JOIN review_cycle c ON c.id = e.cycle_id JOIN privilege p ON p.id = e.privilege_id "
            f"WHERE e.status IN ('PENDING', 'SUBMITTED') AND p.practitioner_id IN "
            f"({in_list(holders)})",
            holders,
        )
        for row in rows:
            due = parse_date(row["due_on"])
            assert due is not None
            current = snap.evaluation_due.get(int(row["privilege_id"]))
            snap.evaluation_due[int(row["privilege_id"])] = min(due, current or due)
    return snap
