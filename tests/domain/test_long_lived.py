"""The decision cache's facts leave the collector's full passes once it has grown
(domain/long_lived.py): walking 40,000 cached privileges paused requests for 17-28 ms."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date

import pytest

from domain import long_lived
from domain.decision import cache as cache_module
from domain.decision.cache import DecisionCache
from domain.decision.facts import PractitionerFacts, PrivilegeFacts, Snapshot
from domain.long_lived import FREEZE_EVERY, LongLived


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test froze is handed back to the collector afterwards."""
    gc.unfreeze()
    yield
    gc.unfreeze()


def _tracked(obj: object) -> bool:
    """Whether the collector's passes walk `obj` (frozen objects are not listed)."""
    return any(candidate is obj for candidate in gc.get_objects())


def _privilege(n: int, holder: int) -> PrivilegeFacts:
    return PrivilegeFacts(
        id=n,
        practitioner_id=holder,
        site_id=1,
        scope="PROCEDURE",
        specialty_id=None,
        max_grade=None,
        procedure_code=f"P{n}",
        technique_id=None,
        supervised_only=False,
        valid_from=date(2026, 1, 1),
        valid_until=None,
        status="ACTIVE",
        last_evaluated_on=None,
    )


def test_growth_below_the_threshold_keeps_objects_walked(collector: None) -> None:
    policy = LongLived()
    policy.enable()
    kept = [_privilege(1, 1)]
    policy.grew(FREEZE_EVERY - 1)
    assert policy.freezes == 0
    assert _tracked(kept[0])


def test_growth_past_the_threshold_freezes_what_is_held(collector: None) -> None:
    policy = LongLived()
    policy.enable()
    kept = [_privilege(n, 1) for n in range(3)]
    policy.grew(FREEZE_EVERY)
    assert policy.freezes == 1
    assert policy.pending == 0
    assert gc.get_freeze_count() > 0
    assert not _tracked(kept[0])


def test_garbage_is_collected_before_a_freeze(collector: None) -> None:
    """No cyclic garbage is frozen along with the cache (it would never be freed)."""

    class Node:
        other: object = None

    gc.disable()  # only the policy's own collection may free the cycle
    try:
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        policy = LongLived()
        policy.enable()
        policy.grew(FREEZE_EVERY)
        gc.unfreeze()
        assert not [o for o in gc.get_objects() if isinstance(o, Node)]
    finally:
        gc.enable()


def test_a_disabled_policy_leaves_the_collector_alone(collector: None) -> None:
    policy = LongLived()
    kept = [_privilege(1, 1)]
    policy.grew(10 * FREEZE_EVERY)
    assert policy.freezes == 0
    assert gc.get_freeze_count() == 0
    assert _tracked(kept[0])


def test_release_unfreezes_and_the_next_growth_freezes_again(collector: None) -> None:
    policy = LongLived()
    policy.enable()
    policy.grew(FREEZE_EVERY)
    policy.released()
    assert gc.get_freeze_count() == 0
    policy.grew(1)  # whatever the fresh cache holds first
    assert policy.freezes == 2
    assert gc.get_freeze_count() > 0


def test_a_release_before_any_freeze_keeps_what_the_start_froze(collector: None) -> None:
    """The first request after a start moves the cache off its empty state: that must not
    unfreeze what the server froze at start (the next growth would then pay a full pass
    over all of it: 80-120 ms for the first requests after every restart)."""
    started = [_privilege(n, 1) for n in range(3)]
    gc.freeze()  # as the server's lifespan does
    frozen = gc.get_freeze_count()
    policy = LongLived()
    policy.enable()
    policy.released()
    assert gc.get_freeze_count() == frozen
    assert not _tracked(started[0])
    policy.grew(1)  # the fresh cache's first facts: no collection, no freeze yet
    assert policy.freezes == 0
    assert policy.pending == 1


def test_the_cache_reports_what_it_merged_and_what_it_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, int]] = []

    class Recorder:
        def grew(self, objects: int) -> None:
            calls.append(("grew", objects))

        def released(self) -> None:
            calls.append(("released", 0))

    monkeypatch.setattr(cache_module, "LONG_LIVED", Recorder())
    decision_cache = DecisionCache()
    assert calls == [("released", 0)]
    part = Snapshot()
    for holder in (1, 2):
        part.practitioners_by_id[holder] = PractitionerFacts(
            id=holder,
            staff_no=f"S{holder}",
            status="ACTIVE",
            licence_valid_until=None,
            department_id=1,
            day_surgery_approved=False,
        )
        part.privileges_by_practitioner[holder] = [
            _privilege(holder * 10 + n, holder) for n in range(3)
        ]
    decision_cache._merge(part, {1, 2}, set(), set())
    assert calls[-1] == ("grew", 2 + 6)
    decision_cache.reset((5, "h"))
    assert calls[-1] == ("released", 0)


def test_the_server_turns_the_policy_on_while_it_runs(database_url: str, collector: None) -> None:
    """The app's lifespan enables it; when the server stops, the collector sees all again
    (a library user or a test process keeps Python's collector as it is)."""
    from starlette.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    assert long_lived.LONG_LIVED.enabled is False
    app = create_app(Settings(database_url=database_url))
    with TestClient(app):
        assert long_lived.LONG_LIVED.enabled is True
        assert gc.get_freeze_count() > 0  # what the start built
    assert long_lived.LONG_LIVED.enabled is False
    assert gc.get_freeze_count() == 0
