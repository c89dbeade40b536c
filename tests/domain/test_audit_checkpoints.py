"""Issue 13 item 10: signed checkpoints catch a re-hashed rewrite and a cut tail."""

from __future__ import annotations

import pytest
from tortoise import connections

from domain import audit, clock, signing
from domain.errors import DomainError
from models import AuditCheckpoint, AuditEvent
from tests import factories


def _is_sqlite() -> bool:
    return connections.get("default").capabilities.dialect == "sqlite"


async def _rewrite_from(seq: int, reason: str) -> None:
    """Edit event `seq` and re-hash it and every later event, and the head: a chain
    consistent in itself."""
    rows = [row async for row in audit.iter_events(seq)]
    before = await AuditEvent.get(seq=seq - 1) if seq > 1 else None
    prev = before.hash if before else audit.GENESIS_HASH
    statements = []
    for row in rows:
        if int(row["seq"]) == seq:
            row["reason"] = reason
        row["prev_hash"] = prev
        row["hash"] = audit.row_hash(row)
        prev = row["hash"]
        statements.append(
            f"UPDATE audit_event SET reason = {_literal(row['reason'])}, "
            f"prev_hash = '{row['prev_hash']}', hash = '{row['hash']}' WHERE seq = {row['seq']};"
        )
    statements.append(f"UPDATE audit_head SET hash = '{prev}' WHERE id = 1;")
    await factories.as_owner(["audit_event", "audit_checkpoint"], " ".join(statements))


def _literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


async def test_r_checkpoint_detects_a_rehashed_rewrite(db: None) -> None:
    await factories.hospital()
    report, signed = await audit.checkpoint_now()
    assert report.ok and signed is not None and signed["seq"] == report.last_seq
    await factories.specialty("URO", "泌尿外科")
    await _rewrite_from(3, "forged")
    links = await audit._verify_links()
    assert links.ok  # the rewrite is consistent in itself: the links alone miss it
    report = await audit.verify_chain()
    assert not report.ok
    assert report.broken_seq == signed["seq"]
    assert "改写" in (report.problem or "")


async def test_r_checkpoint_detects_a_cut_tail(db: None) -> None:
    await factories.hospital()
    head = await audit.registry_version()
    _, signed = await audit.checkpoint_now()
    assert signed is not None and signed["seq"] == head
    keep = head - 2
    kept_hash = (await AuditEvent.get(seq=keep)).hash
    await factories.as_owner(
        ["audit_event", "audit_checkpoint"],
        f"DELETE FROM audit_event WHERE seq > {keep}; "
        f"UPDATE audit_head SET seq = {keep}, hash = '{kept_hash}' WHERE id = 1;",
    )
    assert (await audit._verify_links()).ok  # a clean prefix: the links alone miss it
    report = await audit.verify_chain()
    assert not report.ok and report.broken_seq == head
    assert "截断" in (report.problem or "")


async def test_r_checkpoint_kept_elsewhere_catches_deleted_checkpoints(db: None) -> None:
    await factories.hospital()
    await audit.checkpoint_now()
    exported = await audit.checkpoints_document()
    tokens = [item["token"] for item in exported["checkpoints"]]
    assert exported["keys"] and tokens
    head = await audit.registry_version()
    kept_hash = (await AuditEvent.get(seq=head - 1)).hash
    await factories.as_owner(
        ["audit_event", "audit_checkpoint"],
        "DELETE FROM audit_checkpoint; "
        f"DELETE FROM audit_event WHERE seq = {head}; "
        f"UPDATE audit_head SET seq = {head - 1}, hash = '{kept_hash}' WHERE id = 1;",
    )
    assert (await audit.verify_chain()).ok  # nothing left in the database to compare
    report = await audit.compare_checkpoints(await audit.verify_chain(), tokens)
    assert not report.ok and "截断" in (report.problem or "")


async def test_r_checkpoint_forged_signature_is_reported(db: None, tmp_path) -> None:
    await factories.hospital()
    other = signing.ensure_keys(tmp_path / "someone-else")
    head = await audit.registry_version()
    digest = (await AuditEvent.get(seq=head)).hash
    forged = other.sign({"seq": head, "hash": digest}, audit.CHECKPOINT_TYPE)
    await AuditCheckpoint.create(
        seq=head, hash=digest, kid=other.current.kid, token=forged, created_at="x"
    )
    report = await audit.verify_chain()
    assert report.ok and report.unverified_checkpoints == 1  # unknown key: not checkable
    ring = signing.ring()
    tampered = ring.sign({"seq": head, "hash": "0" * 64}, audit.CHECKPOINT_TYPE)
    parts = tampered.split(".")
    good = ring.sign({"seq": head, "hash": digest}, audit.CHECKPOINT_TYPE).split(".")
    await AuditCheckpoint.create(
        seq=head, hash=digest, kid=ring.current.kid, token=".".join([good[0], parts[1], good[2]]),
        created_at="x",
    )  # fmt: skip
    report = await audit.verify_chain()
    assert not report.ok and "签名无效" in (report.problem or "")


async def test_r_checkpoint_rows_are_append_only(db: None) -> None:
    await factories.site()
    await audit.checkpoint_now()
    checkpoint = await AuditCheckpoint.first()
    assert checkpoint is not None
    with pytest.raises(PermissionError):
        await checkpoint.save()
    with pytest.raises(Exception, match="append-only"):
        await AuditCheckpoint.filter(id=checkpoint.id).update(hash="0" * 64)
    with pytest.raises(Exception, match="append-only"):
        await AuditCheckpoint.filter(id=checkpoint.id).delete()


async def test_r_checkpoint_automatic_per_n_events_signs_without_verifying(db: None) -> None:
    audit.configure_checkpoints(every_events=5, every_seconds=0)
    try:
        await factories.hospital()  # 6 events
        for number in range(6):
            await factories.specialty(f"S{number}", f"专业{number}")
        checkpoints = await AuditCheckpoint.all().order_by("seq")
        assert [c.seq for c in checkpoints] == [5, 10]
        assert all(not c.verified and c.reason == "auto" for c in checkpoints)
        report = await audit.verify_chain()
        assert report.ok and report.checkpoints_checked == 2 and report.last_checkpoint_seq == 10
    finally:
        audit.configure_checkpoints(10_000, 3600)


async def test_r_checkpoint_automatic_per_hour(db: None, fixed_clock: clock.FixedClock) -> None:
    audit.configure_checkpoints(every_events=0, every_seconds=3600)
    try:
        await factories.site()
        await factories.specialty()
        assert await AuditCheckpoint.all().count() == 0
        fixed_clock.advance(minutes=61)
        await factories.specialty("URO", "泌尿外科")
        (checkpoint,) = await AuditCheckpoint.all()
        assert checkpoint.seq == await audit.registry_version()
        await factories.specialty("ENT", "耳鼻喉科")
        assert await AuditCheckpoint.all().count() == 1  # the next one an hour later
    finally:
        audit.configure_checkpoints(10_000, 3600)


async def test_r_checkpoint_verified_after_key_rotation_and_removal(db: None) -> None:
    await factories.site()
    _, first = await audit.checkpoint_now()
    assert first is not None
    signing.rotate_keys(signing.key_dir())
    await factories.specialty()
    await audit.checkpoint_now()
    report = await audit.verify_chain()
    assert report.ok and report.checkpoints_checked == 2
    signing.remove_key(signing.key_dir(), first["kid"])
    report = await audit.verify_chain()
    assert report.ok and report.checkpoints_checked == 2 and report.unverified_checkpoints == 1


async def test_r_checkpoint_needs_a_key_to_verify_a_token(db: None) -> None:
    with pytest.raises(DomainError):
        signing.ring().verify("not-a-token", audit.CHECKPOINT_TYPE)
