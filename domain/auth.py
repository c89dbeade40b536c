"""Authentication: password login with lockout, bearer sessions, API keys, users.

Session tokens and API-key secrets carry at least 256 random bits, so they are stored
as SHA-256 digests (a slow hash adds nothing against guessing and would cost every
request); passwords, which people choose, are argon2id.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from tortoise.expressions import F

from domain import audit, clock, passwords, permissions, sql, validation
from domain.actors import ANONYMOUS, Actor, Role
from domain.errors import DomainError, ErrorCode
from domain.i18n import N_, msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, run_write, write_block
from models import ApiKey, Department, Institution, Practitioner, Session, User

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
SESSION_PREFIX = "crs_"
API_KEY_PREFIX = "crk_"
LOGIN_FAILED_MESSAGE = N_("Invalid username or password, or the account is temporarily locked")
LOGIN_THROTTLED_MESSAGE = N_("Too many sign-in attempts: try again in a minute")
API_KEY_ROLES = frozenset({Role.SCHEDULER, Role.AUDITOR})
MAX_API_KEY_DAYS = 3 * 366

session_lifetime = timedelta(hours=8)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass
class LoginResult:
    token: str
    expires_at: datetime
    user: User


def _roles(raw: list[str]) -> frozenset[Role]:
    return frozenset(Role(role) for role in raw if role in Role.__members__)


class LoginLimits:
    """Login attempts per client address and per username in a sliding minute, counted
    before any lookup or hashing (unknown usernames are counted alike, so the limit says
    nothing about which accounts exist). A successful login gives its attempt back.
    """

    def __init__(self, per_client: int | None = None, per_username: int | None = None) -> None:
        self.per_client = per_client or _env_int("CREDREG_LOGIN_ATTEMPTS_PER_IP", 100)
        self.per_username = per_username or _env_int("CREDREG_LOGIN_ATTEMPTS_PER_USERNAME", 10)
        self.window = 60.0
        self._attempts: dict[str, deque[float]] = {}

    def _hit(self, key: str, limit: int, now: float) -> bool:
        stamps = self._attempts.setdefault(key, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if len(stamps) >= limit:
            return False
        stamps.append(now)
        return True

    def admit(self, client: str | None, username: str) -> None:
        now = time.monotonic()
        if len(self._attempts) > 50_000:  # forget idle keys under a flood of names
            self._attempts = {k: v for k, v in self._attempts.items() if v and v[-1] > now - 60}
        if not self._hit(f"ip:{client or '?'}", self.per_client, now):
            raise DomainError(ErrorCode.THROTTLED, msg(LOGIN_THROTTLED_MESSAGE))
        if not self._hit(f"user:{username.lower()}", self.per_username, now):
            self.give_back(client, None)
            raise DomainError(ErrorCode.THROTTLED, msg(LOGIN_THROTTLED_MESSAGE))

    def give_back(self, client: str | None, username: str | None) -> None:
        for key in (f"ip:{client or '?'}", f"user:{username.lower()}" if username else None):
            stamps = self._attempts.get(key) if key else None
            if stamps:
                stamps.pop()

    def reset(self) -> None:
        self._attempts.clear()


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


LIMITS = LoginLimits()


def _storable(text: str) -> bool:
    """Text a database column and argon2 can take: no NUL (PostgreSQL refuses it) and
    no lone surrogates (not encodable as UTF-8). Anything else is nobody's name."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """A name as the audit log can keep it."""
    return text.encode("utf-8", "replace").decode("utf-8").replace("\x00", "\ufffd")


async def _count_attempt(user: User, moment: datetime) -> bool:
    """Count this attempt BEFORE the slow hash, atomically: each statement is one
    conditional UPDATE, so parallel guesses cannot all read "not locked yet". False when
    the account is locked (this attempt is refused whatever the password)."""
    # A lock that has run out: start counting afresh.
    await User.filter(id=user.id, locked_until__lte=moment).update(
        failed_logins=0, locked_until=None
    )
    counted = await User.filter(
        id=user.id, failed_logins__lt=MAX_FAILED_LOGINS, locked_until=None
    ).update(failed_logins=F("failed_logins") + 1)
    if counted != 1:
        return False
    # The fifth attempt in flight locks the account at once; a right password among
    # these five still logs in (and clears the lock), every later guess is refused.
    await User.filter(id=user.id, failed_logins__gte=MAX_FAILED_LOGINS, locked_until=None).update(
        locked_until=moment + LOCKOUT
    )
    return True


async def login(
    username: str, password: str, request_id: str | None = None, client: str | None = None
) -> LoginResult:
    """Same message and the same work for unknown users, wrong passwords and locked
    accounts. Attempts are rate-limited per client and username, counted before hashing,
    and hashing waits in a bounded queue (THROTTLED when full)."""
    if not isinstance(username, str) or not isinstance(password, str):
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, msg(LOGIN_FAILED_MESSAGE))
    username = username.strip()[:64]
    password = password[: passwords.MAX_LENGTH + 1]
    LIMITS.admit(client, username)
    service = passwords.service()
    moment = clock.now()
    try:
        async with service.slot(client):
            findable = bool(username) and _storable(username)
            user = await User.get_or_none(username=username) if findable else None
            if not _storable(password):  # cannot be anybody's password: verify a stand-in
                password = password.encode("utf-8", "replace").decode("utf-8") + "\ufffd"
            locked = user is not None and not await _count_attempt(user, moment)
            # A locked account still costs one verification: the same timing as any
            # other refusal, and the result is thrown away.
            ok = await service.verify_in_slot(user.password_hash if user else None, password)
    except DomainError:
        LIMITS.give_back(client, username)  # refused by the queue: not an attempt
        raise
    usable = bool(user and user.active and not locked)
    actor = Actor(
        kind="user",
        id=user.id if user else None,
        name=_printable(username) or "?",
        request_id=request_id,
    )
    if not (ok and usable and user is not None):
        await _record_failure(user, actor, locked, moment)
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, msg(LOGIN_FAILED_MESSAGE))
    LIMITS.give_back(client, username)
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    expires_at = moment + session_lifetime
    new_hash = None
    if service.needs_rehash(user.password_hash):
        new_hash = await service.hash(password)
    async with write_block(actor, "login") as ctx:
        session = await Session.create(
            token_hash=digest(token),
            user=user,
            expires_at=expires_at,
            created_at=moment,
            updated_at=moment,
        )
        changes: dict[str, object] = {
            "failed_logins": 0,
            "locked_until": None,
            "last_login_at": moment,
        }
        if new_hash:
            changes["password_hash"] = new_hash
        await User.filter(id=user.id).update(**changes)
        ctx.events.extend(
            [
                audit.PendingEvent(
                    "auth.login",
                    "Session",
                    str(session.id),
                    None,
                    {
                        "userId": user.id,
                        "expiresAt": clock.utc_iso(expires_at),
                        "rehashed": bool(new_hash),
                    },
                    None,
                )
            ],
        )
    return LoginResult(token=token, expires_at=expires_at, user=user)


async def _record_failure(user: User | None, actor: Actor, locked: bool, moment: datetime) -> None:
    """Audit the failure (it was already counted before hashing)."""
    after: dict[str, object] = {"username": actor.name, "locked": locked}
    if user is not None:
        current = await User.get_or_none(id=user.id)
        if current is not None and current.locked_until and current.locked_until > moment:
            after["lockedUntil"] = clock.utc_iso(current.locked_until)
    reason = "unknown user" if user is None else ("account locked" if locked else "bad password")
    async with write_block(actor, "login") as ctx:
        ctx.events.extend(
            [
                audit.PendingEvent(
                    "auth.login_failed", "User", str(user.id) if user else None, None, after, reason
                )
            ],
        )


async def logout(actor: Actor) -> bool:
    if actor.kind != "user" or actor.session_id is None:
        raise DomainError(
            ErrorCode.UNAUTHENTICATED, msg("Only a signed-in user session can log out")
        )
    moment = clock.now()
    async with write_block(actor, "logout") as ctx:
        count = await Session.filter(id=actor.session_id, revoked_at=None).update(
            revoked_at=moment, updated_at=moment
        )
        ctx.events.append(
            audit.PendingEvent("auth.logout", "Session", str(actor.session_id), None, None, None)
        )
    return count == 1


async def authenticate(
    token: str | None, request_id: str | None = None, state: tuple[int, str] | None = None
) -> Actor:
    """Resolve a bearer token or API key to an Actor, reading roles fresh every request.
    `state` is the registry state the request already read, if any."""
    if not token:
        return ANONYMOUS
    moment = clock.now()
    if token.startswith(API_KEY_PREFIX):
        return await _authenticate_api_key(token, moment, request_id, state)
    if not token.startswith(SESSION_PREFIX) or len(token) > 200:
        return ANONYMOUS
    session = await Session.get_or_none(token_hash=digest(token)).select_related("user")
    if session is None or session.revoked_at is not None or session.expires_at <= moment:
        return ANONYMOUS
    user: User = session.user
    if not user.active:
        return ANONYMOUS
    bound = await institution_bounds(user.institution_ids)
    return Actor(
        kind="user",
        id=user.id,
        name=user.username,
        roles=_roles(user.roles),
        department_ids=frozenset(int(d) for d in user.department_ids),
        practitioner_id=user.practitioner_id,  # type: ignore[attr-defined]
        session_id=session.id,
        request_id=request_id,
        institution_ids=bound[0],
        institution_department_ids=bound[1],
        institution_practitioner_ids=bound[2],
    )


async def institution_bounds(
    institution_ids: list[int],
) -> tuple[frozenset[int] | None, frozenset[int], frozenset[int]]:
    """For a user tied to institutions (issue 16): those institutions, the departments of
    their campuses and the practitioners registered there. Read fresh every request, so a
    new department or registration counts at once; two queries, only for tied users."""
    if not institution_ids:
        return None, frozenset(), frozenset()
    wanted = [int(i) for i in institution_ids]
    marks = ", ".join("?" for _ in wanted)
    departments = await sql.fetch(
        f"SELECT d.id FROM department d JOIN site s ON s.id = d.site_id "
        f"WHERE s.institution_id IN ({marks})",
        wanted,
    )
    registered = await sql.fetch(
        "SELECT DISTINCT practitioner_id FROM practice_registration "
        f"WHERE institution_id IN ({marks})",
        wanted,
    )
    return (
        frozenset(wanted),
        frozenset(int(r["id"]) for r in departments),
        frozenset(int(r["practitioner_id"]) for r in registered),
    )


# Audit entity types whose events never change an API key (issue 19, item 2): the key
# cache keeps its keys across them. Any other type (ApiKey, User - deactivation ends a
# user's credentials - or one this list does not know) empties it.
KEY_NEUTRAL_TYPES = frozenset(
    {
        "CaseRecord",
        "Privilege",
        "Evaluation",
        "EmergencyOverride",
        "CommitteeDecision",
        "Booking",
        "BookingImpact",
        "Session",
        "Technique",
        "Procedure",
        "CatalogueVersion",
        "Practitioner",
        "Export",
        "Webhook",
        "WebhookDelivery",
        "Operation",
    }
)
MAX_SIFTED_KEY_EVENTS = 1_000


class ApiKeyCache:
    """API keys by prefix, valid for one registry state. Creating or revoking a key is
    audited, so it moves the state; when the state moves, the cache reads the audit
    events in between and empties itself unless every one of them is of a type that
    never touches a key (KEY_NEUTRAL_TYPES). Emptying it on every move, as it did, made
    every request after each case record read its key again, queued on SQLite behind
    the writers' transactions (issue 19, item 2)."""

    def __init__(self) -> None:
        self.state: tuple[int, str] = (-1, "")
        self.keys: dict[str, ApiKey | None] = {}

    async def _only_neutral_events(self, old: tuple[int, str], new: tuple[int, str]) -> bool:
        from domain.decision import reads

        if old[0] <= 0 or new[0] <= old[0]:
            return False
        events = await reads.events_between(old, new, MAX_SIFTED_KEY_EVENTS)
        return events is not None and all(e["entity_type"] in KEY_NEUTRAL_TYPES for e in events)

    async def _one_history(self, older: tuple[int, str], newer: tuple[int, str]) -> bool:
        """Are both states points of the database's own audit log?"""
        from domain.decision import reads

        rows = await reads.fetch(
            "SELECT seq, hash FROM audit_event WHERE seq IN (?, ?)", [older[0], newer[0]]
        )
        found = {(int(r["seq"]), str(r["hash"])) for r in rows}
        return older in found and newer in found

    async def get(self, prefix: str, state: tuple[int, str] | None = None) -> ApiKey | None:
        state = state or await audit.registry_state()
        if state[0] < self.state[0] and not await self._one_history(state, self.state):
            # Another history (a restored database): read the key for itself, and leave
            # the cache as it is. A request that merely began before the cache moved on
            # uses it (the cache has seen whatever the request has).
            return await ApiKey.get_or_none(prefix=prefix)
        # Never answer from a cache older than the request's state.
        while state[0] > self.state[0] or (state[0] == self.state[0] and state != self.state):
            seen = self.state
            keep = await self._only_neutral_events(seen, state)
            if self.state != seen:
                continue  # another request moved it meanwhile: look again
            if not keep or len(self.keys) > 10_000:
                self.keys = {}
            self.state = state
        if prefix not in self.keys:
            seen = self.state
            key = await ApiKey.get_or_none(prefix=prefix)
            if self.state != seen:
                return key  # the cache moved during the read: do not keep it
            self.keys[prefix] = key
        return self.keys[prefix]


API_KEYS = ApiKeyCache()


async def _authenticate_api_key(
    token: str, moment: datetime, request_id: str | None, state: tuple[int, str] | None = None
) -> Actor:
    parts = token.split("_", 2)
    if len(parts) != 3 or not parts[1] or not parts[2] or len(parts[1]) > 16:
        return ANONYMOUS
    key = await API_KEYS.get(parts[1], state)
    if key is None or not hmac.compare_digest(key.secret_hash, digest(parts[2])):
        return ANONYMOUS
    if key.revoked_at is not None or (key.expires_at is not None and key.expires_at <= moment):
        return ANONYMOUS
    if key.last_used_at is None or moment - key.last_used_at > timedelta(minutes=1):
        # Coarse last-use tracking: at most one write a minute per key on the hot path.
        await ApiKey.filter(id=key.id).update(last_used_at=moment)
        key.last_used_at = moment
    bound = await institution_bounds(key.institution_ids)
    return Actor(
        kind="api_key",
        id=key.id,
        name=key.name,
        roles=_roles(key.roles),
        request_id=request_id,
        institution_ids=bound[0],
        institution_department_ids=bound[1],
        institution_practitioner_ids=bound[2],
    )


# --- users and API keys ----------------------------------------------------------


def _parse_roles(raw: list[str], field: str = "roles") -> list[str]:
    if not raw:
        raise DomainError(ErrorCode.VALIDATION, msg("At least one role is required"), field)
    return sorted({validation.choice(field, role, Role).value for role in raw})


@write_operation(Permission.MANAGE_USERS, "createUser")
async def create_user(
    actor: Actor,
    *,
    username: str,
    password: str,
    roles: list[str],
    department_codes: list[str] | None = None,
    practitioner_staff_no: str | None = None,
    idempotency_key: str | None = None,
    institution_codes: list[str] | None = None,
) -> User:
    name = validation.text("username", username, max_length=64, min_length=3)
    if not all(ch.isalnum() or ch in "._-@" for ch in name):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("A username may contain letters, digits, '.', '_', '-' and '@'"),
            "username",
        )
    passwords.check_policy(password, name)
    role_values = _parse_roles(roles)
    fingerprint = {
        "username": name,
        "roles": role_values,
        "departments": department_codes or [],
        "practitioner": practitioner_staff_no,
        "password": digest(password),
        "institutions": institution_codes or [],
    }

    password_hash = await passwords.service().hash(password)

    async def apply(ctx: WriteContext) -> User:
        if await User.exists(username=name):
            raise DomainError(
                ErrorCode.DUPLICATE, msg("User {name} already exists", name=name), "username"
            )
        department_ids: list[int] = []
        for index, dept_code in enumerate(department_codes or []):
            department = await Department.get_or_none(code=dept_code)
            if department is None:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    msg("Department {code} does not exist", code=dept_code),
                    ["departmentCodes", str(index)],
                )
            department_ids.append(department.id)
        if Role.DEPARTMENT_HEAD.value in role_values and not department_ids:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A department head (DEPARTMENT_HEAD) user needs at least one department"),
                "departmentCodes",
            )
        practitioner = None
        if practitioner_staff_no:
            practitioner = await Practitioner.get_or_none(staff_no=practitioner_staff_no)
            if practitioner is None:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    msg(
                        "No practitioner has staff number {staff_no}",
                        staff_no=practitioner_staff_no,
                    ),
                    "practitionerStaffNo",
                )
        if Role.PRACTITIONER.value in role_values and practitioner is None:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A practitioner (PRACTITIONER) user must be linked to a practitioner"),
                "practitionerStaffNo",
            )
        # An actor tied to institutions creates users of those institutions only.
        institution_ids = await _bound_institutions(actor, institution_codes)
        if Role.GROUP_ADMIN.value in role_values and permissions.institution_bound(actor):
            raise DomainError(ErrorCode.FORBIDDEN, msg(permissions.INSTITUTION_MESSAGE), "roles")
        return await ctx.create(
            User,
            "user.create",
            username=name,
            password_hash=password_hash,
            roles=role_values,
            department_ids=department_ids,
            practitioner=practitioner,
            institution_ids=sorted(institution_ids),
        )

    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint=fingerprint,
    )


async def _bound_institutions(actor: Actor, codes: list[str] | None) -> list[int]:
    """The institutions a new key or user is bound to (empty: every institution). An
    actor bound to institutions binds within its own, never wider nor unbound."""
    institution_ids: list[int] = []
    for index, code in enumerate(codes or []):
        institution = await Institution.get_or_none(code=code)
        if institution is None:
            raise DomainError(
                ErrorCode.NOT_FOUND,
                msg("Institution {code} does not exist", code=code),
                ["institutionCodes", str(index)],
            )
        institution_ids.append(institution.id)
    if permissions.institution_bound(actor) and not (
        institution_ids and set(institution_ids) <= set(actor.institution_ids or ())
    ):
        raise DomainError(
            ErrorCode.FORBIDDEN, msg(permissions.INSTITUTION_MESSAGE), "institutionCodes"
        )
    return sorted(set(institution_ids))


@dataclass
class NewApiKey:
    key: ApiKey
    secret: str | None  # None when an idempotent repeat returns the key created before


@write_operation(Permission.MANAGE_API_KEYS, "createApiKey")
async def create_api_key(
    actor: Actor,
    *,
    name: str,
    roles: list[str],
    expires_at: datetime | None = None,
    idempotency_key: str | None = None,
    institution_codes: list[str] | None = None,
) -> NewApiKey:
    label = validation.text("name", name, max_length=100)
    role_values = _parse_roles(roles)
    if not set(role_values) <= {role.value for role in API_KEY_ROLES}:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("API keys may carry only the SCHEDULER and AUDITOR roles"),
            "roles",
        )
    moment = clock.now()
    if expires_at is None:
        expires_at = moment + timedelta(days=365)
    if expires_at.tzinfo is None:
        raise DomainError(
            ErrorCode.VALIDATION, msg("The expiry time (expiresAt) needs a time zone"), "expiresAt"
        )
    if expires_at <= moment or expires_at > moment + timedelta(days=MAX_API_KEY_DAYS):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("The expiry time (expiresAt) must be in the future and at most 3 years away"),
            "expiresAt",
        )
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)

    async def apply(ctx: WriteContext) -> ApiKey:
        institution_ids = await _bound_institutions(actor, institution_codes)
        return await ctx.create(
            ApiKey,
            "api_key.create",
            name=label,
            prefix=prefix,
            secret_hash=digest(secret),
            roles=role_values,
            expires_at=expires_at,
            created_by=actor.name,
            institution_ids=institution_ids,
        )

    key = await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint={
            "name": label,
            "roles": role_values,
            "expiresAt": clock.utc_iso(expires_at),
            "institutions": institution_codes or [],
        },
    )
    fresh = key.prefix == prefix
    return NewApiKey(key=key, secret=f"{API_KEY_PREFIX}{prefix}_{secret}" if fresh else None)


@write_operation(Permission.MANAGE_API_KEYS, "revokeApiKey")
async def revoke_api_key(actor: Actor, key_id: int, reason: str | None = None) -> ApiKey:

    async def apply(ctx: WriteContext) -> ApiKey:
        key = await ApiKey.get_or_none(id=key_id)
        if key is None:
            raise DomainError(ErrorCode.NOT_FOUND, msg("The API key does not exist"), "id")
        if key.revoked_at is not None:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION, msg("The API key is already revoked"), "id"
            )
        return await ctx.update(key, "api_key.revoke", {"revoked_at": clock.now()}, reason=reason)

    return await run_write(actor, apply)


# --- user management: deactivation and role changes (ADMIN, audited) ----------------


async def _user_for_change(user_id: int) -> User:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise DomainError(ErrorCode.NOT_FOUND, msg("The user does not exist"), "id")
    return user


async def _end_credentials(ctx: WriteContext, user: User, moment: datetime) -> dict[str, int]:
    """End every open session of the user and revoke the API keys they created, at once
    (authentication reads both on every request), each ending audited."""
    sessions = await Session.filter(user_id=user.id, revoked_at=None).update(
        revoked_at=moment, updated_at=moment
    )
    keys = 0
    for key in await ApiKey.filter(created_by=user.username, revoked_at=None):
        await ctx.update(
            key, "api_key.revoke", {"revoked_at": moment}, reason=f"用户 {user.username} 已停用"
        )
        keys += 1
    return {"sessionsEnded": sessions, "apiKeysRevoked": keys}


@write_operation(Permission.MANAGE_USERS, "deactivateUser")
async def deactivate_user(
    actor: Actor, user_id: int, expected_version: int, reason: str | None = None
) -> User:
    """Deactivate a user: no login from now on, open sessions and their API keys end."""
    note = validation.text("reason", reason, max_length=1000, required=False) or None

    async def apply(ctx: WriteContext) -> User:
        user = await _user_for_change(user_id)
        if actor.kind == "user" and actor.id == user.id:
            raise DomainError(
                ErrorCode.VALIDATION, msg("You cannot deactivate your own account"), "id"
            )
        if not user.active:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg("User {username} is already deactivated", username=user.username),
                "id",
            )
        moment = clock.now()
        updated = await ctx.update(
            user,
            "user.deactivate",
            {"active": False},
            expected_version=expected_version,
            reason=note,
        )
        ended = await _end_credentials(ctx, user, moment)
        ctx.record("user.credentials_ended", "User", user.id, after=ended, reason=note)
        return updated

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_USERS, "reactivateUser")
async def reactivate_user(actor: Actor, user_id: int, expected_version: int) -> User:

    async def apply(ctx: WriteContext) -> User:
        user = await _user_for_change(user_id)
        if user.active:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg("User {username} is already active", username=user.username),
                "id",
            )
        return await ctx.update(
            user,
            "user.reactivate",
            {"active": True, "failed_logins": 0, "locked_until": None},
            expected_version=expected_version,
        )

    return await run_write(actor, apply)


@write_operation(Permission.MANAGE_USERS, "setUserRoles")
async def set_user_roles(
    actor: Actor,
    user_id: int,
    expected_version: int,
    *,
    roles: list[str],
    department_codes: list[str] | None = None,
    practitioner_staff_no: str | None = None,
    reason: str | None = None,
) -> User:
    """Replace a user's roles (and their departments / practitioner link); the change
    applies from the user's next request, open sessions included."""
    role_values = _parse_roles(roles)
    note = validation.text("reason", reason, max_length=1000, required=False) or None

    async def apply(ctx: WriteContext) -> User:
        user = await _user_for_change(user_id)
        if actor.kind == "user" and actor.id == user.id and Role.ADMIN.value not in role_values:
            raise DomainError(
                ErrorCode.VALIDATION, msg("You cannot remove your own ADMIN role"), "roles"
            )
        department_ids: list[int] = []
        for index, code in enumerate(department_codes or []):
            department = await Department.get_or_none(code=code)
            if department is None:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    msg("Department {code} does not exist", code=code),
                    ["departmentCodes", str(index)],
                )
            department_ids.append(department.id)
        if Role.DEPARTMENT_HEAD.value in role_values and not department_ids:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A department head (DEPARTMENT_HEAD) user needs at least one department"),
                "departmentCodes",
            )
        practitioner = None
        if practitioner_staff_no:
            practitioner = await Practitioner.get_or_none(staff_no=practitioner_staff_no)
            if practitioner is None:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    msg(
                        "No practitioner has staff number {staff_no}",
                        staff_no=practitioner_staff_no,
                    ),
                    "practitionerStaffNo",
                )
        if Role.PRACTITIONER.value in role_values and practitioner is None:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A practitioner (PRACTITIONER) user must be linked to a practitioner"),
                "practitionerStaffNo",
            )
        return await ctx.update(
            user,
            "user.set_roles",
            {
                "roles": role_values,
                "department_ids": sorted(set(department_ids)),
                "practitioner_id": practitioner.id if practitioner else None,
            },
            expected_version=expected_version,
            reason=note,
        )

    return await run_write(actor, apply)


async def list_users(actor: Actor, first: int | None, after: int | None) -> Page[User]:
    permissions.require(actor, Permission.READ_USERS)
    return await keyset(User.all(), first, after)
