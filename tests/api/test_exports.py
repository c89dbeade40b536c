"""SPEC section 6: streaming exports for auditors, constant memory, audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import httpx
import pytest

from domain import audit, privilege_log, privileges, sql
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
            await privilege_log.record(batch)  # as audit.append writes them
            batch = []
    if batch:
        await AuditEvent.bulk_create(batch)
        await privilege_log.record(batch)
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
    # issue 16: the default institution as an Organization and its campus as a Location
    assert kinds == ["Organization", "Location", "Practitioner", "PractitionerRole"]
    role = bundle["entry"][3]["resource"]
    assert (
        role["practitioner"]["reference"] == "Practitioner/" + bundle["entry"][2]["resource"]["id"]
    )
    assert role["location"][0]["reference"] == "Location/" + bundle["entry"][1]["resource"]["id"]
    assert (
        role["organization"]["reference"] == "Organization/" + bundle["entry"][0]["resource"]["id"]
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


# --- issue 15: exports that open right in Excel -------------------------------------


async def _office_privileges() -> tuple[Any, Any]:
    from domain import organisation
    from domain.organisation import PractitionerInput

    await factories.procedure("99.0100", name="输血", grade=1)
    doctor = await organisation.create_practitioner(
        factories.SYSTEM,
        PractitionerInput(staff_no="00123", name="=1+2", title="ATTENDING", department_code="GS1"),
    )
    granted = await factories.grant(doctor, procedure_code="99.0100")
    return doctor, granted


def _book(content: bytes) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


async def test_privileges_xlsx_reads_back_with_codes_dates_ids_and_chinese_headers(
    client: httpx.AsyncClient, tokens: dict
) -> None:
    from schema import ids

    doctor, granted = await _office_privileges()
    response = await client.get(
        "/export/privileges.xlsx?asOf=2026-11-24", headers=auth(tokens["auditor"])
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = _book(response.content).worksheets[0]
    assert sheet.title == "授权名单" and sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    header = dict(zip(rows[0], rows[1], strict=True))
    assert header["授权ID"] == ids.encode("Privilege", granted.id)
    assert header["医师ID"] == ids.encode("Practitioner", doctor.id)
    assert header["工号"] == "00123" and header["授权对象"] == "99.0100"  # codes intact
    assert header["生效日期"].date() == date(2026, 1, 1)  # a real date cell
    assert header["截止日期"].date() == date(2027, 12, 31)
    assert header["须在上级医师指导下"] == "否" and header["审批委员会"] == "手术分级管理委员会"
    assert sheet["C2"].number_format == "@" and sheet["K2"].number_format == "yyyy-mm-dd"
    english = await client.get(
        "/export/privileges.xlsx?asOf=2026-11-24",
        headers={**auth(tokens["auditor"]), "accept-language": "en-US,en;q=0.9,zh;q=0.5"},
    )
    assert next(_book(english.content).worksheets[0].iter_rows(values_only=True))[:3] == (
        "Privilege ID",
        "Practitioner ID",
        "Staff number",
    )
    assert await AuditEvent.filter(action="export.start", entity_id="privileges.xlsx").count() == 2
    refused = await client.get(
        "/export/privileges.xlsx?asOf=2026-11-24", headers=auth(tokens["committee"])
    )
    assert refused.status_code == 403
    bad = await client.get(
        "/export/privileges.xlsx?asOf=2026-13-01", headers=auth(tokens["auditor"])
    )
    assert bad.status_code == 400


async def test_formula_cells_are_escaped_in_csv_and_xlsx(
    client: httpx.AsyncClient, tokens: dict
) -> None:
    await _office_privileges()
    text = (
        await client.get("/export/privileges.csv?asOf=2026-11-24", headers=auth(tokens["auditor"]))
    ).text
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["practitioner_name"] == "'=1+2" and row["staff_no"] == "00123"
    xlsx = await client.get(
        "/export/privileges.xlsx?asOf=2026-11-24", headers=auth(tokens["auditor"])
    )
    cell = _book(xlsx.content).worksheets[0]["D2"]
    assert cell.value == "=1+2" and cell.data_type == "s" and cell.quotePrefix
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_escaped(value: str) -> None:
    from domain.spreadsheets import csv_safe

    assert csv_safe(value) == "'" + value
    assert csv_safe("王芳") == "王芳" and csv_safe("47.0901") == "47.0901"


async def test_csv_bom_when_asked_or_by_site_setting(
    client: httpx.AsyncClient, tokens: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _office_privileges()
    path = "/export/privileges.csv?asOf=2026-11-24"
    plain = await client.get(path, headers=auth(tokens["auditor"]))
    assert not plain.content.startswith(b"\xef\xbb\xbf")
    excel = await client.get(path + "&excel=1", headers=auth(tokens["auditor"]))
    assert excel.content.startswith(b"\xef\xbb\xbfprivilege_id,")
    assert excel.content[3:].decode("utf-8") == plain.text
    monkeypatch.setenv("CREDREG_CSV_BOM", "1")
    site = await client.get(path, headers=auth(tokens["auditor"]))
    assert site.content.startswith(b"\xef\xbb\xbf")
    off = await client.get(path + "&excel=0", headers=auth(tokens["auditor"]))
    assert not off.content.startswith(b"\xef\xbb\xbf")
    bad = await client.get(path + "&excel=maybe", headers=auth(tokens["auditor"]))
    assert bad.status_code == 400


@pytest.mark.parametrize(
    ("type_name", "pk"),
    [("Privilege", 1), ("Practitioner", 42), ("CommitteeDecision", 2**31 - 1), ("Site", 0)],
)
def test_domain_global_ids_equal_the_apis(type_name: str, pk: int) -> None:
    from domain.global_ids import global_id
    from schema import ids

    assert global_id(type_name, pk) == ids.encode(type_name, pk)
    assert ids.decode(global_id(type_name, pk), type_name) == pk


async def test_fhir_resources_carry_global_ids(client: httpx.AsyncClient, tokens: dict) -> None:
    from schema import ids

    doctor, granted = await _office_privileges()
    bundle = (
        await client.get("/export/fhir/PractitionerRole", headers=auth(tokens["auditor"]))
    ).json()
    people = [e for e in bundle["entry"] if e["resource"]["resourceType"].startswith("Pract")]
    assert [e["resource"]["id"] for e in people] == [
        ids.encode("Practitioner", doctor.id),
        ids.encode("Privilege", granted.id),
    ]


def test_xlsx_writer_memory_stays_flat() -> None:
    """openpyxl write-only mode: peak Python memory while writing 20,000 rows is about
    that of 2,000 rows (the rows go to a temporary file, not into memory)."""
    import tempfile
    import tracemalloc

    from domain import exports

    def rows(count: int) -> Any:
        for i in range(count):
            yield [
                f"UHJpdmlsZWdlOj{i}",
                f"UHJhY3RpdGlvbmVyOj{i}",
                f"D{i:05d}",
                "张伟",
                "GS1",
                "MAIN",
                "PROCEDURE",
                "47.0901",
                None,
                False,
                date(2026, 1, 1),
                date(2027, 12, 31),
                "ACTIVE",
                "手术分级管理委员会",
                date(2026, 1, 5),
                "2026-01",
                "Q29tbWl0dGVlRGVjaXNpb246MQ",
            ]

    def peak(count: int) -> int:
        with tempfile.TemporaryDirectory() as folder:
            tracemalloc.start()
            exports.write_privileges_xlsx(f"{folder}/p.xlsx", rows(count))
            _current, top = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        return top

    peak(100)  # the first run imports openpyxl's modules
    small, large = peak(2_000), peak(20_000)
    assert large < small * 1.2 + 200_000, (small, large)


async def test_import_templates_download(client: httpx.AsyncClient) -> None:
    for kind, first in (("procedures", "手术编码"), ("practitioners", "工号")):
        response = await client.get(f"/import/templates/{kind}.xlsx")
        assert response.status_code == 200
        sheet = _book(response.content).worksheets[0]
        assert sheet["A2"].value == first and sheet["A3"].number_format == "@"
    english = await client.get(
        "/import/templates/procedures.xlsx", headers={"accept-language": "en"}
    )
    assert _book(english.content).worksheets[0]["A2"].value == "Procedure code"
    assert (await client.get("/import/templates/nothing.xlsx")).status_code == 404
