"""R21/R22 through GraphQL: holidayCalendar, provisional and late flags, the ADMIN
correction of a first clinical use, and backdated cases refused as userErrors."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from domain import auth, calendar, techniques
from domain.techniques import TechniqueApproval
from models import AuditEvent, CaseRecord, Technique
from schema import ids
from tests import factories
from tests.factories import SYSTEM, gql

HOLIDAY_CALENDAR = """query($year: Int!) { holidayCalendar(year: $year) {
  year covered origin source { title documentNumber publishedOn }
  holidays { date name } workdays { date name } } }"""

RECORD_CASE = """mutation($ref: String!, $on: Date!) { recordCase(input: {externalRef: $ref,
  practitionerStaffNo: "D0001", procedureCode: "50.2301", performedOn: $on}) {
  userErrors { field message code } } }"""

TECHNIQUE = """query { techniques(filter: {status: IN_USE}) { edges { node {
  code firstClinicalUseOn filingDueOn filingDueOnProvisional filedLate version id } } } }"""

CORRECT = """mutation($id: ID!, $v: Int!, $on: Date!, $reason: String!) {
  correctFirstClinicalUse(input: {id: $id, expectedVersion: $v, performedOn: $on,
    reason: $reason}) {
  technique { firstClinicalUseOn filingDueOn version } userErrors { field message code } } }"""


@pytest.fixture
async def setup(client: httpx.AsyncClient) -> dict[str, Any]:
    await factories.hospital()
    await factories.practitioner("D0001", title="CHIEF")
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await factories.procedure("50.2301", grade=4, name="肝病损射频消融术", technique_code="XZ-08")
    await techniques.approve_technique(
        SYSTEM,
        technique.id,
        1,
        TechniqueApproval(
            decision=factories.committee_decision(), lead_staff_no="D0001", ethics_approval_ref="E"
        ),
    )
    await calendar.load_official_calendar(SYSTEM)
    key = await auth.create_api_key(SYSTEM, name="OR", roles=["SCHEDULER"])
    assert key.secret is not None
    return {
        "admin": await factories.token_for("admin", ["ADMIN"]),
        "auditor": await factories.token_for("auditor", ["AUDITOR"]),
        "scheduler": key.secret,
        "technique_id": ids.encode("Technique", technique.id),
    }


async def test_r22_holiday_calendar_query(client: httpx.AsyncClient, setup: dict) -> None:
    body = await gql(client, HOLIDAY_CALENDAR, {"year": 2026}, token=setup["auditor"])
    year = body["data"]["holidayCalendar"]
    assert year["covered"] and year["origin"] == "OFFICIAL"
    assert year["source"] == {
        "title": "国务院办公厅关于2026年部分节假日安排的通知",
        "documentNumber": "国办发明电〔2025〕7号",
        "publishedOn": "2025-11-04",
    }
    assert len(year["holidays"]) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert [d["date"] for d in year["workdays"]] == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    body = await gql(client, HOLIDAY_CALENDAR, {"year": 2031}, token=setup["auditor"])
    assert body["data"]["holidayCalendar"]["covered"] is False
    body = await gql(client, HOLIDAY_CALENDAR, {"year": -5}, token=setup["auditor"])
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"


async def test_r22_backdated_case_refused_and_admin_correction(
    client: httpx.AsyncClient, setup: dict
) -> None:
    for ref, on in (("HIS-future", "2026-11-25"), ("HIS-old", "2026-09-01")):
        body = await gql(client, RECORD_CASE, {"ref": ref, "on": on}, token=setup["scheduler"])
        errors = body["data"]["recordCase"]["userErrors"]
        assert [(e["code"], e["field"]) for e in errors] == [("VALIDATION", ["performedOn"])]
        assert on in errors[0]["message"]
    assert await CaseRecord.all().count() == 0

    for ref, on in (("HIS-2", "2026-11-20"), ("HIS-typo", "2026-10-26")):
        body = await gql(client, RECORD_CASE, {"ref": ref, "on": on}, token=setup["scheduler"])
        assert body["data"]["recordCase"]["userErrors"] == []
    node = (await gql(client, TECHNIQUE, token=setup["admin"]))["data"]["techniques"]["edges"][0][
        "node"
    ]
    assert node["firstClinicalUseOn"] == "2026-10-26" and node["filingDueOn"] == "2026-11-16"
    assert node["filingDueOnProvisional"] is False and node["filedLate"] is False

    variables = {"id": node["id"], "v": node["version"], "on": "2026-11-20", "reason": "录入错误"}
    refused = await gql(client, CORRECT, variables, token=setup["scheduler"])
    assert refused["data"]["correctFirstClinicalUse"]["userErrors"][0]["code"] == "FORBIDDEN"
    stale = await gql(client, CORRECT, {**variables, "v": 1}, token=setup["admin"])
    assert stale["data"]["correctFirstClinicalUse"]["userErrors"][0]["code"] == "CONFLICT"
    done = await gql(client, CORRECT, variables, token=setup["admin"])
    payload = done["data"]["correctFirstClinicalUse"]
    assert payload["userErrors"] == []
    assert payload["technique"]["firstClinicalUseOn"] == "2026-11-20"
    assert payload["technique"]["filingDueOn"] == "2026-12-11"
    event = await AuditEvent.get(action="technique.first_use_corrected")
    assert event.reason == "录入错误" and event.actor_name == "admin"
    assert (await Technique.get(code="XZ-08")).first_clinical_use_on.isoformat() == "2026-11-20"


async def test_r21_techniques_filed_late_query(client: httpx.AsyncClient, setup: dict) -> None:
    for ref, on in (("HIS-2", "2026-11-20"),):
        await gql(client, RECORD_CASE, {"ref": ref, "on": on}, token=setup["scheduler"])
    technique = await Technique.get(code="XZ-08")
    await techniques.file_technique(
        SYSTEM,
        technique.id,
        technique.version,
        filed_on=technique.first_clinical_use_on,
        filing_number="备-1",
    )
    query = "{ techniquesFiledLate { code filedLate filingDueOn filedOn } }"
    assert (await gql(client, query, token=setup["auditor"]))["data"]["techniquesFiledLate"] == []
    await gql(client, RECORD_CASE, {"ref": "HIS-0", "on": "2026-10-26"}, token=setup["scheduler"])
    late = (await gql(client, query, token=setup["auditor"]))["data"]["techniquesFiledLate"]
    assert late == [
        {"code": "XZ-08", "filedLate": True, "filingDueOn": "2026-11-16", "filedOn": "2026-11-20"}
    ]
