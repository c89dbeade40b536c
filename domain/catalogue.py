"""The graded procedure catalogue (SPEC 3.1): versions, procedures and lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Q

from domain import permissions, validation
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import field_label, msg
from domain.operations import write_operation
from domain.organisation import specialty_by
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, run_write
from models import CatalogueVersion, Procedure, Technique


def procedure_code(field: str, value: str | None) -> str:
    cleaned = validation.text(field, value, max_length=32)
    if not re.fullmatch(r"\d{2}(\.\d{1,4})?([xX]\d{1,3})?", cleaned):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{field} must be an ICD-9-CM-3 style code such as 47.0901",
                field=field_label(field),
            ),
            field,
        )
    return cleaned


def grade(field: str, value: Any) -> int:
    """R1: a procedure's grade is 1-4."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("{field} must be 1, 2, 3 or 4", field=field_label(field)),
            field,
        )
    return value


async def current_version() -> CatalogueVersion | None:
    return await CatalogueVersion.all().order_by("-number").first()


async def ensure_version(ctx: WriteContext) -> CatalogueVersion:
    """The newest catalogue version; version 1 is created on first use."""
    version = await current_version()
    if version is None:
        version = await ctx.create(
            CatalogueVersion,
            "catalogue_version.create",
            number=1,
            effective_from=date(2000, 1, 1),
            note="initial catalogue",
            source="manual",
        )
    return version


def in_version(number: int) -> Q:
    return Q(catalogue_version__lte=number) & (
        Q(retired_in_version__isnull=True) | Q(retired_in_version__gt=number)
    )


@dataclass
class ProcedureFilter:
    code: str | None = None
    specialty_code: str | None = None
    grade: int | None = None
    day_surgery: bool | None = None
    technique_code: str | None = None
    search: str | None = None


async def list_procedures(
    actor: Actor,
    filter: ProcedureFilter,
    first: int | None,
    after: int | None,
    catalogue_version: int | None = None,
) -> Page[Procedure]:
    permissions.require(actor, Permission.READ_REFERENCE)
    version = catalogue_version
    if version is None:
        newest = await current_version()
        version = newest.number if newest else 0
    query = Procedure.filter(in_version(version))
    if filter.code:
        query = query.filter(code=filter.code)
    if filter.specialty_code:
        query = query.filter(specialty__code=filter.specialty_code)
    if filter.grade is not None:
        query = query.filter(grade=grade("grade", filter.grade))
    if filter.day_surgery is not None:
        query = query.filter(day_surgery=filter.day_surgery)
    if filter.technique_code:
        query = query.filter(technique__code=filter.technique_code)
    if filter.search:
        term = validation.text("search", filter.search, max_length=100)
        query = query.filter(Q(name__icontains=term) | Q(code__startswith=term))
    return await keyset(query, first, after)


async def technique_by(
    code: str | None = None, technique_id: int | None = None, field: str = "techniqueCode"
) -> Technique:
    if technique_id is not None:
        technique = await Technique.get_or_none(id=technique_id)
    else:
        technique = await Technique.get_or_none(code=code) if code else None
    if technique is None:
        raise not_found("Technique", code or technique_id, field)
    return technique


@write_operation(Permission.MANAGE_CATALOGUE, "createProcedure")
async def create_procedure(
    actor: Actor,
    *,
    code: str,
    name: str,
    grade_value: int,
    specialty_code: str | None = None,
    specialty_id: int | None = None,
    day_surgery: bool = False,
    technique_code: str | None = None,
    idempotency_key: str | None = None,
) -> Procedure:
    values: dict[str, Any] = {
        "code": procedure_code("code", code),
        "name": validation.text("name", name, max_length=300),
        "grade": grade("grade", grade_value),
        "day_surgery": bool(day_surgery),
    }

    async def apply(ctx: WriteContext) -> Procedure:
        version = await ensure_version(ctx)
        if await Procedure.filter(in_version(version.number), code=values["code"]).exists():
            raise DomainError(
                ErrorCode.DUPLICATE,
                msg("Procedure {code} is already in the catalogue", code=values["code"]),
                "code",
            )
        specialty = await specialty_by(specialty_code, specialty_id)
        technique = await technique_by(technique_code) if technique_code else None
        return await ctx.create(
            Procedure,
            "procedure.create",
            specialty=specialty,
            technique=technique,
            catalogue_version=version.number,
            effective_from=version.effective_from,
            **values,
        )

    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint={
            **values,
            "specialty": specialty_code or specialty_id,
            "technique": technique_code,
        },
    )


@dataclass
class DiffEntry:
    code: str
    name: str
    grade: int | None
    previous_name: str | None = None
    previous_grade: int | None = None


@dataclass
class CatalogueDiff:
    from_version: int
    to_version: int
    added: list[DiffEntry]
    removed: list[DiffEntry]
    regraded: list[DiffEntry]
    changed: list[DiffEntry]  # same grade, other name, specialty, day-surgery flag or technique


async def catalogue_diff(actor: Actor, from_version: int, to_version: int) -> CatalogueDiff:
    """What changed between two catalogue versions: added, removed and regraded codes."""
    permissions.require(actor, Permission.READ_REFERENCE)
    numbers = set(await CatalogueVersion.all().values_list("number", flat=True))
    for field, number in (("from", from_version), ("to", to_version)):
        if number not in numbers:
            raise not_found("Catalogue version", number, field)
    fields = ("code", "name", "grade", "specialty_id", "day_surgery", "technique_id")
    before = {
        p["code"]: p for p in await Procedure.filter(in_version(from_version)).values(*fields)
    }
    after = {p["code"]: p for p in await Procedure.filter(in_version(to_version)).values(*fields)}
    diff = CatalogueDiff(from_version, to_version, [], [], [], [])
    for code in sorted(after.keys() - before.keys()):
        diff.added.append(DiffEntry(code, after[code]["name"], after[code]["grade"]))
    for code in sorted(before.keys() - after.keys()):
        diff.removed.append(DiffEntry(code, before[code]["name"], before[code]["grade"]))
    for code in sorted(after.keys() & before.keys()):
        old, new = before[code], after[code]
        entry = DiffEntry(code, new["name"], new["grade"], old["name"], old["grade"])
        if old["grade"] != new["grade"]:
            diff.regraded.append(entry)
        elif old != new:
            diff.changed.append(entry)
    return diff


async def list_versions(actor: Actor) -> list[CatalogueVersion]:
    permissions.require(actor, Permission.READ_REFERENCE)
    return list(await CatalogueVersion.all().order_by("number"))
