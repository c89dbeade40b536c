"""Login, logout, the viewer, users and API keys."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum

import strawberry

from domain import auth, organisation, permissions, privileges
from domain.pagination import MAX_PAGE_SIZE
from domain.privileges import PrivilegeFilter
from models import ApiKey, User
from schema import ids
from schema.context import Info
from schema.enums import PrivilegeStatus, Role
from schema.errors import UserError, attempt, mutation_payload
from schema.organisation import PractitionerType
from schema.privileges import PrivilegeType
from schema.relay import Connection, Node, connection


@strawberry.type(
    name="User", description="A person's login account, with roles and department scope."
)
class UserType(Node):
    username: str = strawberry.field(description="Login name, unique.")
    roles: list[Role] = strawberry.field(description="What the user may do; read on every request.")
    active: bool = strawberry.field(
        description="False after deactivateUser: no logins, sessions ended."
    )
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def from_model(cls, user: User) -> UserType:
        return cls(
            id=strawberry.ID(ids.encode("User", user.id)),
            username=user.username,
            roles=[Role(r) for r in user.roles],
            active=user.active,
            created_at=user.created_at,
            updated_at=user.updated_at,
            version=user.version,
        )


@strawberry.type(
    name="ApiKey",
    description="A machine credential (crk_<prefix>_<secret>) for OR-scheduling "
    "systems and audit tools; only SCHEDULER and/or AUDITOR.",
)
class ApiKeyType(Node):
    name: str = strawberry.field(description="What the key is for, e.g. OR scheduling (手麻系统).")
    prefix: str = strawberry.field(
        description="The key's public prefix, to recognise it in logs; the secret is "
        "never shown again."
    )
    roles: list[Role] = strawberry.field(description="SCHEDULER and/or AUDITOR.")
    expires_at: datetime | None = strawberry.field(
        description="When the key stops working (default 365 days, at most 3 years)."
    )
    revoked_at: datetime | None = strawberry.field(
        description="When revokeApiKey stopped it; null while usable."
    )
    last_used_at: datetime | None = strawberry.field(
        description="When it last authenticated a request."
    )
    created_at: datetime
    version: int

    @classmethod
    def from_model(cls, key: ApiKey) -> ApiKeyType:
        return cls(
            id=strawberry.ID(ids.encode("ApiKey", key.id)),
            name=key.name,
            prefix=key.prefix,
            roles=[Role(r) for r in key.roles],
            expires_at=key.expires_at,
            revoked_at=key.revoked_at,
            last_used_at=key.last_used_at,
            created_at=key.created_at,
            version=key.version,
        )


@strawberry.type(description="Who the server thinks the caller is.")
class Viewer:
    kind: str = strawberry.field(description="user or api_key")
    name: str = strawberry.field(description="The username, or the API key's name.")
    roles: list[Role] = strawberry.field(description="The caller's roles.")
    department_codes: list[str] = strawberry.field(
        description="Departments a DEPARTMENT_HEAD is scoped to; empty otherwise."
    )
    practitioner_id: strawberry.Private[int | None]

    @strawberry.field(description="The practitioner record linked to this user, if any.")
    async def practitioner(self, info: Info) -> PractitionerType | None:
        if self.practitioner_id is None:
            return None
        found = await organisation.get_practitioner(
            info.context.actor, practitioner_id=self.practitioner_id
        )
        return PractitionerType.from_model(found) if found else None

    @strawberry.field(description="Your own privileges (users linked to a practitioner).")
    async def privileges(
        self, info: Info, status: list[PrivilegeStatus] | None = None
    ) -> list[PrivilegeType]:
        if self.practitioner_id is None:
            return []
        page = await privileges.list_privileges(
            info.context.actor,
            PrivilegeFilter(
                practitioner_id=self.practitioner_id,
                statuses=[s.value for s in status or []],
            ),
            first=MAX_PAGE_SIZE,
            after=None,
        )
        return [PrivilegeType.from_model(p) for p in page.items]


@strawberry.input(description="A person's credentials.")
class LoginInput:
    username: str = strawberry.field(description="The login name.")
    password: str = strawberry.field(
        description="The password; five failures in a row lock the account for 15 minutes."
    )


@strawberry.type
class LoginPayload:
    token: str | None = strawberry.field(
        description="Opaque session token crs_...; send as Authorization: Bearer. Null "
        "when refused."
    )
    expires_at: datetime | None = strawberry.field(
        description="When the session ends (8 hours by default)."
    )
    user: UserType | None = strawberry.field(description="The logged-in user; null when refused.")
    user_errors: list[UserError]


@strawberry.type
class LogoutPayload:
    ok: bool = strawberry.field(description="The session was revoked.")
    user_errors: list[UserError]


@strawberry.input(description="A new login account (ADMIN).")
class CreateUserInput:
    username: str = strawberry.field(description="Login name, unique.")
    password: str = strawberry.field(
        description="15 to 128 characters, not containing the username, not a common "
        "password (WEAK_PASSWORD)."
    )
    roles: list[Role] = strawberry.field(description="What the user may do.")
    department_codes: list[str] | None = strawberry.field(
        default=None, description="Departments a DEPARTMENT_HEAD is scoped to."
    )
    practitioner_staff_no: str | None = strawberry.field(
        default=None, description="Links a PRACTITIONER user to their practitioner record."
    )
    idempotency_key: str | None = None
    institution_codes: list[str] | None = strawberry.field(
        default=None,
        description="Institutions the user acts for (ADMIN, AUDITOR, ... of those only); "
        "none: every institution. Ignored for GROUP_ADMIN.",
    )


@strawberry.type
class UserPayload:
    user: UserType | None
    user_errors: list[UserError]


@strawberry.input(description="Stop a user's logins and sessions (ADMIN).")
class DeactivateUserInput:
    id: strawberry.ID
    expected_version: int
    reason: str | None = None


@strawberry.input(description="Let a deactivated user log in again (ADMIN).")
class ReactivateUserInput:
    id: strawberry.ID
    expected_version: int


@strawberry.input(description="A user's new roles, scope and practitioner link (ADMIN).")
class SetUserRolesInput:
    id: strawberry.ID
    expected_version: int
    roles: list[Role] = strawberry.field(description="The complete new set of roles.")
    department_codes: list[str] | None = strawberry.field(
        default=None, description="The complete new department scope (heads)."
    )
    practitioner_staff_no: str | None = strawberry.field(
        default=None, description="The practitioner the user is, if any."
    )
    reason: str | None = None


@strawberry.input(description="A new API key (ADMIN).")
class CreateApiKeyInput:
    name: str = strawberry.field(description="What the key is for, e.g. OR scheduling (手麻系统).")
    roles: list[Role] = strawberry.field(description="SCHEDULER and/or AUDITOR only.")
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working; default 365 days, at most 3 years."
    )
    idempotency_key: str | None = None


@strawberry.type
class CreateApiKeyPayload:
    api_key: ApiKeyType | None = strawberry.field(
        description="The key's record; null when refused."
    )
    secret: str | None = strawberry.field(
        description="crk_<prefix>_<secret>; shown once, never again (null on an idempotent repeat)."
    )
    user_errors: list[UserError]


@strawberry.input(description="Stop an API key at once (ADMIN).")
class RevokeApiKeyInput:
    id: strawberry.ID
    reason: str | None = None


@strawberry.type
class ApiKeyPayload:
    api_key: ApiKeyType | None
    user_errors: list[UserError]


def _client_address(info: Info) -> str | None:
    request = info.context.request
    client = getattr(request, "client", None)
    return getattr(client, "host", None)


def _roles(values: Sequence[Enum]) -> list[str]:
    return [str(v.value) for v in values]


@strawberry.type
class AccessQuery:
    @strawberry.field(description="User accounts (ADMIN, AUDITOR).")
    async def users(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[UserType]:
        page = await auth.list_users(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, UserType.from_model)

    @strawberry.field(
        description="The caller: user or API key, roles, departments; null when anonymous."
    )
    async def viewer(self, info: Info) -> Viewer | None:
        actor = info.context.actor
        permissions.require_authenticated(actor)
        codes = await organisation.department_codes(list(actor.department_ids))
        return Viewer(
            kind=actor.kind,
            name=actor.name,
            roles=[Role(r.value) for r in actor.roles],
            department_codes=codes,
            practitioner_id=actor.practitioner_id,
        )


@strawberry.type
class AccessMutation:
    @strawberry.mutation(description="Open a session with a username and password.")
    async def login(self, info: Info, input: LoginInput) -> LoginPayload:
        result, errors = await attempt(
            auth.login(
                input.username,
                input.password,
                info.context.request_id,
                client=_client_address(info),
            ),
            allow_anonymous=True,
        )
        if result is None:
            return LoginPayload(token=None, expires_at=None, user=None, user_errors=errors)
        return LoginPayload(
            token=result.token,
            expires_at=result.expires_at,
            user=UserType.from_model(result.user),
            user_errors=[],
        )

    @strawberry.mutation(description="Revoke the current session.")
    async def logout(self, info: Info) -> LogoutPayload:
        ok, errors = await attempt(auth.logout(info.context.actor))
        return LogoutPayload(ok=bool(ok), user_errors=errors)

    @strawberry.mutation(description="Create a login account (ADMIN).")
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        return await mutation_payload(
            UserPayload,
            "user",
            lambda: auth.create_user(
                info.context.actor,
                username=input.username,
                password=input.password,
                roles=_roles(input.roles),
                department_codes=input.department_codes,
                practitioner_staff_no=input.practitioner_staff_no,
                idempotency_key=input.idempotency_key,
                institution_codes=input.institution_codes,
            ),
            UserType.from_model,
        )

    @strawberry.mutation(description="Create an API key; the secret is returned once (ADMIN).")
    async def create_api_key(self, info: Info, input: CreateApiKeyInput) -> CreateApiKeyPayload:
        created, errors = await attempt(
            auth.create_api_key(
                info.context.actor,
                name=input.name,
                roles=_roles(input.roles),
                expires_at=input.expires_at,
                idempotency_key=input.idempotency_key,
            )
        )
        if created is None:
            return CreateApiKeyPayload(api_key=None, secret=None, user_errors=errors)
        return CreateApiKeyPayload(
            api_key=ApiKeyType.from_model(created.key), secret=created.secret, user_errors=[]
        )

    @strawberry.mutation(description="Stop an API key at once (ADMIN).")
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKeyPayload:
        async def run() -> ApiKey:
            return await auth.revoke_api_key(
                info.context.actor, ids.decode(input.id, "ApiKey"), input.reason
            )

        return await mutation_payload(ApiKeyPayload, "api_key", run, ApiKeyType.from_model)

    @strawberry.mutation(
        description="Deactivate a user (ADMIN): no more logins; open sessions and the API "
        "keys they created end at once. Audited."
    )
    async def deactivate_user(self, info: Info, input: DeactivateUserInput) -> UserPayload:
        async def run() -> User:
            return await auth.deactivate_user(
                info.context.actor,
                ids.decode(input.id, "User"),
                input.expected_version,
                input.reason,
            )

        return await mutation_payload(UserPayload, "user", run, UserType.from_model)

    @strawberry.mutation(description="Let a deactivated user log in again (ADMIN). Audited.")
    async def reactivate_user(self, info: Info, input: ReactivateUserInput) -> UserPayload:
        async def run() -> User:
            return await auth.reactivate_user(
                info.context.actor, ids.decode(input.id, "User"), input.expected_version
            )

        return await mutation_payload(UserPayload, "user", run, UserType.from_model)

    @strawberry.mutation(
        description="Replace a user's roles, departments and practitioner link (ADMIN); "
        "applies from their next request. Audited."
    )
    async def set_user_roles(self, info: Info, input: SetUserRolesInput) -> UserPayload:
        async def run() -> User:
            return await auth.set_user_roles(
                info.context.actor,
                ids.decode(input.id, "User"),
                input.expected_version,
                roles=_roles(input.roles),
                department_codes=input.department_codes,
                practitioner_staff_no=input.practitioner_staff_no,
                reason=input.reason,
            )

        return await mutation_payload(UserPayload, "user", run, UserType.from_model)
