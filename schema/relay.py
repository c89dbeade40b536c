"""Node interface, connections with keyset cursors, and the PageInfo type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from domain.pagination import Page
from schema import ids

N = TypeVar("N")


@strawberry.interface(description="An object with an opaque global id.")
class Node:
    id: strawberry.ID = strawberry.field(
        description="Opaque global id; store and send it back unchanged (node(id:) fetches it)."
    )


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
