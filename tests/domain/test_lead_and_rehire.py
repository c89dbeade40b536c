"""R23 (the technique lead stays ACTIVE) and R14 (a rehired practitioner starts afresh)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain import decision as decisions
from domain import organisation, techniques
from domain.decision import CheckInput, ReasonCode, Severity
from domain.errors import DomainError, ErrorCode
from domain.organisation import PractitionerInput
from domain.techniques import TechniqueApproval
from models import AuditEvent, Privilege, Technique
from tests import factories
from tests.factories import SYSTEM

ON = date(2026, 12, 1)


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    data = await factories.hospital()
    data["lead"] = await factories.practitioner("D0001", title="CHIEF")
    data["doctor"] = await factories.practitioner("D0002")
    data["next"] = await factories.practitioner("D0003", title="CHIEF")
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-05", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    data["technique"] = await techniques.approve_technique(
        SYSTEM,
        technique.id,
        technique.version,
        TechniqueApproval(
            decision=factories.committee_decision(date(2026, 1, 5)),
            lead_id=data["lead"].id,
            ethics_approval_ref="伦理-2026-01",
        ),
    )
    await factories.procedure("50.2301", grade=3, name="肝肿瘤射频消融术", technique_code="XZ-05")
    await factories.procedure("47.0901", grade=2)
    await factories.grant(data["doctor"], "TECHNIQUE", technique_code="XZ-05")
    return data


async def _check(staff_no: str = "D0002", code: str = "50.2301") -> decisions.Decision:
    return await decisions.check_one(
        SYSTEM, CheckInput(practitioner_staff_no=staff_no, procedure_code=code, on=ON)
    )


async def test_r23_a_lead_who_leaves_flags_the_technique_until_a_new_lead_is_set(
    world: dict,
) -> None:
    assert ReasonCode.TECHNIQUE_LEAD_INACTIVE.value not in {
        r.code.value for r in (await _check()).reasons
    }
    lead = world["lead"]
    await organisation.update_practitioner(
        SYSTEM, lead.id, lead.version, PractitionerInput(status="LEFT"), reason="离职"
    )
    technique = await Technique.get(id=world["technique"].id)
    assert technique.lead_inactive
    listed = await techniques.techniques_with_inactive_lead(SYSTEM, None, None)
    assert [t.id for t in listed.items] == [technique.id]
    answer = await _check()
    assert answer.allowed  # a warning, not a stop
    [reason] = [r for r in answer.reasons if r.code is ReasonCode.TECHNIQUE_LEAD_INACTIVE]
    assert reason.severity is Severity.WARNING
    assert await AuditEvent.filter(action="technique.lead_inactive").count() == 1

    # Bad input changes nothing: unknown lead, an inactive lead.
    with pytest.raises(DomainError) as error:
        await techniques.set_technique_lead(
            SYSTEM, technique.id, technique.version, lead_staff_no="NOPE"
        )
    assert error.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as error:
        await techniques.set_technique_lead(
            SYSTEM, technique.id, technique.version, lead_id=lead.id
        )
    assert error.value.code is ErrorCode.VALIDATION
    assert (await Technique.get(id=technique.id)).lead_inactive

    updated = await techniques.set_technique_lead(
        SYSTEM, technique.id, technique.version, lead_staff_no="D0003", reason="新负责人"
    )
    assert not updated.lead_inactive and updated.lead_id == world["next"].id  # type: ignore[attr-defined]
    assert ReasonCode.TECHNIQUE_LEAD_INACTIVE.value not in {
        r.code.value for r in (await _check()).reasons
    }


async def test_r23_a_suspended_lead_flags_the_technique_too(world: dict) -> None:
    lead = world["lead"]
    await organisation.update_practitioner(
        SYSTEM, lead.id, lead.version, PractitionerInput(status="SUSPENDED")
    )
    assert (await Technique.get(id=world["technique"].id)).lead_inactive


async def test_r14_a_rehired_practitioner_holds_none_of_the_earlier_privileges(
    world: dict, fixed_clock: Any
) -> None:
    doctor = world["doctor"]
    grade = await factories.grant(
        doctor, "PROCEDURE", procedure_code="47.0901", valid_from=date(2026, 1, 1)
    )
    future = await factories.grant(
        doctor,
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=1,
        valid_from=date(2027, 3, 1),
        valid_until=date(2027, 12, 31),
    )
    left = await organisation.update_practitioner(
        SYSTEM, doctor.id, doctor.version, PractitionerInput(status="LEFT"), reason="离职"
    )
    fixed_clock.at = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)
    await organisation.update_practitioner(
        SYSTEM, doctor.id, left.version, PractitionerInput(status="ACTIVE"), reason="重新入职"
    )
    ended = await Privilege.get(id=grade.id)
    assert ended.status == "ACTIVE" and ended.valid_until == date(2026, 11, 24)
    assert (await Privilege.get(id=future.id)).status == "REVOKED"
    assert await AuditEvent.filter(action="privilege.end_on_leaving").count() == 3

    async def may(code: str, on: date) -> decisions.Decision:
        return await decisions.check_one(
            SYSTEM, CheckInput(practitioner_staff_no="D0002", procedure_code=code, on=on)
        )

    assert not (await may("47.0901", date(2027, 6, 1))).allowed
    assert not (await may("50.2301", date(2027, 6, 1))).allowed
    # The past stays as it was: before leaving, the privilege answered.
    assert (await may("47.0901", date(2026, 6, 1))).allowed
    # New privileges go through the normal approval.
    again = await factories.grant(
        doctor, "PROCEDURE", valid_from=date(2027, 6, 1), valid_until=date(2028, 5, 31)
    )
    assert again.status == "ACTIVE" and (await may("47.0901", date(2027, 6, 2))).allowed


async def test_r23_r14_a_practitioner_import_sets_off_the_same_rules(
    world: dict, fixed_clock: Any
) -> None:
    from domain import imports

    header = "staff_no,name,department_code,title,status\n"
    report = await imports.import_practitioners(
        SYSTEM, (header + "D0001,张伟,GS1,CHIEF,LEFT\nD0002,张伟,GS1,ATTENDING,LEFT\n").encode()
    )
    assert report.ok and report.changed == 2
    assert (await Technique.get(id=world["technique"].id)).lead_inactive
    fixed_clock.at = datetime(2027, 3, 1, 2, 0, tzinfo=UTC)
    report = await imports.import_practitioners(
        SYSTEM, (header + "D0002,张伟,GS1,ATTENDING,ACTIVE\n").encode()
    )
    assert report.ok and report.changed == 1
    held = await Privilege.filter(practitioner_id=world["doctor"].id)
    assert [p.valid_until for p in held] == [date(2026, 11, 24)]
