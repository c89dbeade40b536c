"""Keyset pagination: stable under inserts, constant cost at any depth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

from domain.errors import DomainError, ErrorCode
from domain.i18n import msg

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50

M = TypeVar("M", bound=Model)


@dataclass
class Page(Generic[M]):
    items: list[M]
    has_next: bool
    has_previous: bool


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("A page holds between 1 and {maximum} items", maximum=MAX_PAGE_SIZE),
            "first",
        )
    return first


async def keyset(query: QuerySet[M], first: int | None, after: int | None) -> Page[M]:
    """One page ordered by primary key, starting after the row `after`."""
    size = page_size(first)
    key = query.model._meta.pk_attr
    if after is not None:
        query = query.filter(**{f"{key}__gt": after})
    rows = await query.order_by(key).limit(size + 1)
    return Page(items=list(rows[:size]), has_next=len(rows) > size, has_previous=after is not None)
