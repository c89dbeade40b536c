"""Issue 16: exports filter by institution; the FHIR bundle carries an Organization per
institution and a Location per campus; users bound to an institution export only its
data, the audit log included."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import httpx

from domain import auth, institutions, organisation
from tests import factories
from tests.factories import SYSTEM


def _auth(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


async def _two_institutions() -> dict[str, Any]:
    await factories.hospital()
    await institutions.create_institution(SYSTEM, code="CTY", name="县医院")
    await organisation.create_site(
        SYSTEM, code="CTY-MAIN", name="县医院本部", institution_code="CTY"
    )
    await organisation.create_department(SYSTEM, code="CTY-GS", name="普外科", site_code="CTY-MAIN")
    await factories.procedure()
    lead = await factories.practitioner("D0001")
    county = await factories.practitioner("C0001", department_code="CTY-GS")
    return {
        "lead": await factories.grant(lead),
        "county": await factories.grant(county, site_code="CTY-MAIN"),
    }


async def _token(name: str, roles: list[str], codes: list[str] | None = None) -> str:
    await auth.create_user(
        SYSTEM, username=name, password=factories.PASSWORD, roles=roles, institution_codes=codes
    )
    return (await auth.login(name, factories.PASSWORD)).token


def _staff(text: str) -> set[str]:
    return {row["staff_no"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}


async def test_privileges_csv_filters_by_institution(client: httpx.AsyncClient) -> None:
    made = await _two_institutions()
    auditor = await _token("auditor", ["AUDITOR"])
    county_auditor = await _token("cty.auditor", ["AUDITOR"], ["CTY"])
    url = "/export/privileges.csv?asOf=2026-12-01"
    everything = await client.get(url, headers=_auth(auditor))
    assert _staff(everything.text) == {"D0001", "C0001"}
    only = await client.get(url + "&institution=CTY", headers=_auth(auditor))
    assert _staff(only.text) == {"C0001"}
    bound = await client.get(url, headers=_auth(county_auditor))
    assert _staff(bound.text) == {"C0001"}
    other = await client.get(url + "&institution=MAIN", headers=_auth(county_auditor))
    assert other.status_code == 403
    xlsx = await client.get(
        "/export/privileges.xlsx?asOf=2026-12-01&institution=CTY", headers=_auth(auditor)
    )
    assert xlsx.status_code == 200
    # The audit log is divided by institution too (tests/api/test_audit_scope_api.py):
    # the county auditor exports and lists only the county's events.
    scoped = await client.get("/export/audit.ndjson", headers=_auth(county_auditor))
    assert scoped.status_code == 200
    exported = [json.loads(line) for line in scoped.text.splitlines()]
    assert ("Practitioner", str(made["county"].practitioner_id)) in {
        (e["entityType"], e["entityId"]) for e in exported
    }
    assert ("Privilege", str(made["lead"].id)) not in {
        (e["entityType"], e["entityId"]) for e in exported
    }
    listing = await factories.gql(client, "{ auditEvents { nodes { seq } } }", token=county_auditor)
    assert "errors" not in listing
    whole = await factories.gql(client, "{ auditEvents { nodes { seq } } }", token=auditor)
    assert "errors" not in whole


async def test_fhir_bundle_has_organizations_and_locations(client: httpx.AsyncClient) -> None:
    made = await _two_institutions()
    auditor = await _token("auditor", ["AUDITOR"])
    bundle = (await client.get("/export/fhir/PractitionerRole", headers=_auth(auditor))).json()
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Organization") == 2 and kinds.count("Location") == 2
    by_id = {e["resource"]["id"]: e["resource"] for e in bundle["entry"]}
    roles = [
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "PractitionerRole"
    ]
    for role in roles:
        location = by_id[role["location"][0]["reference"].split("/")[1]]
        organisation_ref = location["managingOrganization"]["reference"]
        assert organisation_ref == role["organization"]["reference"]
    county = (
        await client.get("/export/fhir/PractitionerRole?institution=CTY", headers=_auth(auditor))
    ).json()
    resources = [e["resource"] for e in county["entry"]]
    assert [r["name"] for r in resources if r["resourceType"] == "Organization"] == ["县医院"]
    assert [
        r["identifier"][0]["value"] for r in resources if r["resourceType"] == "Practitioner"
    ] == ["C0001"]
    assert len([r for r in resources if r["resourceType"] == "PractitionerRole"]) == 1
    assert made["county"].valid_from == date(2026, 1, 1)
