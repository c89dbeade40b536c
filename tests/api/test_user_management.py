"""Issue 13 item 15: users are deactivated and their roles changed through the API (ADMIN,
audited; deactivation ends sessions and API keys at once); refused reads are audited at
most once a minute per client and kind, with a count of those left out."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from domain import auth, permissions
from domain.errors import DomainError, ErrorCode
from models import ApiKey, AuditEvent, Session, User
from schema import ids
from tests import factories
from tests.factories import PASSWORD, gql

VIEWER = "{ viewer { name roles } }"
USERS = "{ users { nodes { id username roles active version } } }"
DEACTIVATE = """mutation ($id: ID!, $v: Int!) {
  deactivateUser(input: {id: $id, expectedVersion: $v, reason: "离职"}) {
    user { username active version } userErrors { field message code } } }"""
REACTIVATE = """mutation ($id: ID!, $v: Int!) {
  reactivateUser(input: {id: $id, expectedVersion: $v}) {
    user { username active } userErrors { field message code } } }"""
SET_ROLES = """mutation ($id: ID!, $v: Int!, $roles: [Role!]!, $depts: [String!]) {
  setUserRoles(input: {id: $id, expectedVersion: $v, roles: $roles, departmentCodes: $depts}) {
    user { username roles version } userErrors { field message code } } }"""
CREATE_KEY = """mutation { createApiKey(input: {name: "排班系统", roles: [SCHEDULER]}) {
  secret userErrors { code } } }"""


def _id(user: User) -> str:
    return ids.encode("User", user.id)


async def test_sec13_15_deactivation_ends_sessions_and_api_keys_at_once(
    client: httpx.AsyncClient,
) -> None:
    admin = await factories.token_for("root", ["ADMIN"])
    await factories.user("bob", ["ADMIN"])
    bob = (await auth.login("bob", PASSWORD)).token
    key = (await gql(client, CREATE_KEY, token=bob))["data"]["createApiKey"]["secret"]
    assert (await gql(client, VIEWER, token=key))["data"]["viewer"]["name"] == "排班系统"

    user = await User.get(username="bob")
    done = await gql(client, DEACTIVATE, {"id": _id(user), "v": user.version}, token=admin)
    payload = done["data"]["deactivateUser"]
    assert payload["userErrors"] == [] and payload["user"]["active"] is False

    for token in (bob, key):  # the very next request is anonymous
        refused = await gql(client, VIEWER, token=token)
        assert refused["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert await Session.filter(user_id=user.id, revoked_at=None).count() == 0
    assert await ApiKey.filter(created_by="bob", revoked_at=None).count() == 0
    with pytest.raises(DomainError) as refused:
        await auth.login("bob", PASSWORD)
    assert refused.value.code is ErrorCode.INVALID_CREDENTIALS
    actions = [e.action for e in await AuditEvent.all().order_by("seq")]
    assert "user.deactivate" in actions and "user.credentials_ended" in actions
    assert "api_key.revoke" in actions
    ended = await AuditEvent.get(action="user.credentials_ended")
    assert json.loads(ended.after_json or "{}") == {"sessionsEnded": 1, "apiKeysRevoked": 1}

    again = await User.get(username="bob")
    back = await gql(client, REACTIVATE, {"id": _id(again), "v": again.version}, token=admin)
    assert back["data"]["reactivateUser"]["user"]["active"] is True
    assert (await auth.login("bob", PASSWORD)).token


async def test_sec13_15_role_changes_apply_to_open_sessions(client: httpx.AsyncClient) -> None:
    admin = await factories.token_for("root", ["ADMIN"])
    await factories.hospital()
    alice_token = await factories.token_for("alice", ["AUDITOR"])
    assert (await gql(client, VIEWER, token=alice_token))["data"]["viewer"]["roles"] == ["AUDITOR"]
    listed = (await gql(client, USERS, token=admin))["data"]["users"]["nodes"]
    alice = next(u for u in listed if u["username"] == "alice")
    changed = await gql(
        client,
        SET_ROLES,
        {"id": alice["id"], "v": alice["version"], "roles": ["DEPARTMENT_HEAD"], "depts": ["GS1"]},
        token=admin,
    )
    assert changed["data"]["setUserRoles"]["user"]["roles"] == ["DEPARTMENT_HEAD"]
    assert (await gql(client, VIEWER, token=alice_token))["data"]["viewer"]["roles"] == [
        "DEPARTMENT_HEAD"
    ]
    event = await AuditEvent.get(action="user.set_roles")
    before = json.loads(event.before_json or "{}")
    after = json.loads(event.after_json or "{}")
    assert before["roles"] == ["AUDITOR"] and after["roles"] == ["DEPARTMENT_HEAD"]
    assert "password_hash" not in (event.before_json or "") + (event.after_json or "")
    # Bad input is a typed error; a stale version is refused.
    bad = await gql(
        client,
        SET_ROLES,
        {"id": alice["id"], "v": alice["version"] + 1, "roles": ["DEPARTMENT_HEAD"]},
        token=admin,
    )
    assert bad["data"]["setUserRoles"]["userErrors"][0]["code"] in {"VALIDATION", "CONFLICT"}


async def test_sec13_15_admins_cannot_lock_themselves_out(client: httpx.AsyncClient) -> None:
    admin = await factories.token_for("root", ["ADMIN"])
    me = await User.get(username="root")
    answer = await gql(client, DEACTIVATE, {"id": _id(me), "v": me.version}, token=admin)
    assert answer["data"]["deactivateUser"]["userErrors"][0]["code"] == "VALIDATION"
    answer = await gql(
        client, SET_ROLES, {"id": _id(me), "v": me.version, "roles": ["AUDITOR"]}, token=admin
    )
    assert answer["data"]["setUserRoles"]["userErrors"][0]["code"] == "VALIDATION"


async def test_sec13_15_refused_reads_are_audited_once_a_minute_with_a_count(
    client: httpx.AsyncClient,
) -> None:
    token = await factories.token_for("nosy", ["SCHEDULER"])
    query = "{ auditEvents(first: 1) { nodes { seq } } }"

    async def refusals() -> list[Any]:
        return await AuditEvent.filter(action="authorization.refused").order_by("seq")

    for _ in range(69):
        body = await gql(client, query, token=token)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert len(await refusals()) == 1
    # Another kind of refusal is audited on its own.
    await gql(client, "{ webhooks { id } }", token=token)
    assert len(await refusals()) == 2
    # A minute later the next refusal is audited, carrying the 68 left out.
    limiter = permissions.REFUSALS
    limiter._last = {key: value - 61 for key, value in limiter._last.items()}
    await gql(client, query, token=token)
    events = await refusals()
    assert len(events) == 3
    assert json.loads(events[-1].after_json or "{}") == {"suppressed": 68}


def test_sec13_15_the_refusal_limiter_counts_per_client_and_kind() -> None:
    limiter = permissions.RefusalLimiter(window_seconds=60)
    one = factories.SYSTEM
    assert limiter.admit(one, "a", now=0) == (True, 0)
    assert limiter.admit(one, "a", now=1) == (False, 0)
    assert limiter.admit(one, "b", now=2) == (True, 0)
    assert limiter.admit(one, "a", now=30) == (False, 0)
    assert limiter.admit(one, "a", now=61) == (True, 2)
