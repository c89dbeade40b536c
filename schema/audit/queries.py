"""The audit area's GraphQL queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import audit_scope, clock, permissions
from domain.audit import EventFilter, verify_chain
from domain.errors import DomainError, ErrorCode
from domain.i18n import localize, msg
from domain.permissions import Permission
from schema import ids
from schema.audit.inputs import AuditEventFilterInput
from schema.audit.types import AuditChainReport, AuditEvent, audit_connection
from schema.context import Info
from schema.relay import Connection


def _entity(entity_type: str | None, entity_id: str | None) -> tuple[str | None, str | None]:
    if entity_id is None:
        return entity_type, None
    try:
        kind, pk = ids.decode_any(entity_id, "filter.entityId")
    except DomainError:
        return entity_type, entity_id
    if kind == "cursor":
        raise DomainError(ErrorCode.VALIDATION, msg("Not a record id"), "filter.entityId")
    return kind, str(pk)


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
            problem=localize(report.problem) if report.problem else None,
            checkpoints_checked=report.checkpoints_checked,
            last_checkpoint_seq=report.last_checkpoint_seq,
        )

    @strawberry.field(
        description=(
            "The audit log, oldest first (AUDITOR, ADMIN). An actor bound to institutions "
            "reads only the events of its institutions (group-level events are not among "
            "them); filter.institution narrows to one institution."
        )
    )
    async def audit_events(
        self,
        info: Info,
        filter: AuditEventFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEvent]:
        f = filter or AuditEventFilterInput()
        institutions = await audit_scope.readable_institutions(
            info.context.actor, f.institution, "filter.institution"
        )
        if f.from_ and f.to and f.from_ > f.to:
            raise DomainError(
                ErrorCode.VALIDATION, msg("The start of the range is after its end"), "filter.from"
            )
        for bound in (f.from_, f.to):
            if bound is not None and bound.tzinfo is None:
                raise DomainError(
                    ErrorCode.VALIDATION, msg("Date-times need a time zone"), "filter"
                )
        entity_type, entity_id = _entity(f.entity_type, f.entity_id)
        return await audit_connection(
            EventFilter(
                entity_type=entity_type,
                entity_id=entity_id,
                actor_id=f.actor_id,
                action=f.action,
                from_time=clock.utc_iso(f.from_) if f.from_ else None,
                to_time=clock.utc_iso(f.to) if f.to else None,
            ),
            first,
            after,
            institutions,
        )
