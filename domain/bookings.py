"""Watched bookings (issue 18): an OR system registers the operations it has planned,
credreg stores the decision each one gets at that moment, and the impact watcher
(domain/booking_impacts.py) records when an audited change alters it.

Bookings belong to the client that registered them (API key or user): `externalRef` is
unique per client, and registering the same booking again returns it unchanged.
Writes need RECORD_CASE (the OR system's write right: SCHEDULER and ADMIN); reads are
for those and for AUDITOR (READ_AUDIT). A scheduler sees only its own bookings.

Every decision here goes through `decide_checks`, the one adapter into the decision
module. It runs inside the write transaction with the audit head locked, so a
booking's stored decision is exactly that of the registry version it records, and no
audited change can commit between the decision and the booking (the watcher, which
takes the same lock, always sees a booking together with the version it was decided at).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from domain import audit, clock, permissions, sql, validation
from domain import decision as decisions
from domain.actors import Actor, Role
from domain.catalogue import procedure_code
from domain.decision import CheckInput, Decision, Setting
from domain.decision.cache import CATALOGUE_TYPES, NO_DECISION_EFFECT
from domain.errors import DomainError, DomainErrors, ErrorCode, not_found
from domain.i18n import msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.writes import WriteContext, run_write
from models import Booking, BookingImpact, CaseRecord, Practitioner, Procedure, Site

MAX_BATCH = 500
MAX_ASSISTANTS = 10
MAX_DAYS_AHEAD = 730
# Audit entity types of the bookings themselves: nothing a decision reads.
BOOKING_TYPES = frozenset({"Booking", "BookingImpact"})


# --- the one adapter into the decision module ---------------------------------------


async def decide_checks(checks: list[CheckInput]) -> list[Decision]:
    """Decide `checks` at the registry version the current transaction sees. Callers
    hold the audit head lock (`lock_head`), so that version cannot move meanwhile.
    (Uncached on purpose: the decision cache may share a load with requests outside
    this transaction, which on SQLite would wait on the connection this one holds.)"""
    if not checks:
        return []
    snap = await decisions.load_snapshot(checks)
    version = await audit.registry_version()
    return [decisions.decide(check, snap, version) for check in checks]


def decision_blind_types() -> frozenset[str]:
    """Audit entity types whose changes no decision reads."""
    return NO_DECISION_EFFECT | BOOKING_TYPES


def catalogue_types() -> frozenset[str]:
    return CATALOGUE_TYPES


async def lock_head() -> int:
    """Take the audit head lock for the rest of the transaction (every audited change
    needs it to commit); returns the head seq."""
    row = await sql.fetch_one(f"SELECT seq FROM audit_head WHERE id = 1{sql.for_update()}")
    return int(row["seq"]) if row else 0


# --- decisions as stored ---------------------------------------------------------------


def decision_record(d: Decision) -> dict[str, Any]:
    return {
        "allowed": d.allowed,
        "requiresMdt": d.requires_mdt,
        "reasons": [
            {
                "code": r.code.value,
                "severity": r.severity.value,
                "message": r.message,
                "privilegeId": r.privilege_id,
            }
            for r in d.reasons
        ],
        "basisIds": d.basis_ids,
        "validUntil": d.valid_until.isoformat() if d.valid_until else None,
        "registryVersion": d.registry_version,
    }


def decision_text(d: Decision) -> str:
    return audit.canonical_json(decision_record(d))


def decision_key(record: dict[str, Any]) -> tuple[bool, bool, tuple[str, ...]]:
    """What counts as "the decision" for impacts: allowed, MDT, and the blocking and
    requirement reasons. Warnings (e.g. a privilege expiring soon) are not impacts."""
    codes = sorted(r["code"] for r in record["reasons"] if r["severity"] != "WARNING")
    return bool(record["allowed"]), bool(record["requiresMdt"]), tuple(codes)


def stored_decision(booking: Booking) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(booking.decision_json)
    return data


def check_of(booking: Booking) -> CheckInput:
    return CheckInput(
        procedure_code=booking.procedure_code,
        on=booking.scheduled_on,
        setting=Setting(booking.setting),
        practitioner_id=booking.practitioner_id,  # type: ignore[attr-defined]
        site_id=booking.site_id,  # type: ignore[attr-defined]
        supervisor_id=booking.supervisor_id,  # type: ignore[attr-defined]
        emergency=booking.emergency,
    )


# --- inputs -------------------------------------------------------------------------------


@dataclass
class BookingInput:
    external_ref: str
    procedure_code: str
    scheduled_on: date
    setting: str = "INPATIENT"
    practitioner_id: int | None = None
    practitioner_staff_no: str | None = None
    site_id: int | None = None
    site_code: str | None = None
    supervisor_id: int | None = None
    supervisor_staff_no: str | None = None
    scheduled_start: datetime | None = None
    assistants: list[str] = field(default_factory=list)
    mdt_ref: str | None = None
    emergency: bool = False


@dataclass
class BookingUpdate:
    external_ref: str
    expected_version: int | None = None
    scheduled_on: date | None = None
    scheduled_start: datetime | None = None
    practitioner_id: int | None = None
    practitioner_staff_no: str | None = None
    supervisor_id: int | None = None
    supervisor_staff_no: str | None = None
    remove_supervisor: bool = False
    site_id: int | None = None
    site_code: str | None = None
    procedure_code: str | None = None
    setting: str | None = None
    assistants: list[str] | None = None
    mdt_ref: str | None = None


def _digest(data: BookingInput) -> str:
    body = audit.canonical_json(asdict(data))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _at(prefix: list[str], name: str) -> list[str]:
    return [*prefix, name]


def _check_date(on: date, path: list[str]) -> None:
    today = clock.today()
    if on < today:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The operation date {on} has passed (today is {today}): a past date cannot be "
                "booked",
                on=on,
                today=today,
            ),
            path,
        )
    if on > today + timedelta(days=MAX_DAYS_AHEAD):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The operation date {on} is too far ahead (bookings reach at most {days} days "
                "ahead)",
                on=on,
                days=MAX_DAYS_AHEAD,
            ),
            path,
        )


async def _check_procedures(codes: list[str]) -> None:
    """A code the catalogue never had is a typo, not a booking to watch."""
    known = set(await Procedure.filter(code__in=sorted(set(codes))).values_list("code", flat=True))
    problems = [
        DomainError(
            ErrorCode.NOT_FOUND,
            msg("Procedure {code} is not in the procedure catalogue", code=code),
            ["inputs", str(index), "procedureCode"],
        )
        for index, code in enumerate(codes)
        if code not in known
    ]
    if problems:
        raise DomainErrors(problems)


def _check_setting(setting: str, emergency: bool, path: list[str]) -> Setting:
    chosen = validation.choice(path[-1], setting, Setting)
    if emergency and chosen is Setting.DAY_SURGERY:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "Day surgery is elective: an emergency cannot be booked as day surgery "
                "(DAY_SURGERY)"
            ),
            path,
        )
    return chosen


def _check_start(start: datetime | None, path: list[str]) -> None:
    if start is not None and start.tzinfo is None:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("The scheduled start (scheduledStart) needs a time zone"),
            path,
        )


def _clean_assistants(staff: list[str], path: list[str]) -> list[str]:
    if len(staff) > MAX_ASSISTANTS:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "At most {limit} assistants (this booking names {count})",
                limit=MAX_ASSISTANTS,
                count=len(staff),
            ),
            path,
        )
    return [validation.text(path[-1], s, max_length=32) for s in staff]


def _validate(data: BookingInput, prefix: list[str]) -> tuple[str, str, Setting, str | None]:
    ref = validation.text("externalRef", data.external_ref, max_length=128)
    try:
        code = procedure_code("procedureCode", data.procedure_code)
    except DomainError as error:
        raise DomainError(error.code, error.message, _at(prefix, "procedureCode")) from None
    setting = _check_setting(data.setting, data.emergency, _at(prefix, "setting"))
    _check_date(data.scheduled_on, _at(prefix, "scheduledOn"))
    _check_start(data.scheduled_start, _at(prefix, "scheduledStart"))
    _clean_assistants(data.assistants, _at(prefix, "assistants"))
    mdt = validation.text("mdtRef", data.mdt_ref, max_length=128, required=False) or None
    return ref, code, setting, mdt


async def _practitioner(
    staff_no: str | None, practitioner_id: int | None, path: list[str], required: bool = True
) -> Practitioner | None:
    if practitioner_id is not None:
        found = await Practitioner.get_or_none(id=practitioner_id)
    elif staff_no:
        cleaned = staff_no.strip()
        found = await Practitioner.get_or_none(staff_no=cleaned) if len(cleaned) <= 32 else None
    elif required:
        raise DomainError(
            ErrorCode.VALIDATION, msg("Name the operating surgeon (staffNo or id)"), path
        )
    else:
        return None
    if found is None:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            msg(
                "No practitioner has staff number {staff_no}", staff_no=staff_no or practitioner_id
            ),
            path,
        )
    return found


async def _site(code: str | None, site_id: int | None, path: list[str]) -> Site:
    if site_id is not None:
        site = await Site.get_or_none(id=site_id)
    elif code:
        cleaned = code.strip()
        site = await Site.get_or_none(code=cleaned) if len(cleaned) <= 32 else None
    else:
        site = await Site.get_or_none(is_default=True)
    if site is None:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            msg("Site {site} does not exist", site=code or site_id or "(默认)"),
            path,
        )
    return site


async def _assistants(staff: list[str], path: list[str]) -> list[str]:
    cleaned = [s.strip() for s in staff]
    if not cleaned:
        return []
    found = set(await Practitioner.filter(staff_no__in=cleaned).values_list("staff_no", flat=True))
    missing = [s for s in cleaned if s not in found]
    if missing:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            msg("No practitioner has these assistants' staff numbers: {missing}", missing=missing),
            path,
        )
    return cleaned


# --- writes -----------------------------------------------------------------------------


@write_operation(Permission.RECORD_CASE, "registerBookings")
async def register_bookings(actor: Actor, inputs: list[BookingInput]) -> list[Booking]:
    """All or nothing: every booking of the call is registered, or none (the first
    problem of each booking comes back with its index)."""
    if len(inputs) > MAX_BATCH:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "At most {limit} bookings per call (this call has {count}): send them in batches",
                limit=MAX_BATCH,
                count=len(inputs),
            ),
            "inputs",
        )
    if not inputs:
        return []
    problems: list[DomainError] = []
    cleaned: list[tuple[str, str, Setting, str | None]] = []
    seen: set[str] = set()
    for index, data in enumerate(inputs):
        prefix = ["inputs", str(index)]
        try:
            item = _validate(data, prefix)
        except DomainErrors as many:
            problems.extend(many.errors)
            continue
        except DomainError as error:
            if error.field and error.field[0] != "inputs":
                error.field = [*prefix, *error.field]
            problems.append(error)
            continue
        if item[0] in seen:
            problems.append(
                DomainError(
                    ErrorCode.VALIDATION,
                    msg("External reference {ref} appears twice in this submission", ref=item[0]),
                    _at(prefix, "externalRef"),
                )
            )
            continue
        seen.add(item[0])
        cleaned.append(item)
    if problems:
        raise DomainErrors(problems)

    async def apply(ctx: WriteContext) -> list[Booking]:
        await lock_head()
        await _check_procedures([item[1] for item in cleaned])
        results: list[Booking | None] = []
        pending: list[tuple[int, dict[str, Any]]] = []
        for index, (data, (ref, code, setting, mdt)) in enumerate(
            zip(inputs, cleaned, strict=True)
        ):
            prefix = ["inputs", str(index)]
            digest = _digest(data)
            existing = await Booking.get_or_none(client_key=actor.key, external_ref=ref)
            if existing is not None:
                if existing.content_digest != digest:
                    raise DomainError(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        msg(
                            "Booking {ref} was already recorded with different content; use "
                            "updateBooking to change it",
                            ref=ref,
                        ),
                        _at(prefix, "externalRef"),
                    )
                results.append(existing)
                continue
            practitioner = await _practitioner(
                data.practitioner_staff_no, data.practitioner_id, _at(prefix, "practitioner")
            )
            supervisor = await _practitioner(
                data.supervisor_staff_no, data.supervisor_id, _at(prefix, "supervisor"), False
            )
            site = await _site(data.site_code, data.site_id, _at(prefix, "site"))
            assistants = await _assistants(data.assistants, _at(prefix, "assistants"))
            assert practitioner is not None
            permissions.require_within_institutions(
                actor,
                site.institution_id,  # type: ignore[attr-defined]
                (practitioner.id, practitioner.department_id),  # type: ignore[attr-defined]
                _at(prefix, "site"),
                _at(prefix, "practitioner"),
            )
            values: dict[str, Any] = {
                "client_key": actor.key,
                "external_ref": ref,
                "content_digest": digest,
                "practitioner_id": practitioner.id,
                "supervisor_id": supervisor.id if supervisor else None,
                "assistants": assistants,
                "procedure_code": code,
                "site_id": site.id,
                "scheduled_on": data.scheduled_on,
                "scheduled_start": data.scheduled_start,
                "setting": setting.value,
                "emergency": data.emergency,
                "mdt_ref": mdt,
            }
            pending.append((len(results), values))
            results.append(None)
        checks = [
            CheckInput(
                procedure_code=v["procedure_code"],
                on=v["scheduled_on"],
                setting=Setting(v["setting"]),
                practitioner_id=v["practitioner_id"],
                site_id=v["site_id"],
                supervisor_id=v["supervisor_id"],
                emergency=v["emergency"],
            )
            for _, v in pending
        ]
        for (position, values), decision in zip(pending, await decide_checks(checks), strict=True):
            results[position] = await ctx.create(
                Booking,
                "booking.register",
                status="SCHEDULED",
                allowed=decision.allowed,
                decision_json=decision_text(decision),
                decided_seq=decision.registry_version,
                **values,
            )
        return [b for b in results if b is not None]

    return await run_write(actor, apply)


async def _own_booking(actor: Actor, ref: str, path: str = "externalRef") -> Booking:
    cleaned = validation.text("externalRef", ref, max_length=128)
    booking = await Booking.get_or_none(client_key=actor.key, external_ref=cleaned)
    if booking is None:
        raise DomainError(
            ErrorCode.NOT_FOUND, msg("Booking {ref} does not exist", ref=cleaned), path
        )
    return booking


async def own_booking(actor: Actor, ref: str, path: str = "externalRef") -> Booking:
    """The actor's own booking by its externalRef (recordCase reads its planned operator)."""
    return await _own_booking(actor, ref, path)


def _require_open(booking: Booking) -> None:
    if booking.status == "CANCELLED":
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            msg("Booking {ref} is cancelled", ref=booking.external_ref),
            "externalRef",
        )
    if booking.scheduled_on < clock.today():
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            msg(
                "The operation date {on} of booking {ref} has passed",
                ref=booking.external_ref,
                on=booking.scheduled_on,
            ),
            "externalRef",
        )


async def _resolve_open_impacts(ctx: WriteContext, booking: Booking, why: str) -> None:
    """Open impacts of a booking that is allowed again, or cancelled, need no action."""
    for impact in await BookingImpact.filter(booking_id=booking.id, status="OPEN"):
        await ctx.update(impact, "booking_impact.resolve", {"status": "RESOLVED"}, reason=why)


@write_operation(Permission.RECORD_CASE, "updateBooking")
async def update_booking(actor: Actor, data: BookingUpdate) -> Booking:
    """Reschedule, change surgeon, supervisor, site, procedure: the decision is taken
    again and stored; open impacts are resolved when the booking is allowed again."""
    if data.scheduled_on is not None:
        _check_date(data.scheduled_on, ["input", "scheduledOn"])
    _check_start(data.scheduled_start, ["input", "scheduledStart"])
    code = (
        procedure_code("procedureCode", data.procedure_code)
        if data.procedure_code is not None
        else None
    )
    assistants_in = (
        _clean_assistants(data.assistants, ["input", "assistants"])
        if data.assistants is not None
        else None
    )

    async def apply(ctx: WriteContext) -> Booking:
        await lock_head()
        booking = await _own_booking(actor, data.external_ref, "input.externalRef")
        _require_open(booking)
        changes: dict[str, Any] = {}
        if data.scheduled_on is not None:
            changes["scheduled_on"] = data.scheduled_on
        if data.scheduled_start is not None:
            changes["scheduled_start"] = data.scheduled_start
        if data.practitioner_id is not None or data.practitioner_staff_no:
            surgeon = await _practitioner(
                data.practitioner_staff_no, data.practitioner_id, ["input", "practitioner"]
            )
            assert surgeon is not None
            permissions.require_within_institutions(
                actor,
                (await Site.get(id=booking.site_id)).institution_id,  # type: ignore[attr-defined]
                (surgeon.id, surgeon.department_id),  # type: ignore[attr-defined]
                ["input", "site"],
                ["input", "practitioner"],
            )
            changes["practitioner_id"] = surgeon.id
        if data.remove_supervisor:
            changes["supervisor_id"] = None
        elif data.supervisor_id is not None or data.supervisor_staff_no:
            supervisor = await _practitioner(
                data.supervisor_staff_no, data.supervisor_id, ["input", "supervisor"]
            )
            assert supervisor is not None
            changes["supervisor_id"] = supervisor.id
        if data.site_id is not None or data.site_code:
            site = await _site(data.site_code, data.site_id, ["input", "site"])
            permissions.require_within_institutions(
                actor,
                site.institution_id,  # type: ignore[attr-defined]
                None,
                ["input", "site"],
            )
            changes["site_id"] = site.id
        if code is not None:
            try:
                await _check_procedures([code])
            except DomainErrors:
                raise DomainError(
                    ErrorCode.NOT_FOUND,
                    msg("Procedure {code} is not in the procedure catalogue", code=code),
                    ["input", "procedureCode"],
                ) from None
            changes["procedure_code"] = code
        if data.setting is not None:
            changes["setting"] = _check_setting(
                data.setting, booking.emergency, ["input", "setting"]
            ).value
        if assistants_in is not None:
            changes["assistants"] = await _assistants(assistants_in, ["input", "assistants"])
        if data.mdt_ref is not None:
            changes["mdt_ref"] = (
                validation.text("mdtRef", data.mdt_ref, max_length=128, required=False) or None
            )
        for name, value in changes.items():  # decide on the booking as it will be
            setattr(booking, name, value)
        decision = (await decide_checks([check_of(booking)]))[0]
        changes.update(
            allowed=decision.allowed,
            decision_json=decision_text(decision),
            decided_seq=decision.registry_version,
        )
        booking = await Booking.get(id=booking.id)  # the row as stored, for the audit
        updated = await ctx.update(
            booking, "booking.update", changes, expected_version=data.expected_version
        )
        if decision.allowed:
            await _resolve_open_impacts(ctx, updated, "预约改期或调整后授权已满足")
        return updated

    return await run_write(actor, apply)


@write_operation(Permission.RECORD_CASE, "cancelBooking")
async def cancel_booking(
    actor: Actor, external_ref: str, expected_version: int | None = None
) -> Booking:
    async def apply(ctx: WriteContext) -> Booking:
        await lock_head()
        booking = await _own_booking(actor, external_ref)
        _require_open(booking)
        cancelled = await ctx.update(
            booking,
            "booking.cancel",
            {"status": "CANCELLED", "cancelled_at": clock.now()},
            expected_version=expected_version,
        )
        await _resolve_open_impacts(ctx, cancelled, "预约已取消")
        return cancelled

    return await run_write(actor, apply)


async def link_case(ctx: WriteContext, actor: Actor, booking_ref: str, case: CaseRecord) -> None:
    """recordCase(bookingRef:): the performed case of a booking, for planned vs actual
    operator. Runs inside recordCase's transaction."""
    booking = await _own_booking(actor, booking_ref, "bookingRef")
    if booking.status == "CANCELLED":
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            msg(
                "Booking {ref} is cancelled: no case can be linked to it", ref=booking.external_ref
            ),
            "bookingRef",
        )
    linked = booking.case_record_id  # type: ignore[attr-defined]
    if linked is not None and linked != case.id:
        raise DomainError(
            ErrorCode.CONFLICT,
            msg("Booking {ref} is already linked to another case", ref=booking.external_ref),
            "bookingRef",
        )
    if linked is None:
        await ctx.update(booking, "booking.perform", {"case_record_id": case.id})


# --- reads ---------------------------------------------------------------------------------


def sees_all(actor: Actor) -> bool:
    return actor.has(Role.ADMIN) or actor.has(Role.AUDITOR) or actor.kind == "system"


def require_read(actor: Actor) -> None:
    permissions.require_authenticated(actor)
    if not (
        permissions.allowed(actor, Permission.RECORD_CASE)
        or permissions.allowed(actor, Permission.READ_AUDIT)
    ):
        raise DomainError(ErrorCode.FORBIDDEN, msg("Your role may not see operation bookings"))


@dataclass
class BookingFilter:
    scheduled_from: date | None = None
    scheduled_to: date | None = None
    site_id: int | None = None
    department_id: int | None = None
    allowed: bool | None = None
    status: str | None = None


async def list_bookings(
    actor: Actor, filter: BookingFilter, first: int | None, after: int | None
) -> Page[Booking]:
    require_read(actor)
    query = Booking.all()
    if not sees_all(actor):
        query = query.filter(client_key=actor.key)
    if filter.scheduled_from is not None:
        query = query.filter(scheduled_on__gte=filter.scheduled_from)
    if filter.scheduled_to is not None:
        query = query.filter(scheduled_on__lte=filter.scheduled_to)
    if filter.site_id is not None:
        query = query.filter(site_id=filter.site_id)
    if filter.department_id is not None:
        query = query.filter(practitioner__department_id=filter.department_id)
    if filter.allowed is not None:
        query = query.filter(allowed=filter.allowed)
    if filter.status is not None:
        if filter.status not in {"SCHEDULED", "CANCELLED"}:
            raise DomainError(
                ErrorCode.VALIDATION, msg("The status must be SCHEDULED or CANCELLED"), "status"
            )
        query = query.filter(status=filter.status)
    return await keyset(query, first, after)


async def get_booking(actor: Actor, booking_id: int) -> Booking | None:
    require_read(actor)
    booking = await Booking.get_or_none(id=booking_id)
    if booking is None or (not sees_all(actor) and booking.client_key != actor.key):
        return None
    return booking


IMPACT_STATUSES = ("OPEN", "ACKNOWLEDGED", "RESOLVED")


async def list_impacts(
    actor: Actor, since: int | None, status: str | None, first: int | None, after: int | None
) -> Page[BookingImpact]:
    """Impacts after audit seq `since` (the last change the caller has seen)."""
    require_read(actor)
    query = BookingImpact.all()
    if not sees_all(actor):
        query = query.filter(booking__client_key=actor.key)
    if since is not None:
        query = query.filter(change_seq__gt=since)
    if status is not None:
        if status not in IMPACT_STATUSES:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The status must be one of {statuses}", statuses=list(IMPACT_STATUSES)),
                "status",
            )
        query = query.filter(status=status)
    return await keyset(query, first, after)


@write_operation(Permission.RECORD_CASE, "acknowledgeBookingImpact")
async def acknowledge_impact(
    actor: Actor, impact_id: int, expected_version: int | None = None
) -> BookingImpact:
    async def apply(ctx: WriteContext) -> BookingImpact:
        impact = await BookingImpact.get_or_none(id=impact_id).prefetch_related("booking")
        if impact is None or (not sees_all(actor) and impact.booking.client_key != actor.key):
            raise not_found("BookingImpact", "", "id")
        if impact.status != "OPEN":
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg("This impact has already been handled ({status})", status=impact.status),
                "id",
            )
        return await ctx.update(
            impact,
            "booking_impact.acknowledge",
            {
                "status": "ACKNOWLEDGED",
                "acknowledged_by": actor.name,
                "acknowledged_at": clock.now(),
            },
            expected_version=expected_version,
        )

    return await run_write(actor, apply)
