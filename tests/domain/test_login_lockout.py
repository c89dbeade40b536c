"""Issue 13 item 2: the lockout holds against parallel guesses, attempts are rate-limited
per client and username, and a flood of anonymous logins cannot starve a real one."""

from __future__ import annotations

import asyncio
import contextvars
from typing import Any

import pytest

from domain import auth, passwords
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from models import Session, User
from tests import factories
from tests.factories import PASSWORD

_GUESS: contextvars.ContextVar[str] = contextvars.ContextVar("guess")


async def _try(username: str, password: str, client: str = "10.9.9.9") -> str:
    _GUESS.set(password)  # each gathered attempt runs in a context of its own
    try:
        await auth.login(username, password, client=client)
    except DomainError as error:
        return error.code.value
    return "OK"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The guesses whose attempt was counted (and so may be checked), in any order."""
    guesses: list[str] = []
    real = auth._count_attempt

    async def spy(user: User, moment: Any) -> bool:
        allowed = await real(user, moment)
        if allowed:
            guesses.append(_GUESS.get())
        return allowed

    monkeypatch.setattr(auth, "_count_attempt", spy)
    return guesses


@pytest.fixture
def generous_limits() -> None:
    """Rate limits out of the way, so only the lockout itself is on trial."""
    auth.LIMITS.per_client = 10_000
    auth.LIMITS.per_username = 10_000
    service = passwords.PasswordService(
        time_cost=2, memory_kib=19456, parallelism=1, max_waiting=1000, max_per_client=1000
    )
    passwords.configure(service)


async def test_sec13_2_thirty_wrong_and_the_right_one_in_a_burst_do_not_log_in(
    db: None, generous_limits: None, counted: list[str]
) -> None:
    await factories.user("alice", ["AUDITOR"])
    guesses = [f"wrong guess number {n:03d} here" for n in range(30)] + [PASSWORD]
    answers = await asyncio.gather(*(_try("alice", guess) for guess in guesses))
    # The attempts reach the counter in whatever order the database answers them: the
    # right one may be among the five counted (and then logs in, as the owner would),
    # never beyond them.
    assert ("OK" in answers) == (PASSWORD in counted)
    if PASSWORD in counted:  # the owner's login cleared the count: try again, after
        await User.filter(username="alice").update(failed_logins=0, locked_until=None)
        await asyncio.gather(*(_try("alice", guess) for guess in guesses[:-1]))
        counted.clear()
        assert await _try("alice", PASSWORD) == "INVALID_CREDENTIALS"
        assert PASSWORD not in counted
        await Session.all().delete()
    assert len([g for g in counted if g != PASSWORD]) <= 5
    assert await Session.all().count() == 0
    stored = await User.get(username="alice")
    assert stored.locked_until is not None
    # Locked: even the right password alone is refused.
    assert await _try("alice", PASSWORD) == "INVALID_CREDENTIALS"


async def test_sec13_2_at_most_five_guesses_are_checked_in_any_burst(
    db: None, generous_limits: None, counted: list[str]
) -> None:
    """In a burst of 31 guesses, whatever order the database counts them in, five are
    counted and checked and no other: the right password logs in only when its attempt
    was one of those five (the order of arrival decides, not the order of sending)."""
    await factories.user("alice", ["AUDITOR"])
    for position in (0, 5, 12, 29):
        await User.filter(username="alice").update(failed_logins=0, locked_until=None)
        counted.clear()
        guesses = [f"wrong guess number {n:03d} here" for n in range(30)]
        guesses.insert(position, PASSWORD)
        answers = await asyncio.gather(*(_try("alice", guess) for guess in guesses))
        assert ("OK" in answers) == (PASSWORD in counted), position
        if PASSWORD not in counted:
            assert len(counted) == 5, position
            assert answers.count("OK") == 0
    # Sent after five counted wrong guesses, the right password is refused.
    await User.filter(username="alice").update(failed_logins=0, locked_until=None)
    await asyncio.gather(*(_try("alice", f"wrong guess number {n:03d} here") for n in range(5)))
    counted.clear()
    assert await _try("alice", PASSWORD) == "INVALID_CREDENTIALS"
    assert counted == []


async def test_sec13_2_the_right_password_within_five_attempts_still_logs_in(
    db: None, generous_limits: None
) -> None:
    await factories.user("alice", ["AUDITOR"])
    guesses = [f"wrong guess number {n:03d} here" for n in range(3)] + [PASSWORD]
    answers = await asyncio.gather(*(_try("alice", guess) for guess in guesses))
    assert answers[-1] == "OK"
    stored = await User.get(username="alice")
    assert stored.failed_logins == 0 and stored.locked_until is None


async def test_sec13_2_attempts_per_username_are_rate_limited(db: None) -> None:
    auth.LIMITS.per_username = 3
    await factories.user("alice", ["AUDITOR"])
    answers = [await _try("nobody-here", f"wrong guess number {n:03d}") for n in range(4)]
    assert answers == ["INVALID_CREDENTIALS"] * 3 + ["THROTTLED"]
    # An unknown name and an existing one are limited alike; other names are untouched.
    answers = [await _try("alice", f"wrong guess number {n:03d}") for n in range(4)]
    assert answers == ["INVALID_CREDENTIALS"] * 3 + ["THROTTLED"]


async def test_sec13_2_attempts_per_client_address_are_rate_limited(db: None) -> None:
    auth.LIMITS.per_client = 5
    await factories.user("alice", ["AUDITOR"])
    answers = [await _try(f"user{n}", "some wrong password!", client="10.1.1.1") for n in range(6)]
    assert answers[-1] == "THROTTLED" and answers[:5] == ["INVALID_CREDENTIALS"] * 5
    # Another address is not affected; a success gives its attempt back.
    assert await _try("alice", PASSWORD, client="10.1.1.2") == "OK"


async def test_sec13_2_sixty_anonymous_logins_do_not_starve_a_real_one(db: None) -> None:
    """60 concurrent logins from one client: those past its share of the hashing queue
    are THROTTLED at once, and a real user's login from elsewhere goes through."""
    auth.LIMITS.per_client = 10_000
    auth.LIMITS.per_username = 10_000
    await factories.user("alice", ["AUDITOR"])
    flood = [
        asyncio.ensure_future(_try(f"anon-{n}", "some wrong password!", client="10.6.6.6"))
        for n in range(60)
    ]
    await asyncio.sleep(0)
    answer = await asyncio.wait_for(_try("alice", PASSWORD, client="10.7.7.7"), timeout=30)
    assert answer == "OK"
    results = await asyncio.gather(*flood)
    assert results.count("THROTTLED") >= 60 - passwords.service().max_per_client
    assert set(results) <= {"THROTTLED", "INVALID_CREDENTIALS"}


async def test_sec13_2_a_full_hashing_queue_answers_throttled(db: None) -> None:
    service = passwords.PasswordService(
        time_cost=2, memory_kib=19456, parallelism=1, max_concurrent=1, max_waiting=2
    )
    passwords.configure(service)
    results = await asyncio.gather(
        *(_try(f"anon-{n}", "some wrong password!", client=f"10.0.0.{n}") for n in range(8))
    )
    assert results.count("THROTTLED") >= 5
    assert results.count("INVALID_CREDENTIALS") >= 2
    try:
        await auth.login("x", "y", client="a")  # the queue is empty again
    except DomainError as error:
        assert error.code is ErrorCode.INVALID_CREDENTIALS
    assert "稍后" in msg(passwords.THROTTLED_MESSAGE)  # zh-CN by default


async def test_sec13_2_unstorable_names_and_passwords_are_plain_refusals(db: None) -> None:
    """NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8): wrong credentials,
    never a database error."""
    await factories.user("alice", ["AUDITOR"])
    for username, password in [
        ("ali\x00ce", PASSWORD),
        ("alice\ud800", PASSWORD),
        ("alice", "correct horse\x00 battery"),
        ("alice", "correct horse \udfff battery"),
    ]:
        assert await _try(username, password) == "INVALID_CREDENTIALS"
