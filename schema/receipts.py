"""verifyReceipt: an auditor checks a decision receipt against the keys and the chain."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domain import receipts
from domain.i18n import localize
from schema.context import Info


@strawberry.type
class ReceiptVerification:
    valid: bool = strawberry.field(
        description="Signature holds with a kept key and the head hash is in the chain."
    )
    problem: str | None
    key_id: str | None
    issued_at: datetime | None
    registry_version: int | None
    audit_head_hash: str | None
    in_audit_chain: bool | None
    current_registry_version: int | None
    claims: JSON | None


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
