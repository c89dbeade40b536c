"""Schema descriptions that cannot sit beside the code.

Types, fields and input fields are described where they are defined (`description=` on
`strawberry.type`, `strawberry.field`, `strawberry.input`). This module adds, when the
schema is built (`describe`), what has no better place:

- `CONVENTIONS` (in `schema/descriptions_table.py`): names that mean the same thing
  wherever they appear (`version`, `createdAt`, `userErrors`, `expectedVersion`,
  `idempotencyKey`, business keys such as `practitionerStaffNo`, the `first`/`after`/
  `input`/`filter` arguments), and the relay plumbing of every `*Connection`, `*Edge` and
  `*Payload` type. Written once instead of a hundred times; used only where the code gives
  no description.
- `COORDINATES`: by schema coordinate (`Enum`, `Enum.VALUE`, `Type.field(arg:)`): enum
  types and values (the enums live in `domain/`, which does not import strawberry),
  resolver arguments, the merged root types and strawberry's scalars.

A description written in the code wins. `tests/schema/test_schema_contract.py` fails when
anything in the schema has no description, or when a coordinate here names nothing or
something the code describes itself.
"""

from __future__ import annotations

import re

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)

from schema.descriptions_table import CONVENTIONS, COORDINATES

Describable = GraphQLNamedType | GraphQLField | GraphQLArgument | GraphQLInputField

# Strawberry's own scalars come with terse texts ("Date (isoformat)"); ours say more.
REPLACED = frozenset({"Date", "DateTime", "JSON"})


def _returned_by(schema: GraphQLSchema) -> dict[str, list[str]]:
    """Payload type name -> the mutations that return it."""
    found: dict[str, list[str]] = {}
    if schema.mutation_type is not None:
        for field_name, field in schema.mutation_type.fields.items():
            found.setdefault(get_named_type(field.type).name, []).append(field_name)
    return found


def _generic_type(name: str, returned_by: dict[str, list[str]]) -> str | None:
    if name.endswith("Connection"):
        return f"A page of {name[: -len('Connection')]} rows, oldest first (keyset paging)."
    if name.endswith("Edge"):
        return f"One {name[: -len('Edge')]} in a page, with its cursor."
    if name.endswith("Payload"):
        mutations = ", ".join(returned_by.get(name, [])) or "a mutation"
        return (
            f"The answer of {mutations}: the result (null when refused) and the userErrors "
            "(empty on success)."
        )
    return None


def _generic_field(type_name: str, field: str) -> str | None:
    if type_name.endswith("Connection"):
        return {
            "edges": "The page's rows, each with its cursor.",
            "nodes": "The page's rows without cursors (a shortcut for edges { node }).",
            "pageInfo": "Whether more rows follow, and the cursor to continue after.",
        }.get(field)
    if type_name.endswith("Edge"):
        return {
            "cursor": "Opaque keyset position of this row; pass it as `after` to continue "
            "behind it. Stays valid indefinitely.",
            "node": "The row itself.",
        }.get(field)
    if type_name.endswith("Payload") and field != "userErrors":
        return "The object as it is after the mutation; null when a userError refused it."
    return None


def _set(target: Describable, text: str | None) -> None:
    if text:
        target.description = text


def describe(schema: GraphQLSchema) -> None:
    """Fill in the descriptions the code leaves out."""
    lookup = COORDINATES.get
    returned_by = _returned_by(schema)

    for name, kind in schema.type_map.items():
        if name.startswith("__"):
            continue
        if not kind.description or name in REPLACED:
            _set(kind, lookup(name) or _generic_type(name, returned_by))
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in kind.fields.items():
                coordinate = f"{name}.{field_name}"
                if not field.description:
                    _set(
                        field,
                        lookup(coordinate)
                        or _generic_field(name, field_name)
                        or CONVENTIONS.get(field_name),
                    )
                for arg_name, arg in field.args.items():
                    if not arg.description:
                        _set(
                            arg,
                            lookup(f"{coordinate}({arg_name}:)")
                            or CONVENTIONS.get(f"({arg_name}:)"),
                        )
        elif isinstance(kind, GraphQLInputObjectType):
            for field_name, input_field in kind.fields.items():
                if not input_field.description:
                    _set(
                        input_field,
                        lookup(f"{name}.{field_name}") or CONVENTIONS.get(f"input.{field_name}"),
                    )
        elif isinstance(kind, GraphQLEnumType):
            for value_name, value in kind.values.items():
                if not value.description:
                    value.description = lookup(f"{name}.{value_name}")


def _element(schema: GraphQLSchema, coordinate: str) -> object | None:
    found = re.fullmatch(r"(\w+)(?:\.(\w+)(?:\((\w+):\))?)?", coordinate)
    if not found:
        return None
    type_name, member, argument = found.groups()
    kind = schema.type_map.get(type_name)
    if kind is None or member is None:
        return kind
    if isinstance(kind, GraphQLEnumType):
        return kind.values.get(member) if argument is None else None
    fields = getattr(kind, "fields", None)
    field = fields.get(member) if fields else None
    if field is None or argument is None:
        return field
    return getattr(field, "args", {}).get(argument)


def stale_coordinates(schema: GraphQLSchema) -> list[str]:
    """COORDINATES that name nothing in the schema, or whose element the code describes
    itself (the table's text would be dead)."""
    stale = []
    for coordinate, text in COORDINATES.items():
        element = _element(schema, coordinate)
        if element is None or getattr(element, "description", None) != text:
            stale.append(coordinate)
    return stale


def unused_conventions(schema: GraphQLSchema) -> list[str]:
    """CONVENTIONS keys whose text no element carries (dead entries)."""
    used: set[str] = set()
    for name, kind in schema.type_map.items():
        if name.startswith("__"):
            continue
        for field_name, field in getattr(kind, "fields", {}).items():
            key = f"input.{field_name}" if isinstance(kind, GraphQLInputObjectType) else field_name
            if CONVENTIONS.get(key) == field.description:
                used.add(key)
            for arg_name, arg in getattr(field, "args", {}).items():
                if CONVENTIONS.get(f"({arg_name}:)") == arg.description:
                    used.add(f"({arg_name}:)")
    return sorted(set(CONVENTIONS) - used)
