"""Issue 13 items 13 and 15: nobody endorses or approves their own privilege, whatever
roles they hold; a scoped actor cannot tell a missing staff number from one in another
department."""

from __future__ import annotations

from datetime import date

import pytest

from domain import privileges
from domain.errors import DomainError, ErrorCode
from domain.privileges import Approval, PrivilegeRequest
from models import AuditEvent
from tests import factories
from tests.factories import SYSTEM


def _request(staff_no: str) -> PrivilegeRequest:
    return PrivilegeRequest(
        scope="PROCEDURE",
        practitioner_id=None,
        practitioner_staff_no=staff_no,
        site_code=None,
        procedure_code="47.0901",
        specialty_code=None,
        max_grade=None,
        technique_code=None,
        supervised_only=False,
        valid_from=date(2026, 1, 1),
        valid_until=date(2027, 12, 31),
    )


@pytest.fixture
async def world(db: None) -> dict:
    await factories.hospital()
    await factories.procedure()
    me = await factories.practitioner("A0001", "GS1")
    colleague = await factories.practitioner("A0002", "GS1")
    other = await factories.practitioner("B0001", "GS2")
    return {"me": me, "colleague": colleague, "other": other}


async def test_sec13_13_a_head_who_is_also_the_practitioner_cannot_endorse_their_own(
    world: dict,
) -> None:
    user = await factories.user(
        "head-and-doctor",
        ["DEPARTMENT_HEAD", "PRACTITIONER"],
        department_codes=["GS1"],
        practitioner_staff_no="A0001",
    )
    actor = await factories.actor_for(user)
    own = await privileges.request_privilege(actor, _request("A0001"))
    with pytest.raises(DomainError) as refused:
        await privileges.endorse_privilege(actor, own.id, own.version)
    assert refused.value.code is ErrorCode.FORBIDDEN
    assert "本人" in refused.value.message
    # A colleague's application is theirs to endorse.
    theirs = await privileges.request_privilege(actor, _request("A0002"))
    endorsed = await privileges.endorse_privilege(actor, theirs.id, theirs.version)
    assert endorsed.status == "ENDORSED"
    assert await AuditEvent.filter(action="authorization.refused").exists()


async def test_sec13_13_a_committee_member_cannot_approve_or_reject_their_own(
    world: dict,
) -> None:
    user = await factories.user(
        "committee-and-doctor", ["COMMITTEE", "PRACTITIONER"], practitioner_staff_no="A0001"
    )
    actor = await factories.actor_for(user)
    own = await privileges.request_privilege(SYSTEM, _request("A0001"))
    own = await privileges.endorse_privilege(SYSTEM, own.id, own.version)
    for attempt in (
        privileges.approve_privilege(
            actor, own.id, own.version, Approval(decision=factories.committee_decision())
        ),
        privileges.reject_privilege(actor, own.id, own.version, "利益冲突测试"),
    ):
        with pytest.raises(DomainError) as refused:
            await attempt
        assert refused.value.code is ErrorCode.FORBIDDEN
    other = await privileges.request_privilege(SYSTEM, _request("A0002"))
    other = await privileges.endorse_privilege(SYSTEM, other.id, other.version)
    approved = await privileges.approve_privilege(
        actor, other.id, other.version, Approval(decision=factories.committee_decision())
    )
    assert approved.status == "ACTIVE"


async def test_sec13_13_an_admin_linked_to_a_practitioner_cannot_approve_their_own(
    world: dict,
) -> None:
    user = await factories.user("admin-doctor", ["ADMIN"], practitioner_staff_no="A0001")
    actor = await factories.actor_for(user)
    own = await privileges.request_privilege(SYSTEM, _request("A0001"))
    with pytest.raises(DomainError) as refused:
        await privileges.endorse_privilege(actor, own.id, own.version)
    assert refused.value.code is ErrorCode.FORBIDDEN


async def test_sec13_15_a_missing_staff_number_looks_like_one_in_another_department(
    world: dict,
) -> None:
    user = await factories.user("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"])
    actor = await factories.actor_for(user)
    answers = []
    for staff_no in ("B0001", "Z9999"):
        with pytest.raises(DomainError) as refused:
            await privileges.request_privilege(actor, _request(staff_no))
        answers.append((refused.value.code, refused.value.message, refused.value.field))
    assert answers[0] == answers[1]
    assert answers[0][0] is ErrorCode.FORBIDDEN
    assert "B0001" not in answers[0][1] and "Z9999" not in answers[0][1]
    # ADMIN sees everyone anyway: it gets the plain NOT_FOUND.
    with pytest.raises(DomainError) as missing:
        await privileges.request_privilege(SYSTEM, _request("Z9999"))
    assert missing.value.code is ErrorCode.NOT_FOUND
