"""Privileges and decisions through GraphQL: the SPEC section 5 contract examples, R10
department scoping, and batch behaviour."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from domain import auth
from models import AuditEvent, Privilege
from tests import factories
from tests.factories import gql

REQUEST = """mutation { requestPrivilege(input: {practitionerStaffNo: "D0001", siteCode: "MAIN",
    scope: PROCEDURE, procedureCode: "47.0901", supervisedOnly: false,
    validFrom: "2026-01-01", validUntil: "2027-12-31", idempotencyKey: "req-1"}) {
  privilege { id status version } userErrors { field message code } } }"""

APPROVE = """mutation Approve($id: ID!, $v: Int!) { approvePrivilege(input: {id: $id,
    expectedVersion: $v,
    decision: {committee: "手术分级管理委员会", meetingOn: "2026-01-05",
               votesFor: 7, votesAgainst: 0, votesAbstain: 1, minutesRef: "2026-01"}}) {
  privilege { id status validFrom validUntil version } userErrors { field message code } } }"""

ENDORSE = """mutation Endorse($id: ID!, $v: Int!) { endorsePrivilege(input: {id: $id,
    expectedVersion: $v}) { privilege { id status version } userErrors { field message code } } }"""

CHECKS = """query { privilegeChecks(inputs: [{practitionerStaffNo: "D0001",
    procedureCode: "47.0901", on: "2026-12-01", setting: INPATIENT, siteCode: "MAIN",
    emergency: false}]) {
  allowed requiresMdt validUntil registryVersion
  reasons { code severity message } basis { id scope } } }"""


@pytest.fixture
async def setup(client: httpx.AsyncClient) -> dict[str, Any]:
    await factories.hospital()
    await factories.practitioner("D0001", department_code="GS1")
    await factories.practitioner("D0002", department_code="GS2")
    await factories.procedure()
    await factories.procedure("52.7001", grade=4, name="胰十二指肠切除术")
    tokens = {
        "admin": await factories.token_for("admin", ["ADMIN"]),
        "head1": await factories.token_for("head1", ["DEPARTMENT_HEAD"], department_codes=["GS1"]),
        "head2": await factories.token_for("head2", ["DEPARTMENT_HEAD"], department_codes=["GS2"]),
        "committee": await factories.token_for("committee", ["COMMITTEE"]),
        "doctor": await factories.token_for(
            "doctor", ["PRACTITIONER"], practitioner_staff_no="D0001"
        ),
    }
    key = await auth.create_api_key(factories.SYSTEM, name="OR", roles=["SCHEDULER"])
    assert key.secret is not None
    tokens["scheduler"] = key.secret
    return tokens


async def test_contract_examples_end_to_end(client: httpx.AsyncClient, setup: dict) -> None:
    requested = await gql(client, REQUEST, token=setup["head1"])
    payload = requested["data"]["requestPrivilege"]
    assert payload["userErrors"] == []
    assert payload["privilege"]["status"] == "REQUESTED" and payload["privilege"]["version"] == 1
    privilege_id = payload["privilege"]["id"]
    # The same idempotency key and input returns the first result, writes nothing more.
    events = await AuditEvent.all().count()
    again = await gql(client, REQUEST, token=setup["head1"])
    assert again["data"]["requestPrivilege"]["privilege"]["id"] == privilege_id
    assert await AuditEvent.all().count() == events

    endorsed = await gql(client, ENDORSE, {"id": privilege_id, "v": 1}, token=setup["head1"])
    assert endorsed["data"]["endorsePrivilege"]["privilege"]["status"] == "ENDORSED"
    approved = await gql(client, APPROVE, {"id": privilege_id, "v": 2}, token=setup["committee"])
    privilege = approved["data"]["approvePrivilege"]["privilege"]
    assert approved["data"]["approvePrivilege"]["userErrors"] == []
    assert privilege == {
        "id": privilege_id,
        "status": "ACTIVE",
        "validFrom": "2026-01-01",
        "validUntil": "2027-12-31",
        "version": 3,
    }

    checked = await gql(client, CHECKS, token=setup["scheduler"])
    [decision] = checked["data"]["privilegeChecks"]
    assert decision["allowed"] is True and decision["requiresMdt"] is False
    assert decision["validUntil"] == "2027-12-31" and decision["reasons"] == []
    assert decision["basis"] == [{"id": privilege_id, "scope": "PROCEDURE"}]
    assert decision["registryVersion"].isdigit()


async def test_r10_only_the_practitioners_own_head_or_admin_endorses(
    client: httpx.AsyncClient, setup: dict
) -> None:
    requested = await gql(client, REQUEST, token=setup["doctor"])
    privilege_id = requested["data"]["requestPrivilege"]["privilege"]["id"]
    for who in ("head2", "committee", "doctor", "scheduler"):
        refused = await gql(client, ENDORSE, {"id": privilege_id, "v": 1}, token=setup[who])
        payload = refused["data"]["endorsePrivilege"]
        assert payload["privilege"] is None
        assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"], who
    assert (await Privilege.get(id=int((await Privilege.all())[0].id))).status == "REQUESTED"
    ok = await gql(client, ENDORSE, {"id": privilege_id, "v": 1}, token=setup["head1"])
    assert ok["data"]["endorsePrivilege"]["privilege"]["status"] == "ENDORSED"
    # Only COMMITTEE or ADMIN approve; a department head cannot.
    refused = await gql(client, APPROVE, {"id": privilege_id, "v": 2}, token=setup["head1"])
    assert refused["data"]["approvePrivilege"]["userErrors"][0]["code"] == "FORBIDDEN"
    refusals = await AuditEvent.filter(action="authorization.refused").count()
    assert refusals >= 5


async def test_department_head_and_practitioner_see_only_their_own(
    client: httpx.AsyncClient, setup: dict
) -> None:
    doctor = await factories.practitioner("D0003", department_code="GS1")
    other = await Privilege.all().count()
    await factories.grant(doctor)
    from models import Practitioner

    await factories.grant(await Practitioner.get(staff_no="D0002"))
    assert await Privilege.all().count() == other + 2
    query = "{ privileges { nodes { practitioner { staffNo } } } }"
    seen = {
        who: sorted(
            n["practitioner"]["staffNo"]
            for n in (await gql(client, query, token=setup[who]))["data"]["privileges"]["nodes"]
        )
        for who in ("admin", "head1", "head2", "doctor")
    }
    assert seen == {
        "admin": ["D0002", "D0003"],
        "head1": ["D0003"],
        "head2": ["D0002"],
        "doctor": [],
    }
    hidden = (await Privilege.get(practitioner__staff_no="D0002")).id
    from schema import ids

    global_id = ids.encode("Privilege", hidden)
    node = await gql(client, f'{{ node(id: "{global_id}") {{ id }} }}', token=setup["head1"])
    assert node["data"]["node"] is None and "errors" not in node
    viewer = await gql(
        client, "{ viewer { practitioner { staffNo } privileges { id } } }", token=setup["doctor"]
    )
    assert viewer["data"]["viewer"] == {"practitioner": {"staffNo": "D0001"}, "privileges": []}


async def test_practitioner_cannot_request_for_someone_else(
    client: httpx.AsyncClient, setup: dict
) -> None:
    body = await gql(client, REQUEST.replace('"D0001"', '"D0002"'), token=setup["doctor"])
    assert body["data"]["requestPrivilege"]["userErrors"][0]["code"] == "FORBIDDEN"
    assert await Privilege.all().count() == 0


async def test_scheduler_cannot_mutate(client: httpx.AsyncClient, setup: dict) -> None:
    body = await gql(client, REQUEST, token=setup["scheduler"])
    assert body["data"]["requestPrivilege"]["userErrors"][0]["code"] == "FORBIDDEN"
    assert await Privilege.all().count() == 0


async def test_batch_item_errors_are_decisions_and_oversize_batch_is_refused(
    client: httpx.AsyncClient, setup: dict
) -> None:
    body = await gql(
        client,
        """{ privilegeChecks(inputs: [
        {practitionerStaffNo: "NOPE", procedureCode: "47.0901", on: "2026-12-01"},
        {practitionerStaffNo: "D0001", procedureCode: "00.0000", on: "2026-12-01"}]) {
        allowed reasons { code severity } } }""",
        token=setup["scheduler"],
    )
    first, second = body["data"]["privilegeChecks"]
    assert first == {
        "allowed": False,
        "reasons": [{"code": "PRACTITIONER_NOT_FOUND", "severity": "BLOCKING"}],
    }
    assert second == {
        "allowed": False,
        "reasons": [{"code": "PROCEDURE_NOT_FOUND", "severity": "BLOCKING"}],
    }
    item = {"practitionerStaffNo": "D0001", "procedureCode": "47.0901", "on": "2026-12-01"}
    batch = "query B($i: [PrivilegeCheckInput!]!) { privilegeChecks(inputs: $i) { allowed } }"
    ok = await gql(client, batch, {"i": [item] * 500}, token=setup["scheduler"])
    assert len(ok["data"]["privilegeChecks"]) == 500
    refused = await gql(client, batch, {"i": [item] * 501}, token=setup["scheduler"])
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "VALIDATION"


async def test_bad_dates_and_ids_are_clean_errors(client: httpx.AsyncClient, setup: dict) -> None:
    bad_date = await gql(client, REQUEST.replace("2026-01-01", "2026-13-45"), token=setup["admin"])
    assert bad_date["errors"] and "Traceback" not in str(bad_date)
    before = await gql(
        client,
        REQUEST.replace('validUntil: "2027-12-31"', 'validUntil: "2025-12-31"'),
        token=setup["admin"],
    )
    assert before["data"]["requestPrivilege"]["userErrors"][0]["field"] == ["validUntil"]
    bad_id = await gql(client, ENDORSE, {"id": "not-an-id", "v": 1}, token=setup["admin"])
    assert bad_id["data"]["endorsePrivilege"]["userErrors"][0]["code"] == "VALIDATION"
    grade = await gql(
        client,
        """mutation { requestPrivilege(input: {practitionerStaffNo: "D0001",
        scope: SURGERY_GRADE, specialtyCode: "GS", maxGrade: 4}) { userErrors { field code } } }""",
        token=setup["admin"],
    )
    assert grade["data"]["requestPrivilege"]["userErrors"] == [
        {"field": ["maxGrade"], "code": "VALIDATION"}
    ]
    assert await Privilege.all().count() == 0
