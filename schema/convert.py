"""Domain inputs derived from GraphQL inputs by field name, instead of copied by hand.

A domain input (a dataclass such as `PrivilegeRequest` or `CaseInput`) and the strawberry
input it is built from share their snake_case field names. `domain_input` copies each
field the two have in common; the conversions are explicit and few:

- a GraphQL enum becomes its `.value` (the domain speaks strings);
- a global id named in `global_ids` is decoded with `schema.ids.decode_optional`, its
  error carrying the camelCase field name the client sent (`siteId`), as before;
- a list is copied, so the domain never holds the input's list;
- anything else is passed as it is, and `overrides` win over all of it.

Fields the GraphQL input does not have keep the dataclass default; GraphQL fields the
domain does not take (`idempotencyKey`, `reason`) are left for the caller to pass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from enum import Enum
from typing import Any, TypeVar

from strawberry.types.unset import UNSET
from strawberry.utils.str_converters import to_camel_case

from schema import ids

D = TypeVar("D")


def domain_input(
    target: type[D],
    source: object,
    *,
    global_ids: Mapping[str, str] | None = None,
    **overrides: Any,
) -> D:
    """`target(**fields)` from the same-named attributes of `source`.

    `global_ids` maps a field name to the node type its id must name, e.g.
    `{"practitioner_id": "Practitioner"}`. Fields are converted in the dataclass's
    declaration order, so the first bad id reported is the one it was before.
    """
    if not dataclasses.is_dataclass(target):
        raise TypeError(f"{target!r} is not a dataclass")
    names = {field.name for field in dataclasses.fields(target)}
    if unknown := set(overrides) - names:
        raise TypeError(f"{target.__name__} has no field(s) {sorted(unknown)}")
    id_types = global_ids or {}
    values: dict[str, Any] = {}
    for field in dataclasses.fields(target):
        name = field.name
        if name in overrides:
            values[name] = overrides[name]
            continue
        if not hasattr(source, name):
            continue
        value = getattr(source, name)
        if value is UNSET:
            continue
        if name in id_types:
            value = ids.decode_optional(value, id_types[name], to_camel_case(name))
        elif isinstance(value, Enum):
            value = value.value
        elif isinstance(value, list):
            value = list(value)
        values[name] = value
    return target(**values)
