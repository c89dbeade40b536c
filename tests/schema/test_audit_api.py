"""Audit reads through GraphQL: the filtered log, an object's history, chain verification."""

from __future__ import annotations

import httpx

from schema import ids
from tests import factories
from tests.factories import gql


async def test_audit_events_filter_and_history(client: httpx.AsyncClient) -> None:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await factories.procedure()
    granted = await factories.grant(doctor)
    token = await factories.token_for("auditor", ["AUDITOR"])
    privilege_id = ids.encode("Privilege", granted.id)
    body = await gql(
        client,
        """query($id: ID) { auditEvents(filter: {entityId: $id}) {
        nodes { action entityType after } pageInfo { hasNextPage } } }""",
        {"id": privilege_id},
        token=token,
    )
    nodes = body["data"]["auditEvents"]["nodes"]
    assert [n["action"] for n in nodes] == [
        "privilege.request",
        "privilege.endorse",
        "privilege.approve",
    ]
    assert nodes[-1]["after"]["status"] == "ACTIVE"
    history = await gql(
        client,
        """query($id: ID!) { node(id: $id) { ... on Privilege {
        history(first: 2) { nodes { action } pageInfo { hasNextPage endCursor } } } } }""",
        {"id": privilege_id},
        token=token,
    )
    page = history["data"]["node"]["history"]
    assert [n["action"] for n in page["nodes"]] == ["privilege.request", "privilege.endorse"]
    assert page["pageInfo"]["hasNextPage"] is True
    actions = await gql(
        client,
        '{ auditEvents(filter: {action: "site.create"}) { nodes { entityType } } }',
        token=token,
    )
    assert actions["data"]["auditEvents"]["nodes"] == [{"entityType": "Site"}]
    bad = await gql(
        client,
        '{ auditEvents(filter: {from: "2026-12-01T00:00:00Z", '
        'to: "2026-01-01T00:00:00Z"}) { nodes { seq } } }',
        token=token,
    )
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION"
    verified = await gql(client, "{ verifyAuditChain { ok checked brokenSeq } }", token=token)
    assert verified["data"]["verifyAuditChain"]["ok"] is True
    head = await gql(
        client,
        '{ practitioner(staffNo: "D0001") { history { nodes { action } } } }',
        token=await factories.token_for("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"]),
    )
    assert head["errors"][0]["extensions"]["code"] == "FORBIDDEN"
