"""SPEC section 7, authentication: sessions, API keys, lockout, password policy, rehash.

End to end through the GraphQL endpoint; the stored rows are read through the models.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from datetime import datetime, timedelta
from typing import Any

import argon2
import httpx
import pytest

from domain import auth, clock, passwords
from domain.passwords import PasswordService
from models import ApiKey, AuditEvent, Department, Session, Site, User
from schema import ids
from tests import factories
from tests.conftest import START
from tests.factories import PASSWORD, gql

LOGIN = """mutation ($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
  token expiresAt user { username roles } userErrors { field message code } } }"""
LOGOUT = "mutation { logout { ok userErrors { field message code } } }"
VIEWER = "{ viewer { kind name roles } }"
CREATE_SITE = """mutation ($code: String!) { createSite(input: {code: $code, name: "分院"}) {
  site { id code } userErrors { field message code } } }"""
CREATE_USER = """mutation ($u: String!, $p: String!, $roles: [Role!]!) {
  createUser(input: {username: $u, password: $p, roles: $roles}) {
    user { id username roles } userErrors { field message code } } }"""
CREATE_API_KEY = """mutation ($name: String!, $roles: [Role!]!, $expiresAt: DateTime,
    $key: String) {
  createApiKey(input: {name: $name, roles: $roles, expiresAt: $expiresAt,
      idempotencyKey: $key}) {
    apiKey { id name prefix roles expiresAt revokedAt } secret
    userErrors { field message code } } }"""
REVOKE_API_KEY = """mutation ($id: ID!) { revokeApiKey(input: {id: $id, reason: "leaked"}) {
  apiKey { id revokedAt } userErrors { field message code } } }"""


async def login(
    client: httpx.AsyncClient, username: str, password: str = PASSWORD
) -> dict[str, Any]:
    body = await gql(client, LOGIN, {"u": username, "p": password})
    assert "errors" not in body, body
    return body["data"]["login"]  # type: ignore[no-any-return]


def top_codes(body: dict[str, Any]) -> list[str | None]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


async def is_nobody(client: httpx.AsyncClient, token: str | None) -> bool:
    """True when `token` authenticates as nobody: queries get UNAUTHENTICATED."""
    me = await gql(client, VIEWER, token=token)
    sites = await gql(client, "{ sites { nodes { code } } }", token=token)
    return top_codes(me) == ["UNAUTHENTICATED"] and top_codes(sites) == ["UNAUTHENTICATED"]


async def viewer(client: httpx.AsyncClient, token: str) -> dict[str, Any]:
    body = await gql(client, VIEWER, token=token)
    assert "errors" not in body, body
    return body["data"]["viewer"]  # type: ignore[no-any-return]


async def audit_text() -> str:
    rows = await AuditEvent.all().order_by("seq").values()
    return json.dumps(rows, default=str, ensure_ascii=False)


async def actions(action: str) -> list[AuditEvent]:
    return await AuditEvent.filter(action=action).order_by("seq")


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> str:
    await factories.hospital()
    return await factories.token_for("admin", ["ADMIN"])


# --- sessions --------------------------------------------------------------------------


async def test_login_returns_an_opaque_token_valid_for_eight_hours(
    client: httpx.AsyncClient, fixed_clock: clock.FixedClock
) -> None:
    await factories.user("alice", ["AUDITOR"])
    result = await login(client, "alice")
    assert result["userErrors"] == []
    token = result["token"]
    assert token.startswith("crs_")
    assert len(token) - len("crs_") >= 43  # >= 256 random bits, base64url
    assert "alice" not in token  # opaque: carries nothing of the user
    assert datetime.fromisoformat(result["expiresAt"]) == START + timedelta(hours=8)
    assert result["user"] == {"username": "alice", "roles": ["AUDITOR"]}
    assert (await login(client, "alice"))["token"] != token  # each login a fresh token

    assert await viewer(client, token) == {"kind": "user", "name": "alice", "roles": ["AUDITOR"]}
    fixed_clock.advance(hours=8, seconds=-1)
    assert (await viewer(client, token))["name"] == "alice"  # still valid at 7:59:59
    fixed_clock.advance(seconds=1)
    assert await is_nobody(client, token)  # expired at exactly 8 h
    fixed_clock.advance(days=30)
    assert await is_nobody(client, token)


async def test_logout_revokes_only_that_session(client: httpx.AsyncClient) -> None:
    await factories.user("alice", ["AUDITOR"])
    first = (await login(client, "alice"))["token"]
    second = (await login(client, "alice"))["token"]
    body = await gql(client, LOGOUT, token=first)
    assert body == {"data": {"logout": {"ok": True, "userErrors": []}}}
    assert await is_nobody(client, first)
    assert (await viewer(client, second))["name"] == "alice"  # the other session lives on
    again = await gql(client, LOGOUT, token=first)
    assert top_codes(again) == ["UNAUTHENTICATED"]
    session = await Session.get(token_hash=hashlib.sha256(first.encode()).hexdigest())
    assert session.revoked_at is not None
    assert [e.entity_id for e in await actions("auth.logout")] == [str(session.id)]


async def test_session_row_holds_only_a_sha256_digest(client: httpx.AsyncClient) -> None:
    await factories.user("alice", ["AUDITOR"])
    token = (await login(client, "alice"))["token"]
    sessions = await Session.all().values()
    assert len(sessions) == 1
    row = sessions[0]
    assert row["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    secret_part = token[len("crs_") :]
    for value in row.values():
        assert secret_part not in str(value)
    assert secret_part not in await audit_text()
    assert row["token_hash"] not in await audit_text()
    # The digest is not a credential, and neither is a tampered token.
    assert await is_nobody(client, row["token_hash"])
    assert await is_nobody(client, "crs_" + row["token_hash"])
    assert await is_nobody(client, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert await is_nobody(client, token.upper() if token != token.upper() else token.lower())


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic YWRtaW46eA==",
        "Token crs_abc",
        "crs_abc",
        "Bearer crs_" + "a" * 500,
    ],
)
async def test_malformed_authorization_is_nobody(client: httpx.AsyncClient, header: str) -> None:
    response = await client.post(
        "/graphql", json={"query": VIEWER}, headers={"authorization": header}
    )
    assert response.status_code == 200
    assert top_codes(response.json()) == ["UNAUTHENTICATED"]


# --- API keys --------------------------------------------------------------------------

KEY_PATTERN = re.compile(r"^crk_([^_]+)_([A-Za-z0-9_-]+)$")


async def test_api_key_is_shown_once_and_stored_hashed(
    client: httpx.AsyncClient, admin: str
) -> None:
    variables = {"name": "OR scheduling", "roles": ["SCHEDULER"], "key": "or-key-1"}
    body = await gql(client, CREATE_API_KEY, variables, token=admin)
    payload = body["data"]["createApiKey"]
    assert payload["userErrors"] == [], body
    secret = payload["secret"]
    match = KEY_PATTERN.match(secret)
    assert match, secret
    prefix, secret_part = match.groups()
    assert prefix == payload["apiKey"]["prefix"]
    assert len(secret_part) * 6 >= 128  # base64url: 6 bits a character, >= 128 random bits
    assert len(set(secret_part)) > 10  # not a constant or trivially patterned string

    # Stored as a SHA-256 digest only: no column holds the secret.
    row = await ApiKey.get(prefix=prefix).values()
    assert row["secret_hash"] == hashlib.sha256(secret_part.encode()).hexdigest()
    for value in row.values():
        assert secret_part not in str(value)
    text = await audit_text()
    assert secret_part not in text and row["secret_hash"] not in text

    # It works, as the SCHEDULER it was given.
    assert await viewer(client, secret) == {
        "kind": "api_key",
        "name": "OR scheduling",
        "roles": ["SCHEDULER"],
    }

    # Shown once: an idempotent repeat returns the same key without the secret ...
    again = (await gql(client, CREATE_API_KEY, variables, token=admin))["data"]["createApiKey"]
    assert again["apiKey"]["id"] == payload["apiKey"]["id"]
    assert again["secret"] is None
    assert await ApiKey.all().count() == 1
    # ... and no field of the API can return it or its hash.
    fields = await gql(client, '{ __type(name: "ApiKey") { fields { name } } }', token=admin)
    names = {f["name"].lower() for f in fields["data"]["__type"]["fields"]}
    assert not {n for n in names if "secret" in n or "hash" in n}

    # Every key is different.
    other = await gql(client, CREATE_API_KEY, {"name": "OR 2", "roles": ["SCHEDULER"]}, admin)
    other_secret = other["data"]["createApiKey"]["secret"]
    other_prefix, other_part = KEY_PATTERN.match(other_secret).groups()  # type: ignore[union-attr]
    assert other_prefix != prefix and other_part != secret_part


async def test_revoked_api_key_authenticates_as_nobody(
    client: httpx.AsyncClient, admin: str
) -> None:
    body = await gql(client, CREATE_API_KEY, {"name": "OR", "roles": ["SCHEDULER"]}, admin)
    created = body["data"]["createApiKey"]
    secret = created["secret"]
    assert (await viewer(client, secret))["kind"] == "api_key"
    revoked = await gql(client, REVOKE_API_KEY, {"id": created["apiKey"]["id"]}, token=admin)
    assert revoked["data"]["revokeApiKey"]["userErrors"] == [], revoked
    assert revoked["data"]["revokeApiKey"]["apiKey"]["revokedAt"] is not None
    assert await is_nobody(client, secret)
    again = await gql(client, REVOKE_API_KEY, {"id": created["apiKey"]["id"]}, token=admin)
    assert again["data"]["revokeApiKey"]["userErrors"][0]["code"] == "INVALID_TRANSITION"


async def test_expired_api_key_authenticates_as_nobody(
    client: httpx.AsyncClient, admin: str, fixed_clock: clock.FixedClock
) -> None:
    expires = (START + timedelta(hours=1)).isoformat()
    body = await gql(
        client,
        CREATE_API_KEY,
        {"name": "OR", "roles": ["AUDITOR"], "expiresAt": expires},
        token=admin,
    )
    created = body["data"]["createApiKey"]
    assert created["userErrors"] == [], body
    assert datetime.fromisoformat(created["apiKey"]["expiresAt"]) == START + timedelta(hours=1)
    fixed_clock.advance(minutes=59)
    assert (await viewer(client, created["secret"]))["roles"] == ["AUDITOR"]
    fixed_clock.advance(minutes=1)
    assert await is_nobody(client, created["secret"])


async def test_api_key_with_a_wrong_secret_is_nobody(client: httpx.AsyncClient, admin: str) -> None:
    body = await gql(client, CREATE_API_KEY, {"name": "OR", "roles": ["SCHEDULER"]}, admin)
    secret = body["data"]["createApiKey"]["secret"]
    prefix, secret_part = KEY_PATTERN.match(secret).groups()  # type: ignore[union-attr]
    wrong_secret = "A" * len(secret_part) if secret_part != "A" * len(secret_part) else "B"
    forged = [
        f"crk_{prefix}_{wrong_secret}",
        f"crk_{prefix}_",
        f"crk_{prefix}",
        f"crk__{secret_part}",
        f"crk_000000000000_{secret_part}",
        f"crk_{prefix}_{hashlib.sha256(secret_part.encode()).hexdigest()}",
    ]
    for token in forged:
        assert await is_nobody(client, token), token


async def test_api_keys_cannot_carry_user_roles_or_a_past_expiry(
    client: httpx.AsyncClient, admin: str
) -> None:
    before = await ApiKey.all().count()
    for variables in (
        {"name": "x", "roles": ["ADMIN"]},
        {"name": "x", "roles": []},
        {"name": "x", "roles": ["SCHEDULER"], "expiresAt": START.isoformat()},
        {"name": "x", "roles": ["SCHEDULER"], "expiresAt": "2036-01-01T00:00:00+00:00"},
    ):
        body = await gql(client, CREATE_API_KEY, variables, token=admin)
        payload = body["data"]["createApiKey"]
        assert payload["secret"] is None and payload["apiKey"] is None, variables
        assert payload["userErrors"][0]["code"] == "VALIDATION", variables
    assert await ApiKey.all().count() == before


# --- failed logins and lockout -----------------------------------------------------------


async def test_wrong_password_unknown_user_and_locked_account_look_the_same(
    client: httpx.AsyncClient,
) -> None:
    await factories.user("alice", ["AUDITOR"])
    await factories.user("bob", ["AUDITOR"])
    await User.filter(username="bob").update(locked_until=START + timedelta(minutes=10))
    await factories.user("carol", ["AUDITOR"])
    await User.filter(username="carol").update(active=False)
    answers = {
        "wrong password": await login(client, "alice", "not the right passphrase"),
        "unknown user": await login(client, "nobody-here", PASSWORD),
        "locked account, right password": await login(client, "bob", PASSWORD),
        "inactive account, right password": await login(client, "carol", PASSWORD),
        "empty username": await login(client, "", PASSWORD),
        "empty password": await login(client, "alice", ""),
    }
    reference = answers["wrong password"]
    assert reference["token"] is None and reference["expiresAt"] is None
    assert reference["user"] is None
    assert len(reference["userErrors"]) == 1
    assert reference["userErrors"][0]["code"] == "INVALID_CREDENTIALS"
    for case, answer in answers.items():
        assert answer == reference, case
    assert await Session.all().count() == 0


async def test_unknown_user_costs_the_same_password_check(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same timing: an unknown user still runs one argon2id verification."""
    await factories.user("alice", ["AUDITOR"])
    calls: list[str] = []
    original = argon2.PasswordHasher.verify

    def counting_verify(self: argon2.PasswordHasher, hash: str, password: str) -> bool:
        calls.append(hash.split("$")[1])
        return original(self, hash, password)

    monkeypatch.setattr(argon2.PasswordHasher, "verify", counting_verify)
    for username in ("alice", "nobody-here"):
        calls.clear()
        answer = await login(client, username, "not the right passphrase")
        assert answer["token"] is None
        assert calls == ["argon2id"], username
    await User.filter(username="alice").update(locked_until=START + timedelta(minutes=5))
    calls.clear()
    await login(client, "alice", PASSWORD)
    assert calls == ["argon2id"]


async def test_five_failed_logins_lock_the_account_for_fifteen_minutes(
    client: httpx.AsyncClient, fixed_clock: clock.FixedClock
) -> None:
    user = await factories.user("alice", ["AUDITOR"])
    refused = await login(client, "alice", "not the right passphrase")
    for _ in range(4):
        fixed_clock.advance(seconds=10)
        assert await login(client, "alice", "not the right passphrase") == refused
    locked_at = fixed_clock.now()
    stored = await User.get(id=user.id)
    assert stored.locked_until == locked_at + timedelta(minutes=15)

    # Even the right password is refused while locked, with the very same answer.
    assert await login(client, "alice", PASSWORD) == refused
    fixed_clock.advance(minutes=14, seconds=59)
    assert await login(client, "alice", PASSWORD) == refused
    assert await Session.all().count() == 0
    fixed_clock.advance(seconds=1)
    result = await login(client, "alice", PASSWORD)
    assert result["userErrors"] == [] and result["token"].startswith("crs_")
    assert (await viewer(client, result["token"]))["name"] == "alice"

    failed = await actions("auth.login_failed")
    assert len(failed) == 7  # five wrong passwords and two attempts while locked
    assert {e.entity_id for e in failed} == {str(user.id)}
    assert {e.actor_name for e in failed} == {"alice"}
    assert [e.reason for e in failed].count("bad password") == 5
    assert [e.reason for e in failed].count("account locked") == 2
    assert "lockedUntil" in (failed[4].after_json or "")
    succeeded = await actions("auth.login")
    assert len(succeeded) == 1
    assert json.loads(succeeded[0].after_json or "{}")["userId"] == user.id
    assert succeeded[0].seq > failed[-1].seq


async def test_concurrent_failed_logins_still_lock_the_account(
    client: httpx.AsyncClient,
) -> None:
    """A guesser sending attempts in parallel gets no more than five before the lock."""
    user = await factories.user("alice", ["AUDITOR"])
    answers = await asyncio.gather(
        *(login(client, "alice", f"guess number {n:04d} of many") for n in range(10))
    )
    assert all(answer["token"] is None for answer in answers)
    assert len(await actions("auth.login_failed")) == 10
    stored = await User.get(id=user.id)
    assert stored.locked_until is not None, (stored.failed_logins, stored.locked_until)
    assert (await login(client, "alice", PASSWORD))["token"] is None


async def test_a_successful_login_resets_the_failure_count(
    client: httpx.AsyncClient, fixed_clock: clock.FixedClock
) -> None:
    await factories.user("alice", ["AUDITOR"])
    for _ in range(2):
        for _ in range(4):
            assert (await login(client, "alice", "not the right passphrase"))["token"] is None
        assert (await login(client, "alice"))["token"] is not None
    assert (await User.get(username="alice")).locked_until is None


async def test_failed_login_of_an_unknown_user_is_audited(client: httpx.AsyncClient) -> None:
    before = await AuditEvent.all().count()
    await login(client, "mallory", "some guessed passphrase")
    assert await AuditEvent.all().count() == before + 1
    (event,) = await actions("auth.login_failed")
    assert event.actor_name == "mallory"
    assert event.reason == "unknown user"
    assert "some guessed passphrase" not in await audit_text()


# --- authorisation follows the stored roles ---------------------------------------------


async def test_role_change_takes_effect_on_the_next_request(
    client: httpx.AsyncClient,
) -> None:
    await factories.hospital()
    user = await factories.user("alice", ["AUDITOR"])
    token = (await login(client, "alice"))["token"]
    body = await gql(client, CREATE_SITE, {"code": "EAST"}, token=token)
    assert body["data"]["createSite"]["userErrors"][0]["code"] == "FORBIDDEN"

    await User.filter(id=user.id).update(roles=["ADMIN"])
    assert (await viewer(client, token))["roles"] == ["ADMIN"]
    body = await gql(client, CREATE_SITE, {"code": "EAST"}, token=token)
    assert body["data"]["createSite"]["userErrors"] == [], body
    assert await Site.exists(code="EAST")

    await User.filter(id=user.id).update(roles=["AUDITOR"])
    body = await gql(client, CREATE_SITE, {"code": "WEST"}, token=token)
    assert body["data"]["createSite"]["userErrors"][0]["code"] == "FORBIDDEN"
    assert not await Site.exists(code="WEST")

    await User.filter(id=user.id).update(active=False)
    assert await is_nobody(client, token)


# --- anonymous callers -------------------------------------------------------------------

ANONYMOUS_MUTATIONS = [
    ("createSite", 'createSite(input: {code: "EAST", name: "东院"}) { userErrors { code } }'),
    ("createSpecialty", 'createSpecialty(input: {code: "X", name: "x"}) { userErrors { code } }'),
    (
        "createUser",
        'createUser(input: {username: "eve", password: "ochre tulip fax", roles: [ADMIN]}) '
        "{ userErrors { code } }",
    ),
    (
        "createApiKey",
        'createApiKey(input: {name: "k", roles: [SCHEDULER]}) { secret userErrors { code } }',
    ),
    ("logout", "logout { ok userErrors { code } }"),
    (
        "updateDepartment",
        'updateDepartment(input: {id: "{dept}", expectedVersion: 1, name: "x"}) '
        "{ userErrors { code } }",
    ),
    ("revokeApiKey", 'revokeApiKey(input: {id: "{key}"}) { userErrors { code } }'),
    (
        "requestPrivilege",
        'requestPrivilege(input: {practitionerStaffNo: "D0001", scope: PROCEDURE, '
        'procedureCode: "47.0901"}) { userErrors { code } }',
    ),
]


@pytest.mark.parametrize("token", [None, "crs_not-a-session", "crk_nope_nope"])
async def test_anonymous_mutation_is_a_top_level_unauthenticated_error(
    client: httpx.AsyncClient, token: str | None
) -> None:
    await factories.hospital()
    key = await auth.create_api_key(factories.SYSTEM, name="OR", roles=["SCHEDULER"])
    department = await Department.get(code="GS1")
    before = (await AuditEvent.all().count(), await Site.all().count(), await User.all().count())
    wrong = []
    for name, selection in ANONYMOUS_MUTATIONS:
        document = (
            "mutation { "
            + selection.replace("{dept}", ids.encode("Department", department.id)).replace(
                "{key}", ids.encode("ApiKey", key.key.id)
            )
            + " }"
        )
        body = await gql(client, document, token=token)
        if top_codes(body) != ["UNAUTHENTICATED"] or body.get("data") not in (None, {name: None}):
            wrong.append((name, body))
    assert not wrong, "\n".join(map(str, wrong))
    after = (await AuditEvent.all().count(), await Site.all().count(), await User.all().count())
    assert after == before
    assert (await ApiKey.get(id=key.key.id)).revoked_at is None


async def test_anonymous_mutation_with_bad_input_is_still_unauthenticated(
    client: httpx.AsyncClient,
) -> None:
    """Authentication is checked before the input, so an anonymous caller learns nothing."""
    wrong = []
    for selection in (
        'updateDepartment(input: {id: "garbage", expectedVersion: 1}) { userErrors { code } }',
        'revokeApiKey(input: {id: "garbage"}) { userErrors { code } }',
        'createSite(input: {code: "bad code!", name: ""}) { userErrors { code } }',
        'createUser(input: {username: "eve", password: "short", roles: [ADMIN]}) '
        "{ userErrors { code } }",
    ):
        body = await gql(client, "mutation { " + selection + " }")
        if top_codes(body) != ["UNAUTHENTICATED"]:
            wrong.append((selection.split("(")[0], body))
    assert not wrong, "\n".join(map(str, wrong))


# --- password policy and hashing -----------------------------------------------------------


async def test_password_policy_refuses_weak_passwords(
    client: httpx.AsyncClient, admin: str
) -> None:
    weak = {
        "14 characters": "ochre tulip fa",
        "129 characters": "a quiet lighthouse " * 6 + "keeps watch" + "x" * 4,
        "common password": "passwordpassword",
        "common password, other case": "PasswordPassword",
        "contains the username": "my login is alice.wong ok",
        "contains the username, other case": "ALICE.WONG likes long walks",
        "one character repeated": "a" * 20,
    }
    assert len(weak["14 characters"]) == 14 and len(weak["129 characters"]) == 129
    before = (await User.all().count(), await AuditEvent.all().count())
    wrong = []
    for case, password in weak.items():
        body = await gql(
            client, CREATE_USER, {"u": "alice.wong", "p": password, "roles": ["AUDITOR"]}, admin
        )
        payload = body["data"]["createUser"]
        if payload["user"] is not None or [
            (e["code"], e["field"]) for e in payload["userErrors"]
        ] != [("WEAK_PASSWORD", ["password"])]:
            wrong.append((case, body))
    assert not wrong, "\n".join(map(str, wrong))
    assert (await User.all().count(), await AuditEvent.all().count()) == before


async def test_password_policy_accepts_long_unusual_passphrases(
    client: httpx.AsyncClient, admin: str
) -> None:
    accepted = {
        "fifteen": "ochre tulip fax",
        "all lower case, no digits or symbols": "zebras juggle quietly",
        "fifteen CJK characters": "山间小路上开满了紫色的小野花呀",
        "one hundred twenty-eight": ("a quiet lighthouse " * 7)[:128],
    }
    assert len(accepted["fifteen"]) == 15
    assert len(accepted["fifteen CJK characters"]) == 15
    assert len(accepted["one hundred twenty-eight"]) == 128
    for n, (case, password) in enumerate(accepted.items()):
        username = f"user{n}"
        body = await gql(
            client, CREATE_USER, {"u": username, "p": password, "roles": ["AUDITOR"]}, admin
        )
        assert body["data"]["createUser"]["userErrors"] == [], (case, body)
        result = await login(client, username, password)
        assert result["token"], case

    for user in await User.filter(username__startswith="user"):
        assert user.password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    text = await audit_text()
    assert "$argon2" not in text
    for user in await User.all():
        assert user.password_hash not in text
        assert user.password_hash.split("$")[-1] not in text  # not even the digest part
    for password in accepted.values():
        assert password not in text


async def test_user_api_never_returns_the_hash(client: httpx.AsyncClient, admin: str) -> None:
    fields = await gql(client, '{ __type(name: "User") { fields { name } } }', token=admin)
    names = {f["name"].lower() for f in fields["data"]["__type"]["fields"]}
    assert not {n for n in names if "password" in n or "hash" in n}


async def test_rehash_on_login_when_parameters_rise(client: httpx.AsyncClient) -> None:
    user = await factories.user("alice", ["AUDITOR"])
    assert ",t=2," in user.password_hash
    passwords.configure(PasswordService(time_cost=3, memory_kib=19456, parallelism=1))

    result = await login(client, "alice")
    assert result["token"], result
    rehashed = (await User.get(id=user.id)).password_hash
    assert rehashed.startswith("$argon2id$v=19$m=19456,t=3,p=1$")
    assert rehashed != user.password_hash
    (event,) = await actions("auth.login")
    assert json.loads(event.after_json or "{}")["rehashed"] is True
    assert "$argon2" not in await audit_text()

    # The new hash verifies, and is not rehashed again.
    assert (await login(client, "alice"))["token"]
    assert (await User.get(id=user.id)).password_hash == rehashed
    assert json.loads((await actions("auth.login"))[-1].after_json or "{}")["rehashed"] is False
    assert (await login(client, "alice", "not the right passphrase"))["token"] is None


async def test_api_key_cache_keeps_keys_across_unrelated_writes_not_a_revocation(
    client: httpx.AsyncClient, admin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19 item 2: a login (or a case record) moves the registry without touching
    keys, and the key cache keeps its keys; a revocation empties it at once."""
    from domain import audit

    monkeypatch.setattr(auth, "API_KEYS", auth.ApiKeyCache())  # not an earlier test's

    body = await gql(client, CREATE_API_KEY, {"name": "OR", "roles": ["SCHEDULER"]}, admin)
    created = body["data"]["createApiKey"]
    secret = created["secret"]
    prefix = secret.split("_")[1]
    assert (await viewer(client, secret))["kind"] == "api_key"
    assert prefix in auth.API_KEYS.keys
    await auth.login("admin", PASSWORD)  # a Session event: the registry moves
    assert (await viewer(client, secret))["kind"] == "api_key"
    assert auth.API_KEYS.state == await audit.registry_state()
    assert prefix in auth.API_KEYS.keys  # kept, not read again
    revoked = await gql(client, REVOKE_API_KEY, {"id": created["apiKey"]["id"]}, token=admin)
    assert revoked["data"]["revokeApiKey"]["userErrors"] == [], revoked
    assert await is_nobody(client, secret)


async def test_api_key_cache_of_another_history_is_not_used(
    client: httpx.AsyncClient, admin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache at a later seq of another history (say, before a backup was restored)
    never answers: the request reads its key for itself."""
    body = await gql(client, CREATE_API_KEY, {"name": "OR", "roles": ["SCHEDULER"]}, admin)
    secret = body["data"]["createApiKey"]["secret"]
    prefix = secret.split("_")[1]
    cache = auth.ApiKeyCache()
    cache.state = (10**9, "not this log")
    cache.keys = {prefix: None}  # would refuse the key
    monkeypatch.setattr(auth, "API_KEYS", cache)
    assert (await viewer(client, secret))["kind"] == "api_key"
