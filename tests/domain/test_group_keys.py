"""Issue 16, gap 2: API keys tied to institutions. A SCHEDULER key made for a member
hospital's OR system answers only for that institution, as a user bound to it does
(R56): decisions, bookings and cases for practitioners or campuses outside are refused
and write nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from domain import auth, bookings, cases, institutions, organisation
from domain import decision as decisions
from domain.actors import Actor
from domain.bookings import BookingInput
from domain.cases import CaseInput
from domain.decision import CheckInput
from domain.errors import DomainError, ErrorCode
from domain.institutions import RegistrationInput
from models import ApiKey, AuditEvent, Booking, CaseRecord
from tests import factories
from tests.factories import SYSTEM, gql

ON = date(2026, 11, 20)


@pytest.fixture
async def world(db: None) -> dict[str, Any]:
    """The default institution MAIN (campus MAIN, D0001) and a county member CTY (campus
    CTY-MAIN, C0001); V0001, staff at MAIN, is registered to practise at CTY too."""
    data = await factories.hospital()
    data["cty"] = await institutions.create_institution(
        SYSTEM, code="CTY", name="县人民医院", level="SECONDARY"
    )
    await organisation.create_site(SYSTEM, code="CTY-MAIN", name="县医院", institution_code="CTY")
    await organisation.create_department(SYSTEM, code="CTY-GS", name="普外科", site_code="CTY-MAIN")
    data["doctor"] = await factories.practitioner("D0001")
    data["county"] = await factories.practitioner("C0001", department_code="CTY-GS")
    data["expert"] = await factories.practitioner("V0001")
    await institutions.create_registration(
        SYSTEM, RegistrationInput(data["expert"].id, "CTY", "MULTI_SITE", date(2026, 1, 1), None)
    )
    await factories.procedure("47.0901", grade=2)
    return data


async def _key(creator: Actor, codes: list[str] | None, name: str = "县医院手麻系统") -> Actor:
    created = await auth.create_api_key(
        creator, name=name, roles=["SCHEDULER"], institution_codes=codes
    )
    assert created.secret is not None
    return await auth.authenticate(created.secret)


async def _user(name: str, roles: list[str], codes: list[str] | None) -> Actor:
    user = await auth.create_user(
        SYSTEM, username=name, password=factories.PASSWORD, roles=roles, institution_codes=codes
    )
    return await factories.actor_for(user)


async def _scheduler(kind: str) -> Actor:
    """A SCHEDULER for CTY: an API key, or a user, bound to it."""
    if kind == "key":
        return await _key(SYSTEM, ["CTY"])
    return await _user("cty.or", ["SCHEDULER"], ["CTY"])


def check(staff_no: str, site: str) -> CheckInput:
    return CheckInput(
        practitioner_staff_no=staff_no, procedure_code="47.0901", on=ON, site_code=site
    )


async def test_r56_a_key_is_bound_to_its_institutions(world: dict) -> None:
    key = await _key(SYSTEM, ["CTY"])
    assert key.kind == "api_key" and key.institution_ids == frozenset({world["cty"].id})
    stored = await ApiKey.get(id=key.id)
    assert stored.institution_ids == [world["cty"].id]
    # A key without institutionCodes answers for every institution, as before.
    assert (await _key(SYSTEM, None, "全院手麻")).institution_ids is None


async def test_r56_a_bound_admins_key_is_bound_within_its_institutions(world: dict) -> None:
    admin = await _user("cty.admin", ["ADMIN"], ["CTY"])
    assert (await _key(admin, ["CTY"])).institution_ids == frozenset({world["cty"].id})
    before = await ApiKey.all().count()
    for codes in (None, [], ["MAIN"], ["CTY", "MAIN"]):
        with pytest.raises(DomainError) as refused:
            await _key(admin, codes, f"wider {codes}")
        assert refused.value.code is ErrorCode.FORBIDDEN, codes
        assert refused.value.field == ["institutionCodes"]
    with pytest.raises(DomainError) as unknown:
        await _key(SYSTEM, ["NOPE"])
    assert unknown.value.code is ErrorCode.NOT_FOUND
    assert await ApiKey.all().count() == before


@pytest.mark.parametrize("kind", ["key", "user"])
async def test_r56_decisions_outside_the_institutions_are_refused(world: dict, kind: str) -> None:
    actor = await _scheduler(kind)
    answers = await decisions.check_many(
        actor, [check("C0001", "CTY-MAIN"), check("V0001", "CTY-MAIN")]
    )
    assert len(answers) == 2  # its staff, and who is registered there
    with pytest.raises(DomainError) as campus:
        await decisions.check_one(actor, check("V0001", "MAIN"))
    assert campus.value.code is ErrorCode.FORBIDDEN and campus.value.field == [
        "input",
        "siteCode",
    ]
    with pytest.raises(DomainError) as person:
        await decisions.check_many(actor, [check("C0001", "CTY-MAIN"), check("D0001", "CTY-MAIN")])
    assert person.value.code is ErrorCode.FORBIDDEN
    assert person.value.field == ["inputs", "1", "practitionerStaffNo"]
    # An unknown staff number gets the same answer (nothing revealed).
    with pytest.raises(DomainError) as unknown:
        await decisions.check_one(actor, check("X9999", "CTY-MAIN"))
    assert unknown.value.code is ErrorCode.FORBIDDEN
    assert unknown.value.message == person.value.message
    # An unbound key decides everywhere, as before.
    anywhere = await _key(SYSTEM, None, "全院手麻")
    assert len(await decisions.check_many(anywhere, [check("D0001", "MAIN")])) == 1


@pytest.mark.parametrize("kind", ["key", "user"])
async def test_r56_cases_and_bookings_outside_are_refused_and_write_nothing(
    world: dict, kind: str
) -> None:
    actor = await _scheduler(kind)
    recorded = await cases.record_case(
        actor,
        CaseInput(
            external_ref="CTY-1",
            practitioner_staff_no="C0001",
            procedure_code="47.0901",
            performed_on=ON,
            site_code="CTY-MAIN",
        ),
    )
    assert recorded.id
    cases_recorded = await AuditEvent.filter(action="case.record").count()
    for ref, staff_no, site, field in (
        ("MAIN-1", "D0001", "MAIN", "siteCode"),
        ("CTY-2", "D0001", "CTY-MAIN", "practitionerStaffNo"),
    ):
        with pytest.raises(DomainError) as refused:
            await cases.record_case(
                actor,
                CaseInput(
                    external_ref=ref,
                    practitioner_staff_no=staff_no,
                    procedure_code="47.0901",
                    performed_on=ON,
                    site_code=site,
                ),
            )
        assert refused.value.code is ErrorCode.FORBIDDEN and refused.value.field == [field]
    assert await CaseRecord.all().count() == 1
    booked = await bookings.register_bookings(
        actor,
        [
            BookingInput(
                external_ref="B-CTY",
                procedure_code="47.0901",
                scheduled_on=date(2026, 11, 30),
                practitioner_staff_no="V0001",
                site_code="CTY-MAIN",
            )
        ],
    )
    assert len(booked) == 1
    with pytest.raises(DomainError) as refused:
        await bookings.register_bookings(
            actor,
            [
                BookingInput(
                    external_ref="B-MAIN",
                    procedure_code="47.0901",
                    scheduled_on=date(2026, 11, 30),
                    practitioner_staff_no="V0001",
                    site_code="MAIN",
                )
            ],
        )
    assert refused.value.code is ErrorCode.FORBIDDEN
    assert await Booking.all().count() == 1
    assert await AuditEvent.filter(action="case.record").count() == cases_recorded


async def test_create_api_key_with_institution_codes_over_graphql(
    world: dict, client: httpx.AsyncClient
) -> None:
    token = await factories.token_for("root.admin", ["ADMIN"])
    body = await gql(
        client,
        """mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
             apiKey { name roles } secret userErrors { field code } } }""",
        {"input": {"name": "县医院手麻系统", "roles": ["SCHEDULER"], "institutionCodes": ["CTY"]}},
        token,
    )
    created = body["data"]["createApiKey"]
    assert created["userErrors"] == [] and created["secret"]
    query = """query($input: PrivilegeCheckInput!) { privilegeCheck(input: $input) { allowed } }"""
    here = {
        "practitionerStaffNo": "C0001",
        "procedureCode": "47.0901",
        "on": str(ON),
        "siteCode": "CTY-MAIN",
    }
    answer = await gql(client, query, {"input": here}, created["secret"])
    assert "errors" not in answer, answer
    elsewhere = {**here, "practitionerStaffNo": "V0001", "siteCode": "MAIN"}
    refused = await gql(client, query, {"input": elsewhere}, created["secret"])
    assert refused["data"] is None
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
