"""The privileges area's GraphQL inputs."""

from __future__ import annotations

from datetime import date

import strawberry

from schema.enums import PrivilegeScope, PrivilegeStatus


@strawberry.input(description="Which privileges to list.")
class PrivilegeFilterInput:
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    status: list[PrivilegeStatus] | None = strawberry.field(
        default=None, description="Only these statuses."
    )
    scope: PrivilegeScope | None = strawberry.field(default=None, description="Only this scope.")
    site_code: str | None = strawberry.field(default=None, description="Only this site.")
    department_code: str | None = strawberry.field(
        default=None, description="Only holders of this department."
    )
    valid_on: date | None = strawberry.field(
        default=None, description="ACTIVE and valid on that date"
    )
    institution_code: str | None = strawberry.field(
        default=None, description="Privileges at the campuses of this institution."
    )
    temporary: bool | None = strawberry.field(
        default=None, description="Only temporary (true) or only regular (false) privileges."
    )


@strawberry.input(
    description="An application for a privilege; the scope decides which target is "
    "needed (docs/api.md section 8)."
)
class RequestPrivilegeInput:
    scope: PrivilegeScope = strawberry.field(description="What is applied for.")
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    site_id: strawberry.ID | None = None
    site_code: str | None = None
    specialty_id: strawberry.ID | None = None
    specialty_code: str | None = None
    max_grade: int | None = strawberry.field(
        default=None, description="SURGERY_GRADE: highest grade, 1-3."
    )
    procedure_code: str | None = strawberry.field(
        default=None, description="PROCEDURE: the procedure (any grade)."
    )
    technique_id: strawberry.ID | None = None
    technique_code: str | None = None
    supervised_only: bool = strawberry.field(
        default=False, description="Only under a named supervisor (R15)."
    )
    valid_from: date | None = strawberry.field(
        default=None, description="Wished first day; the committee may change it."
    )
    valid_until: date | None = strawberry.field(
        default=None, description="Wished last day; the committee may change it."
    )
    note: str | None = None
    idempotency_key: str | None = None


@strawberry.input(
    description="A temporary privilege: granted ACTIVE by ADMIN alone with a recorded reason."
)
class GrantTemporaryPrivilegeInput:
    scope: PrivilegeScope = strawberry.field(description="What the privilege covers.")
    practitioner_id: strawberry.ID | None = strawberry.field(
        default=None, description="The practitioner (or practitionerStaffNo)."
    )
    practitioner_staff_no: str | None = strawberry.field(
        default=None, description="The practitioner's staff number."
    )
    site_code: str | None = strawberry.field(default=None, description="The site (campus).")
    specialty_code: str | None = strawberry.field(default=None, description="For SURGERY_GRADE.")
    max_grade: int | None = strawberry.field(default=None, description="For SURGERY_GRADE.")
    procedure_code: str | None = strawberry.field(default=None, description="For PROCEDURE.")
    technique_code: str | None = strawberry.field(default=None, description="For TECHNIQUE.")
    supervised_only: bool = strawberry.field(
        default=False, description="Required true for trainees."
    )
    valid_from: date = strawberry.field(description="First day.")
    valid_until: date | None = strawberry.field(
        default=None,
        description="Last day; default: the institution's policy term (90 days unless set); "
        "at most 180 days.",
    )
    reason: str = strawberry.field(description="Why (recorded and audited).")


@strawberry.input(
    description="The committee decision a step rests on; an approval needs more votes"
    " for than against."
)
class CommitteeDecisionInput:
    committee: str = strawberry.field(description="Which committee decided.")
    meeting_on: date = strawberry.field(description="Day of the meeting.")
    votes_for: int = strawberry.field(description="Votes in favour.")
    votes_against: int = strawberry.field(default=0, description="Votes against.")
    votes_abstain: int = strawberry.field(default=0, description="Abstentions.")
    minutes_ref: str = strawberry.field(default="", description="Reference of the meeting minutes.")
    signed_by: list[str] | None = strawberry.field(default=None, description="Members who signed.")


@strawberry.input(description="The department head's endorsement of a requested privilege.")
class EndorsePrivilegeInput:
    id: strawberry.ID
    expected_version: int
    note: str | None = None


@strawberry.input(description="The committee's approval; the privilege becomes ACTIVE.")
class ApprovePrivilegeInput:
    id: strawberry.ID
    expected_version: int
    decision: CommitteeDecisionInput
    valid_from: date | None = strawberry.field(
        default=None, description="First day; default the approval date."
    )
    valid_until: date | None = strawberry.field(
        default=None,
        description="Last day; default validFrom plus the site's defaultValidityMonths.",
    )


@strawberry.input(description="The committee's rejection of a privilege application.")
class RejectPrivilegeInput:
    id: strawberry.ID
    expected_version: int
    reason: str
    decision: CommitteeDecisionInput | None = strawberry.field(
        default=None, description="The committee decision, when one was taken."
    )


@strawberry.input(description="A withdrawal, suspension, reinstatement or revocation.")
class PrivilegeTransitionInput:
    id: strawberry.ID
    expected_version: int
    reason: str
