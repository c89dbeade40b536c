"""The one write path (CONVENTIONS habit 3).

`run_write` checks the actor's permission, opens one transaction, replays or records
the idempotency key, lets the operation apply its change through a `WriteContext`
(which enforces `expectedVersion` and collects audit events), and appends the audit
events to the hash chain in the same transaction. PostgreSQL serialisation failures and
deadlocks are retried; a refused action is itself audited.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from tortoise.exceptions import IntegrityError, OperationalError, TransactionManagementError
from tortoise.models import Model
from tortoise.transactions import in_transaction

import models
from domain import audit, clock, permissions, webhooks
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
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
    now = f"; it is now at version {current}" if current is not None else ""
    return DomainError(
        ErrorCode.CONFLICT,
        f"{kind} was changed by someone else (expected version {expected}{now}); "
        "reload it and try again",
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


async def _replay(actor: Actor, operation: str, key: str, fingerprint: str) -> Model | None:
    record = await IdempotencyRecord.get_or_none(actor_key=actor.key, key=key)
    if record is None:
        return None
    if record.operation != operation or record.fingerprint != fingerprint:
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "This idempotency key was already used with a different input",
            "idempotencyKey",
        )
    model: type[Model] = getattr(models, record.result_type)
    return await model.get(pk=record.result_id)


async def audit_refusal(actor: Actor, operation: str, error: DomainError) -> None:
    """Refused authorisations are audited too (SPEC section 7)."""
    if error.code is not ErrorCode.FORBIDDEN:
        return
    # Rate-limited per client and operation; the next event counts those left out.
    admitted, suppressed = permissions.REFUSALS.admit(actor, f"{operation}:{error.message}")
    if not admitted:
        return
    try:
        async with in_transaction():
            await audit.append(
                actor,
                [
                    audit.PendingEvent(
                        action="authorization.refused",
                        entity_type="Operation",
                        entity_id=operation,
                        before=None,
                        after={"suppressed": suppressed} if suppressed else None,
                        reason=error.message,
                    )
                ],
            )
    except Exception:  # auditing a refusal must never mask the refusal itself
        log.exception("could not audit a refused authorisation")


def validate_idempotency_key(key: str | None) -> None:
    if key is not None and not (1 <= len(key) <= 128 and key.isprintable()):
        raise DomainError(
            ErrorCode.VALIDATION,
            "idempotencyKey must be 1 to 128 printable characters",
            "idempotencyKey",
        )


async def authorize(actor: Actor, permission: Permission, operation: str) -> None:
    """Role-level check before anything else (validation, hashing): a refused caller
    learns nothing about its input and costs nothing; the refusal is audited."""
    try:
        permissions.require(actor, permission)
    except DomainError as error:
        await audit_refusal(actor, operation, error)
        raise


async def run_write(
    actor: Actor,
    permission: Permission,
    operation: str,
    apply: Callable[[WriteContext], Awaitable[T]],
    *,
    idempotency_key: str | None = None,
    fingerprint: Mapping[str, Any] | None = None,
) -> T:
    await authorize(actor, permission, operation)
    validate_idempotency_key(idempotency_key)
    digest = fingerprint_of(operation, fingerprint) if idempotency_key else ""
    attempt = 0
    while True:
        attempt += 1
        try:
            async with in_transaction():
                if idempotency_key:
                    replayed = await _replay(actor, operation, idempotency_key, digest)
                    if replayed is not None:
                        return replayed  # type: ignore[return-value]
                ctx = WriteContext(actor, operation)
                result = await apply(ctx)
                if ctx.events:
                    await audit.append(actor, ctx.events)
                    await webhooks.enqueue(ctx.events)
                if idempotency_key:
                    if not isinstance(result, Model):
                        raise TypeError(f"{operation} returns no object to replay")
                    await IdempotencyRecord.create(
                        actor_key=actor.key,
                        key=idempotency_key,
                        operation=operation,
                        fingerprint=digest,
                        result_type=type(result).__name__,
                        result_id=result.pk,
                        created_at=clock.now(),
                    )
            return result
        except DomainError as error:
            await audit_refusal(actor, operation, error)
            raise
        except IntegrityError as exc:
            # A concurrent writer won a unique or exclusion constraint. With an
            # idempotency key the retry replays the winner's result.
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
            "The practitioner already holds an ACTIVE privilege with the same scope and "
            "target whose validity overlaps at this site",
        )
    return DomainError(
        ErrorCode.CONFLICT, "The change conflicts with an existing record; reload and retry"
    )
