"""SPEC 3.2: the privilege lifecycle, R10-R13."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from domain import privileges
from domain.errors import DomainError, ErrorCode
from domain.privileges import TRANSITIONS, Action, Approval, PrivilegeRequest, Status
from models import AuditEvent, CommitteeDecision, Privilege
from tests import factories
from tests.factories import SYSTEM


async def _requested(practitioner_id: int, **kwargs: object) -> Privilege:
    request = PrivilegeRequest(
        scope="PROCEDURE", practitioner_id=practitioner_id, procedure_code="47.0901", **kwargs
    )  # type: ignore[arg-type]
    return await privileges.request_privilege(SYSTEM, request)


@pytest.fixture
async def world(db: None) -> dict[str, object]:
    data = await factories.hospital()
    data["doctor"] = await factories.practitioner("D0001")
    data["procedure"] = await factories.procedure()
    return data


async def test_request_endorse_approve_records_committee_decision(world: dict) -> None:
    requested = await _requested(world["doctor"].id)
    assert requested.status == "REQUESTED" and requested.version == 1
    endorsed = await privileges.endorse_privilege(SYSTEM, requested.id, 1)
    assert endorsed.status == "ENDORSED"
    approved = await privileges.approve_privilege(
        SYSTEM, endorsed.id, 2, Approval(decision=factories.committee_decision(date(2026, 1, 5)))
    )
    assert approved.status == "ACTIVE"
    decision = await CommitteeDecision.get(id=approved.basis_id)
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (7, 0, 1)
    assert decision.outcome == "APPROVED" and decision.subject_id == approved.id
    actions = await AuditEvent.filter(entity_type="Privilege").values_list("action", flat=True)
    assert list(actions) == ["privilege.request", "privilege.endorse", "privilege.approve"]


async def test_r11_default_validity_is_site_policy(world: dict) -> None:
    requested = await _requested(world["doctor"].id)
    await privileges.endorse_privilege(SYSTEM, requested.id, 1)
    approved = await privileges.approve_privilege(
        SYSTEM, requested.id, 2, Approval(decision=factories.committee_decision(date(2026, 3, 10)))
    )
    assert approved.valid_from == date(2026, 3, 10)
    assert approved.valid_until == date(2028, 3, 9)  # 2 years (site default)


async def test_r11_validity_never_exceeds_three_years(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await _requested(
            world["doctor"].id, valid_from=date(2026, 1, 1), valid_until=date(2029, 1, 1)
        )
    assert error.value.code is ErrorCode.VALIDATION and error.value.field == ["validUntil"]
    requested = await _requested(world["doctor"].id)
    await privileges.endorse_privilege(SYSTEM, requested.id, 1)
    with pytest.raises(DomainError) as error:
        await privileges.approve_privilege(
            SYSTEM,
            requested.id,
            2,
            Approval(
                decision=factories.committee_decision(),
                valid_from=date(2026, 1, 1),
                valid_until=date(2029, 1, 1),
            ),
        )
    assert error.value.field == ["validUntil"]
    ok = await privileges.approve_privilege(
        SYSTEM,
        requested.id,
        2,
        Approval(
            decision=factories.committee_decision(),
            valid_from=date(2026, 1, 1),
            valid_until=date(2028, 12, 31),
        ),
    )
    assert ok.valid_until == date(2028, 12, 31)


async def test_valid_until_before_valid_from_is_refused(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await _requested(
            world["doctor"].id, valid_from=date(2026, 5, 1), valid_until=date(2026, 4, 1)
        )
    assert error.value.field == ["validUntil"]
    assert await Privilege.all().count() == 0


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", [a for a in Action if a is not Action.SUPERSEDE])
def test_transition_table_is_exactly_the_spec(status: Status, action: Action) -> None:
    spec = {
        (Status.REQUESTED, Action.ENDORSE),
        (Status.ENDORSED, Action.APPROVE),
        (Status.REQUESTED, Action.REJECT),
        (Status.ENDORSED, Action.REJECT),
        (Status.REQUESTED, Action.WITHDRAW),
        (Status.ENDORSED, Action.WITHDRAW),
        (Status.ACTIVE, Action.SUSPEND),
        (Status.SUSPENDED, Action.REINSTATE),
        (Status.ACTIVE, Action.REVOKE),
        (Status.SUSPENDED, Action.REVOKE),
    }
    if (status, action) in spec:
        assert privileges.next_status(status.value, action) == TRANSITIONS[(status, action)]
    else:
        with pytest.raises(DomainError) as error:
            privileges.next_status(status.value, action)
        assert error.value.code is ErrorCode.INVALID_TRANSITION


async def test_invalid_transition_changes_nothing(world: dict) -> None:
    requested = await _requested(world["doctor"].id)
    with pytest.raises(DomainError) as error:
        await privileges.suspend_privilege(SYSTEM, requested.id, 1, "adverse event")
    assert error.value.code is ErrorCode.INVALID_TRANSITION
    with pytest.raises(DomainError) as error:
        await privileges.approve_privilege(
            SYSTEM, requested.id, 1, Approval(decision=factories.committee_decision())
        )
    assert error.value.code is ErrorCode.INVALID_TRANSITION  # approval needs endorsement first
    assert (await Privilege.get(id=requested.id)).status == "REQUESTED"
    assert await CommitteeDecision.all().count() == 0


async def test_r13_suspend_reinstate_revoke_need_reasons_and_revoke_is_final(world: dict) -> None:
    active = await factories.grant(world["doctor"])
    for operation in (privileges.suspend_privilege, privileges.revoke_privilege):
        with pytest.raises(DomainError) as error:
            await operation(SYSTEM, active.id, active.version, "  ")
        assert error.value.field == ["reason"]
    suspended = await privileges.suspend_privilege(SYSTEM, active.id, active.version, "并发症调查")
    assert suspended.status == "SUSPENDED" and suspended.status_reason == "并发症调查"
    with pytest.raises(DomainError):
        await privileges.reinstate_privilege(SYSTEM, active.id, suspended.version, "")
    reinstated = await privileges.reinstate_privilege(
        SYSTEM, active.id, suspended.version, "调查结束"
    )
    assert reinstated.status == "ACTIVE"
    revoked = await privileges.revoke_privilege(SYSTEM, active.id, reinstated.version, "吊销")
    assert revoked.status == "REVOKED"
    for operation in (
        privileges.reinstate_privilege,
        privileges.suspend_privilege,
        privileges.revoke_privilege,
    ):
        with pytest.raises(DomainError) as error:
            await operation(SYSTEM, active.id, revoked.version, "again")
        assert error.value.code is ErrorCode.INVALID_TRANSITION


async def test_reject_and_withdraw(world: dict) -> None:
    first = await _requested(world["doctor"].id)
    rejected = await privileges.reject_privilege(
        SYSTEM, first.id, 1, "病例数不足", factories.committee_decision()
    )
    assert rejected.status == "REJECTED"
    assert (await CommitteeDecision.get(id=rejected.basis_id)).outcome == "REJECTED"
    second = await _requested(world["doctor"].id)
    await privileges.endorse_privilege(SYSTEM, second.id, 1)
    withdrawn = await privileges.withdraw_privilege(SYSTEM, second.id, 2, "本人撤回")
    assert withdrawn.status == "WITHDRAWN"


async def test_stale_expected_version_is_a_conflict(world: dict) -> None:
    requested = await _requested(world["doctor"].id)
    await privileges.endorse_privilege(SYSTEM, requested.id, 1)
    with pytest.raises(DomainError) as error:
        await privileges.withdraw_privilege(SYSTEM, requested.id, 1, "late")
    assert error.value.code is ErrorCode.CONFLICT and error.value.field == ["expectedVersion"]


async def test_r12_overlapping_active_privileges_are_refused(world: dict) -> None:
    await factories.grant(
        world["doctor"], valid_from=date(2026, 1, 1), valid_until=date(2026, 12, 31)
    )
    with pytest.raises(DomainError) as error:
        await factories.grant(
            world["doctor"], valid_from=date(2026, 6, 1), valid_until=date(2027, 6, 30)
        )
    assert error.value.code is ErrorCode.CONFLICT
    # Adjacent validity does not overlap.
    later = await factories.grant(
        world["doctor"], valid_from=date(2027, 1, 1), valid_until=date(2027, 12, 31)
    )
    assert later.status == "ACTIVE"


async def test_r12_database_refuses_overlap_even_behind_the_domain(world: dict) -> None:
    active = await factories.grant(world["doctor"])
    twin = await _requested(world["doctor"].id)
    with pytest.raises(Exception, match=r"privilege_no_overlap|exclusion|conflicting key"):
        await Privilege.filter(id=twin.id).update(
            status="ACTIVE", valid_from=active.valid_from, valid_until=active.valid_until
        )


async def test_r12_concurrent_approvals_leave_exactly_one_active(world: dict) -> None:
    requests = []
    for _ in range(6):
        requested = await _requested(
            world["doctor"].id, valid_from=date(2026, 1, 1), valid_until=date(2027, 12, 31)
        )
        await privileges.endorse_privilege(SYSTEM, requested.id, 1)
        requests.append(requested)
    audit_before = await AuditEvent.all().count()
    results = await asyncio.gather(
        *[
            privileges.approve_privilege(
                SYSTEM, r.id, 2, Approval(decision=factories.committee_decision())
            )
            for r in requests
        ],
        return_exceptions=True,
    )
    winners = [r for r in results if isinstance(r, Privilege)]
    losers = [r for r in results if isinstance(r, DomainError)]
    assert len(winners) == 1 and len(losers) == 5
    assert all(e.code is ErrorCode.CONFLICT for e in losers)
    assert await Privilege.filter(status="ACTIVE").count() == 1
    assert await Privilege.filter(status="ENDORSED").count() == 5
    # Only the winner wrote its decision and audit events: nothing half-written.
    assert await CommitteeDecision.all().count() == 1
    assert await AuditEvent.all().count() == audit_before + 2


async def test_surgery_grade_max_grade_is_one_to_three(world: dict) -> None:
    for bad in (0, 4, 5):
        with pytest.raises(DomainError) as error:
            await privileges.request_privilege(
                SYSTEM,
                PrivilegeRequest(
                    scope="SURGERY_GRADE",
                    practitioner_id=world["doctor"].id,
                    specialty_code="GS",
                    max_grade=bad,
                ),
            )
        assert error.value.field == ["maxGrade"]


async def test_unknown_procedure_or_practitioner_is_not_found(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await privileges.request_privilege(
            SYSTEM,
            PrivilegeRequest(
                scope="PROCEDURE", practitioner_staff_no="NOPE", procedure_code="47.0901"
            ),
        )
    assert error.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as error:
        await privileges.request_privilege(
            SYSTEM,
            PrivilegeRequest(
                scope="PROCEDURE", practitioner_id=world["doctor"].id, procedure_code="99.9999"
            ),
        )
    assert error.value.code is ErrorCode.NOT_FOUND and error.value.field == ["procedureCode"]


async def test_r12_a_suspended_privilege_cannot_be_side_stepped_by_a_second_grant(
    world: dict,
) -> None:
    held = await factories.grant(world["doctor"])
    suspended = await privileges.suspend_privilege(SYSTEM, held.id, held.version, "并发症调查")
    with pytest.raises(DomainError) as error:
        await factories.grant(world["doctor"])
    assert error.value.code is ErrorCode.CONFLICT
    assert str(suspended.id) in error.value.message and "暂停" in error.value.message
    assert await Privilege.filter(status="ACTIVE").count() == 0
    # The database refuses it too, behind the domain's back (SQLite trigger, PostgreSQL
    # exclusion constraint).
    twin = await _requested(world["doctor"].id)
    with pytest.raises(Exception, match=r"privilege_no_overlap|exclusion|conflicting key"):
        await Privilege.filter(id=twin.id).update(
            status="ACTIVE", valid_from=held.valid_from, valid_until=held.valid_until
        )
    # Reinstated, it is the one ACTIVE privilege again; revoked, a new grant is possible.
    reinstated = await privileges.reinstate_privilege(
        SYSTEM, suspended.id, suspended.version, "调查结束"
    )
    assert reinstated.status == "ACTIVE"
    await privileges.revoke_privilege(SYSTEM, reinstated.id, reinstated.version, "撤销")
    assert (await factories.grant(world["doctor"])).status == "ACTIVE"
