"""Ed25519 signing keys kept as files: sign and verify compact JWS (alg EdDSA).

One file per key in the key directory (`CREDREG_KEY_DIR`), named `<kid>.json`, mode 0600,
in a directory of mode 0700. The `kid` is the key's RFC 7638 thumbprint. Exactly one key
holds its private half (`d`): the current key, the one that signs. Rotation creates a new
current key and strips the private half from the old one, which stays as a public key so
that what it signed still verifies, until an operator removes it (`credreg keys remove`).

Signed things (audit checkpoints, decision receipts, privilege cards) say what they are in
the JWS header `typ`; `verify(token, typ)` refuses a token of another type, so a receipt
can never pass for a checkpoint.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from domain.errors import DomainError, ErrorCode
from domain.i18n import msg

ALGORITHM = "EdDSA"
KEY_SUFFIX = ".json"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def thumbprint(x: str) -> str:
    """RFC 7638 JWK thumbprint (SHA-256) of an Ed25519 public key given as `x`."""
    canonical = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"), sort_keys=True
    )
    return _b64(hashlib.sha256(canonical.encode("ascii")).digest())


@dataclass(frozen=True)
class SigningKey:
    kid: str
    created: datetime
    public: Ed25519PublicKey
    private: Ed25519PrivateKey | None = None

    @property
    def x(self) -> str:
        return _b64(self.public.public_bytes(Encoding.Raw, PublicFormat.Raw))

    def jwk(self) -> dict[str, str]:
        return {"kty": "OKP", "crv": "Ed25519", "x": self.x, "kid": self.kid, "alg": ALGORITHM,
                "use": "sig"}  # fmt: skip

    def to_file(self) -> dict[str, str]:
        data = {"kid": self.kid, "created": self.created.isoformat(), "crv": "Ed25519",
                "x": self.x}  # fmt: skip
        if self.private is not None:
            data["d"] = _b64(
                self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
            )
        return data

    @classmethod
    def from_file(cls, data: dict[str, Any]) -> SigningKey:
        public = Ed25519PublicKey.from_public_bytes(_unb64(data["x"]))
        private = None
        if data.get("d"):
            private = Ed25519PrivateKey.from_private_bytes(_unb64(data["d"]))
            derived = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
            if _b64(derived) != data["x"]:
                raise ValueError("the private key does not match the public key")
        kid = thumbprint(data["x"])
        if data.get("kid") != kid:
            raise ValueError(f"kid {data.get('kid')!r} is not the key's thumbprint {kid}")
        created = datetime.fromisoformat(data["created"])
        return cls(kid=kid, created=created, public=public, private=private)


@dataclass
class KeyRing:
    """The keys of one key directory: the current (signing) key and kept public keys."""

    key_dir: Path
    keys: dict[str, SigningKey] = field(default_factory=dict)

    @property
    def current(self) -> SigningKey | None:
        signing = [key for key in self.keys.values() if key.private is not None]
        return max(signing, key=lambda key: key.created) if signing else None

    def sign(self, claims: dict[str, Any], typ: str) -> str:
        key = self.current
        if key is None or key.private is None:
            raise DomainError(
                ErrorCode.UNKNOWN_KEY,
                msg(
                    "The signing key directory {key_dir} holds no current signing key: run "
                    "credreg init or credreg keys rotate",
                    key_dir=str(self.key_dir),
                ),
            )
        return jwt.encode(
            claims, key.private, algorithm=ALGORITHM, headers={"kid": key.kid, "typ": typ}
        )

    def verify(self, token: str, typ: str | None = None) -> dict[str, Any]:
        """The claims of `token` if a kept key signed it (and it has type `typ`)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise DomainError(
                ErrorCode.INVALID_SIGNATURE, msg("The signed token is malformed")
            ) from None
        if header.get("alg") != ALGORITHM:
            raise DomainError(
                ErrorCode.INVALID_SIGNATURE,
                msg("Signature algorithm {alg} is not accepted", alg=repr(header.get("alg"))),
            )
        if typ is not None and header.get("typ") != typ:
            raise DomainError(
                ErrorCode.INVALID_SIGNATURE,
                msg(
                    "The signed token's type is {found}, not {typ}",
                    found=repr(header.get("typ")),
                    typ=repr(typ),
                ),
            )
        kid = header.get("kid")
        key = self.keys.get(kid) if isinstance(kid, str) else None
        if key is None:
            raise DomainError(
                ErrorCode.UNKNOWN_KEY,
                msg(
                    "Signing key {kid} does not exist or was removed: the signature cannot be "
                    "verified",
                    kid=repr(kid),
                ),
            )
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.public,
                algorithms=[ALGORITHM],
                options={"verify_aud": False, "verify_iss": False},
            )
        except jwt.ExpiredSignatureError:
            raise DomainError(
                ErrorCode.INVALID_SIGNATURE, msg("The signed token has expired")
            ) from None
        except jwt.PyJWTError:
            raise DomainError(
                ErrorCode.INVALID_SIGNATURE,
                msg(
                    "Invalid signature (key {kid}): the content was changed or the signature "
                    "does not match",
                    kid=kid,
                ),
            ) from None
        return claims

    def public_jwks(self) -> dict[str, list[dict[str, str]]]:
        """RFC 7517 JWK Set of every kept public key, newest first."""
        ordered = sorted(self.keys.values(), key=lambda key: key.created, reverse=True)
        return {"keys": [key.jwk() for key in ordered]}


# -- files ---------------------------------------------------------------------------------


def _prepare_dir(key_dir: Path) -> None:
    key_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(key_dir, 0o700)


def _write_key(key_dir: Path, key: SigningKey) -> None:
    """Write atomically (temporary file, fsync, rename), mode 0600 from the first byte."""
    target = key_dir / f"{key.kid}{KEY_SUFFIX}"
    fd, tmp = tempfile.mkstemp(dir=key_dir, prefix=".tmp-", suffix=KEY_SUFFIX)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(key.to_file(), handle, indent=2, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _new_key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    public = private.public_key()
    kid = thumbprint(_b64(public.public_bytes(Encoding.Raw, PublicFormat.Raw)))
    return SigningKey(kid=kid, created=datetime.now(UTC), public=public, private=private)


def load_keys(key_dir: str | os.PathLike[str]) -> KeyRing:
    """The key ring of `key_dir` (empty if the directory does not exist)."""
    path = Path(key_dir)
    ring = KeyRing(key_dir=path)
    if not path.is_dir():
        return ring
    for file in sorted(path.glob(f"*{KEY_SUFFIX}")):
        if file.name.startswith("."):
            continue
        try:
            key = SigningKey.from_file(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg(
                    "Signing key file {file} cannot be read: {problem}",
                    file=str(file),
                    problem=str(exc),
                ),
            ) from None
        ring.keys[key.kid] = key
    return ring


def ensure_keys(key_dir: str | os.PathLike[str]) -> KeyRing:
    """The key ring, with a first current key created if there is none."""
    path = Path(key_dir)
    _prepare_dir(path)
    ring = load_keys(path)
    if ring.current is None:
        key = _new_key()
        _write_key(path, key)
        ring.keys[key.kid] = key
    _forget_cache()
    return ring


def rotate_keys(key_dir: str | os.PathLike[str]) -> KeyRing:
    """A new current key; the old ones keep only their public half."""
    path = Path(key_dir)
    _prepare_dir(path)
    ring = load_keys(path)
    new = _new_key()
    _write_key(path, new)  # the new key first: a crash in between leaves two signing keys
    for key in list(ring.keys.values()):
        if key.private is not None:
            public_only = SigningKey(kid=key.kid, created=key.created, public=key.public)
            _write_key(path, public_only)
            ring.keys[key.kid] = public_only
    ring.keys[new.kid] = new
    _forget_cache()
    return ring


def remove_key(key_dir: str | os.PathLike[str], kid: str) -> KeyRing:
    """Remove a kept public key; what it signed no longer verifies. The current key stays."""
    path = Path(key_dir)
    ring = load_keys(path)
    key = ring.keys.get(kid)
    if key is None:
        raise DomainError(
            ErrorCode.NOT_FOUND, msg("Signing key {kid} does not exist", kid=kid), "kid"
        )
    if ring.current is not None and ring.current.kid == kid:
        raise DomainError(
            ErrorCode.CONFLICT,
            msg(
                "Signing key {kid} is the current signing key and cannot be removed; run "
                "credreg keys rotate first",
                kid=kid,
            ),
            "kid",
        )
    (path / f"{kid}{KEY_SUFFIX}").unlink()
    del ring.keys[kid]
    _forget_cache()
    return ring


# -- the service's key ring ------------------------------------------------------------------

_configured_dir: Path | None = None
_cache: tuple[Path, int, KeyRing] | None = None
_lock = threading.Lock()


def configure(key_dir: str | os.PathLike[str]) -> None:
    """Set the key directory the service signs with (from CREDREG_KEY_DIR)."""
    global _configured_dir
    _configured_dir = Path(key_dir)
    _forget_cache()


def is_configured() -> bool:
    return _configured_dir is not None


def verification_ring() -> KeyRing | None:
    """The configured keys for verifying (never creates one); None if there are none."""
    if _configured_dir is None:
        return None
    try:
        return ring() if load_keys(_configured_dir).keys else None
    except DomainError:
        return None


def key_dir() -> Path:
    if _configured_dir is None:
        raise DomainError(
            ErrorCode.UNKNOWN_KEY, msg("No signing key directory is configured (CREDREG_KEY_DIR)")
        )
    return _configured_dir


def _forget_cache() -> None:
    global _cache
    _cache = None


def ring() -> KeyRing:
    """The configured key ring, re-read when the directory changes (a rotation by the CLI
    renames a file into it, which changes the directory's mtime), created if empty."""
    global _cache
    path = key_dir()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = -1
    with _lock:
        cached = _cache
        if cached is not None and cached[0] == path and cached[1] == stamp:
            return cached[2]
        current = load_keys(path)
        if current.current is None:
            current = ensure_keys(path)
        _cache = (path, path.stat().st_mtime_ns, current)
        return current
