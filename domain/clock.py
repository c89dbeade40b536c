"""The one source of time. Tests pin it with `set_clock`; nothing else calls datetime.now()."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo


class Clock:
    """System time; `today` is the hospital's calendar date in its time zone."""

    def __init__(self, timezone: str = "Asia/Shanghai") -> None:
        self.zone = ZoneInfo(timezone)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()


class FixedClock(Clock):
    """A clock that stands still until moved; for tests and reproducible runs."""

    def __init__(self, at: datetime, timezone: str = "Asia/Shanghai") -> None:
        super().__init__(timezone)
        self.at = at if at.tzinfo else at.replace(tzinfo=UTC)

    def now(self) -> datetime:
        return self.at

    def advance(self, **kwargs: float) -> None:
        self.at += timedelta(**kwargs)


_clock: Clock = Clock()


def set_clock(clock: Clock) -> None:
    global _clock
    _clock = clock


def get_clock() -> Clock:
    return _clock


def now() -> datetime:
    return _clock.now()


def today() -> date:
    return _clock.today()


def utc_iso(moment: datetime) -> str:
    """Canonical UTC text with microseconds, e.g. 2026-11-24T08:00:00.000000Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
