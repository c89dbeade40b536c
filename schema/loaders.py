"""DataLoaders: one query per batch of ids for nested fields (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from models import (
    CommitteeDecision,
    Department,
    Practitioner,
    Privilege,
    Procedure,
    Site,
    Specialty,
    Technique,
)

M = TypeVar("M", bound=Model)


def _by_id(model: type[M]) -> DataLoader[int, M]:
    """Rows by primary key; a missing row loads as None (callers of nullable links check)."""

    async def load(keys: Sequence[int]) -> list[M]:
        rows = {row.pk: row for row in await model.filter(pk__in=list(set(keys)))}
        return [rows.get(key) for key in keys]  # type: ignore[misc]

    return DataLoader(load_fn=load)


def _privileges_by_practitioner() -> DataLoader[int, list[Privilege]]:
    async def load(keys: Sequence[int]) -> list[list[Privilege]]:
        grouped: dict[int, list[Privilege]] = {key: [] for key in keys}
        for row in await Privilege.filter(practitioner_id__in=list(set(keys))).order_by("id"):
            grouped[row.practitioner_id].append(row)  # type: ignore[attr-defined]
        return [grouped[key] for key in keys]

    return DataLoader(load_fn=load)


class Loaders:
    def __init__(self) -> None:
        self.site = _by_id(Site)
        self.department = _by_id(Department)
        self.specialty = _by_id(Specialty)
        self.practitioner = _by_id(Practitioner)
        self.technique = _by_id(Technique)
        self.procedure = _by_id(Procedure)
        self.privilege = _by_id(Privilege)
        self.committee_decision = _by_id(CommitteeDecision)
        self.privileges_by_practitioner = _privileges_by_practitioner()
