"""Issue 16 through GraphQL: institutions and campuses, registrations, practice scope,
temporary and trainee privileges, checks across institutions, and bad input refused
with typed userErrors and nothing changed."""

from __future__ import annotations

from typing import Any

import httpx

from domain import institutions, organisation
from models import PracticeRegistration, Privilege, Site
from schema import ids
from tests import factories
from tests.factories import SYSTEM, gql

ERRORS = "userErrors { field code message }"


async def _world() -> dict[str, Any]:
    await factories.hospital()
    await institutions.create_institution(SYSTEM, code="CTY", name="县医院", level="SECONDARY")
    await organisation.create_site(
        SYSTEM, code="CTY-MAIN", name="县医院本部", institution_code="CTY"
    )
    await organisation.create_department(SYSTEM, code="CTY-GS", name="普外科", site_code="CTY-MAIN")
    await factories.procedure()
    doctor = await factories.practitioner("D0001")
    await factories.grant(doctor)
    await factories.grant(doctor, site_code="CTY-MAIN")
    return {"doctor": doctor, "token": await factories.token_for("admin", ["ADMIN"])}


async def test_institutions_campuses_and_registrations(client: httpx.AsyncClient) -> None:
    world = await _world()
    token = world["token"]
    body = await gql(
        client,
        "{ institutions { nodes { code level isDefault campuses { code } } } "
        "sites { nodes { code institution { code } } } }",
        token=token,
    )
    assert "errors" not in body, body
    assert body["data"]["institutions"]["nodes"] == [
        {"code": "MAIN", "level": "UNGRADED", "isDefault": True, "campuses": [{"code": "MAIN"}]},
        {
            "code": "CTY",
            "level": "SECONDARY",
            "isDefault": False,
            "campuses": [{"code": "CTY-MAIN"}],
        },
    ]
    doctor_id = ids.encode("Practitioner", world["doctor"].id)
    create = (
        "mutation ($input: CreatePracticeRegistrationInput!) { createPracticeRegistration("
        "input: $input) { registration { kind validFrom institution { code } } " + ERRORS + " } }"
    )
    bad = await gql(
        client,
        create,
        {
            "input": {
                "practitionerId": doctor_id,
                "institutionCode": "CTY",
                "kind": "MULTI_SITE",
                "validFrom": "2026-12-01",
                "validUntil": "2026-11-01",
            }
        },
        token=token,
    )
    refused = bad["data"]["createPracticeRegistration"]["userErrors"][0]
    assert refused["code"] == "VALIDATION" and refused["field"][-1] == "validUntil"
    assert await PracticeRegistration.all().count() == 1  # the PRIMARY one only

    check = (
        '{ privilegeChecks(inputs: [{practitionerStaffNo: "D0001", procedureCode: "47.0901", '
        'on: "2026-12-01", siteCode: "MAIN"}, {practitionerStaffNo: "D0001", '
        'procedureCode: "47.0901", on: "2026-12-01", siteCode: "CTY-MAIN"}]) '
        "{ allowed reasons { code severity } } }"
    )
    before = await gql(client, check, token=token)
    assert [a["allowed"] for a in before["data"]["privilegeChecks"]] == [True, False]
    assert before["data"]["privilegeChecks"][1]["reasons"] == [
        {"code": "NOT_REGISTERED_AT_INSTITUTION", "severity": "BLOCKING"}
    ]
    ok = await gql(
        client,
        create,
        {
            "input": {
                "practitionerId": doctor_id,
                "institutionCode": "CTY",
                "kind": "MULTI_SITE",
                "validFrom": "2026-11-01",
            }
        },
        token=token,
    )
    assert ok["data"]["createPracticeRegistration"]["registration"] == {
        "kind": "MULTI_SITE",
        "validFrom": "2026-11-01",
        "institution": {"code": "CTY"},
    }
    after = await gql(client, check, token=token)
    assert [a["allowed"] for a in after["data"]["privilegeChecks"]] == [True, True]
    person = await gql(
        client,
        '{ practitioner(staffNo: "D0001") { category primaryInstitution { code } '
        "practiceRegistrations { kind institution { code } } } }",
        token=token,
    )
    assert person["data"]["practitioner"] == {
        "category": "STAFF",
        "primaryInstitution": {"code": "MAIN"},
        "practiceRegistrations": [
            {"kind": "PRIMARY", "institution": {"code": "MAIN"}},
            {"kind": "MULTI_SITE", "institution": {"code": "CTY"}},
        ],
    }
    listed = await gql(
        client,
        '{ practitioners(filter: {institutionCode: "CTY"}) { nodes { staffNo } } '
        'privileges(filter: {institutionCode: "CTY"}) { nodes { site { code } } } }',
        token=token,
    )
    assert listed["data"]["practitioners"]["nodes"] == [{"staffNo": "D0001"}]
    assert listed["data"]["privileges"]["nodes"] == [{"site": {"code": "CTY-MAIN"}}]


async def test_bad_group_input_is_refused_with_typed_errors(client: httpx.AsyncClient) -> None:
    world = await _world()
    token = world["token"]
    trainee = await factories.practitioner("T0001", category="TRAINEE")
    count = await Privilege.all().count()
    temporary = await gql(
        client,
        "mutation { grantTemporaryPrivilege(input: {scope: PROCEDURE, practitionerStaffNo: "
        '"D0001", procedureCode: "47.0901", validFrom: "2028-01-01", validUntil: "2028-12-31", '
        'reason: "急需"}) { privilege { id } ' + ERRORS + " } }",
        token=token,
    )
    errors = temporary["data"]["grantTemporaryPrivilege"]["userErrors"]
    assert errors[0]["code"] == "VALIDATION" and errors[0]["field"][-1] == "validUntil"
    unsupervised = await gql(
        client,
        'mutation { requestPrivilege(input: {scope: PROCEDURE, practitionerStaffNo: "T0001", '
        'procedureCode: "47.0901"}) { privilege { id } ' + ERRORS + " } }",
        token=token,
    )
    errors = unsupervised["data"]["requestPrivilege"]["userErrors"]
    assert errors[0]["code"] == "VALIDATION" and errors[0]["field"][-1] == "supervisedOnly"
    assert await Privilege.all().count() == count
    assert trainee.category == "TRAINEE"
    main = await Site.get(code="MAIN")
    moved = await gql(
        client,
        "mutation ($id: ID!) { moveSite(input: {id: $id, expectedVersion: 1, "
        'institutionCode: "CTY"}) { siteCode ' + ERRORS + " } }",
        {"id": ids.encode("Site", main.id)},
        token=token,
    )
    assert moved["data"]["moveSite"]["userErrors"][0]["code"] == "CONFLICT"
    assert (await Site.get(code="MAIN")).institution_id == main.institution_id  # type: ignore[attr-defined]
    scopes = await gql(
        client,
        'mutation { setSpecialtyPracticeScopes(input: {specialtyCode: "GS", '
        'practiceScopes: ["NOPE"]}) { practiceScopes { code } ' + ERRORS + " } }",
        token=token,
    )
    assert scopes["data"]["setSpecialtyPracticeScopes"]["userErrors"][0]["code"] == "VALIDATION"
    unmapped = await gql(client, "{ unmappedSpecialties { code } }", token=token)
    assert {"code": "GS"} in unmapped["data"]["unmappedSpecialties"]
