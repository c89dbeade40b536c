"""SPEC section 6: every change is audited in its transaction; the chain detects edits."""

from __future__ import annotations

import itertools

import pytest

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


async def test_edit_behind_the_api_is_reported_at_its_seq(db: None) -> None:
    await factories.hospital()
    await factories.as_owner(
        ["audit_event"], 'UPDATE audit_event SET after_json = \'{"code":"FAKE"}\' WHERE seq = 3'
    )
    report = await audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == 3
    assert report.checked == 2


async def test_rehashed_edit_breaks_the_next_link(db: None) -> None:
    await factories.hospital()
    row = (await AuditEvent.filter(seq=2).values())[0]
    row["after_json"] = '{"code":"FAKE"}'
    forged = audit.event_hash(row["prev_hash"], audit.hashed_fields(row))
    await factories.as_owner(
        ["audit_event"],
        f'UPDATE audit_event SET after_json = \'{{"code":"FAKE"}}\', '
        f"hash = '{forged}' WHERE seq = 2",
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


AWKWARD_TEXTS = [
    None,
    "",
    "plain",
    '带"引号"的\\反斜杠',
    "控制\x00\x01\x1f字符\n\t\r",
    "\u2028\u2029 line separators",
    "emoji 🏥 and astral \U0001f9ec",
    '{"nested":"json","n":[1,2,{"x":null}]}',
    "\ud800 lone surrogate",
]


def _row(value: str | None, seq: int = 7) -> dict[str, object]:
    return {
        "seq": seq,
        "occurred_at": "2026-12-01T08:00:00.000000Z",
        "actor_type": "user",
        "actor_id": value,
        "actor_name": value or "",
        "action": "privilege.suspend",
        "entity_type": "Privilege",
        "entity_id": value,
        "before_json": value,
        "after_json": value,
        "reason": value,
        "request_id": value,
        "prev_hash": "a" * 64,
    }


def test_row_hash_is_the_canonical_event_hash_byte_for_byte() -> None:
    for value in AWKWARD_TEXTS:
        row = _row(value)
        if value is not None and "\ud800" in value:
            # json.dumps keeps a lone surrogate; UTF-8 cannot encode it, both refuse alike
            with pytest.raises(UnicodeEncodeError):
                audit.event_hash(str(row["prev_hash"]), audit.hashed_fields(row))
            with pytest.raises(UnicodeEncodeError):
                audit.row_hash(row)
            continue
        assert audit.row_hash(row) == audit.event_hash(
            str(row["prev_hash"]), audit.hashed_fields(row)
        ), value


async def test_events_stream_in_order_across_prefetched_pages(db: None) -> None:
    await factories.hospital()
    for number in range(12):
        await factories.specialty(f"S{number:02d}", f"专业{number}")
    head = await audit.registry_version()
    seqs = [int(row["seq"]) async for row in audit.iter_events(1, None, batch=3)]
    assert seqs == list(range(1, head + 1))
    assert [int(r["seq"]) async for r in audit.iter_events(4, 9, batch=2)] == list(range(4, 10))
    # A reader that stops early leaves no read running behind it.
    pages = audit.event_pages(
        lambda after: ("SELECT seq FROM audit_event WHERE seq > ? ORDER BY seq LIMIT 3", [after]),
        0,
        3,
    )
    first = await anext(pages)
    await pages.aclose()
    assert [int(r["seq"]) for r in first] == [1, 2, 3]
    await factories.as_owner(
        ["audit_event"], "UPDATE audit_event SET reason = 'forged' WHERE seq = 11"
    )
    report = await audit.verify_chain()
    assert not report.ok and report.broken_seq == 11
