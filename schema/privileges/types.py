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
from schema.convert import domain_input
from schema.enums import CommitteeOutcome, PrivilegeScope, PrivilegeStatus
from schema.errors import UserError, mutation_payload
from schema.organisation import PractitionerType, SiteType, SpecialtyType
from schema.relay import Connection, Node, connection


@strawberry.type(
    name="CommitteeDecision",
    description="A recorded committee decision with its votes (手术分级管理委员会 / "
    "医疗技术临床应用管理委员会).",
)
class CommitteeDecisionType(Node):
    committee: str = strawberry.field(description="Which committee decided.")
    meeting_on: date = strawberry.field(description="Day of the meeting.")
    outcome: CommitteeOutcome = strawberry.field(description="What was decided.")
    votes_for: int = strawberry.field(description="Votes in favour.")
    votes_against: int = strawberry.field(description="Votes against.")
    votes_abstain: int = strawberry.field(description="Abstentions.")
    minutes_ref: str = strawberry.field(description="Reference of the meeting minutes.")
    signed_by: list[str] = strawberry.field(description="Members who signed.")
    created_at: datetime

    @classmethod
    def from_model(cls, d: CommitteeDecision) -> CommitteeDecisionType:
        return cls(
            id=strawberry.ID(ids.encode("CommitteeDecision", d.id)),
            committee=d.committee,
            meeting_on=d.meeting_on,
            outcome=CommitteeOutcome(d.outcome),
            votes_for=d.votes_for,
            votes_against=d.votes_against,
            votes_abstain=d.votes_abstain,
            minutes_ref=d.minutes_ref,
            signed_by=list(d.signed_by or []),
            created_at=d.created_at,
        )


@strawberry.type(
    name="Privilege",
    description="An authorisation (授权) of a practitioner at a site for a scope, with "
    "its lifecycle (docs/api.md section 8).",
)
class PrivilegeType(Node):
    scope: PrivilegeScope = strawberry.field(description="What the privilege covers.")
    status: PrivilegeStatus = strawberry.field(description="Lifecycle state.")
    max_grade: int | None = strawberry.field(
        description="SURGERY_GRADE: the highest grade covered (1-3); null otherwise."
    )
    procedure_code: str | None = strawberry.field(
        description="PROCEDURE: the procedure covered; null otherwise."
    )
    supervised_only: bool = strawberry.field(
        description="Usable only with a named supervisor (R15)."
    )
    valid_from: date | None = strawberry.field(
        description="First day the privilege covers; null until approved."
    )
    valid_until: date | None = strawberry.field(
        description="Last day the privilege covers; null until approved."
    )
    status_reason: str | None = strawberry.field(
        description="The reason given for the last status change."
    )
    requested_by: str = strawberry.field(description="Who requested it (username or key name).")
    endorsed_by: str | None = strawberry.field(description="Who endorsed it.")
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

    @strawberry.field(description="The practitioner who holds (or applied for) it.")
    async def practitioner(self, info: Info) -> PractitionerType:
        loaders = info.context.loaders
        return PractitionerType.from_model(
            await loaders.one(loaders.practitioner, self.practitioner_id)
        )

    @strawberry.field(description="The site where it holds.")
    async def site(self, info: Info) -> SiteType:
        return SiteType.from_model(await info.context.loaders.site.load(self.site_id))

    @strawberry.field(description="SURGERY_GRADE: the specialty covered.")
    async def specialty(self, info: Info) -> SpecialtyType | None:
        if self.specialty_id is None:
            return None
        return SpecialtyType.from_model(
            await info.context.loaders.specialty.load(self.specialty_id)
        )

    @strawberry.field(description="TECHNIQUE: the technique covered.")
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

    @strawberry.field(description="The privilege this one replaced after a re-evaluation.")
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


# The global ids a PrivilegeRequest takes, with the type each must name.
_REQUEST_IDS = {
    "practitioner_id": "Practitioner",
    "site_id": "Site",
    "specialty_id": "Specialty",
    "technique_id": "Technique",
}


async def _payload(run: Callable[[], Awaitable[Privilege]]) -> PrivilegePayload:
    return await mutation_payload(PrivilegePayload, "privilege", run, PrivilegeType.from_model)


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
    @strawberry.field(description="Privileges you may see.")
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
                domain_input(PrivilegeRequest, input, global_ids=_REQUEST_IDS),
                input.reason,
            )

        return await _payload(run)

    @strawberry.mutation(
        description="Apply for a privilege (ADMIN; heads for their departments; "
        "practitioners for themselves)."
    )
    async def request_privilege(self, info: Info, input: RequestPrivilegeInput) -> PrivilegePayload:
        async def run() -> Privilege:
            return await privileges.request_privilege(
                info.context.actor,
                domain_input(PrivilegeRequest, input, global_ids=_REQUEST_IDS),
                input.idempotency_key,
            )

        return await _payload(run)

    @strawberry.mutation(description="Endorse a requested privilege (department head, ADMIN).")
    async def endorse_privilege(self, info: Info, input: EndorsePrivilegeInput) -> PrivilegePayload:
        return await _payload(
            lambda: privileges.endorse_privilege(
                info.context.actor,
                ids.decode(input.id, "Privilege"),
                input.expected_version,
                input.note,
            )
        )

    @strawberry.mutation(
        description="Approve a privilege, with the committee decision (COMMITTEE, ADMIN);"
        " no overlap with an ACTIVE or SUSPENDED one (R12)."
    )
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

    @strawberry.mutation(description="Reject a privilege application (COMMITTEE, ADMIN).")
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

    @strawberry.mutation(description="Withdraw an application before it is decided.")
    async def withdraw_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.withdraw_privilege)

    @strawberry.mutation(description="Suspend an ACTIVE privilege (ADMIN).")
    async def suspend_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.suspend_privilege)

    @strawberry.mutation(description="Reinstate a SUSPENDED privilege (ADMIN).")
    async def reinstate_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.reinstate_privilege)

    @strawberry.mutation(description="Revoke a privilege for good (ADMIN).")
    async def revoke_privilege(
        self, info: Info, input: PrivilegeTransitionInput
    ) -> PrivilegePayload:
        return await _transition(info, input, privileges.revoke_privilege)
