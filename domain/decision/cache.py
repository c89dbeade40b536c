"""The per-process decision cache: facts kept for one registry version and advanced by
sifting the audit events between versions (SPEC 10: invalidated through the database, never
by time alone)."""

from __future__ import annotations

import asyncio
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from domain import audit, sql
from domain.decision import reads
from domain.decision.facts import Snapshot
from domain.decision.loading import in_list, keys_of, load_parts, load_snapshot
from domain.decision.rules import decide
from domain.decision.vocabulary import CheckInput, Decision
from domain.long_lived import LONG_LIVED
from domain.shared_runs import Run, SharedRuns

SNAPSHOT_ATTEMPTS = 3


# Audit entity types whose changes no decision reads: the cache keeps everything.
# (Logins, API keys, case records, overrides, committee minutes, exports, refusals: a
# case that moves a technique to IN_USE records that as a Technique event of its own.)
NO_DECISION_EFFECT = frozenset(
    {
        "Session",
        "User",
        "ApiKey",
        "CaseRecord",
        "EmergencyOverride",
        "CommitteeDecision",
        "Export",
        "Operation",
        "Webhook",
        "WebhookDelivery",
        "Booking",
        "BookingImpact",
    }
)
# Entity types that change only what the catalogue part of the cache holds.
CATALOGUE_TYPES = frozenset({"Procedure", "CatalogueVersion", "Technique"})
# More events than this between two versions: start afresh rather than sift them.
MAX_SIFTED_EVENTS = 1_000


@dataclass
class Staleness:
    """What the audit events between two registry versions make stale in the cache."""

    everything: bool = False
    catalogue: bool = False
    practitioner_ids: set[int] = field(default_factory=set)
    privilege_ids: set[int] = field(default_factory=set)
    evaluation_ids: set[int] = field(default_factory=set)


async def staleness_between(old: tuple[int, str], new: tuple[int, str]) -> Staleness:
    """Sift the audit events (old, new]; anything not understood makes everything stale.
    The event at `old` must still carry the hash the cache saw (same history)."""
    events = await reads.events_between(old, new, MAX_SIFTED_EVENTS)
    if events is None:
        return Staleness(everything=True)
    found = Staleness()
    for row in events:
        kind, entity_id = row["entity_type"], row["entity_id"]
        if kind in NO_DECISION_EFFECT:
            continue
        if kind in CATALOGUE_TYPES:
            found.catalogue = True
            continue
        targets = {
            "Practitioner": found.practitioner_ids,
            "Privilege": found.privilege_ids,
            "Evaluation": found.evaluation_ids,
        }.get(kind)
        if targets is None or entity_id is None or not str(entity_id).isdigit():
            return Staleness(everything=True)  # sites, departments, cycles, calendar, ...
        targets.add(int(entity_id))
    return found


async def holders_of(staleness: Staleness) -> set[int]:
    """The practitioners whose privileges or evaluations the events touched."""
    holders = set(staleness.practitioner_ids)
    if staleness.privilege_ids:
        wanted = sorted(staleness.privilege_ids)
        rows = await reads.fetch_keyed(
            f"SELECT practitioner_id FROM privilege WHERE id IN ({in_list(wanted)})", wanted
        )
        holders |= {int(r["practitioner_id"]) for r in rows}
    if staleness.evaluation_ids:
        wanted = sorted(staleness.evaluation_ids)
        rows = await reads.fetch_keyed(
            "SELECT p.practitioner_id FROM evaluation e JOIN privilege p ON p.id = e.privilege_id "
            f"WHERE e.id IN ({in_list(wanted)})",
            wanted,
        )
        holders |= {int(r["practitioner_id"]) for r in rows}
    return holders


class _PendingLoad(Run[bool]):
    """One load of missing keys, shared by every request that asked for them; its key
    is the registry state the keys are missing at."""

    def __init__(self, key: Hashable, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__(key, loop)
        self.ids: set[int] = set()
        self.staff: set[str] = set()
        self.codes: set[str] = set()


class DecisionCache:
    """What decisions read, kept per process and valid for one registry version.

    Every change to the registry appends to the audit log and so moves the registry
    version; each request reads the version (one indexed query). When it moved, in this
    worker or any other, the cache sifts the audit events in between and forgets what
    they touched (a practitioner, the privileges of one, the catalogue) or, for anything
    else, everything; logins, case records and the like keep it whole. Nothing expires
    by time. Unknown staff numbers and codes are remembered too, so a batch of misses
    costs one load.
    """

    MAX_PRACTITIONERS = 50_000

    def __init__(self) -> None:
        self._loads: SharedRuns[_PendingLoad, bool] = SharedRuns(_PendingLoad, self._run_load)
        # Advances under way, by (from, to) state: the requests that see the registry
        # move at the same moment share one reading of the events in between.
        self._advancing: dict[tuple[tuple[int, str], tuple[int, str]], asyncio.Future[bool]] = {}
        self.reset((-1, ""))

    def reset(self, state: tuple[int, str]) -> None:
        LONG_LIVED.released()
        self.state = state
        self.snap = Snapshot()
        self.sites_loaded = False
        self.absent_ids: set[int] = set()
        self.absent_staff: set[str] = set()

    async def advance(self, state: tuple[int, str]) -> bool:
        """Bring the cache from its version to `state`, forgetting what changed in
        between. False when another request moved it while the events were read.
        Concurrent callers going from the same version to the same one share the work
        (the events between two versions never change)."""
        if sql.in_transaction():
            # Shared work runs in a task of its own, on the connection of whoever began
            # it: never on a transaction's (a case's decision), which ends with its
            # caller; a transaction reads for itself, as registry_state does.
            return await self._advance(state)
        key = (self.state, state)
        loop = asyncio.get_running_loop()
        shared = self._advancing.get(key)
        if shared is None or shared.get_loop() is not loop:
            shared = self._advancing[key] = loop.create_task(self._advance(state))

            def done(finished: asyncio.Future[bool]) -> None:
                if self._advancing.get(key) is finished:
                    del self._advancing[key]

            shared.add_done_callback(done)
        return await asyncio.shield(shared)

    async def _advance(self, state: tuple[int, str]) -> bool:
        seen = self.state
        staleness = await staleness_between(seen, state)
        holders = set() if staleness.everything else await holders_of(staleness)
        if self.state != seen:
            return self.state == state  # moved meanwhile: to this very version is as good
        if staleness.everything:
            self.reset(state)
            return True
        self.forget(holders, staleness.catalogue, bool(staleness.practitioner_ids))
        self.state = state
        return True

    def forget(self, holders: set[int], catalogue: bool, practitioners_changed: bool) -> None:
        snap = self.snap
        for holder in holders:
            cached = snap.practitioners_by_id.pop(holder, None)
            if cached is not None:
                snap.practitioners_by_staff_no.pop(cached.staff_no, None)
            for privilege in snap.privileges_by_practitioner.pop(holder, []):
                snap.evaluation_due.pop(privilege.id, None)
        if practitioners_changed:  # a new or renumbered practitioner may answer a miss
            self.absent_ids.clear()
            self.absent_staff.clear()
        if catalogue:
            snap.procedures_by_code.clear()

    def _missing(self, checks: Sequence[CheckInput]) -> tuple[set[int], set[str], set[str]]:
        ids, staff, codes = keys_of(checks)
        snap = self.snap
        return (
            {i for i in ids if i not in snap.practitioners_by_id and i not in self.absent_ids},
            {
                s
                for s in staff
                if s not in snap.practitioners_by_staff_no and s not in self.absent_staff
            },
            {c for c in codes if c not in snap.procedures_by_code},
        )

    def _merge(self, part: Snapshot, ids: set[int], staff: set[str], codes: set[str]) -> None:
        snap = self.snap
        if part.sites_by_id:
            snap.sites_by_id, snap.sites_by_code = part.sites_by_id, part.sites_by_code
            snap.default_site = part.default_site
            snap.default_institution_id = part.default_institution_id
            snap.admissions = part.admissions
            self.sites_loaded = True
        snap.practitioners_by_id.update(part.practitioners_by_id)
        snap.practitioners_by_staff_no.update(part.practitioners_by_staff_no)
        for holder in part.practitioners_by_id:
            snap.privileges_by_practitioner[holder] = part.privileges_by_practitioner.get(
                holder, []
            )
        snap.evaluation_due.update(part.evaluation_due)
        for code in codes:
            snap.procedures_by_code[code] = part.procedures_by_code.get(code, [])
        self.absent_ids |= ids - part.practitioners_by_id.keys()
        self.absent_staff |= staff - part.practitioners_by_staff_no.keys()
        LONG_LIVED.grew(
            len(part.practitioners_by_id)
            + sum(map(len, part.privileges_by_practitioner.values()))
            + sum(map(len, part.procedures_by_code.values()))
        )

    async def _load(
        self, state: tuple[int, str], ids: set[int], staff: set[str], codes: set[str]
    ) -> bool:
        """Load what is missing, together with whatever the other requests miss: one load
        runs at a time and the next gathers every key asked for meanwhile, so a cold
        cache under 16 connections costs a few loads, not one per request. False when
        the registry moved during the load (nothing was merged)."""
        if sql.in_transaction():  # reads for itself (see `advance`)
            alone = _PendingLoad(state, asyncio.get_running_loop())
            alone.ids, alone.staff, alone.codes = ids, staff, codes
            return await self._run_load(alone)
        batch = self._loads.gathering(state)
        batch.ids |= ids
        batch.staff |= staff
        batch.codes |= codes
        return await self._loads.result(batch)

    async def _run_load(self, batch: _PendingLoad) -> bool:
        part = await load_parts(
            batch.ids, batch.staff, batch.codes, with_sites=not self.sites_loaded
        )
        # A write that landed while loading would mix two versions: load again.
        merged = await audit.registry_state() == batch.key and self.state == batch.key
        if merged:
            self._merge(part, batch.ids, batch.staff, batch.codes)
        return merged

    async def answer(
        self, checks: Sequence[CheckInput], state_hint: tuple[int, str] | None = None
    ) -> list[Decision]:
        """`state_hint`: the registry state this request read when it began (saves a
        round trip on PostgreSQL); anything loaded is checked against a fresh read."""
        decisions, _snap = await self.answer_with_facts(checks, state_hint)
        return decisions

    async def answer_with_facts(
        self, checks: Sequence[CheckInput], state_hint: tuple[int, str] | None = None
    ) -> tuple[list[Decision], Snapshot]:
        """`answer`, with the facts the decisions were made from (the practitioners, sites
        and procedures the checks name are in it): a caller that needs them too reads
        them from there, at the same registry version, without reading them again. Read
        them before the next await: the cache moves on."""
        for attempt in range(SNAPSHOT_ATTEMPTS):
            state = state_hint if (attempt == 0 and state_hint) else await audit.registry_state()
            version = state[0]
            if state[0] < self.state[0] and sql.on_replica():
                # A lagging read replica: this worker has already seen a newer registry.
                # Never take the cache back to an older version (nor thrash it between
                # two): answer this one from the primary, at least as new as the cache.
                with sql.on_primary():
                    return await self.answer_with_facts(checks)
            if len(self.snap.practitioners_by_id) > self.MAX_PRACTITIONERS:
                self.reset(state)
            elif state != self.state:
                if attempt == 0 and state_hint and state[0] < self.state[0]:
                    continue  # the request began before the cache moved on: read again
                if not await self.advance(state):
                    continue  # another request moved the cache meanwhile: look again
            ids, staff, codes = self._missing(checks)
            if (ids or staff or codes or not self.sites_loaded) and not await self._load(
                state, ids, staff, codes
            ):
                continue
            return [decide(check, self.snap, version) for check in checks], self.snap
        snap = await load_snapshot(checks)  # under a stream of writes: answer uncached
        version = await audit.registry_version()
        return [decide(check, snap, version) for check in checks], snap


CACHE = DecisionCache()
