"""The words of a decision (SPEC 4): what is asked, what is answered, and the reason codes
with their severities. No rules and no I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.privileges import Scope

MAX_BATCH = 500


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
    TECHNIQUE_LEAD_INACTIVE = "TECHNIQUE_LEAD_INACTIVE"
    CALENDAR_NOT_PUBLISHED = "CALENDAR_NOT_PUBLISHED"
    NOT_REGISTERED_AT_INSTITUTION = "NOT_REGISTERED_AT_INSTITUTION"
    OUTSIDE_PRACTICE_SCOPE = "OUTSIDE_PRACTICE_SCOPE"


# Reasons about the practitioner's privileges: an emergency makes them non-blocking.
# Practitioner, licence, catalogue and technique reasons keep blocking in an emergency:
# the spec names practitioner and procedure reasons; a lapsed licence or a suspended,
# stopped or not admitted technique is not something a surgeon may override.
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
        # Issue 16: emergency rescue (紧急救治) is not bound to the place of registration
        # nor to the scope of practice; the case is recorded and reviewed as an override.
        ReasonCode.NOT_REGISTERED_AT_INSTITUTION,
        ReasonCode.OUTSIDE_PRACTICE_SCOPE,
    }
)


@dataclass(frozen=True, slots=True)
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


@dataclass(slots=True)
class Reason:
    code: ReasonCode
    severity: Severity
    message: str
    privilege_id: int | None = None


@dataclass(frozen=True, slots=True)
class BasisPrivilege:
    """A privilege an answer rests on, as the snapshot of the answer's version holds it."""

    id: int
    scope: Scope
    valid_until: date | None


@dataclass(slots=True)
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

    @property
    def blocking_codes(self) -> list[ReasonCode]:
        return [r.code for r in self.reasons if r.severity is Severity.BLOCKING]
