"""Privileges exports read today's rows wound back through the log to the export's
moment (issue 19, item 3), and give exactly what the audit-log reading gives: the same
privileges, the same states, the same R16 successor dates, at every moment of the
registry's history, even when the registry moves on while the export is read."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import audit, exports, history, privileges, reviews
from domain.decision.facts import parse_date
from domain.reviews import EvaluationDecision, ManualMetrics, Selection
from models import Evaluation, Privilege
from tests import factories
from tests.factories import SYSTEM

DATES = [date(2025, 6, 1), date(2026, 6, 1), date(2026, 12, 31), date(2027, 1, 1), date(2029, 1, 1)]
EXPORTED = (
    "practitioner_id",
    "site_id",
    "scope",
    "specialty_id",
    "procedure_code",
    "technique_id",
    "max_grade",
    "basis_id",
    "status",
)


def _comparable(state: dict[str, Any]) -> tuple[Any, ...]:
    """What an export reads of a state, in one form whichever path gave it."""
    return (
        int(state["id"]),
        *(state.get(key) for key in EXPORTED),
        bool(state.get("supervised_only")),
        parse_date(state.get("valid_from")),
        parse_date(state.get("valid_until")),
        parse_date(state.get("successor_from")),
    )


async def _read(chunks: Any) -> list[tuple[Any, ...]]:
    return [_comparable(state) async for chunk in chunks for state in chunk]


@pytest.fixture
async def registry(db: None) -> dict[str, Any]:
    return await build_registry()


async def build_registry() -> dict[str, Any]:
    """Privileges with every kind of history: active, suspended, revoked, renewed
    (superseded), requested only, ending, and one at another campus."""
    world = await factories.hospital()
    doctor = await factories.practitioner("D0001")
    other = await factories.practitioner("D0002")
    third = await factories.practitioner("D0003")
    await factories.procedure("47.0901", grade=2)
    await factories.procedure("51.2301", grade=3, name="腹腔镜胆囊切除术")
    active = await factories.grant(doctor)
    suspended = await factories.grant(other)
    await privileges.suspend_privilege(SYSTEM, suspended.id, suspended.version, "调查")
    revoked = await factories.grant(third)
    await privileges.revoke_privilege(SYSTEM, revoked.id, revoked.version, "吊销")
    renewed = await factories.grant(
        doctor,
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    cycle = await reviews.open_review_cycle(
        SYSTEM,
        name="2026 年度评价",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 10, 31),
        due_on=date(2026, 12, 15),
        selection=Selection(scope="SURGERY_GRADE"),
    )
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(40), recommendation="续期"
    )
    decided = await reviews.decide_evaluation(
        SYSTEM,
        evaluation.id,
        2,
        EvaluationDecision(
            outcome="RENEW", decision=factories.committee_decision(date(2026, 11, 20))
        ),
    )
    ending = await factories.grant(
        other, procedure_code="51.2301", valid_from=date(2025, 1, 1), valid_until=date(2026, 6, 30)
    )
    from domain.privileges import PrivilegeRequest

    requested = await privileges.request_privilege(
        SYSTEM,
        PrivilegeRequest(scope="PROCEDURE", practitioner_id=third.id, procedure_code="51.2301"),
    )
    return {
        **world,
        "active": active,
        "suspended": suspended,
        "renewed": renewed,
        "successor": decided.resulting_privilege_id,
        "ending": ending,
        "requested": requested,
        "doctor": doctor,
    }


async def test_today_rows_give_what_the_audit_log_gives_on_every_date(registry: dict) -> None:
    head = await audit.registry_version()
    for on in DATES:
        today = await _read(history._today_in_force(head, on))
        recorded = await _read(history._recorded_in_force(head, on))
        assert today == recorded, on
    # Wound back to every earlier moment of the history: the same as the log's reading.
    exported = set()
    for seq in range(0, head + 1):
        for on in DATES:
            today = await _read(history._today_in_force(seq, on))
            assert today == await _read(history._recorded_in_force(seq, on)), (seq, on)
            exported.add(len(today))
    assert len(exported) > 3  # the moments do differ
    # The dates do tell the histories apart (the comparison is not of empty lists).
    held = {on: {row[0] for row in await _read(history._today_in_force(head, on))} for on in DATES}
    assert registry["renewed"].id in held[date(2026, 12, 31)]
    assert registry["renewed"].id not in held[date(2027, 1, 1)]
    assert registry["successor"] in held[date(2027, 1, 1)]
    assert registry["ending"].id in held[date(2026, 6, 1)]
    assert registry["ending"].id not in held[date(2026, 12, 31)]
    assert registry["requested"].id not in set().union(*held.values())


async def test_an_export_read_while_the_registry_moves_stays_at_its_moment(
    registry: dict,
) -> None:
    """Changes after the export's moment (a suspension, a revocation, a new grant) are
    not in it: those privileges come from the log as they were at that moment."""
    head = await audit.registry_version()
    on = date(2026, 12, 31)
    before = await _read(history._recorded_in_force(head, on))
    active = await Privilege.get(id=registry["active"].id)
    await privileges.suspend_privilege(SYSTEM, active.id, active.version, "调查")
    suspended = await Privilege.get(id=registry["suspended"].id)
    await privileges.revoke_privilege(SYSTEM, suspended.id, suspended.version, "吊销")
    newcomer = await factories.grant(registry["doctor"], procedure_code="51.2301")
    assert await _read(history._today_in_force(head, on)) == before
    moved = await _read(history._today_in_force(await audit.registry_version(), on))
    assert moved != before and newcomer.id in {row[0] for row in moved}


async def test_the_export_winds_today_rows_back_unless_too_much_was_recorded_since(
    registry: dict, monkeypatch: pytest.MonkeyPatch, fixed_clock: Any
) -> None:
    calls: list[str] = []
    real_today, real_recorded = history._today_in_force, history._recorded_in_force

    def today(seq: int, on: date) -> Any:
        calls.append("today")
        return real_today(seq, on)

    def recorded(seq: int, on: date) -> Any:
        calls.append("recorded")
        return real_recorded(seq, on)

    monkeypatch.setattr(history, "_today_in_force", today)
    monkeypatch.setattr(history, "_recorded_in_force", recorded)
    now = fixed_clock.now().date()
    current = "".join([c async for c in exports.privileges_csv(SYSTEM, now)])
    assert calls == ["today"]
    fixed_clock.advance(days=2)
    active = await Privilege.get(id=registry["active"].id)
    await privileges.suspend_privilege(SYSTEM, active.id, active.version, "调查")
    calls.clear()
    then = "".join([c async for c in exports.privileges_csv(SYSTEM, now)])
    assert calls == ["today"]  # one event since: wound back
    assert then == current  # as recorded by the end of that day, before the suspension
    monkeypatch.setattr(history, "REWIND_EVENTS", {"sqlite": 0, "postgres": 0})
    calls.clear()
    assert "".join([c async for c in exports.privileges_csv(SYSTEM, now)]) == current
    assert calls == ["recorded"]  # more events since than the limit: the log's reading
    calls.clear()
    later = "".join([c async for c in exports.privileges_csv(SYSTEM, fixed_clock.now().date())])
    assert calls == ["today"] and later != current  # nothing since: today's rows


async def test_events_and_privileges_read_in_small_pages_give_the_same(
    registry: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The events since the moment and the moved privileges' states are read in pages:
    pages of two give what one page gives."""
    head = await audit.registry_version()
    whole = {
        seq: await _read(history._today_in_force(seq, date(2026, 12, 31)))
        for seq in range(0, head + 1, 3)
    }
    monkeypatch.setattr(history, "MOVED_PAGE", 2)
    monkeypatch.setattr(history, "MOVED_IDS", 2)
    for seq, rows in whole.items():
        assert await _read(history._today_in_force(seq, date(2026, 12, 31))) == rows, seq
        assert rows == await _read(history._recorded_in_force(seq, date(2026, 12, 31))), seq
    assert len({len(rows) for rows in whole.values()}) > 2


async def test_an_event_without_a_state_leaves_the_state_before_it(registry: dict) -> None:
    """An event that carries no `after` (a refusal or note about a privilege) does not
    end it: at its moment the privilege is as its last event with a state left it, on
    both readings, also when the privilege moved afterwards."""
    from domain.writes import write_block

    pid = registry["active"].id
    async with write_block(SYSTEM, "test") as ctx:
        ctx.record("privilege.noted", "Privilege", pid, reason="备注")
    noted = await audit.registry_version()
    active = await Privilege.get(id=pid)
    await privileges.suspend_privilege(SYSTEM, active.id, active.version, "调查")
    on = date(2026, 12, 31)
    at_note = await _read(history._today_in_force(noted, on))
    assert at_note == await _read(history._recorded_in_force(noted, on))
    assert pid in {row[0] for row in at_note}
    head = await audit.registry_version()
    assert pid not in {row[0] for row in await _read(history._today_in_force(head, on))}
