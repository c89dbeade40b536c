"""SPEC sections 5 and 7: every kind of bad input gets a clean error and changes nothing.

Each test counts the registry's rows and the audit events before and after the bad
requests; a refusal that still wrote something, or a crash (HTTP 500, traceback text,
INTERNAL_ERROR) instead of a clean error, fails here. Tests that try many bad values
collect every wrong answer and report them together.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from domain import audit, clock, organisation
from models import (
    ApiKey,
    AuditEvent,
    Department,
    IdempotencyRecord,
    Practitioner,
    Session,
    Site,
    Specialty,
    User,
)
from schema import ids
from tests import factories
from tests.factories import gql

ERRORS = "userErrors { field message code }"
CREATE_SITE = (
    "mutation ($input: CreateSiteInput!) { createSite(input: $input) "
    "{ site { id code name } " + ERRORS + " } }"
)
CREATE_SPECIALTY = (
    "mutation ($input: CreateSpecialtyInput!) { createSpecialty(input: $input) "
    "{ specialty { id code name } " + ERRORS + " } }"
)
CREATE_DEPARTMENT = (
    "mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) "
    "{ department { id code name } " + ERRORS + " } }"
)
UPDATE_DEPARTMENT = (
    "mutation ($input: UpdateDepartmentInput!) { updateDepartment(input: $input) "
    "{ department { id name version } " + ERRORS + " } }"
)
CREATE_PRACTITIONER = (
    "mutation ($input: CreatePractitionerInput!) { createPractitioner(input: $input) "
    "{ practitioner { id staffNo name nationalIdMasked version } " + ERRORS + " } }"
)
UPDATE_PRACTITIONER = (
    "mutation ($input: UpdatePractitionerInput!) { updatePractitioner(input: $input) "
    "{ practitioner { id name practiceScope nationalIdMasked version } " + ERRORS + " } }"
)
REVOKE_API_KEY = (
    "mutation ($id: ID!) { revokeApiKey(input: {id: $id}) { apiKey { id } " + ERRORS + " } }"
)
NODE = "query ($id: ID!) { node(id: $id) { id } }"
SITES = "{ sites { nodes { code } } }"


def national_id(first17: str) -> str:
    """A resident id with a correct GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def mask(number: str) -> str:
    return number[:4] + "*" * 10 + number[-4:]


def raw_id(text: str) -> str:
    """What a client forging a global id would send."""
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


async def state() -> dict[str, int]:
    """Row counts of everything a request could write, and the audit log's length."""
    return {
        "site": await Site.all().count(),
        "specialty": await Specialty.all().count(),
        "department": await Department.all().count(),
        "practitioner": await Practitioner.all().count(),
        "user": await User.all().count(),
        "api_key": await ApiKey.all().count(),
        "session": await Session.all().count(),
        "idempotency": await IdempotencyRecord.all().count(),
        "audit": await AuditEvent.all().count(),
    }


async def rows() -> dict[str, Any]:
    """The columns updates could touch, with versions, for before/after comparison."""
    departments = await Department.all().order_by("id").values_list("id", "version", "name")
    practitioners = (
        await Practitioner.all()
        .order_by("id")
        .values_list("id", "version", "name", "staff_no", "practice_scope", "national_id_masked")
    )
    return {"departments": list(departments), "practitioners": list(practitioners)}


def top_codes(body: dict[str, Any]) -> list[str | None]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


def the_user_error(body: dict[str, Any], name: str) -> tuple[str, list[str] | None]:
    """(code, field) of the single userError of mutation `name`; no top-level errors."""
    assert "errors" not in body, body
    payload = body["data"][name]
    assert len(payload["userErrors"]) == 1, payload
    objects = [value for key, value in payload.items() if key != "userErrors"]
    assert objects == [None] * len(objects), payload  # a refused mutation returns no object
    error = payload["userErrors"][0]
    return error["code"], error["field"]


def auth_header(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


@pytest.fixture
async def world(client: httpx.AsyncClient) -> dict[str, Any]:
    made = await factories.hospital()
    made["doctor"] = await factories.practitioner("D0001", department_code="GS1")
    made["admin"] = await factories.token_for("admin", ["ADMIN"])
    made["auditor"] = await factories.token_for("auditor", ["AUDITOR"])
    return made


@pytest.fixture
async def http(client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """The same app, but a crash comes back as the HTTP 500 a real server sends instead
    of being raised into the test, so the test can report the status."""
    app = client._transport.app  # type: ignore[attr-defined]
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as lenient:
        yield lenient


# --- HTTP level: body, content type, method ------------------------------------------

UNPARSEABLE_BODIES = [
    b"{",
    b'{"query": ',
    b"not json at all",
    b"",
    b"\xff\xfe\x00garbage",
    b'{"query": "{ sites { nodes { code } } }"',
    b"[]",
    b'[{"query": "{ sites { nodes { code } } }"}]',  # batching is off (SPEC 7)
    b'{"query": 42}',
    b'{"query": null}',
    b'{"query": "{ sites { nodes { code } } }", "variables": "nope"}',
    b'{"query": "{ sites { nodes { code } } }", "variables": [1, 2]}',
]
# Valid JSON, but not a GraphQL request object.
NON_OBJECT_BODIES = [b'"just a string"', b"42", b"null", b"true"]


async def _statuses(
    http: httpx.AsyncClient, token: str, bodies: list[bytes]
) -> list[tuple[bytes, int, str]]:
    wrong = []
    for body in bodies:
        response = await http.post(
            "/graphql",
            content=body,
            headers={**auth_header(token), "content-type": "application/json"},
        )
        if response.status_code != 400 or "Traceback" in response.text:
            wrong.append((body, response.status_code, response.text[:200]))
    return wrong


async def test_unparseable_json_body_is_a_400(
    http: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before = await state()
    wrong = await _statuses(http, world["admin"], UNPARSEABLE_BODIES)
    assert not wrong, "\n".join(map(str, wrong))
    assert await state() == before


async def test_json_body_that_is_not_an_object_is_a_400_not_a_500(
    http: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before = await state()
    wrong = await _statuses(http, world["admin"], NON_OBJECT_BODIES)
    assert not wrong, "\n".join(map(str, wrong))
    assert await state() == before


async def test_truncated_mutation_body_writes_nothing(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before = await state()
    document = 'mutation { createSite(input: {code: "S2", name: "分院"}) { site { id } } }'
    truncated = json.dumps({"query": document})[:-3].encode()
    response = await client.post(
        "/graphql",
        content=truncated,
        headers={**auth_header(world["admin"]), "content-type": "application/json"},
    )
    assert response.status_code == 400
    assert await state() == before


async def test_non_json_post_is_refused_with_415(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    """CSRF-style "simple" requests must not run a mutation (SPEC 5: JSON only)."""
    document = 'mutation { createSite(input: {code: "CSRF", name: "跨站"}) { site { id } } }'
    as_json = json.dumps({"query": document}).encode()
    multipart = (
        '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        + json.dumps({"query": document})
        + "\r\n--xyz--\r\n"
    ).encode()
    attempts = [
        ("text/plain", as_json),
        ("text/plain;charset=UTF-8", as_json),
        ("application/x-www-form-urlencoded", str(httpx.QueryParams({"query": document})).encode()),
        ("multipart/form-data; boundary=xyz", multipart),
        ("application/graphql", document.encode()),
        ("application/jsonp", as_json),
        (None, as_json),
    ]
    before = await state()
    wrong = []
    for content_type, content in attempts:
        headers = auth_header(world["admin"])
        if content_type is not None:
            headers["content-type"] = content_type
        response = await client.post("/graphql", content=content, headers=headers)
        code = (response.json().get("errors") or [{}])[0].get("extensions", {}).get("code")
        if (response.status_code, code) != (415, "UNSUPPORTED_MEDIA_TYPE"):
            wrong.append((content_type, response.status_code, response.text[:200]))
    assert not wrong, "\n".join(map(str, wrong))
    assert await state() == before
    assert not await Site.exists(code="CSRF")


async def test_mutation_over_get_is_refused(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before = await state()
    mutation = 'mutation { createSite(input: {code: "VIAGET", name: "分院"}) { site { id } } }'
    both = "query Q { sites { nodes { code } } } " + mutation.replace("mutation", "mutation M")
    for params in ({"query": mutation}, {"query": both, "operationName": "M"}):
        response = await client.get("/graphql", params=params, headers=auth_header(world["admin"]))
        assert response.status_code in {400, 405}, response.text
        assert "Traceback" not in response.text
    assert not await Site.exists(code="VIAGET")
    assert await state() == before
    # A query over GET is allowed (SPEC 5): the refusal above is about the mutation.
    response = await client.get(
        "/graphql", params={"query": SITES}, headers=auth_header(world["admin"])
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["sites"]["nodes"] == [{"code": "MAIN"}]


# --- GraphQL validation: unknown fields, suggestions ----------------------------------


async def test_unknown_input_field_is_a_validation_error(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before = await state()
    inline = await gql(
        client,
        'mutation { createSite(input: {code: "S2", name: "分院", colour: "red"}) '
        "{ site { id } userErrors { code } } }",
        token=world["admin"],
    )
    via_variables = await gql(
        client,
        CREATE_SITE,
        {"input": {"code": "S3", "name": "分院", "colour": "red"}},
        token=world["admin"],
    )
    for body in (inline, via_variables):
        assert body.get("data") is None, body
        assert len(body["errors"]) == 1
        assert "colour" in body["errors"][0]["message"]
    assert await state() == before


async def test_wrong_input_types_are_validation_errors(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    department_id = ids.encode("Department", world["gs1"].id)
    attempts = [
        (CREATE_SITE, {"input": {"code": ["S2"], "name": {"zh": "分院"}}}),
        (CREATE_SITE, {"input": {"code": "S2"}}),
        (CREATE_SITE, {"input": None}),
        (CREATE_SITE, {}),
        (UPDATE_DEPARTMENT, {"input": {"id": department_id, "expectedVersion": "one"}}),
        (UPDATE_DEPARTMENT, {"input": {"id": department_id, "expectedVersion": 2**40}}),
        (UPDATE_DEPARTMENT, {"input": {"id": department_id, "expectedVersion": 1.5}}),
        (UPDATE_DEPARTMENT, {"input": {"id": [1], "expectedVersion": 1, "name": "新名"}}),
    ]
    before_state, before_rows = await state(), await rows()
    for document, variables in attempts:
        body = await gql(client, document, variables, token=world["admin"])
        assert body.get("data") is None and body["errors"], (variables, body)
        assert "INTERNAL_ERROR" not in top_codes(body)
    assert await state() == before_state
    assert await rows() == before_rows


MISSPELLINGS = [
    ("{ sitez { nodes { code } } }", None, "sitez"),
    ("{ sites { nodes { cod } } }", None, "cod"),
    ("{ sites(firts: 5) { nodes { code } } }", None, "firts"),
    ('mutation { createSite(input: {code: "S2", nmae: "分院"}) { site { id } } }', None, "nmae"),
    (CREATE_SITE, {"input": {"code": "S2", "nmae": "分院"}}, "nmae"),
    (
        'mutation { createPractitioner(input: {staffNo: "X1", name: "李", '
        'title: RESIDNT, departmentCode: "GS1"}) { practitioner { id } } }',
        None,
        "RESIDNT",
    ),
    ("query ($f: Strng) { sites { nodes { code } } }", None, "Strng"),
]


async def test_errors_give_no_suggestions(client: httpx.AsyncClient, world: dict[str, Any]) -> None:
    """SPEC 7: no field suggestions, which would let a client map a closed schema.

    Covers misspelt fields, arguments, input fields (inline and in variables), enum
    values and type names.
    """
    before = await state()
    leaks = []
    for document, variables, misspelt in MISSPELLINGS:
        body = await gql(client, document, variables, token=world["auditor"])
        assert body.get("data") is None and body["errors"], body
        text = json.dumps(body["errors"], ensure_ascii=False)
        assert misspelt in text  # the error is about the misspelling ...
        if "Did you mean" in text:  # ... and hints at no real name
            leaks.append((misspelt, [e["message"] for e in body["errors"]]))
    assert not leaks, "\n".join(map(str, leaks))
    assert await state() == before


# --- global ids ------------------------------------------------------------------------

BAD_IDS = [
    "garbage",
    "",
    "!!!",
    "Zm9v",  # "foo"
    raw_id("Department:"),
    raw_id("Department:abc"),
    raw_id("Department:-1"),
    raw_id("Department:1.5"),
    raw_id("Department:" + "9" * 30),
    raw_id(":1"),
    base64.urlsafe_b64encode(b"\xff\xfe:1").decode(),
    "x" * 10_000,
]


async def test_invalid_global_ids_are_validation_user_errors(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before_state, before_rows = await state(), await rows()
    wrong = []
    for bad_id in BAD_IDS:
        for document, name in (
            (UPDATE_DEPARTMENT, "updateDepartment"),
            (UPDATE_PRACTITIONER, "updatePractitioner"),
        ):
            body = await gql(
                client,
                document,
                {"input": {"id": bad_id, "expectedVersion": 1, "name": "新名"}},
                token=world["admin"],
            )
            if the_user_error(body, name) != ("VALIDATION", ["id"]):
                wrong.append((name, bad_id[:40], body))
    assert not wrong, "\n".join(map(str, wrong))
    assert await state() == before_state
    assert await rows() == before_rows


async def test_id_of_another_type_is_a_validation_user_error(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before_state, before_rows = await state(), await rows()
    # The site and the department share primary key 1: the type must still be checked.
    assert world["site"].id == world["gs1"].id
    body = await gql(
        client,
        UPDATE_DEPARTMENT,
        {"input": {"id": ids.encode("Site", world["gs1"].id), "expectedVersion": 1, "name": "x"}},
        token=world["admin"],
    )
    assert the_user_error(body, "updateDepartment") == ("VALIDATION", ["id"])
    body = await gql(
        client,
        UPDATE_PRACTITIONER,
        {
            "input": {
                "id": ids.encode("Department", world["doctor"].id),
                "expectedVersion": 1,
                "name": "新名",
            }
        },
        token=world["admin"],
    )
    assert the_user_error(body, "updatePractitioner") == ("VALIDATION", ["id"])
    body = await gql(
        client,
        CREATE_DEPARTMENT,
        {"input": {"code": "NEW1", "name": "新科", "siteId": ids.encode("Specialty", 1)}},
        token=world["admin"],
    )
    assert the_user_error(body, "createDepartment") == ("VALIDATION", ["siteId"])
    body = await gql(
        client,
        CREATE_PRACTITIONER,
        {"input": {"staffNo": "X1", "name": "李", "title": "RESIDENT", "departmentId": "garbage"}},
        token=world["admin"],
    )
    assert the_user_error(body, "createPractitioner") == ("VALIDATION", ["departmentId"])
    body = await gql(client, REVOKE_API_KEY, {"id": ids.encode("User", 1)}, token=world["admin"])
    assert the_user_error(body, "revokeApiKey") == ("VALIDATION", ["id"])
    assert await state() == before_state
    assert await rows() == before_rows


async def test_well_formed_id_no_row_can_have_is_absent_not_a_crash(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    """Keys beyond the integer columns' range (e.g. int32 on PostgreSQL) are simply absent."""
    before = await state()
    wrong = []
    for pk in (2**31, 2**40, 2**63 - 1):
        body = await gql(
            client,
            UPDATE_DEPARTMENT,
            {"input": {"id": ids.encode("Department", pk), "expectedVersion": 1, "name": "x"}},
            token=world["admin"],
        )
        if "errors" in body or the_user_error(body, "updateDepartment") not in [
            ("NOT_FOUND", ["id"]),
            ("VALIDATION", ["id"]),
        ]:
            wrong.append(("updateDepartment", pk, body))
        body = await gql(client, NODE, {"id": ids.encode("Practitioner", pk)}, token=world["admin"])
        if body != {"data": {"node": None}} and top_codes(body) != ["VALIDATION"]:
            wrong.append(("node", pk, body))
        body = await gql(
            client,
            "query ($a: String) { practitioners(first: 5, after: $a) { nodes { id } } }",
            {"a": ids.encode_cursor(pk)},
            token=world["admin"],
        )
        if body != {"data": {"practitioners": {"nodes": []}}} and top_codes(body) != ["VALIDATION"]:
            wrong.append(("practitioners(after)", pk, body))
    assert not wrong, "\n".join(map(str, wrong))
    assert await state() == before


async def test_node_with_invalid_id_is_a_clean_error(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    for bad_id in ("garbage", raw_id("Site:-5"), raw_id("Site:x")):
        body = await gql(client, NODE, {"id": bad_id}, token=world["admin"])
        assert top_codes(body) == ["VALIDATION"], body
        assert body["errors"][0]["extensions"]["field"] == ["id"]
    for unknown_type in (raw_id("Nothing:1"), raw_id("User:1"), raw_id("Session:1")):
        body = await gql(client, NODE, {"id": unknown_type}, token=world["admin"])
        assert body == {"data": {"node": None}}, body


# --- too-long and malformed strings ------------------------------------------------------

LONG = "长" * 10_000


async def test_too_long_name_is_a_validation_user_error(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    attempts = [
        (CREATE_SITE, "createSite", {"code": "S2", "name": LONG}),
        (CREATE_SPECIALTY, "createSpecialty", {"code": "SP2", "name": LONG}),
        (CREATE_DEPARTMENT, "createDepartment", {"code": "D2", "name": LONG}),
        (
            CREATE_PRACTITIONER,
            "createPractitioner",
            {"staffNo": "X1", "name": LONG, "title": "RESIDENT", "departmentCode": "GS1"},
        ),
    ]
    before = await state()
    for document, name, input_ in attempts:
        body = await gql(client, document, {"input": input_}, token=world["admin"])
        assert the_user_error(body, name) == ("VALIDATION", ["name"]), name
        assert LONG[:300] not in json.dumps(body, ensure_ascii=False)  # not echoed back
    assert await state() == before


async def test_over_long_business_keys_in_lookups_are_clean_errors(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    """The ORM checks lookup values against the column length before any SQL: a key
    longer than any stored one is a clean validation error, never a masked crash."""
    key = "0" * 33
    before = await state()
    read = await gql(
        client,
        "query ($s: String!) { practitioner(staffNo: $s) { id } }",
        {"s": key},
        token=world["admin"],
    )
    assert read.get("data", {}).get("practitioner") is None
    codes = [e["extensions"]["code"] for e in read.get("errors", [])]
    assert "INTERNAL_ERROR" not in codes and all(c == "VALIDATION" for c in codes)
    written = await gql(
        client,
        "mutation ($input: RequestPrivilegeInput!) { requestPrivilege(input: $input) "
        "{ privilege { id } " + ERRORS + " } }",
        {
            "input": {
                "practitionerStaffNo": key,
                "scope": "PROCEDURE",
                "procedureCode": "47.0901",
                "validFrom": "2026-01-01",
                "validUntil": "2027-12-31",
            }
        },
        token=world["admin"],
    )
    assert the_user_error(written, "requestPrivilege")[0] in ("VALIDATION", "NOT_FOUND")
    assert await state() == before


async def test_bad_codes_and_names_are_validation_user_errors(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    attempts = [
        ("code", "X" * 10_000),
        ("code", ""),
        ("code", "has space"),
        ("code", "-lead"),
        # NUL is refused at the edge with a typed 400 naming its JSON path
        # (issue 13 item 11, tests/api/test_hostile_http.py).
        ("code", "ＧＳ３"),  # full-width letters
        ("name", ""),
        ("name", "   "),
        ("name", "line\nbreak"),
        ("name", "bell\u0007"),
    ]
    before = await state()
    wrong = []
    for field, value in attempts:
        values = {"code": "OK1", "name": "专业", field: value}
        body = await gql(client, CREATE_SPECIALTY, {"input": values}, token=world["admin"])
        if the_user_error(body, "createSpecialty") != ("VALIDATION", [field]):
            wrong.append((field, value[:20], body))
    assert not wrong, "\n".join(map(str, wrong))
    assert await state() == before


async def test_too_long_update_changes_nothing(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before_state, before_rows = await state(), await rows()
    body = await gql(
        client,
        UPDATE_PRACTITIONER,
        {
            "input": {
                "id": ids.encode("Practitioner", world["doctor"].id),
                "expectedVersion": 1,
                "name": "新名",
                "practiceScope": "外" * 10_000,
            }
        },
        token=world["admin"],
    )
    assert the_user_error(body, "updatePractitioner") == ("VALIDATION", ["practiceScope"])
    body = await gql(
        client,
        UPDATE_DEPARTMENT,
        {
            "input": {
                "id": ids.encode("Department", world["gs1"].id),
                "expectedVersion": 1,
                "name": LONG,
                "daySurgeryApproved": False,
            }
        },
        token=world["admin"],
    )
    assert the_user_error(body, "updateDepartment") == ("VALIDATION", ["name"])
    assert await state() == before_state
    assert await rows() == before_rows
    assert (await Department.get(id=world["gs1"].id)).day_surgery_approved is True


# --- duplicates, stale versions, idempotency -------------------------------------------


async def test_duplicate_code_is_a_duplicate_user_error_naming_the_field(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    attempts = [
        (CREATE_SITE, "createSite", {"code": "MAIN", "name": "另一总院"}, "code"),
        (CREATE_SITE, "createSite", {"code": " MAIN ", "name": "另一总院"}, "code"),
        (CREATE_SPECIALTY, "createSpecialty", {"code": "GS", "name": "另一普外"}, "code"),
        (CREATE_DEPARTMENT, "createDepartment", {"code": "GS1", "name": "另一科"}, "code"),
        (
            CREATE_PRACTITIONER,
            "createPractitioner",
            {"staffNo": "D0001", "name": "王芳", "title": "CHIEF", "departmentCode": "GS2"},
            "staffNo",
        ),
    ]
    before = await state()
    for document, name, input_, field in attempts:
        body = await gql(client, document, {"input": input_}, token=world["admin"])
        assert the_user_error(body, name) == ("DUPLICATE", [field]), (name, input_)
    assert await state() == before


async def test_the_same_create_twice_through_the_api_is_duplicate(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    """The first create succeeds; the identical second one is DUPLICATE and writes nothing."""
    attempts = [
        (CREATE_SITE, "createSite", {"code": "EAST", "name": "东院"}, "code"),
        (CREATE_SPECIALTY, "createSpecialty", {"code": "URO", "name": "泌尿外科"}, "code"),
        (CREATE_DEPARTMENT, "createDepartment", {"code": "URO1", "name": "泌尿一科"}, "code"),
        (
            CREATE_PRACTITIONER,
            "createPractitioner",
            {"staffNo": "D0900", "name": "王芳", "title": "CHIEF", "departmentCode": "URO1"},
            "staffNo",
        ),
    ]
    for document, name, input_, field in attempts:
        first = await gql(client, document, {"input": input_}, token=world["admin"])
        assert first["data"][name]["userErrors"] == [], first
        before = await state()
        second = await gql(client, document, {"input": input_}, token=world["admin"])
        assert the_user_error(second, name) == ("DUPLICATE", [field]), name
        assert await state() == before, name


async def test_update_practitioner_to_an_existing_staff_no_is_duplicate(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    other = await factories.practitioner("D0002", department_code="GS2")
    before_state, before_rows = await state(), await rows()
    body = await gql(
        client,
        UPDATE_PRACTITIONER,
        {
            "input": {
                "id": ids.encode("Practitioner", other.id),
                "expectedVersion": other.version,
                "staffNo": "D0001",
            }
        },
        token=world["admin"],
    )
    assert the_user_error(body, "updatePractitioner") == ("DUPLICATE", ["staffNo"])
    assert await state() == before_state
    assert await rows() == before_rows


async def test_stale_expected_version_is_a_conflict(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    doctor_id = ids.encode("Practitioner", world["doctor"].id)
    department_id = ids.encode("Department", world["gs1"].id)
    # Someone else updates first: both rows move to version 2.
    body = await gql(
        client,
        UPDATE_PRACTITIONER,
        {"input": {"id": doctor_id, "expectedVersion": 1, "practiceScope": "外科专业"}},
        token=world["admin"],
    )
    assert body["data"]["updatePractitioner"]["practitioner"]["version"] == 2, body
    body = await gql(
        client,
        UPDATE_DEPARTMENT,
        {"input": {"id": department_id, "expectedVersion": 1, "name": "普外一科(新)"}},
        token=world["admin"],
    )
    assert body["data"]["updateDepartment"]["department"]["version"] == 2, body

    before_state, before_rows = await state(), await rows()
    for expected in (1, 3, 0, -1, 2**31 - 1):
        body = await gql(
            client,
            UPDATE_PRACTITIONER,
            {"input": {"id": doctor_id, "expectedVersion": expected, "name": "李四"}},
            token=world["admin"],
        )
        assert the_user_error(body, "updatePractitioner") == (
            "CONFLICT",
            ["expectedVersion"],
        ), expected
        body = await gql(
            client,
            UPDATE_DEPARTMENT,
            {"input": {"id": department_id, "expectedVersion": expected, "name": "改名"}},
            token=world["admin"],
        )
        assert the_user_error(body, "updateDepartment") == (
            "CONFLICT",
            ["expectedVersion"],
        ), expected
    assert await state() == before_state
    assert await rows() == before_rows
    practitioner = await Practitioner.get(id=world["doctor"].id)
    assert (practitioner.name, practitioner.practice_scope, practitioner.version) == (
        "张伟",
        "外科专业",
        2,
    )


async def test_idempotency_key_replays_the_first_result_or_refuses_a_different_input(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    attempts = [
        (CREATE_SITE, "createSite", "site", {"code": "EAST", "name": "东院"}),
        (CREATE_SPECIALTY, "createSpecialty", "specialty", {"code": "URO", "name": "泌尿外科"}),
        (CREATE_DEPARTMENT, "createDepartment", "department", {"code": "URO1", "name": "泌尿"}),
        (
            CREATE_PRACTITIONER,
            "createPractitioner",
            "practitioner",
            {"staffNo": "D0900", "name": "王芳", "title": "CHIEF", "departmentCode": "GS1"},
        ),
    ]
    for document, name, field, values in attempts:
        input_ = {**values, "idempotencyKey": f"key-{name}"}
        first = await gql(client, document, {"input": input_}, token=world["admin"])
        assert first["data"][name]["userErrors"] == [], first
        created = first["data"][name][field]
        before = await state()
        again = await gql(client, document, {"input": input_}, token=world["admin"])
        assert again["data"][name]["userErrors"] == [], again
        assert again["data"][name][field] == created, name  # same id, same values
        assert await state() == before, name  # no new row and no new audit event

        changed = {**input_, "name": input_["name"] + "X"}
        reused = await gql(client, document, {"input": changed}, token=world["admin"])
        assert the_user_error(reused, name) == ("IDEMPOTENCY_KEY_REUSED", ["idempotencyKey"])
        assert await state() == before, name


async def test_idempotency_key_belongs_to_one_client(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    """Another client's identical key neither replays nor blocks: it is processed afresh."""
    other_admin = await factories.token_for("admin2", ["ADMIN"])
    input_ = {"code": "EAST", "name": "东院", "idempotencyKey": "shared-key"}
    first = await gql(client, CREATE_SITE, {"input": input_}, token=world["admin"])
    assert first["data"]["createSite"]["site"] is not None
    before = await state()
    second = await gql(client, CREATE_SITE, {"input": input_}, token=other_admin)
    assert the_user_error(second, "createSite") == ("DUPLICATE", ["code"])
    assert await state() == before


async def test_malformed_idempotency_key_is_validation(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    before = await state()
    for key in ("", "k" * 129, "bad\nkey"):
        body = await gql(
            client,
            CREATE_SITE,
            {"input": {"code": "EAST", "name": "东院", "idempotencyKey": key}},
            token=world["admin"],
        )
        assert the_user_error(body, "createSite") == ("VALIDATION", ["idempotencyKey"]), key
    assert await state() == before


# --- pagination ------------------------------------------------------------------------


async def test_page_size_out_of_range_is_a_top_level_validation_error(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    wrong = []
    for connection in ("sites", "specialties", "departments", "practitioners"):
        document = "query ($n: Int) { " + connection + "(first: $n) { nodes { id } } }"
        for first in (101, 0, -1, 1_000_000):
            body = await gql(client, document, {"n": first}, token=world["admin"])
            if (
                top_codes(body) != ["VALIDATION"]
                or body["errors"][0]["extensions"].get("field") != ["first"]
                or body.get("data") is not None
            ):
                wrong.append((connection, first, body))
        assert "errors" not in await gql(client, document, {"n": 100}, token=world["admin"])
    assert not wrong, "\n".join(map(str, wrong))


async def test_bad_cursor_is_a_validation_error(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    document = "query ($a: String) { practitioners(first: 10, after: $a) { nodes { id } } }"
    for cursor in ("garbage", raw_id("Practitioner:1"), raw_id("cursor:abc"), raw_id("cursor:-3")):
        body = await gql(client, document, {"a": cursor}, token=world["admin"])
        assert top_codes(body) == ["VALIDATION"], (cursor, body)
        assert body["errors"][0]["extensions"]["field"] == ["after"]


async def _many_practitioners(count: int, department: Department) -> None:
    """Straight through the ORM: this is about reads, and 250 audited writes are slow."""
    now = clock.now()
    await Practitioner.bulk_create(
        [
            Practitioner(
                staff_no=f"P{n:05d}",
                name=f"医生{n}",
                department=department,
                title="RESIDENT",
                created_at=now,
                updated_at=now,
            )
            for n in range(count)
        ]
    )


PAGE = """query ($after: String) { practitioners(first: 100, after: $after) {
  edges { cursor node { id staffNo } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""


async def _walk(client: httpx.AsyncClient, token: str) -> list[list[str]]:
    pages: list[list[str]] = []
    after = None
    for _ in range(10):
        body = await gql(client, PAGE, {"after": after}, token=token)
        assert "errors" not in body, body
        connection = body["data"]["practitioners"]
        edges = connection["edges"]
        pages.append([edge["node"]["staffNo"] for edge in edges])
        info = connection["pageInfo"]
        assert info["hasPreviousPage"] == (after is not None)
        assert info["startCursor"] == edges[0]["cursor"]
        assert info["endCursor"] == edges[-1]["cursor"]
        if not info["hasNextPage"]:
            return pages
        after = info["endCursor"]
    raise AssertionError("pagination never ended")


async def test_keyset_pagination_walks_250_once_in_a_stable_order(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    await _many_practitioners(249, world["gs2"])  # 250 with D0001
    pages = await _walk(client, world["admin"])
    assert [len(page) for page in pages] == [100, 100, 50]
    walked = [staff_no for page in pages for staff_no in page]
    assert len(walked) == len(set(walked)) == 250
    in_key_order = await Practitioner.all().order_by("id").values_list("staff_no", flat=True)
    assert walked == list(in_key_order)
    assert await _walk(client, world["admin"]) == pages  # the same pages every time


async def test_keyset_pagination_neither_skips_nor_repeats_under_inserts(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    await _many_practitioners(249, world["gs2"])
    body = await gql(client, PAGE, {"after": None}, token=world["admin"])
    connection = body["data"]["practitioners"]
    seen = [edge["node"]["staffNo"] for edge in connection["edges"]]
    after = connection["pageInfo"]["endCursor"]
    await factories.practitioner("LATE1", department_code="GS1")  # added while paging
    while after is not None:
        body = await gql(client, PAGE, {"after": after}, token=world["admin"])
        connection = body["data"]["practitioners"]
        seen += [edge["node"]["staffNo"] for edge in connection["edges"]]
        info = connection["pageInfo"]
        after = info["endCursor"] if info["hasNextPage"] else None
    assert len(seen) == len(set(seen)) == 251
    assert seen[-1] == "LATE1"


# --- national id -----------------------------------------------------------------------

FIRST_ID = national_id("11010519800101123")
SECOND_ID = national_id("44030619901231456")
WRONG_CHECK_DIGIT = FIRST_ID[:-1] + ("1" if FIRST_ID[-1] != "1" else "2")


async def _stored_text() -> str:
    """All audit event text and idempotency fingerprints, for leak checks."""
    events = await AuditEvent.all().values_list("before_json", "after_json", "reason")
    fingerprints = await IdempotencyRecord.all().values_list("fingerprint", flat=True)
    return json.dumps([list(e) for e in events] + list(fingerprints), ensure_ascii=False)


async def test_national_id_is_stored_and_returned_only_masked(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    assert mask(FIRST_ID) == "1101**********" + FIRST_ID[-4:]
    body = await gql(
        client,
        CREATE_PRACTITIONER,
        {
            "input": {
                "staffNo": "D0100",
                "name": "刘洋",
                "title": "ATTENDING",
                "departmentCode": "GS1",
                "nationalId": FIRST_ID,
                "idempotencyKey": "nid-1",
            }
        },
        token=world["admin"],
    )
    assert body["data"]["createPractitioner"]["userErrors"] == [], body
    created = body["data"]["createPractitioner"]["practitioner"]
    assert created["nationalIdMasked"] == mask(FIRST_ID)
    assert FIRST_ID not in json.dumps(body)

    # The raw row holds only the mask, in every column.
    row = await Practitioner.get(staff_no="D0100").values()
    assert row["national_id_masked"] == mask(FIRST_ID)
    assert FIRST_ID[4:14] not in json.dumps(row, default=str, ensure_ascii=False)

    # An update with another number (lower-case input is fine): the same rule.
    body = await gql(
        client,
        UPDATE_PRACTITIONER,
        {"input": {"id": created["id"], "expectedVersion": 1, "nationalId": SECOND_ID.lower()}},
        token=world["admin"],
    )
    assert body["data"]["updatePractitioner"]["userErrors"] == [], body
    assert body["data"]["updatePractitioner"]["practitioner"]["nationalIdMasked"] == mask(SECOND_ID)
    row = await Practitioner.get(staff_no="D0100").values()
    assert row["national_id_masked"] == mask(SECOND_ID)
    assert SECOND_ID[4:14] not in json.dumps(row, default=str, ensure_ascii=False)

    # Every read path returns the mask only.
    for document in (
        '{ practitioner(staffNo: "D0100") { nationalIdMasked } }',
        "{ practitioners(first: 100) { nodes { staffNo nationalIdMasked } } }",
        '{ node(id: "' + created["id"] + '") { ... on Practitioner { nationalIdMasked } } }',
    ):
        read = await gql(client, document, token=world["auditor"])
        assert "errors" not in read, read
        text = json.dumps(read)
        assert mask(SECOND_ID) in text
        assert FIRST_ID[4:14] not in text and SECOND_ID[4:14] not in text
    schema_fields = await gql(
        client, '{ __type(name: "Practitioner") { fields { name } } }', token=world["admin"]
    )
    names = {f["name"] for f in schema_fields["data"]["__type"]["fields"]}
    assert "nationalIdMasked" in names
    assert not {n for n in names if n.lower().startswith("nationalid")} - {"nationalIdMasked"}

    # Neither full number is anywhere in the audit log or the idempotency records.
    stored = await _stored_text()
    for number in (FIRST_ID, SECOND_ID):
        assert number[4:14] not in stored
    assert mask(FIRST_ID) in stored and mask(SECOND_ID) in stored  # the masks are audited


async def test_invalid_national_id_is_validation_and_stored_nowhere(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    attempts = [
        WRONG_CHECK_DIGIT,
        FIRST_ID[:17],  # 17 characters
        FIRST_ID + "5",  # 19 characters
        FIRST_ID[:17] + "A",
        FIRST_ID[:5] + "-" + FIRST_ID[6:],
        "",
        "一二三四五六七八九十一二三四五六七八",
    ]
    before_state, before_rows = await state(), await rows()
    for bad in attempts:
        body = await gql(
            client,
            CREATE_PRACTITIONER,
            {
                "input": {
                    "staffNo": "D0101",
                    "name": "刘洋",
                    "title": "ATTENDING",
                    "departmentCode": "GS1",
                    "nationalId": bad,
                }
            },
            token=world["admin"],
        )
        assert the_user_error(body, "createPractitioner") == ("VALIDATION", ["nationalId"]), bad
        if len(bad) >= 10:
            assert bad not in json.dumps(body, ensure_ascii=False)  # not echoed back
        body = await gql(
            client,
            UPDATE_PRACTITIONER,
            {
                "input": {
                    "id": ids.encode("Practitioner", world["doctor"].id),
                    "expectedVersion": 1,
                    "nationalId": bad,
                }
            },
            token=world["admin"],
        )
        assert the_user_error(body, "updatePractitioner") == ("VALIDATION", ["nationalId"]), bad
    assert await state() == before_state
    assert await rows() == before_rows
    stored = await _stored_text()
    assert WRONG_CHECK_DIGIT not in stored and WRONG_CHECK_DIGIT[4:14] not in stored


# --- unexpected errors -------------------------------------------------------------------


async def test_unexpected_error_in_a_query_is_masked_with_a_request_id(
    client: httpx.AsyncClient, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    async def explode(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("secret-internal-detail in /srv/credreg/domain/organisation.py")

    monkeypatch.setattr(organisation, "list_sites", explode)
    response = await client.post(
        "/graphql",
        json={"query": SITES},
        headers={**auth_header(world["admin"]), "x-request-id": "req-12345678"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["extensions"] == {"code": "INTERNAL_ERROR", "requestId": "req-12345678"}
    assert "req-12345678" in error["message"]
    assert response.headers["x-request-id"] == "req-12345678"
    for leak in ("secret-internal-detail", "RuntimeError", "Traceback", ".py", "explode"):
        assert leak not in response.text

    # Without a usable x-request-id the server makes one up, and reports the same one.
    response = await client.post(
        "/graphql",
        json={"query": SITES},
        headers={**auth_header(world["admin"]), "x-request-id": "<script>"},
    )
    (error,) = response.json()["errors"]
    generated = error["extensions"]["requestId"]
    assert generated and generated != "<script>"
    assert response.headers["x-request-id"] == generated
    assert "secret-internal-detail" not in response.text


async def test_unexpected_error_in_a_mutation_is_masked_and_rolls_back(
    client: httpx.AsyncClient, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    original_append = audit.append

    async def append_then_fail(*args: Any, **kwargs: Any) -> int:
        await original_append(*args, **kwargs)
        raise RuntimeError("disk on fire: /var/lib/credreg")

    before = await state()
    monkeypatch.setattr(audit, "append", append_then_fail)
    response = await client.post(
        "/graphql",
        json={"query": CREATE_SITE, "variables": {"input": {"code": "EAST", "name": "东院"}}},
        headers=auth_header(world["admin"]),
    )
    monkeypatch.setattr(audit, "append", original_append)
    assert response.status_code == 200
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "INTERNAL_ERROR"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
    assert "disk on fire" not in response.text and "Traceback" not in response.text
    # One transaction: neither the site nor its audit event survived the failure.
    assert not await Site.exists(code="EAST")
    assert await state() == before


# --- introspection ---------------------------------------------------------------------

INTROSPECTION = "{ __schema { types { name } } }"
TYPE_INTROSPECTION = '{ __type(name: "Practitioner") { name fields { name } } }'


async def test_introspection_refused_for_non_admins(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    head = await factories.token_for("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"])
    for token in (world["auditor"], head, None):
        for document in (INTROSPECTION, TYPE_INTROSPECTION):
            body = await gql(client, document, token=token)
            assert body.get("data") is None, body
            assert body["errors"], body
            assert "nationalIdMasked" not in json.dumps(body)
    # __typename is not schema introspection and stays available.
    assert await gql(client, "{ __typename }", token=world["auditor"]) == {
        "data": {"__typename": "Query"}
    }


async def test_introspection_allowed_for_admin_and_not_cached_across_callers(
    client: httpx.AsyncClient, world: dict[str, Any]
) -> None:
    assert (await gql(client, INTROSPECTION, token=world["auditor"])).get("data") is None
    body = await gql(client, INTROSPECTION, token=world["admin"])
    assert "errors" not in body, body
    names = {t["name"] for t in body["data"]["__schema"]["types"]}
    assert {"Practitioner", "Site", "UserError", "Query", "Mutation"} <= names
    # Validation results are cached; the admin's success must not open it for others.
    assert (await gql(client, INTROSPECTION, token=world["auditor"])).get("data") is None
    assert (await gql(client, INTROSPECTION)).get("data") is None
