"""SPEC 3.5: case records (R40), emergency overrides (R41), MDT completion (R42), and the
first clinical use of a technique through a case (R21)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from domain import cases, techniques
from domain.cases import CaseInput
from domain.errors import DomainError, ErrorCode
from domain.techniques import TechniqueApproval
from models import AuditEvent, CaseRecord, EmergencyOverride, Technique
from tests import factories
from tests.factories import SYSTEM


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    data = await factories.hospital()
    data["doctor"] = await factories.practitioner("D0001")
    await factories.practitioner("D0002", department_code="GS2")
    await factories.procedure("47.0901", grade=2)
    await factories.procedure("52.7001", grade=4, name="胰十二指肠切除术")
    return data


def case(ref: str = "HIS-1", **kwargs: Any) -> CaseInput:
    values: dict[str, Any] = {
        "external_ref": ref,
        "practitioner_staff_no": "D0001",
        "procedure_code": "47.0901",
        "performed_on": date(2026, 11, 20),
    }
    values.update(kwargs)
    return CaseInput(**values)


async def test_r40_recording_is_idempotent_by_external_ref(world: dict) -> None:
    first = await cases.record_case(SYSTEM, case())
    events = await AuditEvent.all().count()
    again = await cases.record_case(SYSTEM, case())
    assert again.id == first.id and await CaseRecord.all().count() == 1
    assert await AuditEvent.all().count() == events
    with pytest.raises(DomainError) as error:
        await cases.record_case(SYSTEM, case(complication=True))
    assert error.value.code is ErrorCode.IDEMPOTENCY_KEY_REUSED
    assert error.value.field == ["externalRef"]
    # Another client may use the same reference for its own case.
    from domain.actors import Actor, Role

    other = Actor(kind="api_key", id=99, name="other OR system", roles=frozenset({Role.SCHEDULER}))
    assert (await cases.record_case(other, case())).id != first.id


async def test_unknown_procedure_or_future_date_is_refused(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await cases.record_case(SYSTEM, case(procedure_code="99.9999"))
    assert error.value.code is ErrorCode.NOT_FOUND and error.value.field == ["procedureCode"]
    with pytest.raises(DomainError) as error:
        await cases.record_case(SYSTEM, case(performed_on=date(2026, 12, 31)))
    assert error.value.field == ["performedOn"]
    assert await CaseRecord.all().count() == 0


async def test_r41_uncovered_emergency_opens_an_override_due_in_24_hours(world: dict) -> None:
    performed = datetime(2026, 11, 20, 3, 30, tzinfo=UTC)
    record = await cases.record_case(
        SYSTEM, case(procedure_code="52.7001", emergency=True, performed_at=performed)
    )
    override = await EmergencyOverride.get(case_record_id=record.id)
    assert override.status == "PENDING_REVIEW"
    assert override.report_due_by == datetime(2026, 11, 21, 3, 30, tzinfo=UTC)
    assert "NO_PRIVILEGE" in override.reason


async def test_covered_emergency_opens_no_override(world: dict) -> None:
    await factories.grant(world["doctor"])
    record = await cases.record_case(SYSTEM, case(emergency=True))
    assert not await EmergencyOverride.filter(case_record_id=record.id).exists()


async def test_overdue_overrides_are_listed_and_reviewed(world: dict, fixed_clock: Any) -> None:
    await cases.record_case(
        SYSTEM,
        case(
            procedure_code="52.7001",
            emergency=True,
            performed_at=datetime(2026, 11, 20, 3, 0, tzinfo=UTC),
        ),
    )
    assert len((await cases.list_emergency_overrides(SYSTEM, None, True, 10, None)).items) == 1
    fixed_clock.at = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
    assert (await cases.list_emergency_overrides(SYSTEM, None, True, 10, None)).items == []
    fixed_clock.at = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    [override] = (await cases.list_emergency_overrides(SYSTEM, None, True, 10, None)).items
    reviewed = await cases.review_emergency_override(
        SYSTEM, override.id, 1, "JUSTIFIED", "急诊抢救，无其他术者"
    )
    assert reviewed.status == "JUSTIFIED" and reviewed.reviewed_by == "tests"
    assert (await cases.list_emergency_overrides(SYSTEM, None, True, 10, None)).items == []
    with pytest.raises(DomainError) as error:
        await cases.review_emergency_override(SYSTEM, override.id, 2, "UNJUSTIFIED", "again")
    assert error.value.code is ErrorCode.INVALID_TRANSITION


async def test_r42_mdt_completion_counts_grade_four_cases(world: dict) -> None:
    for index, mdt in enumerate([True, True, False]):
        await cases.record_case(
            SYSTEM, case(f"G4-{index}", procedure_code="52.7001", mdt_discussed=mdt)
        )
    await cases.record_case(SYSTEM, case("G2-1"))  # grade 2: not counted
    await cases.record_case(
        SYSTEM, case("G4-other", practitioner_staff_no="D0002", procedure_code="52.7001")
    )  # other department
    figure = await cases.mdt_completion(SYSTEM, "GS1", date(2026, 1, 1), date(2026, 12, 31))
    assert (figure.grade_four_cases, figure.with_mdt, figure.without_mdt) == (3, 2, 1)
    assert figure.rate == pytest.approx(2 / 3)
    empty = await cases.mdt_completion(SYSTEM, "GS1", date(2025, 1, 1), date(2025, 12, 31))
    assert empty.grade_four_cases == 0 and empty.rate is None


async def test_r21_first_case_puts_an_approved_technique_in_use(world: dict) -> None:
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await techniques.approve_technique(
        SYSTEM,
        technique.id,
        1,
        TechniqueApproval(
            decision=factories.committee_decision(),
            lead_staff_no="D0001",
            ethics_approval_ref="伦理-1",
        ),
    )
    await factories.procedure("50.2301", grade=3, name="肝肿瘤射频消融术", technique_code="XZ-08")
    record = await cases.record_case(
        SYSTEM, case(procedure_code="50.2301", performed_on=date(2026, 11, 2))
    )
    assert record.grade == 4  # R25: managed as grade 4
    in_use = await Technique.get(id=technique.id)
    assert in_use.status == "IN_USE" and in_use.first_clinical_use_on == date(2026, 11, 2)
    assert in_use.filing_due_on == date(2026, 11, 23)
    await cases.record_case(
        SYSTEM, case("HIS-2", procedure_code="50.2301", performed_on=date(2026, 11, 10))
    )
    assert (await Technique.get(id=technique.id)).first_clinical_use_on == date(2026, 11, 2)


async def test_case_stats_per_practitioner(world: dict) -> None:
    await cases.record_case(SYSTEM, case("A", complication=True))
    await cases.record_case(SYSTEM, case("B", unplanned_reoperation=True, complication=True))
    await cases.record_case(SYSTEM, case("C", performed_on=date(2025, 5, 1), death=True))
    stats = await cases.practitioner_case_stats(SYSTEM, world["doctor"], date(2026, 1, 1), None)
    assert (
        stats.case_count,
        stats.complication_count,
        stats.death_count,
        stats.unplanned_reoperation_count,
    ) == (2, 2, 0, 1)


async def test_r41_an_uncovered_elective_case_is_out_of_privilege(world: dict) -> None:
    from domain import reviews, webhooks
    from domain.reviews import ManualMetrics, Selection
    from models import Evaluation, WebhookDelivery

    await webhooks.register_webhook(
        SYSTEM, url="https://or.example.org/hook", event_types=["case.out_of_privilege"]
    )
    held = await factories.grant(world["doctor"])  # 47.0901 only
    covered = await cases.record_case(SYSTEM, case("HIS-1"))
    assert not covered.out_of_privilege and covered.out_of_privilege_reasons == ""
    beyond = await cases.record_case(SYSTEM, case("HIS-2", procedure_code="52.7001"))
    assert beyond.out_of_privilege and beyond.out_of_privilege_reasons == "NO_PRIVILEGE"
    assert not await EmergencyOverride.filter(case_record_id=beyond.id).exists()
    urgent = await cases.record_case(
        SYSTEM, case("HIS-3", procedure_code="52.7001", emergency=True)
    )
    assert not urgent.out_of_privilege  # an emergency: an override instead
    override = await EmergencyOverride.get(case_record_id=urgent.id)
    [event] = await AuditEvent.filter(action="case.out_of_privilege")
    assert event.entity_id == str(beyond.id) and event.reason == "NO_PRIVILEGE"
    assert await WebhookDelivery.filter(event_type="case.out_of_privilege").count() == 1
    # Listed, by period and department.
    listed = await cases.list_out_of_privilege_cases(
        SYSTEM, date(2026, 11, 1), date(2026, 11, 30), "GS1", None, None
    )
    assert [c.id for c in listed.items] == [beyond.id]
    other = await cases.list_out_of_privilege_cases(SYSTEM, None, None, "GS2", None, None)
    assert other.items == []
    with pytest.raises(DomainError) as error:
        await cases.list_out_of_privilege_cases(SYSTEM, None, None, "NOPE", None, None)
    assert error.value.code is ErrorCode.NOT_FOUND
    # Counted in the holder's evaluation, with the override once reviewed UNJUSTIFIED.
    await cases.review_emergency_override(
        SYSTEM, override.id, override.version, "UNJUSTIFIED", "非急诊指征"
    )
    cycle = await reviews.open_review_cycle(
        SYSTEM,
        name="2026 评价",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 11, 30),
        due_on=date(2026, 12, 15),
        selection=Selection(scope="PROCEDURE"),
    )
    [evaluation] = await Evaluation.filter(cycle_id=cycle.id)
    assert evaluation.privilege_id == held.id  # type: ignore[attr-defined]
    submitted = await reviews.submit_evaluation(
        SYSTEM, evaluation.id, 1, metrics=ManualMetrics(3), recommendation="越级两例"
    )
    assert submitted.out_of_privilege_count == 2


async def test_r41_an_emergency_in_day_surgery_is_refused_and_changes_nothing(
    world: dict,
) -> None:
    with pytest.raises(DomainError) as error:
        await cases.record_case(SYSTEM, case(setting="DAY_SURGERY", emergency=True))
    assert error.value.code is ErrorCode.VALIDATION and error.value.field == ["emergency"]
    assert await CaseRecord.all().count() == 0


async def test_r41_a_case_is_decided_on_the_registry_as_it_is_when_recorded(world: dict) -> None:
    """The case's decision goes through the decision cache: a suspension after the cache
    answered a check must still make the next case out of privilege."""
    from domain import decision, privileges
    from domain.decision import CheckInput

    held = await factories.grant(world["doctor"])  # 47.0901 only
    question = CheckInput(
        procedure_code="47.0901", on=date(2026, 11, 20), practitioner_staff_no="D0001"
    )
    [before] = await decision.CACHE.answer([question])
    assert before.allowed  # the cache now holds the practitioner's privileges
    assert not (await cases.record_case(SYSTEM, case("HIS-1"))).out_of_privilege
    await privileges.suspend_privilege(SYSTEM, held.id, held.version, "不良事件调查")
    after = await cases.record_case(SYSTEM, case("HIS-2"))
    assert after.out_of_privilege
    assert "PRIVILEGE_SUSPENDED" in after.out_of_privilege_reasons.split(",")


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"booking_ref": "BK-1", "emergency": True, "site_code": "A"},
        {
            "performed_at": datetime(2026, 11, 20, 1, 30, tzinfo=UTC),
            "supervisor_staff_no": "D0002",
            "mdt_discussed": True,
        },
    ],
)
def test_r40_the_content_digest_of_a_case_is_unchanged(extra: dict[str, Any]) -> None:
    """Idempotency compares a repeat against the stored digest: the digest computed now
    must equal the one cases were stored with (dataclasses.asdict, then the facts)."""
    import hashlib
    from dataclasses import asdict

    from domain import audit
    from domain.quality.case_facts import CaseFacts, digest_content

    data = case(
        **extra, facts=CaseFacts(mdt_participant_staff_nos=["D0002"], adverse_event_grade=2)
    )
    stored = asdict(data)
    if stored.get("booking_ref") is None:
        stored.pop("booking_ref", None)
    stored.pop("facts", None)
    stored.update(digest_content(data.facts))
    expected = hashlib.sha256(audit.canonical_json(stored).encode("utf-8")).hexdigest()
    assert cases._digest(data) == expected


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"practitioner_staff_no": "NOPE"}, ErrorCode.NOT_FOUND, ["practitionerStaffNo"]),
        ({"practitioner_staff_no": None}, ErrorCode.VALIDATION, ["practitionerStaffNo"]),
        ({"supervisor_staff_no": "NOPE"}, ErrorCode.NOT_FOUND, ["supervisorStaffNo"]),
        ({"site_code": "NOPE"}, ErrorCode.NOT_FOUND, ["siteCode"]),
        ({"procedure_code": "99.9999"}, ErrorCode.NOT_FOUND, ["procedureCode"]),
    ],
)
async def test_r40_a_case_naming_someone_or_somewhere_unknown_is_refused_and_not_stored(
    world: dict, change: dict[str, Any], code: ErrorCode, field: list[str]
) -> None:
    """The parties come from the decision's facts: each unknown one is still its own
    typed error on its own field, and nothing is written."""
    events = await AuditEvent.all().count()
    with pytest.raises(DomainError) as error:
        await cases.record_case(SYSTEM, case(**change))
    assert error.value.code is code
    assert error.value.field == field
    assert await CaseRecord.all().count() == 0
    assert await AuditEvent.all().count() == events


async def test_r41_a_case_stores_the_parties_and_the_grade_the_decision_read(
    world: dict,
) -> None:
    supervisor = await factories.practitioner("D0003")
    stored = await cases.record_case(
        SYSTEM, case(procedure_code="52.7001", supervisor_staff_no="D0003", site_code=None)
    )
    again = await CaseRecord.get(id=stored.id)
    assert again.practitioner_id == world["doctor"].id  # type: ignore[attr-defined]
    assert again.supervisor_id == supervisor.id  # type: ignore[attr-defined]
    assert again.site_id == world["site"].id  # type: ignore[attr-defined]
    assert again.grade == 4
    [event] = await AuditEvent.filter(action="case.record")
    after = json.loads(event.after_json or "{}")
    assert after["practitioner_id"] == world["doctor"].id
    assert after["supervisor_id"] == supervisor.id
