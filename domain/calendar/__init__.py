"""The State Council's official holiday schedules, shipped with the product (SPEC 3.3 R22).

One JSON file per year (`cn-YYYY.json`) transcribes 国务院办公厅关于YYYY年部分节假日安排的通知:
the holiday ranges, the weekend make-up working days (调休) and the notice itself (title,
document number, date). `load_official_calendar` stores the years not loaded yet (run by
`credreg migrate`, `credreg init` and the demo); it never overwrites a date the hospital
entered itself, and it recomputes the filing deadlines that depend on the calendar.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from domain import clock, permissions, validation
from domain.actors import Actor
from domain.permissions import Permission
from domain.techniques import CalendarSource, recompute_filing_deadlines
from domain.writes import WriteContext, run_write
from models import CalendarDay, CalendarYear

OFFICIAL = "OFFICIAL"


@dataclass(frozen=True)
class OfficialYear:
    year: int
    source: CalendarSource
    holidays: tuple[tuple[date, str], ...]  # every day off, weekends inside a range included
    workdays: tuple[tuple[date, str], ...]  # weekend dates that are working days (调休)


def _parse(data: dict[str, Any]) -> OfficialYear:
    year = int(data["year"])
    holidays: list[tuple[date, str]] = []
    for item in data["holidays"]:
        day, last = date.fromisoformat(item["from"]), date.fromisoformat(item["to"])
        while day <= last:
            holidays.append((day, item["name"]))
            day += timedelta(days=1)
    workdays = [(date.fromisoformat(item["date"]), item["name"]) for item in data["workdays"]]
    source = data["source"]
    parsed = OfficialYear(
        year=year,
        source=CalendarSource(
            title=source["title"],
            document_number=source["documentNumber"],
            published_on=date.fromisoformat(source["publishedOn"]),
        ),
        holidays=tuple(holidays),
        workdays=tuple(workdays),
    )
    days = [d for d, _ in parsed.holidays] + [d for d, _ in parsed.workdays]
    if len(set(days)) != len(days) or any(d.year != year for d in days):
        raise ValueError(f"official calendar {year}: a date is listed twice or outside the year")
    if any(d.weekday() < 5 for d, _ in parsed.workdays):
        raise ValueError(f"official calendar {year}: a make-up working day on a weekday")
    return parsed


@cache
def official_years() -> tuple[OfficialYear, ...]:
    """Every shipped year, oldest first."""
    folder = resources.files("domain").joinpath("calendar")
    years = [
        _parse(json.loads(entry.read_text("utf-8")))
        for entry in folder.iterdir()
        if entry.name.startswith("cn-") and entry.name.endswith(".json")
    ]
    return tuple(sorted(years, key=lambda y: y.year))


async def load_official_calendar(actor: Actor) -> list[int]:
    """Store the shipped years not loaded yet; returns the years loaded now (none on a
    second run). Dates the hospital already set (setHolidays) are kept as they are."""
    loaded = {
        int(year): number
        for year, number in await CalendarYear.all().values_list("year", "document_number")
    }
    pending = [y for y in official_years() if loaded.get(y.year) != y.source.document_number]
    if not pending:
        return []

    async def apply(ctx: WriteContext) -> list[int]:
        done = []
        for official in pending:
            first, last = date(official.year, 1, 1), date(official.year, 12, 31)
            stored = CalendarDay.filter(day__gte=first, day__lte=last)
            existing: set[date] = set(await stored.values_list("day", flat=True))  # type: ignore[arg-type]
            moment = clock.now()
            rows = [
                CalendarDay(day=day, kind=kind, name=name, created_at=moment, updated_at=moment)
                for kind, days in (("HOLIDAY", official.holidays), ("WORKDAY", official.workdays))
                for day, name in days
                if day not in existing
            ]
            await CalendarDay.bulk_create(rows)
            values: dict[str, Any] = {
                "origin": OFFICIAL,
                "source_title": official.source.title,
                "document_number": official.source.document_number,
                "published_on": official.source.published_on,
            }
            row = await CalendarYear.get_or_none(year=official.year)
            if row is None:
                await ctx.create(
                    CalendarYear, "calendar.official_loaded", year=official.year, **values
                )
            else:
                await ctx.update(row, "calendar.official_loaded", values)
            ctx.record(
                "calendar.set",
                "HolidayCalendar",
                f"{first}..{last}",
                after={
                    "days": [
                        [r.day.isoformat(), r.kind] for r in sorted(rows, key=lambda r: r.day)
                    ],
                    "kept": sorted(d.isoformat() for d in existing),
                },
                reason=f"{official.source.title}（{official.source.document_number}）",
            )
            done.append(official.year)
        await recompute_filing_deadlines(ctx)
        return done

    return await run_write(
        actor, apply, operation="loadOfficialCalendar", permission=Permission.MANAGE_CALENDAR
    )


@dataclass(frozen=True)
class CalendarDayEntry:
    day: date
    name: str


@dataclass(frozen=True)
class HolidayYear:
    year: int
    covered: bool  # the year's schedule is loaded: deadlines into it are final
    origin: str | None  # OFFICIAL | LOCAL
    source: CalendarSource | None
    holidays: list[CalendarDayEntry]
    workdays: list[CalendarDayEntry]


async def holiday_calendar(actor: Actor, year: int) -> HolidayYear:
    """R22: a year's holidays, make-up working days and the notice they come from."""
    permissions.require(actor, Permission.READ_REFERENCE)
    validation.int_range("year", year, 1949, 2199)
    rows = await CalendarDay.filter(
        day__gte=date(year, 1, 1), day__lte=date(year, 12, 31)
    ).order_by("day")
    covered = await CalendarYear.get_or_none(year=year)
    source = None
    if covered is not None and (covered.source_title or covered.document_number):
        source = CalendarSource(
            title=covered.source_title,
            document_number=covered.document_number,
            published_on=covered.published_on,
        )
    return HolidayYear(
        year=year,
        covered=covered is not None,
        origin=covered.origin if covered else None,
        source=source,
        holidays=[CalendarDayEntry(r.day, r.name) for r in rows if r.kind == "HOLIDAY"],
        workdays=[CalendarDayEntry(r.day, r.name) for r in rows if r.kind == "WORKDAY"],
    )
