"""SPEC section 6: streaming exports for auditors, constant memory, audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import httpx
import pytest

from domain import audit, privileges, sql
from models import AuditEvent
from tests import factories


def rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


async def bulk_events(count: int) -> None:
    """Append `count` chained audit events quickly (the hashes are real)."""
    head = await sql.fetch_one("SELECT seq, hash FROM audit_head WHERE id = 1")
    assert head is not None
    seq, prev = int(head["seq"]), str(head["hash"])
    batch: list[AuditEvent] = []
    for _ in range(count):
        seq += 1
        row = {
            "seq": seq,
            "occurred_at": "2026-11-24T02:00:00.000000Z",
            "actor_type": "system",
            "actor_id": None,
            "actor_name": "bulk",
            "action": "privilege.approve",
            "entity_type": "Privilege",
            "entity_id": str(seq % 977),
            "before_json": '{"status":"ENDORSED"}',
            "after_json": '{"status":"ACTIVE"}',
            "reason": None,
            "request_id": None,
            "prev_hash": prev,
        }
        row["hash"] = prev = audit.event_hash(prev, audit.hashed_fields(row))
        batch.append(AuditEvent(**row))
        if len(batch) == 5000:
            await AuditEvent.bulk_create(batch)
            batch = []
    if batch:
        await AuditEvent.bulk_create(batch)
    await sql.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", [seq, prev])


@pytest.fixture
async def tokens(client: httpx.AsyncClient) -> dict[str, str]:
    await factories.hospital()
    return {
        "auditor": await factories.token_for("auditor", ["AUDITOR"]),
        "committee": await factories.token_for("committee", ["COMMITTEE"]),
    }


def auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def test_audit_export_streams_verifiable_events(
    client: httpx.AsyncClient, tokens: dict
) -> None:
    response = await client.get("/export/audit.ndjson", headers=auth(tokens["auditor"]))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    events = [json.loads(line) for line in response.text.splitlines()]
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    prev = audit.GENESIS_HASH
    for event in events:  # an auditor can re-verify the chain offline
        row = {
            "seq": event["seq"],
            "occurred_at": event["occurredAt"],
            "actor_type": event["actorType"],
            "actor_id": event["actorId"],
            "actor_name": event["actorName"],
            "action": event["action"],
            "entity_type": event["entityType"],
            "entity_id": event["entityId"],
            "before_json": audit.canonical_json(event["before"])
            if event["before"] is not None
            else None,
            "after_json": audit.canonical_json(event["after"])
            if event["after"] is not None
            else None,
            "reason": event["reason"],
            "request_id": event["requestId"],
            "prev_hash": event["prevHash"],
        }
        assert event["prevHash"] == prev
        assert audit.event_hash(prev, audit.hashed_fields(row)) == event["hash"]
        prev = event["hash"]
    assert await AuditEvent.filter(action="export.start").count() == 1


async def test_export_ranges_and_bad_parameters(client: httpx.AsyncClient, tokens: dict) -> None:
    ranged = await client.get("/export/audit.ndjson?from=2&to=3", headers=auth(tokens["auditor"]))
    assert [json.loads(x)["seq"] for x in ranged.text.splitlines()] == [2, 3]
    for query in ("from=5&to=2", "from=yesterday", "from=2026-01-01T00:00:00"):
        bad = await client.get(f"/export/audit.ndjson?{query}", headers=auth(tokens["auditor"]))
        assert bad.status_code == 400
        assert bad.json()["errors"][0]["extensions"]["code"] == "VALIDATION"
    bad_date = await client.get(
        "/export/privileges.csv?asOf=2026-02-30", headers=auth(tokens["auditor"])
    )
    assert bad_date.status_code == 400


async def test_exports_are_for_auditors_and_admins_only(
    client: httpx.AsyncClient, tokens: dict
) -> None:
    for path in (
        "/export/audit.ndjson",
        "/export/privileges.csv?asOf=2026-01-01",
        "/export/fhir/PractitionerRole",
    ):
        assert (await client.get(path)).status_code == 401
        refused = await client.get(path, headers=auth(tokens["committee"]))
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_privileges_csv_is_who_held_what_on_that_date(
    client: httpx.AsyncClient, tokens: dict, fixed_clock: Any
) -> None:
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    granted = await factories.grant(
        doctor, valid_from=date(2026, 1, 1), valid_until=date(2027, 12, 31)
    )
    fixed_clock.advance(days=2)  # now 2026-11-26
    await privileges.revoke_privilege(factories.SYSTEM, granted.id, granted.version, "吊销")
    from domain import auth as domain_auth

    token = (await domain_auth.login("auditor", factories.PASSWORD)).token  # 8 h sessions

    async def rows(as_of: str) -> list[dict[str, str]]:
        response = await client.get(f"/export/privileges.csv?asOf={as_of}", headers=auth(token))
        assert response.status_code == 200
        return list(csv.DictReader(io.StringIO(response.text)))

    before = await rows("2026-11-24")  # still held that day (revoked two days later)
    assert [(r["staff_no"], r["scope"], r["target"], r["committee"]) for r in before] == [
        ("D0001", "PROCEDURE", "47.0901", "手术分级管理委员会")
    ]
    assert await rows("2026-11-26") == []
    assert await rows("2025-12-31") == []


async def test_fhir_bundle(client: httpx.AsyncClient, tokens: dict) -> None:
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    await factories.grant(doctor)
    response = await client.get("/export/fhir/PractitionerRole", headers=auth(tokens["auditor"]))
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["Practitioner", "PractitionerRole"]
    role = bundle["entry"][1]["resource"]
    assert (
        role["practitioner"]["reference"] == "Practitioner/" + bundle["entry"][0]["resource"]["id"]
    )
    assert role["code"][0]["coding"][0]["code"] == "PROCEDURE"
    assert role["period"] == {"start": "2026-01-01", "end": "2027-12-31"}


async def test_audit_export_memory_stays_flat_at_200k_events(db: None) -> None:
    """The export pipeline itself, chunk by chunk (httpx's ASGI test transport buffers
    whole responses, so the HTTP layer is measured with a real server in bench/)."""
    from domain import exports

    await bulk_events(200_000)
    start = rss_kib()
    peak, lines, size = start, 0, 0
    async for chunk in exports.audit_ndjson(exports.audit_range(None, None)):
        lines += chunk.count("\n")
        size += len(chunk)
        peak = max(peak, rss_kib())
    assert lines == 200_000 and size > 50_000_000
    # ~60 MB of NDJSON went through; the process grew by far less than that.
    assert (peak - start) < 30 * 1024, f"RSS grew by {(peak - start) // 1024} MiB"
    assert (await audit.verify_chain()).ok
