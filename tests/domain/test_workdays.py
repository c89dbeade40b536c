"""R22 working-day arithmetic over real Chinese calendars."""

from __future__ import annotations

from datetime import date, timedelta

from domain.workdays import WorkCalendar, filing_due_on

# 2026 National Day (国庆节) and Mid-Autumn: Oct 1-7 off... using the official 2025 notice
# shape: 2025-10-01..08 holiday, make-up working days Sun 2025-09-28 and Sat 2025-10-11.
NATIONAL_DAY_2025 = WorkCalendar(
    holidays=frozenset(date(2025, 10, d) for d in range(1, 9)),
    workdays=frozenset({date(2025, 9, 28), date(2025, 10, 11)}),
)


def test_plain_weeks_skip_weekends() -> None:
    calendar = WorkCalendar()
    assert calendar.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Fri -> Mon
    assert filing_due_on(calendar, date(2026, 11, 2)) == date(2026, 11, 23)  # 3 weeks


def test_r22_window_spanning_national_day_and_make_up_saturday() -> None:
    # First clinical use on Thu 2025-09-25. Working days after it: Fri 26, Sun 28 (make-up),
    # Mon 29, Tue 30 (4); Oct 1-8 holiday; Thu 9, Fri 10, Sat 11 (make-up) (7); then
    # Mon 13 .. Fri 17 (12), Mon 20, Tue 21, Wed 22 (15).
    assert filing_due_on(NATIONAL_DAY_2025, date(2025, 9, 25)) == date(2025, 10, 22)
    # Without the calendar the naive answer would be three weeks: Thu 2025-10-16.
    assert filing_due_on(WorkCalendar(), date(2025, 9, 25)) == date(2025, 10, 16)


def test_make_up_day_counts_and_holiday_does_not() -> None:
    assert NATIONAL_DAY_2025.is_working_day(date(2025, 10, 11))  # Saturday, make-up
    assert not NATIONAL_DAY_2025.is_working_day(date(2025, 10, 1))  # Wednesday, holiday
    assert not NATIONAL_DAY_2025.is_working_day(date(2025, 10, 12))  # plain Sunday


def test_working_days_between_matches_adding() -> None:
    start = date(2025, 9, 25)
    due = filing_due_on(NATIONAL_DAY_2025, start)
    assert NATIONAL_DAY_2025.working_days_between(start, due) == 15
    assert NATIONAL_DAY_2025.working_days_between(start, due - timedelta(days=1)) == 14
