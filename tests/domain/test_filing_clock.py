"""R21/R22: the filing clock runs from the earliest performed case of a technique, and a
backdated case can neither be recorded by a client nor stay uncorrectable (issue 13.8)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import calendar, case_dates, cases, techniques
from domain.actors import Actor, Role
from domain.cases import CaseInput
from domain.errors import DomainError, ErrorCode
from domain.techniques import TechniqueApproval
from models import AuditEvent, CaseRecord, Technique
from tests import factories
from tests.factories import SYSTEM

SCHEDULER = Actor(kind="api_key", id=7, name="OR scheduler", roles=frozenset({Role.SCHEDULER}))
ADMIN = Actor(kind="user", id=1, name="admin", roles=frozenset({Role.ADMIN}))


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    data = await factories.hospital()
    data["lead"] = await factories.practitioner("D0001", title="CHIEF")
    data["technique"] = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await factories.procedure("50.2301", grade=4, name="肝病损射频消融术", technique_code="XZ-08")
    await techniques.approve_technique(
        SYSTEM,
        data["technique"].id,
        1,
        TechniqueApproval(
            decision=factories.committee_decision(),
            lead_staff_no="D0001",
            ethics_approval_ref="伦理-2026-01",
        ),
    )
    await calendar.load_official_calendar(SYSTEM)  # the official 2026 schedule
    return data


def case(ref: str, performed_on: date) -> CaseInput:
    return CaseInput(
        external_ref=ref,
        practitioner_staff_no="D0001",
        procedure_code="50.2301",
        performed_on=performed_on,
    )


async def _technique() -> Technique:
    return await Technique.get(code="XZ-08")


async def test_r21_earlier_case_reported_later_moves_first_use_back(world: dict) -> None:
    await cases.record_case(SCHEDULER, case("HIS-2", date(2026, 11, 20)))
    technique = await _technique()
    assert technique.status == "IN_USE" and technique.first_clinical_use_on == date(2026, 11, 20)
    # Fri 2026-11-20 + 15 working days (no holiday in the window) = Fri 2026-12-11.
    assert technique.filing_due_on == date(2026, 12, 11)
    await cases.record_case(SCHEDULER, case("HIS-1", date(2026, 11, 2)))
    technique = await _technique()
    assert technique.first_clinical_use_on == date(2026, 11, 2)
    assert technique.filing_due_on == date(2026, 11, 23)
    moved = await AuditEvent.filter(action="technique.first_use_moved").count()
    assert moved == 1
    # A later case never moves it forward.
    await cases.record_case(SCHEDULER, case("HIS-3", date(2026, 11, 10)))
    assert (await _technique()).first_clinical_use_on == date(2026, 11, 2)


async def test_r21_filing_after_the_recomputed_deadline_is_flagged_late(world: dict) -> None:
    await cases.record_case(SCHEDULER, case("HIS-2", date(2026, 11, 20)))
    technique = await _technique()
    filed = await techniques.file_technique(
        SYSTEM,
        technique.id,
        technique.version,
        filed_on=date(2026, 11, 24),
        filing_number="京卫备-2026-08",
    )
    assert filed.status == "FILED" and not filed.filed_late
    assert await techniques.late_filings(SYSTEM) == []
    # The OR system reports late a case performed on Mon 2026-10-26: the deadline becomes
    # Mon 2026-11-16, and the filing of 11-24 was eight days late.
    await cases.record_case(SCHEDULER, case("HIS-0", date(2026, 10, 26)))
    technique = await _technique()
    assert technique.status == "FILED"
    assert technique.first_clinical_use_on == date(2026, 10, 26)
    assert technique.filing_due_on == date(2026, 11, 16)
    assert technique.filed_late
    assert [t.code for t in await techniques.late_filings(SYSTEM)] == ["XZ-08"]
    event = await AuditEvent.get(action="technique.filed_late")
    assert event.entity_type == "Technique" and str(event.entity_id) == str(technique.id)


async def test_r22_a_filing_made_after_the_deadline_is_late_when_filed(world: dict) -> None:
    technique = await techniques.record_first_clinical_use(
        SYSTEM, world["technique"].id, 2, date(2026, 10, 26)
    )
    filed = await techniques.file_technique(
        SYSTEM, technique.id, technique.version, filed_on=date(2026, 11, 17), filing_number="X-1"
    )
    assert filed.filing_due_on == date(2026, 11, 16) and filed.filed_late


async def test_r21_technique_filed_straight_from_approved_takes_first_use_from_first_case(
    world: dict,
) -> None:
    technique = await _technique()
    filed = await techniques.file_technique(
        SYSTEM, technique.id, technique.version, filed_on=date(2026, 11, 3), filing_number="X-2"
    )
    assert filed.first_clinical_use_on is None and filed.filing_due_on is None
    await cases.record_case(SCHEDULER, case("HIS-1", date(2026, 11, 16)))
    technique = await _technique()
    assert technique.status == "FILED"
    assert technique.first_clinical_use_on == date(2026, 11, 16)
    assert technique.filing_due_on == date(2026, 12, 7) and not technique.filed_late


async def test_r22_filings_due_and_calendar_recompute_cover_suspended_unfiled(
    world: dict,
) -> None:
    technique = await techniques.record_first_clinical_use(
        SYSTEM, world["technique"].id, 2, date(2026, 11, 16)
    )
    suspended = await techniques.suspend_technique(
        SYSTEM, technique.id, technique.version, "严重不良事件"
    )
    assert suspended.status == "SUSPENDED" and suspended.suspended_from == "IN_USE"
    due = await techniques.filings_due(SYSTEM, within_days=30)
    assert [(d.technique.code, d.technique.filing_due_on) for d in due] == [
        ("XZ-08", date(2026, 12, 7))
    ]
    # A local holiday on Fri 2026-11-27 moves the suspended technique's deadline too.
    await techniques.set_holidays(
        SYSTEM,
        start=date(2026, 11, 27),
        end=date(2026, 11, 27),
        holidays=[techniques.CalendarEntry(date(2026, 11, 27), "院庆")],
        workdays_list=[],
    )
    assert (await _technique()).filing_due_on == date(2026, 12, 8)


async def test_r22_case_dates_in_the_future_or_too_old_are_refused(world: dict) -> None:
    today = date(2026, 11, 24)
    for performed_on in (date(2026, 11, 25), date(2026, 10, 24), date(2025, 1, 1)):
        with pytest.raises(DomainError) as error:
            await cases.record_case(SCHEDULER, case(f"HIS-{performed_on}", performed_on))
        assert error.value.code is ErrorCode.VALIDATION
        assert error.value.field == ["performedOn"]
        assert str(performed_on) in error.value.message
    assert await CaseRecord.all().count() == 0
    technique = await _technique()
    assert technique.status == "APPROVED" and technique.first_clinical_use_on is None
    # The oldest date allowed is exactly the setting's number of days back.
    await cases.record_case(SCHEDULER, case("HIS-oldest", date(2026, 10, 25)))
    assert (today - date(2026, 10, 25)).days == case_dates.DEFAULT_MAX_AGE_DAYS
    # The setting widens the window.
    case_dates.configure(60)
    try:
        await cases.record_case(SCHEDULER, case("HIS-old", date(2026, 10, 1)))
    finally:
        case_dates.configure(case_dates.DEFAULT_MAX_AGE_DAYS)


async def test_r21_admin_corrects_a_first_use_set_by_a_wrong_case(world: dict) -> None:
    await cases.record_case(SCHEDULER, case("HIS-2", date(2026, 11, 20)))
    # A case entered with a wrong date (a typo: 10-26 for 11-26) flips the technique overdue.
    await cases.record_case(SCHEDULER, case("HIS-typo", date(2026, 10, 26)))
    technique = await _technique()
    assert technique.filing_due_on == date(2026, 11, 16)
    assert [d.overdue for d in await techniques.filings_due(SYSTEM, 30)] == [True]
    # Only the medical-affairs ADMIN may correct it, with a reason; bad input changes nothing.
    with pytest.raises(DomainError) as error:
        await techniques.correct_first_clinical_use(
            SCHEDULER, technique.id, technique.version, date(2026, 11, 20), "录入错误"
        )
    assert error.value.code is ErrorCode.FORBIDDEN
    for on, reason, code in (
        (date(2026, 10, 26), "录入错误", ErrorCode.VALIDATION),  # no change
        (date(2026, 11, 25), "录入错误", ErrorCode.VALIDATION),  # future
        (date(2026, 11, 20), " ", ErrorCode.VALIDATION),  # no reason
    ):
        with pytest.raises(DomainError) as error:
            await techniques.correct_first_clinical_use(
                ADMIN, technique.id, technique.version, on, reason
            )
        assert error.value.code is code
    with pytest.raises(DomainError) as error:
        await techniques.correct_first_clinical_use(
            ADMIN, 999_999, 1, date(2026, 11, 20), "录入错误"
        )
    assert error.value.code is ErrorCode.NOT_FOUND
    assert (await _technique()).version == technique.version

    corrected = await techniques.correct_first_clinical_use(
        ADMIN, technique.id, technique.version, date(2026, 11, 20), "病例 HIS-typo 日期录入错误"
    )
    assert corrected.first_clinical_use_on == date(2026, 11, 20)
    assert corrected.filing_due_on == date(2026, 12, 11)
    assert [d.overdue for d in await techniques.filings_due(SYSTEM, 30)] == [False]
    event = await AuditEvent.get(action="technique.first_use_corrected")
    assert event.reason == "病例 HIS-typo 日期录入错误"
    assert event.actor_name == "admin"


async def test_r21_correction_clears_a_late_flag_it_no_longer_deserves(world: dict) -> None:
    await cases.record_case(SCHEDULER, case("HIS-2", date(2026, 11, 20)))
    technique = await _technique()
    await techniques.file_technique(
        SYSTEM, technique.id, technique.version, filed_on=date(2026, 11, 24), filing_number="X-3"
    )
    await cases.record_case(SCHEDULER, case("HIS-typo", date(2026, 10, 26)))
    technique = await _technique()
    assert technique.filed_late
    corrected = await techniques.correct_first_clinical_use(
        ADMIN, technique.id, technique.version, date(2026, 11, 20), "日期录入错误"
    )
    assert not corrected.filed_late and corrected.status == "FILED"
    assert await techniques.late_filings(SYSTEM) == []
