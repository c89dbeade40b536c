"""Audit chain verification and the audit event list."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import permissions
from domain.audit import verify_chain
from domain.permissions import Permission
from schema.context import Info


@strawberry.type
class AuditChainReport:
    ok: bool
    checked: int
    first_seq: int | None
    last_seq: int | None
    broken_seq: int | None = strawberry.field(description="The first seq whose hash is wrong")
    problem: str | None


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Recompute the hash chain over [from, to] (AUDITOR, ADMIN).")
    async def verify_audit_chain(
        self,
        info: Info,
        from_seq: Annotated[int | None, strawberry.argument(name="from")] = None,
        to_seq: Annotated[int | None, strawberry.argument(name="to")] = None,
    ) -> AuditChainReport:
        permissions.require(info.context.actor, Permission.READ_AUDIT)
        report = await verify_chain(from_seq or 1, to_seq)
        return AuditChainReport(
            ok=report.ok,
            checked=report.checked,
            first_seq=report.first_seq,
            last_seq=report.last_seq,
            broken_seq=report.broken_seq,
            problem=report.problem,
        )
