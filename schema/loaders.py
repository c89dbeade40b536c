"""DataLoaders: one query per batch of ids for nested fields (no N+1), and the one read
authorisation layer for them.

Every loader of practitioner-owned data (practitioners, privileges, case records,
evaluations, emergency overrides) filters by the actor's scope
(`domain.permissions.read_scope`): a row outside it loads as None exactly like a missing
row, so no nested edge (`techniques { lead }`, `privilegeCheck { basis { practitioner } }`,
`evaluations { privilege }` ...) can reach another department's records. Reference data
(sites, departments, specialties, procedures, techniques, committee decisions) is readable
by every role. Resolvers of non-null edges use `Loaders.one`, which answers NOT_FOUND with
the same message for a missing and an out-of-scope record.

`tests/schema/test_read_scope_edges.py` walks the schema and proves every edge for
every role.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from domain import permissions
from domain.actors import ANONYMOUS, Actor
from domain.permissions import Permission, PractitionerScope
from models import (
    CaseRecord,
    CommitteeDecision,
    Department,
    EmergencyOverride,
    Evaluation,
    Institution,
    PracticeRegistration,
    Practitioner,
    Privilege,
    Procedure,
    Site,
    Specialty,
    Technique,
)

M = TypeVar("M", bound=Model)
K = TypeVar("K")
V = TypeVar("V")


def _by_id(model: type[M]) -> DataLoader[int, M]:
    """Rows by primary key; a missing row loads as None (callers of nullable links check)."""

    async def load(keys: Sequence[int]) -> list[M]:
        rows = {row.pk: row for row in await model.filter(pk__in=list(set(keys)))}
        return [rows.get(key) for key in keys]  # type: ignore[misc]

    return DataLoader(load_fn=load)


class Loaders:
    def __init__(self, actor: Actor | None = None) -> None:
        self.actor = actor or ANONYMOUS
        self._scopes: dict[Permission, PractitionerScope] = {}
        # Reference data: every role reads it.
        self.site = _by_id(Site)
        self.institution = _by_id(Institution)
        self.department = _by_id(Department)
        self.specialty = _by_id(Specialty)
        self.technique = _by_id(Technique)
        self.procedure = _by_id(Procedure)
        self.committee_decision = _by_id(CommitteeDecision)
        # Unscoped rows, private to this module: only the scoped loaders below read them.
        self._practitioner_rows = _by_id(Practitioner)
        self._privilege_rows = _by_id(Privilege)
        self._case_rows = _by_id(CaseRecord)
        self._evaluation_rows = _by_id(Evaluation)
        self._override_rows = _by_id(EmergencyOverride)
        # Practitioner-owned data: scoped.
        self.practitioner: DataLoader[int, Practitioner | None] = DataLoader(
            load_fn=self._load_practitioners
        )
        self.privilege: DataLoader[int, Privilege | None] = DataLoader(
            load_fn=self._load_privileges
        )
        self.case_record: DataLoader[int, CaseRecord | None] = DataLoader(load_fn=self._load_cases)
        self.evaluation: DataLoader[int, Evaluation | None] = DataLoader(
            load_fn=self._load_evaluations
        )
        self.emergency_override: DataLoader[int, EmergencyOverride | None] = DataLoader(
            load_fn=self._load_overrides
        )
        self.privileges_by_practitioner: DataLoader[int, list[Privilege]] = DataLoader(
            load_fn=self._load_privileges_by_practitioner
        )
        self.registrations_by_practitioner: DataLoader[int, list[PracticeRegistration]] = (
            DataLoader(load_fn=self._load_registrations_by_practitioner)
        )

    # --- the scope ------------------------------------------------------------------

    def scope(self, permission: Permission) -> PractitionerScope:
        if permission not in self._scopes:
            self._scopes[permission] = permissions.read_scope(self.actor, permission)
        return self._scopes[permission]

    async def _owners_visible(
        self, permission: Permission, practitioner_ids: Sequence[int | None]
    ) -> list[bool]:
        """Whether each practitioner's data is in scope for `permission`."""
        scope = self.scope(permission)
        if scope.everyone:
            return [pid is not None for pid in practitioner_ids]
        if scope.nobody:
            return [False for _ in practitioner_ids]
        wanted = [pid for pid in practitioner_ids if pid is not None]
        rows = await self._practitioner_rows.load_many(wanted)
        departments = {row.id: row.department_id for row in rows if row is not None}  # type: ignore[attr-defined]
        return [
            pid is not None and pid in departments and scope.admits(pid, departments[pid])
            for pid in practitioner_ids
        ]

    async def one(self, loader: DataLoader[K, V | None], key: K) -> V:
        """For non-null edges: the row, or NOT_FOUND alike for missing and out of scope."""
        found = await loader.load(key)
        if found is None:
            raise permissions.not_visible()
        return found

    # --- scoped loads ------------------------------------------------------------------

    async def _filter(
        self, permission: Permission, rows: Sequence[Any], owner_ids: Sequence[int | None]
    ) -> list[Any]:
        visible = await self._owners_visible(permission, owner_ids)
        return [
            row if row is not None and ok else None for row, ok in zip(rows, visible, strict=True)
        ]

    async def _load_practitioners(self, keys: Sequence[int]) -> list[Practitioner | None]:
        rows = await self._practitioner_rows.load_many(keys)
        owners = [row.id if row is not None else None for row in rows]
        return await self._filter(Permission.READ_PRACTITIONERS, rows, owners)

    async def _load_privileges(self, keys: Sequence[int]) -> list[Privilege | None]:
        rows = await self._privilege_rows.load_many(keys)
        owners = [row.practitioner_id if row is not None else None for row in rows]  # type: ignore[attr-defined]
        return await self._filter(Permission.READ_PRIVILEGES, rows, owners)

    async def _load_cases(self, keys: Sequence[int]) -> list[CaseRecord | None]:
        rows = await self._case_rows.load_many(keys)
        owners = [row.practitioner_id if row is not None else None for row in rows]  # type: ignore[attr-defined]
        return await self._filter(Permission.READ_CASES, rows, owners)

    async def _load_evaluations(self, keys: Sequence[int]) -> list[Evaluation | None]:
        rows = await self._evaluation_rows.load_many(keys)
        privileges = await self._privilege_rows.load_many(
            [row.privilege_id for row in rows if row is not None]  # type: ignore[attr-defined]
        )
        owner_of = {p.id: p.practitioner_id for p in privileges if p is not None}  # type: ignore[attr-defined]
        owners = [owner_of.get(row.privilege_id) if row is not None else None for row in rows]  # type: ignore[attr-defined]
        return await self._filter(Permission.READ_PRIVILEGES, rows, owners)

    async def _load_overrides(self, keys: Sequence[int]) -> list[EmergencyOverride | None]:
        rows = await self._override_rows.load_many(keys)
        cases = await self._case_rows.load_many(
            [row.case_record_id for row in rows if row is not None]  # type: ignore[attr-defined]
        )
        owner_of = {c.id: c.practitioner_id for c in cases if c is not None}  # type: ignore[attr-defined]
        owners = [owner_of.get(row.case_record_id) if row is not None else None for row in rows]  # type: ignore[attr-defined]
        return await self._filter(Permission.READ_CASES, rows, owners)

    async def _load_registrations_by_practitioner(
        self, keys: Sequence[int]
    ) -> list[list[PracticeRegistration]]:
        """Registrations (多机构执业) of practitioners the actor may read: one query."""
        unique = list(set(keys))
        visible = await self._owners_visible(Permission.READ_PRACTITIONERS, unique)
        allowed = [key for key, ok in zip(unique, visible, strict=True) if ok]
        grouped: dict[int, list[PracticeRegistration]] = {key: [] for key in keys}
        if allowed:
            rows = await PracticeRegistration.filter(practitioner_id__in=allowed).order_by("id")
            for row in rows:
                grouped[row.practitioner_id].append(row)  # type: ignore[attr-defined]
        return [grouped[key] for key in keys]

    async def _load_privileges_by_practitioner(self, keys: Sequence[int]) -> list[list[Privilege]]:
        unique = list(set(keys))
        visible = await self._owners_visible(Permission.READ_PRIVILEGES, unique)
        allowed = [key for key, ok in zip(unique, visible, strict=True) if ok]
        grouped: dict[int, list[Privilege]] = {key: [] for key in keys}
        if allowed:
            for row in await Privilege.filter(practitioner_id__in=allowed).order_by("id"):
                grouped[row.practitioner_id].append(row)  # type: ignore[attr-defined]
        return [grouped[key] for key in keys]
