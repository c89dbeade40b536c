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
from schema.errors import UserError, attempt
from schema.organisation import PractitionerType
from schema.privileges import PrivilegeType
from schema.relay import Connection, Node, connection


@strawberry.type(name="User")
class UserType(Node):
    username: str
    roles: list[Role]
    active: bool
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


@strawberry.type(name="ApiKey")
class ApiKeyType(Node):
    name: str
    prefix: str
    roles: list[Role]
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
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


@strawberry.type
class Viewer:
    kind: str = strawberry.field(description="user or api_key")
    name: str
    roles: list[Role]
    department_codes: list[str]
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


@strawberry.input
class LoginInput:
    username: str
    password: str


@strawberry.type
class LoginPayload:
    token: str | None
    expires_at: datetime | None
    user: UserType | None
    user_errors: list[UserError]


@strawberry.type
class LogoutPayload:
    ok: bool
    user_errors: list[UserError]


@strawberry.input
class CreateUserInput:
    username: str
    password: str
    roles: list[Role]
    department_codes: list[str] | None = None
    practitioner_staff_no: str | None = None
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


@strawberry.input
class DeactivateUserInput:
    id: strawberry.ID
    expected_version: int
    reason: str | None = None


@strawberry.input
class ReactivateUserInput:
    id: strawberry.ID
    expected_version: int


@strawberry.input
class SetUserRolesInput:
    id: strawberry.ID
    expected_version: int
    roles: list[Role]
    department_codes: list[str] | None = None
    practitioner_staff_no: str | None = None
    reason: str | None = None


@strawberry.input
class CreateApiKeyInput:
    name: str
    roles: list[Role]
    expires_at: datetime | None = None
    idempotency_key: str | None = None


@strawberry.type
class CreateApiKeyPayload:
    api_key: ApiKeyType | None
    secret: str | None = strawberry.field(
        description="crk_<prefix>_<secret>; shown once, never again (null on an idempotent repeat)."
    )
    user_errors: list[UserError]


@strawberry.input
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

    @strawberry.field
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
    @strawberry.mutation
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

    @strawberry.mutation
    async def logout(self, info: Info) -> LogoutPayload:
        ok, errors = await attempt(auth.logout(info.context.actor))
        return LogoutPayload(ok=bool(ok), user_errors=errors)

    @strawberry.mutation
    async def create_user(self, info: Info, input: CreateUserInput) -> UserPayload:
        user, errors = await attempt(
            auth.create_user(
                info.context.actor,
                username=input.username,
                password=input.password,
                roles=_roles(input.roles),
                department_codes=input.department_codes,
                practitioner_staff_no=input.practitioner_staff_no,
                idempotency_key=input.idempotency_key,
                institution_codes=input.institution_codes,
            )
        )
        return UserPayload(user=UserType.from_model(user) if user else None, user_errors=errors)

    @strawberry.mutation
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

    @strawberry.mutation
    async def revoke_api_key(self, info: Info, input: RevokeApiKeyInput) -> ApiKeyPayload:
        async def run() -> ApiKey:
            return await auth.revoke_api_key(
                info.context.actor, ids.decode(input.id, "ApiKey"), input.reason
            )

        key, errors = await attempt(run())
        return ApiKeyPayload(
            api_key=ApiKeyType.from_model(key) if key else None, user_errors=errors
        )

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

        user, errors = await attempt(run())
        return UserPayload(user=UserType.from_model(user) if user else None, user_errors=errors)

    @strawberry.mutation(description="Let a deactivated user log in again (ADMIN). Audited.")
    async def reactivate_user(self, info: Info, input: ReactivateUserInput) -> UserPayload:
        async def run() -> User:
            return await auth.reactivate_user(
                info.context.actor, ids.decode(input.id, "User"), input.expected_version
            )

        user, errors = await attempt(run())
        return UserPayload(user=UserType.from_model(user) if user else None, user_errors=errors)

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

        user, errors = await attempt(run())
        return UserPayload(user=UserType.from_model(user) if user else None, user_errors=errors)
