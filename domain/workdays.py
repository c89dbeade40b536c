"""Working-day arithmetic over the holiday calendar (SPEC 3.3 R22).

Monday to Friday are working days, except dates the calendar marks HOLIDAY; Saturdays
and Sundays are not, except dates it marks WORKDAY (调休 make-up days).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from models import CalendarDay

FILING_WORKING_DAYS = 15
MAX_SPAN_DAYS = 3660  # never scan more than ten years ahead


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)

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


def calendar_from(rows: Iterable[tuple[date, str]]) -> WorkCalendar:
    holidays = frozenset(day for day, kind in rows if kind == "HOLIDAY")
    return WorkCalendar(
        holidays=holidays, workdays=frozenset(day for day, kind in rows if kind == "WORKDAY")
    )


async def load_calendar() -> WorkCalendar:
    rows = await CalendarDay.all().values_list("day", "kind")
    return calendar_from([(day, kind) for day, kind in rows])  # type: ignore[misc]


def filing_due_on(calendar: WorkCalendar, first_clinical_use_on: date) -> date:
    """R22: a restricted technique must be filed within 15 working days of first use."""
    return calendar.add_working_days(first_clinical_use_on, FILING_WORKING_DAYS)
