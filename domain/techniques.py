"""Medical techniques (SPEC 3.3): creation and listing."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from domain import permissions, validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, authorize, run_write
from models import Technique


class TechniqueCategory(StrEnum):
    RESTRICTED_NATIONAL = "RESTRICTED_NATIONAL"
    RESTRICTED_PROVINCIAL = "RESTRICTED_PROVINCIAL"
    NEW = "NEW"
    STANDARD = "STANDARD"
    PROHIBITED = "PROHIBITED"


class TechniqueStatus(StrEnum):
    PROPOSED = "PROPOSED"
    APPROVED = "APPROVED"
    IN_USE = "IN_USE"
    FILED = "FILED"
    SUSPENDED = "SUSPENDED"
    STOPPED = "STOPPED"


RESTRICTED = frozenset(
    {TechniqueCategory.RESTRICTED_NATIONAL.value, TechniqueCategory.RESTRICTED_PROVINCIAL.value}
)


async def create_technique(
    actor: Actor, *, code: str, name: str, category: str, idempotency_key: str | None = None
) -> Technique:
    await authorize(actor, Permission.MANAGE_TECHNIQUES, "createTechnique")
    values: dict[str, Any] = {
        "code": validation.code("code", code),
        "name": validation.text("name", name, max_length=200),
        "category": validation.choice("category", category, TechniqueCategory).value,
    }

    async def apply(ctx: WriteContext) -> Technique:
        if await Technique.exists(code=values["code"]):
            raise DomainError(
                ErrorCode.DUPLICATE, f"Technique {values['code']} already exists", "code"
            )
        return await ctx.create(
            Technique, "technique.create", status=TechniqueStatus.PROPOSED.value, **values
        )

    return await run_write(
        actor,
        Permission.MANAGE_TECHNIQUES,
        "createTechnique",
        apply,
        idempotency_key=idempotency_key,
        fingerprint=values,
    )


async def list_techniques(
    actor: Actor,
    first: int | None,
    after: int | None,
    category: str | None = None,
    status: str | None = None,
) -> Page[Technique]:
    permissions.require(actor, Permission.READ_REFERENCE)
    query = Technique.all()
    if category:
        query = query.filter(
            category=validation.choice("category", category, TechniqueCategory).value
        )
    if status:
        query = query.filter(status=validation.choice("status", status, TechniqueStatus).value)
    return await keyset(query, first, after)
