"""Migration 9 (issue 16) on an existing single-site database: build the schema with the
previous release's migrations (0-7), seed it as that release stored data, upgrade, and
the decisions are the ones that release gave; the data moved to the default institution
(campuses, PRIMARY registrations, techniques), and free-text 执业范围 was coded only where
it names scopes of the national list and nothing else."""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from aerich import Command
from tortoise import Tortoise

import migrations.models
from api.db import tortoise_config
from domain import clock, sql
from domain import decision as decisions
from domain.decision import CheckInput
from tests.conftest import USE_POSTGRES, _pg_admin, _pg_url
from tests.factories import SYSTEM

MIGRATIONS = Path(migrations.models.__file__).parent
NEW = "9_20261205100000_group.py"
FILING = "10_20261205110000_group_filing.py"  # the filing clock per institution
ON = date(2026, 12, 1)
T = "'2026-01-02 08:00:00+00:00'"

# The previous release's rows, as its code stored them (booleans as TRUE/FALSE literals,
# which SQLite and PostgreSQL both read).
SEED = [
    "INSERT INTO site (id, created_at, updated_at, version, code, name, is_default, "
    f"default_validity_months, reevaluation_months, emergency_report_hours) VALUES "
    f"(1, {T}, {T}, 1, 'MAIN', '总院', TRUE, 24, 12, 24), "
    f"(2, {T}, {T}, 1, 'EAST', '东院区', FALSE, 24, 12, 24)",
    f"INSERT INTO specialty (id, created_at, updated_at, version, code, name) VALUES "
    f"(1, {T}, {T}, 1, 'GS', '普通外科')",
    "INSERT INTO department (id, created_at, updated_at, version, code, name, "
    f"day_surgery_approved, site_id) VALUES (1, {T}, {T}, 1, 'GS1', '普外一科', TRUE, 1)",
    "INSERT INTO practitioner (id, created_at, updated_at, version, staff_no, name, title, "
    "licence_no, practice_scope, status, national_id_masked, department_id) VALUES "
    f"(1, {T}, {T}, 1, 'D0001', '张伟', 'CHIEF', 'L1', '外科专业', 'ACTIVE', '', 1), "
    f"(2, {T}, {T}, 1, 'D0002', '李娜', 'ATTENDING', 'L2', '外科、普外', 'ACTIVE', '', 1), "
    f"(3, {T}, {T}, 1, 'D0003', '王芳', 'ATTENDING', 'L3', "
    "'临床类别 · 内科专业、急救医学专业', 'ACTIVE', '', 1)",
    "INSERT INTO technique (id, created_at, updated_at, version, code, name, category, "
    "status, approved_on, first_clinical_use_on, filing_due_on, filed_on, filing_number) "
    f"VALUES (1, {T}, {T}, 4, 'XZ-08', '肿瘤消融治疗技术', 'RESTRICTED_NATIONAL', 'FILED', "
    "'2026-01-05', '2026-02-02', '2026-02-24', '2026-02-10', '备-1')",
    "INSERT INTO procedure (id, created_at, updated_at, version, code, name, grade, "
    "day_surgery, catalogue_version, effective_from, specialty_id, technique_id) VALUES "
    f"(1, {T}, {T}, 1, '47.0901', '腹腔镜下阑尾切除术', 2, FALSE, 1, '2026-01-01', 1, NULL), "
    f"(2, {T}, {T}, 1, '50.2301', '肝肿瘤消融术', 3, FALSE, 1, '2026-01-01', 1, 1)",
    "INSERT INTO committee_decision (id, created_at, updated_at, version, committee, "
    "meeting_on, outcome, votes_for, votes_against, votes_abstain, minutes_ref, signed_by, "
    f"subject_type, subject_id) VALUES (1, {T}, {T}, 1, '手术分级管理委员会', '2026-01-01', "
    "'APPROVED', 7, 0, 0, '2026-01', '[]', 'Privilege', 1)",
    "INSERT INTO privilege (id, created_at, updated_at, version, practitioner_id, site_id, "
    "scope, scope_key, specialty_id, max_grade, procedure_code, technique_id, "
    "supervised_only, valid_from, valid_until, status, requested_by) VALUES "
    f"(1, {T}, {T}, 3, 1, 1, 'SURGERY_GRADE', 'SURGERY_GRADE:1', 1, 3, NULL, NULL, FALSE, "
    "'2026-01-01', '2027-12-31', 'ACTIVE', 'x'), "
    f"(2, {T}, {T}, 3, 1, 1, 'TECHNIQUE', 'TECHNIQUE:1', NULL, NULL, NULL, 1, FALSE, "
    "'2026-01-01', '2027-12-31', 'ACTIVE', 'x'), "
    f"(3, {T}, {T}, 3, 2, 2, 'PROCEDURE', 'PROCEDURE:47.0901', NULL, NULL, '47.0901', NULL, "
    "FALSE, '2026-01-01', '2027-12-31', 'ACTIVE', 'x')",
]

# (staff no, code, site) -> (allowed, reason codes): the previous release's answers.
EXPECTED = {
    ("D0001", "47.0901", "MAIN"): (True, set()),
    ("D0001", "50.2301", "MAIN"): (True, {"MDT_REQUIRED"}),
    ("D0001", "47.0901", "EAST"): (False, {"NO_PRIVILEGE"}),
    ("D0002", "47.0901", "EAST"): (True, set()),
    ("D0002", "47.0901", "MAIN"): (False, {"NO_PRIVILEGE"}),
    ("D0003", "47.0901", "MAIN"): (False, {"NO_PRIVILEGE"}),
}


@pytest.fixture
async def old_database(tmp_path: Path, fixed_clock: clock.FixedClock) -> AsyncIterator[str]:
    if USE_POSTGRES:
        name = f"credreg_m_{uuid.uuid4().hex[:12]}"
        await _pg_admin(f'CREATE DATABASE "{name}"')
        url = _pg_url(name)
    else:
        url = f"sqlite://{tmp_path / 'old.sqlite3'}"
    try:
        yield url
    finally:
        await Tortoise.close_connections()
        if USE_POSTGRES:
            await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _upgrade(url: str, location: Path, then: list[str] | None = None) -> list[str]:
    """aerich in a thread of its own (its own loop and ORM context), as the CLI runs it;
    `then`: statements to run on its connection afterwards."""

    async def run() -> list[str]:
        command = Command(
            tortoise_config=tortoise_config(url), app="models", location=str(location)
        )
        async with command:
            applied = await command.upgrade(run_in_transaction=True)
            for statement in then or []:
                await sql.execute(statement)
            return applied

    return await asyncio.to_thread(asyncio.run, run())


async def test_an_existing_single_site_database_upgrades_with_decisions_unchanged(
    old_database: str, tmp_path: Path
) -> None:
    location = tmp_path / "migrations"
    (location / "models").mkdir(parents=True)
    shutil.copy(MIGRATIONS / "__init__.py", location / "models" / "__init__.py")
    for path in sorted(MIGRATIONS.glob("[0-7]_*.py")):
        shutil.copy(path, location / "models" / path.name)
    applied = await _upgrade(old_database, location, then=SEED)
    assert len(applied) == 8

    shutil.copy(MIGRATIONS / NEW, location / "models" / NEW)
    shutil.copy(MIGRATIONS / FILING, location / "models" / FILING)
    assert await _upgrade(old_database, location) == [NEW, FILING]

    await Tortoise.init(config=tortoise_config(old_database), _enable_global_fallback=True)
    decisions.CACHE.reset((-1, ""))
    asked = [
        CheckInput(practitioner_staff_no=s, procedure_code=c, on=ON, site_code=site)
        for s, c, site in EXPECTED
    ]
    answers = await decisions.check_many(SYSTEM, asked)
    got = {
        key: (a.allowed, {r.code.value for r in a.reasons})
        for key, a in zip(EXPECTED, answers, strict=True)
    }
    assert got == EXPECTED

    institutions = await sql.fetch("SELECT id, code, is_default FROM institution")
    assert [(r["code"], bool(r["is_default"])) for r in institutions] == [("MAIN", True)]
    default = institutions[0]["id"]
    sites = await sql.fetch("SELECT institution_id FROM site")
    assert {r["institution_id"] for r in sites} == {default}
    technique = await sql.fetch_one("SELECT institution_id FROM technique")
    assert technique is not None and technique["institution_id"] == default
    committee = await sql.fetch_one("SELECT institution_id FROM committee_decision")
    assert committee is not None and committee["institution_id"] == default
    registrations = await sql.fetch(
        "SELECT practitioner_id, institution_id, kind, valid_from, valid_until "
        "FROM practice_registration ORDER BY practitioner_id"
    )
    assert [
        (r["practitioner_id"], r["institution_id"], r["kind"], r["valid_from"], r["valid_until"])
        for r in registrations
    ] == [(p, default, "PRIMARY", None, None) for p in (1, 2, 3)]
    scopes: dict[Any, Any] = {
        r["staff_no"]: r["practice_scope_codes"]
        for r in await sql.fetch("SELECT staff_no, practice_scope_codes FROM practitioner")
    }
    from domain.sql import json_list

    assert {k: json_list(v) for k, v in scopes.items()} == {
        "D0001": ["CLINICAL:SURGERY"],
        "D0002": [],  # "外科、普外" names no scope of the list exactly: left uncoded
        "D0003": ["CLINICAL:EMERGENCY", "CLINICAL:INTERNAL_MEDICINE"],
    }


# Rows as migration 9's code stored them: a member institution whose admissions had their
# deadline set by hand at filing time, one filed after it.
ADMISSIONS = [
    "INSERT INTO institution (id, created_at, updated_at, version, code, name, licence_no, "
    "level, is_default, is_group_lead, default_validity_months, reevaluation_months, "
    "emergency_report_hours, temporary_privilege_days) VALUES "
    f"(2, {T}, {T}, 1, 'CTY', '县人民医院', '', 'SECONDARY', FALSE, FALSE, 24, 12, 24, 90)",
    "INSERT INTO technique_admission (id, created_at, updated_at, version, technique_id, "
    "institution_id, status, approved_on, filing_due_on, filed_on, filing_number) VALUES "
    f"(1, {T}, {T}, 2, 1, 2, 'FILED', '2026-02-01', '2026-03-01', '2026-03-05', '县备-1')",
]


async def test_migration_10_adds_the_member_filing_clock_and_flags_late_filings(
    old_database: str, tmp_path: Path
) -> None:
    location = tmp_path / "migrations"
    (location / "models").mkdir(parents=True)
    shutil.copy(MIGRATIONS / "__init__.py", location / "models" / "__init__.py")
    for path in sorted(MIGRATIONS.glob("[0-9]_*.py")):
        shutil.copy(path, location / "models" / path.name)
    applied = await _upgrade(old_database, location, then=SEED + ADMISSIONS)
    assert applied[-1] == NEW
    shutil.copy(MIGRATIONS / FILING, location / "models" / FILING)
    assert await _upgrade(old_database, location) == [FILING]

    await Tortoise.init(config=tortoise_config(old_database), _enable_global_fallback=True)
    row = await sql.fetch_one(
        "SELECT first_clinical_use_on, filing_due_on_provisional, filed_late, filing_due_on "
        "FROM technique_admission WHERE id = 1"
    )
    assert row is not None
    assert row["first_clinical_use_on"] is None
    assert not row["filing_due_on_provisional"] and bool(row["filed_late"])
