"""The access area's GraphQL mutations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import Enum

import strawberry

from domain import auth
from models import ApiKey, User
from schema import ids
from schema.access.inputs import (
    CreateApiKeyInput,
    CreateUserInput,
    DeactivateUserInput,
    LoginInput,
    ReactivateUserInput,
    RevokeApiKeyInput,
    SetUserRolesInput,
)
from schema.access.types import ApiKeyType, UserType
from schema.context import Info
from schema.errors import UserError, attempt, mutation_payload


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


@strawberry.type
class UserPayload:
    user: UserType | None
    user_errors: list[UserError]


@strawberry.type
class CreateApiKeyPayload:
    api_key: ApiKeyType | None = strawberry.field(
        description="The key's record; null when refused."
    )
    secret: str | None = strawberry.field(
        description="crk_<prefix>_<secret>; shown once, never again (null on an idempotent repeat)."
    )
    user_errors: list[UserError]


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
                institution_codes=input.institution_codes,
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
