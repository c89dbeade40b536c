"""Decision reason messages: one template per reason code (and variant), with the facts
the decision found. Independent of how the decision code is laid out: it names a code,
an optional variant and the facts, and gets a Message back.

    reason_message("TECHNIQUE_FILING_OVERDUE", technique="肿瘤消融治疗技术",
                   technique_code="T-001", due=due)
    -> "限制类技术 肿瘤消融治疗技术（T-001）应于 2026-10-27 前完成备案，已逾期"   (zh-CN)
    -> "Restricted technique 肿瘤消融治疗技术 (T-001) was due to be filed by 2026-10-27;
        the filing is overdue"                                                  (en)

Facts: dates as `date`, grades through `grade_label(n)`, enum values through
`enum_label("PractitionerStatus", value)`, another reason's message as a Message.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from domain.i18n import core
from domain.i18n.core import N_, NC_, Message, Term

# code or "code:variant" -> message id (English source; translations in the catalogue)
REASON_MESSAGES: dict[str, str] = {
    "PRACTITIONER_NOT_FOUND": N_("Practitioner {practitioner} is not in the staff register"),
    "PRACTITIONER_INACTIVE": N_(
        "{name} (staff number {staff_no}) is {status}: no privilege can be used"
    ),
    "LICENCE_EXPIRED": N_(
        "The practising licence of {name} (staff number {staff_no}) expired on {expired_on}"
    ),
    "SITE_NOT_FOUND": N_("Site {site} does not exist"),
    "PROCEDURE_NOT_FOUND": N_("Procedure {code} is not in the procedure catalogue"),
    "PROCEDURE_NOT_IN_FORCE": N_(
        "Procedure {procedure} ({code}) is not in the procedure catalogue in force on {on}"
    ),
    "NO_PRIVILEGE": N_(
        "The practitioner holds no privilege for {procedure} ({code}, {grade}) at this site"
    ),
    "PRIVILEGE_EXPIRED": N_("The practitioner's privilege for this expired on {valid_until}"),
    "PRIVILEGE_EXPIRED:replaced": N_(
        "The practitioner's privilege for this was replaced by a new one from {replaced_on}"
    ),
    "PRIVILEGE_NOT_YET_VALID": N_(
        "The practitioner's privilege for this is valid only from {valid_from}"
    ),
    "PRIVILEGE_SUSPENDED": N_("The practitioner's privilege for this is suspended"),
    "PRIVILEGE_SUSPENDED:stops": N_(
        "Privilege no. {privilege} is suspended: while it is, no other privilege allows "
        "this procedure"
    ),
    "PRIVILEGE_SUSPENDED:day_surgery": N_("Day-surgery privilege no. {privilege} is suspended"),
    "PRIVILEGE_REVOKED": N_("The practitioner's privilege for this was revoked"),
    "GRADE_TOO_LOW": N_(
        "{procedure} ({code}) is a {grade} procedure; the practitioner's privilege covers "
        "up to {max_grade}"
    ),
    "GRADE_TOO_LOW:grade4": N_(
        "{procedure} ({code}) is a grade 4 procedure: it needs a privilege for this very "
        "procedure (the practitioner's privilege covers up to {max_grade})"
    ),
    "NOT_DAY_SURGERY_PROCEDURE": N_("{procedure} ({code}) is not in the day-surgery catalogue"),
    "NO_DAY_SURGERY_PRIVILEGE": N_("The practitioner holds no day-surgery privilege at this site"),
    "NO_DAY_SURGERY_PRIVILEGE:unusable": N_("Day-surgery privilege: {problem}"),
    "DEPARTMENT_NOT_DAY_SURGERY": N_(
        "The practitioner's department is not admitted to day surgery"
    ),
    "TECHNIQUE_NOT_ADMITTED": N_(
        "Technique {technique} ({technique_code}) has not been admitted by the technique committee"
    ),
    "TECHNIQUE_NOT_ADMITTED:institution": N_(
        "Technique {technique} ({technique_code}) has not been admitted by the institution "
        "this site belongs to"
    ),
    "TECHNIQUE_NOT_ADMITTED:prohibited": N_(
        "Technique {technique} ({technique_code}) is prohibited from clinical use"
    ),
    "TECHNIQUE_FILING_OVERDUE": N_(
        "Restricted technique {technique} ({technique_code}) was due to be filed by {due}; "
        "the filing is overdue"
    ),
    "TECHNIQUE_SUSPENDED": N_(
        "Clinical use of technique {technique} ({technique_code}) is suspended"
    ),
    "TECHNIQUE_STOPPED": N_(
        "Clinical use of technique {technique} ({technique_code}) has been stopped"
    ),
    "NO_TECHNIQUE_PRIVILEGE": N_(
        "Procedure {procedure} ({code}) applies restricted technique {technique} "
        "({technique_code}), managed as grade 4: it needs a privilege for that technique "
        "(the filed practitioner list); a grade or procedure privilege does not replace it"
    ),
    "NO_TECHNIQUE_PRIVILEGE:new": N_(
        "New technique {technique} ({technique_code}) needs a privilege for that technique"
    ),
    "SUPERVISOR_REQUIRED": N_(
        "The practitioner may perform this only under supervision: name a supervisor"
    ),
    "SUPERVISOR_REQUIRED:not_found": N_("Supervisor {supervisor} is not in the staff register"),
    "SUPERVISOR_REQUIRED:not_covered": N_(
        "Supervisor {supervisor} (staff number {staff_no}) holds no unsupervised privilege "
        "for this procedure on {on}"
    ),
    "MDT_REQUIRED": N_(
        "Managed as grade 4: a preoperative multidisciplinary (MDT) discussion is required"
    ),
    "SUPERVISION_REQUIRED": N_(
        "Must operate under the supervision of {supervisor} (staff number {staff_no})"
    ),
    "EMERGENCY_OVERRIDE": N_(
        "Emergency beyond the practitioner's privileges: record the case; it will be "
        "reviewed as an emergency override"
    ),
    "EXPIRES_SOON": N_("The authorisation ends on {valid_until}"),
    "REEVALUATION_OVERDUE": N_("The privilege is overdue for its periodic re-evaluation"),
    "TECHNIQUE_LEAD_INACTIVE": N_(
        "The lead of technique {technique} ({technique_code}) is no longer active: name a new lead"
    ),
    "CALENDAR_NOT_PUBLISHED": N_(
        "The deadline {due} is provisional: the holiday schedule for {year} is not yet published"
    ),
    "CALENDAR_NOT_PUBLISHED:filing": N_(
        "The filing deadline {due} of technique {technique} ({technique_code}) is "
        "provisional: the holiday schedule for {year} is not yet published"
    ),
    "NOT_REGISTERED_AT_INSTITUTION": N_(
        "The practitioner has no practice registration valid on {date} at the institution "
        "of site {site}"
    ),
    "OUTSIDE_PRACTICE_SCOPE": N_(
        "{procedure} ({code}) is outside the practitioner's registered scope of practice ({scope})"
    ),
}


def reason_key(code: str | Enum, variant: str | None = None) -> str:
    value = code.value if isinstance(code, Enum) else str(code)
    return f"{value}:{variant}" if variant else value


def reason_message(code: str, variant: str | None = None, /, **facts: Any) -> Message:
    """The message of a decision reason, by its code (a str or StrEnum such as
    ReasonCode) and variant, and its facts."""
    value = code if type(code) is str else code._value_  # type: ignore[attr-defined]
    msgid = REASON_MESSAGES[f"{value}:{variant}" if variant else value]
    # A batch of decisions repeats the same reasons with the same facts: share one
    # (immutable) message per distinct set of plain facts.
    for value in facts.values():
        if type(value) is Message:  # equal texts need not be equal messages
            return Message(msgid, facts)
    try:
        key = (msgid, core._default_locale, *facts.items())
        found = _SHARED.get(key)
    except TypeError:  # an unhashable fact (a list): not shared
        return Message(msgid, facts)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        found = _SHARED[key] = Message(msgid, facts)
    return found


_SHARED: dict[tuple[Any, ...], Message] = {}
_SHARED_MAX = 10_000


GRADES = (NC_("grade", "1"), NC_("grade", "2"), NC_("grade", "3"), NC_("grade", "4"))


def grade_label(grade: int | str) -> Term:
    """一级手术 ... 四级手术 / grade 1 ... grade 4."""
    return Term("grade", str(grade))


def enum_label(enum: str, value: str | Enum) -> Term:
    """The label of a GraphQL enum value, e.g. enum_label("Title", "ATTENDING") -> 主治医师."""
    return Term(f"enum {enum}", value.value if isinstance(value, Enum) else str(value))


# Reason codes the spec names that the decision does not emit yet: their labels are
# ready in the catalogue for when it does.
PLANNED_CODES = (
    NC_("enum DecisionReasonCode", "TECHNIQUE_LEAD_INACTIVE"),
    NC_("enum DecisionReasonCode", "CALENDAR_NOT_PUBLISHED"),
    NC_("enum DecisionReasonCode", "NOT_REGISTERED_AT_INSTITUTION"),
    NC_("enum DecisionReasonCode", "OUTSIDE_PRACTICE_SCOPE"),
)
