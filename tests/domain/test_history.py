"""SPEC 4 `knownAt`: answers as the registry stood at a moment, from stored history."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from domain import decision as decisions
from domain import history, imports, organisation, privileges
from domain.actors import Actor, Role
from domain.decision import CheckInput
from domain.errors import DomainError, ErrorCode
from domain.organisation import PractitionerInput
from tests import factories
from tests.factories import SYSTEM

ON = date(2026, 12, 1)


async def answer(at: datetime, code: str = "47.0901") -> decisions.Decision:
    return await decisions.check_one(
        SYSTEM, CheckInput(practitioner_staff_no="D0001", procedure_code=code, on=ON), known_at=at
    )


async def test_answers_at_each_moment_of_a_privileges_history(db: None, fixed_clock: Any) -> None:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    moments: list[datetime] = []

    def tick() -> None:
        fixed_clock.advance(hours=1)
        moments.append(fixed_clock.now())
        fixed_clock.advance(minutes=1)

    tick()  # 0: before any privilege
    granted = await factories.grant(doctor)
    tick()  # 1: active
    suspended = await privileges.suspend_privilege(SYSTEM, granted.id, granted.version, "调查")
    tick()  # 2: suspended
    back = await privileges.reinstate_privilege(SYSTEM, granted.id, suspended.version, "结束")
    tick()  # 3: reinstated
    current = await organisation.update_practitioner(
        SYSTEM, doctor.id, doctor.version, PractitionerInput(status="SUSPENDED")
    )
    tick()  # 4: practitioner suspended
    await organisation.update_practitioner(
        SYSTEM, doctor.id, current.version, PractitionerInput(status="ACTIVE")
    )
    await privileges.revoke_privilege(SYSTEM, granted.id, back.version, "吊销")
    tick()  # 5: revoked
    expected = [
        {"NO_PRIVILEGE"},
        set(),
        {"PRIVILEGE_SUSPENDED"},
        set(),
        {"PRACTITIONER_INACTIVE"},
        {"PRIVILEGE_REVOKED"},
    ]
    versions = []
    for moment, codes in zip(moments, expected, strict=True):
        result = await answer(moment)
        assert {r.code.value for r in result.reasons} == codes, moment
        assert result.allowed == (codes == set())
        versions.append(result.registry_version)
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    # The present answer agrees with the last moment.
    now = await decisions.check_one(
        SYSTEM, CheckInput(practitioner_staff_no="D0001", procedure_code="47.0901", on=ON)
    )
    assert {r.code.value for r in now.reasons} == {"PRIVILEGE_REVOKED"}


async def test_known_at_sees_the_catalogue_version_of_that_moment(
    db: None, fixed_clock: Any
) -> None:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    header = "code,name,grade,specialty,day_surgery,technique_code\n"
    await imports.import_procedures(
        SYSTEM,
        (header + "51.2301,腹腔镜胆囊切除术,3,GS,true,\n").encode(),
        effective_from=date(2026, 1, 1),
    )
    await factories.grant(
        doctor, "SURGERY_GRADE", procedure_code=None, specialty_code="GS", max_grade=3
    )
    fixed_clock.advance(hours=1)
    before_regrade = fixed_clock.now()
    fixed_clock.advance(hours=1)
    await imports.import_procedures(
        SYSTEM,
        (header + "51.2301,腹腔镜胆囊切除术,4,GS,true,\n").encode(),
        effective_from=date(2026, 11, 24),
    )
    assert (await answer(before_regrade, "51.2301")).allowed
    now = await answer(fixed_clock.now() + timedelta(seconds=1), "51.2301")
    assert not now.allowed and now.requires_mdt


async def test_known_at_is_for_auditors_and_admins(db: None) -> None:
    scheduler = Actor(kind="api_key", id=1, name="or", roles=frozenset({Role.SCHEDULER}))
    with pytest.raises(DomainError) as error:
        await decisions.check_one(
            scheduler,
            CheckInput(practitioner_staff_no="D0001", procedure_code="47.0901", on=ON),
            known_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
    assert error.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError):
        await history.seq_at(datetime(2026, 1, 1))  # naive datetime


async def test_privilege_list_known_at(db: None, fixed_clock: Any) -> None:
    from domain.privileges import PrivilegeFilter

    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    granted = await factories.grant(doctor)
    fixed_clock.advance(hours=1)
    before = fixed_clock.now()
    fixed_clock.advance(hours=1)
    await privileges.revoke_privilege(SYSTEM, granted.id, granted.version, "吊销")
    then = await history.list_privileges_at(
        SYSTEM, PrivilegeFilter(statuses=["ACTIVE"]), 10, None, moment=before
    )
    assert [(p.id, p.status, p.valid_until) for p in then.items] == [
        (granted.id, "ACTIVE", date(2027, 12, 31))
    ]
    now = await history.list_privileges_at(
        SYSTEM, PrivilegeFilter(statuses=["ACTIVE"]), 10, None, moment=fixed_clock.now()
    )
    assert now.items == []
