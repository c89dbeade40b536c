"""Privileges: the lifecycle mutations and the privilege lists."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import date, datetime

import strawberry

from domain import history, privileges
from domain.actors import Actor
from domain.committee import CommitteeInput
from domain.privileges import Approval, PrivilegeFilter, PrivilegeRequest
from models import CommitteeDecision, Privilege
from schema import ids
from schema.audit import AuditEvent, history_of
from schema.catalogue import TechniqueType
from schema.context import Info
from schema.enums import PrivilegeScope, PrivilegeStatus
from schema.errors import UserError, attempt_call
from schema.organisation import PractitionerType, SiteType, SpecialtyType
from schema.relay import Connection, Node, connection


@strawberry.type(name="CommitteeDecision")
class CommitteeDecisionType(Node):
    committee: str
    meeting_on: date
    outcome: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    minutes_ref: str
    signed_by: list[str]
    created_at: datetime

    @classmethod
    def from_model(cls, d: CommitteeDecision) -> CommitteeDecisionType:
        return cls(
            id=strawberry.ID(ids.encode("CommitteeDecision", d.id)),
            committee=d.committee,
            meeting_on=d.meeting_on,
            outcome=d.outcome,
            votes_for=d.votes_for,
            votes_against=d.votes_against,
            votes_abstain=d.votes_abstain,
            minutes_ref=d.minutes_ref,
            signed_by=list(d.signed_by or []),
            created_at=d.created_at,
        )


@strawberry.type(name="Privilege")
class PrivilegeType(Node):
    scope: PrivilegeScope
    status: PrivilegeStatus
    max_grade: int | None
    procedure_code: str | None
    supervised_only: bool
    valid_from: date | None
    valid_until: date | None
    status_reason: str | None
    requested_by: str
    endorsed_by: str | None
    created_at: datetime
    updated_at: datetime
    version: int
    practitioner_id: strawberry.Private[int]
    site_id: strawberry.Private[int]
    specialty_id: strawberry.Private[int | None]
    technique_id: strawberry.Private[int | None]
    basis_id: strawberry.Private[int | None]
    supersedes_id: strawberry.Private[int | None]
    temporary: bool = strawberry.field(
        default=False,
        description="A short-term privilege approved by ADMIN alone; never renewed by "
        "re-evaluation (a new one is needed).",
    )
    temporary_reason: str | None = strawberry.field(
        default=None, description="Why the temporary privilege was granted."
    )

    @strawberry.field
    async def practitioner(self, info: Info) -> PractitionerType:
        loaders = info.context.loaders
        return PractitionerType.from_model(
            await loaders.one(loaders.practitioner, self.practitioner_id)
        )

    @strawberry.field
    async def site(self, info: Info) -> SiteType:
        return SiteType.from_model(await info.context.loaders.site.load(self.site_id))

    @strawberry.field
    async def specialty(self, info: Info) -> SpecialtyType | None:
        if self.specialty_id is None:
            return None
        return SpecialtyType.from_model(
            await info.context.loaders.specialty.load(self.specialty_id)
        )

    @strawberry.field
    async def technique(self, info: Info) -> TechniqueType | None:
        if self.technique_id is None:
            return None
        return TechniqueType.from_model(
            await info.context.loaders.technique.load(self.technique_id)
        )

    @strawberry.field(description="The committee decision this privilege rests on.")
    async def basis(self, info: Info) -> CommitteeDecisionType | None:
        if self.basis_id is None:
            return None
        found = await info.context.loaders.committee_decision.load(self.basis_id)
        return CommitteeDecisionType.from_model(found) if found else None

    @strawberry.field
    async def supersedes(self, info: Info) -> PrivilegeType | None:
        if self.supersedes_id is None:
            return None
        found = await info.context.loaders.privilege.load(self.supersedes_id)
        return PrivilegeType.from_model(found) if found else None

    @strawberry.field(
        description="validUntil is before that date (EXPIRED is derived, not stored)."
    )
    def expired_on(self, on: date) -> bool:
        return self.valid_until is not None and self.valid_until < on

    @strawberry.field(description="Every audited change of this privilege (AUDITOR, ADMIN).")
    async def history(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[AuditEvent]:
        return await history_of(info, "Privilege", ids.decode(self.id, "Privilege"), first, after)

    @classmethod
    def from_model(cls, p: Privilege) -> PrivilegeType:
        return cls(
            id=strawberry.ID(ids.encode("Privilege", p.id)),
            scope=PrivilegeScope(p.scope),
            status=PrivilegeStatus(p.status),
            max_grade=p.max_grade,
            procedure_code=p.procedure_code,
            supervised_only=p.supervised_only,
            valid_from=p.valid_from,
            valid_until=p.valid_until,
            status_reason=p.status_reason,
            requested_by=p.requested_by,
            endorsed_by=p.endorsed_by,
            created_at=p.created_at,
            updated_at=p.updated_at,
            version=p.version,
            practitioner_id=p.practitioner_id,  # type: ignore[attr-defined]
            site_id=p.site_id,  # type: ignore[attr-defined]
            specialty_id=p.specialty_id,  # type: ignore[attr-defined]
            technique_id=p.technique_id,  # type: ignore[attr-defined]
            basis_id=p.basis_id,  # type: ignore[attr-defined]
            supersedes_id=p.supersedes_id,  # type: ignore[attr-defined]
            temporary=p.temporary,
            temporary_reason=p.temporary_reason,
        )


@strawberry.input
class PrivilegeFilterInput:
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    status: list[PrivilegeStatus] | None = None
    scope: PrivilegeScope | None = None
    site_code: str | None = None
    department_code: str | None = None
    valid_on: date | None = strawberry.field(
        default=None, description="ACTIVE and valid on that date"
    )
    institution_code: str | None = strawberry.field(
        default=None, description="Privileges at the campuses of this institution."
    )
    temporary: bool | None = strawberry.field(
        default=None, description="Only temporary (true) or only regular (false) privileges."
    )


@strawberry.input
class RequestPrivilegeInput:
    scope: PrivilegeScope
    practitioner_id: strawberry.ID | None = None
    practitioner_staff_no: str | None = None
    site_id: strawberry.ID | None = None
    site_code: str | None = None
    specialty_id: strawberry.ID | None = None
    specialty_code: str | None = None
    max_grade: int | None = None
    procedure_code: str | None = None
    technique_id: strawberry.ID | None = None
    technique_code: str | None = None
    supervised_only: bool = False
    valid_from: date | None = None
    valid_until: date | None = None
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


@strawberry.input
class CommitteeDecisionInput:
    committee: str
    meeting_on: date
    votes_for: int
    votes_against: int = 0
    votes_abstain: int = 0
    minutes_ref: str = ""
    signed_by: list[str] | None = None


@strawberry.input
class EndorsePrivilegeInput:
    id: strawberry.ID
    expected_version: int
    note: str | None = None


@strawberry.input
class ApprovePrivilegeInput:
    id: strawberry.ID
    expected_version: int
    decision: CommitteeDecisionInput
    valid_from: date | None = None
    valid_until: date | None = None


@strawberry.input
class RejectPrivilegeInput:
    id: strawberry.ID
    expected_version: int
    reason: str
    decision: CommitteeDecisionInput | None = None


@strawberry.input
class PrivilegeTransitionInput:
    id: strawberry.ID
    expected_version: int
    reason: str


@strawberry.type
class PrivilegePayload:
    privilege: PrivilegeType | None
    user_errors: list[UserError]


def _committee(data: CommitteeDecisionInput | None) -> CommitteeInput | None:
    if data is None:
        return None
    return CommitteeInput(
        committee=data.committee,
        meeting_on=data.meeting_on,
        votes_for=data.votes_for,
        votes_against=data.votes_against,
        votes_abstain=data.votes_abstain,
        minutes_ref=data.minutes_ref,
        signed_by=list(data.signed_by or []),
    )


async def _payload(run: Callable[[], Awaitable[Privilege]]) -> PrivilegePayload:
    privilege, errors = await attempt_call(run)
    return PrivilegePayload(
        privilege=PrivilegeType.from_model(privilege) if privilege else None, user_errors=errors
    )


async def _transition(
    info: Info,
    input: PrivilegeTransitionInput,
    operation: Callable[[Actor, int, int, str], Awaitable[Privilege]],
) -> PrivilegePayload:
    """suspend, reinstate, revoke and withdraw: the same input, one shape of call."""
    return await _payload(
        lambda: operation(
            info.context.actor,
            ids.decode(input.id, "Privilege"),
            input.expected_version,
            input.reason,
        )
    )


@strawberry.type
class PrivilegeQuery:
    @strawberry.field
    async def privileges(
        self,
        info: Info,
        filter: PrivilegeFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        known_at: datetime | None = None,
    ) -> Connection[PrivilegeType]:
        f = filter or PrivilegeFilterInput()
        lister = privileges.list_privileges
        if known_at is not None:  # as the registry stood then (auditors)
            lister = functools.partial(history.list_privileges_at, moment=known_at)
        page = await lister(
            info.context.actor,
            PrivilegeFilter(
                practitioner_id=ids.decode_optional(
                    f.practitioner_id, "Practitioner", "practitionerId"
                ),
                practitioner_staff_no=f.practitioner_staff_no,
                statuses=[s.value for s in f.status or []],
                scope=f.scope.value if f.scope else None,
                site_code=f.site_code,
                department_code=f.department_code,
                valid_on=f.valid_on,
                institution_code=f.institution_code,
                temporary=f.temporary,
            ),
            first,
            ids.decode_cursor(after),
        )
        return connection(page, PrivilegeType.from_model)

    @strawberry.field(description="ACTIVE privileges ending within that many days from today.")
    async def expiring_privileges(
        self, info: Info, within_days: int, first: int | None = None, after: str | None = None
    ) -> Connection[PrivilegeType]:
        page = await privileges.expiring_privileges(
            info.context.actor, within_days, first, ids.decode_cursor(after)
        )
        return connection(page, PrivilegeType.from_model)


@strawberry.type
class PrivilegeMutation:
    @strawberry.mutation(
        description="Grant a temporary privilege (ADMIN alone, with a reason; at most 180 "
        "days; never renewed)."
    )
    async def grant_temporary_privilege(
        self, info: Info, input: GrantTemporaryPrivilegeInput
    ) -> PrivilegePayload:
        async def run() -> Privilege:
            return await privileges.grant_temporary_privilege(
                info.context.actor,
                PrivilegeRequest(
                    scope=input.scope.value,
                    practitioner_id=ids.decode_optional(
                        input.practitioner_id, "Practitioner", "practitionerId"
                    ),
                    practitioner_staff_no=input.practitioner_staff_no,
                    site_code=input.site_code,
                    specialty_code=input.specialty_code,
                    max_grade=input.max_grade,
                    procedure_code=input.procedure_code,
                    technique_code=input.technique_code,
                    supervised_only=input.supervised_only,
                    valid_from=input.valid_from,
                    valid_until=input.valid_until,
                ),
                input.reason,
            )

        return await _payload(run)

    @strawberry.mutation
    async def request_privilege(self, info: Info, input: RequestPrivilegeInput) -> PrivilegePayload:
        async def run() -> Privilege:
            return await privileges.request_privilege(
                info.context.actor,
                PrivilegeRequest(
                    scope=input.scope.value,
                    practitioner_id=ids.decode_optional(
                        input.practitioner_id, "Practitioner", "practitionerId"
                    ),
                    practitioner_staff_no=input.practitioner_staff_no,
                    site_id=ids.decode_optional(input.site_id, "Site", "siteId"),
                    site_code=input.site_code,
                    specialty_id=ids.decode_optional(
                        input.specialty_id, "Specialty", "specialtyId"
                    ),
                    specialty_code=input.specialty_code,
                    max_grade=input.max_grade,
                    procedure_code=input.procedure_code,
                    technique_id=ids.decode_optional(
                        input.technique_id, "Technique", "techniqueId"
                    ),
                    technique_code=input.technique_code,
                    supervised_only=input.supervised_only,
                    valid_from=input.valid_from,
                    valid_until=input.valid_until,
                    note=input.note,
                ),
                input.idempotency_key,
            )

        return await _payload(run)

    @strawberry.mutation
    async def endorse_privilege(self, info: Info, input: EndorsePrivilegeInput) -> PrivilegePayload:
        return await _payload(
            lambda: privileges.endorse_privilege(
                info.context.actor,
                ids.decode(input.id, "Privilege"),
                input.expected_version,
                input.note,
            )
        )

    @strawberry.mutation
    async def approve_privilege(self, info: Info, input: ApprovePrivilegeInput) -> PrivilegePayload:
        async def run() -> Privilege:
            decision = _committee(input.decision)
            assert decision is not None
            return await privileges.approve_privilege(
                info.context.actor,
                ids.decode(input.id, "Privilege"),
                input.expected_version,
                Approval(
                    decision=decision, valid_from=input.valid_from, valid_until=input.valid_until
                ),
            )

        return await _payload(run)

    @strawberry.mutation
    async def reject_privilege(self, info: Info, input: RejectPrivilegeInput) -> PrivilegePayload:
        return await _payload(
            lambda: privileges.reject_privilege(
                info.context.actor,
                ids.decode(input.id, "Privilege"),
                input.expected_version,
                input.reason,
                _committee(input.decision),
            )
        )

    @strawberry.mutation
    async def withdraw_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.withdraw_privilege)

    @strawberry.mutation
    async def suspend_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.suspend_privilege)

    @strawberry.mutation
    async def reinstate_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.reinstate_privilege)

    @strawberry.mutation
    async def revoke_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.revoke_privilege)
