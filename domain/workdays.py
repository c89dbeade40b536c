"""Working-day arithmetic over the holiday calendar (SPEC 3.3 R22).

Monday to Friday are working days, except dates the calendar marks HOLIDAY; Saturdays
and Sundays are not, except dates it marks WORKDAY (调休 make-up days).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from models import CalendarDay, CalendarYear

FILING_WORKING_DAYS = 15
MAX_SPAN_DAYS = 3660  # never scan more than ten years ahead


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)
    # Years whose holidays and make-up days are known (the official notice or a whole
    # year entered locally); arithmetic into any other year is provisional.
    covered_years: frozenset[int] = field(default_factory=frozenset)

    def covers(self, start: date, end: date) -> bool:
        """Every year from `start` to `end` has its published schedule loaded."""
        return all(year in self.covered_years for year in range(start.year, end.year + 1))

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current, counted = start, 0
        for _ in range(MAX_SPAN_DAYS):
            if counted == days:
                return current
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        raise ValueError("no such working day within ten years")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]."""
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )


def calendar_from(
    rows: Iterable[tuple[date, str]], covered_years: Iterable[int] = ()
) -> WorkCalendar:
    rows = list(rows)
    holidays = frozenset(day for day, kind in rows if kind == "HOLIDAY")
    return WorkCalendar(
        holidays=holidays,
        workdays=frozenset(day for day, kind in rows if kind == "WORKDAY"),
        covered_years=frozenset(covered_years),
    )


async def load_calendar() -> WorkCalendar:
    rows = await CalendarDay.all().values_list("day", "kind")
    years = await CalendarYear.all().values_list("year", flat=True)
    return calendar_from(
        [(day, kind) for day, kind in rows],  # type: ignore[misc]
        [int(y) for y in years],  # type: ignore[call-overload]
    )


def filing_due_on(calendar: WorkCalendar, first_clinical_use_on: date) -> date:
    """R22: a restricted technique must be filed within 15 working days of first use."""
    return calendar.add_working_days(first_clinical_use_on, FILING_WORKING_DAYS)


@dataclass(frozen=True)
class FilingDeadline:
    due_on: date
    provisional: bool  # the 15 working days run into a year the calendar does not cover


def filing_deadline(calendar: WorkCalendar, first_clinical_use_on: date) -> FilingDeadline:
    due = filing_due_on(calendar, first_clinical_use_on)
    return FilingDeadline(due, provisional=not calendar.covers(first_clinical_use_on, due))
