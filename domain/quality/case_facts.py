"""The case facts the quality indicators need (issue 17), checked before a case is
written: operation times, the planned operator, the MDT (time and participants),
consent and order times, unplanned readmission, the adverse-event grade.

Every problem is reported at once, each on its own field; nothing is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain import clock
from domain.errors import DomainError, ErrorCode
from domain.i18n import field_label, msg
from domain.i18n.core import NC_
from domain.validation import collect

# The new input fields' names, translated in messages (see docs/i18n.md).
FIELDS = (
    NC_("field", "startedAt"),
    NC_("field", "endedAt"),
    NC_("field", "plannedOperatorStaffNo"),
    NC_("field", "mdtDiscussedAt"),
    NC_("field", "mdtParticipantStaffNos"),
    NC_("field", "mdtParticipantDepartments"),
    NC_("field", "consentAt"),
    NC_("field", "orderedAt"),
    NC_("field", "adverseEventGrade"),
    NC_("field", "from"),
    NC_("field", "to"),
)
MAX_PARTICIPANTS = 50
MAX_OPERATION_HOURS = 48


@dataclass
class CaseFacts:
    started_at: datetime | None = None
    ended_at: datetime | None = None
    planned_operator_staff_no: str | None = None
    mdt_discussed_at: datetime | None = None
    mdt_participant_staff_nos: list[str] = field(default_factory=list)
    mdt_participant_departments: list[str] = field(default_factory=list)
    consent_at: datetime | None = None
    ordered_at: datetime | None = None
    unplanned_readmission_31d: bool = False
    adverse_event_grade: int | None = None


def _after(later_field: str, earlier_field: str) -> DomainError:
    return DomainError(
        ErrorCode.VALIDATION,
        msg(
            "{later} must not be before {earlier}",
            later=field_label(later_field),
            earlier=field_label(earlier_field),
        ),
        later_field,
    )


def check(facts: CaseFacts, performed_on: date) -> None:
    """Raise every problem of the new facts together (DomainErrors), or nothing."""
    problems: list[DomainError | None] = []
    times = {
        "startedAt": facts.started_at,
        "endedAt": facts.ended_at,
        "mdtDiscussedAt": facts.mdt_discussed_at,
        "consentAt": facts.consent_at,
        "orderedAt": facts.ordered_at,
    }
    for name, value in times.items():
        if value is not None and value.tzinfo is None:
            problems.append(
                DomainError(
                    ErrorCode.VALIDATION,
                    msg("{field} needs a time zone", field=field_label(name)),
                    name,
                )
            )
    if any(p is not None for p in problems):
        collect(*problems)
    start, end = facts.started_at, facts.ended_at
    if end is not None and start is None:
        problems.append(
            DomainError(
                ErrorCode.VALIDATION,
                msg(
                    "{field} needs {other}",
                    field=field_label("endedAt"),
                    other=field_label("startedAt"),
                ),
                "endedAt",
            )
        )
    if start is not None:
        local_day = start.astimezone(clock.get_clock().zone).date()
        if local_day != performed_on:
            problems.append(
                DomainError(
                    ErrorCode.VALIDATION,
                    msg(
                        "The operation started on {day}, not on the case's date {performed_on}",
                        day=local_day,
                        performed_on=performed_on,
                    ),
                    "startedAt",
                )
            )
        if end is not None and end < start:
            problems.append(_after("endedAt", "startedAt"))
        elif end is not None and (end - start).total_seconds() > MAX_OPERATION_HOURS * 3600:
            problems.append(
                DomainError(
                    ErrorCode.VALIDATION,
                    msg(
                        "An operation cannot last more than {hours} hours",
                        hours=MAX_OPERATION_HOURS,
                    ),
                    "endedAt",
                )
            )
        for name in ("mdtDiscussedAt", "consentAt", "orderedAt"):
            value = times[name]
            if value is not None and value > start:
                problems.append(
                    DomainError(
                        ErrorCode.VALIDATION,
                        msg(
                            "{field} must be before the operation started",
                            field=field_label(name),
                        ),
                        name,
                    )
                )
    now = clock.now()
    for name, value in times.items():
        if value is not None and value > now:
            problems.append(
                DomainError(
                    ErrorCode.VALIDATION,
                    msg("{field} cannot be in the future", field=field_label(name)),
                    name,
                )
            )
    if facts.adverse_event_grade is not None and not 1 <= facts.adverse_event_grade <= 4:
        problems.append(
            DomainError(
                ErrorCode.VALIDATION,
                msg("The adverse-event grade must be 1 (I) to 4 (IV)"),
                "adverseEventGrade",
            )
        )
    participants = len(facts.mdt_participant_staff_nos) + len(facts.mdt_participant_departments)
    if participants > MAX_PARTICIPANTS:
        problems.append(
            DomainError(
                ErrorCode.VALIDATION,
                msg("An MDT lists at most {count} participants", count=MAX_PARTICIPANTS),
                "mdtParticipantStaffNos",
            )
        )
    collect(*problems)


def mdt_timely(discussed: bool, facts: CaseFacts) -> bool:
    """四级手术术前多学科讨论完成率: an MDT counts when it took place before the surgical
    order and before the consent, where those times are known."""
    at = facts.mdt_discussed_at
    if not discussed and at is None:
        return False
    if at is None:
        return True
    return all(limit is None or at <= limit for limit in (facts.ordered_at, facts.consent_at))


def digest_content(facts: CaseFacts) -> dict[str, Any]:
    """The facts that were given (defaults left out, so the digest of a case recorded
    before issue 17 stays the same)."""
    defaults = CaseFacts()
    content: dict[str, Any] = {}
    for name in facts.__dataclass_fields__:
        value = getattr(facts, name)
        if value != getattr(defaults, name):
            content[name] = value
    return content
