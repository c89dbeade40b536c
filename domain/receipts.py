"""Signed decision receipts (issue 18 part 2).

A receipt is a compact JWS (EdDSA, Ed25519, header `typ` = `credreg-receipt+jwt`,
`kid` = the signing key's RFC 7638 thumbprint) over the question, the answer, the
registry version the answer was computed at, the audit chain's hash at that version
and the time of issue. Anyone holding the public keys (`GET /.well-known/jwks.json`)
can check it offline with any JOSE library (docs/receipts.md); `verify_receipt` also
checks that the hash is the one the audit chain holds at that seq.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain import audit, clock, permissions, signing, sql
from domain.actors import Actor
from domain.decision import CheckInput, Decision
from domain.errors import DomainError
from domain.i18n import msg
from domain.permissions import Permission

TYP = "credreg-receipt+jwt"
ISSUER = "credreg"

# The hash of one seq never changes (the chain is append-only): keep the last few.
_head_hashes: dict[int, str] = {}


async def hash_at(seq: int) -> str | None:
    """The audit chain's hash at `seq` (the genesis hash at 0), None if there is none."""
    if seq <= 0:
        return audit.GENESIS_HASH
    known = _head_hashes.get(seq)
    if known is not None:
        return known
    row = await sql.fetch_one("SELECT hash FROM audit_event WHERE seq = ?", [seq])
    if row is None:
        return None
    if len(_head_hashes) > 64:
        _head_hashes.clear()
    _head_hashes[seq] = str(row["hash"])
    return _head_hashes[seq]


def question_of(check: CheckInput) -> dict[str, Any]:
    return {
        "procedureCode": check.procedure_code,
        "on": check.on.isoformat(),
        "setting": check.setting.value,
        "practitionerId": check.practitioner_id,
        "practitionerStaffNo": check.practitioner_staff_no,
        "siteId": check.site_id,
        "siteCode": check.site_code,
        "supervisorId": check.supervisor_id,
        "supervisorStaffNo": check.supervisor_staff_no,
        "emergency": check.emergency,
    }


def answer_of(decision: Decision) -> dict[str, Any]:
    return {
        "allowed": decision.allowed,
        "reasonCodes": [r.code.value for r in decision.reasons],
        "basisIds": decision.basis_ids,
        "validUntil": decision.valid_until.isoformat() if decision.valid_until else None,
    }


async def issue(check: CheckInput, decision: Decision) -> str:
    head = await hash_at(decision.registry_version)
    issued = clock.now()
    claims = {
        "iss": ISSUER,
        "iat": int(issued.timestamp()),
        "issuedAt": clock.utc_iso(issued),
        "question": question_of(check),
        "answer": answer_of(decision),
        "registryVersion": decision.registry_version,
        "auditHeadHash": head,
    }
    return signing.ring().sign(claims, TYP)


@dataclass
class ReceiptCheck:
    valid: bool
    problem: str | None
    key_id: str | None
    claims: dict[str, Any] | None
    in_audit_chain: bool | None
    current_registry_version: int | None

    @property
    def issued_at(self) -> datetime | None:
        if not self.claims or "iat" not in self.claims:
            return None
        return datetime.fromtimestamp(int(self.claims["iat"]), UTC)


def check_signature(token: str, ring: signing.KeyRing | None = None) -> ReceiptCheck:
    """Offline: the signature and type only (what a third party can check)."""
    token = token.strip()
    keys = ring or signing.ring()
    try:
        claims = keys.verify(token, TYP)
    except DomainError as error:
        return ReceiptCheck(False, error.message, None, None, None, None)
    import jwt

    kid = jwt.get_unverified_header(token).get("kid")
    return ReceiptCheck(True, None, kid, claims, None, None)


async def verify_receipt(actor: Actor, token: str) -> ReceiptCheck:
    """For auditors: the signature, and that its audit head hash is the chain's hash at
    its registry version (a receipt from another database, or a rewritten history,
    fails here though its signature holds)."""
    permissions.require(actor, Permission.READ_AUDIT)
    result = check_signature(token[:20_000])
    if not result.valid or result.claims is None:
        return result
    seq = result.claims.get("registryVersion")
    claimed = result.claims.get("auditHeadHash")
    if not isinstance(seq, int):
        result.valid, result.problem = False, msg("The receipt has no registryVersion")
        return result
    actual = await hash_at(seq)
    result.in_audit_chain = actual is not None and actual == claimed
    result.current_registry_version = await audit.registry_version()
    if not result.in_audit_chain:
        result.valid = False
        result.problem = msg(
            "The receipt's audit hash does not match audit event {seq} of this registry: "
            "the receipt was not issued here, or the audit history was rewritten",
            seq=seq,
        )
    return result


def ring_from_jwks(jwks: dict[str, Any]) -> signing.KeyRing:
    """A verifying key ring from a published JWK Set (what a third party holds)."""
    import base64
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    ring = signing.KeyRing(key_dir=Path("-"))
    for jwk in jwks.get("keys", []):
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or not jwk.get("x"):
            continue
        raw = base64.urlsafe_b64decode(jwk["x"] + "=" * (-len(jwk["x"]) % 4))
        kid = signing.thumbprint(jwk["x"])
        ring.keys[kid] = signing.SigningKey(
            kid=kid, created=datetime.now(UTC), public=Ed25519PublicKey.from_public_bytes(raw)
        )
    return ring


def token_in(text: str) -> str:
    """The receipt in a file: the bare token, or the first "receipt" of a JSON document
    (e.g. a saved GraphQL response)."""
    import json

    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return stripped

    def find(value: Any) -> str | None:
        if isinstance(value, dict):
            if isinstance(value.get("receipt"), str):
                return str(value["receipt"])
            items = list(value.values())
        elif isinstance(value, list):
            items = value
        else:
            return None
        for item in items:
            found = find(item)
            if found:
                return found
        return None

    return find(json.loads(stripped)) or ""
