"""The rules of a decision (SPEC 3 and 4), pure functions over facts: no I/O, no clock.

One predicate per SPEC rule; cases, reviews, exports and history call the same ones
(`privilege_in_force` for R16, `managed_as_grade_four` for R25, `needs_yearly_review`
for R33), so a rule is written once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from domain.decision.facts import (
    PractitionerFacts,
    PrivilegeFacts,
    ProcedureFacts,
    SiteFacts,
    Snapshot,
    TechniqueFacts,
    effective_grade,
    managed_as_grade_four,
)
from domain.decision.vocabulary import (
    PRIVILEGE_REASONS,
    BasisPrivilege,
    CheckInput,
    Decision,
    Reason,
    ReasonCode,
    Setting,
    Severity,
)
from domain.i18n import enum_label, grade_label, msg, reason_message
from domain.institutions import scope_label
from domain.privileges import EXPIRES_SOON_DAYS, Scope, Status, add_months
from domain.techniques import TechniqueCategory, TechniqueStatus

__all__ = [
    "decide",
    "effective_grade",
    "managed_as_grade_four",
    "privilege_in_force",
    "procedure_in_force",
]

ACTIVE = Status.ACTIVE.value
SUPERSEDED = Status.SUPERSEDED.value
SUSPENDED = Status.SUSPENDED.value
REVOKED = Status.REVOKED.value
# Plain strings: the hot path compares facts against these thousands of times a second,
# and an enum's `.value` is a descriptor call each time.
PROCEDURE = Scope.PROCEDURE.value
TECHNIQUE = Scope.TECHNIQUE.value
SURGERY_GRADE = Scope.SURGERY_GRADE.value
DAY_SURGERY = Scope.DAY_SURGERY.value
NEW_TECHNIQUE = TechniqueCategory.NEW.value
PROHIBITED = TechniqueCategory.PROHIBITED.value
T_PROPOSED = TechniqueStatus.PROPOSED.value
T_SUSPENDED = TechniqueStatus.SUSPENDED.value
T_STOPPED = TechniqueStatus.STOPPED.value
DAY_SURGERY_SETTING = Setting.DAY_SURGERY.value


# --- predicates, one per rule ------------------------------------------------------------


def privilege_in_force(
    status: str,
    valid_from: date | None,
    valid_until: date | None,
    on: date,
    successor_from: date | None = None,
) -> bool:
    """R16: a privilege answers for `on` when ACTIVE within its term, or SUPERSEDED within
    its term and before its successor starts (renewal and downgrade never rewrite the past)."""
    if valid_from is None or valid_until is None or not valid_from <= on <= valid_until:
        return False
    if status == ACTIVE:
        return True
    return status == SUPERSEDED and successor_from is not None and on < successor_from


def usable(privilege: PrivilegeFacts, on: date) -> bool:
    return privilege_in_force(
        privilege.status,
        privilege.valid_from,
        privilege.valid_until,
        on,
        privilege.successor_from,
    )


def answers_for(privilege: PrivilegeFacts, on: date) -> bool:
    """Whether a privilege has anything to say about `on`: a SUPERSEDED one outside the
    part of its term it still answers for (R16) has been replaced and stays silent."""
    return privilege.status != SUPERSEDED or usable(privilege, on)


def procedure_in_force(rows: Iterable[ProcedureFacts], on: date) -> ProcedureFacts | None:
    """The catalogue row in force on `on` (rows newest catalogue version first)."""
    for row in rows:
        if row.effective_from <= on and (row.effective_to is None or on <= row.effective_to):
            return row
    return None


def practitioner_may_practise(practitioner: PractitionerFacts, on: date) -> bool:
    """R14: ACTIVE and licensed on that date."""
    licence = practitioner.licence_valid_until
    return practitioner.status == "ACTIVE" and (licence is None or licence >= on)


def covers(privilege: PrivilegeFacts, procedure: ProcedureFacts) -> bool:
    """Does this privilege (whatever its status and dates) cover the procedure? R25: a
    restricted technique's procedure is covered only by a TECHNIQUE privilege for that
    technique (the hospital's filed-physician list), never by a grade or procedure one."""
    scope = privilege.scope
    if scope == PROCEDURE:
        return privilege.procedure_code == procedure.code and not procedure.restricted
    if scope == TECHNIQUE:
        return procedure.restricted and privilege.technique_id == procedure.technique.id  # type: ignore[union-attr]
    if scope == SURGERY_GRADE:
        return (
            procedure.effective_grade <= 3
            and privilege.specialty_id == procedure.specialty_id
            and (privilege.max_grade or 0) >= procedure.grade
        )
    return False


def in_term(privilege: PrivilegeFacts, on: date) -> bool:
    return (
        privilege.valid_from is not None
        and privilege.valid_until is not None
        and privilege.valid_from <= on <= privilege.valid_until
    )


def suspension_stops(privilege: PrivilegeFacts, procedure: ProcedureFacts, on: date) -> bool:
    """R13: a SUSPENDED privilege covering the procedure (or its technique) on that date
    stops the right until it is reinstated or revoked, whatever else covers it."""
    if privilege.status != SUSPENDED or not in_term(privilege, on):
        return False
    if covers(privilege, procedure) or privilege.procedure_code == procedure.code:
        return True
    technique = procedure.technique
    return (
        privilege.scope == TECHNIQUE
        and technique is not None
        and privilege.technique_id == technique.id
    )


def needs_yearly_review(scope: str, grade: int | None) -> bool:
    """R33: grade-4 PROCEDURE and TECHNIQUE privileges are evaluated every N months."""
    if scope == TECHNIQUE:
        return True
    return scope == PROCEDURE and grade == 4


def evaluation_due(
    last_evaluated_on: date | None, valid_from: date | None, months: int
) -> date | None:
    """R33: the date a yearly-reviewed privilege is next due for evaluation."""
    start = last_evaluated_on or valid_from
    return None if start is None else add_months(start, months)


def filing_deadline_provisional(technique: TechniqueFacts) -> bool:
    """R22: an unfiled restricted technique's deadline that runs past the last published
    holiday calendar is provisional; decisions that depend on it say so."""
    return (
        technique.restricted
        and technique.filed_on is None
        and technique.filing_due_on is not None
        and technique.filing_due_on_provisional
    )


def filing_overdue(technique: TechniqueFacts, on: date) -> bool:
    """R22: a restricted technique not filed by its due date."""
    due = technique.filing_due_on
    return technique.restricted and technique.filed_on is None and due is not None and on > due


def refuse_day_surgery_emergency(setting: str, emergency: bool) -> str | None:
    """Day surgery is elective (R41): an emergency in that setting is a validation error."""
    if emergency and setting == DAY_SURGERY_SETTING:
        return msg("Day surgery is elective: a case cannot be both an emergency and DAY_SURGERY")
    return None


# --- the decision -------------------------------------------------------------------------


class _Answer:
    __slots__ = ("basis", "reasons")

    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.basis: list[PrivilegeFacts] = []

    def add(
        self,
        code: ReasonCode,
        severity: Severity,
        message: str,
        privilege: PrivilegeFacts | None = None,
    ) -> None:
        self.reasons.append(Reason(code, severity, message, privilege.id if privilege else None))

    def block(
        self, code: ReasonCode, message: str, privilege: PrivilegeFacts | None = None
    ) -> None:
        self.add(code, Severity.BLOCKING, message, privilege)


def _unusable_reason(privilege: PrivilegeFacts, on: date) -> tuple[ReasonCode, str]:
    if privilege.status == SUSPENDED:
        return ReasonCode.PRIVILEGE_SUSPENDED, reason_message(ReasonCode.PRIVILEGE_SUSPENDED)
    if privilege.status == REVOKED:
        return ReasonCode.PRIVILEGE_REVOKED, reason_message(ReasonCode.PRIVILEGE_REVOKED)
    if privilege.valid_until is not None and privilege.valid_until < on:
        code = ReasonCode.PRIVILEGE_EXPIRED
        return code, reason_message(code, valid_until=privilege.valid_until)
    if privilege.successor_from is not None and privilege.successor_from <= on:
        code = ReasonCode.PRIVILEGE_EXPIRED
        return code, reason_message(code, "replaced", replaced_on=privilege.successor_from)
    code = ReasonCode.PRIVILEGE_NOT_YET_VALID
    return code, reason_message(code, valid_from=privilege.valid_from)


def _holds_technique(
    privileges: list[PrivilegeFacts], technique_id: int, on: date, site_id: int
) -> PrivilegeFacts | None:
    for privilege in privileges:
        if (
            privilege.scope == TECHNIQUE
            and privilege.technique_id == technique_id
            and privilege.site_id == site_id
            and usable(privilege, on)
        ):
            return privilege
    return None


def _needs_technique_privilege(procedure: ProcedureFacts) -> bool:
    technique = procedure.technique
    return technique is not None and technique.category == NEW_TECHNIQUE


def unsupervised_cover(
    practitioner: PractitionerFacts | None,
    snap: Snapshot,
    procedure: ProcedureFacts,
    on: date,
    site_id: int,
) -> list[PrivilegeFacts]:
    """R15: the practitioner's usable, unsupervised privileges covering the procedure."""
    if practitioner is None or not practitioner_may_practise(practitioner, on):
        return []
    privileges = snap.privileges_by_practitioner.get(practitioner.id, [])
    found = [
        p
        for p in privileges
        if p.site_id == site_id and not p.supervised_only and covers(p, procedure) and usable(p, on)
    ]
    if found and _needs_technique_privilege(procedure):
        technique = _holds_technique(privileges, procedure.technique.id, on, site_id)  # type: ignore[union-attr]
        return [*found, technique] if technique else []
    return found


def registered_at(
    practitioner: PractitionerFacts, institution_id: int | None, snap: Snapshot, on: date
) -> bool:
    """Issue 16 (多机构执业): the practitioner holds a registration at the institution valid
    on that date. With none recorded (data from before institutions existed), they are
    registered at their department's institution."""
    if not practitioner.registrations:
        home = practitioner.primary_institution_id or snap.default_institution_id
        return institution_id is None or home is None or home == institution_id
    return any(
        r.institution_id == institution_id and r.valid_on(on) for r in practitioner.registrations
    )


def within_practice_scope(practitioner: PractitionerFacts, procedure: ProcedureFacts) -> bool:
    """Issue 16 (执业范围): checked only where both are coded: an unmapped specialty or an
    uncoded scope decides as before (and the unmapped-specialties query reports it)."""
    if not procedure.allowed_scopes or not practitioner.scope_codes:
        return True
    return not procedure.allowed_scopes.isdisjoint(practitioner.scope_codes)


def institution_gate(
    answer: _Answer,
    practitioner: PractitionerFacts,
    procedure: ProcedureFacts | None,
    site: SiteFacts,
    snap: Snapshot,
    on: date,
) -> None:
    if not registered_at(practitioner, snap.institution_of(site), snap, on):
        answer.block(
            ReasonCode.NOT_REGISTERED_AT_INSTITUTION,
            reason_message(ReasonCode.NOT_REGISTERED_AT_INSTITUTION, site=site.code, date=on),
        )
    if procedure is not None and not within_practice_scope(practitioner, procedure):
        answer.block(
            ReasonCode.OUTSIDE_PRACTICE_SCOPE,
            reason_message(
                ReasonCode.OUTSIDE_PRACTICE_SCOPE,
                procedure=procedure.name,
                code=procedure.code,
                scope=tuple(scope_label(c) for c in sorted(practitioner.scope_codes)),
            ),
        )


def admitted_here(
    technique: TechniqueFacts, institution_id: int | None, snap: Snapshot
) -> TechniqueFacts | None:
    """The technique as the institution of the site runs it: its own record at the
    institution that owns it; elsewhere the admission there (None: not admitted).
    Admission and filing are per institution (issue 16)."""
    owner = technique.institution_id or snap.default_institution_id
    if institution_id is None or owner is None or owner == institution_id:
        return technique
    admission = snap.admissions.get((technique.id, institution_id))
    if admission is None:
        return None
    return replace(
        technique,
        status=admission.status,
        filing_due_on=admission.filing_due_on,
        filed_on=admission.filed_on,
        filing_due_on_provisional=admission.filing_due_on_provisional,
        lead_inactive=False,
    )


def technique_gate(
    answer: _Answer,
    procedure: ProcedureFacts,
    on: date,
    institution_id: int | None = None,
    snap: Snapshot | None = None,
) -> None:
    """R2, R20, R22, R24: a procedure inherits its technique's gating, as the institution
    of the site admitted and filed it."""
    technique = procedure.technique
    if technique is None:
        return
    if snap is not None and technique.category != PROHIBITED:
        here = admitted_here(technique, institution_id, snap)
        if here is None:
            answer.block(
                ReasonCode.TECHNIQUE_NOT_ADMITTED,
                reason_message(
                    ReasonCode.TECHNIQUE_NOT_ADMITTED,
                    "institution",
                    technique=technique.name,
                    technique_code=technique.code,
                ),
            )
            return
        technique = here
    status, name, code = technique.status, technique.name, technique.code
    if technique.category == PROHIBITED:
        reason = ReasonCode.TECHNIQUE_NOT_ADMITTED
        answer.block(
            reason, reason_message(reason, "prohibited", technique=name, technique_code=code)
        )
    elif status == T_PROPOSED:
        reason = ReasonCode.TECHNIQUE_NOT_ADMITTED
        answer.block(reason, reason_message(reason, technique=name, technique_code=code))
    elif status == T_SUSPENDED:
        reason = ReasonCode.TECHNIQUE_SUSPENDED
        answer.block(reason, reason_message(reason, technique=name, technique_code=code))
    elif status == T_STOPPED:
        reason = ReasonCode.TECHNIQUE_STOPPED
        answer.block(reason, reason_message(reason, technique=name, technique_code=code))
    if filing_overdue(technique, on):
        reason = ReasonCode.TECHNIQUE_FILING_OVERDUE
        answer.block(
            reason,
            reason_message(
                reason, technique=name, technique_code=code, due=technique.filing_due_on
            ),
        )
    if filing_deadline_provisional(technique):
        reason = ReasonCode.CALENDAR_NOT_PUBLISHED
        due = technique.filing_due_on
        answer.add(
            reason,
            Severity.WARNING,
            reason_message(
                reason,
                "filing",
                technique=name,
                technique_code=code,
                due=due,
                year=str(due.year) if due else "",
            ),
        )
    if technique.lead_inactive:
        reason = ReasonCode.TECHNIQUE_LEAD_INACTIVE
        answer.add(
            reason, Severity.WARNING, reason_message(reason, technique=name, technique_code=code)
        )


def privilege_reasons(
    answer: _Answer,
    practitioner: PractitionerFacts,
    snap: Snapshot,
    procedure: ProcedureFacts,
    check: CheckInput,
    site_id: int,
) -> None:
    on = check.on
    privileges = [
        p
        for p in snap.privileges_by_practitioner.get(practitioner.id, [])
        if p.site_id == site_id and answers_for(p, on)
    ]
    candidates = [p for p in privileges if covers(p, procedure)]
    live = [p for p in candidates if usable(p, on)]
    unsupervised = [p for p in live if not p.supervised_only]
    supervised = [p for p in live if p.supervised_only]
    stopped = [p for p in privileges if suspension_stops(p, procedure, on)]
    for privilege in stopped:
        answer.block(
            ReasonCode.PRIVILEGE_SUSPENDED,
            reason_message(ReasonCode.PRIVILEGE_SUSPENDED, "stops", privilege=privilege.id),
            privilege,
        )

    if _needs_technique_privilege(procedure):
        technique = _holds_technique(privileges, procedure.technique.id, on, site_id)  # type: ignore[union-attr]
        if technique is None:
            new = procedure.technique
            assert new is not None  # _needs_technique_privilege
            answer.block(
                ReasonCode.NO_TECHNIQUE_PRIVILEGE,
                reason_message(
                    ReasonCode.NO_TECHNIQUE_PRIVILEGE,
                    "new",
                    technique=new.name,
                    technique_code=new.code,
                ),
            )
        else:
            answer.basis.append(technique)

    # Reasons are all reported: a covering privilege that cannot be used is named even
    # when another covers (a warning there; blocking when nothing else covers).
    unusable = [p for p in candidates if not usable(p, on) and p not in stopped]
    severity = Severity.WARNING if live else Severity.BLOCKING
    for privilege in unusable:
        code, message = _unusable_reason(privilege, on)
        answer.add(code, severity, message, privilege)
    if unsupervised:
        answer.basis.extend(unsupervised)
        return
    if supervised:
        supervision(answer, supervised, snap, procedure, check, site_id)
        return
    if procedure.restricted:
        restricted = procedure.technique
        if not candidates and restricted is not None:
            answer.block(
                ReasonCode.NO_TECHNIQUE_PRIVILEGE,
                reason_message(
                    ReasonCode.NO_TECHNIQUE_PRIVILEGE,
                    procedure=procedure.name,
                    code=procedure.code,
                    technique=restricted.name,
                    technique_code=restricted.code,
                ),
            )
        return
    grade = procedure.effective_grade
    too_low = [
        p
        for p in privileges
        if p.scope == SURGERY_GRADE
        and p.specialty_id == procedure.specialty_id
        and usable(p, on)
        and (p.max_grade or 0) < grade
    ]
    for privilege in too_low:
        answer.block(
            ReasonCode.GRADE_TOO_LOW,
            reason_message(
                ReasonCode.GRADE_TOO_LOW,
                "grade4" if grade == 4 else None,
                procedure=procedure.name,
                code=procedure.code,
                grade=grade_label(grade),
                max_grade=grade_label(privilege.max_grade or 0),
            ),
            privilege,
        )
    if not candidates and not too_low:
        answer.block(
            ReasonCode.NO_PRIVILEGE,
            reason_message(
                ReasonCode.NO_PRIVILEGE,
                procedure=procedure.name,
                code=procedure.code,
                grade=grade_label(grade),
            ),
        )


def supervision(
    answer: _Answer,
    supervised: list[PrivilegeFacts],
    snap: Snapshot,
    procedure: ProcedureFacts,
    check: CheckInput,
    site_id: int,
) -> None:
    """R15: a supervisedOnly privilege needs a named supervisor holding it unsupervised."""
    own = supervised[0]
    if check.supervisor_id is None and not check.supervisor_staff_no:
        answer.block(
            ReasonCode.SUPERVISOR_REQUIRED, reason_message(ReasonCode.SUPERVISOR_REQUIRED), own
        )
        return
    supervisor = snap.practitioner(check.supervisor_id, check.supervisor_staff_no)
    if supervisor is None:
        named = check.supervisor_staff_no or check.supervisor_id
        answer.block(
            ReasonCode.SUPERVISOR_REQUIRED,
            reason_message(ReasonCode.SUPERVISOR_REQUIRED, "not_found", supervisor=str(named)),
            own,
        )
        return
    if not unsupervised_cover(supervisor, snap, procedure, check.on, site_id):
        answer.block(
            ReasonCode.SUPERVISOR_REQUIRED,
            reason_message(
                ReasonCode.SUPERVISOR_REQUIRED,
                "not_covered",
                supervisor=supervisor.name,
                staff_no=supervisor.staff_no,
                on=check.on,
            ),
            own,
        )
        return
    answer.basis.append(own)
    answer.add(
        ReasonCode.SUPERVISION_REQUIRED,
        Severity.REQUIREMENT,
        reason_message(
            ReasonCode.SUPERVISION_REQUIRED,
            supervisor=supervisor.name,
            staff_no=supervisor.staff_no,
        ),
        own,
    )


def day_surgery(
    answer: _Answer,
    practitioner: PractitionerFacts | None,
    snap: Snapshot,
    procedure: ProcedureFacts | None,
    check: CheckInput,
    site_id: int | None,
) -> None:
    """Day surgery: a day-surgery procedure, an admitted department, a DAY_SURGERY privilege."""
    if procedure is not None and not procedure.day_surgery:
        answer.block(
            ReasonCode.NOT_DAY_SURGERY_PROCEDURE,
            reason_message(
                ReasonCode.NOT_DAY_SURGERY_PROCEDURE, procedure=procedure.name, code=procedure.code
            ),
        )
    if practitioner is None or site_id is None:
        return
    if not practitioner.day_surgery_approved:
        answer.block(
            ReasonCode.DEPARTMENT_NOT_DAY_SURGERY,
            reason_message(ReasonCode.DEPARTMENT_NOT_DAY_SURGERY),
        )
    day = [
        p
        for p in snap.privileges_by_practitioner.get(practitioner.id, [])
        if p.scope == DAY_SURGERY and p.site_id == site_id and answers_for(p, check.on)
    ]
    live = [p for p in day if usable(p, check.on)]
    for privilege in day:
        if privilege.status == SUSPENDED and in_term(privilege, check.on):
            answer.block(  # R13: a suspension stops the right whatever else covers it
                ReasonCode.PRIVILEGE_SUSPENDED,
                reason_message(
                    ReasonCode.PRIVILEGE_SUSPENDED, "day_surgery", privilege=privilege.id
                ),
                privilege,
            )
        elif privilege not in live:
            _code, message = _unusable_reason(privilege, check.on)
            answer.add(
                ReasonCode.NO_DAY_SURGERY_PRIVILEGE,
                Severity.WARNING if live else Severity.BLOCKING,
                reason_message(ReasonCode.NO_DAY_SURGERY_PRIVILEGE, "unusable", problem=message),
                privilege,
            )
    if live:
        answer.basis.append(live[0])
        return
    if not day:
        answer.block(
            ReasonCode.NO_DAY_SURGERY_PRIVILEGE,
            reason_message(ReasonCode.NO_DAY_SURGERY_PRIVILEGE),
        )


def reevaluation(
    answer: _Answer, snap: Snapshot, procedure: ProcedureFacts, site: SiteFacts, on: date
) -> None:
    """R33: warn when a privilege the answer rests on is overdue for re-evaluation."""
    for privilege in answer.basis:
        cycle_due = snap.evaluation_due.get(privilege.id)
        late = cycle_due is not None and cycle_due < on
        if not late and needs_yearly_review(privilege.scope, procedure.effective_grade):
            due = evaluation_due(
                privilege.last_evaluated_on, privilege.valid_from, site.reevaluation_months
            )
            late = due is not None and due < on
        if late:
            answer.add(
                ReasonCode.REEVALUATION_OVERDUE,
                Severity.WARNING,
                reason_message(ReasonCode.REEVALUATION_OVERDUE),
                privilege,
            )


def emergency(answer: _Answer) -> None:
    """SPEC 4: in an emergency, privilege reasons stop blocking and an override is due;
    an overdue filing becomes a requirement (R22). Practitioner, procedure and technique
    admission, suspension and stop keep blocking."""
    overridden = False
    for reason in answer.reasons:
        if reason.code in PRIVILEGE_REASONS and reason.severity is Severity.BLOCKING:
            reason.severity = Severity.WARNING
            overridden = True
        elif reason.code is ReasonCode.TECHNIQUE_FILING_OVERDUE:
            # R22: an administrative breach must not stop an emergency (e.g. ECMO).
            reason.severity = Severity.REQUIREMENT
    if overridden:
        answer.add(
            ReasonCode.EMERGENCY_OVERRIDE,
            Severity.REQUIREMENT,
            reason_message(ReasonCode.EMERGENCY_OVERRIDE),
        )


def decide(check: CheckInput, snap: Snapshot, version: int) -> Decision:
    answer = _Answer()
    on = check.on
    site = snap.site(check)
    if site is None:
        answer.block(
            ReasonCode.SITE_NOT_FOUND,
            reason_message(ReasonCode.SITE_NOT_FOUND, site=str(check.site_code or check.site_id)),
        )
    practitioner = snap.practitioner(check.practitioner_id, check.practitioner_staff_no)
    if practitioner is None:
        answer.block(
            ReasonCode.PRACTITIONER_NOT_FOUND,
            reason_message(
                ReasonCode.PRACTITIONER_NOT_FOUND,
                practitioner=str(check.practitioner_staff_no or check.practitioner_id),
            ),
        )
    else:
        if practitioner.status != "ACTIVE":
            answer.block(
                ReasonCode.PRACTITIONER_INACTIVE,
                reason_message(
                    ReasonCode.PRACTITIONER_INACTIVE,
                    name=practitioner.name,
                    staff_no=practitioner.staff_no,
                    status=enum_label("PractitionerStatus", practitioner.status),
                ),
            )
        licence = practitioner.licence_valid_until
        if licence is not None and licence < on:
            answer.block(
                ReasonCode.LICENCE_EXPIRED,
                reason_message(
                    ReasonCode.LICENCE_EXPIRED,
                    name=practitioner.name,
                    staff_no=practitioner.staff_no,
                    expired_on=licence,
                ),
            )

    rows = snap.procedures_by_code.get(check.procedure_code, [])
    procedure = procedure_in_force(rows, on)
    if practitioner is not None and site is not None:
        institution_gate(answer, practitioner, procedure, site, snap, on)
    if not rows:
        answer.block(
            ReasonCode.PROCEDURE_NOT_FOUND,
            reason_message(ReasonCode.PROCEDURE_NOT_FOUND, code=check.procedure_code),
        )
    elif procedure is None:
        answer.block(
            ReasonCode.PROCEDURE_NOT_IN_FORCE,
            reason_message(
                ReasonCode.PROCEDURE_NOT_IN_FORCE,
                procedure=rows[0].name,
                code=check.procedure_code,
                on=on,
            ),
        )

    requires_mdt = False
    site_id = site.id if site else None
    if procedure is not None:
        requires_mdt = procedure.effective_grade == 4
        if requires_mdt:
            answer.add(
                ReasonCode.MDT_REQUIRED,
                Severity.REQUIREMENT,
                reason_message(ReasonCode.MDT_REQUIRED),
            )
        institution_id = snap.institution_of(site) if site is not None else None
        technique_gate(answer, procedure, on, institution_id, snap)
        if practitioner is not None and site_id is not None:
            privilege_reasons(answer, practitioner, snap, procedure, check, site_id)
    if check.setting is Setting.DAY_SURGERY:
        day_surgery(answer, practitioner, snap, procedure, check, site_id)

    if check.emergency:
        emergency(answer)

    if procedure is not None and site is not None:
        reevaluation(answer, snap, procedure, site, on)
    allowed = not any(r.severity is Severity.BLOCKING for r in answer.reasons)
    valid_until: date | None = None
    if allowed and answer.basis:
        ends = [p.valid_until for p in answer.basis if p.valid_until is not None]
        if practitioner and practitioner.licence_valid_until is not None:
            ends.append(practitioner.licence_valid_until)
        valid_until = min(ends) if ends else None
        if valid_until is not None and (valid_until - on).days <= EXPIRES_SOON_DAYS:
            answer.add(
                ReasonCode.EXPIRES_SOON,
                Severity.WARNING,
                reason_message(ReasonCode.EXPIRES_SOON, valid_until=valid_until),
            )
    basis = list(
        {p.id: BasisPrivilege(p.id, Scope(p.scope), p.valid_until) for p in answer.basis}.values()
    )
    return Decision(
        allowed=allowed,
        reasons=answer.reasons,
        procedure_id=procedure.id if procedure else (rows[0].id if rows else None),
        requires_mdt=requires_mdt,
        basis=basis if allowed else [],
        valid_until=valid_until,
        registry_version=version,
        practitioner_id=practitioner.id if practitioner else None,
    )
