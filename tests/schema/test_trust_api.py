"""Issue 12 through GraphQL: typed errors for bad input (a procedureGrade of 5, an unknown
lead, a day-surgery emergency), Evaluation.decision, outOfPrivilegeCases."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from domain import reviews, techniques
from domain.reviews import ManualMetrics, Selection
from models import CaseRecord, Evaluation, ReviewCycle
from schema import ids
from tests import factories
from tests.factories import SYSTEM, gql

DECISION = (
    'decision: {committee: "手术分级管理委员会", meetingOn: "2026-11-20", votesFor: 5, '
    'votesAgainst: 1, votesAbstain: 0, minutesRef: "2026-11"}'
)


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> str:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure("47.0901", grade=2)
    await factories.procedure("52.7001", grade=4, name="胰十二指肠切除术")
    await factories.grant(doctor, procedure_code="52.7001", valid_from=date(2025, 6, 1))
    return await factories.token_for("admin", ["ADMIN"])


async def test_r30_a_procedure_grade_of_five_is_a_typed_error(
    client: httpx.AsyncClient, admin: str
) -> None:
    for grade, field in ((5, "procedureGrade"), (0, "procedureGrade")):
        data = await gql(
            client,
            'mutation { openReviewCycle(input: {name: "C", periodStart: "2026-01-01", '
            'periodEnd: "2026-06-30", dueOn: "2026-07-31", selection: {procedureGrade: '
            + str(grade)
            + "}}) { reviewCycle { id } userErrors { field code } } }",
            token=admin,
        )
        payload = data["data"]["openReviewCycle"]
        assert payload["reviewCycle"] is None
        assert payload["userErrors"][0]["code"] == "VALIDATION"
        assert field in payload["userErrors"][0]["field"][-1]
    assert await ReviewCycle.all().count() == 0
    data = await gql(
        client,
        'mutation { openReviewCycle(input: {name: "年度", periodStart: "2026-01-01", '
        'periodEnd: "2026-06-30", dueOn: "2026-07-31", selection: {procedureGrade: 4, '
        "dueForReevaluation: true}}) { reviewCycle { id } userErrors { code } } }",
        token=admin,
    )
    assert data["data"]["openReviewCycle"]["userErrors"] == []
    assert await Evaluation.all().count() == 1


async def test_r41_a_day_surgery_emergency_is_a_typed_error(
    client: httpx.AsyncClient, admin: str
) -> None:
    data = await gql(
        client,
        '{ privilegeCheck(input: {practitionerStaffNo: "D0001", procedureCode: "47.0901", '
        'on: "2026-12-01", setting: DAY_SURGERY, emergency: true}) { allowed } }',
        token=admin,
    )
    assert data.get("data") is None or data["data"].get("privilegeCheck") is None
    assert data["errors"][0]["extensions"]["code"] == "VALIDATION"
    data = await gql(
        client,
        'mutation { recordCase(input: {externalRef: "x-1", practitionerStaffNo: "D0001", '
        'procedureCode: "47.0901", performedOn: "2026-11-20", setting: DAY_SURGERY, '
        "emergency: true}) { caseRecord { id } userErrors { field code } } }",
        token=admin,
    )
    payload = data["data"]["recordCase"]
    assert payload["caseRecord"] is None
    assert payload["userErrors"] == [{"field": ["emergency"], "code": "VALIDATION"}]
    assert await CaseRecord.all().count() == 0


async def test_r23_set_technique_lead_with_an_unknown_lead_changes_nothing(
    client: httpx.AsyncClient, admin: str
) -> None:
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-05", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    data = await gql(
        client,
        'mutation { setTechniqueLead(input: {id: "'
        + ids.encode("Technique", technique.id)
        + '", expectedVersion: 1, leadStaffNo: "NOPE"}) '
        "{ technique { leadInactive } userErrors { field code } } }",
        token=admin,
    )
    payload = data["data"]["setTechniqueLead"]
    assert payload["technique"] is None and payload["userErrors"][0]["code"] == "NOT_FOUND"
    data = await gql(
        client,
        'mutation { setTechniqueLead(input: {id: "'
        + ids.encode("Technique", technique.id)
        + '", expectedVersion: 1, leadStaffNo: "D0001"}) '
        "{ technique { leadInactive lead { staffNo } } userErrors { code } } }",
        token=admin,
    )
    assert data["data"]["setTechniqueLead"]["technique"] == {
        "leadInactive": False,
        "lead": {"staffNo": "D0001"},
    }


async def test_evaluation_exposes_its_committee_decision_and_out_of_privilege_cases(
    client: httpx.AsyncClient, admin: str
) -> None:
    from domain import cases
    from domain.cases import CaseInput

    await cases.record_case(
        SYSTEM,
        CaseInput(
            external_ref="or-1",
            practitioner_staff_no="D0001",
            procedure_code="47.0901",
            performed_on=date(2026, 3, 2),
        ),
    )
    cycle = await reviews.open_review_cycle(
        SYSTEM,
        name="年度",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 10, 31),
        due_on=date(2026, 12, 15),
        selection=Selection(procedure_grade=4),
    )
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(12), recommendation="暂停"
    )
    node = ids.encode("Evaluation", evaluation.id)
    data = await gql(
        client,
        'mutation { decideEvaluation(input: {id: "'
        + node
        + '", expectedVersion: 2, outcome: SUSPEND, reason: "越级手术", '
        + DECISION
        + "}) { evaluation { outOfPrivilegeCount decision { votesFor votesAgainst minutesRef "
        "outcome } } userErrors { code } } }",
        token=admin,
    )
    payload: dict[str, Any] = data["data"]["decideEvaluation"]
    assert payload["userErrors"] == []
    assert payload["evaluation"]["outOfPrivilegeCount"] == 1
    decision = payload["evaluation"]["decision"]
    assert (decision["votesFor"], decision["votesAgainst"], decision["minutesRef"]) == (
        5,
        1,
        "2026-11",
    )
    listed = await gql(
        client,
        '{ outOfPrivilegeCases(from: "2026-01-01", to: "2026-12-31", department: "GS1") '
        "{ nodes { externalRef outOfPrivilege outOfPrivilegeReasons } } }",
        token=admin,
    )
    assert listed["data"]["outOfPrivilegeCases"]["nodes"] == [
        {"externalRef": "or-1", "outOfPrivilege": True, "outOfPrivilegeReasons": ["NO_PRIVILEGE"]}
    ]
