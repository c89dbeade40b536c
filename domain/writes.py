"""The one write path (CONVENTIONS habit 3).

Every write declares its operation and permission once (`@write_operation`, domain/
operations.py; checked before the body runs). `run_write` opens one transaction, replays
or claims the idempotency key, lets the operation apply its change through a
`WriteContext` (which enforces `expectedVersion` and collects audit events), and appends
the audit events to the hash chain in the same transaction. PostgreSQL serialisation
failures and deadlocks are retried; a refused action is itself audited through the same
path (`write_block`, also used by login and logout).

Idempotency: the first transaction with a key claims it (a row on a unique index) before
it applies anything and stores the replayable result (JSON: the object's type and id, or
a `Replay`-encoded value such as an import report) when it commits; a concurrent repeat
waits on that row, then replays the same result. First writer wins; nobody sees
DUPLICATE or CONFLICT for repeating their own request.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import typing
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, overload

from tortoise.exceptions import IntegrityError, OperationalError, TransactionManagementError
from tortoise.models import Model
from tortoise.transactions import in_transaction

import models
from domain import audit, clock, operations, permissions, webhooks
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import kind_label, msg
from domain.permissions import Permission
from models import IdempotencyRecord

log = logging.getLogger(__name__)

M = TypeVar("M", bound=Model)
T = TypeVar("T")

_RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}
MAX_ATTEMPTS = 5


class WriteContext:
    def __init__(self, actor: Actor, operation: str) -> None:
        self.actor = actor
        self.operation = operation
        self.events: list[audit.PendingEvent] = []

    def record(
        self,
        action: str,
        entity_type: str,
        entity_id: object | None,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> None:
        self.events.append(
            audit.PendingEvent(
                action=action,
                entity_type=entity_type,
                entity_id=None if entity_id is None else str(entity_id),
                before=before,
                after=after,
                reason=reason,
            )
        )

    async def create(
        self, model: type[M], action: str, audit_reason: str | None = None, **values: Any
    ) -> M:
        moment = clock.now()
        values.setdefault("created_at", moment)
        values.setdefault("updated_at", moment)
        instance = await model.create(**values)
        self.record(
            action, model.__name__, instance.pk, after=audit.snapshot(instance), reason=audit_reason
        )
        return instance

    async def update(
        self,
        instance: M,
        action: str,
        changes: Mapping[str, Any],
        *,
        expected_version: int | None = None,
        reason: str | None = None,
    ) -> M:
        """Apply `changes` if the row is still at `expected_version` (optimistic lock)."""
        current_version = int(instance.version)  # type: ignore[attr-defined]
        if expected_version is not None and expected_version != current_version:
            raise stale(type(instance).__name__, expected_version, current_version)
        before = audit.snapshot(instance)
        moment = clock.now()
        count = (
            await type(instance)
            .filter(pk=instance.pk, version=current_version)
            .update(**changes, version=current_version + 1, updated_at=moment)
        )
        if count != 1:
            raise stale(type(instance).__name__, current_version, None)
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.version = current_version + 1  # type: ignore[attr-defined]
        instance.updated_at = moment  # type: ignore[attr-defined]
        self.record(
            action,
            type(instance).__name__,
            instance.pk,
            before=before,
            after=audit.snapshot(instance),
            reason=reason,
        )
        return instance


def stale(kind: str, expected: int, current: int | None) -> DomainError:
    now = msg("; it is now at version {current}", current=current) if current is not None else ""
    return DomainError(
        ErrorCode.CONFLICT,
        msg(
            "{kind} was changed by someone else (expected version {expected}{now}); reload it "
            "and try again",
            kind=kind_label(kind),
            expected=expected,
            now=now,
        ),
        "expectedVersion",
    )


def _sqlstate(exc: BaseException) -> str | None:
    for candidate in (exc, exc.__cause__, *(getattr(exc, "args", ()) or ())):
        code = getattr(candidate, "sqlstate", None)
        if isinstance(code, str):
            return code
    return None


def fingerprint_of(operation: str, payload: Mapping[str, Any] | None) -> str:
    body = audit.canonical_json({"operation": operation, "input": payload or {}})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# -- replayable results ------------------------------------------------------------------


@dataclass(frozen=True)
class Replay(Generic[T]):
    """How a result that is not a stored object is kept for idempotent repeats: `encode`
    gives JSON-able data, `decode` rebuilds the result from it."""

    encode: Callable[[T], Any]
    decode: Callable[[Any], T]


def dataclass_replay(cls: type[T]) -> Replay[T]:
    """A `Replay` for a dataclass result (nested dataclasses and lists of them too)."""

    def build(kind: Any, data: Any) -> Any:
        if dataclasses.is_dataclass(kind) and isinstance(data, dict):
            hints = typing.get_type_hints(kind)
            return kind(  # type: ignore[operator]
                **{
                    f.name: build(hints.get(f.name), data[f.name])
                    for f in dataclasses.fields(kind)
                    if f.init and f.name in data
                }
            )
        if typing.get_origin(kind) is list and isinstance(data, list):
            (item,) = typing.get_args(kind) or (Any,)
            return [build(item, value) for value in data]
        return data

    def encode(value: T) -> Any:
        return dataclasses.asdict(value)  # type: ignore[call-overload]

    def decode(data: Any) -> T:
        return build(cls, data)  # type: ignore[no-any-return]

    return Replay(encode, decode)


PENDING = "pending"  # an idempotency key claimed by a transaction that has not finished


def _encode_result(operation: str, result: Any, replay: Replay[Any] | None) -> tuple[str, int, str]:
    """(result_type, result_id, result_json) stored for the key."""
    if replay is not None:
        return "json", 0, audit.canonical_json({"value": replay.encode(result)})
    if isinstance(result, Model):
        name = type(result).__name__
        return name, int(result.pk), audit.canonical_json({"model": name, "id": result.pk})
    raise TypeError(
        f"{operation} returns a {type(result).__name__}, which is no stored object: "
        "give run_write a `replay=` so an idempotent repeat can return it"
    )


async def _decode_result(record: IdempotencyRecord, replay: Replay[Any] | None) -> Any:
    data = json.loads(record.result_json) if record.result_json else None
    if data is not None and "value" in data:
        if replay is None:
            raise TypeError(f"{record.operation}: a stored result needs its `replay=` to decode")
        return replay.decode(data["value"])
    name = data["model"] if data is not None else record.result_type  # older records
    pk = data["id"] if data is not None else record.result_id
    model: type[Model] = getattr(models, name)
    instance = await model.get_or_none(pk=pk)
    if instance is None:
        raise not_found(name, pk, "idempotencyKey")
    return instance


async def _replay(
    actor: Actor, operation: str, key: str, fingerprint: str, replay: Replay[Any] | None
) -> tuple[bool, Any]:
    record = await IdempotencyRecord.get_or_none(actor_key=actor.key, key=key)
    if record is None:
        return False, None
    if record.operation != operation or record.fingerprint != fingerprint:
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            msg(
                "This idempotency key was already used for a different request (an "
                "idempotencyKey cannot be reused with different input)"
            ),
            "idempotencyKey",
        )
    return True, await _decode_result(record, replay)


# -- the write path ---------------------------------------------------------------------


async def _commit_events(ctx: WriteContext) -> None:
    """The end of every write: its audit events on the chain, its webhooks queued, and
    a signed checkpoint when one is due (cheap: it signs the new head)."""
    if ctx.events:
        last = await audit.append(ctx.actor, ctx.events)
        await webhooks.enqueue(ctx.events)
        await audit.checkpoint_if_due(last)


@contextlib.asynccontextmanager
async def write_block(actor: Actor, operation: str) -> AsyncIterator[WriteContext]:
    """The write path as a block, for writes that cannot be retried as a function (login,
    logout, refusals): one transaction; the events put in `ctx.events` (or recorded with
    `ctx.record`) are appended to the chain and queued for webhooks when it commits."""
    async with in_transaction("default"):  # the primary (read replicas beside it)
        ctx = WriteContext(actor, operation)
        yield ctx
        await _commit_events(ctx)


async def audit_refusal(actor: Actor, operation: str, error: DomainError) -> None:
    """Refused authorisations are audited too (SPEC section 7), through the write path."""
    if error.code is not ErrorCode.FORBIDDEN:
        return
    # Rate-limited per client and operation; the next event counts those left out.
    admitted, suppressed = permissions.REFUSALS.admit(actor, f"{operation}:{error.message}")
    if not admitted:
        return
    try:
        async with write_block(actor, "authorization.refused") as ctx:
            ctx.record(
                "authorization.refused",
                "Operation",
                operation,
                after={"suppressed": suppressed} if suppressed else None,
                reason=error.message,
            )
    except Exception:  # auditing a refusal must never mask the refusal itself
        log.exception("could not audit a refused authorisation")


def validate_idempotency_key(key: str | None) -> None:
    if key is not None and not (1 <= len(key) <= 128 and key.isprintable()):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("An idempotencyKey must be 1 to 128 printable characters"),
            "idempotencyKey",
        )


async def authorize(actor: Actor, permission: Permission | None, operation: str) -> None:
    """Role-level check before anything else (validation, hashing): a refused caller
    learns nothing about its input and costs nothing; the refusal is audited.
    Writes get it from `@write_operation` (domain/operations.py), declared once."""
    if permission is None:
        return
    try:
        permissions.require(actor, permission)
    except DomainError as error:
        await audit_refusal(actor, operation, error)
        raise


_UNSET: Any = object()


@overload
async def run_write(
    actor: Actor,
    apply: Callable[[WriteContext], Awaitable[T]],
    /,
    *,
    idempotency_key: str | None = None,
    fingerprint: Mapping[str, Any] | None = None,
    replay: Replay[T] | None = None,
    operation: str | None = None,
    permission: Permission | None = _UNSET,
) -> T: ...


@overload
async def run_write(
    actor: Actor,
    permission: Permission,
    operation: str,
    apply: Callable[[WriteContext], Awaitable[T]],
    /,
    *,
    idempotency_key: str | None = None,
    fingerprint: Mapping[str, Any] | None = None,
    replay: Replay[T] | None = None,
) -> T: ...


async def run_write(actor: Actor, *spec: Any, **options: Any) -> Any:
    """Run one write: `run_write(actor, apply, ...)` inside a `@write_operation` function
    (the declaration gives the operation and its permission, already checked), or with
    `operation=` and `permission=` given explicitly (None: no role needed, e.g. login).
    The older `run_write(actor, permission, operation, apply)` still works."""
    if len(spec) == 3:
        permission, operation, apply = spec
        await authorize(actor, permission, operation)
    else:
        (apply,) = spec
        operation = options.pop("operation", None)
        permission = options.pop("permission", _UNSET)
        declared = operations.current()
        if operation is not None:
            if permission is _UNSET:
                raise TypeError(f"run_write({operation}): declare its permission (None: none)")
            await authorize(actor, permission, operation)
        elif declared is not None:
            operation = declared.operation
            if declared.actor is not actor:
                await authorize(actor, declared.permission, operation)
        else:
            raise TypeError("run_write outside a @write_operation needs operation= and permission=")
    return await _run(actor, operation, apply, **options)


async def _run(
    actor: Actor,
    operation: str,
    apply: Callable[[WriteContext], Awaitable[T]],
    *,
    idempotency_key: str | None = None,
    fingerprint: Mapping[str, Any] | None = None,
    replay: Replay[T] | None = None,
) -> T:
    validate_idempotency_key(idempotency_key)
    digest = fingerprint_of(operation, fingerprint) if idempotency_key else ""
    attempt = 0
    while True:
        attempt += 1
        try:
            async with in_transaction("default"):  # the primary (read replicas beside it)
                claim: IdempotencyRecord | None = None
                if idempotency_key:
                    found, replayed = await _replay(
                        actor, operation, idempotency_key, digest, replay
                    )
                    if found:
                        return replayed  # type: ignore[no-any-return]
                    # Claim the key before applying anything: a concurrent repeat waits
                    # here on the unique (actor_key, key) index until this transaction
                    # ends, then fails, retries and replays this result (first writer
                    # wins) instead of running the write a second time into a
                    # DUPLICATE or CONFLICT.
                    claim = await IdempotencyRecord.create(
                        actor_key=actor.key,
                        key=idempotency_key,
                        operation=operation,
                        fingerprint=digest,
                        result_type=PENDING,
                        result_id=0,
                        created_at=clock.now(),
                    )
                ctx = WriteContext(actor, operation)
                result = await apply(ctx)
                await _commit_events(ctx)
                if claim is not None:
                    result_type, result_id, payload = _encode_result(operation, result, replay)
                    await IdempotencyRecord.filter(id=claim.id).update(
                        result_type=result_type, result_id=result_id, result_json=payload
                    )
            return result
        except DomainError as error:
            await audit_refusal(actor, operation, error)
            raise
        except IntegrityError as exc:
            # A concurrent writer won a unique or exclusion constraint (the idempotency
            # key's among them). With an idempotency key the retry replays its result.
            if idempotency_key and attempt < MAX_ATTEMPTS:
                continue
            raise integrity_conflict(exc) from exc
        except (OperationalError, TransactionManagementError) as exc:
            if _sqlstate(exc) in _RETRYABLE_SQLSTATES and attempt < MAX_ATTEMPTS:
                continue
            if "database is locked" in str(exc) and attempt < MAX_ATTEMPTS:
                continue
            raise


def integrity_conflict(exc: Exception) -> DomainError:
    text = str(exc)
    if "privilege_no_overlap" in text:
        return DomainError(
            ErrorCode.CONFLICT,
            msg(
                "The practitioner already holds an active privilege of the same scope and "
                "target at this site whose term overlaps"
            ),
        )
    return DomainError(
        ErrorCode.CONFLICT,
        msg("The change conflicts with an existing record; reload and try again"),
    )
