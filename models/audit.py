"""The append-only, hash-chained audit log and idempotency records.

Audit rows are never updated or deleted: the migrations add database triggers that
refuse both, and `AppendOnly.save`/`delete` refuse them in Python too.
"""

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AppendOnly(Model):
    """A table only ever added to (the audit log and what is kept beside it): a saved row
    is never saved again nor deleted, here as in the database's triggers."""

    refusal = "append-only"  # the PermissionError's message

    class Meta:
        abstract = True

    async def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._saved_in_db:
            await super().save(*args, **kwargs)
            return
        raise PermissionError(self.refusal)

    async def delete(self, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(self.refusal)


class AuditEvent(AppendOnly):
    seq = fields.BigIntField(primary_key=True, generated=False)
    occurred_at = fields.CharField(max_length=32)  # canonical UTC ISO text, hashed as is
    actor_type = fields.CharField(max_length=16)
    actor_id = fields.CharField(max_length=64, null=True)
    actor_name = fields.CharField(max_length=200, default="")
    action = fields.CharField(max_length=64)
    entity_type = fields.CharField(max_length=32)
    entity_id = fields.CharField(max_length=64, null=True)
    before_json = fields.TextField(null=True)
    after_json = fields.TextField(null=True)
    reason = fields.TextField(null=True)
    request_id = fields.CharField(max_length=64, null=True)
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64)

    refusal = "audit events are append-only"

    class Meta:
        table = "audit_event"
        indexes = (("entity_type", "entity_id"), ("action",), ("occurred_at",), ("actor_id",))


class AuditHead(Model):
    """One row holding the last seq and hash; locking it serialises appends."""

    id = fields.IntField(primary_key=True, generated=False)
    seq = fields.BigIntField()
    hash = fields.CharField(max_length=64)

    class Meta:
        table = "audit_head"


class IdempotencyRecord(Model):
    id = fields.IntField(primary_key=True)
    actor_key = fields.CharField(max_length=64)
    key = fields.CharField(max_length=128)
    operation = fields.CharField(max_length=64)
    fingerprint = fields.CharField(max_length=64)
    result_type = fields.CharField(max_length=32)  # a model name, "json", or "pending"
    result_id = fields.IntField()
    # The replayable result of the first request with this key (domain/writes.py).
    result_json = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "idempotency_record"
        unique_together = (("actor_key", "key"),)


class AuditCheckpoint(AppendOnly):
    """A signed statement of the chain's head (seq and hash): append-only like the events.

    `token` is a compact JWS (Ed25519, domain/signing.py) over the seq and hash; a chain
    rewritten from some point (re-hashed) or cut short no longer matches it."""

    id = fields.IntField(primary_key=True)
    seq = fields.BigIntField()
    hash = fields.CharField(max_length=64)
    kid = fields.CharField(max_length=64)
    token = fields.TextField()
    created_at = fields.CharField(max_length=32)  # canonical UTC ISO text, as signed
    verified = fields.BooleanField(default=False)  # chain recomputed up to seq before signing
    reason = fields.CharField(max_length=16, default="auto")  # auto | manual

    refusal = "audit checkpoints are append-only"

    class Meta:
        table = "audit_checkpoint"
        indexes = (("seq",),)


class AuditEventInstitution(AppendOnly):
    """Which institutions an audit event belongs to (issue 16; domain/audit_scope.py).

    Written in the transaction of the append, outside the hash chain (nothing here is
    hashed, so scoping never changes an event's hash or its verification). An event may
    belong to several institutions, or to none (group-level: visible only to actors not
    bound to institutions). Append-only like the events (triggers of migration 12).
    `institution_id` is a plain integer, not a foreign key: an append must not lock
    institution rows, and institutions are never deleted."""

    id = fields.BigIntField(primary_key=True)
    seq = fields.BigIntField()
    institution_id = fields.IntField()

    refusal = "audit scopes are append-only"

    class Meta:
        table = "audit_event_institution"
        # (institution_id, seq): a scoped page is one index range in seq order.
        unique_together = (("institution_id", "seq"),)
        indexes = (("seq",),)


class AuditPrivilegeState(AppendOnly):
    """The fields that decide whether a privilege is in force (R16) of each privilege
    state the audit log records, one row per event with an `after` (issue 19, item 3;
    domain/privilege_log.py). A copy of what the event's hashed `after` says, beside the
    chain: "which privileges were in force at seq S" is read from this narrow table's
    (privilege_id, seq) index instead of parsing the last event of every privilege.
    Written in the transaction of the append; append-only like the events (triggers of
    migration 14), and checked against the log by the chain verification."""

    seq = fields.BigIntField(primary_key=True, generated=False)
    privilege_id = fields.IntField()
    status = fields.TextField(null=True)
    valid_from = fields.TextField(null=True)
    valid_until = fields.TextField(null=True)
    supersedes_id = fields.IntField(null=True)

    refusal = "audit privilege states are append-only"

    class Meta:
        table = "audit_privilege_state"
