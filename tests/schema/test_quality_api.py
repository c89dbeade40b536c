"""Issue 17 through GraphQL: qualityIndicators, recordCase's new fields and their typed
errors, and the adjustment proposals' list, accept and dismiss."""

from __future__ import annotations

from typing import Any

import httpx

from domain.quality import adjustments
from models import AdjustmentProposal, CaseRecord
from schema import ids
from tests import factories
from tests.domain import quality_world
from tests.factories import SYSTEM, gql

QUERY = """
query($scope: QualityScopeInput, $period: QualityPeriod!) {
  qualityIndicators(from: "2026-07-01", to: "2026-09-30", period: $period, scope: $scope) {
    period scope
    indicators { code name definition ratio
      points { period from to value { numerator denominator rate counts { key count } } }
      byDepartment { departmentCode value { numerator denominator } } }
  }
}
"""


async def test_quality_indicators_over_graphql(client: httpx.AsyncClient) -> None:
    await quality_world.build()
    token = await factories.token_for("officer", ["ADMIN"])
    body = await gql(client, QUERY, {"period": "MONTH"}, token)
    assert "errors" not in body, body
    figures = {i["code"]: i for i in body["data"]["qualityIndicators"]["indicators"]}
    mdt = figures["MDT_COMPLETION"]
    assert mdt["name"] == "四级手术术前多学科讨论完成率"
    assert [
        (p["period"], p["value"]["numerator"], p["value"]["denominator"]) for p in mdt["points"]
    ] == [
        ("2026-07", 1.0, 1.0),
        ("2026-08", 0.0, 2.0),
        ("2026-09", 1.0, 2.0),
    ]
    assert figures["COMPLICATION_RATE_RATIO"]["ratio"] is True
    body = await gql(client, QUERY, {"period": "QUARTER", "scope": {"institution": "G1"}}, token)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    body = await gql(client, QUERY, {"period": "QUARTER", "scope": {"institution": "MAIN"}}, token)
    assert len(body["data"]["qualityIndicators"]["indicators"]) == 13
    body = await gql(client, QUERY, {"period": "QUARTER", "scope": {}}, token)
    assert len(body["data"]["qualityIndicators"]["indicators"]) == 13
    body = await gql(client, "{ procedures(first: 20) { nodes { code filed } } }", token=token)
    filed = {n["code"] for n in body["data"]["procedures"]["nodes"] if n["filed"]}
    assert filed == {"51.2301", "51.2302", "52.7001"}


RECORD = """
mutation($input: RecordCaseInput!) { recordCase(input: $input) {
  caseRecord { startedAt endedAt mdtTimely adverseEventGrade plannedOperator { staffNo } }
  userErrors { field code } } }
"""


async def test_record_case_new_fields_and_typed_errors(client: httpx.AsyncClient) -> None:
    await factories.hospital()
    await factories.practitioner("D0001")
    await factories.practitioner("D0002")
    await factories.procedure("47.0901", grade=2)
    token = await factories.token_for("orsys", ["SCHEDULER"])
    base = {
        "externalRef": "G1",
        "practitionerStaffNo": "D0001",
        "procedureCode": "47.0901",
        "performedOn": "2026-11-20",
    }
    bad = dict(
        base,
        startedAt="2026-11-20T10:00:00+08:00",
        endedAt="2026-11-20T09:00:00+08:00",
        adverseEventGrade=7,
    )
    body = await gql(client, RECORD, {"input": bad}, token)
    errors = body["data"]["recordCase"]["userErrors"]
    assert {(tuple(e["field"]), e["code"]) for e in errors} == {
        (("endedAt",), "VALIDATION"),
        (("adverseEventGrade",), "VALIDATION"),
    }
    assert await CaseRecord.all().count() == 0
    good = dict(
        base,
        startedAt="2026-11-20T09:00:00+08:00",
        endedAt="2026-11-20T10:30:00+08:00",
        adverseEventGrade=2,
        plannedOperatorStaffNo="D0002",
        mdtDiscussedAt="2026-11-19T15:00:00+08:00",
        orderedAt="2026-11-19T10:00:00+08:00",
    )
    body = await gql(client, RECORD, {"input": good}, token)
    case = body["data"]["recordCase"]["caseRecord"]
    assert body["data"]["recordCase"]["userErrors"] == []
    assert case["mdtTimely"] is False and case["adverseEventGrade"] == 2
    assert case["plannedOperator"] == {"staffNo": "D0002"}


LIST = """
{ adjustmentProposals(filter: {status: PENDING}) { nodes { id trigger proposedAction version
  status evidenceCaseIds facts practitioner { staffNo } } } }
"""
ACCEPT = """
mutation($input: AcceptAdjustmentProposalInput!) { acceptAdjustmentProposal(input: $input) {
  adjustmentProposal { status appliedAction decision { outcome } privilege { status } }
  userErrors { field code } } }
"""
DISMISS = """
mutation($input: DismissAdjustmentProposalInput!) { dismissAdjustmentProposal(input: $input) {
  adjustmentProposal { status decisionReason } userErrors { field code } } }
"""
DECISION = {"committee": "手术分级管理委员会", "meetingOn": "2026-11-24", "votesFor": 5}


async def test_proposals_listed_accepted_and_dismissed(client: httpx.AsyncClient) -> None:
    await quality_world.build()
    await adjustments.run_adjustments(SYSTEM)
    token = await factories.token_for("committee1", ["COMMITTEE"])
    body = await gql(client, LIST, token=token)
    nodes: list[dict[str, Any]] = body["data"]["adjustmentProposals"]["nodes"]
    triggers = {n["trigger"] for n in nodes}
    assert {"OUT_OF_PRIVILEGE", "UNJUSTIFIED_OVERRIDE", "DEATHS"} <= triggers
    deaths = next(n for n in nodes if n["trigger"] == "DEATHS")
    assert deaths["proposedAction"] == "SUSPEND" and deaths["evidenceCaseIds"]
    bad = await gql(
        client,
        ACCEPT,
        {
            "input": {
                "id": deaths["id"],
                "expectedVersion": 9,
                "reason": "暂停",
                "decision": DECISION,
            }
        },
        token,
    )
    assert bad["data"]["acceptAdjustmentProposal"]["userErrors"][0]["code"] == "CONFLICT"
    ok = await gql(
        client,
        ACCEPT,
        {
            "input": {
                "id": deaths["id"],
                "expectedVersion": 1,
                "reason": "暂停",
                "decision": DECISION,
            }
        },
        token,
    )
    result = ok["data"]["acceptAdjustmentProposal"]
    assert result["userErrors"] == [], result
    assert result["adjustmentProposal"]["privilege"]["status"] == "SUSPENDED"
    assert result["adjustmentProposal"]["decision"]["outcome"] == "SUSPEND"
    oop = next(n for n in nodes if n["trigger"] == "OUT_OF_PRIVILEGE")
    empty = await gql(
        client, DISMISS, {"input": {"id": oop["id"], "expectedVersion": 1, "reason": ""}}, token
    )
    assert empty["data"]["dismissAdjustmentProposal"]["userErrors"][0]["code"] == "VALIDATION"
    done = await gql(
        client,
        DISMISS,
        {"input": {"id": oop["id"], "expectedVersion": 1, "reason": "已说明"}},
        token,
    )
    assert done["data"]["dismissAdjustmentProposal"]["adjustmentProposal"]["status"] == "DISMISSED"
    pk = ids.decode(oop["id"], "AdjustmentProposal")
    assert (await AdjustmentProposal.get(id=pk)).status == "DISMISSED"
