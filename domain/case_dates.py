"""Which case dates a client may report (issue 13 item 8).

A case in the future, or performed longer ago than `CREDREG_CASE_MAX_AGE_DAYS`, is refused:
a backdated case would move a technique's first clinical use back and could put it
irreversibly past its filing deadline (R21/R22). The server's own operator (the command
line, a deliberate back-fill) is not limited; an ADMIN corrects a wrong first use with
`correctFirstClinicalUse`.
"""

from __future__ import annotations

from datetime import date, timedelta

from domain import clock
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg

DEFAULT_MAX_AGE_DAYS = 30
_max_age_days = DEFAULT_MAX_AGE_DAYS


def configure(max_age_days: int) -> None:
    global _max_age_days
    if max_age_days < 1:
        raise ValueError("max_age_days must be at least 1")
    _max_age_days = max_age_days


def max_age_days() -> int:
    return _max_age_days


def check_performed_on(actor: Actor, performed_on: date, field: str = "performedOn") -> None:
    today = clock.today()
    if performed_on > today:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The operation date {performed_on} is after today ({today}): it cannot be recorded",
                performed_on=performed_on,
                today=today,
            ),
            field,
        )
    earliest = today - timedelta(days=_max_age_days)
    if performed_on < earliest and actor.kind != "system":
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The operation date {performed_on} is before {earliest}, the earliest a late "
                "report may cover (cases of the last {days} days); to record an older case, "
                "contact the medical affairs office",
                performed_on=performed_on,
                earliest=earliest,
                days=_max_age_days,
            ),
            field,
        )
