"""The schema contract (issue 14, items 1 and 2).

- schema/schema.graphql is the printed schema of the code;
- a breaking change against the previous release's SDL is recorded in the CHANGELOG
  with a version bump, and a removal was deprecated first;
- everything has a description, names and relay structure follow the lint rules.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    build_schema,
    get_named_type,
)

from api.cli import main as cli_main
from schema import sdl
from schema.descriptions import stale_coordinates, unused_conventions
from schema.schema import build_schema as build_credreg_schema

BUILT_IN_SCALARS = {"String", "Int", "Float", "Boolean", "ID"}


@pytest.fixture(scope="module")
def code_sdl() -> str:
    return sdl.print_sdl()


@pytest.fixture(scope="module")
def code_schema(code_sdl: str) -> GraphQLSchema:
    return build_schema(code_sdl)


def _own_types(schema: GraphQLSchema) -> list[GraphQLNamedType]:
    return [
        kind
        for name, kind in sorted(schema.type_map.items())
        if not name.startswith("__") and name not in BUILT_IN_SCALARS
    ]


# ---- 1. the committed SDL


def test_committed_sdl_is_the_code_schema(code_sdl: str) -> None:
    committed = sdl.CURRENT_SDL.read_text(encoding="utf-8")
    assert committed == code_sdl, (
        "schema/schema.graphql differs from the code's schema; regenerate it with "
        f"`{sdl.REGENERATE}` (or `python -m api.cli schema print -o schema/schema.graphql`) "
        "and review the diff"
    )


def test_cli_prints_the_schema(tmp_path: Path, code_sdl: str, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "schema.graphql"
    assert cli_main(["schema", "print", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == code_sdl
    assert cli_main(["schema", "print"]) == 0
    assert capsys.readouterr().out == code_sdl


def test_cli_module_entry_point_prints_the_schema(code_sdl: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "schema", "print"],
        capture_output=True,
        text=True,
        check=True,
        cwd=sdl.ROOT,
    )
    assert done.stdout == code_sdl


# ---- 1. the breaking-change guard


def test_no_unrecorded_breaking_change_since_the_previous_release(code_sdl: str) -> None:
    findings, _dangerous = sdl.check_contract(
        sdl.PREVIOUS_SDL.read_text(encoding="utf-8"),
        code_sdl,
        sdl.CHANGELOG.read_text(encoding="utf-8"),
        sdl.PYPROJECT.read_text(encoding="utf-8"),
    )
    assert not findings, "breaking schema changes the rules refuse (docs/api.md, schema " + (
        "contract):\n" + "\n".join(f"- {f.description}: {f.problem}" for f in findings)
    )


def test_the_changelog_lists_only_real_breaking_changes(code_sdl: str) -> None:
    """An entry under `### Breaking (schema)` names a coordinate of the previous or the
    current schema (no typos that would let a real change through unlisted)."""
    previous = build_schema(sdl.PREVIOUS_SDL.read_text(encoding="utf-8"))
    current = build_schema(code_sdl)
    entries = sdl.breaking_entries(sdl.CHANGELOG.read_text(encoding="utf-8"))
    listed = [c for section, found in entries.items() for c in found if section != "0.1.0"]
    assert listed, "docs/CHANGELOG.md has no `### Breaking (schema)` entries"

    def known(schema: GraphQLSchema, coordinate: str) -> bool:
        found = re.fullmatch(r"(\w+)(?:\.(\w+)(?:\((\w+):\))?)?", coordinate)
        if not found:
            return False
        kind = schema.type_map.get(found.group(1))
        if kind is None or found.group(2) is None:
            return kind is not None
        members = getattr(kind, "fields", None) or getattr(kind, "values", None) or {}
        return found.group(2) in members

    unknown = [c for c in listed if not (known(previous, c) or known(current, c))]
    assert not unknown, f"CHANGELOG entries naming nothing in either schema: {unknown}"


PREVIOUS = """
type Query { thing: Thing, old: String @deprecated(reason: "use thing"), gone: String }
type Thing { status: String! }
"""


def _changelog(*coordinates: str, version: str = "0.2.0") -> str:
    bullets = "\n".join(f"- `{c}`: changed; clients do X." for c in coordinates)
    return f"# Changelog\n\n## {version} - 2026-12-05\n\n### Breaking (schema)\n{bullets}\n"


def test_guard_refuses_an_unlisted_breaking_change() -> None:
    current = PREVIOUS.replace("status: String!", "status: Int!")
    findings, _ = sdl.check_contract(PREVIOUS, current, _changelog(), 'version = "0.2.0"')
    assert [f.coordinate for f in findings] == ["Thing.status"]
    assert "not listed" in findings[0].problem


def test_guard_accepts_a_listed_change_with_a_version_bump() -> None:
    current = PREVIOUS.replace("status: String!", "status: Int!")
    findings, _ = sdl.check_contract(
        PREVIOUS, current, _changelog("Thing.status"), 'version = "0.2.0"'
    )
    assert findings == []


def test_guard_refuses_a_listed_change_without_a_version_bump() -> None:
    current = PREVIOUS.replace("status: String!", "status: Int!")
    findings, _ = sdl.check_contract(
        PREVIOUS, current, _changelog("Thing.status"), 'version = "0.1.0"'
    )
    assert len(findings) == 1 and "bump" in findings[0].problem


def test_guard_ignores_entries_of_the_baseline_or_of_unreleased_future_versions() -> None:
    current = PREVIOUS.replace("status: String!", "status: Int!")
    for version in ("0.1.0", "0.3.0"):
        findings, _ = sdl.check_contract(
            PREVIOUS, current, _changelog("Thing.status", version=version), 'version = "0.2.0"'
        )
        assert [f.coordinate for f in findings] == ["Thing.status"], version


def test_guard_refuses_removing_a_field_that_was_not_deprecated() -> None:
    current = PREVIOUS.replace(", gone: String", "")
    findings, _ = sdl.check_contract(
        PREVIOUS, current, _changelog("Query.gone"), 'version = "0.2.0"'
    )
    assert [f.coordinate for f in findings] == ["Query.gone"]
    assert "deprecated" in findings[0].problem


def test_guard_allows_removing_a_deprecated_field_when_listed() -> None:
    current = PREVIOUS.replace(', old: String @deprecated(reason: "use thing")', "")
    findings, _ = sdl.check_contract(
        PREVIOUS, current, _changelog("Query.old"), 'version = "0.2.0"'
    )
    assert findings == []
    findings, _ = sdl.check_contract(PREVIOUS, current, _changelog(), 'version = "0.2.0"')
    assert [f.coordinate for f in findings] == ["Query.old"]


def test_guard_reports_dangerous_changes_without_failing() -> None:
    current = PREVIOUS.replace("gone: String }", "gone(limit: Int): String }")
    findings, dangerous = sdl.check_contract(PREVIOUS, current, _changelog(), 'version = "0.2.0"')
    assert findings == []
    assert dangerous and "limit" in dangerous[0]


# ---- 2. descriptions


def _undescribed(schema: GraphQLSchema) -> list[str]:
    missing = []
    for kind in _own_types(schema):
        name = kind.name
        if not kind.description:
            missing.append(name)
        if isinstance(kind, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in kind.fields.items():
                if not field.description:
                    missing.append(f"{name}.{field_name}")
                missing += [
                    f"{name}.{field_name}({arg_name}:)"
                    for arg_name, arg in field.args.items()
                    if not arg.description
                ]
        elif isinstance(kind, GraphQLInputObjectType):
            missing += [
                f"{name}.{field_name}"
                for field_name, field in kind.fields.items()
                if not field.description
            ]
        elif isinstance(kind, GraphQLEnumType):
            missing += [
                f"{name}.{value_name}"
                for value_name, value in kind.values.items()
                if not value.description
            ]
    return missing


def test_every_type_field_argument_and_enum_value_is_described(
    code_schema: GraphQLSchema,
) -> None:
    missing = _undescribed(code_schema)
    assert not missing, (
        f"{len(missing)} schema elements without a description (write one with description= "
        "in the code, or in schema/descriptions_table.py):\n" + "\n".join(missing)
    )


def test_the_description_table_names_only_live_undescribed_elements() -> None:
    stale = stale_coordinates(build_credreg_schema()._schema)
    assert not stale, (
        "schema/descriptions_table.py COORDINATES that name nothing, or elements the code "
        f"describes itself (move or delete them): {stale}"
    )


def test_every_convention_is_used() -> None:
    unused = unused_conventions(build_credreg_schema()._schema)
    assert not unused, f"CONVENTIONS in schema/descriptions_table.py nothing uses: {unused}"


def test_descriptions_are_not_placeholders(code_schema: GraphQLSchema) -> None:
    placeholders = []
    for kind in _own_types(code_schema):
        for field_name, field in getattr(kind, "fields", {}).items():
            text = (field.description or "").strip().rstrip(".").lower()
            if text in {f"the {field_name.lower()}", field_name.lower(), "todo", "tbd"}:
                placeholders.append(f"{kind.name}.{field_name}")
    assert not placeholders, placeholders


# ---- 2. lint rules (graphql-schema-linter's, checked in Python)

PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
CAMEL = re.compile(r"^[a-z][A-Za-z0-9]*$")
ALL_CAPS = re.compile(r"^[A-Z][A-Z0-9_]*$")


def lint(schema: GraphQLSchema) -> list[str]:
    """The rules of graphql-schema-linter's default set that apply to a code-first schema:
    types-have-descriptions, fields-have-descriptions, arguments-have-descriptions,
    input-object-values-have-descriptions, enum-values-have-descriptions (covered by the
    description test above), plus enum-values-all-caps, types-are-capitalized (PascalCase),
    no `Type` suffix, fields-are-camel-cased, input-object-values-are-camel-cased,
    input types end with Input, relay-connection-types-spec, relay-page-info-spec."""
    findings = [f"{c}: no description" for c in _undescribed(schema)]
    for kind in _own_types(schema):
        name = kind.name
        if isinstance(kind, GraphQLScalarType):
            if not PASCAL.match(name):
                findings.append(f"{name}: scalar names are PascalCase")
            continue
        if not PASCAL.match(name):
            findings.append(f"{name}: type names are PascalCase")
        if name.endswith("Type"):
            findings.append(f"{name}: no Type suffix on type names")
        if isinstance(kind, GraphQLEnumType):
            findings += [
                f"{name}.{value}: enum values are ALL_CAPS"
                for value in kind.values
                if not ALL_CAPS.match(value)
            ]
            continue
        if isinstance(kind, GraphQLInputObjectType) and not name.endswith("Input"):
            findings.append(f"{name}: input type names end with Input")
        if not isinstance(kind, GraphQLInputObjectType) and name.endswith("Input"):
            findings.append(f"{name}: only input types end with Input")
        for field_name, field in getattr(kind, "fields", {}).items():
            if not CAMEL.match(field_name):
                findings.append(f"{name}.{field_name}: field names are camelCase")
            findings += [
                f"{name}.{field_name}({arg}:): argument names are camelCase"
                for arg in getattr(field, "args", {})
                if not CAMEL.match(arg)
            ]
        if isinstance(kind, GraphQLObjectType) and name.endswith("Connection"):
            findings += _connection_findings(kind)
    page_info = schema.type_map.get("PageInfo")
    if isinstance(page_info, GraphQLObjectType):
        for field_name in ("hasNextPage", "hasPreviousPage"):
            field = page_info.fields.get(field_name)
            if field is None or str(field.type) != "Boolean!":
                findings.append(f"PageInfo.{field_name}: must be Boolean!")
        for field_name in ("startCursor", "endCursor"):
            if field_name not in page_info.fields:
                findings.append(f"PageInfo.{field_name}: missing")
    return findings


def _connection_findings(kind: GraphQLObjectType) -> list[str]:
    name = kind.name
    findings = []
    if "pageInfo" not in kind.fields or str(kind.fields["pageInfo"].type) != "PageInfo!":
        findings.append(f"{name}: a connection has pageInfo: PageInfo!")
    edges = kind.fields.get("edges")
    if edges is None:
        return [*findings, f"{name}: a connection has edges"]
    edge = get_named_type(edges.type)
    if not isinstance(edge, GraphQLObjectType):
        return [*findings, f"{name}.edges: a list of edge objects"]
    if "node" not in edge.fields:
        findings.append(f"{edge.name}: an edge has node")
    cursor = edge.fields.get("cursor")
    if cursor is None or str(get_named_type(cursor.type)) not in {"String", "ID"}:
        findings.append(f"{edge.name}: an edge has cursor: String!")
    return findings


def test_schema_passes_the_lint_rules(code_schema: GraphQLSchema) -> None:
    findings = lint(code_schema)
    assert not findings, "\n".join(findings)


def test_lint_catches_what_it_claims() -> None:
    bad = build_schema(
        """
        type Query { "q" items: FooTypeConnection, "q" Bad_field: String }
        type FooTypeConnection { edges: [FooEdge] }
        type FooEdge { thing: String }
        enum Colour { red }
        input Filter { a: String }
        """
    )
    findings = "\n".join(lint(bad))
    for expected in (
        "FooTypeConnection: no description",
        "Query.Bad_field: field names are camelCase",
        "FooTypeConnection: a connection has pageInfo",
        "FooEdge: an edge has node",
        "FooEdge: an edge has cursor",
        "Colour.red: enum values are ALL_CAPS",
        "Filter: input type names end with Input",
        "Colour.red: no description",
    ):
        assert expected in findings, expected
    assert "FooType" not in {t.name for t in _own_types(bad)}
    suffixed = build_schema('type Query { "q" a: AType } "t" type AType { "f" b: Int }')
    assert "AType: no Type suffix on type names" in lint(suffixed)


def test_state_fields_are_enums_and_times_and_ids_are_typed(code_schema: GraphQLSchema) -> None:
    """The states the SPEC names are enums; every time is DateTime and every id an ID."""
    expected = {
        "Technique.category": "TechniqueCategory",
        "Technique.status": "TechniqueStatus",
        "Evaluation.status": "EvaluationStatus",
        "Evaluation.metricsSource": "MetricsSource",
        "Evaluation.outcome": "EvaluationOutcome",
        "ReviewCycle.status": "ReviewCycleStatus",
        "EmergencyOverride.status": "EmergencyOverrideStatus",
        "CommitteeDecision.outcome": "CommitteeOutcome",
        "WebhookDelivery.status": "WebhookDeliveryStatus",
        "Booking.status": "BookingStatus",
        "BookingImpact.status": "BookingImpactStatus",
        "HolidayCalendar.origin": "CalendarOrigin",
        "AuditEvent.occurredAt": "DateTime",
        "PrivilegeChangeEvent.occurredAt": "DateTime",
        "AuditEvent.actorId": "ID",
        "AuditEvent.entityId": "ID",
        "AuditEventFilterInput.actorId": "ID",
        "AuditEventFilterInput.entityId": "ID",
        "BookingFilterInput.status": "BookingStatus",
        "Query.evaluations(status:)": "EvaluationStatus",
        "Query.emergencyOverrides(status:)": "EmergencyOverrideStatus",
        "Query.webhookDeliveries(status:)": "WebhookDeliveryStatus",
        "Query.bookingImpacts(status:)": "BookingImpactStatus",
    }
    for coordinate, type_name in expected.items():
        found = re.fullmatch(r"(\w+)\.(\w+)(?:\((\w+):\))?", coordinate)
        assert found
        kind = code_schema.type_map[found.group(1)]
        field = kind.fields[found.group(2)]  # type: ignore[attr-defined]
        if found.group(3):
            field = field.args[found.group(3)]
        assert get_named_type(field.type).name == type_name, coordinate
    for kind in _own_types(code_schema):
        for field_name, field in getattr(kind, "fields", {}).items():
            named = get_named_type(field.type).name
            if field_name.endswith("At") and field_name != "expiredOn":
                assert named == "DateTime", f"{kind.name}.{field_name} is {named}"
            # keyId (a JWK kid), requestId (X-Request-Id) and nationalId (the resident id
            # card number) name no object of ours: strings.
            not_ours = {"keyId", "requestId", "nationalId"}
            if field_name == "id" or (field_name.endswith("Id") and field_name not in not_ours):
                assert named == "ID", f"{kind.name}.{field_name} is {named}"
