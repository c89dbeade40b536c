"""Named permissions, the role matrix, and object-level scoping: the one place for both.

Role-level: `require(actor, Permission.X)` before anything is read or written.
Object-level: DEPARTMENT_HEAD acts only on practitioners of their own departments and
PRACTITIONER only on themselves; `practitioner_scope` turns that into a filter for
lists and `require_practitioner_access` into a check for one object.
"""

from __future__ import annotations

import time
from enum import StrEnum

from domain.actors import Actor, Role
from domain.errors import DomainError, ErrorCode
from domain.i18n import N_, msg


class Permission(StrEnum):
    READ_REFERENCE = "READ_REFERENCE"  # sites, departments, specialties, catalogue, techniques
    MANAGE_REFERENCE = "MANAGE_REFERENCE"
    READ_PRACTITIONERS = "READ_PRACTITIONERS"  # scoped per object for heads and practitioners
    MANAGE_PRACTITIONERS = "MANAGE_PRACTITIONERS"
    MANAGE_CATALOGUE = "MANAGE_CATALOGUE"
    MANAGE_TECHNIQUES = "MANAGE_TECHNIQUES"
    MANAGE_CALENDAR = "MANAGE_CALENDAR"
    MANAGE_USERS = "MANAGE_USERS"
    MANAGE_API_KEYS = "MANAGE_API_KEYS"
    READ_USERS = "READ_USERS"
    READ_PRIVILEGES = "READ_PRIVILEGES"  # scoped per object for heads and practitioners
    REQUEST_PRIVILEGE = "REQUEST_PRIVILEGE"
    ENDORSE_PRIVILEGE = "ENDORSE_PRIVILEGE"
    DECIDE_PRIVILEGE = "DECIDE_PRIVILEGE"  # committee approval / rejection
    MANAGE_PRIVILEGE = "MANAGE_PRIVILEGE"  # suspend, reinstate, revoke
    CHECK_PRIVILEGE = "CHECK_PRIVILEGE"
    RECORD_CASE = "RECORD_CASE"
    READ_CASES = "READ_CASES"
    MANAGE_REVIEWS = "MANAGE_REVIEWS"
    SUBMIT_EVALUATION = "SUBMIT_EVALUATION"
    DECIDE_EVALUATION = "DECIDE_EVALUATION"
    REVIEW_EMERGENCY = "REVIEW_EMERGENCY"
    READ_AUDIT = "READ_AUDIT"
    EXPORT = "EXPORT"
    QUERY_AS_OF = "QUERY_AS_OF"
    MANAGE_WEBHOOKS = "MANAGE_WEBHOOKS"


_READ_COMMON = {
    Permission.READ_REFERENCE,
    Permission.READ_PRACTITIONERS,
    Permission.READ_PRIVILEGES,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    # Issue 16: an ADMIN for every institution of the group, whatever institutions the
    # user is otherwise tied to.
    Role.GROUP_ADMIN: frozenset(Permission),
    Role.DEPARTMENT_HEAD: frozenset(
        _READ_COMMON
        | {
            Permission.REQUEST_PRIVILEGE,
            Permission.ENDORSE_PRIVILEGE,
            Permission.SUBMIT_EVALUATION,
            Permission.READ_CASES,
            Permission.CHECK_PRIVILEGE,
        }
    ),
    Role.COMMITTEE: frozenset(
        _READ_COMMON
        | {
            Permission.DECIDE_PRIVILEGE,
            Permission.DECIDE_EVALUATION,
            Permission.READ_CASES,
            Permission.CHECK_PRIVILEGE,
        }
    ),
    Role.SCHEDULER: frozenset(_READ_COMMON | {Permission.CHECK_PRIVILEGE, Permission.RECORD_CASE}),
    Role.AUDITOR: frozenset(
        _READ_COMMON
        | {
            Permission.READ_USERS,
            Permission.READ_CASES,
            Permission.CHECK_PRIVILEGE,
            Permission.READ_AUDIT,
            Permission.EXPORT,
            Permission.QUERY_AS_OF,
        }
    ),
    Role.PRACTITIONER: frozenset(
        _READ_COMMON | {Permission.REQUEST_PRIVILEGE, Permission.READ_CASES}
    ),
}

# Roles whose reads of practitioner-owned data are limited to some practitioners.
_SCOPED_ROLES = (Role.DEPARTMENT_HEAD, Role.PRACTITIONER)


def allowed(actor: Actor, permission: Permission) -> bool:
    return any(permission in ROLE_PERMISSIONS[role] for role in actor.roles)


def require_authenticated(actor: Actor) -> None:
    if not actor.authenticated:
        raise DomainError(ErrorCode.UNAUTHENTICATED, msg("Sign in first"))


def require(actor: Actor, permission: Permission) -> None:
    require_authenticated(actor)
    if not allowed(actor, permission):
        raise DomainError(
            ErrorCode.FORBIDDEN,
            msg("Your role does not allow this ({permission})", permission=permission.value),
        )


def _unscoped(actor: Actor, permission: Permission) -> bool:
    """True when some role of the actor grants the permission without object scoping."""
    return any(
        permission in ROLE_PERMISSIONS[role] and role not in _SCOPED_ROLES for role in actor.roles
    )


class PractitionerScope:
    """Which practitioners an actor may see or act on for a permission.

    `everyone` or the union of `department_ids` and `practitioner_ids`.
    """

    def __init__(
        self, everyone: bool, department_ids: frozenset[int], practitioner_ids: frozenset[int]
    ) -> None:
        self.everyone = everyone
        self.department_ids = department_ids
        self.practitioner_ids = practitioner_ids

    def admits(self, practitioner_id: int, department_id: int) -> bool:
        return (
            self.everyone
            or department_id in self.department_ids
            or practitioner_id in self.practitioner_ids
        )

    @property
    def nobody(self) -> bool:
        return not (self.everyone or self.department_ids or self.practitioner_ids)


def institution_bound(actor: Actor) -> bool:
    """True when the actor acts for some institutions only (a GROUP_ADMIN never is)."""
    return actor.institution_ids is not None and not actor.has(Role.GROUP_ADMIN)


def require_group_wide(actor: Actor) -> None:
    """Group-level changes (institutions, the group, moving campuses) are for actors not
    bound to institutions: a GROUP_ADMIN or an unscoped ADMIN."""
    require_authenticated(actor)
    if institution_bound(actor):
        raise DomainError(ErrorCode.FORBIDDEN, msg(INSTITUTION_MESSAGE))


def may_act_for(actor: Actor, institution_id: int | None) -> bool:
    return not institution_bound(actor) or (
        institution_id is not None and institution_id in (actor.institution_ids or ())
    )


def require_institution(actor: Actor, institution_id: int | None, field: str | None = None) -> None:
    """Refuse acting on another institution's data."""
    if not may_act_for(actor, institution_id):
        raise DomainError(ErrorCode.FORBIDDEN, msg(INSTITUTION_MESSAGE), field)


INSTITUTION_MESSAGE = N_("This record belongs to an institution you do not manage")


def require_within_institutions(
    actor: Actor,
    site_institution_id: int | None,
    practitioner: tuple[int, int] | None,
    site_field: str | list[str] | None = None,
    practitioner_field: str | list[str] | None = None,
) -> None:
    """An actor bound to institutions (a user or an API key with `institutionCodes`)
    decides, books and records cases only at its institutions' campuses and for the
    practitioners it sees there (its campuses' staff and those registered there).
    `practitioner`: (id, department id), or None when there is none to check."""
    if not institution_bound(actor):
        return
    if not may_act_for(actor, site_institution_id):
        raise DomainError(ErrorCode.FORBIDDEN, msg(INSTITUTION_MESSAGE), site_field)
    if practitioner is not None and not (
        practitioner[1] in actor.institution_department_ids
        or practitioner[0] in actor.institution_practitioner_ids
    ):
        raise out_of_scope(practitioner_field)


def practitioner_scope(actor: Actor, permission: Permission) -> PractitionerScope:
    require(actor, permission)
    if _unscoped(actor, permission):
        if institution_bound(actor):
            # An ADMIN, AUDITOR, COMMITTEE or SCHEDULER of some institutions: the staff of
            # their campuses' departments and whoever is registered to practise there.
            return PractitionerScope(
                False, actor.institution_department_ids, actor.institution_practitioner_ids
            )
        return PractitionerScope(True, frozenset(), frozenset())
    departments: frozenset[int] = frozenset()
    practitioners: frozenset[int] = frozenset()
    if actor.has(Role.DEPARTMENT_HEAD) and permission in ROLE_PERMISSIONS[Role.DEPARTMENT_HEAD]:
        departments = actor.department_ids
    if (
        actor.has(Role.PRACTITIONER)
        and permission in ROLE_PERMISSIONS[Role.PRACTITIONER]
        and actor.practitioner_id is not None
    ):
        practitioners = frozenset({actor.practitioner_id})
    return PractitionerScope(False, departments, practitioners)


def require_practitioner_access(
    actor: Actor, permission: Permission, practitioner_id: int, department_id: int
) -> None:
    """Refuse acting on a practitioner outside the actor's scope.

    The message does not confirm that the practitioner exists (a forbidden read
    returns nothing of the object).
    """
    if not practitioner_scope(actor, permission).admits(practitioner_id, department_id):
        raise out_of_scope()
    if permission in SEPARATION_OF_DUTIES and actor.practitioner_id == practitioner_id:
        raise DomainError(ErrorCode.FORBIDDEN, msg(OWN_RECORD_MESSAGE))


# Decisions nobody takes on their own privilege, whatever roles they hold (a department
# head who is also a practitioner, a committee member who operates): endorsing,
# approving or rejecting, and entering or deciding their own re-evaluation.
SEPARATION_OF_DUTIES = frozenset(
    {
        Permission.ENDORSE_PRIVILEGE,
        Permission.DECIDE_PRIVILEGE,
        Permission.SUBMIT_EVALUATION,
        Permission.DECIDE_EVALUATION,
    }
)
OWN_RECORD_MESSAGE = N_(
    "You cannot endorse, approve or evaluate your own privilege application or privilege"
)


OUT_OF_SCOPE_MESSAGE = N_(
    "The practitioner does not exist or is outside your departments and your own record"
)


def out_of_scope(field: str | list[str] | None = None) -> DomainError:
    """Out of scope, and for a scoped actor also "no such practitioner": one answer for
    both, so a department head cannot learn which staff numbers exist elsewhere."""
    return DomainError(ErrorCode.FORBIDDEN, msg(OUT_OF_SCOPE_MESSAGE), field)


def sees_everyone(actor: Actor, permission: Permission) -> bool:
    return actor.authenticated and _unscoped(actor, permission)


def hide_missing(actor: Actor, permission: Permission, error: DomainError) -> DomainError:
    """A NOT_FOUND about a practitioner, as a scoped actor must see it: the out-of-scope
    answer. Actors who see everyone get the plain NOT_FOUND (they could list them all)."""
    if error.code is ErrorCode.NOT_FOUND and not sees_everyone(actor, permission):
        return out_of_scope()
    return error


# --- reads: the one layer every loader and nested resolver goes through ------------

NOT_VISIBLE_MESSAGE = N_("The record does not exist or is outside what you may see")


def read_scope(actor: Actor, permission: Permission) -> PractitionerScope:
    """`practitioner_scope` for reads that must return nothing rather than refuse: an
    actor without the permission sees nobody (no exception, nothing revealed)."""
    if not actor.authenticated or not allowed(actor, permission):
        return PractitionerScope(False, frozenset(), frozenset())
    return practitioner_scope(actor, permission)


def not_visible(field: str | list[str] | None = None) -> DomainError:
    """The one answer for "does not exist" and "not in your scope": both look the same,
    so an error never tells which staff numbers or records exist in other departments."""
    return DomainError(ErrorCode.NOT_FOUND, msg(NOT_VISIBLE_MESSAGE), field)


# --- refusal auditing, rate-limited ---------------------------------------------------


class RefusalLimiter:
    """At most one audited refusal per client (actor) and kind (operation) per window.

    A client probing other departments 69 times a second must not flood the audit log:
    the first refusal of a window is audited, the rest are counted, and the next audited
    refusal of that client and kind carries how many were left out (`suppressed`).
    """

    def __init__(self, window_seconds: float = 60.0, max_keys: int = 20_000) -> None:
        self.window = window_seconds
        self.max_keys = max_keys
        self._last: dict[tuple[str, str], float] = {}
        self._suppressed: dict[tuple[str, str], int] = {}

    def admit(self, actor: Actor, kind: str, now: float | None = None) -> tuple[bool, int]:
        """(audit this one?, refusals left out since the last audited one)."""
        moment = time.monotonic() if now is None else now
        key = (actor.key, kind[:100])
        last = self._last.get(key)
        if last is not None and moment - last < self.window:
            self._suppressed[key] = self._suppressed.get(key, 0) + 1
            return False, 0
        if len(self._last) >= self.max_keys:  # forget the oldest windows
            cutoff = moment - self.window
            self._last = {k: v for k, v in self._last.items() if v > cutoff}
            self._suppressed = {k: v for k, v in self._suppressed.items() if k in self._last}
        self._last[key] = moment
        return True, self._suppressed.pop(key, 0)

    def reset(self) -> None:
        self._last.clear()
        self._suppressed.clear()


REFUSALS = RefusalLimiter()
