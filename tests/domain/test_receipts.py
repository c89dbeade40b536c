"""Issue 18 part 2: signed decision receipts, checked with a standard JOSE library
(PyJWT), with the server's verifyReceipt, and with `credreg verify-receipt`."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from api import cli
from domain import audit, receipts, signing
from domain.errors import DomainError, ErrorCode
from tests import factories

CHECK = """query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) {
    allowed registryVersion receipt } }"""
VERIFY = """query($r: String!) { verifyReceipt(receipt: $r) {
    valid problem keyId registryVersion auditHeadHash inAuditChain claims } }"""


async def _receipt(client: httpx.AsyncClient, tmp_path: Path) -> dict[str, Any]:
    signing.configure(tmp_path / "keys")
    await factories.hospital()
    surgeon = await factories.practitioner("D0001")
    await factories.procedure()
    await factories.grant(surgeon)
    token = await factories.token_for("orsystem", ["SCHEDULER"])
    body = await factories.gql(
        client,
        CHECK,
        {"i": {"procedureCode": "47.0901", "on": "2026-12-01", "practitionerStaffNo": "D0001"}},
        token,
    )
    assert "errors" not in body, body
    return dict(body["data"]["privilegeCheck"])


def _standard_verify(receipt: str, jwks: dict[str, Any]) -> dict[str, Any]:
    """What a third party does: pick the key by kid from the JWKS, verify with PyJWT."""
    kid = jwt.get_unverified_header(receipt)["kid"]
    jwk = next(k for k in jwks["keys"] if k["kid"] == kid)
    key = jwt.PyJWK(jwk).key
    claims: dict[str, Any] = jwt.decode(receipt, key, algorithms=["EdDSA"])
    return claims


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    raw[raw.index(b"true")] = ord("T")  # one byte: "allowed":true becomes invalid
    changed = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    return f"{header}.{changed}.{signature}"


async def test_r18_receipt_verifies_with_a_standard_jose_library(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    decision = await _receipt(client, tmp_path)
    assert decision["allowed"] is True
    jwks = (await client.get("/.well-known/jwks.json")).json()
    claims = _standard_verify(decision["receipt"], jwks)
    assert jwt.get_unverified_header(decision["receipt"])["typ"] == receipts.TYP
    assert claims["answer"]["allowed"] is True
    assert claims["question"]["procedureCode"] == "47.0901"
    assert claims["question"]["practitionerStaffNo"] == "D0001"
    assert str(claims["registryVersion"]) == decision["registryVersion"]
    assert claims["auditHeadHash"] == await receipts.hash_at(claims["registryVersion"])
    assert claims["answer"]["basisIds"] and "validUntil" in claims["answer"]
    assert isinstance(claims["iat"], int)


async def test_r18_receipt_fails_after_one_byte_changes(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    decision = await _receipt(client, tmp_path)
    jwks = (await client.get("/.well-known/jwks.json")).json()
    with pytest.raises(jwt.PyJWTError):
        _standard_verify(_tamper(decision["receipt"]), jwks)
    checked = receipts.check_signature(_tamper(decision["receipt"]))
    assert checked.valid is False and checked.problem


async def test_r18_receipt_fails_after_its_key_is_removed_from_the_jwks(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    decision = await _receipt(client, tmp_path)
    old_kid = jwt.get_unverified_header(decision["receipt"])["kid"]
    signing.rotate_keys(tmp_path / "keys")
    rotated = (await client.get("/.well-known/jwks.json")).json()
    _standard_verify(decision["receipt"], rotated)  # rotation keeps the public key
    signing.remove_key(tmp_path / "keys", old_kid)
    jwks = (await client.get("/.well-known/jwks.json")).json()
    assert old_kid not in {k["kid"] for k in jwks["keys"]}
    with pytest.raises(StopIteration):
        _standard_verify(decision["receipt"], jwks)
    checked = receipts.check_signature(decision["receipt"])
    assert checked.valid is False
    with pytest.raises(DomainError) as refused:
        signing.ring().verify(decision["receipt"], receipts.TYP)
    assert refused.value.code is ErrorCode.UNKNOWN_KEY


async def test_r18_verify_receipt_checks_the_audit_chain_for_auditors(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    decision = await _receipt(client, tmp_path)
    auditor = await factories.token_for("auditor", ["AUDITOR"])
    body = await factories.gql(client, VERIFY, {"r": decision["receipt"]}, auditor)
    found = body["data"]["verifyReceipt"]
    assert found["valid"] is True and found["inAuditChain"] is True, found
    assert found["claims"]["answer"]["allowed"] is True

    # correctly signed, but over a head hash this chain never had
    claims = dict(found["claims"])
    claims["auditHeadHash"] = "f" * 64
    forged = signing.ring().sign(claims, receipts.TYP)
    body = await factories.gql(client, VERIFY, {"r": forged}, auditor)
    found = body["data"]["verifyReceipt"]
    assert found["valid"] is False and found["inAuditChain"] is False

    body = await factories.gql(client, VERIFY, {"r": _tamper(decision["receipt"])}, auditor)
    assert body["data"]["verifyReceipt"]["valid"] is False

    scheduler = await factories.token_for("orsystem2", ["SCHEDULER"])
    body = await factories.gql(client, VERIFY, {"r": decision["receipt"]}, scheduler)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_r18_credreg_verify_receipt(
    client: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decision = await _receipt(client, tmp_path)
    jwks_file = tmp_path / "jwks.json"
    jwks_file.write_text((await client.get("/.well-known/jwks.json")).text)
    good = tmp_path / "receipt.json"
    good.write_text(json.dumps({"data": {"privilegeCheck": decision}}))
    bad = tmp_path / "bad.jws"
    bad.write_text(_tamper(decision["receipt"]))
    monkeypatch.setenv("CREDREG_KEY_DIR", str(tmp_path / "keys"))
    head = await audit.registry_version()
    try:
        assert cli.main(["verify-receipt", str(good), "--jwks", str(jwks_file)]) == 0
        assert cli.main(["verify-receipt", str(good)]) == 0
        assert cli.main(["verify-receipt", str(bad), "--jwks", str(jwks_file)]) == 1
    finally:
        signing.configure(tmp_path / "keys")
    assert await audit.registry_version() == head
