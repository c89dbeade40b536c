"""Audit chain verification and the audit event list."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON

from domain import audit, clock, permissions
from domain.audit import EventFilter, verify_chain
from domain.errors import DomainError, ErrorCode
from domain.i18n import localize, msg
from domain.pagination import page_size
from domain.permissions import Permission
from schema import ids
from schema.context import Info
from schema.relay import Connection, Edge, PageInfo


@strawberry.type(description="The result of recomputing the audit hash chain.")
class AuditChainReport:
    ok: bool = strawberry.field(description="The chain and every checkpoint match.")
    checked: int = strawberry.field(description="Events checked.")
    first_seq: int | None = strawberry.field(description="First seq checked.")
    last_seq: int | None = strawberry.field(description="Last seq checked.")
    broken_seq: int | None = strawberry.field(description="The first seq whose hash is wrong")
    problem: str | None = strawberry.field(description="What is wrong, when not ok.")
    checkpoints_checked: int = strawberry.field(
        default=0, description="Signed checkpoints the chain was compared with"
    )
    last_checkpoint_seq: int | None = strawberry.field(
        default=None, description="The newest signed checkpoint that matches"
    )


@strawberry.type(description="One entry of the append-only, hash-chained audit log.")
class AuditEvent:
    seq: int = strawberry.field(
        description="Position in the chain, 1 upwards; also the registry version."
    )
    occurred_at: datetime = strawberry.field(
        description="When it was committed (UTC). The hashed text form is in the NDJSON export."
    )
    actor_type: str = strawberry.field(description="user, api_key or system.")
    actor_id: strawberry.ID | None = strawberry.field(
        description="The actor's key as stored; null for the system."
    )
    actor_name: str = strawberry.field(description="Username or API key name at the time.")
    action: str = strawberry.field(description="What happened, e.g. privilege.approve.")
    entity_type: str = strawberry.field(description="Kind of record changed, e.g. Privilege.")
    entity_id: strawberry.ID | None = strawberry.field(
        description="The record's key as stored (not a global id)."
    )
    before: JSON | None = strawberry.field(
        description="The record before the change; null on creation."
    )
    after: JSON | None = strawberry.field(description="The record after the change.")
    reason: str | None = strawberry.field(description="The reason given, if any.")
    request_id: str | None = strawberry.field(
        description="The request that wrote it (X-Request-Id)."
    )
    prev_hash: str = strawberry.field(description="The previous event's hash.")
    hash: str = strawberry.field(description="SHA-256 over this event and prevHash.")

    @classmethod
    def from_row(cls, row: dict) -> AuditEvent:  # type: ignore[type-arg]
        return cls(
            seq=int(row["seq"]),
            occurred_at=datetime.fromisoformat(row["occurred_at"]),
            actor_type=row["actor_type"],
            actor_id=strawberry.ID(row["actor_id"]) if row["actor_id"] is not None else None,
            actor_name=row["actor_name"],
            action=row["action"],
            entity_type=row["entity_type"],
            entity_id=strawberry.ID(row["entity_id"]) if row["entity_id"] is not None else None,
            before=json.loads(row["before_json"]) if row["before_json"] is not None else None,
            after=json.loads(row["after_json"]) if row["after_json"] is not None else None,
            reason=row["reason"],
            request_id=row["request_id"],
            prev_hash=row["prev_hash"],
            hash=row["hash"],
        )


@strawberry.input(description="Which audit events to list.")
class AuditEventFilterInput:
    entity_type: str | None = strawberry.field(
        default=None, description="Only this kind of record."
    )
    entity_id: strawberry.ID | None = strawberry.field(
        default=None, description="A global id, or the raw entity key as stored"
    )
    actor_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this actor's key as stored."
    )
    action: str | None = strawberry.field(default=None, description="Only this action.")
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="Only from this moment."
    )
    to: datetime | None = strawberry.field(default=None, description="Only up to this moment.")


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


async def audit_connection(
    filter: EventFilter, first: int | None, after: str | None
) -> Connection[AuditEvent]:
    size = page_size(first)
    after_seq = ids.decode_cursor(after)
    rows, more = await audit.list_events(filter, size, after_seq)
    edges = [
        Edge(cursor=ids.encode_cursor(int(r["seq"])), node=AuditEvent.from_row(r)) for r in rows
    ]
    return Connection(
        edges=edges,
        nodes=[e.node for e in edges],
        page_info=PageInfo(
            has_next_page=more,
            has_previous_page=after_seq is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


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

    @strawberry.field(description="The audit log, oldest first (AUDITOR, ADMIN).")
    async def audit_events(
        self,
        info: Info,
        filter: AuditEventFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AuditEvent]:
        permissions.require_whole_audit(info.context.actor)
        f = filter or AuditEventFilterInput()
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
        )


async def history_of(
    info: Info, entity_type: str, pk: int, first: int | None, after: str | None
) -> Connection[AuditEvent]:
    """An object's own audit history (AUDITOR, ADMIN)."""
    permissions.require(info.context.actor, Permission.READ_AUDIT)
    return await audit_connection(
        EventFilter(entity_type=entity_type, entity_id=str(pk)), first, after
    )
