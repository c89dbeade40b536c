"""Issue 16 gaps over GraphQL: the institution of a committee decision, and the member
admissions in `techniqueFilingsDue` with their clock fields."""

from __future__ import annotations

from datetime import date

import httpx

from domain import calendar, cases, institutions, organisation, techniques
from domain.actors import Actor, Role
from domain.cases import CaseInput
from domain.committee import CommitteeInput
from domain.institutions import RegistrationInput
from tests import factories
from tests.factories import SYSTEM, gql

SCHEDULER = Actor(kind="api_key", id=7, name="OR scheduler", roles=frozenset({Role.SCHEDULER}))


async def _world() -> str:
    await factories.hospital()
    await institutions.create_institution(SYSTEM, code="CTY", name="县医院", level="SECONDARY")
    await organisation.create_site(
        SYSTEM, code="CTY-MAIN", name="县医院本部", institution_code="CTY"
    )
    await organisation.create_department(SYSTEM, code="CTY-GS", name="普外科", site_code="CTY-MAIN")
    return await factories.token_for("admin", ["ADMIN"])


async def test_a_committee_decision_names_the_deciding_institution(
    db: None, client: httpx.AsyncClient
) -> None:
    token = await _world()
    await factories.procedure()
    doctor = await factories.practitioner("D0001")
    await factories.grant(doctor)
    await factories.grant(doctor, site_code="CTY-MAIN")
    body = await gql(
        client,
        "{ privileges { nodes { site { code } basis { committee institution { code } } } } }",
        token=token,
    )
    assert "errors" not in body, body
    got = {
        n["site"]["code"]: n["basis"]["institution"]["code"]
        for n in body["data"]["privileges"]["nodes"]
    }
    assert got == {"MAIN": "MAIN", "CTY-MAIN": "CTY"}


async def test_technique_filings_due_lists_member_admissions_with_their_institution(
    db: None, client: httpx.AsyncClient
) -> None:
    token = await _world()
    doctor = await factories.practitioner("D0001", title="CHIEF")
    await institutions.create_registration(
        SYSTEM, RegistrationInput(doctor.id, "CTY", "MULTI_SITE", date(2026, 1, 1), None)
    )
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await factories.procedure("50.2301", grade=3, technique_code="XZ-08", name="肝肿瘤消融术")
    await techniques.approve_technique(
        SYSTEM,
        technique.id,
        technique.version,
        techniques.TechniqueApproval(
            decision=CommitteeInput("医疗技术临床应用管理委员会", date(2026, 1, 5), votes_for=9),
            lead_staff_no="D0001",
            ethics_approval_ref="伦审-1",
        ),
    )
    await institutions.admit_technique(SYSTEM, "XZ-08", "CTY", date(2026, 10, 1))
    await calendar.load_official_calendar(SYSTEM)
    await cases.record_case(
        SCHEDULER,
        CaseInput(
            external_ref="CTY-1",
            practitioner_staff_no="D0001",
            procedure_code="50.2301",
            performed_on=date(2026, 11, 20),
            site_code="CTY-MAIN",
        ),
    )
    body = await gql(
        client,
        "{ techniqueFilingsDue(withinDays: 30) { technique { code } institution { code } "
        "filingDueOn filingDueOnProvisional overdue } }",
        token=token,
    )
    assert "errors" not in body, body
    assert body["data"]["techniqueFilingsDue"] == [
        {
            "technique": {"code": "XZ-08"},
            "institution": {"code": "CTY"},
            "filingDueOn": "2026-12-11",
            "filingDueOnProvisional": False,
            "overdue": False,
        }
    ]
