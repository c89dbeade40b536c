"""Ed25519 key ring: sign, verify, rotate, remove, file permissions."""

from __future__ import annotations

import base64
import json
import stat

import pytest

from api.cli import main
from domain import signing
from domain.errors import DomainError, ErrorCode


def _flip_one_byte(token: str, part: int) -> str:
    parts = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(parts[part] + "=" * (-len(parts[part]) % 4)))
    raw[len(raw) // 2] ^= 0x01
    parts[part] = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    return ".".join(parts)


def test_sign_and_verify_round_trip(tmp_path):
    ring = signing.ensure_keys(tmp_path / "keys")
    token = ring.sign({"seq": 42, "hash": "ab" * 32}, "credreg-checkpoint")
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "EdDSA"
    assert header["typ"] == "credreg-checkpoint"
    assert header["kid"] == ring.current.kid
    again = signing.load_keys(tmp_path / "keys")
    assert again.verify(token, "credreg-checkpoint") == {"seq": 42, "hash": "ab" * 32}
    assert again.verify(token) == {"seq": 42, "hash": "ab" * 32}


def test_ensure_keys_keeps_the_existing_key(tmp_path):
    first = signing.ensure_keys(tmp_path)
    second = signing.ensure_keys(tmp_path)
    assert first.current.kid == second.current.kid
    assert len(second.keys) == 1


@pytest.mark.parametrize("part", [0, 1, 2])
def test_one_flipped_byte_fails(tmp_path, part):
    ring = signing.ensure_keys(tmp_path)
    token = ring.sign({"seq": 1, "hash": "00" * 32}, "credreg-checkpoint")
    with pytest.raises(DomainError) as caught:
        ring.verify(_flip_one_byte(token, part), "credreg-checkpoint")
    assert caught.value.code in {ErrorCode.INVALID_SIGNATURE, ErrorCode.UNKNOWN_KEY}


def test_wrong_type_is_refused(tmp_path):
    ring = signing.ensure_keys(tmp_path)
    token = ring.sign({"decision": "ALLOWED"}, "credreg-receipt")
    with pytest.raises(DomainError) as caught:
        ring.verify(token, "credreg-checkpoint")
    assert caught.value.code == ErrorCode.INVALID_SIGNATURE


def test_garbage_and_other_algorithms_are_refused(tmp_path):
    import jwt

    ring = signing.ensure_keys(tmp_path)
    hs = jwt.encode({"seq": 1}, "x" * 32, algorithm="HS256", headers={"kid": ring.current.kid})
    for token in ["", "a.b.c", "not a token", hs]:
        with pytest.raises(DomainError) as caught:
            ring.verify(token)
        assert caught.value.code == ErrorCode.INVALID_SIGNATURE


def test_rotation_keeps_old_signatures_verifiable_and_removal_ends_them(tmp_path):
    ring = signing.ensure_keys(tmp_path)
    old_kid = ring.current.kid
    old_token = ring.sign({"n": 1}, "t")
    rotated = signing.rotate_keys(tmp_path)
    assert rotated.current.kid != old_kid
    # the old key keeps only its public half on disk
    on_disk = json.loads((tmp_path / f"{old_kid}.json").read_text())
    assert "d" not in on_disk
    assert signing.load_keys(tmp_path).verify(old_token, "t") == {"n": 1}
    new_token = rotated.sign({"n": 2}, "t")
    assert {key["kid"] for key in rotated.public_jwks()["keys"]} == {old_kid, rotated.current.kid}

    signing.remove_key(tmp_path, old_kid)
    after = signing.load_keys(tmp_path)
    with pytest.raises(DomainError) as caught:
        after.verify(old_token, "t")
    assert caught.value.code == ErrorCode.UNKNOWN_KEY
    assert after.verify(new_token, "t") == {"n": 2}


def test_the_current_key_cannot_be_removed(tmp_path):
    ring = signing.ensure_keys(tmp_path)
    with pytest.raises(DomainError) as caught:
        signing.remove_key(tmp_path, ring.current.kid)
    assert caught.value.code == ErrorCode.CONFLICT
    with pytest.raises(DomainError) as missing:
        signing.remove_key(tmp_path, "no-such-kid")
    assert missing.value.code == ErrorCode.NOT_FOUND


def test_key_files_are_0600_in_a_0700_directory(tmp_path):
    key_dir = tmp_path / "keys"
    signing.ensure_keys(key_dir)
    signing.rotate_keys(key_dir)
    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700
    files = list(key_dir.iterdir())
    assert len(files) == 2
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_public_jwks_is_rfc7517_okp(tmp_path):
    ring = signing.ensure_keys(tmp_path)
    (key,) = ring.public_jwks()["keys"]
    assert key["kty"] == "OKP" and key["crv"] == "Ed25519" and key["alg"] == "EdDSA"
    assert key["kid"] == signing.thumbprint(key["x"])
    assert "d" not in key


def test_configured_ring_follows_a_rotation_by_another_process(tmp_path):
    signing.configure(tmp_path)
    first = signing.ring()
    assert first.current is not None  # created on first use
    signing.rotate_keys(tmp_path)
    signing._forget_cache()
    assert signing.ring().current.kid != first.current.kid


def test_cli_keys_list_rotate_remove(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CREDREG_KEY_DIR", str(tmp_path))
    monkeypatch.setenv("CREDREG_DATABASE_URL", f"sqlite://{tmp_path}/db.sqlite3")
    assert main(["keys", "list"]) == 1  # nothing yet
    signing.ensure_keys(tmp_path)
    old = signing.load_keys(tmp_path).current.kid
    assert main(["keys", "rotate"]) == 0
    assert main(["keys", "list"]) == 0
    out = capsys.readouterr().out
    assert old in out and "public only" in out
    assert main(["keys", "remove", "--", old]) == 0
    assert old not in {key for key in signing.load_keys(tmp_path).keys}
