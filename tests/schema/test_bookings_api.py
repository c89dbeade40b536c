"""Issue 18 part 1 through GraphQL: typed errors, filters, impacts, acknowledgement."""

from __future__ import annotations

from typing import Any

import httpx

from domain import audit, booking_impacts, privileges
from models import Booking
from schema import ids
from tests import factories

REGISTER = """mutation($i: RegisterBookingInput!) { registerBooking(input: $i) {
    booking { id externalRef allowed status decision { allowed reasons { code } }
              practitioner { staffNo } }
    userErrors { field message code } } }"""
REGISTER_MANY = """mutation($i: [RegisterBookingInput!]!) { registerBookings(inputs: $i) {
    bookings { externalRef } userErrors { field message code } } }"""
BOOKINGS = """query($f: BookingFilterInput) { bookings(filter: $f) {
    nodes { externalRef allowed decision { reasons { code } } } } }"""
IMPACTS = """query($s: BookingImpactStatus) { bookingImpacts(status: $s) {
    nodes { id changeSeq changeAction oldAllowed newAllowed status version
            booking { externalRef } newDecision { allowed reasons { code } } } } }"""
ACK = """mutation($i: AcknowledgeBookingImpactInput!) { acknowledgeBookingImpact(input: $i) {
    bookingImpact { status acknowledgedBy } userErrors { field code message } } }"""


def _input(ref: str = "OR-1", **extra: Any) -> dict[str, Any]:
    return {
        "externalRef": ref,
        "procedureCode": "47.0901",
        "scheduledOn": "2026-12-01",
        "practitionerStaffNo": "D0001",
        **extra,
    }


async def _world() -> dict[str, Any]:
    await factories.hospital()
    surgeon = await factories.practitioner("D0001")
    await factories.procedure()
    privilege = await factories.grant(surgeon)
    return {"privilege": privilege, "token": await factories.token_for("orsystem", ["SCHEDULER"])}


async def test_r18_register_booking_and_list_by_decision(client: httpx.AsyncClient) -> None:
    world = await _world()
    body = await factories.gql(client, REGISTER, {"i": _input()}, world["token"])
    booking = body["data"]["registerBooking"]["booking"]
    assert booking["allowed"] is True and booking["practitioner"]["staffNo"] == "D0001"
    privilege = world["privilege"]
    await privileges.suspend_privilege(factories.SYSTEM, privilege.id, privilege.version, "调查")
    await booking_impacts.process_pending()

    denied = await factories.gql(client, BOOKINGS, {"f": {"allowed": False}}, world["token"])
    nodes = denied["data"]["bookings"]["nodes"]
    assert [n["externalRef"] for n in nodes] == ["OR-1"]
    assert "PRIVILEGE_SUSPENDED" in [r["code"] for r in nodes[0]["decision"]["reasons"]]

    impacts = await factories.gql(client, IMPACTS, {"s": "OPEN"}, world["token"])
    (impact,) = impacts["data"]["bookingImpacts"]["nodes"]
    assert impact["changeAction"] == "privilege.suspend"
    assert impact["booking"]["externalRef"] == "OR-1"
    assert (impact["oldAllowed"], impact["newAllowed"]) == (True, False)
    acked = await factories.gql(client, ACK, {"i": {"id": impact["id"]}}, world["token"])
    assert acked["data"]["acknowledgeBookingImpact"]["bookingImpact"]["status"] == "ACKNOWLEDGED"
    again = await factories.gql(client, ACK, {"i": {"id": impact["id"]}}, world["token"])
    assert again["data"]["acknowledgeBookingImpact"]["userErrors"][0]["code"] == (
        "INVALID_TRANSITION"
    )


async def test_r18_bad_booking_input_gets_user_errors_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    world = await _world()
    head = await audit.registry_version()
    for given, code, field in [
        (_input(practitionerStaffNo="NOSUCH"), "NOT_FOUND", ["input", "practitioner"]),
        (_input(scheduledOn="2026-11-01"), "VALIDATION", ["input", "scheduledOn"]),
        (_input(setting="DAY_SURGERY", emergency=True), "VALIDATION", ["input", "setting"]),
        (_input(practitionerId="bm9wZQ"), "VALIDATION", None),
    ]:
        body = await factories.gql(client, REGISTER, {"i": given}, world["token"])
        payload = body["data"]["registerBooking"]
        assert payload["booking"] is None
        assert payload["userErrors"][0]["code"] == code, payload
        if field is not None:
            assert payload["userErrors"][0]["field"] == field
    many = [_input(f"OR-{i}") for i in range(10_000)]
    body = await factories.gql(client, REGISTER_MANY, {"i": many}, world["token"])
    errors = body["data"]["registerBookings"]["userErrors"]
    assert errors[0]["code"] == "VALIDATION" and errors[0]["field"] == ["inputs"]
    assert "500" in errors[0]["message"] and "10000" in errors[0]["message"]
    assert await Booking.all().count() == 0
    assert await audit.registry_version() == head
    nobody = await factories.gql(client, REGISTER, {"i": _input()})
    assert nobody["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_r18_bookings_are_the_clients_own(client: httpx.AsyncClient) -> None:
    world = await _world()
    await factories.gql(client, REGISTER, {"i": _input()}, world["token"])
    other = await factories.token_for("orsystem2", ["SCHEDULER"])
    body = await factories.gql(client, BOOKINGS, {}, other)
    assert body["data"]["bookings"]["nodes"] == []
    admin = await factories.token_for("medaffairs", ["ADMIN"])
    body = await factories.gql(client, BOOKINGS, {}, admin)
    assert len(body["data"]["bookings"]["nodes"]) == 1
    head = await factories.token_for("head", ["DEPARTMENT_HEAD"], department_codes=["GS1"])
    body = await factories.gql(client, BOOKINGS, {}, head)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    booking = await Booking.get(external_ref="OR-1")
    body = await factories.gql(
        client,
        BOOKINGS,
        {"f": {"department": ids.encode("Department", 999_999), "site": None}},
        admin,
    )
    assert body["data"]["bookings"]["nodes"] == []
    assert booking.allowed is True
