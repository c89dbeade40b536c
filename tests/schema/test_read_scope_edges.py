"""Issue 13 item 4: no edge of the schema leads to another department's records.

GENERATED FROM THE SCHEMA: the test walks graphql-core's view of the built schema, finds
every field (edge) whose type is practitioner-owned data, builds queries that reach each
edge from the Query root (several paths each, through `node` too), and runs every query
as every role. Every practitioner-owned object in every answer must be in the caller's
scope: a DEPARTMENT_HEAD of GS1 and a PRACTITIONER linked to A0001 never see anything of
B0001 (GS2). ADMIN running the same queries proves the edges are exercised: it does see
B0001's records through them. A new field that leads to practitioner data is picked up
without touching this file; one needing an argument nobody supplies fails the test.
"""

from __future__ import annotations

from collections import deque
from datetime import date, timedelta
from typing import Any

import httpx
from graphql import (
    GraphQLInterfaceType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
    get_named_type,
)

from domain.actors import Role
from models import (
    AdjustmentProposal,
    Booking,
    CaseRecord,
    EmergencyOverride,
    Evaluation,
    Privilege,
    ReviewCycle,
    Technique,
)
from schema import ids
from schema.schema import build_schema
from tests import factories
from tests.conftest import START
from tests.factories import gql

# Types whose rows belong to one practitioner, and how to find that practitioner.
OWNED = (
    "Practitioner",
    "Privilege",
    "CaseRecord",
    "Evaluation",
    "EmergencyOverride",
    "AdjustmentProposal",
)
MAX_PATH = 5  # fields from the root to the edge's parent
PATHS_PER_EDGE = 4

CHECK_B = '{practitionerStaffNo: "B0001", procedureCode: "47.0901", on: "2026-12-01"}'
CHECK_A = '{practitionerStaffNo: "A0001", procedureCode: "47.0901", on: "2026-12-01"}'
# Values for required arguments of root fields (each tried); node is handled per type.
ROOT_ARGUMENTS: dict[str, list[str]] = {
    "practitioner": ['(staffNo: "B0001")', '(staffNo: "A0001")'],
    "expiringPrivileges": ["(withinDays: 365)"],
    "privilegeCheck": [f"(input: {CHECK_B})", f"(input: {CHECK_A})"],
    "privilegeChecks": [f"(inputs: [{CHECK_A}, {CHECK_B}])"],
    "catalogueDiff": ["(from: 1, to: 1)"],
    "mdtCompletion": ['(department: "GS2", from: "2026-01-01", to: "2026-12-31")'],
}


def _graphql_schema() -> GraphQLSchema:
    schema: Any = build_schema()
    return schema._schema  # type: ignore[no-any-return]


def _required_args(field: Any) -> list[str]:
    return [
        name
        for name, arg in field.args.items()
        if isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined
    ]


def _object_fields(gtype: Any) -> dict[str, Any]:
    return dict(gtype.fields) if isinstance(gtype, GraphQLObjectType) else {}


def readable_types(schema: GraphQLSchema) -> set[str]:
    """Types a query can reach (whatever the arguments); mutation payloads are not."""
    seen = {"Query"}
    queue = deque(["Query"])
    while queue:
        gtype = schema.type_map[queue.popleft()]
        targets = []
        for field in _object_fields(gtype).values():
            target = get_named_type(field.type)
            if isinstance(target, GraphQLInterfaceType):
                targets += [t.name for t in schema.get_possible_types(target)]
            elif isinstance(target, GraphQLObjectType):
                targets.append(target.name)
        for name in targets:
            if name not in seen:
                seen.add(name)
                queue.append(name)
    return seen


def owned_edges(schema: GraphQLSchema) -> list[tuple[str, str]]:
    """Every (type, field) readable by a query whose named type is practitioner-owned."""
    edges = []
    readable = readable_types(schema)
    for type_name, gtype in schema.type_map.items():
        if type_name not in readable:
            continue
        for field_name, field in _object_fields(gtype).items():
            if get_named_type(field.type).name in OWNED:
                edges.append((type_name, field_name))
    return sorted(edges)


def _steps(schema: GraphQLSchema, type_name: str) -> list[tuple[str, str, str]]:
    """Fields of a type that lead to another object type: (field, argument text, target)."""
    steps = []
    for field_name, field in _object_fields(schema.type_map[type_name]).items():
        target = get_named_type(field.type)
        if not isinstance(target, GraphQLObjectType):
            continue
        required = _required_args(field)
        if type_name == "Query" and required:
            for args in ROOT_ARGUMENTS.get(field_name, []):
                steps.append((field_name, args, target.name))
        elif not required:
            steps.append((field_name, "", target.name))
    return steps


def root_paths(
    schema: GraphQLSchema, parent: str, node_ids: dict[str, list[str]]
) -> list[list[tuple[str, str, str]]]:
    """Paths from the root to `parent`, shortest first, types not repeated."""
    found: list[list[tuple[str, str, str]]] = []
    for global_id in node_ids.get(parent, []):  # node(id:) straight to the type
        found.append([("node", f'(id: "{global_id}")', parent)])
    queue: deque[tuple[str, list[tuple[str, str, str]]]] = deque([("Query", [])])
    while queue and len(found) < PATHS_PER_EDGE * 3:
        type_name, path = queue.popleft()
        if type_name == parent and path:
            found.append(path)
            continue
        if len(path) >= MAX_PATH:
            continue
        seen = {"Query"} | {step[2] for step in path}
        for step in _steps(schema, type_name):
            if step[2] not in seen:
                queue.append((step[2], [*path, step]))
    # Prefer variety: distinct root fields first.
    by_root: dict[str, list[list[tuple[str, str, str]]]] = {}
    for path in found:
        by_root.setdefault(path[0][0] + path[0][1], []).append(path)
    chosen = [paths[0] for paths in by_root.values()]
    chosen += [p for paths in by_root.values() for p in paths[1:]]
    return chosen[:PATHS_PER_EDGE]


def _selection(schema: GraphQLSchema, type_name: str, inner: str) -> str:
    has_id = "id" in _object_fields(schema.type_map[type_name])
    return "{ __typename " + ("id " if has_id else "") + inner + " }"


def build_query(schema: GraphQLSchema, path: list[tuple[str, str, str]], edge: str) -> str:
    inner = f"{edge} {{ __typename id }}"
    for index in range(len(path) - 1, -1, -1):
        field_name, args, target = path[index]
        body = _selection(schema, target, inner)
        if field_name == "node":
            body = "{ __typename id ... on " + target + " " + body + " }"
        inner = f"{field_name}{args} {body}"
    return "{ " + inner + " }"


def _collect(value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        if value.get("__typename") in OWNED and isinstance(value.get("id"), str):
            out.append((value["__typename"], value["id"]))
        for item in value.values():
            _collect(item, out)
    elif isinstance(value, list):
        for item in value:
            _collect(item, out)


def _edge_objects(value: Any, path: list[str], out: list[str]) -> None:
    """Ids found at the end of `path` (lists flattened)."""
    if isinstance(value, list):
        for item in value:
            _edge_objects(item, path, out)
        return
    if not isinstance(value, dict):
        return
    if not path:
        if isinstance(value.get("id"), str):
            out.append(value["id"])
        return
    _edge_objects(value.get(path[0]), path[1:], out)


async def owner_of(type_name: str, global_id: str) -> int:
    _, pk = ids.decode_any(global_id)
    if type_name == "Practitioner":
        return pk
    if type_name == "Privilege":
        return int((await Privilege.get(id=pk)).practitioner_id)  # type: ignore[attr-defined]
    if type_name == "CaseRecord":
        return int((await CaseRecord.get(id=pk)).practitioner_id)  # type: ignore[attr-defined]
    if type_name == "Evaluation":
        evaluation = await Evaluation.get(id=pk).prefetch_related("privilege")
        return int(evaluation.privilege.practitioner_id)  # type: ignore[attr-defined]
    if type_name == "AdjustmentProposal":
        return int((await AdjustmentProposal.get(id=pk)).practitioner_id)  # type: ignore[attr-defined]
    override = await EmergencyOverride.get(id=pk).prefetch_related("case_record")
    return int(override.case_record.practitioner_id)  # type: ignore[attr-defined]


async def _world() -> dict[str, Any]:
    world = await factories.hospital()
    await factories.procedure()
    pa = await factories.practitioner("A0001", "GS1")
    pb = await factories.practitioner("B0001", "GS2")
    priv_a = await factories.grant(pa)
    priv_b = await factories.grant(pb, valid_until=date(2027, 6, 30))
    # Adversarial links from in-scope rows to B0001's: they must not carry B's data out.
    await Privilege.filter(id=priv_a.id).update(supersedes_id=priv_b.id)
    moment = START
    technique = await Technique.create(
        code="T-LEAK",
        name="限制类技术",
        category="RESTRICTED_NATIONAL",
        lead=pb,
        created_at=moment,
        updated_at=moment,
    )
    cases = {}
    for practitioner in (pa, pb):
        case = await CaseRecord.create(
            client_key="tests",
            external_ref=f"C-{practitioner.staff_no}",
            content_digest="x" * 64,
            practitioner=practitioner,
            procedure_code="47.0901",
            grade=2,
            site=world["site"],
            performed_on=date(2026, 11, 20),
            setting="INPATIENT",
            emergency=True,
            created_at=moment,
            updated_at=moment,
        )
        await EmergencyOverride.create(
            case_record=case,
            reason="急诊",
            report_due_by=moment + timedelta(hours=24),
            created_at=moment,
            updated_at=moment,
        )
        cases[practitioner.staff_no] = case
    # B0001's case is also an out-of-privilege case (outOfPrivilegeCases), and a watched
    # booking names B0001 as surgeon and supervisor and links B0001's case.
    await CaseRecord.filter(id=cases["B0001"].id).update(
        out_of_privilege=True, out_of_privilege_reasons="NO_PRIVILEGE"
    )
    await Booking.create(
        client_key="tests",
        external_ref="OR-LEAK",
        content_digest="x" * 64,
        practitioner=pb,
        supervisor=pb,
        procedure_code="47.0901",
        site=world["site"],
        scheduled_on=date(2026, 12, 1),
        setting="INPATIENT",
        case_record=cases["B0001"],
        allowed=True,
        decision_json=(
            '{"allowed": true, "requiresMdt": false, "reasons": [], "validUntil": null, '
            '"registryVersion": "0"}'
        ),
        decided_seq=0,
        created_at=moment,
        updated_at=moment,
    )
    cycle = await ReviewCycle.create(
        name="2026 复评",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2026, 11, 1),
        created_at=moment,
        updated_at=moment,
    )
    for privilege in (priv_a, priv_b):
        await Evaluation.create(
            privilege=privilege,
            cycle=cycle,
            resulting_privilege=priv_b,
            created_at=moment,
            updated_at=moment,
        )
    evaluation_a = await Evaluation.get(privilege_id=priv_a.id)
    # Issue 17: A0001's case planned for B0001; adjustment proposals of each, A0001's
    # pointing at B0001's privilege.
    await CaseRecord.filter(id=cases["A0001"].id).update(planned_operator_id=pb.id)
    for practitioner, privilege in ((pa, priv_b), (pb, priv_b)):
        await AdjustmentProposal.create(
            privilege=privilege,
            practitioner=practitioner,
            subject_key=f"practitioner:{practitioner.id}",
            trigger="OUT_OF_PRIVILEGE",
            proposed_action="REVIEW",
            evidence_case_ids=[],
            evidence_digest="x" * 64,
            run_on=date(2026, 11, 24),
            resulting_privilege=privilege,
            created_at=moment,
            updated_at=moment,
        )
    node_ids = {
        "Technique": [ids.encode("Technique", technique.id)],
        "Privilege": [ids.encode("Privilege", priv_a.id), ids.encode("Privilege", priv_b.id)],
        "Practitioner": [ids.encode("Practitioner", pa.id), ids.encode("Practitioner", pb.id)],
        "CaseRecord": [ids.encode("CaseRecord", cases["A0001"].id)],
        "Evaluation": [ids.encode("Evaluation", evaluation_a.id)],
    }
    return {"pa": pa, "pb": pb, "node_ids": node_ids}


def test_the_walk_finds_the_edges_named_in_the_issue() -> None:
    edges = owned_edges(_graphql_schema())
    for expected in [
        ("Technique", "lead"),
        ("Practitioner", "privileges"),
        ("PrivilegeDecision", "basis"),
        ("Privilege", "practitioner"),
        ("DecisionReason", "privilege"),
    ]:
        assert expected in edges
    assert len(edges) >= 15


async def test_sec13_4_no_edge_leads_out_of_scope_for_any_role(
    client: httpx.AsyncClient,
) -> None:
    world = await _world()
    pa, pb = world["pa"], world["pb"]
    tokens = {
        "ADMIN": await factories.token_for("u-admin", ["ADMIN"]),
        "GROUP_ADMIN": await factories.token_for("u-group-admin", ["GROUP_ADMIN"]),
        "DEPARTMENT_HEAD": await factories.token_for(
            "u-head", ["DEPARTMENT_HEAD"], department_codes=["GS1"]
        ),
        "COMMITTEE": await factories.token_for("u-committee", ["COMMITTEE"]),
        "SCHEDULER": await factories.token_for("u-scheduler", ["SCHEDULER"]),
        "AUDITOR": await factories.token_for("u-auditor", ["AUDITOR"]),
        "PRACTITIONER": await factories.token_for(
            "u-doctor", ["PRACTITIONER"], practitioner_staff_no="A0001"
        ),
        "DEPARTMENT_HEAD+PRACTITIONER": await factories.token_for(
            "u-both",
            ["DEPARTMENT_HEAD", "PRACTITIONER"],
            department_codes=["GS1"],
            practitioner_staff_no="A0001",
        ),
    }
    assert set(Role) <= {role for name in tokens for role in Role if role.value in name}
    in_scope = {
        "DEPARTMENT_HEAD": {pa.id},
        "PRACTITIONER": {pa.id},
        "DEPARTMENT_HEAD+PRACTITIONER": {pa.id},
    }
    schema = _graphql_schema()
    edges = owned_edges(schema)
    exercised: set[tuple[str, str]] = set()
    unreachable = []
    owners: dict[tuple[str, str], int] = {}
    for parent, field_name in edges:
        paths = root_paths(schema, parent, world["node_ids"])
        if not paths and parent != "Query":
            unreachable.append((parent, field_name))
        if parent == "Query":
            steps = [s for s in _steps(schema, "Query") if s[0] == field_name]
            queries = [
                (f"{{ {field_name}{args} {_selection(schema, target, '')} }}", [field_name])
                for field_name_, args, target in steps
            ]
            if not steps:
                unreachable.append((parent, field_name))
        else:
            queries = [
                (build_query(schema, path, field_name), [s[0] for s in path] + [field_name])
                for path in paths
            ]
        for query, keys in queries:
            for role, token in tokens.items():
                body = await gql(client, query, token=token)
                for error in body.get("errors") or []:
                    code = (error.get("extensions") or {}).get("code")
                    assert code in {"FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"}, (query, error)
                    assert "B0001" not in error["message"], (role, query, error)
                found: list[tuple[str, str]] = []
                _collect(body.get("data"), found)
                for type_name, global_id in found:
                    key = (type_name, global_id)
                    if key not in owners:
                        owners[key] = await owner_of(type_name, global_id)
                    if role in in_scope:
                        assert owners[key] in in_scope[role], (
                            f"{role} sees {type_name} of practitioner {owners[key]} "
                            f"through {parent}.{field_name}: {query}"
                        )
                if role == "ADMIN":
                    at_edge: list[str] = []
                    flat_keys = [k for k in keys if k != "node"] if keys[0] == "node" else keys
                    _edge_objects(body.get("data"), flat_keys, at_edge)
                    if keys[0] == "node":
                        at_edge = []
                        _edge_objects((body.get("data") or {}).get("node"), keys[1:], at_edge)
                    for global_id in at_edge:
                        type_name = ids.decode_any(global_id)[0]
                        if type_name in OWNED:
                            owner = owners.get((type_name, global_id))
                            if owner is None:
                                owner = await owner_of(type_name, global_id)
                            if owner == pb.id:
                                exercised.add((parent, field_name))
    assert not unreachable, f"edges no query reaches (add a ROOT_ARGUMENTS entry): {unreachable}"
    # Edges that cannot carry B0001's data to ADMIN here: the viewer's own record (ADMIN
    # has none), and overdue evaluations (need a full R33 review history).
    allowance = {
        ("OverdueEvaluation", "privilege"),
        ("OverdueEvaluation", "evaluation"),
        ("Viewer", "practitioner"),
        ("Viewer", "privileges"),
    }
    missing = set(edges) - exercised - allowance
    assert not missing, f"edges never shown to carry B0001's data to ADMIN: {sorted(missing)}"
