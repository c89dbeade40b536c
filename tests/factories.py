"""Small factories that build test data through the domain layer (so it is audited)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import httpx
from tortoise import connections

from domain import auth, catalogue, organisation
from domain.actors import Actor, system_actor
from domain.organisation import PractitionerInput
from models import Department, Practitioner, Procedure, Site, Specialty, User

SYSTEM = system_actor("tests")
PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


async def site(code: str = "MAIN", name: str = "总院") -> Site:
    return await organisation.create_site(SYSTEM, code=code, name=name)


async def specialty(code: str = "GS", name: str = "普通外科") -> Specialty:
    return await organisation.create_specialty(SYSTEM, code=code, name=name)


async def department(
    code: str = "GS1",
    name: str = "普外一科",
    site_code: str | None = None,
    day_surgery_approved: bool = True,
) -> Department:
    return await organisation.create_department(
        SYSTEM, code=code, name=name, site_code=site_code, day_surgery_approved=day_surgery_approved
    )


async def practitioner(
    staff_no: str | None = None,
    department_code: str = "GS1",
    specialty_code: str | None = "GS",
    title: str = "ATTENDING",
    **extra: Any,
) -> Practitioner:
    return await organisation.create_practitioner(
        SYSTEM,
        PractitionerInput(
            staff_no=staff_no or f"D{next(_counter):04d}",
            name="张伟",
            title=title,
            department_code=department_code,
            specialty_code=specialty_code,
            licence_no="110000000000001",
            **extra,
        ),
    )


async def procedure(
    code: str = "47.0901",
    grade: int = 2,
    specialty_code: str = "GS",
    day_surgery: bool = False,
    name: str = "腹腔镜下阑尾切除术",
    technique_code: str | None = None,
) -> Procedure:
    return await catalogue.create_procedure(
        SYSTEM,
        code=code,
        name=name,
        grade_value=grade,
        specialty_code=specialty_code,
        day_surgery=day_surgery,
        technique_code=technique_code,
    )


async def hospital() -> dict[str, Any]:
    """A default site, two departments of one specialty, a second specialty."""
    main = await site()
    gs = await specialty()
    ortho = await specialty("ORTH", "骨科")
    gs1 = await department()
    gs2 = await department("GS2", "普外二科", day_surgery_approved=False)
    orth1 = await department("ORTH1", "骨科一病区")
    return {"site": main, "gs": gs, "ortho": ortho, "gs1": gs1, "gs2": gs2, "orth1": orth1}


async def user(
    username: str,
    roles: list[str],
    *,
    department_codes: list[str] | None = None,
    practitioner_staff_no: str | None = None,
) -> User:
    return await auth.create_user(
        SYSTEM,
        username=username,
        password=PASSWORD,
        roles=roles,
        department_codes=department_codes,
        practitioner_staff_no=practitioner_staff_no,
    )


async def actor_for(user_obj: User) -> Actor:
    result = await auth.login(user_obj.username, PASSWORD)
    return await auth.authenticate(result.token)


async def token_for(username: str, roles: list[str], **kwargs: Any) -> str:
    await user(username, roles, **kwargs)
    return (await auth.login(username, PASSWORD)).token


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def committee_decision(meeting_on: Any = None) -> Any:
    from datetime import date

    from domain.committee import CommitteeInput

    return CommitteeInput(
        committee="手术分级管理委员会",
        meeting_on=meeting_on or date(2026, 1, 5),
        votes_for=7,
        votes_against=0,
        votes_abstain=1,
        minutes_ref="2026-01",
    )


async def grant(
    practitioner_obj: Practitioner,
    scope: str = "PROCEDURE",
    *,
    procedure_code: str | None = "47.0901",
    specialty_code: str | None = None,
    max_grade: int | None = None,
    technique_code: str | None = None,
    valid_from: Any = None,
    valid_until: Any = None,
    supervised_only: bool = False,
    site_code: str | None = None,
) -> Any:
    """Request, endorse and approve a privilege; returns the ACTIVE privilege."""
    from datetime import date

    from domain import privileges
    from domain.privileges import Approval, PrivilegeRequest

    request = PrivilegeRequest(
        scope=scope,
        practitioner_id=practitioner_obj.id,
        site_code=site_code,
        procedure_code=procedure_code if scope == "PROCEDURE" else None,
        specialty_code=specialty_code,
        max_grade=max_grade,
        technique_code=technique_code,
        supervised_only=supervised_only,
        valid_from=valid_from or date(2026, 1, 1),
        valid_until=valid_until or date(2027, 12, 31),
    )
    requested = await privileges.request_privilege(SYSTEM, request)
    endorsed = await privileges.endorse_privilege(SYSTEM, requested.id, requested.version)
    return await privileges.approve_privilege(
        SYSTEM, endorsed.id, endorsed.version, Approval(decision=committee_decision())
    )


async def as_owner(tables: Sequence[str], statements: str) -> None:
    """What an attacker with the owner's rights can do: switch off the append-only
    triggers of `tables` (SQLite: drop `<table>_no_update`/`_no_delete`; PostgreSQL:
    disable the table's user triggers), then run `statements`."""
    conn = connections.get("default")
    if conn.capabilities.dialect == "sqlite":
        guards = "".join(
            f"DROP TRIGGER IF EXISTS {table}_no_update; DROP TRIGGER IF EXISTS {table}_no_delete; "
            for table in tables
        )
    else:
        guards = "".join(f"ALTER TABLE {table} DISABLE TRIGGER USER; " for table in tables)
    await conn.execute_script(guards + statements)
