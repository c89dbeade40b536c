"""The catalogue area's GraphQL queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domain import catalogue
from domain.catalogue import ProcedureFilter
from schema import ids
from schema.catalogue.inputs import ProcedureFilterInput
from schema.catalogue.types import (
    CatalogueDiffEntry,
    CatalogueDiffType,
    CatalogueVersionType,
    ProcedureType,
)
from schema.context import Info
from schema.relay import Connection, connection


@strawberry.type
class CatalogueQuery:
    @strawberry.field(description="Catalogue procedures, by default those of the current version.")
    async def procedures(
        self,
        info: Info,
        filter: ProcedureFilterInput | None = None,
        catalogue_version: int | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ProcedureType]:
        f = filter or ProcedureFilterInput()
        page = await catalogue.list_procedures(
            info.context.actor,
            ProcedureFilter(
                code=f.code,
                specialty_code=f.specialty_code,
                grade=f.grade,
                day_surgery=f.day_surgery,
                technique_code=f.technique_code,
                search=f.search,
            ),
            first,
            ids.decode_cursor(after),
            catalogue_version,
        )
        return connection(page, ProcedureType.from_model)


@strawberry.type
class CatalogueVersionQuery:
    @strawberry.field(description="Every catalogue version, oldest first.")
    async def catalogue_versions(self, info: Info) -> list[CatalogueVersionType]:
        return [
            CatalogueVersionType.from_model(v)
            for v in await catalogue.list_versions(info.context.actor)
        ]

    @strawberry.field(description="Added, removed, regraded and otherwise changed procedures.")
    async def catalogue_diff(
        self,
        info: Info,
        from_version: Annotated[int, strawberry.argument(name="from")],
        to_version: Annotated[int, strawberry.argument(name="to")],
    ) -> CatalogueDiffType:
        diff = await catalogue.catalogue_diff(info.context.actor, from_version, to_version)

        def entries(items: list[catalogue.DiffEntry]) -> list[CatalogueDiffEntry]:
            return [
                CatalogueDiffEntry(
                    code=e.code,
                    name=e.name,
                    grade=e.grade,
                    previous_name=e.previous_name,
                    previous_grade=e.previous_grade,
                )
                for e in items
            ]

        return CatalogueDiffType(
            from_version=diff.from_version,
            to_version=diff.to_version,
            added=entries(diff.added),
            removed=entries(diff.removed),
            regraded=entries(diff.regraded),
            changed=entries(diff.changed),
        )
