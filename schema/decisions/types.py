"""privilegeCheck and privilegeChecks: the OR scheduler's questions (SPEC section 4)."""

from __future__ import annotations

from datetime import date

import strawberry

from domain import decision, receipts
from domain.decision import CheckInput
from domain.i18n import current_locale, localize
from schema.catalogue import ProcedureType
from schema.context import Info
from schema.enums import DecisionReasonCode, Severity
from schema.privileges import PrivilegeType


@strawberry.type(description="One reason of a decision.")
class DecisionReason:
    code: DecisionReasonCode = strawberry.field(description="What it is, for programs.")
    severity: Severity = strawberry.field(description="How it weighs.")
    message: str = strawberry.field(
        description="What it is, for people, in the request's language."
    )
    privilege_id: strawberry.Private[int | None]

    @strawberry.field(description="The privilege the reason is about, if one.")
    async def privilege(self, info: Info) -> PrivilegeType | None:
        if self.privilege_id is None:
            return None
        found = await info.context.loaders.privilege.load(self.privilege_id)
        return PrivilegeType.from_model(found) if found else None


@strawberry.type(
    description="The answer to a privilege check, with every reason and the registry "
    "state it was computed from."
)
class PrivilegeDecision:
    allowed: bool = strawberry.field(description="True exactly when no reason is BLOCKING.")
    reasons: list[DecisionReason] = strawberry.field(description="Why, most severe first.")
    requires_mdt: bool = strawberry.field(
        description="A preoperative MDT discussion is required (grade 4 or restricted technique)."
    )
    valid_until: date | None = strawberry.field(
        description="Until when the answer holds for the covering privilege."
    )
    registry_version: str = strawberry.field(
        description="The registry state (last audit seq) the answer was computed from."
    )
    procedure_id: strawberry.Private[int | None]
    basis_ids: strawberry.Private[list[int]]
    check: strawberry.Private[CheckInput | None] = None  # for the receipt (issue 18)
    source: strawberry.Private[decision.Decision | None] = None

    @strawberry.field(description="The catalogue procedure asked about; null if unknown.")
    async def procedure(self, info: Info) -> ProcedureType | None:
        if self.procedure_id is None:
            return None
        found = await info.context.loaders.procedure.load(self.procedure_id)
        return ProcedureType.from_model(found) if found else None

    @strawberry.field(description="The privileges the answer rests on.")
    async def basis(self, info: Info) -> list[PrivilegeType]:
        found = await info.context.loaders.privilege.load_many(self.basis_ids)
        # `scope` and `validUntil` as the decision saw them (its registryVersion), like
        # the precompiled plan answers them: a write landing after the decision was
        # made must not show in one field and not the other.
        seen = {b.id: b for b in self.source.basis} if self.source is not None else {}
        basis = []
        for privilege in found:
            if privilege is None:
                continue
            item = PrivilegeType.from_model(privilege)
            snapshot = seen.get(privilege.id)
            if snapshot is not None:
                item.scope = snapshot.scope
                item.valid_until = snapshot.valid_until
            basis.append(item)
        return basis

    @strawberry.field(
        description="A compact JWS (EdDSA) over the question, this answer, registryVersion, "
        "the audit head hash and the time of issue; verify with GET /.well-known/jwks.json."
    )
    async def receipt(self) -> str | None:
        if self.check is None or self.source is None:
            return None
        return await receipts.issue(self.check, self.source)

    @classmethod
    def from_decision(
        cls, d: decision.Decision, check: CheckInput | None = None
    ) -> PrivilegeDecision:
        """Reason messages in the reader's language (codes never change with it)."""
        locale = current_locale()
        return cls(
            allowed=d.allowed,
            reasons=[
                DecisionReason(
                    code=DecisionReasonCode(r.code.value),
                    severity=Severity(r.severity.value),
                    message=localize(r.message, locale),
                    privilege_id=r.privilege_id,
                )
                for r in d.reasons
            ],
            requires_mdt=d.requires_mdt,
            valid_until=d.valid_until,
            registry_version=str(d.registry_version),
            procedure_id=d.procedure_id,
            basis_ids=d.basis_ids,
            check=check,
            source=d,
        )
