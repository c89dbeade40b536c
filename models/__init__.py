"""Tortoise models: fields, constraints and indexes only (no business logic)."""

from models.access import ApiKey, Session, User
from models.audit import (
    AuditCheckpoint,
    AuditEvent,
    AuditEventInstitution,
    AuditHead,
    AuditPrivilegeState,
    IdempotencyRecord,
)
from models.bookings import Booking, BookingImpact, BookingWatch
from models.calendar import CalendarYear
from models.cases import CalendarDay, CaseRecord, EmergencyOverride
from models.catalogue import CatalogueVersion, Procedure, Technique, TechniqueAdmission
from models.organisation import (
    Department,
    HospitalGroup,
    Institution,
    PracticeRegistration,
    Practitioner,
    Site,
    Specialty,
)
from models.privileges import CommitteeDecision, Privilege
from models.quality import AdjustmentProposal
from models.reviews import Evaluation, ReviewCycle
from models.webhooks import Webhook, WebhookDelivery

__all__ = [
    "AdjustmentProposal",
    "ApiKey",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditEventInstitution",
    "AuditHead",
    "AuditPrivilegeState",
    "Booking",
    "BookingImpact",
    "BookingWatch",
    "CalendarDay",
    "CalendarYear",
    "CaseRecord",
    "CatalogueVersion",
    "CommitteeDecision",
    "Department",
    "EmergencyOverride",
    "Evaluation",
    "HospitalGroup",
    "IdempotencyRecord",
    "Institution",
    "PracticeRegistration",
    "Practitioner",
    "Privilege",
    "Procedure",
    "ReviewCycle",
    "Session",
    "Site",
    "Specialty",
    "Technique",
    "TechniqueAdmission",
    "User",
    "Webhook",
    "WebhookDelivery",
]
