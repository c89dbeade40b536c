"""Audit chain verification and the audit event list."""

from __future__ import annotations

import json
from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from domain import audit, permissions
from domain.audit import EventFilter
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


async def audit_connection(
    filter: EventFilter,
    first: int | None,
    after: str | None,
    institutions: frozenset[int] | None = None,
) -> Connection[AuditEvent]:
    size = page_size(first)
    after_seq = ids.decode_cursor(after)
    rows, more = await audit.list_events(filter, size, after_seq, institutions)
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


async def history_of(
    info: Info, entity_type: str, pk: int, first: int | None, after: str | None
) -> Connection[AuditEvent]:
    """An object's own audit history (AUDITOR, ADMIN)."""
    permissions.require(info.context.actor, Permission.READ_AUDIT)
    return await audit_connection(
        EventFilter(entity_type=entity_type, entity_id=str(pk)), first, after
    )
