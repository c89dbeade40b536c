"""What a decision reads, as frozen slotted records parsed once when loaded (from SQL rows
or from audited states) and then shared by every answer of that registry version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.decision.vocabulary import CheckInput
from domain.sql import json_list
from domain.techniques import RESTRICTED


def parse_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def managed_as_grade_four(grade: int, technique_category: str | None) -> bool:
    """R25: a procedure of a restricted technique is managed as grade 4."""
    return grade == 4 or technique_category in RESTRICTED


def effective_grade(grade: int, technique_category: str | None) -> int:
    """R25: the grade a procedure is managed at (4 for a restricted technique's)."""
    return 4 if managed_as_grade_four(grade, technique_category) else grade


@dataclass(frozen=True, slots=True)
class SiteFacts:
    id: int
    code: str
    reevaluation_months: int
    institution_id: int | None = None  # None: the default institution


@dataclass(frozen=True, slots=True)
class RegistrationFacts:
    """Where a practitioner may practise (多机构执业); None dates are open."""

    institution_id: int
    kind: str
    valid_from: date | None
    valid_until: date | None

    def valid_on(self, on: date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )


@dataclass(frozen=True, slots=True)
class AdmissionFacts:
    """A technique admitted at an institution other than its own."""

    status: str
    filing_due_on: date | None
    filed_on: date | None
    filing_due_on_provisional: bool = False


@dataclass(frozen=True, slots=True)
class PractitionerFacts:
    id: int
    staff_no: str
    status: str
    licence_valid_until: date | None
    department_id: int
    day_surgery_approved: bool
    name: str = ""  # for the people reading a reason
    category: str = "STAFF"
    # The coded 执业范围; empty = not coded (the scope is not checked).
    scope_codes: frozenset[str] = frozenset()
    # Where the practitioner is registered; empty = none recorded (data from before
    # institutions existed): registered at the institution of their department.
    registrations: tuple[RegistrationFacts, ...] = ()
    primary_institution_id: int | None = None


@dataclass(frozen=True, slots=True)
class TechniqueFacts:
    id: int
    code: str
    category: str
    status: str
    filing_due_on: date | None
    filed_on: date | None
    lead_inactive: bool = False
    # Set by the filing-clock rules when the deadline runs past the published calendar.
    filing_due_on_provisional: bool = False
    restricted: bool = False  # R25, computed once at parse time
    name: str = ""  # for the people reading a reason (the code when unknown)
    # The institution whose admission the fields above record (None: the default one).
    institution_id: int | None = None


@dataclass(frozen=True, slots=True)
class ProcedureFacts:
    id: int
    code: str
    grade: int
    specialty_id: int
    day_surgery: bool
    effective_from: date
    effective_to: date | None
    technique: TechniqueFacts | None
    effective_grade: int  # R25, computed once at parse time
    restricted: bool  # a restricted technique's procedure (R25)
    name: str = ""  # for the people reading a reason (the code when unknown)
    # The practice scopes that may operate in the procedure's specialty (empty: unmapped).
    allowed_scopes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PrivilegeFacts:
    id: int
    practitioner_id: int
    site_id: int
    scope: str
    specialty_id: int | None
    max_grade: int | None
    procedure_code: str | None
    technique_id: int | None
    supervised_only: bool
    valid_from: date | None
    valid_until: date | None
    status: str
    last_evaluated_on: date | None
    # R16: for a SUPERSEDED privilege, the day its successor starts.
    successor_from: date | None = None


@dataclass
class Snapshot:
    sites_by_id: dict[int, SiteFacts] = field(default_factory=dict)
    sites_by_code: dict[str, SiteFacts] = field(default_factory=dict)
    default_site: SiteFacts | None = None
    practitioners_by_id: dict[int, PractitionerFacts] = field(default_factory=dict)
    practitioners_by_staff_no: dict[str, PractitionerFacts] = field(default_factory=dict)
    procedures_by_code: dict[str, list[ProcedureFacts]] = field(default_factory=dict)
    privileges_by_practitioner: dict[int, list[PrivilegeFacts]] = field(default_factory=dict)
    evaluation_due: dict[int, date] = field(default_factory=dict)  # undecided, by privilege
    default_institution_id: int | None = None
    # (technique id, institution id) -> admission at an institution not the technique's own
    admissions: dict[tuple[int, int], AdmissionFacts] = field(default_factory=dict)

    def institution_of(self, site: SiteFacts) -> int | None:
        return (
            site.institution_id if site.institution_id is not None else self.default_institution_id
        )

    def site(self, check: CheckInput) -> SiteFacts | None:
        if check.site_id is not None:
            return self.sites_by_id.get(check.site_id)
        if check.site_code:
            return self.sites_by_code.get(check.site_code)
        return self.default_site

    def practitioner(self, pid: int | None, staff_no: str | None) -> PractitionerFacts | None:
        if pid is not None:
            return self.practitioners_by_id.get(pid)
        if staff_no:
            return self.practitioners_by_staff_no.get(staff_no)
        return None

    def add_site(self, site: SiteFacts, is_default: bool) -> None:
        self.sites_by_id[site.id] = site
        self.sites_by_code[site.code] = site
        if is_default:
            self.default_site = site

    def add_practitioner(self, practitioner: PractitionerFacts) -> None:
        self.practitioners_by_id[practitioner.id] = practitioner
        self.practitioners_by_staff_no[practitioner.staff_no] = practitioner


# --- parsing, once per load -----------------------------------------------------------


def site_facts(row: Mapping[str, Any], site_id: int | None = None) -> SiteFacts:
    institution = row.get("institution_id")
    return SiteFacts(
        id=int(row["id"] if site_id is None else site_id),
        code=str(row["code"]),
        reevaluation_months=int(row.get("reevaluation_months") or 12),
        institution_id=int(institution) if institution is not None else None,
    )


def registration_facts(row: Mapping[str, Any]) -> RegistrationFacts:
    return RegistrationFacts(
        institution_id=int(row["institution_id"]),
        kind=str(row["kind"]),
        valid_from=parse_date(row.get("valid_from")),
        valid_until=parse_date(row.get("valid_until")),
    )


def admission_facts(row: Mapping[str, Any]) -> AdmissionFacts:
    return AdmissionFacts(
        status=str(row["status"]),
        filing_due_on=parse_date(row.get("filing_due_on")),
        filed_on=parse_date(row.get("filed_on")),
        filing_due_on_provisional=bool(row.get("filing_due_on_provisional")),
    )


def practitioner_facts(
    row: Mapping[str, Any],
    day_surgery_approved: bool,
    practitioner_id: int | None = None,
    registrations: tuple[RegistrationFacts, ...] = (),
    primary_institution_id: int | None = None,
) -> PractitionerFacts:
    return PractitionerFacts(
        id=int(row["id"] if practitioner_id is None else practitioner_id),
        staff_no=str(row["staff_no"]),
        status=str(row["status"]),
        licence_valid_until=parse_date(row.get("licence_valid_until")),
        department_id=int(row["department_id"]),
        day_surgery_approved=bool(day_surgery_approved),
        name=str(row.get("name") or row["staff_no"]),
        category=str(row.get("category") or "STAFF"),
        scope_codes=frozenset(json_list(row.get("practice_scope_codes"))),
        registrations=registrations,
        primary_institution_id=primary_institution_id,
    )


def technique_facts(row: Mapping[str, Any], technique_id: int) -> TechniqueFacts:
    return TechniqueFacts(
        id=int(technique_id),
        code=str(row["code"]),
        category=str(row["category"]),
        status=str(row["status"]),
        filing_due_on=parse_date(row.get("filing_due_on")),
        filed_on=parse_date(row.get("filed_on")),
        lead_inactive=bool(row.get("lead_inactive") or False),
        filing_due_on_provisional=bool(row.get("filing_due_on_provisional") or False),
        restricted=str(row["category"]) in RESTRICTED,
        name=str(row.get("name") or row["code"]),
        institution_id=(
            int(row["institution_id"]) if row.get("institution_id") is not None else None
        ),
    )


def procedure_facts(
    row: Mapping[str, Any],
    technique: TechniqueFacts | None,
    effective_to: date | bool | None = True,
    allowed_scopes: frozenset[str] = frozenset(),
) -> ProcedureFacts:
    """`effective_to`: True to read it from the row, else the value to use."""
    grade = int(row["grade"])
    return ProcedureFacts(
        id=int(row["id"]),
        code=str(row["code"]),
        grade=grade,
        specialty_id=int(row["specialty_id"]),
        day_surgery=bool(row["day_surgery"]),
        effective_from=parse_date(row["effective_from"]),  # type: ignore[arg-type]
        effective_to=(
            parse_date(row["effective_to"]) if effective_to is True else effective_to or None
        ),
        technique=technique,
        effective_grade=effective_grade(grade, technique.category if technique else None),
        restricted=technique is not None and technique.restricted,
        name=str(row.get("name") or row["code"]),
        allowed_scopes=allowed_scopes,
    )


def privilege_facts(
    row: Mapping[str, Any], privilege_id: int | None = None, successor_from: Any = None
) -> PrivilegeFacts:
    max_grade = row.get("max_grade")
    specialty = row.get("specialty_id")
    technique = row.get("technique_id")
    return PrivilegeFacts(
        id=int(row["id"] if privilege_id is None else privilege_id),
        practitioner_id=int(row["practitioner_id"]),
        site_id=int(row["site_id"]),
        scope=str(row["scope"]),
        specialty_id=int(specialty) if specialty is not None else None,
        max_grade=int(max_grade) if max_grade is not None else None,
        procedure_code=row.get("procedure_code"),
        technique_id=int(technique) if technique is not None else None,
        supervised_only=bool(row.get("supervised_only")),
        valid_from=parse_date(row.get("valid_from")),
        valid_until=parse_date(row.get("valid_until")),
        status=str(row["status"]),
        last_evaluated_on=parse_date(row.get("last_evaluated_on")),
        successor_from=parse_date(successor_from),
    )
