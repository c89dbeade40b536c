"""The impact watcher: audited changes that alter the decision of a future, uncancelled
booking become BookingImpacts, each exactly once, with a `booking.affected` webhook
delivery for each, and are pushed to `bookingImpacts` subscribers.

Driven from the audit log, like the privilege change feed: every worker runs
`watch_loop`, and a pass (`process_pending`) takes the `booking_watch` cursor row and
the audit head under lock, sifts the audit events after the cursor for what decisions
read (a practitioner, a privilege, an evaluation, the catalogue, or anything else:
everything), decides the bookings they touch again at the head, records the ones whose
decision changed, and moves the cursor, all in one transaction. A second worker waits
on the lock and then finds the cursor moved, so each change is processed once; a
crash before the commit leaves the cursor where it was, so none is lost. The
(booking, change seq) unique constraint backs this up in the database.

Impacts are not themselves audit events: they are derived from an audited change (the
seq they name) and writing them to the chain would move the registry version that
every decision cache keys on. Acknowledging one is a user action and is audited.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from domain import audit, bookings, clock, sql
from domain.actors import Actor
from models import Booking, BookingImpact, Practitioner, Webhook, WebhookDelivery

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25
# More events than this behind the cursor (a watcher that was down for long): treat
# them as one change touching everything, attributed to the last of them.
MAX_SIFTED_EVENTS = 5_000
DECIDE_CHUNK = 1_000
EVENT_TYPE = "booking.affected"


@dataclass
class Touched:
    """What the events of one pass touch, each with the seq of its last event."""

    everything: int | None = None
    catalogue: int | None = None
    practitioners: dict[int, int] = field(default_factory=dict)
    actions: dict[int, str] = field(default_factory=dict)

    @property
    def anything(self) -> bool:
        return bool(self.everything or self.catalogue or self.practitioners)

    def seq_for(self, booking: Booking) -> int | None:
        candidates = [
            self.everything,
            self.catalogue,
            self.practitioners.get(booking.practitioner_id),  # type: ignore[attr-defined]
            self.practitioners.get(booking.supervisor_id or -1),  # type: ignore[attr-defined]
        ]
        found = [seq for seq in candidates if seq is not None]
        return max(found) if found else None


def _practitioner_of(row: dict[str, Any]) -> int | None:
    for column in ("after_json", "before_json"):
        if row[column]:
            value = json.loads(row[column]).get("practitioner_id")
            if value is not None:
                return int(value)
    return None


async def sift(after: int, head: int) -> Touched:
    touched = Touched()
    if head - after > MAX_SIFTED_EVENTS:
        touched.everything = head
        touched.actions[head] = "(many changes)"
        return touched
    rows = await sql.fetch(
        "SELECT seq, action, entity_type, entity_id, before_json, after_json FROM audit_event "
        "WHERE seq > ? AND seq <= ? ORDER BY seq",
        [after, head],
    )
    blind = bookings.decision_blind_types()
    catalogue = bookings.catalogue_types()
    evaluations: dict[int, int] = {}
    for row in rows:
        kind, seq = row["entity_type"], int(row["seq"])
        if kind in blind:
            continue
        touched.actions[seq] = row["action"]
        entity_id = row["entity_id"]
        if kind in catalogue:
            touched.catalogue = seq
        elif kind == "Practitioner" and entity_id and str(entity_id).isdigit():
            touched.practitioners[int(entity_id)] = seq
        elif kind == "Privilege" and (holder := _practitioner_of(row)) is not None:
            touched.practitioners[holder] = seq
        elif kind == "Evaluation" and entity_id and str(entity_id).isdigit():
            evaluations[int(entity_id)] = seq
        else:  # sites, departments, calendar, registrations, ...: anything may change
            touched.everything = seq
    if evaluations:
        wanted = sorted(evaluations)
        marks = ",".join("?" for _ in wanted)
        for found in await sql.fetch(
            "SELECT e.id, p.practitioner_id FROM evaluation e "
            f"JOIN privilege p ON p.id = e.privilege_id WHERE e.id IN ({marks})",
            wanted,
        ):
            holder, seq = int(found["practitioner_id"]), evaluations[int(found["id"])]
            touched.practitioners[holder] = max(seq, touched.practitioners.get(holder, 0))
    return touched


async def _candidates(touched: Touched) -> list[Booking]:
    query = Booking.filter(status="SCHEDULED", scheduled_on__gte=clock.today())
    if touched.everything is None and touched.catalogue is None:
        holders = sorted(touched.practitioners)
        by_surgeon = await query.filter(practitioner_id__in=holders)
        by_supervisor = await query.filter(supervisor_id__in=holders)
        unique = {b.id: b for b in [*by_surgeon, *by_supervisor]}
        return [unique[key] for key in sorted(unique)]
    return list(await query.order_by("id"))


@dataclass
class PassResult:
    processed_to: int
    impacts: list[int]


def _deliveries(
    impact: BookingImpact, booking: Booking, staff_no: str, webhooks: list[Webhook]
) -> list[WebhookDelivery]:
    moment = clock.now()
    old, new = json.loads(impact.old_decision_json), json.loads(impact.new_decision_json)
    rows = []
    for webhook in webhooks:
        if not any(
            EVENT_TYPE == t or (t.endswith(".") and EVENT_TYPE.startswith(t))
            for t in webhook.event_types
        ):
            continue
        key = f"credreg-impact-{impact.id}-{webhook.id}"
        payload = {
            "id": key,
            "seq": impact.change_seq,
            "type": EVENT_TYPE,
            "occurredAt": clock.utc_iso(moment),
            "entityType": "BookingImpact",
            "entityId": str(impact.id),
            "data": {
                "impactId": impact.id,
                "changeSeq": impact.change_seq,
                "changeAction": impact.change_action,
                "externalRef": booking.external_ref,
                "staffNo": staff_no,
                "procedureCode": booking.procedure_code,
                "scheduledOn": booking.scheduled_on.isoformat(),
                "oldAllowed": impact.old_allowed,
                "newAllowed": impact.new_allowed,
                "oldReasons": [r["code"] for r in old["reasons"]],
                "newReasons": [r["code"] for r in new["reasons"]],
            },
        }
        rows.append(
            WebhookDelivery(
                webhook_id=webhook.id,
                event_seq=impact.change_seq,
                event_type=EVENT_TYPE,
                payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                idempotency_key=key,
                status="PENDING",
                attempts=0,
                next_attempt_at=moment,
                created_at=moment,
                updated_at=moment,
            )
        )
    return rows


@dataclass
class _Change:
    booking: Booking
    text: str
    allowed: bool
    seq: int
    action: str


async def _record(changes: list[_Change]) -> list[BookingImpact]:
    """The impacts of one chunk, their deliveries and the bookings' new decisions, in
    a handful of statements whatever the number of bookings."""
    moment = clock.now()
    await BookingImpact.bulk_create(
        [
            BookingImpact(
                booking_id=c.booking.id,
                change_seq=c.seq,
                change_action=c.action[:64],
                old_allowed=c.booking.allowed,
                new_allowed=c.allowed,
                old_decision_json=c.booking.decision_json,
                new_decision_json=c.text,
                status="OPEN",
                created_at=moment,
                updated_at=moment,
                version=1,
            )
            for c in changes
        ]
    )
    booking_ids = [c.booking.id for c in changes]
    created = {
        (i.booking_id, i.change_seq): i  # type: ignore[attr-defined]
        for i in await BookingImpact.filter(
            booking_id__in=booking_ids, change_seq__in=sorted({c.seq for c in changes})
        )
    }
    impacts = [created[(c.booking.id, c.seq)] for c in changes]
    # allowed again: what the earlier impacts of those bookings reported is over
    cleared = [c.booking.id for c in changes if c.allowed]
    if cleared:
        await (
            BookingImpact.filter(booking_id__in=cleared, status="OPEN")
            .exclude(id__in=[i.id for i in impacts])
            .update(status="RESOLVED", updated_at=moment)
        )
    return impacts


async def _write_chunk(
    changes: list[_Change], refreshed: list[_Change], webhooks: list[Webhook], head: int
) -> list[int]:
    created: list[int] = []
    if changes:
        impacts = await _record(changes)
        created = [i.id for i in impacts]
        if webhooks:
            surgeon_ids = sorted({c.booking.practitioner_id for c in changes})  # type: ignore[attr-defined]
            staff = dict(
                await Practitioner.filter(id__in=surgeon_ids).values_list("id", "staff_no")
            )
            rows = []
            for change, impact in zip(changes, impacts, strict=True):
                surgeon = change.booking.practitioner_id  # type: ignore[attr-defined]
                rows.extend(_deliveries(impact, change.booking, staff[surgeon], webhooks))
            if rows:
                await WebhookDelivery.bulk_create(rows)
    groups: dict[tuple[bool, str], list[int]] = {}
    for change in [*changes, *refreshed]:
        groups.setdefault((change.allowed, change.text), []).append(change.booking.id)
    for (allowed, text), ids in groups.items():
        await Booking.filter(id__in=ids).update(
            allowed=allowed, decision_json=text, decided_seq=head
        )
    return created


async def _pass() -> PassResult:
    cursor = await sql.fetch_one(
        f"SELECT last_seq FROM booking_watch WHERE id = 1{sql.for_update()}"
    )
    if cursor is None:
        raise RuntimeError("booking_watch row missing: the database was not migrated")
    last = int(cursor["last_seq"])
    head = await bookings.lock_head()
    if head <= last:
        return PassResult(last, [])
    touched = await sift(last, head)
    created: list[int] = []
    if touched.anything:
        candidates = await _candidates(touched)
        webhooks = list(await Webhook.filter(active=True))
        for start in range(0, len(candidates), DECIDE_CHUNK):
            chunk = candidates[start : start + DECIDE_CHUNK]
            decided = await bookings.decide_checks([bookings.check_of(b) for b in chunk])
            changes: list[_Change] = []
            refreshed: list[_Change] = []
            for booking, decision in zip(chunk, decided, strict=True):
                text = bookings.decision_text(decision)
                old = bookings.stored_decision(booking)
                new = bookings.decision_record(decision)
                if bookings.decision_key(old) != bookings.decision_key(new):
                    seq = touched.seq_for(booking) or head
                    action = touched.actions.get(seq, "")
                    changes.append(_Change(booking, text, decision.allowed, seq, action))
                elif {k: v for k, v in old.items() if k != "registryVersion"} != {
                    k: v for k, v in new.items() if k != "registryVersion"
                }:  # same decision, other details (e.g. validUntil): keep it current
                    refreshed.append(_Change(booking, text, decision.allowed, head, ""))
            created.extend(await _write_chunk(changes, refreshed, webhooks, head))
    await sql.execute("UPDATE booking_watch SET last_seq = ? WHERE id = 1", [head])
    return PassResult(head, created)


async def _quick_pass() -> PassResult | None:
    """Without any lock: when the new events touch nothing decisions read (logins,
    bookings, ...) or no future booking is watched at all, just move the cursor (if no
    other worker moved it meanwhile). None when a full pass is needed. Safe because a
    booking is decided under the head lock: one committed after this look was decided
    at a version at least as new as every event seen here."""
    cursor = await sql.fetch_one("SELECT last_seq FROM booking_watch WHERE id = 1")
    if cursor is None:
        return None
    last = int(cursor["last_seq"])
    head = await audit.registry_version()
    if head <= last:
        return PassResult(last, [])
    touched = await sift(last, head)
    if (
        touched.anything
        and await Booking.filter(status="SCHEDULED", scheduled_on__gte=clock.today()).exists()
    ):
        return None
    moved = await sql.execute(
        "UPDATE booking_watch SET last_seq = ? WHERE id = 1 AND last_seq = ?", [head, last]
    )
    return PassResult(head if moved else last, [])


async def process_pending() -> PassResult:
    """One pass of the watcher: everything committed up to now, exactly once."""
    from tortoise.transactions import in_transaction

    quick = await _quick_pass()
    if quick is not None:
        return quick
    async with in_transaction("default"):  # the primary (read replicas beside it)
        result = await _pass()
    if result.impacts:
        FEED.wake()
    return result


async def watch_loop(stop: asyncio.Event) -> None:
    """Run beside the webhook delivery loop in each worker process."""
    known = -1
    while not stop.is_set():
        try:
            if await audit.registry_version() != known:
                known = (await process_pending()).processed_to
        except Exception:  # a database hiccup must not stop watching
            log.exception("booking impact pass failed")
            known = -1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), POLL_SECONDS)


# --- the subscription feed ----------------------------------------------------------


@dataclass(frozen=True)
class ImpactEvent:
    impact_id: int
    client_key: str


class ImpactFeed:
    """Fans new impacts out to in-process subscribers: one query per interval however
    many listen; impacts recorded by any worker are seen (the table is the source)."""

    def __init__(self) -> None:
        self.listeners: set[asyncio.Queue[ImpactEvent]] = set()
        self.task: asyncio.Task[None] | None = None
        self.last_id = 0
        self.woken = asyncio.Event()

    def wake(self) -> None:
        self.woken.set()

    async def _latest(self) -> int:
        row = await sql.fetch_one("SELECT MAX(id) AS last FROM booking_impact")
        return int(row["last"]) if row and row["last"] is not None else 0

    async def _run(self) -> None:
        while self.listeners:
            try:
                rows = await sql.fetch(
                    "SELECT i.id, b.client_key FROM booking_impact i "
                    "JOIN booking b ON b.id = i.booking_id WHERE i.id > ? ORDER BY i.id LIMIT 500",
                    [self.last_id],
                )
                for row in rows:
                    self.last_id = int(row["id"])
                    for queue in list(self.listeners):
                        queue.put_nowait(ImpactEvent(int(row["id"]), row["client_key"]))
                if len(rows) == 500:
                    continue
            except Exception:
                log.exception("booking impact feed poll failed")
            self.woken.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.woken.wait(), POLL_SECONDS)
        self.task = None

    @contextlib.asynccontextmanager
    async def listen(self) -> AsyncIterator[asyncio.Queue[ImpactEvent]]:
        queue: asyncio.Queue[ImpactEvent] = asyncio.Queue(maxsize=10_000)
        if not self.listeners:
            self.last_id = await self._latest()
            self.woken = asyncio.Event()
        self.listeners.add(queue)
        loop = asyncio.get_running_loop()
        if self.task is None or self.task.done() or self.task.get_loop() is not loop:
            self.woken = asyncio.Event()  # a task of a closed loop (tests) is gone too
            self.task = asyncio.create_task(self._run())
        try:
            yield queue
        finally:
            self.listeners.discard(queue)


FEED = ImpactFeed()


async def impacts_for(actor: Actor) -> AsyncIterator[BookingImpact]:
    """New impacts as they are recorded, those of the actor's own bookings (all of
    them for medical affairs and auditors)."""
    bookings.require_read(actor)
    everyone = bookings.sees_all(actor)
    async with FEED.listen() as queue:
        while True:
            event = await queue.get()
            if not everyone and event.client_key != actor.key:
                continue
            impact = await BookingImpact.get_or_none(id=event.impact_id)
            if impact is not None:
                yield impact
