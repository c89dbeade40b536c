"""Per-request context: the actor, the request id and the DataLoaders."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as StrawberryInfo

from domain.actors import Actor
from schema.loaders import Loaders


@dataclass
class Context:
    actor: Actor
    request_id: str
    request: Any = None
    response: Any = None
    introspection_allowed: bool = False
    registry_state: tuple[int, str] | None = None  # read once when the request began
    # X-Credreg-Min-Version: the registryVersion a client saw; a read replica answers
    # this request only once it has reached it (domain/replicas.py)
    min_version: int | None = None
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def loaders(self) -> Loaders:
        """Made on first use: the precompiled decision path never needs them."""
        if self._loaders is None:
            self._loaders = Loaders(self.actor)
        return self._loaders


Info = StrawberryInfo[Context, None]

# The request's actor, for checks that must come before any input is looked at.
CURRENT_ACTOR: ContextVar[Actor | None] = ContextVar("credreg_actor", default=None)
