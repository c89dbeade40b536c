"""The privilege card (电子授权证书, issue 18 part 3).

A short-lived signed token (compact JWS, EdDSA, header `typ` = `credreg-card+jwt`)
listing the privileges a practitioner holds in force today. A nurse's phone or the OR
door checks it offline with the public keys; `verify_card` checks it online and says
whether anything on it changed since it was issued (a suspension after issue shows
here, while the offline check only sees the expiry: hence the short lifetime).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from domain import audit, clock, signing
from domain.actors import Actor, Role
from domain.errors import DomainError, ErrorCode
from domain.i18n import enum_label, msg
from models import Department, Practitioner, Privilege, Procedure, Site, Specialty, Technique

TYP = "credreg-card+jwt"
ISSUER = "credreg"
DEFAULT_MINUTES = 10
_lifetime = timedelta(minutes=DEFAULT_MINUTES)


def configure(minutes: int) -> None:
    """The card lifetime (CREDREG_CARD_MINUTES)."""
    global _lifetime
    _lifetime = timedelta(minutes=minutes)


def lifetime() -> timedelta:
    return _lifetime


async def _practitioner(staff_no: str) -> Practitioner:
    cleaned = (staff_no or "").strip()
    found = await Practitioner.get_or_none(staff_no=cleaned[:32]) if cleaned else None
    if found is None or len(cleaned) > 32:
        raise DomainError(
            ErrorCode.NOT_FOUND,
            msg("No practitioner has staff number {staff_no}", staff_no=cleaned[:32]),
            "staffNo",
        )
    return found


def _may_see(actor: Actor, practitioner: Practitioner) -> None:
    if not actor.authenticated:
        raise DomainError(ErrorCode.UNAUTHENTICATED, msg("Sign in first"))
    if actor.has(Role.ADMIN) or actor.kind == "system":
        return
    if actor.practitioner_id is not None and actor.practitioner_id == practitioner.id:
        return
    raise DomainError(
        ErrorCode.FORBIDDEN,
        msg("A privilege card may be seen only by the practitioner or the medical affairs office"),
    )


async def privileges_in_force(practitioner: Practitioner, on: date) -> list[dict[str, Any]]:
    """The card's lines: ACTIVE privileges whose term covers `on`, in a stable order."""
    rows = await Privilege.filter(
        practitioner_id=practitioner.id, status="ACTIVE", valid_from__lte=on, valid_until__gte=on
    ).order_by("id")
    sites = {s.id: s.code for s in await Site.all()}
    specialties = {
        s.id: s.code
        for s in await Specialty.filter(id__in=[r.specialty_id for r in rows if r.specialty_id])  # type: ignore[attr-defined]
    }
    techniques = {
        t.id: t.code
        for t in await Technique.filter(id__in=[r.technique_id for r in rows if r.technique_id])  # type: ignore[attr-defined]
    }
    names = {
        p.code: p.name
        for p in await Procedure.filter(
            code__in=[r.procedure_code for r in rows if r.procedure_code]
        )
    }
    lines = []
    for row in rows:
        line: dict[str, Any] = {
            "id": row.id,
            "scope": row.scope,
            "site": sites.get(row.site_id),  # type: ignore[attr-defined]
            "validUntil": row.valid_until.isoformat() if row.valid_until else None,
        }
        if row.procedure_code:
            line["procedureCode"] = row.procedure_code
            line["procedureName"] = names.get(row.procedure_code)
        if row.specialty_id:  # type: ignore[attr-defined]
            line["specialty"] = specialties.get(row.specialty_id)  # type: ignore[attr-defined]
        if row.max_grade is not None:
            line["maxGrade"] = row.max_grade
        if row.technique_id:  # type: ignore[attr-defined]
            line["technique"] = techniques.get(row.technique_id)  # type: ignore[attr-defined]
        if row.supervised_only:
            line["supervisedOnly"] = True
        lines.append(line)
    return lines


@dataclass
class Card:
    token: str
    claims: dict[str, Any]


async def issue_card(actor: Actor, staff_no: str) -> Card:
    practitioner = await _practitioner(staff_no)
    _may_see(actor, practitioner)
    today = clock.today()
    now = clock.now()
    department = await Department.get_or_none(id=practitioner.department_id)  # type: ignore[attr-defined]
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "sub": practitioner.staff_no,
        "name": practitioner.name,
        "title": practitioner.title,
        "department": department.name if department else None,
        "status": practitioner.status,
        "on": today.isoformat(),
        "privileges": await privileges_in_force(practitioner, today),
        "registryVersion": await audit.registry_version(),
        "iat": int(now.timestamp()),
        "exp": int((now + _lifetime).timestamp()),
    }
    return Card(token=signing.ring().sign(claims, TYP), claims=claims)


@dataclass
class CardCheck:
    valid: bool
    problem: str | None
    claims: dict[str, Any] | None
    changed_since: bool | None
    changes: list[str]
    current_registry_version: int | None


async def verify_card(token: str) -> CardCheck:
    """Online check: signature, type and expiry, then whether the practitioner's
    status or privileges in force on the card's day differ now from the card."""
    try:
        claims = signing.ring().verify(token.strip()[:20_000], TYP)
    except DomainError as error:
        return CardCheck(False, error.message, None, None, [], None)
    if int(claims.get("exp", 0)) < int(clock.now().timestamp()):
        # PyJWT checks expiry against the system clock; the domain clock decides here
        return CardCheck(
            False, msg("The privilege card has expired: show a new one"), claims, None, [], None
        )
    practitioner = await Practitioner.get_or_none(staff_no=str(claims.get("sub", ""))[:32])
    current = await audit.registry_version()
    if practitioner is None:
        return CardCheck(
            True, None, claims, True, [msg("The practitioner's record no longer exists")], current
        )
    changes: list[str] = []
    if practitioner.status != claims.get("status"):
        changes.append(
            msg(
                "The practitioner's status changed from {before} to {after}",
                before=enum_label("PractitionerStatus", str(claims.get("status"))),
                after=enum_label("PractitionerStatus", practitioner.status),
            )
        )
    now_lines = await privileges_in_force(practitioner, date.fromisoformat(claims["on"]))
    before = {line["id"]: line for line in claims.get("privileges", [])}
    after = {line["id"]: line for line in now_lines}
    for pid in sorted(before.keys() - after.keys()):
        changes.append(
            msg(
                "Privilege {privilege} is no longer in force (ended, suspended or revoked)",
                privilege=pid,
            )
        )
    for pid in sorted(after.keys() - before.keys()):
        changes.append(msg("New privilege {privilege}", privilege=pid))
    for pid in sorted(before.keys() & after.keys()):
        if before[pid] != after[pid]:
            changes.append(msg("Privilege {privilege} has changed", privilege=pid))
    return CardCheck(True, None, claims, bool(changes), changes, current)
