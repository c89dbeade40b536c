"""The cases area's GraphQL inputs."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from schema.enums import Setting


@strawberry.input(description="A performed operation (SCHEDULER, ADMIN).")
class RecordCaseInput:
    external_ref: str = strawberry.field(
        description="Your reference, unique per client; a repeat with the same content is a no-op."
    )
    procedure_code: str = strawberry.field(description="The procedure performed.")
    performed_on: date = strawberry.field(description="Day performed.")
    setting: Setting = strawberry.field(default=Setting.INPATIENT, description="Where performed.")
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    site_id: strawberry.ID | None = None
    site_code: str | None = None
    supervisor_id: strawberry.ID | None = None
    supervisor_staff_no: str | None = None
    performed_at: datetime | None = strawberry.field(default=None, description="Time performed.")
    emergency: bool = strawberry.field(
        default=False,
        description="An emergency; out-of-privilege cases then open an override review (R41).",
    )
    mdt_discussed: bool = strawberry.field(
        default=False, description="Discussed by an MDT before the operation (R42)."
    )
    complication: bool = strawberry.field(default=False, description="A complication occurred.")
    death: bool = strawberry.field(default=False, description="The patient died.")
    unplanned_reoperation: bool = strawberry.field(
        default=False, description="An unplanned reoperation followed."
    )
    adverse_event: bool = strawberry.field(default=False, description="An adverse event occurred.")
    booking_ref: str | None = strawberry.field(
        default=None, description="externalRef of the watched booking this case performed."
    )
    started_at: datetime | None = strawberry.field(
        default=None, description="When the operation started (with a time zone)."
    )
    ended_at: datetime | None = strawberry.field(
        default=None, description="When the operation ended; not before startedAt."
    )
    planned_operator_staff_no: str | None = strawberry.field(
        default=None,
        description="Staff number of the planned operator (计划术者); taken from the booking "
        "when bookingRef is given and this is not.",
    )
    mdt_discussed_at: datetime | None = strawberry.field(
        default=None,
        description="When the preoperative multidisciplinary discussion took place; implies "
        "mdtDiscussed. After orderedAt or consentAt it counts as not done.",
    )
    mdt_participant_staff_nos: list[str] = strawberry.field(
        default_factory=list, description="Staff numbers of the MDT's participants."
    )
    mdt_participant_departments: list[str] = strawberry.field(
        default_factory=list, description="Codes of the departments that took part in the MDT."
    )
    consent_at: datetime | None = strawberry.field(
        default=None, description="When the patient signed the surgical consent."
    )
    ordered_at: datetime | None = strawberry.field(
        default=None, description="When the surgical order (手术医嘱) was given."
    )
    unplanned_readmission_31d: bool = strawberry.field(
        default=False, description="Unplanned readmission within 31 days of discharge."
    )
    adverse_event_grade: int | None = strawberry.field(
        default=None, description="Adverse-event grade 1-4 (不良事件 I-IV 级), if any."
    )


@strawberry.input(description="The review of an emergency override.")
class ReviewEmergencyOverrideInput:
    id: strawberry.ID
    expected_version: int
    justified: bool = strawberry.field(description="The emergency justified it.")
    note: str = strawberry.field(description="The reviewer's reasoning.")
