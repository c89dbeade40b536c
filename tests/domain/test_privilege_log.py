"""The privilege states kept beside the audit log (issue 19; domain/privilege_log.py,
migration 14): one row per privilege event with a state, saying what its hashed `after`
says; the last one at a seq is the state the audit-log reading gives; the rows cannot be
changed, and the chain verification reports any row that differs from its event."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from domain import audit, privilege_log, privileges, sql
from domain.decision.asof import all_states
from models import Privilege
from tests import factories
from tests.domain.test_history_today import build_registry
from tests.factories import SYSTEM

MIGRATION = importlib.import_module("migrations.models.14_20261207090000_privilege_states")


@pytest.fixture
async def registry(db: None) -> dict[str, Any]:
    """The history of tests/domain/test_history_today.py: every kind of privilege."""
    return await build_registry()


async def _table() -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in await sql.fetch_scan_rows(
            "SELECT seq, privilege_id, status, valid_from, valid_until, supersedes_id "
            "FROM audit_privilege_state ORDER BY seq"
        )
    ]


async def _from_the_log() -> list[tuple[Any, ...]]:
    """What `state_row` makes of every event, read back from the log."""
    rows = await sql.fetch_scan_rows(
        "SELECT seq, entity_type, entity_id, after_json FROM audit_event ORDER BY seq"
    )
    return [found for row in rows if (found := privilege_log.state_row(*row)) is not None]


async def test_every_privilege_state_event_has_its_row_as_the_log_says(registry: dict) -> None:
    written = await _table()
    assert written == await _from_the_log()
    # The migration's backfill (SQL) reads the same rows from the same events.
    backfill = [
        tuple(row)
        for row in await sql.fetch_scan_rows(
            MIGRATION.state_rows_query(not sql.is_postgres()) + " ORDER BY e.seq"
        )
    ]
    assert backfill == written
    # Not trivially: every kind of state is there, superseding ones with their old id.
    statuses = {row[2] for row in written}
    assert {"ACTIVE", "SUSPENDED", "REVOKED", "SUPERSEDED", "REQUESTED"} <= statuses
    assert any(row[5] == registry["renewed"].id for row in written)
    assert {row[3] for row in written if row[1] == registry["renewed"].id} == {"2025-01-01"}


async def test_an_event_without_a_state_or_of_another_entity_gives_no_row(
    registry: dict,
) -> None:
    from domain.writes import write_block

    before = await _table()
    async with write_block(SYSTEM, "test") as ctx:
        ctx.record("privilege.noted", "Privilege", registry["active"].id, reason="备注")
    await factories.practitioner("D0009")
    assert await _table() == before
    assert privilege_log.state_row(5, "Privilege", "12", None) is None
    assert privilege_log.state_row(5, "Practitioner", "12", '{"status":"ACTIVE"}') is None
    assert privilege_log.state_row(5, "Privilege", "x1", '{"status":"ACTIVE"}') is None
    assert privilege_log.state_row(5, "Privilege", "12", '{"status":"ACTIVE"}') == (
        5,
        12,
        "ACTIVE",
        None,
        None,
        None,
    )


async def test_the_last_row_at_each_seq_is_the_state_the_log_reading_gives(
    registry: dict,
) -> None:
    """At every seq of the history, read whole or in pages of two (keyset) or by ids."""
    head = await audit.registry_version()
    seen = set()
    for seq in range(0, head + 1):
        expected = {
            int(pid): (
                state.get("status"),
                state.get("valid_from"),
                state.get("valid_until"),
                state.get("supersedes_id"),
            )
            for pid, state in (await all_states("Privilege", seq)).items()
        }
        whole = await privilege_log.last_states(seq)
        assert {int(r[0]): tuple(r[2:]) for r in whole} == expected, seq
        assert [int(r[0]) for r in whole] == sorted(expected)
        paged: list[Any] = []
        after = 0
        while page := await privilege_log.last_states(seq, after_id=after, limit=2):
            paged += page
            after = int(page[-1][0])
        assert [tuple(r) for r in paged] == [tuple(r) for r in whole], seq
        some = sorted(expected)[::2]
        if some:
            by_ids = await privilege_log.last_states(seq, ids=some)
            assert {int(r[0]): tuple(r[2:]) for r in by_ids} == {p: expected[p] for p in some}
        seen.add(tuple(sorted(expected.items())))
    assert len(seen) > 10  # the history does move


async def test_rows_cannot_be_changed_or_removed(registry: dict) -> None:
    [seq] = (await _table())[0][:1]
    for statement in (
        f"UPDATE audit_privilege_state SET status = 'ACTIVE' WHERE seq = {seq}",
        f"DELETE FROM audit_privilege_state WHERE seq = {seq}",
    ):
        with pytest.raises(Exception, match="append-only"):
            await sql.execute(statement)
    if sql.is_postgres():
        with pytest.raises(Exception, match="append-only"):
            await sql.execute("TRUNCATE audit_privilege_state")
    assert (await _table())[0][0] == seq


@pytest.mark.parametrize("change", ["status", "until", "removed", "added"])
async def test_the_verification_reports_a_row_that_differs_from_its_event(
    registry: dict, change: str
) -> None:
    report = await audit.verify_chain()
    assert report.ok, report.problem
    rows = await _table()
    revoked = next(row for row in rows if row[2] == "REVOKED")
    seq = revoked[0]
    if change == "status":  # a revoked privilege made to look active on its date
        await factories.as_owner(
            ["audit_privilege_state"],
            f"UPDATE audit_privilege_state SET status = 'ACTIVE' WHERE seq = {seq}",
        )
    elif change == "until":
        await factories.as_owner(
            ["audit_privilege_state"],
            f"UPDATE audit_privilege_state SET valid_until = '2099-12-31' WHERE seq = {seq}",
        )
    elif change == "removed":  # the revocation hidden: the state before it would answer
        await factories.as_owner(
            ["audit_privilege_state"], f"DELETE FROM audit_privilege_state WHERE seq = {seq}"
        )
    else:  # a state no event recorded, at the seq of another entity's event
        seq = int(
            (
                await sql.fetch_scan_rows(
                    "SELECT MAX(seq) FROM audit_event WHERE entity_type <> 'Privilege'"
                )
            )[0][0]
        )
        await sql.execute(
            "INSERT INTO audit_privilege_state (seq, privilege_id, status, valid_from, "
            "valid_until, supersedes_id) VALUES (?, ?, 'ACTIVE', '2020-01-01', NULL, NULL)",
            [seq, revoked[1]],
        )
    report = await audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == seq
    assert "audit_privilege_state" in str(report.problem)


async def test_an_export_as_of_a_past_date_reads_the_recorded_states(
    registry: dict, monkeypatch: pytest.MonkeyPatch, fixed_clock: Any
) -> None:
    """Far enough back for the log's reading: what was in force then, not now."""
    from domain import exports, history

    monkeypatch.setattr(history, "REWIND_EVENTS", {"sqlite": 0, "postgres": 0})
    on = fixed_clock.now().date()
    before = "".join([c async for c in exports.privileges_csv(SYSTEM, on)])
    fixed_clock.advance(days=2)
    active = await Privilege.get(id=registry["active"].id)
    await privileges.revoke_privilege(SYSTEM, active.id, active.version, "吊销")
    assert "".join([c async for c in exports.privileges_csv(SYSTEM, on)]) == before
    after = "".join([c async for c in exports.privileges_csv(SYSTEM, fixed_clock.now().date())])
    assert after != before and len(after.splitlines()) == len(before.splitlines()) - 1
