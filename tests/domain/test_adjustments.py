"""Issue 17, dynamic management: each trigger proposes exactly once per day; proposals are
accepted (performing the transition with its committee decision) or dismissed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import cases, webhooks
from domain.cases import CaseInput
from domain.errors import DomainError, ErrorCode
from domain.quality import adjustments, policy
from domain.quality.adjustments import Acceptance, ProposalFilter
from models import (
    AdjustmentProposal,
    AuditEvent,
    CommitteeDecision,
    EmergencyOverride,
    Privilege,
    WebhookDelivery,
)
from tests import factories
from tests.factories import SYSTEM


def _case(ref: str, staff: str, code: str, day: date, **kw: Any) -> CaseInput:
    return CaseInput(
        external_ref=ref, practitioner_staff_no=staff, procedure_code=code, performed_on=day, **kw
    )


@pytest.fixture
async def world(db: None, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv(webhooks.ALLOW_HOSTS_SETTING, "127.0.0.1")
    await webhooks.register_webhook(
        SYSTEM, url="http://127.0.0.1:9/hook", event_types=["adjustment_proposal."]
    )
    data = await factories.hospital()
    a = await factories.practitioner("A0001")
    b = await factories.practitioner("B0001")
    c = await factories.practitioner("C0001")
    d = await factories.practitioner("D0001")
    e = await factories.practitioner("E0001")
    await factories.procedure("47.0901", grade=2)
    await factories.procedure("51.2301", grade=3, name="胆总管探查术")
    await factories.procedure("52.7001", grade=4, name="胰十二指肠切除术")
    data["pa"] = await factories.grant(a, "PROCEDURE", procedure_code="51.2301")
    data["pb"] = await factories.grant(
        b, "PROCEDURE", procedure_code="52.7001", valid_from=date(2025, 6, 1)
    )
    await factories.grant(e, "SURGERY_GRADE", procedure_code=None, specialty_code="GS", max_grade=3)
    await policy.set_adjustment_policy(SYSTEM, None, {"complication_min_cases": 2})
    oct_ = [date(2026, 10, day) for day in range(1, 11)]
    await cases.record_case(
        SYSTEM,
        _case("A1", "A0001", "51.2301", oct_[0], unplanned_reoperation=True, complication=True),
    )
    await cases.record_case(
        SYSTEM,
        _case("A2", "A0001", "51.2301", oct_[1], unplanned_reoperation=True, complication=True),
    )
    await cases.record_case(SYSTEM, _case("A3", "A0001", "51.2301", oct_[2], death=True))
    for n in range(5):
        await cases.record_case(SYSTEM, _case(f"E{n}", "E0001", "47.0901", oct_[3 + n]))
    await cases.record_case(SYSTEM, _case("C1", "C0001", "52.7001", oct_[8]))  # 越级
    await cases.record_case(SYSTEM, _case("D1", "D0001", "52.7001", oct_[9], emergency=True))
    override = await EmergencyOverride.get()
    from domain.cases import review_emergency_override

    await review_emergency_override(SYSTEM, override.id, override.version, "UNJUSTIFIED", "无指征")
    data.update(a=a, b=b, c=c, d=d, e=e)
    return data


def _decision() -> Any:
    return factories.committee_decision(date(2026, 11, 24))


async def _by_trigger() -> dict[str, AdjustmentProposal]:
    return {p.trigger: p for p in await AdjustmentProposal.all()}


async def test_each_trigger_proposes_exactly_once_per_day(world: dict, fixed_clock: Any) -> None:
    report = await adjustments.run_adjustments(SYSTEM)
    proposals = await _by_trigger()
    assert sorted(proposals) == sorted(t.value for t in adjustments.Trigger)
    assert len(report.created) == 6
    pa, pb = world["pa"].id, world["pb"].id
    assert proposals["REOPERATIONS"].privilege_id == pa  # type: ignore[attr-defined]
    assert proposals["REOPERATIONS"].proposed_action == "SUSPEND"
    assert len(proposals["REOPERATIONS"].evidence_case_ids) == 2
    assert proposals["DEATHS"].proposed_action == "SUSPEND"
    assert proposals["COMPLICATION_RATE"].proposed_action == "DOWNGRADE"
    assert proposals["COMPLICATION_RATE"].facts["complications"] == 2
    assert proposals["SKILL_DECAY"].privilege_id == pb  # type: ignore[attr-defined]
    assert proposals["SKILL_DECAY"].evidence_case_ids == []
    assert proposals["OUT_OF_PRIVILEGE"].practitioner_id == world["c"].id  # type: ignore[attr-defined]
    assert proposals["OUT_OF_PRIVILEGE"].privilege_id is None  # type: ignore[attr-defined]
    assert proposals["UNJUSTIFIED_OVERRIDE"].practitioner_id == world["d"].id  # type: ignore[attr-defined]
    assert {p.proposed_action for p in proposals.values()} >= {"REVIEW"}
    # Events and webhook deliveries for each new proposal.
    assert await AuditEvent.filter(action="adjustment_proposal.create").count() == 6
    assert await WebhookDelivery.all().count() == 6
    # Again the same day, and the next day while they are pending: nothing new.
    assert (await adjustments.run_adjustments(SYSTEM)).created == []
    fixed_clock.advance(days=1)
    assert (await adjustments.run_adjustments(SYSTEM)).created == []
    assert await AdjustmentProposal.all().count() == 6
    # Nothing is applied by itself.
    assert (await Privilege.get(id=pa)).status == "ACTIVE"


async def test_dismissed_evidence_is_not_proposed_again_but_new_evidence_is(
    world: dict, fixed_clock: Any
) -> None:
    await adjustments.run_adjustments(SYSTEM)
    oop = (await _by_trigger())["OUT_OF_PRIVILEGE"]
    with pytest.raises(DomainError) as error:
        await adjustments.dismiss_proposal(SYSTEM, oop.id, oop.version, "  ")
    assert error.value.code is ErrorCode.VALIDATION and error.value.field == ["reason"]
    dismissed = await adjustments.dismiss_proposal(
        SYSTEM, oop.id, oop.version, "已约谈，情况说明在案"
    )
    assert dismissed.status == "DISMISSED" and dismissed.decided_by
    fixed_clock.advance(days=1)
    assert (await adjustments.run_adjustments(SYSTEM)).created == []
    await cases.record_case(SYSTEM, _case("C2", "C0001", "52.7001", date(2026, 11, 20)))
    created = (await adjustments.run_adjustments(SYSTEM)).created
    assert [(p.trigger, len(p.evidence_case_ids)) for p in created] == [("OUT_OF_PRIVILEGE", 2)]
    with pytest.raises(DomainError) as error:
        await adjustments.dismiss_proposal(SYSTEM, oop.id, dismissed.version, "again")
    assert error.value.code is ErrorCode.INVALID_TRANSITION


async def test_accepting_suspend_and_downgrade_performs_the_transition(world: dict) -> None:
    await adjustments.run_adjustments(SYSTEM)
    proposals = await _by_trigger()
    reop = proposals["REOPERATIONS"]
    accepted = await adjustments.accept_proposal(
        SYSTEM, reop.id, reop.version, Acceptance(decision=_decision(), reason="两例非计划再次手术")
    )
    assert accepted.status == "ACCEPTED" and accepted.applied_action == "SUSPEND"
    privilege = await Privilege.get(id=world["pa"].id)
    assert privilege.status == "SUSPENDED"
    decision = await CommitteeDecision.get(id=accepted.decision_id)  # type: ignore[attr-defined]
    assert (decision.subject_type, decision.subject_id, decision.outcome) == (
        "AdjustmentProposal",
        reop.id,
        "SUSPEND",
    )
    decay = proposals["SKILL_DECAY"]
    accepted = await adjustments.accept_proposal(
        SYSTEM, decay.id, decay.version, Acceptance(decision=_decision(), reason="一年无病例")
    )
    old = await Privilege.get(id=world["pb"].id)
    new = await Privilege.get(id=accepted.resulting_privilege_id)  # type: ignore[attr-defined]
    assert old.status == "SUPERSEDED" and new.supervised_only and new.status == "ACTIVE"
    # A REVIEW proposal is accepted with its decision and changes no privilege.
    review = proposals["OUT_OF_PRIVILEGE"]
    accepted = await adjustments.accept_proposal(
        SYSTEM, review.id, review.version, Acceptance(decision=_decision(), reason="提交委员会复核")
    )
    assert accepted.applied_action == "REVIEW" and accepted.resulting_privilege_id is None  # type: ignore[attr-defined]


async def test_a_failed_accept_writes_nothing(world: dict) -> None:
    await adjustments.run_adjustments(SYSTEM)
    proposals = await _by_trigger()
    reop, deaths = proposals["REOPERATIONS"], proposals["DEATHS"]
    await adjustments.accept_proposal(
        SYSTEM, reop.id, reop.version, Acceptance(decision=_decision(), reason="暂停")
    )
    decisions = await CommitteeDecision.all().count()
    events = await AuditEvent.all().count()
    # The privilege is already suspended: suspending it again is refused, all rolled back.
    with pytest.raises(DomainError) as error:
        await adjustments.accept_proposal(
            SYSTEM, deaths.id, deaths.version, Acceptance(decision=_decision(), reason="暂停")
        )
    assert error.value.code is ErrorCode.INVALID_TRANSITION
    assert await CommitteeDecision.all().count() == decisions
    assert (await AdjustmentProposal.get(id=deaths.id)).status == "PENDING"
    assert await AuditEvent.filter(action__not="authorization.refused").count() == events
    # A practitioner-level SUSPEND needs the privilege to act on.
    oop = proposals["OUT_OF_PRIVILEGE"]
    with pytest.raises(DomainError) as error:
        await adjustments.accept_proposal(
            SYSTEM,
            oop.id,
            oop.version,
            Acceptance(decision=_decision(), reason="x", action="SUSPEND"),
        )
    assert error.value.field == ["privilegeId"]
    with pytest.raises(DomainError) as error:
        await adjustments.accept_proposal(
            SYSTEM, oop.id, oop.version, Acceptance(decision=_decision(), reason="x", action="FIRE")
        )
    assert error.value.field == ["action"]


async def test_only_committee_or_admin_decide_and_heads_list_their_own(world: dict) -> None:
    await adjustments.run_adjustments(SYSTEM)
    head = await factories.actor_for(
        await factories.user("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"])
    )
    committee = await factories.actor_for(await factories.user("committee1", ["COMMITTEE"]))
    proposal = (await _by_trigger())["DEATHS"]
    with pytest.raises(DomainError) as error:
        await adjustments.dismiss_proposal(head, proposal.id, proposal.version, "不同意")
    assert error.value.code is ErrorCode.FORBIDDEN
    await adjustments.dismiss_proposal(committee, proposal.id, proposal.version, "死亡与手术无关")
    page = await adjustments.list_proposals(head, ProposalFilter(status="PENDING"), None, None)
    assert len(page.items) == 5
    page = await adjustments.list_proposals(
        committee, ProposalFilter(trigger="SKILL_DECAY", practitioner_staff_no="B0001"), None, None
    )
    assert [p.trigger for p in page.items] == ["SKILL_DECAY"]
    with pytest.raises(DomainError) as error:
        await adjustments.list_proposals(committee, ProposalFilter(status="MAYBE"), None, None)
    assert error.value.field == ["status"]


async def test_site_policy_thresholds_are_checked_and_applied(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await policy.set_adjustment_policy(SYSTEM, None, {"deaths": 0})
    assert error.value.field == ["deaths"]
    with pytest.raises(DomainError) as error:
        await policy.set_adjustment_policy(SYSTEM, None, {"nonsense": 1})
    assert error.value.code is ErrorCode.VALIDATION
    set_to = await policy.set_adjustment_policy(
        SYSTEM, "MAIN", {"reoperations": 3, "out_of_privilege": False, "deaths": 2}
    )
    assert set_to.reoperations == 3 and set_to.complication_min_cases == 2
    await adjustments.run_adjustments(SYSTEM)
    assert set(await _by_trigger()) == {"COMPLICATION_RATE", "SKILL_DECAY", "UNJUSTIFIED_OVERRIDE"}
