"""Which institutions an audit event belongs to (issue 16): the one place for the rule.

The audit log is hash-chained and append-only; its division by institution is kept beside
it, in `audit_event_institution (seq, institution_id)`, written by `record` in the
transaction of the append (domain/audit.py) and never hashed, so scoping changes no hash
and no verification. An event belongs to every institution its record belongs to at the
moment it is written, and to none when its record belongs to the whole group.

`RULES` says, for every entity type, where its institutions are found: fields of the
event's `after`/`before` snapshot (both: a campus moved from X to Y belongs to X and Y),
the record itself by its id (when the event carries no snapshot, or always for a
practitioner, whose registrations live in another table), or the acting user or API key.
An entity type without a rule is group-level; tests/domain/test_audit_scope.py fails
when a model or a recorded type has none.

Group-level events (the group, institutions' shared reference data: specialties, the
procedure catalogue, calendars, webhooks, unbound users and keys) are visible only to
actors not bound to institutions. That is the reading that protects data: an event no
rule ties to an institution is never shown to an institution's auditor, whatever it
holds; a bound auditor reads the catalogue and calendars themselves through their own
queries.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from domain import permissions, sql
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.permissions import Permission

ENTITY = "<entity>"  # a spec's source: the event's own entity id

# How a reference is resolved to institutions (one query per kind and append, batched).
INSTITUTION = "institution"  # an institution id
INSTITUTION_CODE = "institution_code"  # an institution code (export parameters)
SITE = "site"  # a campus: its institution
DEPARTMENT = "department"  # its campus's institution
PRACTITIONER = "practitioner"  # their department's institution and every registration
PRIVILEGE = "privilege"  # its campus's institution
CASE = "case"  # a case record: its campus's institution
BOOKING = "booking"  # its campus's institution
USER = "user"  # a user's bound institutions (none: group-level)
SESSION = "session"  # the session's user's bound institutions
DEFAULT = "default"  # the default institution (a technique or campus with none recorded)


@dataclass(frozen=True)
class Rule:
    """Where an entity type's institutions are found. `fields`: (kind, source) always
    read, source a snapshot key (a value or a list of values) or ENTITY; `fallback`:
    read only when `fields` found nothing (events recorded without a snapshot);
    `actor`: the acting user's or key's institutions when it is bound."""

    fields: tuple[tuple[str, str], ...] = ()
    fallback: tuple[tuple[str, str], ...] = ()
    actor: bool = False
    null_is_default: bool = False  # an institution_id recorded as null: the default one


GROUP_LEVEL = Rule()

RULES: dict[str, Rule] = {
    # The organisation.
    "HospitalGroup": GROUP_LEVEL,
    "Institution": Rule(fields=((INSTITUTION, ENTITY),)),
    "Site": Rule(
        fields=((INSTITUTION, "institution_id"),),
        fallback=((SITE, ENTITY),),
        null_is_default=True,
    ),
    "Department": Rule(fields=((SITE, "site_id"),), fallback=((DEPARTMENT, ENTITY),)),
    "Specialty": GROUP_LEVEL,  # shared reference data
    # People: a practitioner belongs to their department's institution and to every
    # institution they are registered at (a visiting expert, 多机构执业), as the
    # practitioner scopes of bound actors read them (domain/auth.institution_bounds).
    "Practitioner": Rule(fields=((DEPARTMENT, "department_id"), (PRACTITIONER, ENTITY))),
    "PracticeRegistration": Rule(
        fields=((INSTITUTION, "institution_id"), (PRACTITIONER, "practitioner_id"))
    ),
    # Techniques: the owner's record; an admission and its filing, the admitting one.
    "Technique": Rule(fields=((INSTITUTION, "institution_id"),), null_is_default=True),
    "TechniqueAdmission": Rule(fields=((INSTITUTION, "institution_id"),)),
    "CatalogueVersion": GROUP_LEVEL,
    "Procedure": GROUP_LEVEL,
    # Privileges and what hangs from them: the campus's institution.
    "Privilege": Rule(fields=((SITE, "site_id"),), fallback=((PRIVILEGE, ENTITY),)),
    "CommitteeDecision": Rule(fields=((INSTITUTION, "institution_id"),)),
    "Evaluation": Rule(fields=((PRIVILEGE, "privilege_id"),)),
    "ReviewCycle": Rule(fields=((SITE, "site_id"), (PRIVILEGE, "privilegeIds"))),
    "AdjustmentProposal": Rule(
        fields=((PRIVILEGE, "privilege_id"),), fallback=((PRACTITIONER, "practitioner_id"),)
    ),
    # Cases and bookings: the campus's institution.
    "CaseRecord": Rule(fields=((SITE, "site_id"),), fallback=((CASE, ENTITY),)),
    "EmergencyOverride": Rule(fields=((CASE, "case_record_id"),)),
    "Booking": Rule(fields=((SITE, "site_id"),), fallback=((BOOKING, ENTITY),)),
    "BookingImpact": Rule(fields=((BOOKING, "booking_id"),)),
    # Calendars: the whole group's.
    "CalendarYear": GROUP_LEVEL,
    "CalendarDay": GROUP_LEVEL,
    "HolidayCalendar": GROUP_LEVEL,
    # Access: a bound user or key belongs to its institutions; an unbound one (a
    # GROUP_ADMIN, the group's auditors) to the group. Logins follow the user.
    "User": Rule(fields=((INSTITUTION, "institution_ids"),), fallback=((USER, ENTITY),)),
    "Session": Rule(fields=((USER, "user_id"), (USER, "userId")), fallback=((SESSION, ENTITY),)),
    "ApiKey": Rule(fields=((INSTITUTION, "institution_ids"),)),
    "Webhook": GROUP_LEVEL,
    "WebhookDelivery": GROUP_LEVEL,
    # What an actor did rather than a record: the institution an export asked for and
    # the actor's own institutions; a refused operation, the actor's.
    "Export": Rule(fields=((INSTITUTION_CODE, "institution"),), actor=True),
    "Operation": Rule(actor=True),
}


def rule_for(entity_type: str) -> Rule:
    """The rule of an entity type; an unknown type is group-level (never shown to a
    bound actor)."""
    return RULES.get(entity_type, GROUP_LEVEL)


@dataclass
class _Wanted:
    """The references of one append, gathered per kind so each kind costs one query."""

    refs: dict[int, list[tuple[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    institutions: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, seq: int, kind: str, value: Any) -> bool:
        values = value if isinstance(value, list) else [value]
        found = False
        for item in values:
            if item is None or item == "":
                continue
            if kind == INSTITUTION:
                number = _int(item)
                if number is not None:
                    self.institutions[seq].add(number)
                    found = True
            else:
                self.refs[seq].append((kind, item))
                found = True
        return found


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _collect(
    wanted: _Wanted,
    seq: int,
    specs: Sequence[tuple[str, str]],
    entity_id: str | None,
    snapshots: Sequence[dict[str, Any]],
    null_is_default: bool = False,
) -> bool:
    found = False
    for kind, source in specs:
        if source == ENTITY:
            found = wanted.add(seq, kind, entity_id) or found
            continue
        for snapshot in snapshots:
            if source not in snapshot:
                continue
            value = snapshot[source]
            if value is None and null_is_default:
                found = wanted.add(seq, DEFAULT, 0) or found
            else:
                found = wanted.add(seq, kind, value) or found
    return found


_LOOKUPS: dict[str, str] = {
    SITE: "SELECT id AS ref, institution_id FROM site WHERE id IN ({marks})",
    DEPARTMENT: (
        "SELECT d.id AS ref, s.institution_id FROM department d "
        "JOIN site s ON s.id = d.site_id WHERE d.id IN ({marks})"
    ),
    PRACTITIONER: (
        "SELECT p.id AS ref, s.institution_id FROM practitioner p "
        "JOIN department d ON d.id = p.department_id JOIN site s ON s.id = d.site_id "
        "WHERE p.id IN ({marks}) UNION SELECT practitioner_id AS ref, institution_id "
        "FROM practice_registration WHERE practitioner_id IN ({marks})"
    ),
    PRIVILEGE: (
        "SELECT p.id AS ref, s.institution_id FROM privilege p "
        "JOIN site s ON s.id = p.site_id WHERE p.id IN ({marks})"
    ),
    CASE: (
        "SELECT c.id AS ref, s.institution_id FROM case_record c "
        "JOIN site s ON s.id = c.site_id WHERE c.id IN ({marks})"
    ),
    BOOKING: (
        "SELECT b.id AS ref, s.institution_id FROM booking b "
        "JOIN site s ON s.id = b.site_id WHERE b.id IN ({marks})"
    ),
    DEFAULT: "SELECT 0 AS ref, id AS institution_id FROM institution WHERE is_default = ? "
    "AND 0 IN ({marks})",
    INSTITUTION_CODE: "SELECT code AS ref, id AS institution_id FROM institution "
    "WHERE code IN ({marks})",
    USER: "SELECT id AS ref, institution_ids FROM app_user WHERE id IN ({marks})",
    SESSION: (
        "SELECT s.id AS ref, u.institution_ids FROM session s "
        "JOIN app_user u ON u.id = s.user_id WHERE s.id IN ({marks})"
    ),
}


def _id_list(value: Any) -> list[int]:
    """A JSON list of institution ids as the driver returns it (text or a list)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return []
    return [int(v) for v in value or [] if _int(v) is not None]


async def _resolve(kind: str, values: set[Any]) -> dict[str, set[int]]:
    """Reference -> institutions, for one kind (keys as text: ids come as text or int)."""
    if kind == INSTITUTION_CODE:
        keys = sorted({str(v) for v in values})
    else:
        keys = sorted({number for v in values if (number := _int(v)) is not None})  # type: ignore[misc]
    if not keys:
        return {}
    marks = ", ".join("?" for _ in keys)
    query = _LOOKUPS[kind].format(marks=marks)
    params: list[Any] = list(keys)
    if kind == PRACTITIONER:
        params += keys
    elif kind == DEFAULT:
        params = [True, *keys]
    found: dict[str, set[int]] = defaultdict(set)
    for row in await sql.fetch(query, params):
        if kind in (USER, SESSION):
            found[str(row["ref"])].update(_id_list(row["institution_ids"]))
        elif row["institution_id"] is not None:
            found[str(row["ref"])].add(int(row["institution_id"]))
    return found


def _snapshots(event: Any) -> list[dict[str, Any]]:
    return [s for s in (event.after, event.before) if isinstance(s, dict)]


async def scopes(actor: Actor, events: Sequence[Any]) -> list[tuple[int, int]]:
    """(seq, institution id) for events already given their seq (audit.PendingEvent):
    at most one query per kind of reference in the whole batch, none for the many
    events whose snapshot names their institution."""
    wanted = _Wanted()
    bound = sorted(actor.institution_ids or ()) if permissions.institution_bound(actor) else []
    for event in events:
        seq = int(event.seq)
        rule = rule_for(event.entity_type)
        snapshots = _snapshots(event)
        if not _collect(wanted, seq, rule.fields, event.entity_id, snapshots, rule.null_is_default):
            _collect(wanted, seq, rule.fallback, event.entity_id, snapshots)
        if rule.actor and bound:
            wanted.institutions[seq].update(bound)
    by_kind: dict[str, set[Any]] = defaultdict(set)
    for refs in wanted.refs.values():
        for kind, value in refs:
            by_kind[kind].add(value)
    resolved = {kind: await _resolve(kind, values) for kind, values in by_kind.items()}
    for seq, refs in wanted.refs.items():
        for kind, value in refs:
            wanted.institutions[seq].update(resolved[kind].get(str(value), ()))
    return sorted(
        (seq, institution)
        for seq, institutions in wanted.institutions.items()
        for institution in institutions
    )


INSERT_BATCH = 400  # rows per INSERT (two parameters each: within every driver's limit)


async def record(actor: Actor, events: Sequence[Any]) -> int:
    """Write the scopes of just-appended events, in the append's transaction: one
    multi-row INSERT per 400 rows. Returns how many rows were written."""
    rows = await scopes(actor, events)
    for start in range(0, len(rows), INSERT_BATCH):
        chunk = rows[start : start + INSERT_BATCH]
        values = ", ".join("(?, ?)" for _ in chunk)
        await sql.execute(
            f"INSERT INTO audit_event_institution (seq, institution_id) VALUES {values}",
            [value for pair in chunk for value in pair],
        )
    return len(rows)


# -- reading ------------------------------------------------------------------------------


async def institution_id(code: str, field_name: str = "institution") -> int:
    row = await sql.fetch_one("SELECT id FROM institution WHERE code = ?", [code])
    if row is None:
        raise DomainError(
            ErrorCode.NOT_FOUND, msg("Institution {code} does not exist", code=code), field_name
        )
    return int(row["id"])


async def institutions_for(
    actor: Actor, code: str | None, field_name: str = "institution"
) -> frozenset[int] | None:
    """The institutions a read covers: the one asked for (which the actor must act
    for), else the actor's own when bound to institutions, else all (None)."""
    if code:
        wanted = await institution_id(code, field_name)
        permissions.require_institution(actor, wanted, field_name)
        return frozenset({wanted})
    if permissions.institution_bound(actor):
        return frozenset(actor.institution_ids or ())
    return None


async def readable_institutions(
    actor: Actor, code: str | None, field_name: str = "institution"
) -> frozenset[int] | None:
    """For `auditEvents` and the audit export: READ_AUDIT, then the institutions whose
    events the actor reads (None: the whole log, for unbound actors asking for no
    institution). A bound actor reads only events scoped to its institutions."""
    permissions.require(actor, Permission.READ_AUDIT)
    return await institutions_for(actor, code, field_name)


def scoped_page(
    select: str,
    conditions: Iterable[str],
    params: Sequence[Any],
    after: int,
    limit: int,
    institutions: frozenset[int] | None,
) -> tuple[str, list[Any]]:
    """One keyset page of audit_event (alias `e`) in seq order after seq `after`.

    `conditions` use the alias `e`. Scoped to institutions, each institution's events
    are one range of the (institution_id, seq) index, read in seq order and cut at
    `limit` (a nested loop to the event for the other conditions); their union, cut at
    `limit` again, is the page: the cost follows the page size, not the log's."""
    where = ["e.seq > ?", *conditions]
    base = [after, *params]
    if institutions is None:
        query = (
            f"SELECT {select} FROM audit_event e WHERE {' AND '.join(where)} "
            f"ORDER BY e.seq LIMIT {int(limit)}"
        )
        return query, base
    if not institutions:
        return f"SELECT {select} FROM audit_event e WHERE 1 = 0", []
    parts: list[str] = []
    values: list[Any] = []
    for index, institution in enumerate(sorted(institutions)):
        parts.append(
            f"SELECT seq FROM (SELECT s.seq FROM audit_event_institution s "
            f"JOIN audit_event e ON e.seq = s.seq WHERE s.institution_id = ? AND s.seq > ? "
            f"AND {' AND '.join(where)} ORDER BY s.seq LIMIT {int(limit)}) AS p{index}"
        )
        values += [institution, after, *base]
    query = (
        f"SELECT {select} FROM audit_event e WHERE e.seq IN ({' UNION '.join(parts)}) "
        f"ORDER BY e.seq LIMIT {int(limit)}"
    )
    return query, values
