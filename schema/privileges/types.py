"""Privileges: the lifecycle mutations and the privilege lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from domain import privileges
from models import CommitteeDecision, Privilege
from schema import ids
from schema.audit import AuditEvent, history_of
from schema.catalogue import TechniqueType
from schema.context import Info
from schema.enums import CommitteeOutcome, PrivilegeScope, PrivilegeStatus
from schema.organisation import PractitionerType, SiteType, SpecialtyType
from schema.relay import Connection, Node

if TYPE_CHECKING:
    from schema.institutions.types import InstitutionNode


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
    institution_id: strawberry.Private[int | None] = None

    @strawberry.field(
        description="The institution whose committee decided (the campus's institution for "
        "a privilege or evaluation, the owner or admitting institution for a technique)."
    )
    async def institution(
        self, info: Info
    ) -> Annotated[InstitutionNode, strawberry.lazy("schema.institutions.types")]:
        from schema.institutions.types import institution_node

        return await institution_node(self.institution_id, info)

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
            institution_id=d.institution_id,  # type: ignore[attr-defined]
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
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[PrivilegeType | None]:
        # Scoped like its list: the domain read checks the actor's permission and scope.
        found = [
            await privileges.get_privilege(info.context.actor, int(node_id)) for node_id in node_ids
        ]
        return [cls.from_model(row) if row is not None else None for row in found]

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
