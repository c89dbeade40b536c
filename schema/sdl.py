"""The schema contract: the printed SDL, and the breaking-change guard against the
previous release.

`schema/schema.graphql` is the printed schema of the code, committed; regenerate it with
`credreg schema print -o schema/schema.graphql`. `schema/schema.previous.graphql` is the
SDL of the last release (see `BASELINE_VERSION`). A change that
`graphql.find_breaking_changes` reports between the two must be listed in
docs/CHANGELOG.md under a version newer than the baseline, in that version's
`### Breaking (schema)` list, and pyproject's version must be that version or newer.
A field or enum value removed without a `@deprecated(reason: ...)` in the baseline is
refused outright (deprecate first, remove in a later release).

At a release: copy schema/schema.graphql to schema/schema.previous.graphql and set
`BASELINE_VERSION` to the released version; the next breaking change then needs the next
version's CHANGELOG section and bump.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphql import (
    BreakingChangeType,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
)

ROOT = Path(__file__).resolve().parent.parent
CURRENT_SDL = ROOT / "schema" / "schema.graphql"
PREVIOUS_SDL = ROOT / "schema" / "schema.previous.graphql"
CHANGELOG = ROOT / "docs" / "CHANGELOG.md"
PYPROJECT = ROOT / "pyproject.toml"
BASELINE_VERSION = "0.1.0"  # the release schema.previous.graphql was printed from
REGENERATE = "credreg schema print -o schema/schema.graphql"


def print_sdl() -> str:
    """The code's schema as SDL, exactly as committed in schema/schema.graphql."""
    from schema.schema import build_schema as build_credreg_schema

    return build_credreg_schema().as_str() + "\n"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def project_version(pyproject: str) -> str:
    found = re.search(r'^version\s*=\s*"([^"]+)"', pyproject, re.MULTILINE)
    if not found:
        raise ValueError("pyproject.toml has no version")
    return found.group(1)


def breaking_entries(changelog: str) -> dict[str, list[str]]:
    """`## <version>` sections (`## 0.2.0 - 2026-12-05`; `## Unreleased` is skipped)
    mapped to the bullets of their `### Breaking (schema)` list: each bullet starts with
    the schema coordinate in backticks (`Type.field`, `Type.field(arg:)` or `Type`),
    followed by what changed and the migration hint."""
    entries: dict[str, list[str]] = {}
    version: str | None = None
    in_breaking = False
    for line in changelog.splitlines():
        if line.startswith("## "):
            found = re.match(r"## \[?(\d+\.\d+\.\d+)\]?", line)
            version = found.group(1) if found else None
            in_breaking = False
            if version:
                entries.setdefault(version, [])
        elif line.startswith("### "):
            in_breaking = line.strip().lower() == "### breaking (schema)"
        elif in_breaking and version and line.startswith("- "):
            coordinate = re.match(r"- `([^`]+)`", line)
            if coordinate:
                entries[version].append(coordinate.group(1))
    return entries


def change_coordinate(description: str) -> str:
    """The schema coordinate a graphql-core change description is about:
    "Field Technique.status changed type ..." -> Technique.status;
    "Argument Query.evaluations(status:) has changed ..." -> Query.evaluations(status:);
    "CaseStatsType was removed." -> CaseStatsType."""
    found = re.search(r"\b([A-Z_a-z][\w]*\.[\w]+(?:\(\w+:\))?)", description)
    if found:
        return found.group(1)
    return description.split(" ", 1)[0]


def _deprecated(schema: GraphQLSchema, coordinate: str) -> bool:
    type_name, _, member = coordinate.partition(".")
    kind = schema.type_map.get(type_name)
    if isinstance(kind, (GraphQLObjectType, GraphQLInterfaceType, GraphQLInputObjectType)):
        field = kind.fields.get(member)
        return bool(field is not None and field.deprecation_reason)
    if isinstance(kind, GraphQLEnumType):
        value = kind.values.get(member)
        return bool(value is not None and value.deprecation_reason)
    return False


@dataclass(frozen=True)
class Finding:
    coordinate: str
    description: str
    problem: str


def check_contract(
    previous_sdl: str, current_sdl: str, changelog: str, pyproject: str
) -> tuple[list[Finding], list[str]]:
    """Breaking changes that the rules refuse, and the dangerous changes (for reading)."""
    previous, current = build_schema(previous_sdl), build_schema(current_sdl)
    version = project_version(pyproject)
    listed: set[str] = set()
    for section, coordinates in breaking_entries(changelog).items():
        if version_key(section) > version_key(BASELINE_VERSION) and version_key(
            section
        ) <= version_key(version):
            listed.update(coordinates)
    findings = []
    for change in find_breaking_changes(previous, current):
        coordinate = change_coordinate(change.description)
        if change.type in (
            BreakingChangeType.FIELD_REMOVED,
            BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
        ):
            if not _deprecated(previous, coordinate):
                findings.append(
                    Finding(
                        coordinate,
                        change.description,
                        "removed without a @deprecated(reason:) in the previous release; "
                        "deprecate it first and remove it in a later release",
                    )
                )
                continue
        if version_key(version) <= version_key(BASELINE_VERSION):
            findings.append(
                Finding(
                    coordinate,
                    change.description,
                    f"pyproject version {version} is not newer than the baseline "
                    f"{BASELINE_VERSION}; bump it",
                )
            )
        elif coordinate not in listed:
            findings.append(
                Finding(
                    coordinate,
                    change.description,
                    f"not listed as `{coordinate}` under `### Breaking (schema)` of a "
                    f"docs/CHANGELOG.md version after {BASELINE_VERSION} (up to {version})",
                )
            )
    dangerous = [change.description for change in find_dangerous_changes(previous, current)]
    return findings, dangerous
