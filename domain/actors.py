"""Who is acting: a user session, an API key, the CLI (system) or nobody."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "ADMIN"
    GROUP_ADMIN = "GROUP_ADMIN"
    DEPARTMENT_HEAD = "DEPARTMENT_HEAD"
    COMMITTEE = "COMMITTEE"
    SCHEDULER = "SCHEDULER"
    AUDITOR = "AUDITOR"
    PRACTITIONER = "PRACTITIONER"


@dataclass(frozen=True)
class Actor:
    kind: str  # "user" | "api_key" | "system" | "anonymous"
    id: int | None
    name: str
    roles: frozenset[Role] = frozenset()
    department_ids: frozenset[int] = frozenset()
    practitioner_id: int | None = None
    session_id: int | None = None
    request_id: str | None = field(default=None, compare=False)
    # Issue 16: the institutions the actor acts for (None = every institution), and what
    # they stand for when the actor's scope is computed: the departments of their
    # campuses and the practitioners registered there.
    institution_ids: frozenset[int] | None = None
    institution_department_ids: frozenset[int] = frozenset()
    institution_practitioner_ids: frozenset[int] = frozenset()

    @property
    def key(self) -> str:
        """A stable identity for idempotency keys and case-record ownership."""
        return f"{self.kind}:{self.id if self.id is not None else self.name}"

    @property
    def authenticated(self) -> bool:
        return self.kind != "anonymous"

    def has(self, role: Role) -> bool:
        return role in self.roles

    def with_request(self, request_id: str | None) -> Actor:
        return Actor(
            self.kind,
            self.id,
            self.name,
            self.roles,
            self.department_ids,
            self.practitioner_id,
            self.session_id,
            request_id,
            self.institution_ids,
            self.institution_department_ids,
            self.institution_practitioner_ids,
        )


ANONYMOUS = Actor(kind="anonymous", id=None, name="anonymous")


def system_actor(name: str = "cli") -> Actor:
    """The command line acting for an operator on the server itself: all rights."""
    return Actor(kind="system", id=None, name=name, roles=frozenset(Role))
