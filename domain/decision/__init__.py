"""The privilege decision (SPEC section 4): may this practitioner perform this procedure
on this date, in this setting, at this site?

- `vocabulary`: what is asked and answered (checks, reasons, severities, decisions);
- `facts`: what a decision reads, frozen records parsed once when loaded;
- `rules`: pure predicates, one per SPEC rule, and `decide`;
- `loading`: the facts for a batch, in a constant number of queries;
- `cache`: facts kept per registry version, advanced by sifting audit events;
- `asof`: the facts as the registry stood at a past moment (`knownAt`).

Imports flow vocabulary -> facts -> rules -> loading -> cache / asof -> this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from domain import permissions, sql
from domain.actors import Actor
from domain.decision.asof import snapshot_at
from domain.decision.cache import CACHE, DecisionCache
from domain.decision.facts import Snapshot
from domain.decision.loading import in_list, load_snapshot
from domain.decision.rules import decide, refuse_day_surgery_emergency
from domain.decision.vocabulary import (
    MAX_BATCH,
    PRIVILEGE_REASONS,
    BasisPrivilege,
    CheckInput,
    Decision,
    Reason,
    ReasonCode,
    Setting,
    Severity,
)
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.permissions import Permission

__all__ = [
    "CACHE",
    "MAX_BATCH",
    "PRIVILEGE_REASONS",
    "BasisPrivilege",
    "CheckInput",
    "Decision",
    "DecisionCache",
    "Reason",
    "ReasonCode",
    "Setting",
    "Severity",
    "Snapshot",
    "check_many",
    "check_one",
    "decide",
    "load_snapshot",
]


async def check_many(
    actor: Actor,
    checks: Sequence[CheckInput],
    known_at: datetime | None = None,
    state_hint: tuple[int, str] | None = None,
) -> list[Decision]:
    """Answer every check; with `known_at`, as the registry stood at that moment."""
    permissions.require(actor, Permission.CHECK_PRIVILEGE)
    if len(checks) > MAX_BATCH:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "At most {limit} checks per call (this call has {count})",
                limit=MAX_BATCH,
                count=len(checks),
            ),
            "inputs",
        )
    if not checks:
        return []
    for index, check in enumerate(checks):
        refusal = refuse_day_surgery_emergency(check.setting.value, check.emergency)
        if refusal is not None:
            where = ["input"] if len(checks) == 1 else ["inputs", str(index)]
            raise DomainError(ErrorCode.VALIDATION, refusal, [*where, "emergency"])
    await refuse_outside_institutions(actor, checks)
    if known_at is not None:
        permissions.require(actor, Permission.QUERY_AS_OF)
        past, seq = await snapshot_at(checks, known_at)
        return [decide(check, past, seq) for check in checks]
    return await CACHE.answer(checks, state_hint)


async def check_one(
    actor: Actor,
    check: CheckInput,
    known_at: datetime | None = None,
    state_hint: tuple[int, str] | None = None,
) -> Decision:
    return (await check_many(actor, [check], known_at, state_hint))[0]


async def refuse_outside_institutions(actor: Actor, checks: Sequence[CheckInput]) -> None:
    """An actor bound to institutions (user or API key) asks only about its institutions'
    campuses and the practitioners it sees there (issue 16): two small queries, for bound
    actors only, so the others keep the constant query count of the batch. An unknown
    practitioner gets the same answer as one out of scope (nothing revealed)."""
    if not permissions.institution_bound(actor):
        return
    sites = await sql.fetch("SELECT id, code, is_default, institution_id FROM site")
    by_id = {int(r["id"]): r for r in sites}
    by_code = {str(r["code"]): r for r in sites}
    default = next((r for r in sites if r["is_default"]), None)
    ids = sorted({c.practitioner_id for c in checks if c.practitioner_id is not None})
    staff = sorted({c.practitioner_staff_no for c in checks if c.practitioner_staff_no})
    where = []
    if ids:
        where.append(f"id IN ({in_list(ids)})")
    if staff:
        where.append(f"staff_no IN ({in_list(staff)})")
    people = (
        await sql.fetch(
            f"SELECT id, staff_no, department_id FROM practitioner WHERE {' OR '.join(where)}",
            [*ids, *staff],
        )
        if where
        else []
    )
    people_by_id = {int(r["id"]): r for r in people}
    people_by_staff = {str(r["staff_no"]): r for r in people}
    for index, check in enumerate(checks):
        where_path = ["input"] if len(checks) == 1 else ["inputs", str(index)]
        if check.site_id is not None:
            site = by_id.get(check.site_id)
        elif check.site_code:
            site = by_code.get(check.site_code)
        else:
            site = default
        if site is None:
            continue  # the decision answers the unknown site
        if check.practitioner_id is not None:
            person = people_by_id.get(check.practitioner_id)
        else:
            person = people_by_staff.get(check.practitioner_staff_no or "")
        if person is None:
            raise permissions.out_of_scope([*where_path, "practitionerStaffNo"])
        institution = site["institution_id"]
        permissions.require_within_institutions(
            actor,
            int(institution) if institution is not None else None,
            (int(person["id"]), int(person["department_id"])),
            [*where_path, "siteCode"],
            [*where_path, "practitionerStaffNo"],
        )
