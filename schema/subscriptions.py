"""Subscription privilegeChanges over graphql-transport-ws (SPEC section 5)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import date, datetime

import strawberry

from domain import changes
from schema import ids
from schema.context import Info
from schema.enums import PrivilegeScope, PrivilegeStatus


@strawberry.type(description="One audited change of a privilege, with its state after it.")
class PrivilegeChangeEvent:
    seq: int = strawberry.field(description="Audit seq; resume with fromSeq after a reconnect.")
    occurred_at: datetime = strawberry.field(description="When the change was committed (UTC).")
    action: str = strawberry.field(description="The audit action, e.g. privilege.suspend.")
    privilege_id: strawberry.ID = strawberry.field(
        description="The privilege changed (node(id:) fetches it)."
    )
    practitioner_id: strawberry.ID = strawberry.field(description="Its holder.")
    site_id: strawberry.ID = strawberry.field(description="Its site.")
    status: PrivilegeStatus = strawberry.field(description="Status after the change.")
    scope: PrivilegeScope = strawberry.field(description="The privilege's scope.")
    valid_from: date | None = strawberry.field(description="First day after the change.")
    valid_until: date | None = strawberry.field(description="Last day after the change.")


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Privilege changes as they commit; filter by "
        "practitioner and site; fromSeq replays missed changes first."
    )
    async def privilege_changes(
        self,
        info: Info,
        practitioner: strawberry.ID | None = None,
        site: strawberry.ID | None = None,
        from_seq: int | None = None,
    ) -> AsyncGenerator[PrivilegeChangeEvent, None]:
        practitioner_id = ids.decode_optional(practitioner, "Practitioner", "practitioner")
        site_id = ids.decode_optional(site, "Site", "site")
        guard = getattr(info.context, "socket_guard", None)
        async for change in changes.privilege_changes(
            info.context.actor, practitioner_id, site_id, from_seq
        ):
            # A socket whose credential ended (logout, revoked key, deactivated user)
            # gets nothing more: checked again before any event newer than the last check.
            if guard is not None and not await guard.still_valid(change.seq):
                return
            yield PrivilegeChangeEvent(
                seq=change.seq,
                occurred_at=datetime.fromisoformat(change.occurred_at),
                action=change.action,
                privilege_id=strawberry.ID(ids.encode("Privilege", change.privilege_id)),
                practitioner_id=strawberry.ID(ids.encode("Practitioner", change.practitioner_id)),
                site_id=strawberry.ID(ids.encode("Site", change.site_id)),
                status=PrivilegeStatus(change.status),
                scope=PrivilegeScope(change.scope),
                valid_from=change.valid_from,
                valid_until=change.valid_until,
            )
