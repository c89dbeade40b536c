"""R22: the State Council's holiday schedules ship with the product, are loaded once,
keep local dates, and make a deadline that runs past them provisional."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain import calendar, demo, techniques
from domain.errors import DomainError, ErrorCode
from domain.techniques import CalendarEntry, CalendarSource, TechniqueApproval
from domain.workdays import WorkCalendar, filing_due_on
from models import AuditEvent, CalendarDay, CalendarYear, Technique
from tests import factories
from tests.factories import SYSTEM


def _days(first: date, last: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


# Transcribed by hand from the notices (国办发明电〔2024〕12号, 国办发明电〔2025〕7号),
# independently of the package data.
HOLIDAYS_2025 = (
    {date(2025, 1, 1)}
    | _days(date(2025, 1, 28), date(2025, 2, 4))
    | _days(date(2025, 4, 4), date(2025, 4, 6))
    | _days(date(2025, 5, 1), date(2025, 5, 5))
    | _days(date(2025, 5, 31), date(2025, 6, 2))
    | _days(date(2025, 10, 1), date(2025, 10, 8))
)
WORKDAYS_2025 = {
    date(2025, 1, 26),
    date(2025, 2, 8),
    date(2025, 4, 27),
    date(2025, 9, 28),
    date(2025, 10, 11),
}
HOLIDAYS_2026 = (
    _days(date(2026, 1, 1), date(2026, 1, 3))
    | _days(date(2026, 2, 15), date(2026, 2, 23))
    | _days(date(2026, 4, 4), date(2026, 4, 6))
    | _days(date(2026, 5, 1), date(2026, 5, 5))
    | _days(date(2026, 6, 19), date(2026, 6, 21))
    | _days(date(2026, 9, 25), date(2026, 9, 27))
    | _days(date(2026, 10, 1), date(2026, 10, 7))
)
WORKDAYS_2026 = {
    date(2026, 1, 4),
    date(2026, 2, 14),
    date(2026, 2, 28),
    date(2026, 5, 9),
    date(2026, 9, 20),
    date(2026, 10, 10),
}


def _official_due(first_use: date) -> date:
    """15 working days after `first_use` by the official lists, counted naively."""
    day, counted = first_use, 0
    while counted < 15:
        day += timedelta(days=1)
        assert day.year <= 2026
        off = day in HOLIDAYS_2026 or (day.weekday() >= 5 and day not in WORKDAYS_2026)
        counted += 0 if off else 1
    return day


def test_r22_shipped_schedules_match_the_state_council_notices() -> None:
    years = {y.year: y for y in calendar.official_years()}
    assert {2025, 2026} <= set(years)
    for year, holidays, workdays in (
        (2025, HOLIDAYS_2025, WORKDAYS_2025),
        (2026, HOLIDAYS_2026, WORKDAYS_2026),
    ):
        official = years[year]
        assert {d for d, _ in official.holidays} == holidays
        assert {d for d, _ in official.workdays} == workdays
    assert years[2025].source == CalendarSource(
        "国务院办公厅关于2025年部分节假日安排的通知", "国办发明电〔2024〕12号", date(2024, 11, 12)
    )
    assert years[2026].source == CalendarSource(
        "国务院办公厅关于2026年部分节假日安排的通知", "国办发明电〔2025〕7号", date(2025, 11, 4)
    )


async def test_r22_official_calendar_loads_once_and_keeps_local_dates(db: None) -> None:
    # The hospital's own day off (院庆), entered before the official schedule was loaded.
    await techniques.set_holidays(
        SYSTEM,
        start=date(2026, 11, 1),
        end=date(2026, 11, 30),
        holidays=[CalendarEntry(date(2026, 11, 27), "院庆")],
        workdays_list=[],
    )
    assert await calendar.load_official_calendar(SYSTEM) == [2025, 2026]
    stored = await CalendarDay.filter(day__gte=date(2026, 1, 1), day__lte=date(2026, 12, 31))
    assert {d.day for d in stored if d.kind == "HOLIDAY"} == HOLIDAYS_2026 | {date(2026, 11, 27)}
    assert {d.day for d in stored if d.kind == "WORKDAY"} == WORKDAYS_2026
    assert await AuditEvent.filter(action="calendar.official_loaded").count() == 2
    # A second run (every `credreg migrate`) changes nothing, local changes included.
    await techniques.set_holidays(
        SYSTEM,
        start=date(2026, 12, 1),
        end=date(2026, 12, 31),
        holidays=[CalendarEntry(date(2026, 12, 31), "院内调整")],
        workdays_list=[],
    )
    events = await AuditEvent.all().count()
    assert await calendar.load_official_calendar(SYSTEM) == []
    assert await AuditEvent.all().count() == events
    assert await CalendarDay.exists(day=date(2026, 12, 31), kind="HOLIDAY")
    assert await CalendarDay.exists(day=date(2026, 11, 27), kind="HOLIDAY")


async def test_r22_holiday_calendar_answers_a_year_with_its_source(db: None) -> None:
    await calendar.load_official_calendar(SYSTEM)
    year = await calendar.holiday_calendar(SYSTEM, 2026)
    assert year.covered and year.origin == "OFFICIAL"
    assert year.source is not None and year.source.document_number == "国办发明电〔2025〕7号"
    assert {d.day for d in year.holidays} == HOLIDAYS_2026
    assert {d.day for d in year.workdays} == WORKDAYS_2026
    assert any(d.name == "春节" for d in year.holidays)
    unknown = await calendar.holiday_calendar(SYSTEM, 2030)
    assert not unknown.covered and unknown.source is None and unknown.holidays == []
    with pytest.raises(DomainError) as error:
        await calendar.holiday_calendar(SYSTEM, 99999)
    assert error.value.code is ErrorCode.VALIDATION and error.value.field == ["year"]


async def test_r22_deadline_past_the_last_published_year_is_provisional(db: None) -> None:
    await factories.hospital()
    await factories.practitioner("D0001", title="CHIEF")
    # Only 2025 is known (entered locally as a whole year).
    await techniques.set_holidays(
        SYSTEM,
        start=date(2025, 1, 1),
        end=date(2025, 12, 31),
        holidays=[CalendarEntry(d) for d in sorted(HOLIDAYS_2025)],
        workdays_list=[CalendarEntry(d) for d in sorted(WORKDAYS_2025)],
    )
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await techniques.approve_technique(
        SYSTEM,
        technique.id,
        1,
        TechniqueApproval(
            decision=factories.committee_decision(date(2025, 6, 5)),
            lead_staff_no="D0001",
            ethics_approval_ref="E",
        ),
    )
    # Mon 2025-12-22 + 15 working days runs into 2026, not loaded: naively Mon 2026-01-12,
    # and flagged provisional.
    in_use = await techniques.record_first_clinical_use(SYSTEM, technique.id, 2, date(2025, 12, 22))
    assert in_use.filing_due_on == date(2026, 1, 12) and in_use.filing_due_on_provisional
    due = await techniques.filings_due(SYSTEM, within_days=60)
    assert [d.technique.filing_due_on_provisional for d in due] == [True]
    # Loading the official schedule (元旦 2026-01-01..03 off, Sun 01-04 worked) makes it
    # final: Tue 2026-01-13.
    assert await calendar.load_official_calendar(SYSTEM) == [2025, 2026]
    final = await Technique.get(id=technique.id)
    assert final.filing_due_on == date(2026, 1, 13) and not final.filing_due_on_provisional
    recomputed = await AuditEvent.filter(action="technique.filing_due_recomputed").count()
    assert recomputed == 1
    covered = await CalendarYear.get(year=2025)
    assert covered.origin == "OFFICIAL" and covered.document_number == "国办发明电〔2024〕12号"


async def test_r22_a_whole_year_entered_locally_is_covered_with_its_source(db: None) -> None:
    await techniques.set_holidays(
        SYSTEM,
        start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        holidays=[CalendarEntry(date(2027, 1, 1), "元旦")],
        workdays_list=[],
        source=CalendarSource("国务院办公厅关于2027年部分节假日安排的通知", "国办发明电（测试）"),
    )
    year = await calendar.holiday_calendar(SYSTEM, 2027)
    assert year.covered and year.origin == "LOCAL"
    assert year.source is not None and year.source.document_number == "国办发明电（测试）"
    # A part of a year does not make it covered.
    await techniques.set_holidays(
        SYSTEM,
        start=date(2028, 1, 1),
        end=date(2028, 6, 30),
        holidays=[CalendarEntry(date(2028, 1, 3), "元旦")],
        workdays_list=[],
    )
    assert not (await calendar.holiday_calendar(SYSTEM, 2028)).covered


async def test_r22_demo_filing_deadlines_match_the_official_2026_calendar(db: None) -> None:
    report = await demo.seed_demo(SYSTEM, factories.PASSWORD)
    assert not report.skipped
    restricted = await Technique.filter(
        category__in=["RESTRICTED_NATIONAL", "RESTRICTED_PROVINCIAL"],
        first_clinical_use_on__isnull=False,
    ).order_by("code")
    assert len(restricted) >= 9
    naive = WorkCalendar()  # Monday to Friday, no holidays: what the demo computed before
    moved = [
        t.code
        for t in restricted
        if t.first_clinical_use_on
        and filing_due_on(naive, t.first_clinical_use_on) != t.filing_due_on
    ]
    assert moved, "the official calendar should move some demo deadline"
    for technique in restricted:
        assert technique.first_clinical_use_on is not None
        expected = _official_due(technique.first_clinical_use_on)
        assert (technique.code, technique.filing_due_on) == (technique.code, expected)
        assert not technique.filing_due_on_provisional
        assert not technique.filed_late
    # The calendar came with the demo, and loading it again changes nothing.
    assert await calendar.load_official_calendar(SYSTEM) == []
