"""The institutions area's GraphQL queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import institutions, permissions
from domain.institutions import PRACTICE_SCOPES
from domain.permissions import Permission
from schema import ids
from schema.context import Info
from schema.institutions.inputs import practice_scopes
from schema.institutions.types import GroupNode, InstitutionNode, PracticeScope, UnmappedSpecialty
from schema.relay import Connection, connection


@strawberry.type
class InstitutionQuery:
    @strawberry.field(description="Institutions (医疗机构), optionally of one group.")
    async def institutions(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
        group_code: Annotated[str | None, strawberry.argument(description="Group code.")] = None,
    ) -> Connection[InstitutionNode]:
        page = await institutions.list_institutions(
            info.context.actor, first, ids.decode_cursor(after), group_code
        )
        return connection(page, InstitutionNode.from_model)

    @strawberry.field(description="Groups (医联体/医共体).")
    async def groups(
        self,
        info: Info,
        first: Annotated[int | None, strawberry.argument(description="Page size.")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
    ) -> Connection[GroupNode]:
        page = await institutions.list_groups(info.context.actor, first, ids.decode_cursor(after))
        return connection(page, GroupNode.from_model)

    @strawberry.field(description="The national list of 执业类别 · 执业范围.")
    def practice_scopes(self, info: Info) -> list[PracticeScope]:
        permissions.require(info.context.actor, Permission.READ_REFERENCE)
        return practice_scopes(list(PRACTICE_SCOPES))

    @strawberry.field(
        description="Specialties not yet mapped to practice scopes (decisions there do not "
        "check 执业范围), for the office to complete."
    )
    async def unmapped_specialties(self, info: Info) -> list[UnmappedSpecialty]:
        rows = await institutions.unmapped_specialties(info.context.actor)
        return [
            UnmappedSpecialty(
                code=r.specialty.code,
                name=r.specialty.name,
                practitioners_without_coded_scope=r.practitioners_without_coded_scope,
            )
            for r in rows
        ]
