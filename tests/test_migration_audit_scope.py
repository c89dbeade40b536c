"""Migration 12 (issue 16): an existing database's audit events get their institution
scope from today's relations, the chain is untouched, and the backfill agrees with the
rule the application applies at append time (domain/audit_scope.py)."""

from __future__ import annotations

import importlib
import shutil
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from tortoise import Tortoise

import migrations.models
from api.db import tortoise_config
from domain import audit, institutions, sql
from domain.institutions import RegistrationInput
from tests.factories import SYSTEM
from tests.test_migration_group import SEED, T, _upgrade, old_database  # noqa: F401

MIGRATIONS = Path(migrations.models.__file__).parent
NEW = "12_20261205130000_audit_scope.py"
SCOPE = importlib.import_module("migrations.models.12_20261205130000_audit_scope")

# After migration 9 the seeded sites are campuses of MAIN (id 1); then a county hospital
# (id 2) arrives and campus EAST becomes its campus. The backfill reads these relations
# as they are today, whatever the events' snapshots said.
GROUP = [
    "INSERT INTO institution (id, created_at, updated_at, version, code, name, licence_no, "
    "level, is_default, is_group_lead, default_validity_months, reevaluation_months, "
    "emergency_report_hours, temporary_privilege_days) VALUES "
    f"(2, {T}, {T}, 1, 'CTY', '县人民医院', '', 'SECONDARY', FALSE, FALSE, 24, 12, 24, 90)",
    "UPDATE site SET institution_id = 2 WHERE code = 'EAST'",
]

# (entity type, entity id, after snapshot) of the events the old release wrote.
EVENTS: list[tuple[str, str | None, dict[str, Any] | None]] = [
    ("Institution", "2", {"code": "CTY"}),
    ("Site", "2", {"code": "EAST", "institution_id": 1}),  # as it was then
    ("Privilege", "1", {"site_id": 1}),
    ("Privilege", "3", {"site_id": 2}),
    ("Practitioner", "2", None),
    ("Procedure", "47.0901", None),  # the catalogue: group-level
    ("HolidayCalendar", "2026-01-01..2026-12-31", None),  # group-level
]
EXPECTED = {1: {2}, 2: {2}, 3: {1}, 4: {2}, 5: {1}}


def _chained(events: list[tuple[str, str | None, dict[str, Any] | None]]) -> list[str]:
    """INSERTs of a valid chain (and its head), as the old release appended it."""
    statements, prev = [], audit.GENESIS_HASH
    for seq, (kind, entity_id, after) in enumerate(events, start=1):
        row: dict[str, Any] = {
            "seq": seq,
            "occurred_at": "2026-12-01T02:00:00.000000Z",
            "actor_type": "system",
            "actor_id": None,
            "actor_name": "cli",
            "action": f"{kind.lower()}.create",
            "entity_type": kind,
            "entity_id": entity_id,
            "before_json": None,
            "after_json": audit.canonical_json(after) if after is not None else None,
            "reason": None,
            "request_id": None,
            "prev_hash": prev,
        }
        digest = audit.row_hash(row)
        values = ", ".join(
            "NULL" if value is None else str(value) if isinstance(value, int) else f"'{value}'"
            for value in [*row.values(), digest]
        )
        statements.append(
            "INSERT INTO audit_event (seq, occurred_at, actor_type, actor_id, actor_name, "
            "action, entity_type, entity_id, before_json, after_json, reason, request_id, "
            f"prev_hash, hash) VALUES ({values})"
        )
        prev = digest
    statements.append(f"UPDATE audit_head SET seq = {len(events)}, hash = '{prev}' WHERE id = 1")
    return statements


async def test_migration_12_backfills_scopes_from_todays_relations(
    old_database: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    location = tmp_path / "migrations"
    (location / "models").mkdir(parents=True)
    shutil.copy(MIGRATIONS / "__init__.py", location / "models" / "__init__.py")
    for path in sorted(MIGRATIONS.glob("[0-8]_*.py")):
        shutil.copy(path, location / "models" / path.name)
    await _upgrade(old_database, location, then=SEED)

    def number(path: Path) -> int:
        return int(path.name.split("_", 1)[0])

    twelve = number(MIGRATIONS / NEW)
    for path in sorted(MIGRATIONS.glob("[0-9]*_*.py")):
        if number(path) < twelve:
            shutil.copy(path, location / "models" / path.name)
    await _upgrade(old_database, location, then=GROUP + _chained(EVENTS))
    # Migration 12 and those after it (14 keeps the privilege states of these events).
    later = sorted(
        (path for path in MIGRATIONS.glob("[0-9]*_*.py") if number(path) >= twelve), key=number
    )
    for path in later:
        shutil.copy(path, location / "models" / path.name)
    assert await _upgrade(old_database, location) == [path.name for path in later]

    await Tortoise.init(config=tortoise_config(old_database), _enable_global_fallback=True)
    rows = await sql.fetch("SELECT seq, institution_id FROM audit_event_institution")
    found: dict[int, set[int]] = {}
    for row in rows:
        found.setdefault(int(row["seq"]), set()).add(int(row["institution_id"]))
    # Site 2 was MAIN's campus when its event was written: the backfill reads today's
    # relations and gives it to CTY, where the campus is now (docs/api.md says so).
    assert found == EXPECTED
    report = await audit.verify_chain()
    assert report.ok and report.checked == len(EVENTS)
    # Migration 14 kept the privilege events' states as the append would have.
    kept = await sql.fetch_scan_rows(
        "SELECT seq, privilege_id, status, valid_from, valid_until, supersedes_id "
        "FROM audit_privilege_state ORDER BY seq"
    )
    privilege_seqs = [
        seq for seq, (kind, _id, after) in enumerate(EVENTS, start=1) if kind == "Privilege"
    ]
    assert [tuple(row) for row in kept] == [
        (seq, int(str(EVENTS[seq - 1][1])), None, None, None, None) for seq in privilege_seqs
    ]
    assert len(privilege_seqs) == 2
    # Append-only like the events.
    for statement in (
        "UPDATE audit_event_institution SET institution_id = 1",
        "DELETE FROM audit_event_institution",
    ):
        try:
            await sql.execute(statement)
        except Exception as error:  # the trigger's message, on either engine
            assert "append-only" in str(error)
        else:
            raise AssertionError(f"{statement} was allowed")


async def test_r57_the_backfill_agrees_with_the_append_rule(db: None) -> None:
    """On a group written through the application, the migration's query gives every
    event the scope the append gave it; it adds only the institutions a practitioner
    was registered at after an event (today's relations), never takes one away."""
    from tests.api.test_group_exports import _two_institutions

    made = await _two_institutions()
    await institutions.create_registration(
        SYSTEM,
        RegistrationInput(
            practitioner_id=made["lead"].practitioner_id,
            institution_code="CTY",
            kind="MULTI_SITE",
            valid_from=date(2026, 1, 1),
        ),
    )
    appended = {
        (int(r["seq"]), int(r["institution_id"]))
        for r in await sql.fetch("SELECT seq, institution_id FROM audit_event_institution")
    }
    backfilled = {
        (int(r["seq"]), int(r["institution_id"]))
        for r in await sql.fetch(SCOPE.scope_query(not sql.is_postgres()))
    }
    assert appended and appended <= backfilled
    kinds = {
        int(r["seq"]): r["entity_type"]
        for r in await sql.fetch("SELECT seq, entity_type FROM audit_event")
    }
    assert set(Counter(kinds[seq] for seq, _ in backfilled - appended)) <= {
        "Practitioner",
        "PracticeRegistration",
    }
