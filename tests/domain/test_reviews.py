"""SPEC 3.4: re-evaluation cycles R30-R33, and a year of one surgeon's record."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain import cases, reviews
from domain import decision as decisions
from domain.cases import CaseInput
from domain.decision import CheckInput
from domain.errors import DomainError, ErrorCode
from domain.reviews import EvaluationDecision, ManualMetrics, Selection
from models import CommitteeDecision, Evaluation, Privilege
from tests import factories
from tests.factories import SYSTEM


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    data = await factories.hospital()
    data["doctor"] = await factories.practitioner("D0001")
    data["other"] = await factories.practitioner(
        "D0002", department_code="ORTH1", specialty_code="ORTH"
    )
    await factories.procedure("47.0901", grade=2)
    await factories.procedure("51.2301", grade=3, name="腹腔镜胆囊切除术")
    await factories.procedure("52.7001", grade=4, name="胰十二指肠切除术")
    await factories.procedure("81.5101", grade=3, specialty_code="ORTH", name="全髋关节置换术")
    return data


async def _open(name: str = "2026 年度评价", **selection: Any) -> Any:
    return await reviews.open_review_cycle(
        SYSTEM,
        name=name,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 10, 31),
        due_on=date(2026, 12, 15),
        selection=Selection(**selection),
    )


def _decide(outcome: str, **kwargs: Any) -> EvaluationDecision:
    return EvaluationDecision(
        outcome=outcome, decision=factories.committee_decision(date(2026, 11, 20)), **kwargs
    )


async def test_r30_selection_creates_one_pending_evaluation_each_once(world: dict) -> None:
    grade = await factories.grant(
        world["doctor"], "SURGERY_GRADE", specialty_code="GS", max_grade=3
    )
    await factories.grant(world["doctor"], procedure_code="52.7001")
    await factories.grant(world["other"], "SURGERY_GRADE", specialty_code="ORTH", max_grade=3)
    cycle = await _open(scope="SURGERY_GRADE", department_code="GS1")
    evaluations = await Evaluation.filter(cycle_id=cycle.id)
    assert [e.privilege_id for e in evaluations] == [grade.id]
    assert evaluations[0].status == "PENDING"
    again = await _open(scope="SURGERY_GRADE", department_code="GS1")
    assert again.id == cycle.id and await Evaluation.all().count() == 1
    # A second cycle does not select a privilege still awaiting its evaluation.
    with pytest.raises(DomainError) as error:
        await _open("另一周期", scope="SURGERY_GRADE", department_code="GS1")
    assert error.value.code is ErrorCode.VALIDATION


async def test_empty_selection_is_refused(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await _open(specialty_code="GS")
    assert error.value.field == ["selection"]


async def test_r31_metrics_from_cases_else_manual(world: dict) -> None:
    await factories.grant(world["doctor"], "SURGERY_GRADE", specialty_code="GS", max_grade=3)
    await factories.grant(world["other"], "SURGERY_GRADE", specialty_code="ORTH", max_grade=3)
    for index, (code, complication) in enumerate(
        [("47.0901", False), ("51.2301", True), ("52.7001", False)]
    ):
        await cases.record_case(
            SYSTEM,
            CaseInput(
                external_ref=f"c{index}",
                practitioner_staff_no="D0001",
                procedure_code=code,
                performed_on=date(2026, 5, 1),
                complication=complication,
            ),
        )
    cycle = await _open(scope="SURGERY_GRADE")
    mine, theirs = await Evaluation.filter(cycle_id=cycle.id).order_by("id")
    submitted = await reviews.submit_evaluation(
        SYSTEM, mine.id, 1, metrics=ManualMetrics(99), recommendation="建议续期"
    )
    # Grade-4 52.7001 is not covered by a grade-3 privilege, so it is not counted.
    assert (submitted.metrics_source, submitted.case_count, submitted.complication_count) == (
        "CASE_RECORDS",
        2,
        1,
    )
    with pytest.raises(DomainError) as error:
        await reviews.submit_evaluation(SYSTEM, theirs.id, 1, metrics=None, recommendation="x")
    assert error.value.field == ["metrics"]
    with pytest.raises(DomainError) as error:
        await reviews.submit_evaluation(
            SYSTEM, theirs.id, 1, metrics=ManualMetrics(-1), recommendation="x"
        )
    assert error.value.code is ErrorCode.VALIDATION
    manual = await reviews.submit_evaluation(
        SYSTEM, theirs.id, 1, metrics=ManualMetrics(12, complication_count=1), recommendation="续期"
    )
    assert (manual.metrics_source, manual.case_count) == ("MANUAL", 12)


async def test_r32_renew_supersedes_and_records_the_decision(world: dict) -> None:
    old = await factories.grant(
        world["doctor"],
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    cycle = await _open(scope="SURGERY_GRADE")
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(40), recommendation="续期"
    )
    decided = await reviews.decide_evaluation(SYSTEM, evaluation.id, 2, _decide("RENEW"))
    assert decided.status == "DECIDED" and decided.outcome == "RENEW"
    assert decided.decided_by == "tests"
    assert (await CommitteeDecision.get(id=decided.decision_id)).subject_type == "Evaluation"
    assert (await Privilege.get(id=old.id)).status == "SUPERSEDED"
    new = await Privilege.get(id=decided.resulting_privilege_id)
    assert new.status == "ACTIVE" and new.supersedes_id == old.id and new.max_grade == 3
    # R32: the day after the old term, for the site's two years: no gap, no overlap.
    assert new.valid_from == date(2027, 1, 1)
    assert new.valid_until == date(2028, 12, 31)
    with pytest.raises(DomainError) as error:
        await reviews.decide_evaluation(SYSTEM, evaluation.id, 3, _decide("RENEW"))
    assert error.value.code is ErrorCode.INVALID_TRANSITION


async def test_r32_suspend_and_revoke_transition_the_privilege(world: dict) -> None:
    first = await factories.grant(world["doctor"])
    second = await factories.grant(world["doctor"], procedure_code="52.7001")
    cycle = await _open(scope="PROCEDURE")
    one, two = await Evaluation.filter(cycle_id=cycle.id).order_by("id")
    for evaluation in (one, two):
        await reviews.submit_evaluation(
            SYSTEM, evaluation.id, 1, metrics=ManualMetrics(3), recommendation="暂停"
        )
    with pytest.raises(DomainError):
        await reviews.decide_evaluation(SYSTEM, one.id, 2, _decide("SUSPEND"))  # no reason
    await reviews.decide_evaluation(SYSTEM, one.id, 2, _decide("SUSPEND", reason="并发症率高"))
    await reviews.decide_evaluation(SYSTEM, two.id, 2, _decide("REVOKE", reason="严重不良事件"))
    assert (await Privilege.get(id=first.id)).status == "SUSPENDED"
    assert (await Privilege.get(id=second.id)).status == "REVOKED"


async def test_r33_grade_four_procedure_privilege_overdue_warns(
    world: dict, fixed_clock: Any
) -> None:
    await factories.grant(
        world["doctor"],
        procedure_code="52.7001",
        valid_from=date(2025, 10, 1),
        valid_until=date(2027, 9, 30),
    )
    await factories.grant(
        world["doctor"], valid_from=date(2025, 10, 1), valid_until=date(2027, 9, 30)
    )
    overdue = await reviews.overdue_evaluations(SYSTEM)
    assert [item.privilege.procedure_code for item in overdue] == ["52.7001"]
    assert overdue[0].due_on == date(2026, 10, 1)

    async def reasons(code: str) -> set[str]:
        answer = await decisions.check_one(
            SYSTEM,
            CheckInput(practitioner_staff_no="D0001", procedure_code=code, on=date(2026, 12, 1)),
        )
        assert answer.allowed
        return {r.code.value for r in answer.reasons}

    assert "REEVALUATION_OVERDUE" in await reasons("52.7001")
    assert "REEVALUATION_OVERDUE" not in await reasons("47.0901")


async def test_one_year_of_a_surgeons_record(world: dict, fixed_clock: Any) -> None:
    """Grant, cases, cycle, evaluation from computed metrics, downgrade; the decision
    before and after."""
    fixed_clock.at = datetime(2026, 1, 5, 2, 0, tzinfo=UTC)
    granted = await factories.grant(
        world["doctor"],
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2026, 1, 5),
        valid_until=date(2027, 12, 31),
    )

    async def may(on: date) -> decisions.Decision:
        return await decisions.check_one(
            SYSTEM, CheckInput(practitioner_staff_no="D0001", procedure_code="51.2301", on=on)
        )

    assert (await may(date(2026, 3, 1))).allowed
    fixed_clock.at = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    outcomes = [True, True, False, True, False, False, True, False]  # 4 complications of 8
    for month, complication in enumerate(outcomes, start=2):
        await cases.record_case(
            SYSTEM,
            CaseInput(
                external_ref=f"2026-{month:02d}",
                practitioner_staff_no="D0001",
                procedure_code="51.2301",
                performed_on=date(2026, month, 10),
                complication=complication,
                unplanned_reoperation=month == 4,
            ),
        )
    cycle = await _open("2026 胆道外科评价", scope="SURGERY_GRADE", specialty_code="GS")
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    submitted = await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=None, recommendation="并发症率50%，建议降级"
    )
    assert (
        submitted.case_count,
        submitted.complication_count,
        submitted.unplanned_reoperation_count,
    ) == (8, 4, 1)
    fixed_clock.at = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    with pytest.raises(DomainError) as error:
        await reviews.decide_evaluation(
            SYSTEM, evaluation.id, 2, _decide("DOWNGRADE", reason="并发症率高", new_max_grade=3)
        )
    assert error.value.field == ["newMaxGrade"]
    decided = await reviews.decide_evaluation(
        SYSTEM, evaluation.id, 2, _decide("DOWNGRADE", reason="并发症率高", new_max_grade=2)
    )
    narrower = await Privilege.get(id=decided.resulting_privilege_id)
    assert narrower.max_grade == 2 and narrower.valid_until == date(2027, 12, 31)
    assert (await Privilege.get(id=granted.id)).status == "SUPERSEDED"
    after = await may(date(2026, 12, 1))
    assert not after.allowed
    assert {r.code.value for r in after.reasons} == {"GRADE_TOO_LOW"}
    # R16/R32: the downgrade does not rewrite the past: the old grant answers for March.
    before = await may(date(2026, 3, 1))
    assert before.allowed and before.basis_ids == [granted.id]
    assert (await may(date(2026, 11, 19))).allowed  # the day before the narrower one starts
    assert not (await may(date(2026, 11, 20))).allowed


async def test_r32_an_expired_privilege_renews_from_the_decision_date_but_cannot_be_downgraded(
    world: dict,
) -> None:
    old = await factories.grant(
        world["doctor"],
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 6, 30),
    )
    cycle = await _open(scope="SURGERY_GRADE")
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(5), recommendation="续期"
    )
    with pytest.raises(DomainError) as error:
        await reviews.decide_evaluation(
            SYSTEM, evaluation.id, 2, _decide("DOWNGRADE", reason="降级", new_max_grade=2)
        )
    assert error.value.code is ErrorCode.VALIDATION and "2026-06-30" in error.value.message
    assert await Privilege.filter(status="ACTIVE").count() == 1
    decided = await reviews.decide_evaluation(SYSTEM, evaluation.id, 2, _decide("RENEW"))
    new = await Privilege.get(id=decided.resulting_privilege_id)
    assert (new.valid_from, new.valid_until) == (date(2026, 11, 24), date(2028, 11, 23))
    assert (await Privilege.get(id=old.id)).status == "SUPERSEDED"


async def test_r16_r32_renewal_never_rewrites_the_past(world: dict, fixed_clock: Any) -> None:
    """After an early renewal, the old term still answers (decision, late emergency case,
    privileges.csv asOf) and the new term starts the day after it, for two full years."""
    from domain import exports
    from domain.global_ids import global_id

    old = await factories.grant(
        world["doctor"],
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    cycle = await _open(scope="SURGERY_GRADE")
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(40), recommendation="续期"
    )
    decided = await reviews.decide_evaluation(SYSTEM, evaluation.id, 2, _decide("RENEW"))
    new = await Privilege.get(id=decided.resulting_privilege_id)
    assert (new.valid_from, new.valid_until) == (date(2027, 1, 1), date(2028, 12, 31))

    async def may(on: date) -> decisions.Decision:
        return await decisions.check_one(
            SYSTEM, CheckInput(practitioner_staff_no="D0001", procedure_code="51.2301", on=on)
        )

    for on, basis in ((date(2025, 6, 1), old.id), (date(2026, 12, 31), old.id)):
        answer = await may(on)
        assert answer.allowed and answer.basis_ids == [basis], (on, answer.reasons)
    later = await may(date(2027, 1, 1))
    assert later.allowed and later.basis_ids == [new.id]
    # knownAt (rebuilt from the audit log) reads the past the same way.
    from domain import clock

    past = await decisions.check_one(
        SYSTEM,
        CheckInput(practitioner_staff_no="D0001", procedure_code="51.2301", on=date(2026, 6, 1)),
        known_at=clock.now(),
    )
    assert past.allowed and past.basis_ids == [old.id]
    # An emergency case from the old term, reported late: no false override.
    case = await cases.record_case(
        SYSTEM,
        CaseInput(
            external_ref="late-1",
            practitioner_staff_no="D0001",
            procedure_code="51.2301",
            performed_on=date(2026, 3, 2),
            emergency=True,
        ),
    )
    from models import EmergencyOverride

    overrides = await EmergencyOverride.filter(case_record_id=case.id).values_list(
        "reason", flat=True
    )
    assert not overrides, overrides
    # privileges.csv?asOf= after the renewal: the old grant was held on that day.
    fixed_clock.at = datetime(2027, 2, 1, 2, 0, tzinfo=UTC)
    text = "".join([chunk async for chunk in exports.privileges_csv(SYSTEM, date(2026, 12, 31))])
    held = [line.split(",")[0] for line in text.splitlines()[1:]]
    assert held == [global_id("Privilege", old.id)]
    text = "".join([chunk async for chunk in exports.privileges_csv(SYSTEM, date(2027, 1, 1))])
    assert [line.split(",")[0] for line in text.splitlines()[1:]] == [
        global_id("Privilege", new.id)
    ]


async def test_r30_r33_cycles_select_grade_four_and_technique_privileges(
    world: dict, fixed_clock: Any
) -> None:
    from domain import techniques

    technique = await techniques.create_technique(
        SYSTEM, code="XZ-05", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await factories.procedure("50.2301", grade=2, name="肝肿瘤射频消融术", technique_code="XZ-05")
    grade_four = await factories.grant(
        world["doctor"], procedure_code="52.7001", valid_from=date(2025, 6, 1)
    )
    restricted = await factories.grant(world["other"], procedure_code="50.2301")
    grade_two = await factories.grant(world["doctor"], procedure_code="47.0901")
    held = await factories.grant(
        world["other"], "TECHNIQUE", technique_code="XZ-05", valid_from=date(2025, 6, 1)
    )
    await factories.grant(world["doctor"], "SURGERY_GRADE", specialty_code="GS", max_grade=3)

    async def chosen(name: str, **selection: Any) -> list[int]:
        cycle = await _open(name, **selection)
        return sorted(e.privilege_id for e in await Evaluation.filter(cycle_id=cycle.id))

    # Bad input is a typed error and opens nothing.
    for bad in ({"procedure_grade": 5}, {"procedure_grade": 0}, {"technique_category": "X"}):
        with pytest.raises(DomainError) as error:
            await _open("bad", **bad)
        assert error.value.code is ErrorCode.VALIDATION
    assert await Evaluation.all().count() == 0
    # R25: the restricted technique's grade-2 procedure counts as grade 4.
    assert await chosen("四级", procedure_grade=4) == sorted([grade_four.id, restricted.id])
    assert await chosen("二级", procedure_grade=2) == [grade_two.id]
    assert technique.id
    assert await chosen("限制类", technique_category="RESTRICTED_NATIONAL", scope="TECHNIQUE") == [
        held.id
    ]


async def test_r33_due_for_reevaluation_selects_exactly_the_overdue_list(
    world: dict, fixed_clock: Any
) -> None:
    from domain import techniques

    await techniques.create_technique(
        SYSTEM, code="XZ-05", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    overdue = await factories.grant(
        world["doctor"], procedure_code="52.7001", valid_from=date(2025, 6, 1)
    )
    held = await factories.grant(
        world["other"], "TECHNIQUE", technique_code="XZ-05", valid_from=date(2025, 9, 1)
    )
    await factories.grant(world["other"], procedure_code="52.7001", valid_from=date(2026, 6, 1))
    await factories.grant(
        world["doctor"],
        procedure_code="47.0901",
        valid_from=date(2024, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    listed = sorted(o.privilege.id for o in await reviews.overdue_evaluations(SYSTEM))
    assert listed == sorted([overdue.id, held.id])
    cycle = await _open("年度复评", due_for_reevaluation=True)
    chosen = sorted(e.privilege_id for e in await Evaluation.filter(cycle_id=cycle.id))
    assert chosen == listed


async def test_r16_the_live_listing_on_a_date_agrees_with_the_decision(world: dict) -> None:
    from domain import privileges
    from domain.privileges import PrivilegeFilter

    old = await factories.grant(
        world["doctor"],
        "SURGERY_GRADE",
        specialty_code="GS",
        max_grade=3,
        valid_from=date(2025, 1, 1),
        valid_until=date(2026, 12, 31),
    )
    cycle = await _open(scope="SURGERY_GRADE")
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(40), recommendation="续期"
    )
    decided = await reviews.decide_evaluation(SYSTEM, evaluation.id, 2, _decide("RENEW"))
    for on, expected in (
        (date(2026, 12, 31), old.id),
        (date(2027, 1, 1), decided.resulting_privilege_id),
    ):
        page = await privileges.list_privileges(SYSTEM, PrivilegeFilter(valid_on=on), None, None)
        assert [p.id for p in page.items] == [expected]
