"""verifyReceipt: an auditor checks a decision receipt against the keys and the chain."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domain import receipts
from domain.i18n import localize
from schema.context import Info


@strawberry.type(description="The check of a signed decision receipt.")
class ReceiptVerification:
    valid: bool = strawberry.field(
        description="Signature holds with a kept key and the head hash is in the chain."
    )
    problem: str | None = strawberry.field(description="Why it is not valid.")
    key_id: str | None = strawberry.field(description="The signing key (kid).")
    issued_at: datetime | None = strawberry.field(description="When it was issued.")
    registry_version: int | None = strawberry.field(
        description="The audit seq the decision was taken at."
    )
    audit_head_hash: str | None = strawberry.field(
        description="The audit hash at that seq, as signed."
    )
    in_audit_chain: bool | None = strawberry.field(
        description="That hash is in this registry's chain."
    )
    current_registry_version: int | None = strawberry.field(description="The audit seq now.")
    claims: JSON | None = strawberry.field(
        description="The signed claims: question, answer, registryVersion, audit head "
        "hash, time of issue."
    )


@strawberry.type
class ReceiptQuery:
    @strawberry.field(description="Verify a decision receipt (AUDITOR).")
    async def verify_receipt(self, info: Info, receipt: str) -> ReceiptVerification:
        found = await receipts.verify_receipt(info.context.actor, receipt)
        claims = found.claims or {}
        return ReceiptVerification(
            valid=found.valid,
            problem=localize(found.problem) if found.problem else None,
            key_id=found.key_id,
            issued_at=found.issued_at,
            registry_version=claims.get("registryVersion"),
            audit_head_hash=claims.get("auditHeadHash"),
            in_audit_chain=found.in_audit_chain,
            current_registry_version=found.current_registry_version,
            claims=found.claims,  # type: ignore[arg-type]
        )
