"""Issue 16: the audit log divided by institution. A bound AUDITOR lists and exports
exactly the events of its institutions (R57); group-level events are not among them;
an unbound auditor sees everything and can narrow to one institution; a visiting
expert's events reach the institution they are registered at."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import httpx

from domain import audit, audit_scope, institutions, sql
from domain.institutions import RegistrationInput
from tests import factories
from tests.api.test_group_exports import _auth, _token, _two_institutions
from tests.factories import SYSTEM

LIST = """query($after: String, $institution: String) {
  auditEvents(first: 100, after: $after, filter: {institution: $institution}) {
    nodes { seq entityType entityId }
    pageInfo { hasNextPage endCursor }
    }
}"""


async def _listed(
    client: httpx.AsyncClient, token: str, institution: str | None = None
) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        body = await factories.gql(
            client, LIST, {"after": after, "institution": institution}, token=token
        )
        assert "errors" not in body, body
        page = body["data"]["auditEvents"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


async def _exported(client: httpx.AsyncClient, token: str, query: str = "") -> list[dict[str, Any]]:
    response = await client.get(f"/export/audit.ndjson{query}", headers=_auth(token))
    assert response.status_code == 200, response.text
    return [json.loads(line) for line in response.text.splitlines()]


def _entities(events: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(e["entityType"], e["entityId"]) for e in events}


async def _ids() -> dict[str, str]:
    rows = await sql.fetch("SELECT id, code FROM institution")
    sites = await sql.fetch("SELECT id, code FROM site")
    found = {f"institution:{r['code']}": str(r["id"]) for r in rows}
    found.update({f"site:{r['code']}": str(r["id"]) for r in sites})
    return found


async def test_r57_a_bound_auditor_reads_exactly_its_institutions_events(
    client: httpx.AsyncClient,
) -> None:
    made = await _two_institutions()
    auditor = await _token("auditor", ["AUDITOR"])
    county_auditor = await _token("cty.auditor", ["AUDITOR"], ["CTY"])
    ids = await _ids()
    county_privilege, lead_privilege = str(made["county"].id), str(made["lead"].id)
    county_doctor = str(made["county"].practitioner_id)
    lead_doctor = str(made["lead"].practitioner_id)

    listed = await _listed(client, county_auditor)
    exported = await _exported(client, county_auditor)
    # The list and the export carry the same events, in seq order; the export's own
    # audit event (written as it starts) is the county auditor's, so the county's too.
    assert [e["seq"] for e in listed] == [e["seq"] for e in exported[:-1]]
    assert exported[-1]["entityType"] == "Export"
    assert [e["seq"] for e in listed] == sorted(e["seq"] for e in listed)
    seen = _entities(listed)
    for mine in (
        ("Institution", ids["institution:CTY"]),
        ("Site", ids["site:CTY-MAIN"]),
        ("Privilege", county_privilege),
        ("Practitioner", county_doctor),
    ):
        assert mine in seen
    for theirs in (
        ("Institution", ids["institution:MAIN"]),
        ("Site", ids["site:MAIN"]),
        ("Privilege", lead_privilege),
        ("Practitioner", lead_doctor),
    ):
        assert theirs not in seen
    # Group-level events (catalogue, specialties) are not shown to a bound actor.
    assert not {t for t, _ in seen} & {"Procedure", "Specialty", "CatalogueVersion"}

    # An unbound auditor sees the whole log and can narrow it to one institution.
    everything = await _listed(client, auditor)
    head = await sql.fetch_one("SELECT seq FROM audit_head WHERE id = 1")
    assert head is not None and len(everything) == int(head["seq"])
    assert {e["seq"] for e in everything} >= {e["seq"] for e in listed}
    assert {"Procedure", "Specialty"} <= {e["entityType"] for e in everything}
    narrowed = await _listed(client, auditor, "CTY")
    assert [e["seq"] for e in narrowed] == [e["seq"] for e in exported]
    main_only = await _exported(client, auditor, "?institution=MAIN")
    assert ("Privilege", lead_privilege) in _entities(main_only)
    assert ("Privilege", county_privilege) not in _entities(main_only)

    # A bound auditor asking for another institution is refused; an unknown code is
    # NOT_FOUND on the field.
    other = await factories.gql(client, LIST, {"institution": "MAIN"}, token=county_auditor)
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    refused = await client.get(
        "/export/audit.ndjson?institution=MAIN", headers=_auth(county_auditor)
    )
    assert refused.status_code == 403
    unknown = await factories.gql(client, LIST, {"institution": "NOPE"}, token=auditor)
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_r57_pages_of_a_scoped_list_follow_the_keyset(client: httpx.AsyncClient) -> None:
    await _two_institutions()
    county_auditor = await _token("cty.auditor", ["AUDITOR"], ["CTY"])
    whole = await _listed(client, county_auditor)
    pages: list[int] = []
    after = None
    query = """query($after: String) { auditEvents(first: 2, after: $after) {
        nodes { seq } pageInfo { hasNextPage endCursor } } }"""
    while True:
        body = await factories.gql(client, query, {"after": after}, token=county_auditor)
        page = body["data"]["auditEvents"]
        pages += [n["seq"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == [e["seq"] for e in whole]


async def test_r57_a_visiting_experts_events_reach_the_host_institution(
    client: httpx.AsyncClient,
) -> None:
    made = await _two_institutions()
    county_auditor = await _token("cty.auditor", ["AUDITOR"], ["CTY"])
    lead_doctor = made["lead"].practitioner_id
    before = _entities(await _listed(client, county_auditor))
    assert ("Practitioner", str(lead_doctor)) not in before
    registration = await institutions.create_registration(
        SYSTEM,
        RegistrationInput(
            practitioner_id=lead_doctor,
            institution_code="CTY",
            kind="MULTI_SITE",
            valid_from=date(2026, 1, 1),
        ),
    )
    after = _entities(await _listed(client, county_auditor))
    assert ("PracticeRegistration", str(registration.id)) in after
    # Earlier events stay as they were scoped when written (the rule runs at append
    # time); the expert's next change is the host's too.
    assert ("Practitioner", str(lead_doctor)) not in after
    # The rule as an append would run it now: the expert's next change is the host's.
    ids = await _ids()
    event = audit.PendingEvent("practitioner.update", "Practitioner", str(lead_doctor),
                               None, None, None, seq=10**9)  # fmt: skip
    scoped = {institution for _, institution in await audit_scope.scopes(SYSTEM, [event])}
    assert scoped == {int(ids["institution:MAIN"]), int(ids["institution:CTY"])}


async def test_r57_a_group_admin_and_an_unbound_admin_read_the_whole_log(
    client: httpx.AsyncClient,
) -> None:
    await _two_institutions()
    group_admin = await _token("group.admin", ["GROUP_ADMIN"], ["CTY"])
    admin = await _token("admin", ["ADMIN"])
    county_admin = await _token("cty.admin", ["ADMIN"], ["CTY"])
    whole = {e["seq"] for e in await _listed(client, admin)}
    assert {e["seq"] for e in await _listed(client, group_admin)} >= whole
    county = {e["seq"] for e in await _listed(client, county_admin)}
    assert county < whole
    assert {e["seq"] for e in await _exported(client, county_admin)} >= county


async def test_r57_a_scoped_export_is_checked_line_by_line_against_the_checkpoints(
    client: httpx.AsyncClient, tmp_path: Any
) -> None:
    await _two_institutions()
    county_auditor = await _token("cty.auditor", ["AUDITOR"], ["CTY"])
    _, signed = await audit.checkpoint_now()  # signs the head: an event of MAIN's
    assert signed is not None
    response = await client.get("/export/audit.ndjson", headers=_auth(county_auditor))
    lines = response.text.splitlines()
    document = (
        await client.get("/export/audit-checkpoints.json", headers=_auth(county_auditor))
    ).json()
    check = audit.verify_export_lines(lines, document["checkpoints"])
    assert check.ok and check.lines == len(lines) and check.gaps > 0
    # A checkpoint at a seq the export holds is compared with that line.
    first = json.loads(lines[0])
    at_line = [{"seq": first["seq"], "hash": first["hash"]}]
    assert audit.verify_export_lines(lines, at_line).checkpoints_matched == 1
    forged = dict(first, reason="forged")
    broken = audit.verify_export_lines([json.dumps(forged, ensure_ascii=False), *lines[1:]])
    assert not broken.ok and broken.broken_seq == first["seq"]
    wrong = audit.verify_export_lines(lines, [{"seq": first["seq"], "hash": "0" * 64}])
    assert not wrong.ok

    from api.cli import main

    path = tmp_path / "audit.ndjson"
    path.write_text(response.text, encoding="utf-8")
    assert main(["audit", "verify-export", "--export", str(path)]) == 0
    path.write_text("\n".join([json.dumps(forged, ensure_ascii=False), *lines[1:]]), "utf-8")
    assert main(["audit", "verify-export", "--export", str(path)]) != 0
