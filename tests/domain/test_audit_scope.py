"""R57: every audited entity type has an institution-scope rule (domain/audit_scope.py),
scopes are written with the events in their transaction and nothing of them is hashed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tortoise import Tortoise

from domain import audit, audit_scope, sql
from domain.actors import Actor, Role
from models.base import Entity
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
# Entity types written by name rather than through a model (ctx.record, PendingEvent).
RECORDED = re.compile(r"""(?:record\(|PendingEvent\()\s*"[\w.]+",\s*"(\w+)\"""")


def _recorded_types() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "domain").rglob("*.py"):
        found |= set(RECORDED.findall(path.read_text(encoding="utf-8")))
    return found


def test_r57_every_audited_entity_type_has_a_scope_rule(db: None) -> None:
    models = {
        model.__name__ for model in Tortoise.apps["models"].values() if issubclass(model, Entity)
    }
    recorded = _recorded_types()
    assert {"Export", "Operation", "HolidayCalendar", "Session"} <= recorded
    assert sorted((models | recorded) - set(audit_scope.RULES)) == []


async def test_r57_scopes_are_written_with_the_events_and_rolled_back_with_them(
    db: None,
) -> None:
    from tortoise.transactions import in_transaction

    await factories.hospital()
    main = await sql.fetch_one("SELECT id FROM institution WHERE code = 'MAIN'")
    assert main is not None
    head = (await audit.registry_state())[0]
    rows = await sql.fetch("SELECT seq, institution_id FROM audit_event_institution")
    assert rows  # the site and departments of factories.hospital() are MAIN's
    with pytest.raises(RuntimeError):
        async with in_transaction("default"):
            await audit.append(
                factories.SYSTEM,
                [audit.PendingEvent("site.update", "Site", "1", None, {"institution_id": 1}, None)],
            )
            raise RuntimeError("the change fails after its events were appended")
    assert (await audit.registry_state())[0] == head
    assert await sql.fetch("SELECT seq, institution_id FROM audit_event_institution") == rows
    report = await audit.verify_chain()
    assert report.ok


async def test_r57_a_bound_actors_refusals_and_exports_are_its_institutions(db: None) -> None:
    bound = Actor(
        "user", 7, "cty.auditor", frozenset({Role.AUDITOR}), institution_ids=frozenset({5})
    )
    group = Actor("user", 8, "group", frozenset({Role.GROUP_ADMIN}), institution_ids=frozenset({5}))
    refused = audit.PendingEvent("authorization.refused", "Operation", "x", None, None, None, seq=1)
    assert await audit_scope.scopes(bound, [refused]) == [(1, 5)]
    assert await audit_scope.scopes(group, [refused]) == []
    catalogue = audit.PendingEvent("procedure.add", "Procedure", "47.0901", None, {}, None, seq=2)
    unknown = audit.PendingEvent("x.y", "SomethingNew", "1", None, {"site_id": 1}, None, seq=3)
    assert await audit_scope.scopes(bound, [catalogue, unknown]) == []
