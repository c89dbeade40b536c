"""Issue 16, gap 1: a member institution's filing clock (R21/R22 per institution, R52).
A case performed at a campus of an institution that admitted a technique starts and moves
that institution's own clock, with the same rules as the owner's."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from domain import calendar, cases, clock, institutions, organisation, techniques
from domain import decision as decisions
from domain.actors import Actor, Role
from domain.cases import CaseInput
from domain.committee import CommitteeInput
from domain.decision import CheckInput, Severity
from domain.errors import DomainError, ErrorCode
from domain.institutions import RegistrationInput
from models import AuditEvent, Technique, TechniqueAdmission
from tests import factories
from tests.factories import SYSTEM

SCHEDULER = Actor(kind="api_key", id=7, name="OR scheduler", roles=frozenset({Role.SCHEDULER}))


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    """The default institution (campus MAIN) owns XZ-08, filed there long ago; the county
    hospital CTY (campus CTY-MAIN) admitted it on 2026-10-01; D0001 practises at both."""
    data = await factories.hospital()
    data["cty"] = await institutions.create_institution(
        SYSTEM, code="CTY", name="县人民医院", level="SECONDARY"
    )
    await organisation.create_site(SYSTEM, code="CTY-MAIN", name="县医院", institution_code="CTY")
    await organisation.create_department(SYSTEM, code="CTY-GS", name="普外科", site_code="CTY-MAIN")
    doctor = await factories.practitioner("D0001", title="CHIEF")
    await institutions.create_registration(
        SYSTEM, RegistrationInput(doctor.id, "CTY", "MULTI_SITE", date(2026, 1, 1), None)
    )
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await factories.procedure("50.2301", grade=3, technique_code="XZ-08", name="肝肿瘤消融术")
    technique = await techniques.approve_technique(
        SYSTEM,
        technique.id,
        technique.version,
        techniques.TechniqueApproval(
            decision=CommitteeInput("医疗技术临床应用管理委员会", date(2026, 1, 5), votes_for=9),
            lead_staff_no="D0001",
            ethics_approval_ref="伦审-1",
        ),
    )
    technique = await techniques.record_first_clinical_use(
        SYSTEM, technique.id, technique.version, date(2026, 2, 2)
    )
    await techniques.file_technique(
        SYSTEM, technique.id, technique.version, filed_on=date(2026, 2, 10), filing_number="备-1"
    )
    for site in ("MAIN", "CTY-MAIN"):
        await factories.grant(doctor, "TECHNIQUE", technique_code="XZ-08", site_code=site)
    data["admission"] = await institutions.admit_technique(
        SYSTEM, "XZ-08", "CTY", date(2026, 10, 1)
    )
    await calendar.load_official_calendar(SYSTEM)
    return data


def case(ref: str, performed_on: date, site: str = "CTY-MAIN") -> CaseInput:
    return CaseInput(
        external_ref=ref,
        practitioner_staff_no="D0001",
        procedure_code="50.2301",
        performed_on=performed_on,
        site_code=site,
    )


async def admission() -> TechniqueAdmission:
    return await TechniqueAdmission.get(technique__code="XZ-08", institution__code="CTY")


async def blocking(site: str, on: date) -> set[str]:
    decision = await decisions.check_one(
        SYSTEM,
        CheckInput(practitioner_staff_no="D0001", procedure_code="50.2301", on=on, site_code=site),
    )
    return {r.code.value for r in decision.reasons if r.severity is Severity.BLOCKING}


async def test_r21_r52_a_case_at_a_member_campus_starts_that_members_clock(world: dict) -> None:
    owner_before = await Technique.get(code="XZ-08")
    await cases.record_case(SCHEDULER, case("CTY-2", date(2026, 11, 20)))
    found = await admission()
    assert found.status == "IN_USE"
    assert found.first_clinical_use_on == date(2026, 11, 20)
    # Fri 2026-11-20 + 15 working days = Fri 2026-12-11, as for the owner's technique.
    assert found.filing_due_on == date(2026, 12, 11) and not found.filing_due_on_provisional
    assert await AuditEvent.filter(action="technique_admission.first_clinical_use").count() == 1
    # The owner's clock is the owner's: a member's case does not touch it.
    owner = await Technique.get(code="XZ-08")
    assert owner.first_clinical_use_on == owner_before.first_clinical_use_on == date(2026, 2, 2)
    assert owner.version == owner_before.version
    # A case reported late with an earlier date moves the member's first use back.
    await cases.record_case(SCHEDULER, case("CTY-1", date(2026, 11, 2)))
    found = await admission()
    assert found.first_clinical_use_on == date(2026, 11, 2)
    assert found.filing_due_on == date(2026, 11, 23)
    assert await AuditEvent.filter(action="technique_admission.first_use_moved").count() == 1
    # A later case never moves it forward.
    await cases.record_case(SCHEDULER, case("CTY-3", date(2026, 11, 10)))
    assert (await admission()).first_clinical_use_on == date(2026, 11, 2)


async def test_r22_r52_decisions_at_the_member_block_on_its_overdue_filing_only(
    world: dict,
) -> None:
    await cases.record_case(SCHEDULER, case("CTY-1", date(2026, 11, 2)))  # due 2026-11-23
    assert await blocking("CTY-MAIN", date(2026, 11, 23)) == set()
    assert await blocking("CTY-MAIN", date(2026, 11, 24)) == {"TECHNIQUE_FILING_OVERDUE"}
    assert await blocking("MAIN", date(2026, 11, 24)) == set()  # filed at the owner
    found = await admission()
    await institutions.file_technique_admission(
        SYSTEM, found.id, found.version, date(2026, 11, 24), "县卫健委备-1"
    )
    assert await blocking("CTY-MAIN", date(2026, 11, 24)) == set()
    assert (await admission()).filed_late


async def test_r21_r52_a_member_filing_after_the_recomputed_deadline_is_flagged_late(
    world: dict,
) -> None:
    await cases.record_case(SCHEDULER, case("CTY-2", date(2026, 11, 20)))  # due 12-11
    found = await admission()
    filed = await institutions.file_technique_admission(
        SYSTEM, found.id, found.version, date(2026, 11, 24), "县卫健委备-1"
    )
    assert filed.status == "FILED" and not filed.filed_late
    # The OR system reports late a case of Mon 2026-10-26: due Mon 2026-11-16, filed late.
    await cases.record_case(SCHEDULER, case("CTY-0", date(2026, 10, 26)))
    found = await admission()
    assert found.status == "FILED"
    assert found.filing_due_on == date(2026, 11, 16) and found.filed_late
    event = await AuditEvent.get(action="technique_admission.filed_late")
    assert event.entity_type == "TechniqueAdmission" and str(event.entity_id) == str(found.id)


async def test_r22_r52_a_computed_member_deadline_cannot_be_set_by_hand(world: dict) -> None:
    await cases.record_case(SCHEDULER, case("CTY-2", date(2026, 11, 20)))
    found = await admission()
    with pytest.raises(DomainError) as refused:
        await institutions.file_technique_admission(
            SYSTEM, found.id, found.version, date(2026, 11, 24), "备-2", date(2026, 12, 31)
        )
    assert refused.value.code is ErrorCode.VALIDATION and refused.value.field == ["filingDueOn"]
    unchanged = await admission()
    assert unchanged.version == found.version and unchanged.filed_on is None


async def test_r52_a_case_where_the_technique_is_not_admitted_starts_no_clock(
    world: dict,
) -> None:
    await institutions.create_institution(SYSTEM, code="CTY2", name="二县医院")
    await organisation.create_site(SYSTEM, code="CTY2-MAIN", name="二县", institution_code="CTY2")
    await cases.record_case(SCHEDULER, case("CTY2-1", date(2026, 11, 20), site="CTY2-MAIN"))
    assert await TechniqueAdmission.all().count() == 1
    assert (await admission()).first_clinical_use_on is None
    assert (await Technique.get(code="XZ-08")).first_clinical_use_on == date(2026, 2, 2)


async def test_r22_r52_filings_due_list_member_admissions_with_their_institution(
    world: dict,
) -> None:
    await cases.record_case(SCHEDULER, case("CTY-1", date(2026, 11, 2)))  # due 11-23
    due = await techniques.filings_due(SYSTEM, 15)
    assert [(d.technique.code, d.institution.code if d.institution else None) for d in due] == [
        ("XZ-08", "CTY")
    ]
    assert due[0].overdue and due[0].filing_due_on == date(2026, 11, 23)
    assert due[0].working_days_left < 0
    # An actor bound to another institution does not see CTY's filing.
    main = await institutions.default_institution()
    bound = Actor(
        kind="user",
        id=99,
        name="main admin",
        roles=frozenset({Role.ADMIN}),
        institution_ids=frozenset({main.id}),
    )
    assert await techniques.filings_due(bound, 15) == []
    cty = Actor(
        kind="user",
        id=98,
        name="cty admin",
        roles=frozenset({Role.ADMIN}),
        institution_ids=frozenset({world["cty"].id}),
    )
    assert len(await techniques.filings_due(cty, 15)) == 1


async def test_r22_r52_a_member_deadline_past_the_published_calendar_is_provisional(
    world: dict, fixed_clock: clock.FixedClock
) -> None:
    fixed_clock.advance(days=26)  # 2026-12-20; the 2027 schedule is not loaded
    assert clock.today() == date(2026, 11, 24) + timedelta(days=26)
    await cases.record_case(SCHEDULER, case("CTY-late", date(2026, 12, 18)))
    found = await admission()
    assert found.filing_due_on is not None and found.filing_due_on.year == 2027
    assert found.filing_due_on_provisional
    decision = await decisions.check_one(
        SYSTEM,
        CheckInput(
            practitioner_staff_no="D0001",
            procedure_code="50.2301",
            on=date(2026, 12, 20),
            site_code="CTY-MAIN",
        ),
    )
    assert "CALENDAR_NOT_PUBLISHED" in {r.code.value for r in decision.reasons}
