"""SPEC section 6: every change is audited in its transaction; the chain detects edits."""

from __future__ import annotations

import itertools

import pytest
from tortoise import connections

from domain import audit, organisation
from domain.errors import DomainError
from models import AuditEvent, Site
from tests import factories


async def test_every_write_appends_a_chained_event(db: None) -> None:
    await factories.hospital()
    events = await AuditEvent.all().order_by("seq")
    assert [e.action for e in events[:3]] == ["site.create", "specialty.create", "specialty.create"]
    assert events[0].prev_hash == audit.GENESIS_HASH
    for previous, current in itertools.pairwise(events):
        assert current.prev_hash == previous.hash
        assert current.seq == previous.seq + 1
    report = await audit.verify_chain()
    assert report.ok and report.checked == len(events)
    assert await audit.registry_version() == events[-1].seq


async def test_failed_write_leaves_no_change_and_no_event(db: None) -> None:
    await factories.site()
    before = await AuditEvent.all().count()
    with pytest.raises(DomainError):
        await organisation.create_site(factories.SYSTEM, code="MAIN", name="again")
    assert await AuditEvent.all().count() == before
    assert await Site.all().count() == 1


async def _tamper(sql: str) -> None:
    conn = connections.get("default")
    if conn.capabilities.dialect == "sqlite":
        await conn.execute_script("DROP TRIGGER audit_event_no_update; " + sql)
    else:
        await conn.execute_script(
            'ALTER TABLE audit_event DISABLE TRIGGER "audit_event_no_change"; ' + sql
        )


async def test_edit_behind_the_api_is_reported_at_its_seq(db: None) -> None:
    await factories.hospital()
    await _tamper('UPDATE audit_event SET after_json = \'{"code":"FAKE"}\' WHERE seq = 3')
    report = await audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == 3
    assert report.checked == 2


async def test_rehashed_edit_breaks_the_next_link(db: None) -> None:
    await factories.hospital()
    row = (await AuditEvent.filter(seq=2).values())[0]
    row["after_json"] = '{"code":"FAKE"}'
    forged = audit.event_hash(row["prev_hash"], audit.hashed_fields(row))
    await _tamper(
        f'UPDATE audit_event SET after_json = \'{{"code":"FAKE"}}\', '
        f"hash = '{forged}' WHERE seq = 2"
    )
    report = await audit.verify_chain()
    assert not report.ok and report.broken_seq == 3


async def test_audit_rows_cannot_be_updated_or_deleted(db: None) -> None:
    await factories.site()
    event = await AuditEvent.get(seq=1)
    with pytest.raises(PermissionError):
        await event.save()
    with pytest.raises(PermissionError):
        await event.delete()
    with pytest.raises(Exception, match="append-only"):
        await AuditEvent.filter(seq=1).update(reason="x")
    with pytest.raises(Exception, match="append-only"):
        await AuditEvent.filter(seq=1).delete()
    assert (await audit.verify_chain()).ok
