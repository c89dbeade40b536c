"""The privileges area's GraphQL mutations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from domain import privileges
from domain.actors import Actor
from domain.committee import CommitteeInput
from domain.privileges import Approval, PrivilegeRequest
from models import Privilege
from schema import ids
from schema.context import Info
from schema.convert import domain_input
from schema.errors import UserError, mutation_payload
from schema.privileges.inputs import (
    ApprovePrivilegeInput,
    CommitteeDecisionInput,
    EndorsePrivilegeInput,
    GrantTemporaryPrivilegeInput,
    PrivilegeTransitionInput,
    RejectPrivilegeInput,
    RequestPrivilegeInput,
)
from schema.privileges.types import PrivilegeType


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
