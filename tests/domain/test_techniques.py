"""SPEC 3.3: technique admission, first use, filing (R20-R24) and the calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import organisation, techniques
from domain.errors import DomainError, ErrorCode
from domain.organisation import PractitionerInput
from domain.techniques import CalendarEntry, TechniqueApproval
from models import CommitteeDecision, Technique
from tests import factories
from tests.factories import SYSTEM


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    data = await factories.hospital()
    data["lead"] = await factories.practitioner("D0001", title="CHIEF")
    return data


async def _restricted(code: str = "XZ-08", category: str = "RESTRICTED_NATIONAL") -> Technique:
    return await techniques.create_technique(
        SYSTEM, code=code, name="肿瘤消融治疗技术", category=category
    )


def _approval(lead: str = "D0001", ethics: str | None = "伦理-2026-01") -> TechniqueApproval:
    return TechniqueApproval(
        decision=factories.committee_decision(), lead_staff_no=lead, ethics_approval_ref=ethics
    )


async def test_approval_records_committee_and_lead(world: dict) -> None:
    technique = await _restricted()
    approved = await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    assert approved.status == "APPROVED" and approved.lead_id == world["lead"].id
    assert approved.approved_on == date(2026, 1, 5)
    decision = await CommitteeDecision.get(subject_type="Technique", subject_id=technique.id)
    assert decision.outcome == "APPROVED"


async def test_r20_prohibited_technique_can_never_be_approved(world: dict) -> None:
    technique = await _restricted("JZ-01", "PROHIBITED")
    with pytest.raises(DomainError) as error:
        await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    assert error.value.code is ErrorCode.VALIDATION
    assert (await Technique.get(id=technique.id)).status == "PROPOSED"


async def test_r23_lead_must_be_an_active_practitioner(world: dict) -> None:
    lead = world["lead"]
    await organisation.update_practitioner(
        SYSTEM, lead.id, lead.version, PractitionerInput(status="LEFT")
    )
    technique = await _restricted()
    with pytest.raises(DomainError) as error:
        await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    assert error.value.field == ["leadStaffNo"]
    with pytest.raises(DomainError) as error:
        await techniques.approve_technique(SYSTEM, technique.id, 1, _approval("NOBODY"))
    assert error.value.code is ErrorCode.NOT_FOUND


async def test_restricted_technique_needs_ethics_reference(world: dict) -> None:
    technique = await _restricted()
    with pytest.raises(DomainError) as error:
        await techniques.approve_technique(SYSTEM, technique.id, 1, _approval(ethics=None))
    assert error.value.field == ["ethicsApprovalRef"]


async def test_r21_r22_first_use_sets_filing_due_with_the_calendar(world: dict) -> None:
    await techniques.set_holidays(
        SYSTEM,
        start=date(2025, 9, 1),
        end=date(2025, 10, 31),
        holidays=[CalendarEntry(date(2025, 10, d), "国庆节") for d in range(1, 9)],
        workdays_list=[CalendarEntry(date(2025, 9, 28)), CalendarEntry(date(2025, 10, 11))],
    )
    technique = await _restricted()
    await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    in_use = await techniques.record_first_clinical_use(SYSTEM, technique.id, 2, date(2025, 9, 25))
    assert in_use.status == "IN_USE" and in_use.first_clinical_use_on == date(2025, 9, 25)
    assert in_use.filing_due_on == date(2025, 10, 22)


async def test_changing_the_calendar_recomputes_pending_deadlines(world: dict) -> None:
    technique = await _restricted()
    await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    in_use = await techniques.record_first_clinical_use(SYSTEM, technique.id, 2, date(2025, 9, 25))
    assert in_use.filing_due_on == date(2025, 10, 16)  # no holidays known yet
    await techniques.set_holidays(
        SYSTEM,
        start=date(2025, 10, 1),
        end=date(2025, 10, 31),
        holidays=[CalendarEntry(date(2025, 10, d)) for d in range(1, 9)],
        workdays_list=[CalendarEntry(date(2025, 10, 11))],
    )
    # Without the Sep 28 make-up day (outside the range set) the deadline is Oct 23.
    assert (await Technique.get(id=technique.id)).filing_due_on == date(2025, 10, 23)


async def test_new_technique_gets_no_filing_deadline(world: dict) -> None:
    technique = await _restricted("NEW-01", "NEW")
    await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    in_use = await techniques.record_first_clinical_use(SYSTEM, technique.id, 2, date(2026, 11, 2))
    assert in_use.status == "IN_USE" and in_use.filing_due_on is None
    with pytest.raises(DomainError):
        await techniques.file_technique(
            SYSTEM, technique.id, 3, filed_on=date(2026, 11, 3), filing_number="X"
        )


async def test_filing_suspend_reinstate_stop(world: dict) -> None:
    technique = await _restricted()
    await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
    await techniques.record_first_clinical_use(SYSTEM, technique.id, 2, date(2026, 11, 2))
    filed = await techniques.file_technique(
        SYSTEM, technique.id, 3, filed_on=date(2026, 11, 20), filing_number="京卫备-2026-08"
    )
    assert filed.status == "FILED" and filed.filing_number == "京卫备-2026-08"
    suspended = await techniques.suspend_technique(SYSTEM, technique.id, 4, "严重不良事件")
    assert suspended.status == "SUSPENDED"
    reinstated = await techniques.reinstate_technique(SYSTEM, technique.id, 5, "整改完成")
    assert reinstated.status == "FILED"  # back to the state it was suspended from
    stopped = await techniques.stop_technique(SYSTEM, technique.id, 6, "停止开展")
    assert stopped.status == "STOPPED" and stopped.stopped_reason == "停止开展"
    for operation in (
        techniques.suspend_technique,
        techniques.reinstate_technique,
        techniques.stop_technique,
    ):
        with pytest.raises(DomainError) as error:
            await operation(SYSTEM, technique.id, 7, "again")
        assert error.value.code is ErrorCode.INVALID_TRANSITION


async def test_filings_due_lists_overdue_first(world: dict, fixed_clock: Any) -> None:
    early, late = await _restricted("XZ-01"), await _restricted("XZ-02")
    for technique, first_use in ((early, date(2026, 10, 12)), (late, date(2026, 11, 16))):
        await techniques.approve_technique(SYSTEM, technique.id, 1, _approval())
        await techniques.record_first_clinical_use(SYSTEM, technique.id, 2, first_use)
    due = await techniques.filings_due(SYSTEM, within_days=30)
    assert [d.technique.code for d in due] == ["XZ-01", "XZ-02"]
    assert due[0].overdue and due[0].working_days_left < 0
    assert not due[1].overdue and due[1].working_days_left > 0


async def test_set_holidays_rejects_bad_calendars(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await techniques.set_holidays(
            SYSTEM,
            start=date(2026, 10, 1),
            end=date(2026, 10, 31),
            holidays=[],
            workdays_list=[CalendarEntry(date(2026, 10, 8))],
        )
    assert "周末" in error.value.message  # zh-CN by default
    assert "weekend" in error.value.localized("en")
    with pytest.raises(DomainError):
        await techniques.set_holidays(
            SYSTEM,
            start=date(2026, 10, 1),
            end=date(2026, 10, 31),
            holidays=[CalendarEntry(date(2026, 11, 1))],
            workdays_list=[],
        )
