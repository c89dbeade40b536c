"""Node interface, connections with keyset cursors, and the PageInfo type."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import strawberry

from domain import permissions
from domain.pagination import Page
from domain.permissions import Permission
from schema import ids

if TYPE_CHECKING:
    from schema.context import Info

N = TypeVar("N")


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id; store and send it back unchanged (node(id:) fetches it)."
    )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str]) -> list[Any]:
        """strawberry.relay's hook for `node(id:)`: this type's objects by id, None where
        absent or not visible, with the same permission checks as its list. A type that
        does not override it cannot be fetched by id (node(id:) answers null)."""
        return [None for _ in node_ids]


async def reference_nodes(
    info: Info, node_ids: Iterable[str], model: Any, convert: Callable[[Any], N]
) -> list[N | None]:
    """`resolve_nodes` for reference data (sites, procedures, institutions...): readable
    with READ_REFERENCE."""
    permissions.require(info.context.actor, Permission.READ_REFERENCE)
    rows = [await model.get_or_none(id=int(node_id)) for node_id in node_ids]
    return [convert(row) if row is not None else None for row in rows]


@strawberry.type(description="Position of a page in a connection (forward paging only).")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="More rows follow; continue with after: endCursor."
    )
    has_previous_page: bool = strawberry.field(description="True exactly when after was given.")
    start_cursor: str | None = strawberry.field(
        description="Cursor of the page's first row; null on an empty page."
    )
    end_cursor: str | None = strawberry.field(
        description="Cursor of the page's last row, the `after` of the next page; null on"
        " an empty page."
    )


@strawberry.type
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type
class Connection(Generic[N]):
    edges: list[Edge[N]]
    nodes: list[N]
    page_info: PageInfo


def connection(page: Page, convert: Callable[..., N]) -> Connection[N]:
    edges = [Edge(cursor=ids.encode_cursor(item.pk), node=convert(item)) for item in page.items]
    return Connection(
        edges=edges,
        nodes=[edge.node for edge in edges],
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )
