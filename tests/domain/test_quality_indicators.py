"""Issue 17: every quality indicator on a hand-built quarter (tests/domain/quality_world.py),
each numerator and denominator checked; the new case facts and their validation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain import cases, institutions, organisation
from domain.errors import DomainError, DomainErrors, ErrorCode
from domain.quality import indicators
from domain.quality.case_facts import CaseFacts
from domain.quality.indicators import IndicatorCode as I
from domain.quality.indicators import Scope
from models import CaseRecord
from tests import factories
from tests.domain import quality_world
from tests.domain.quality_world import at
from tests.factories import SYSTEM

Q3 = (date(2026, 7, 1), date(2026, 9, 30))


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    return await quality_world.build()


def _value(report: indicators.Report, code: I, index: int = 0) -> tuple[float, float]:
    series = next(s for s in report.series if s.definition.code is code)
    value = series.points[index].value
    return value.numerator, value.denominator


async def test_every_indicator_on_the_hand_built_quarter(world: dict) -> None:
    report = await indicators.quality_indicators(SYSTEM, Scope(), *Q3, "QUARTER")
    assert [p.label for p in report.series[0].points] == ["2026Q3"]
    expected = {
        I.MDT_COMPLETION: (2, 5),  # #3 and #8 (restricted, managed as grade 4); #4 too late
        I.GRADE_3_4_SHARE: (8, 10),
        I.GRADE_4_SHARE: (5, 10),
        I.DAY_SURGERY_SHARE: (1, 8),  # two emergencies are not elective
        I.GRADE_3_4_PERFORMED_RATE: (2, 3),  # 51.2301, 52.7001 of 3 filed
        I.TIME_OVERLAP_RATE: (2, 4),  # #2 and #3 overlap
        I.OPERATOR_CONSISTENCY_RATE: (3, 4),  # #4 planned B, done by A
        I.OUT_OF_PRIVILEGE_RATE: (2, 10),  # #5, #8
        I.EMERGENCY_OVERRIDE_UNJUSTIFIED_RATE: (1, 2),
        I.RESTRICTED_TECHNIQUE_CASES: (1, 10),
        I.TECHNIQUE_FILING_ON_TIME_RATE: (1, 2),  # TA late, TB on time
    }
    for code, pair in expected.items():
        assert _value(report, code) == pair, code
    # Ratios of rates: grade 4 complications 1/5 vs grade 3 1/3; deaths 2/5 vs 1/3.
    complication = next(s for s in report.series if s.definition.code is I.COMPLICATION_RATE_RATIO)
    value = complication.points[0].value
    assert value.numerator == pytest.approx(0.2) and value.denominator == pytest.approx(1 / 3)
    assert value.rate == pytest.approx(0.6)
    assert value.counts == {
        "grade4Cases": 5,
        "grade4Complications": 1,
        "grade3Cases": 3,
        "grade3Complications": 1,
    }
    death = next(s for s in report.series if s.definition.code is I.DEATH_RATE_RATIO)
    assert death.points[0].value.numerator == pytest.approx(0.4)
    assert death.points[0].value.rate == pytest.approx(1.2)
    overrides = next(
        s for s in report.series if s.definition.code is I.EMERGENCY_OVERRIDE_UNJUSTIFIED_RATE
    )
    assert overrides.points[0].value.counts == {
        "PENDING_REVIEW": 0,
        "JUSTIFIED": 1,
        "UNJUSTIFIED": 1,
    }
    restricted = next(s for s in report.series if s.definition.code is I.RESTRICTED_TECHNIQUE_CASES)
    assert restricted.points[0].value.counts == {"TA": 1}
    names = {s.definition.code: s.definition.name for s in report.series}
    assert names[I.MDT_COMPLETION] == "四级手术术前多学科讨论完成率"
    assert names[I.DAY_SURGERY_SHARE] == "日间手术占择期手术比例"
    assert all(s.definition.definition for s in report.series)


async def test_monthly_series_and_department_breakdown(world: dict) -> None:
    report = await indicators.quality_indicators(SYSTEM, Scope(), *Q3, "MONTH")
    share = next(s for s in report.series if s.definition.code is I.GRADE_4_SHARE)
    assert [(p.label, p.value.numerator, p.value.denominator) for p in share.points] == [
        ("2026-07", 1, 3),
        ("2026-08", 2, 3),
        ("2026-09", 2, 4),
    ]
    filings = next(s for s in report.series if s.definition.code is I.TECHNIQUE_FILING_ON_TIME_RATE)
    assert [(p.value.numerator, p.value.denominator) for p in filings.points] == [
        (0, 0),
        (0, 1),
        (1, 1),
    ]
    out = next(s for s in report.series if s.definition.code is I.OUT_OF_PRIVILEGE_RATE)
    assert [
        (d.department_code, d.value.numerator, d.value.denominator) for d in out.by_department
    ] == [
        ("GS1", 1, 7),
        ("GS2", 1, 3),
    ]


async def test_department_and_site_scopes(world: dict) -> None:
    gs2 = await indicators.quality_indicators(SYSTEM, Scope(department_code="GS2"), *Q3, "YEAR")
    assert gs2.series[0].points[0].label == "2026"
    assert _value(gs2, I.MDT_COMPLETION) == (1, 2)  # #7 (no MDT), #8
    assert _value(gs2, I.GRADE_4_SHARE) == (2, 3)
    site = await indicators.quality_indicators(SYSTEM, Scope(site_code="MAIN"), *Q3, "QUARTER")
    assert _value(site, I.GRADE_4_SHARE) == (5, 10)


async def test_an_institution_scope_counts_the_cases_of_its_campuses(world: dict) -> None:
    """All of the quarter's cases are at MAIN, a campus of the default institution; a
    county member hospital with a campus of its own has none of them."""
    main = await indicators.quality_indicators(
        SYSTEM, Scope(institution_code="MAIN"), *Q3, "QUARTER"
    )
    assert _value(main, I.GRADE_4_SHARE) == (5, 10)
    assert _value(main, I.MDT_COMPLETION) == (2, 5)
    await institutions.create_institution(SYSTEM, code="CTY", name="县人民医院")
    await organisation.create_site(SYSTEM, code="CTY-MAIN", name="县医院", institution_code="CTY")
    county = await indicators.quality_indicators(
        SYSTEM, Scope(institution_code="CTY"), *Q3, "QUARTER"
    )
    assert _value(county, I.GRADE_4_SHARE) == (0, 0)
    assert county.scope_label.startswith("CTY")


async def test_bad_scope_period_and_range_are_typed_errors(world: dict) -> None:
    with pytest.raises(DomainError) as error:
        await indicators.quality_indicators(SYSTEM, Scope(institution_code="G1"), *Q3, "MONTH")
    assert error.value.code is ErrorCode.NOT_FOUND and error.value.field == [
        "scope",
        "institution",
    ]
    with pytest.raises(DomainError) as error:
        await indicators.quality_indicators(
            SYSTEM, Scope(department_code="GS1", site_code="MAIN"), *Q3, "MONTH"
        )
    assert error.value.field == ["scope"]
    with pytest.raises(DomainError) as error:
        await indicators.quality_indicators(SYSTEM, Scope(department_code="NOPE"), *Q3, "MONTH")
    assert error.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as error:
        await indicators.quality_indicators(SYSTEM, Scope(), Q3[1], Q3[0], "MONTH")
    assert error.value.field == ["to"]
    with pytest.raises(DomainError) as error:
        await indicators.quality_indicators(SYSTEM, Scope(), *Q3, "WEEK")
    assert error.value.field == ["period"]


async def test_a_department_head_reads_own_department_only(world: dict) -> None:
    head = await factories.actor_for(
        await factories.user("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"])
    )
    own = await indicators.quality_indicators(head, Scope(department_code="GS1"), *Q3, "QUARTER")
    assert _value(own, I.GRADE_4_SHARE) == (3, 7)
    for scope in (Scope(department_code="GS2"), Scope()):
        with pytest.raises(DomainError) as error:
            await indicators.quality_indicators(head, scope, *Q3, "QUARTER")
        assert error.value.code is ErrorCode.FORBIDDEN


async def test_case_facts_are_stored_and_mdt_timing_decides(world: dict) -> None:
    three = await CaseRecord.get(external_ref="Q3")
    assert three.mdt_discussed and three.mdt_timely
    assert three.planned_operator_id == world["a"].id  # type: ignore[attr-defined]
    assert three.mdt_participants == [
        {"kind": "STAFF", "code": "D0002"},
        {"kind": "STAFF", "code": "D0003"},
        {"kind": "DEPARTMENT", "code": "ORTH1"},
    ]
    four = await CaseRecord.get(external_ref="Q4")
    assert four.mdt_discussed and not four.mdt_timely  # discussed after the order
    eight = await CaseRecord.get(external_ref="Q8")
    assert eight.grade == 4 and eight.technique_id is not None  # type: ignore[attr-defined]
    # R42's figure follows the same timing rule.
    figure = await cases.mdt_completion(SYSTEM, "GS1", *Q3)
    assert (figure.with_mdt, figure.grade_four_cases) == (1, 3)


async def test_bad_case_facts_are_field_errors_and_write_nothing(world: dict) -> None:
    before = await CaseRecord.all().count()
    day = date(2026, 11, 20)
    bad = [
        (CaseFacts(started_at=at(day, 10), ended_at=at(day, 9)), ["endedAt"]),
        (CaseFacts(ended_at=at(day, 9)), ["endedAt"]),
        (CaseFacts(started_at=at(date(2026, 11, 19), 9)), ["startedAt"]),
        (CaseFacts(adverse_event_grade=5), ["adverseEventGrade"]),
        (CaseFacts(started_at=at(day, 9), consent_at=at(day, 10)), ["consentAt"]),
        (CaseFacts(planned_operator_staff_no="NOBODY"), ["plannedOperatorStaffNo"]),
        (CaseFacts(mdt_participant_departments=["NOPE"]), ["mdtParticipantDepartments"]),
    ]
    for n, (facts, field) in enumerate(bad):
        with pytest.raises(DomainError) as error:
            await cases.record_case(
                SYSTEM,
                cases.CaseInput(
                    external_ref=f"BAD{n}",
                    practitioner_staff_no="D0001",
                    procedure_code="51.2301",
                    performed_on=day,
                    facts=facts,
                ),
            )
        assert error.value.field == field, facts
    with pytest.raises(DomainErrors) as several:
        await cases.record_case(
            SYSTEM,
            cases.CaseInput(
                external_ref="BAD-ALL",
                practitioner_staff_no="D0001",
                procedure_code="51.2301",
                performed_on=day,
                facts=CaseFacts(started_at=at(day, 10), ended_at=at(day, 9), adverse_event_grade=0),
            ),
        )
    assert {tuple(e.field or []) for e in several.value.errors} == {
        ("endedAt",),
        ("adverseEventGrade",),
    }
    assert await CaseRecord.all().count() == before


async def test_a_case_recorded_before_issue_17_keeps_its_digest(world: dict) -> None:
    import hashlib
    from dataclasses import asdict

    from domain import audit
    from domain.cases import CaseInput, _digest

    plain = CaseInput(external_ref="X", procedure_code="47.0901", performed_on=date(2026, 11, 1))
    old = {k: v for k, v in asdict(plain).items() if k not in {"booking_ref", "facts"}}
    expected = hashlib.sha256(audit.canonical_json(old).encode("utf-8")).hexdigest()
    assert _digest(plain) == expected


async def test_the_catalogue_import_reads_the_filing_flag_per_version(db: None) -> None:
    from domain import imports
    from models import Procedure

    await factories.hospital()
    header = "手术编码,手术名称,手术级别,专业,日间手术,限制类技术编码,目录备案\n"
    first = header + "51.2301,胆总管探查术,3,GS,否,,是\n52.7001,胰十二指肠切除术,4,GS,否,,\n"
    report = await imports.import_procedures(SYSTEM, first.encode(), filename="c.csv")
    assert report.ok, report.errors
    filed = {p.code: p.filed for p in await Procedure.filter(catalogue_version=1)}
    assert filed == {"51.2301": True, "52.7001": False}
    second = header + "51.2301,胆总管探查术,3,GS,否,,是\n52.7001,胰十二指肠切除术,4,GS,否,,是\n"
    report = await imports.import_procedures(SYSTEM, second.encode(), filename="c.csv")
    assert (report.changed, report.catalogue_version) == (1, 2)
    assert (await Procedure.get(code="52.7001", catalogue_version=2)).filed
    assert not (await Procedure.get(code="52.7001", catalogue_version=1)).filed
    bad = header + "51.2301,胆总管探查术,3,GS,否,,也许\n"
    report = await imports.import_procedures(SYSTEM, bad.encode(), filename="c.csv")
    assert [e.column for e in report.errors] == ["filed"]
