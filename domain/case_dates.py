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
            ErrorCode.VALIDATION, f"手术日期 {performed_on} 晚于今天（{today}），不能登记", field
        )
    earliest = today - timedelta(days=_max_age_days)
    if performed_on < earliest and actor.kind != "system":
        raise DomainError(
            ErrorCode.VALIDATION,
            f"手术日期 {performed_on} 早于允许补报的最早日期 {earliest}"
            f"（最多补报 {_max_age_days} 天内的病例）；如确需补录，请联系医务部",
            field,
        )
