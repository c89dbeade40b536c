"""The privilege decision (SPEC section 4): may this practitioner perform this procedure
on this date, in this setting, at this site?

`check_many` answers up to 500 questions with a constant number of SQL queries: it loads
one snapshot of everything the questions touch (sites, practitioners with their
departments, procedures with their techniques, privileges), then decides each question in
plain Python. Parameterised SQL instead of model objects keeps the hot path cheap
(CONVENTIONS habit 6). The registry version is read before and after the snapshot; if a
write landed in between, the snapshot is taken again, so an answer always matches the
version it reports.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from domain import audit, permissions, sql
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.permissions import Permission
from domain.privileges import EXPIRES_SOON_DAYS, Scope, Status
from domain.reevaluation import evaluation_due, needs_yearly_review
from domain.shared_runs import Run, SharedRuns
from domain.techniques import RESTRICTED, TechniqueCategory, TechniqueStatus

MAX_BATCH = 500
SNAPSHOT_ATTEMPTS = 3


class Severity(StrEnum):
    BLOCKING = "BLOCKING"
    REQUIREMENT = "REQUIREMENT"
    WARNING = "WARNING"


class Setting(StrEnum):
    INPATIENT = "INPATIENT"
    DAY_SURGERY = "DAY_SURGERY"
    OUTPATIENT = "OUTPATIENT"


class ReasonCode(StrEnum):
    PRACTITIONER_NOT_FOUND = "PRACTITIONER_NOT_FOUND"
    PRACTITIONER_INACTIVE = "PRACTITIONER_INACTIVE"
    LICENCE_EXPIRED = "LICENCE_EXPIRED"
    SITE_NOT_FOUND = "SITE_NOT_FOUND"
    PROCEDURE_NOT_FOUND = "PROCEDURE_NOT_FOUND"
    PROCEDURE_NOT_IN_FORCE = "PROCEDURE_NOT_IN_FORCE"
    NO_PRIVILEGE = "NO_PRIVILEGE"
    PRIVILEGE_EXPIRED = "PRIVILEGE_EXPIRED"
    PRIVILEGE_NOT_YET_VALID = "PRIVILEGE_NOT_YET_VALID"
    PRIVILEGE_SUSPENDED = "PRIVILEGE_SUSPENDED"
    PRIVILEGE_REVOKED = "PRIVILEGE_REVOKED"
    GRADE_TOO_LOW = "GRADE_TOO_LOW"
    NOT_DAY_SURGERY_PROCEDURE = "NOT_DAY_SURGERY_PROCEDURE"
    NO_DAY_SURGERY_PRIVILEGE = "NO_DAY_SURGERY_PRIVILEGE"
    DEPARTMENT_NOT_DAY_SURGERY = "DEPARTMENT_NOT_DAY_SURGERY"
    TECHNIQUE_NOT_ADMITTED = "TECHNIQUE_NOT_ADMITTED"
    TECHNIQUE_FILING_OVERDUE = "TECHNIQUE_FILING_OVERDUE"
    TECHNIQUE_SUSPENDED = "TECHNIQUE_SUSPENDED"
    TECHNIQUE_STOPPED = "TECHNIQUE_STOPPED"
    NO_TECHNIQUE_PRIVILEGE = "NO_TECHNIQUE_PRIVILEGE"
    SUPERVISOR_REQUIRED = "SUPERVISOR_REQUIRED"
    MDT_REQUIRED = "MDT_REQUIRED"
    SUPERVISION_REQUIRED = "SUPERVISION_REQUIRED"
    EMERGENCY_OVERRIDE = "EMERGENCY_OVERRIDE"
    EXPIRES_SOON = "EXPIRES_SOON"
    REEVALUATION_OVERDUE = "REEVALUATION_OVERDUE"


# Reasons about the practitioner's privileges: an emergency makes them non-blocking.
# Practitioner, licence, catalogue and technique reasons keep blocking in an emergency:
# the spec names practitioner and procedure reasons; a lapsed licence or a suspended,
# stopped or unfiled restricted technique is not something a surgeon may override.
PRIVILEGE_REASONS = frozenset(
    {
        ReasonCode.NO_PRIVILEGE,
        ReasonCode.PRIVILEGE_EXPIRED,
        ReasonCode.PRIVILEGE_NOT_YET_VALID,
        ReasonCode.PRIVILEGE_SUSPENDED,
        ReasonCode.PRIVILEGE_REVOKED,
        ReasonCode.GRADE_TOO_LOW,
        ReasonCode.NO_DAY_SURGERY_PRIVILEGE,
        ReasonCode.NO_TECHNIQUE_PRIVILEGE,
        ReasonCode.SUPERVISOR_REQUIRED,
    }
)


@dataclass(frozen=True)
class CheckInput:
    procedure_code: str
    on: date
    setting: Setting = Setting.INPATIENT
    practitioner_id: int | None = None
    practitioner_staff_no: str | None = None
    site_id: int | None = None
    site_code: str | None = None
    supervisor_id: int | None = None
    supervisor_staff_no: str | None = None
    emergency: bool = False


@dataclass
class Reason:
    code: ReasonCode
    severity: Severity
    message: str
    privilege_id: int | None = None


@dataclass(frozen=True)
class BasisPrivilege:
    """A privilege an answer rests on, as the snapshot of the answer's version holds it."""

    id: int
    scope: Scope
    valid_until: date | None


@dataclass
class Decision:
    allowed: bool
    reasons: list[Reason]
    procedure_id: int | None
    requires_mdt: bool
    basis: list[BasisPrivilege]
    valid_until: date | None
    registry_version: int
    practitioner_id: int | None = None

    @property
    def basis_ids(self) -> list[int]:
        return [p.id for p in self.basis]


# --- the snapshot ------------------------------------------------------------------


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class Snapshot:
    sites_by_id: dict[int, dict[str, Any]] = field(default_factory=dict)
    sites_by_code: dict[str, dict[str, Any]] = field(default_factory=dict)
    default_site: dict[str, Any] | None = None
    practitioners_by_id: dict[int, dict[str, Any]] = field(default_factory=dict)
    practitioners_by_staff_no: dict[str, dict[str, Any]] = field(default_factory=dict)
    procedures_by_code: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    privileges_by_practitioner: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    evaluation_due: dict[int, date] = field(default_factory=dict)  # undecided, by privilege

    def site(self, check: CheckInput) -> dict[str, Any] | None:
        if check.site_id is not None:
            return self.sites_by_id.get(check.site_id)
        if check.site_code:
            return self.sites_by_code.get(check.site_code)
        return self.default_site

    def practitioner(self, pid: int | None, staff_no: str | None) -> dict[str, Any] | None:
        if pid is not None:
            return self.practitioners_by_id.get(pid)
        if staff_no:
            return self.practitioners_by_staff_no.get(staff_no)
        return None


def _in_list(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _keys(checks: Sequence[CheckInput]) -> tuple[set[int], set[str], set[str]]:
    ids = {i for c in checks for i in (c.practitioner_id, c.supervisor_id) if i is not None}
    staff = {s for c in checks for s in (c.practitioner_staff_no, c.supervisor_staff_no) if s}
    return ids, staff, {c.procedure_code for c in checks}


async def load_snapshot(checks: Sequence[CheckInput]) -> Snapshot:
    """Everything the checks touch, read fresh from the database."""
    ids, staff, codes = _keys(checks)
    return await load_parts(ids, staff, codes, with_sites=True)


async def load_parts(
    ids_wanted: set[int], staff_wanted: set[str], codes_wanted: set[str], with_sites: bool
) -> Snapshot:
    """Sites (optionally), the named practitioners with their privileges and pending
    evaluations, and the named catalogue codes: at most six queries, whatever the size."""
    snap = Snapshot()
    site_rows = (
        await sql.fetch("SELECT id, code, is_default, reevaluation_months FROM site")
        if with_sites
        else []
    )
    for row in site_rows:
        site = {
            "id": int(row["id"]),
            "code": row["code"],
            "reevaluation_months": int(row["reevaluation_months"]),
        }
        snap.sites_by_id[site["id"]] = site
        snap.sites_by_code[site["code"]] = site
        if row["is_default"]:
            snap.default_site = site

    ids = sorted(ids_wanted)
    staff = sorted(staff_wanted)
    where = []
    params: list[Any] = []
    if ids:
        where.append(f"p.id IN ({_in_list(ids)})")
        params += ids
    if staff:
        where.append(f"p.staff_no IN ({_in_list(staff)})")
        params += staff
    if where:
        rows = await sql.fetch(
            "SELECT p.id, p.staff_no, p.status, p.licence_valid_until, p.department_id, "
            "d.day_surgery_approved FROM practitioner p "
            "JOIN department d ON d.id = p.department_id "
            f"WHERE {' OR '.join(where)}",
            params,
        )
        for row in rows:
            practitioner = {
                "id": int(row["id"]),
                "staff_no": row["staff_no"],
                "status": row["status"],
                "licence_valid_until": _date(row["licence_valid_until"]),
                "department_id": int(row["department_id"]),
                "day_surgery_approved": bool(row["day_surgery_approved"]),
            }
            snap.practitioners_by_id[practitioner["id"]] = practitioner
            snap.practitioners_by_staff_no[practitioner["staff_no"]] = practitioner

    codes = sorted(codes_wanted)
    if codes:
        rows = await sql.fetch(
            "SELECT p.id, p.code, p.grade, p.specialty_id, p.day_surgery, p.technique_id, "
            "p.effective_from, p.effective_to, t.code AS technique_code, t.category, "
            "t.status AS technique_status, t.filing_due_on, t.filed_on "
            "FROM procedure p LEFT JOIN technique t ON t.id = p.technique_id "
            f"WHERE p.code IN ({_in_list(codes)}) ORDER BY p.catalogue_version DESC",
            codes,
        )
        for row in rows:
            procedure = dict(row)
            procedure["id"] = int(row["id"])
            procedure["grade"] = int(row["grade"])
            procedure["day_surgery"] = bool(row["day_surgery"])
            procedure["effective_from"] = _date(row["effective_from"])
            procedure["effective_to"] = _date(row["effective_to"])
            procedure["filing_due_on"] = _date(row["filing_due_on"])
            snap.procedures_by_code.setdefault(row["code"], []).append(procedure)

    holders = sorted(snap.practitioners_by_id)
    if holders:
        statuses = [Status.ACTIVE.value, Status.SUSPENDED.value, Status.REVOKED.value]
        rows = await sql.fetch(
            "SELECT id, practitioner_id, site_id, scope, specialty_id, max_grade, procedure_code, "
            "technique_id, supervised_only, valid_from, valid_until, status, last_evaluated_on "
            "FROM privilege "
            f"WHERE practitioner_id IN ({_in_list(holders)}) AND status IN ({_in_list(statuses)}) "
            "ORDER BY id",
            [*holders, *statuses],
        )
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            privilege = dict(row)
            privilege["id"] = int(row["id"])
            privilege["site_id"] = int(row["site_id"])
            privilege["supervised_only"] = bool(row["supervised_only"])
            privilege["valid_from"] = _date(row["valid_from"])
            privilege["valid_until"] = _date(row["valid_until"])
            privilege["last_evaluated_on"] = _date(row["last_evaluated_on"])
            grouped[int(row["practitioner_id"])].append(privilege)
        snap.privileges_by_practitioner = dict(grouped)
        rows = await sql.fetch(
            "SELECT e.privilege_id, c.due_on FROM evaluation e "
            "JOIN review_cycle c ON c.id = e.cycle_id JOIN privilege p ON p.id = e.privilege_id "
            f"WHERE e.status IN ('PENDING', 'SUBMITTED') AND p.practitioner_id IN "
            f"({_in_list(holders)})",
            holders,
        )
        for row in rows:
            due = _date(row["due_on"])
            assert due is not None
            current = snap.evaluation_due.get(int(row["privilege_id"]))
            snap.evaluation_due[int(row["privilege_id"])] = min(due, current or due)
    return snap


# --- deciding ----------------------------------------------------------------------


class _Answer:
    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.basis: list[dict[str, Any]] = []

    def add(
        self,
        code: ReasonCode,
        severity: Severity,
        message: str,
        privilege: dict[str, Any] | None = None,
    ) -> None:
        self.reasons.append(Reason(code, severity, message, privilege["id"] if privilege else None))

    def block(
        self, code: ReasonCode, message: str, privilege: dict[str, Any] | None = None
    ) -> None:
        self.add(code, Severity.BLOCKING, message, privilege)


def procedure_in_force(rows: Iterable[dict[str, Any]], on: date) -> dict[str, Any] | None:
    for row in rows:  # newest catalogue version first
        if row["effective_from"] <= on and (
            row["effective_to"] is None or on <= row["effective_to"]
        ):
            return row
    return None


def is_restricted(procedure: dict[str, Any]) -> bool:
    return procedure["technique_id"] is not None and procedure["category"] in RESTRICTED


def effective_grade(procedure: dict[str, Any]) -> int:
    """R25: procedures of a restricted technique are managed as grade 4."""
    return 4 if is_restricted(procedure) else int(procedure["grade"])


def covers(privilege: dict[str, Any], procedure: dict[str, Any]) -> bool:
    """Does this privilege (whatever its status and dates) cover the procedure?"""
    scope = privilege["scope"]
    if scope == Scope.PROCEDURE.value:
        return bool(privilege["procedure_code"] == procedure["code"])
    if scope == Scope.TECHNIQUE.value:
        return is_restricted(procedure) and privilege["technique_id"] == procedure["technique_id"]
    if scope == Scope.SURGERY_GRADE.value:
        return (
            effective_grade(procedure) <= 3
            and privilege["specialty_id"] == procedure["specialty_id"]
            and int(privilege["max_grade"]) >= int(procedure["grade"])
        )
    return False


def usable(privilege: dict[str, Any], on: date) -> bool:
    return (
        privilege["status"] == Status.ACTIVE.value
        and privilege["valid_from"] is not None
        and privilege["valid_until"] is not None
        and privilege["valid_from"] <= on <= privilege["valid_until"]
    )


def _unusable_reason(privilege: dict[str, Any], on: date) -> tuple[ReasonCode, str]:
    if privilege["status"] == Status.SUSPENDED.value:
        return ReasonCode.PRIVILEGE_SUSPENDED, "The covering privilege is suspended"
    if privilege["status"] == Status.REVOKED.value:
        return ReasonCode.PRIVILEGE_REVOKED, "The covering privilege was revoked"
    if privilege["valid_until"] is not None and privilege["valid_until"] < on:
        return (
            ReasonCode.PRIVILEGE_EXPIRED,
            f"The covering privilege expired on {privilege['valid_until']}",
        )
    return (
        ReasonCode.PRIVILEGE_NOT_YET_VALID,
        f"The covering privilege is valid from {privilege['valid_from']}",
    )


def _holds_technique(
    privileges: list[dict[str, Any]], technique_id: int, on: date, site_id: int
) -> dict[str, Any] | None:
    for privilege in privileges:
        if (
            privilege["scope"] == Scope.TECHNIQUE.value
            and privilege["technique_id"] == technique_id
            and privilege["site_id"] == site_id
            and usable(privilege, on)
        ):
            return privilege
    return None


def unsupervised_cover(
    practitioner: dict[str, Any] | None,
    snap: Snapshot,
    procedure: dict[str, Any],
    on: date,
    site_id: int,
) -> list[dict[str, Any]]:
    """The practitioner's usable, unsupervised privileges covering the procedure (R15)."""
    if practitioner is None or practitioner["status"] != "ACTIVE":
        return []
    licence = practitioner["licence_valid_until"]
    if licence is not None and licence < on:
        return []
    privileges = snap.privileges_by_practitioner.get(practitioner["id"], [])
    found = [
        p
        for p in privileges
        if p["site_id"] == site_id
        and not p["supervised_only"]
        and covers(p, procedure)
        and usable(p, on)
    ]
    if (
        found
        and procedure["technique_id"] is not None
        and procedure["category"] == TechniqueCategory.NEW.value
    ):
        technique = _holds_technique(privileges, procedure["technique_id"], on, site_id)
        return [*found, technique] if technique else []
    return found


def _technique_gate(answer: _Answer, procedure: dict[str, Any], on: date) -> None:
    """R2, R20, R22, R24: a procedure inherits its technique's gating."""
    if procedure["technique_id"] is None:
        return
    status, name = procedure["technique_status"], procedure["technique_code"]
    if procedure["category"] == TechniqueCategory.PROHIBITED.value:
        answer.block(ReasonCode.TECHNIQUE_NOT_ADMITTED, f"Technique {name} is prohibited")
    elif status == TechniqueStatus.PROPOSED.value:
        answer.block(
            ReasonCode.TECHNIQUE_NOT_ADMITTED,
            f"Technique {name} has not been admitted by the committee",
        )
    elif status == TechniqueStatus.SUSPENDED.value:
        answer.block(ReasonCode.TECHNIQUE_SUSPENDED, f"Technique {name} is suspended")
    elif status == TechniqueStatus.STOPPED.value:
        answer.block(ReasonCode.TECHNIQUE_STOPPED, f"Technique {name} has been stopped")
    due = procedure["filing_due_on"]
    if (
        procedure["category"] in RESTRICTED
        and procedure["filed_on"] is None
        and due is not None
        and on > due
    ):
        answer.block(
            ReasonCode.TECHNIQUE_FILING_OVERDUE,
            f"Technique {name} was due to be filed with the health authority by {due}",
        )


def _privilege_reasons(
    answer: _Answer,
    practitioner: dict[str, Any],
    snap: Snapshot,
    procedure: dict[str, Any],
    check: CheckInput,
    site_id: int,
) -> None:
    on = check.on
    privileges = [
        p
        for p in snap.privileges_by_practitioner.get(practitioner["id"], [])
        if p["site_id"] == site_id
    ]
    candidates = [p for p in privileges if covers(p, procedure)]
    live = [p for p in candidates if usable(p, on)]
    restricted = is_restricted(procedure)
    unsupervised = [p for p in live if not p["supervised_only"]]
    supervised = [p for p in live if p["supervised_only"]]

    if (
        procedure["technique_id"] is not None
        and procedure["category"] == TechniqueCategory.NEW.value
    ):
        technique = _holds_technique(privileges, procedure["technique_id"], on, site_id)
        if technique is None:
            answer.block(
                ReasonCode.NO_TECHNIQUE_PRIVILEGE,
                f"Technique {procedure['technique_code']} needs a TECHNIQUE privilege",
            )
        else:
            answer.basis.append(technique)

    if unsupervised:
        answer.basis.extend(unsupervised)
        return
    if supervised:
        _supervision(answer, supervised, snap, procedure, check, site_id)
        return
    for privilege in candidates:
        code, message = _unusable_reason(privilege, on)
        answer.block(code, message, privilege)
    if restricted:
        if not candidates:
            answer.block(
                ReasonCode.NO_TECHNIQUE_PRIVILEGE,
                f"Procedure {procedure['code']} applies restricted technique "
                f"{procedure['technique_code']}: it needs a PROCEDURE or TECHNIQUE "
                "privilege (managed as grade 4)",
            )
        return
    too_low = [
        p
        for p in privileges
        if p["scope"] == Scope.SURGERY_GRADE.value
        and p["specialty_id"] == procedure["specialty_id"]
        and usable(p, on)
        and int(p["max_grade"]) < effective_grade(procedure)
    ]
    for privilege in too_low:
        answer.block(
            ReasonCode.GRADE_TOO_LOW,
            f"Grade {effective_grade(procedure)} procedure; the privilege covers up to "
            f"grade {privilege['max_grade']}"
            + (" (grade 4 needs a PROCEDURE privilege)" if effective_grade(procedure) == 4 else ""),
            privilege,
        )
    if not candidates and not too_low:
        answer.block(
            ReasonCode.NO_PRIVILEGE,
            f"No privilege covers procedure {procedure['code']} at this site",
        )


def _supervision(
    answer: _Answer,
    supervised: list[dict[str, Any]],
    snap: Snapshot,
    procedure: dict[str, Any],
    check: CheckInput,
    site_id: int,
) -> None:
    """R15: a supervisedOnly privilege needs a named supervisor holding it unsupervised."""
    own = supervised[0]
    if check.supervisor_id is None and not check.supervisor_staff_no:
        answer.block(
            ReasonCode.SUPERVISOR_REQUIRED,
            "The privilege is supervised-only: name a supervisor",
            own,
        )
        return
    supervisor = snap.practitioner(check.supervisor_id, check.supervisor_staff_no)
    cover = unsupervised_cover(supervisor, snap, procedure, check.on, site_id)
    if not cover:
        answer.block(
            ReasonCode.SUPERVISOR_REQUIRED,
            "The named supervisor does not hold an unsupervised privilege covering "
            "this procedure on that date",
            own,
        )
        return
    answer.basis.append(own)
    answer.add(
        ReasonCode.SUPERVISION_REQUIRED,
        Severity.REQUIREMENT,
        f"Must operate under the supervision of {supervisor['staff_no']}",  # type: ignore[index]
        own,
    )


def _day_surgery(
    answer: _Answer,
    practitioner: dict[str, Any] | None,
    snap: Snapshot,
    procedure: dict[str, Any] | None,
    check: CheckInput,
    site_id: int | None,
) -> None:
    if procedure is not None and not procedure["day_surgery"]:
        answer.block(
            ReasonCode.NOT_DAY_SURGERY_PROCEDURE,
            f"Procedure {procedure['code']} is not in the day-surgery catalogue",
        )
    if practitioner is None or site_id is None:
        return
    if not practitioner["day_surgery_approved"]:
        answer.block(
            ReasonCode.DEPARTMENT_NOT_DAY_SURGERY,
            "The practitioner's department is not admitted to day surgery",
        )
    day = [
        p
        for p in snap.privileges_by_practitioner.get(practitioner["id"], [])
        if p["scope"] == Scope.DAY_SURGERY.value and p["site_id"] == site_id
    ]
    live = [p for p in day if usable(p, check.on)]
    if live:
        answer.basis.append(live[0])
        return
    for privilege in day:
        _code, message = _unusable_reason(privilege, check.on)
        answer.block(
            ReasonCode.NO_DAY_SURGERY_PRIVILEGE, "Day-surgery privilege: " + message, privilege
        )
    if not day:
        answer.block(
            ReasonCode.NO_DAY_SURGERY_PRIVILEGE,
            "The practitioner holds no day-surgery privilege at this site",
        )


def _reevaluation(
    answer: _Answer, snap: Snapshot, procedure: dict[str, Any], site: dict[str, Any], on: date
) -> None:
    """R33: warn when a privilege the answer rests on is overdue for re-evaluation."""
    for privilege in answer.basis:
        cycle_due = snap.evaluation_due.get(privilege["id"])
        late = cycle_due is not None and cycle_due < on
        if not late and needs_yearly_review(privilege, effective_grade(procedure)):
            due = evaluation_due(privilege, site["reevaluation_months"])
            late = due is not None and due < on
        if late:
            answer.add(
                ReasonCode.REEVALUATION_OVERDUE,
                Severity.WARNING,
                "The privilege is overdue for its periodic re-evaluation",
                privilege,
            )


def decide(check: CheckInput, snap: Snapshot, version: int) -> Decision:
    answer = _Answer()
    on = check.on
    site = snap.site(check)
    if site is None:
        answer.block(
            ReasonCode.SITE_NOT_FOUND, f"Site {check.site_code or check.site_id} does not exist"
        )
    practitioner = snap.practitioner(check.practitioner_id, check.practitioner_staff_no)
    if practitioner is None:
        answer.block(
            ReasonCode.PRACTITIONER_NOT_FOUND,
            f"Practitioner {check.practitioner_staff_no or check.practitioner_id} does not exist",
        )
    else:
        if practitioner["status"] != "ACTIVE":
            answer.block(
                ReasonCode.PRACTITIONER_INACTIVE,
                f"The practitioner's status is {practitioner['status']} (R14)",
            )
        licence = practitioner["licence_valid_until"]
        if licence is not None and licence < on:
            answer.block(ReasonCode.LICENCE_EXPIRED, f"The practising licence expired on {licence}")

    rows = snap.procedures_by_code.get(check.procedure_code, [])
    procedure = procedure_in_force(rows, on)
    if not rows:
        answer.block(
            ReasonCode.PROCEDURE_NOT_FOUND,
            f"Procedure {check.procedure_code} is not in the catalogue",
        )
    elif procedure is None:
        answer.block(
            ReasonCode.PROCEDURE_NOT_IN_FORCE,
            f"Procedure {check.procedure_code} is not in the catalogue in force on {on}",
        )

    requires_mdt = False
    site_id = site["id"] if site else None
    if procedure is not None:
        requires_mdt = effective_grade(procedure) == 4
        if requires_mdt:
            answer.add(
                ReasonCode.MDT_REQUIRED,
                Severity.REQUIREMENT,
                "Grade-4 management: a preoperative multidisciplinary (MDT) discussion is required",
            )
        _technique_gate(answer, procedure, on)
        if practitioner is not None and site_id is not None:
            _privilege_reasons(answer, practitioner, snap, procedure, check, site_id)
    if check.setting is Setting.DAY_SURGERY:
        _day_surgery(answer, practitioner, snap, procedure, check, site_id)

    if check.emergency:
        overridden = False
        for reason in answer.reasons:
            if reason.code in PRIVILEGE_REASONS and reason.severity is Severity.BLOCKING:
                reason.severity = Severity.WARNING
                overridden = True
        if overridden:
            answer.add(
                ReasonCode.EMERGENCY_OVERRIDE,
                Severity.REQUIREMENT,
                "Emergency beyond the practitioner's privileges: record the case; an "
                "emergency override report is due for review",
            )

    if procedure is not None and site is not None:
        _reevaluation(answer, snap, procedure, site, on)
    allowed = not any(r.severity is Severity.BLOCKING for r in answer.reasons)
    valid_until: date | None = None
    if allowed and answer.basis:
        ends = [p["valid_until"] for p in answer.basis if p["valid_until"] is not None]
        if practitioner and practitioner["licence_valid_until"] is not None:
            ends.append(practitioner["licence_valid_until"])
        valid_until = min(ends) if ends else None
        if valid_until is not None and (valid_until - on).days <= EXPIRES_SOON_DAYS:
            answer.add(
                ReasonCode.EXPIRES_SOON,
                Severity.WARNING,
                f"The authorisation ends on {valid_until}",
            )
    basis = list(
        {
            p["id"]: BasisPrivilege(p["id"], Scope(p["scope"]), p["valid_until"])
            for p in answer.basis
        }.values()
    )
    return Decision(
        allowed=allowed,
        reasons=answer.reasons,
        procedure_id=procedure["id"] if procedure else (rows[0]["id"] if rows else None),
        requires_mdt=requires_mdt,
        basis=basis if allowed else [],
        valid_until=valid_until,
        registry_version=version,
        practitioner_id=practitioner["id"] if practitioner else None,
    )


# Audit entity types whose changes no decision reads: the cache keeps everything.
# (Logins, API keys, case records, overrides, committee minutes, exports, refusals: a
# case that moves a technique to IN_USE records that as a Technique event of its own.)
NO_DECISION_EFFECT = frozenset(
    {
        "Session",
        "User",
        "ApiKey",
        "CaseRecord",
        "EmergencyOverride",
        "CommitteeDecision",
        "Export",
        "Operation",
        "Webhook",
        "WebhookDelivery",
        "Booking",
        "BookingImpact",
    }
)
# Entity types that change only what the catalogue part of the cache holds.
CATALOGUE_TYPES = frozenset({"Procedure", "CatalogueVersion", "Technique"})
# More events than this between two versions: start afresh rather than sift them.
MAX_SIFTED_EVENTS = 1_000


@dataclass
class Staleness:
    """What the audit events between two registry versions make stale in the cache."""

    everything: bool = False
    catalogue: bool = False
    practitioner_ids: set[int] = field(default_factory=set)
    privilege_ids: set[int] = field(default_factory=set)
    evaluation_ids: set[int] = field(default_factory=set)


async def staleness_between(old: tuple[int, str], new: tuple[int, str]) -> Staleness:
    """Sift the audit events (old, new]; anything not understood makes everything stale.
    The event at `old` must still carry the hash the cache saw (same history)."""
    old_seq, old_hash = old
    new_seq = new[0]
    if old_seq < 0 or new_seq < old_seq or new_seq - old_seq > MAX_SIFTED_EVENTS:
        return Staleness(everything=True)
    rows = await sql.fetch(
        "SELECT seq, hash, entity_type, entity_id FROM audit_event "
        "WHERE seq >= ? AND seq <= ? ORDER BY seq",
        [old_seq, new_seq],
    )
    known_old = old_seq == 0 or (rows and int(rows[0]["seq"]) == old_seq)
    if (
        not known_old
        or (old_seq and rows[0]["hash"] != old_hash)
        or len(rows) != new_seq - old_seq + (1 if old_seq else 0)
        or (rows and rows[-1]["hash"] != new[1])
    ):
        return Staleness(everything=True)
    found = Staleness()
    for row in rows:
        if int(row["seq"]) == old_seq:
            continue
        kind, entity_id = row["entity_type"], row["entity_id"]
        if kind in NO_DECISION_EFFECT:
            continue
        if kind in CATALOGUE_TYPES:
            found.catalogue = True
            continue
        targets = {
            "Practitioner": found.practitioner_ids,
            "Privilege": found.privilege_ids,
            "Evaluation": found.evaluation_ids,
        }.get(kind)
        if targets is None or entity_id is None or not str(entity_id).isdigit():
            return Staleness(everything=True)  # sites, departments, cycles, calendar, ...
        targets.add(int(entity_id))
    return found


async def holders_of(staleness: Staleness) -> set[int]:
    """The practitioners whose privileges or evaluations the events touched."""
    holders = set(staleness.practitioner_ids)
    if staleness.privilege_ids:
        wanted = sorted(staleness.privilege_ids)
        rows = await sql.fetch(
            f"SELECT practitioner_id FROM privilege WHERE id IN ({_in_list(wanted)})", wanted
        )
        holders |= {int(r["practitioner_id"]) for r in rows}
    if staleness.evaluation_ids:
        wanted = sorted(staleness.evaluation_ids)
        rows = await sql.fetch(
            "SELECT p.practitioner_id FROM evaluation e JOIN privilege p ON p.id = e.privilege_id "
            f"WHERE e.id IN ({_in_list(wanted)})",
            wanted,
        )
        holders |= {int(r["practitioner_id"]) for r in rows}
    return holders


class _PendingLoad(Run[bool]):
    """One load of missing keys, shared by every request that asked for them; its key
    is the registry state the keys are missing at."""

    def __init__(self, key: Hashable, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(key, loop)
        self.ids: set[int] = set()
        self.staff: set[str] = set()
        self.codes: set[str] = set()


class DecisionCache:
    """What decisions read, kept per process and valid for one registry version.

    Every change to the registry appends to the audit log and so moves the registry
    version; each request reads the version (one indexed query). When it moved, in this
    worker or any other, the cache sifts the audit events in between and forgets what
    they touched (a practitioner, the privileges of one, the catalogue) or, for anything
    else, everything; logins, case records and the like keep it whole. Nothing expires
    by time. Unknown staff numbers and codes are remembered too, so a batch of misses
    costs one load.
    """

    MAX_PRACTITIONERS = 50_000

    def __init__(self) -> None:
        self._loads: SharedRuns[_PendingLoad, bool] = SharedRuns(_PendingLoad, self._run_load)
        self.reset((-1, ""))

    def reset(self, state: tuple[int, str]) -> None:
        self.state = state
        self.snap = Snapshot()
        self.sites_loaded = False
        self.absent_ids: set[int] = set()
        self.absent_staff: set[str] = set()

    async def advance(self, state: tuple[int, str]) -> bool:
        """Bring the cache from its version to `state`, forgetting what changed in
        between. False when another request moved it while the events were read."""
        seen = self.state
        staleness = await staleness_between(seen, state)
        holders = set() if staleness.everything else await holders_of(staleness)
        if self.state != seen:
            return self.state == state  # moved meanwhile: to this very version is as good
        if staleness.everything:
            self.reset(state)
            return True
        self.forget(holders, staleness.catalogue, bool(staleness.practitioner_ids))
        self.state = state
        return True

    def forget(self, holders: set[int], catalogue: bool, practitioners_changed: bool) -> None:
        snap = self.snap
        for holder in holders:
            cached = snap.practitioners_by_id.pop(holder, None)
            if cached is not None:
                snap.practitioners_by_staff_no.pop(cached["staff_no"], None)
            for privilege in snap.privileges_by_practitioner.pop(holder, []):
                snap.evaluation_due.pop(privilege["id"], None)
        if practitioners_changed:  # a new or renumbered practitioner may answer a miss
            self.absent_ids.clear()
            self.absent_staff.clear()
        if catalogue:
            snap.procedures_by_code.clear()

    def _missing(self, checks: Sequence[CheckInput]) -> tuple[set[int], set[str], set[str]]:
        ids, staff, codes = _keys(checks)
        snap = self.snap
        return (
            {i for i in ids if i not in snap.practitioners_by_id and i not in self.absent_ids},
            {
                s
                for s in staff
                if s not in snap.practitioners_by_staff_no and s not in self.absent_staff
            },
            {c for c in codes if c not in snap.procedures_by_code},
        )

    def _merge(self, part: Snapshot, ids: set[int], staff: set[str], codes: set[str]) -> None:
        snap = self.snap
        if part.sites_by_id:
            snap.sites_by_id, snap.sites_by_code = part.sites_by_id, part.sites_by_code
            snap.default_site = part.default_site
            self.sites_loaded = True
        snap.practitioners_by_id.update(part.practitioners_by_id)
        snap.practitioners_by_staff_no.update(part.practitioners_by_staff_no)
        for holder in part.practitioners_by_id:
            snap.privileges_by_practitioner[holder] = part.privileges_by_practitioner.get(
                holder, []
            )
        snap.evaluation_due.update(part.evaluation_due)
        for code in codes:
            snap.procedures_by_code[code] = part.procedures_by_code.get(code, [])
        self.absent_ids |= ids - part.practitioners_by_id.keys()
        self.absent_staff |= staff - part.practitioners_by_staff_no.keys()

    async def _load(
        self, state: tuple[int, str], ids: set[int], staff: set[str], codes: set[str]
    ) -> bool:
        """Load what is missing, together with whatever the other requests miss: one load
        runs at a time and the next gathers every key asked for meanwhile, so a cold
        cache under 16 connections costs a few loads, not one per request. False when
        the registry moved during the load (nothing was merged)."""
        batch = self._loads.gathering(state)
        batch.ids |= ids
        batch.staff |= staff
        batch.codes |= codes
        return await self._loads.result(batch)

    async def _run_load(self, batch: _PendingLoad) -> bool:
        part = await load_parts(
            batch.ids, batch.staff, batch.codes, with_sites=not self.sites_loaded
        )
        # A write that landed while loading would mix two versions: load again.
        merged = await audit.registry_state() == batch.key and self.state == batch.key
        if merged:
            self._merge(part, batch.ids, batch.staff, batch.codes)
        return merged

    async def answer(
        self, checks: Sequence[CheckInput], state_hint: tuple[int, str] | None = None
    ) -> list[Decision]:
        """`state_hint`: the registry state this request read when it began (saves a
        round trip on PostgreSQL); anything loaded is checked against a fresh read."""
        for attempt in range(SNAPSHOT_ATTEMPTS):
            state = state_hint if (attempt == 0 and state_hint) else await audit.registry_state()
            version = state[0]
            if len(self.snap.practitioners_by_id) > self.MAX_PRACTITIONERS:
                self.reset(state)
            elif state != self.state:
                if attempt == 0 and state_hint and state[0] < self.state[0]:
                    continue  # the request began before the cache moved on: read again
                if not await self.advance(state):
                    continue  # another request moved the cache meanwhile: look again
            ids, staff, codes = self._missing(checks)
            if (ids or staff or codes or not self.sites_loaded) and not await self._load(
                state, ids, staff, codes
            ):
                continue
            return [decide(check, self.snap, version) for check in checks]
        snap = await load_snapshot(checks)  # under a stream of writes: answer uncached
        version = await audit.registry_version()
        return [decide(check, snap, version) for check in checks]


CACHE = DecisionCache()


async def check_many(
    actor: Actor,
    checks: Sequence[CheckInput],
    known_at: datetime | None = None,
    state_hint: tuple[int, str] | None = None,
) -> list[Decision]:
    """Answer every check; with `known_at`, as the registry stood at that moment."""
    permissions.require(actor, Permission.CHECK_PRIVILEGE)
    if len(checks) > MAX_BATCH:
        raise DomainError(
            ErrorCode.VALIDATION,
            f"At most {MAX_BATCH} checks per call (got {len(checks)})",
            "inputs",
        )
    if not checks:
        return []
    if known_at is not None:
        permissions.require(actor, Permission.QUERY_AS_OF)
        from domain.history import snapshot_at

        past, seq = await snapshot_at(checks, known_at)
        return [decide(check, past, seq) for check in checks]
    return await CACHE.answer(checks, state_hint)


async def check_one(
    actor: Actor,
    check: CheckInput,
    known_at: datetime | None = None,
    state_hint: tuple[int, str] | None = None,
) -> Decision:
    return (await check_many(actor, [check], known_at, state_hint))[0]
