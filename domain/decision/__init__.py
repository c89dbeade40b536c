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

from domain import permissions
from domain.actors import Actor
from domain.decision.asof import snapshot_at
from domain.decision.cache import CACHE, DecisionCache
from domain.decision.facts import Snapshot
from domain.decision.loading import load_snapshot
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
