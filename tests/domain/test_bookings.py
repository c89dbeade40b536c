"""Issue 18 part 1: watched bookings and the impacts audited changes have on them."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from typing import Any

import pytest

from domain import audit, booking_impacts, bookings, privileges, webhooks
from domain.actors import Actor, Role
from domain.bookings import BookingFilter, BookingInput, BookingUpdate
from domain.cases import CaseInput, record_case
from domain.errors import DomainError, DomainErrors, ErrorCode
from models import Booking, BookingImpact, CaseRecord, WebhookDelivery
from tests import factories

SCHEDULER = Actor(kind="api_key", id=901, name="or-system", roles=frozenset({Role.SCHEDULER}))
OTHER_SCHEDULER = Actor(kind="api_key", id=902, name="or-2", roles=frozenset({Role.SCHEDULER}))
ON = date(2026, 12, 1)


async def _world() -> dict[str, Any]:
    await factories.hospital()
    surgeon = await factories.practitioner("D0001")
    other = await factories.practitioner("D0002")
    await factories.procedure()
    privilege = await factories.grant(surgeon, valid_until=date(2027, 6, 30))
    await factories.grant(other)
    return {"surgeon": surgeon, "other": other, "privilege": privilege}


def _booking(ref: str = "OR-1", **extra: Any) -> BookingInput:
    values: dict[str, Any] = {
        "external_ref": ref,
        "procedure_code": "47.0901",
        "scheduled_on": ON,
        "practitioner_staff_no": "D0001",
    }
    values.update(extra)
    return BookingInput(**values)


async def _register(ref: str = "OR-1", **extra: Any) -> Booking:
    return (await bookings.register_bookings(SCHEDULER, [_booking(ref, **extra)]))[0]


async def test_r18_booking_stores_its_decision_and_is_idempotent(db: None) -> None:
    await _world()
    first = await _register()
    assert first.allowed is True
    assert json.loads(first.decision_json)["allowed"] is True
    assert first.decided_seq == await audit.registry_version() - 1
    again = await _register()
    assert again.id == first.id
    assert await Booking.all().count() == 1
    with pytest.raises(DomainError) as refused:
        await _register(scheduled_on=date(2026, 12, 2))
    assert refused.value.code is ErrorCode.IDEMPOTENCY_KEY_REUSED
    # the same ref from another client is another booking
    theirs = (await bookings.register_bookings(OTHER_SCHEDULER, [_booking()]))[0]
    assert theirs.id != first.id


async def test_r18_a_booking_without_privilege_is_stored_as_denied(db: None) -> None:
    await _world()
    await factories.practitioner("D0003")
    booking = await _register("OR-9", practitioner_staff_no="D0003")
    assert booking.allowed is False
    codes = [r["code"] for r in json.loads(booking.decision_json)["reasons"]]
    assert "NO_PRIVILEGE" in codes


async def test_r18_suspension_records_exactly_one_impact_and_one_delivery(db: None) -> None:
    world = await _world()
    await webhooks.register_webhook(
        factories.SYSTEM, url="https://or.example/hook", event_types=["booking.affected"]
    )
    booking = await _register()
    untouched = await _register("OR-2", practitioner_staff_no="D0002")
    privilege = world["privilege"]
    await privileges.suspend_privilege(factories.SYSTEM, privilege.id, privilege.version, "调查")
    suspend_seq = await audit.registry_version()

    first, second = await asyncio.gather(
        booking_impacts.process_pending(), booking_impacts.process_pending()
    )
    again = await booking_impacts.process_pending()
    assert sorted([len(first.impacts), len(second.impacts), len(again.impacts)]) == [0, 0, 1]

    impacts = await BookingImpact.all()
    assert len(impacts) == 1
    impact = impacts[0]
    assert impact.booking_id == booking.id  # type: ignore[attr-defined]
    assert impact.change_seq == suspend_seq
    assert impact.change_action == "privilege.suspend"
    assert (impact.old_allowed, impact.new_allowed) == (True, False)
    assert impact.status == "OPEN"
    stored = await Booking.get(id=booking.id)
    assert stored.allowed is False
    assert (await Booking.get(id=untouched.id)).allowed is True

    deliveries = await WebhookDelivery.filter(event_type="booking.affected")
    assert len(deliveries) == 1
    payload = json.loads(deliveries[0].payload)
    assert payload["data"]["externalRef"] == "OR-1"
    assert payload["data"]["newAllowed"] is False
    assert "PRIVILEGE_SUSPENDED" in payload["data"]["newReasons"]


async def test_r18_rescheduling_into_the_new_privileges_term_clears_the_impact(db: None) -> None:
    world = await _world()
    booking = await _register()
    privilege = world["privilege"]
    # R12/R13: no new privilege while the old one is suspended; revoked, a new one may start.
    await privileges.revoke_privilege(factories.SYSTEM, privilege.id, privilege.version, "吊销")
    await booking_impacts.process_pending()
    await factories.grant(
        world["surgeon"], valid_from=date(2026, 12, 10), valid_until=date(2027, 12, 31)
    )
    await booking_impacts.process_pending()
    assert (await Booking.get(id=booking.id)).allowed is False

    moved = await bookings.update_booking(
        SCHEDULER, BookingUpdate(external_ref="OR-1", scheduled_on=date(2026, 12, 15))
    )
    assert moved.allowed is True
    assert await BookingImpact.filter(status="OPEN").count() == 0
    assert await BookingImpact.filter(status="RESOLVED").count() >= 1
    # the booking's own change is not an impact
    before = await BookingImpact.all().count()
    await booking_impacts.process_pending()
    assert await BookingImpact.all().count() == before
    page = await bookings.list_bookings(SCHEDULER, BookingFilter(allowed=False), None, None)
    assert page.items == []


async def test_r18_changing_the_surgeon_decides_again(db: None) -> None:
    await _world()
    await factories.practitioner("D0003")
    await _register()
    changed = await bookings.update_booking(
        SCHEDULER, BookingUpdate(external_ref="OR-1", practitioner_staff_no="D0003")
    )
    assert changed.allowed is False
    assert changed.version == 2


async def test_r18_cancelled_and_past_bookings_are_not_watched(db: None, fixed_clock: Any) -> None:
    world = await _world()
    await _register()
    await _register("OR-2", scheduled_on=date(2026, 11, 25))
    await bookings.cancel_booking(SCHEDULER, "OR-1")
    fixed_clock.advance(days=2)  # OR-2's day is now past
    privilege = world["privilege"]
    await privileges.suspend_privilege(factories.SYSTEM, privilege.id, privilege.version, "调查")
    result = await booking_impacts.process_pending()
    assert result.impacts == []
    with pytest.raises(DomainError) as refused:
        await bookings.cancel_booking(SCHEDULER, "OR-1")
    assert refused.value.code is ErrorCode.INVALID_TRANSITION


async def test_r18_changes_blind_to_decisions_leave_bookings_alone(db: None) -> None:
    await _world()
    await _register()
    await factories.user("someone", ["AUDITOR"])
    result = await booking_impacts.process_pending()
    assert result.impacts == []
    assert result.processed_to == await audit.registry_version()


async def _state() -> tuple[int, int]:
    return await Booking.all().count(), await audit.registry_version()


async def test_r18_bad_input_gets_typed_errors_and_changes_nothing(db: None) -> None:
    await _world()
    await _register("OR-0")
    before = await _state()
    cases = [
        (_booking("A", practitioner_staff_no="NOSUCH"), ErrorCode.NOT_FOUND, "practitioner"),
        (_booking("B", scheduled_on=date(2026, 11, 23)), ErrorCode.VALIDATION, "scheduledOn"),
        (
            _booking("C", setting="DAY_SURGERY", emergency=True),
            ErrorCode.VALIDATION,
            "setting",
        ),
        (_booking("D", assistants=["NOSUCH"]), ErrorCode.NOT_FOUND, "assistants"),
        (_booking("E", site_code="NOSITE"), ErrorCode.NOT_FOUND, "site"),
        (_booking("F", procedure_code="99.9999"), ErrorCode.NOT_FOUND, "procedureCode"),
        (_booking("G", scheduled_on=date(2031, 1, 1)), ErrorCode.VALIDATION, "scheduledOn"),
        (
            _booking("H", practitioner_staff_no="D0001" + "X" * 40),
            ErrorCode.NOT_FOUND,
            "practitioner",
        ),
    ]
    for data, code, field in cases:
        with pytest.raises(DomainError) as refused:
            await bookings.register_bookings(SCHEDULER, [_booking("OK"), data])
        found = refused.value
        errors = found.errors if isinstance(found, DomainErrors) else [found]
        assert errors[0].code is code, errors
        assert errors[0].field == ["inputs", "1", field], errors
        assert await _state() == before  # the good booking of the batch is not kept
    with pytest.raises(DomainError) as refused:
        await bookings.register_bookings(SCHEDULER, [_booking(f"X{i}") for i in range(10_000)])
    assert refused.value.code is ErrorCode.VALIDATION
    assert "500" in refused.value.message
    with pytest.raises(DomainError) as refused:
        await bookings.update_booking(
            SCHEDULER, BookingUpdate(external_ref="OR-0", scheduled_on=date(2026, 1, 1))
        )
    assert refused.value.code is ErrorCode.VALIDATION
    with pytest.raises(DomainError) as refused:
        await bookings.update_booking(SCHEDULER, BookingUpdate(external_ref="NOPE"))
    assert refused.value.code is ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as refused:  # another client's booking is not yours
        await bookings.cancel_booking(OTHER_SCHEDULER, "OR-0")
    assert refused.value.code is ErrorCode.NOT_FOUND
    assert await _state() == before


async def test_r18_only_schedulers_and_medical_affairs_write_bookings(db: None) -> None:
    await _world()
    head = Actor(kind="user", id=5, name="head", roles=frozenset({Role.DEPARTMENT_HEAD}))
    with pytest.raises(DomainError) as refused:
        await bookings.register_bookings(head, [_booking()])
    assert refused.value.code is ErrorCode.FORBIDDEN
    with pytest.raises(DomainError):
        await bookings.list_bookings(head, BookingFilter(), None, None)


async def test_r18_acknowledging_an_impact(db: None) -> None:
    world = await _world()
    await _register()
    privilege = world["privilege"]
    await privileges.suspend_privilege(factories.SYSTEM, privilege.id, privilege.version, "调查")
    await booking_impacts.process_pending()
    page = await bookings.list_impacts(SCHEDULER, None, "OPEN", None, None)
    assert len(page.items) == 1
    impact = page.items[0]
    assert (await bookings.list_impacts(SCHEDULER, impact.change_seq, None, None, None)).items == []
    assert (await bookings.list_impacts(OTHER_SCHEDULER, None, None, None, None)).items == []
    with pytest.raises(DomainError) as refused:
        await bookings.acknowledge_impact(OTHER_SCHEDULER, impact.id)
    assert refused.value.code is ErrorCode.NOT_FOUND
    done = await bookings.acknowledge_impact(SCHEDULER, impact.id)
    assert done.status == "ACKNOWLEDGED" and done.acknowledged_by == "or-system"
    with pytest.raises(DomainError) as refused:
        await bookings.acknowledge_impact(SCHEDULER, impact.id)
    assert refused.value.code is ErrorCode.INVALID_TRANSITION


async def test_r18_record_case_links_the_booking(db: None, fixed_clock: Any) -> None:
    await _world()
    booking = await _register(scheduled_on=date(2026, 11, 24))
    case = await record_case(
        SCHEDULER,
        CaseInput(
            external_ref="CASE-1",
            procedure_code="47.0901",
            performed_on=date(2026, 11, 24),
            practitioner_staff_no="D0002",
            booking_ref="OR-1",
        ),
    )
    linked = await Booking.get(id=booking.id)
    assert linked.case_record_id == case.id  # type: ignore[attr-defined]
    with pytest.raises(DomainError) as refused:
        await record_case(
            SCHEDULER,
            CaseInput(
                external_ref="CASE-2",
                procedure_code="47.0901",
                performed_on=date(2026, 11, 24),
                practitioner_staff_no="D0001",
                booking_ref="NOPE",
            ),
        )
    assert refused.value.code is ErrorCode.NOT_FOUND
    assert await CaseRecord.all().count() == 1


async def test_r18_a_lapsing_licence_and_a_department_change_are_impacts(db: None) -> None:
    from domain import organisation
    from domain.organisation import PractitionerInput
    from models import Department, Practitioner

    world = await _world()
    await _register()
    await _register("OR-DS", setting="DAY_SURGERY")
    surgeon = await Practitioner.get(id=world["surgeon"].id)
    await organisation.update_practitioner(
        factories.SYSTEM,
        surgeon.id,
        surgeon.version,
        PractitionerInput(licence_valid_until=date(2026, 11, 30)),
    )
    licence_seq = await audit.registry_version()
    result = await booking_impacts.process_pending()
    assert len(result.impacts) == 2
    impacts = await BookingImpact.all().order_by("id")
    assert {i.change_seq for i in impacts} == {licence_seq}
    assert all("LICENCE_EXPIRED" in i.new_decision_json for i in impacts)

    # a department leaves day surgery: not a practitioner event, so every watched
    # booking is decided again; only the day-surgery booking changes further
    department = await Department.get(code="GS1")
    await organisation.update_department(
        factories.SYSTEM, department.id, department.version, day_surgery_approved=False
    )
    result = await booking_impacts.process_pending()
    (changed,) = await BookingImpact.filter(id__in=result.impacts).prefetch_related("booking")
    assert changed.booking.external_ref == "OR-DS"
    assert changed.change_action == "department.update"
