"""Precompiled answers for the schedulers' decision documents (SPEC section 9).

graphql-core resolves every field of every decision through strawberry's wrappers; for
a batch of 500 that is most of the time spent. A trusted document (schema/documents.py)
that asks `privilegeCheck` or `privilegeChecks` for plain fields of PrivilegeDecision is
compiled into a plan, and RequestPolicy's execute step (schema/policy.py) answers it
with the same domain call, serialising the result straight from the plan, before
graphql-core would execute. Every field means what the resolvers make it mean: `basis
{ scope validUntil }` is the privilege as the decision saw it, on both paths
(schema/decisions/types.py).

The plan's variable coercion is deliberately narrower than GraphQL: it accepts only
values whose coercion is unambiguous (exact JSON types, known fields, the schema's own
scalar parsers). Anything else is declined *before* the domain call, and graphql-core
executes the document instead (it may still accept the value, or explain why not). Once
the domain call has run, its outcome is the answer: a DomainError or any other failure
becomes the field error the resolver would have raised, at the same path and location,
and the error policy gives it its code (or masks it). tests/schema/test_precompiled.py
proves both paths give the same JSON over the demo hospital's decision table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    TypeNode,
    VariableNode,
    located_error,
)

from domain import decision
from domain.decision import CheckInput, Decision
from domain.i18n import current_locale, localize
from schema import ids
from schema.decisions import PrivilegeCheckInput, to_check
from schema.enums import Setting

Serialise = Callable[[Any], Any]


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# Leaves and lists the plan can serialise, per GraphQL type, with their exact output.
REASON_FIELDS: dict[str, Serialise] = {
    "__typename": lambda r: "DecisionReason",
    "code": lambda r: r.code.name,
    "severity": lambda r: r.severity.name,
    # In the request's language, read when serialising: a plan is compiled once and
    # serves every locale (nothing serialised is cached across requests).
    "message": lambda r: localize(r.message, current_locale()),
}
BASIS_FIELDS: dict[str, Serialise] = {
    "__typename": lambda p: "Privilege",
    "id": lambda p: ids.encode("Privilege", p.id),
    "scope": lambda p: p.scope.name,
    "validUntil": lambda p: _iso(p.valid_until),
}
DECISION_FIELDS: dict[str, Serialise] = {
    "__typename": lambda d: "PrivilegeDecision",
    "allowed": lambda d: d.allowed,
    "requiresMdt": lambda d: d.requires_mdt,
    "validUntil": lambda d: _iso(d.valid_until),
    "registryVersion": lambda d: str(d.registry_version),
}
DECISION_LISTS: dict[str, tuple[Callable[[Decision], list[Any]], dict[str, Serialise]]] = {
    "reasons": (lambda d: d.reasons, REASON_FIELDS),
    "basis": (lambda d: d.basis, BASIS_FIELDS),
}
ROOT_FIELDS = {"privilegeCheck": ("input", False), "privilegeChecks": ("inputs", True)}


@dataclass(frozen=True)
class Plan:
    operation_name: str | None
    response_key: str
    variable: str
    batch: bool
    serialise: Callable[[Decision], dict[str, Any]]
    field_node: FieldNode


def _key(node: FieldNode) -> str:
    return node.alias.value if node.alias else node.name.value


def _plain_fields(
    selection_set: SelectionSetNode | None, arguments: bool = False
) -> list[FieldNode] | None:
    """The selections if every one is a field without directives (nor arguments, unless
    allowed), each under its own response key: no fragments, no @include/@skip, and no
    `reasons { code } reasons { message }`, valid GraphQL that the executor merges and
    the plan does not."""
    if selection_set is None:
        return None
    fields = []
    for node in selection_set.selections:
        if not isinstance(node, FieldNode) or node.directives or (node.arguments and not arguments):
            return None
        fields.append(node)
    if len({_key(node) for node in fields}) != len(fields):
        return None
    return fields


def _leaves(
    selection_set: SelectionSetNode | None, known: dict[str, Serialise]
) -> list[tuple[str, Serialise]] | None:
    fields = _plain_fields(selection_set)
    if not fields:
        return None
    out = []
    for node in fields:
        if node.selection_set is not None or node.name.value not in known:
            return None
        out.append((_key(node), known[node.name.value]))
    return out


def _decision_serialiser(
    selection_set: SelectionSetNode | None,
) -> Callable[[Decision], dict[str, Any]] | None:
    fields = _plain_fields(selection_set)
    if not fields:
        return None
    steps: list[tuple[str, Serialise]] = []
    for node in fields:
        name = node.name.value
        if name in DECISION_FIELDS and node.selection_set is None:
            steps.append((_key(node), DECISION_FIELDS[name]))
            continue
        if name not in DECISION_LISTS:
            return None
        items, known = DECISION_LISTS[name]
        leaves = _leaves(node.selection_set, known)
        if leaves is None:
            return None
        steps.append((_key(node), _list_of(items, leaves)))

    def serialise(decision: Decision) -> dict[str, Any]:
        return {key: step(decision) for key, step in steps}

    return serialise


def _list_of(
    items: Callable[[Decision], list[Any]], leaves: list[tuple[str, Serialise]]
) -> Serialise:
    def serialise(decision: Decision) -> list[dict[str, Any]]:
        return [{key: leaf(item) for key, leaf in leaves} for item in items(decision)]

    return serialise


def _is_input_type(node: TypeNode, batch: bool) -> bool:
    """`PrivilegeCheckInput!`, or `[PrivilegeCheckInput!]!` for a batch."""
    if not isinstance(node, NonNullTypeNode):
        return False
    inner = node.type
    if batch:
        if not isinstance(inner, ListTypeNode) or not isinstance(inner.type, NonNullTypeNode):
            return False
        inner = inner.type.type
    return isinstance(inner, NamedTypeNode) and inner.name.value == "PrivilegeCheckInput"


def compile_plan(document: DocumentNode) -> Plan | None:
    """A plan for a one-query document asking one decision field, else None."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if (
        len(operations) != 1
        or len(document.definitions) != 1
        or operations[0].operation is not OperationType.QUERY
        or operations[0].directives
    ):
        return None
    operation = operations[0]
    roots = _plain_fields(operation.selection_set, arguments=True)
    if roots is None or len(roots) != 1 or roots[0].name.value not in ROOT_FIELDS:
        return None
    root = roots[0]
    argument_name, batch = ROOT_FIELDS[root.name.value]
    arguments = root.arguments or ()
    if (
        len(arguments) != 1
        or arguments[0].name.value != argument_name
        or not isinstance(arguments[0].value, VariableNode)
    ):
        return None
    variable = arguments[0].value.name.value
    definitions = operation.variable_definitions or ()
    if (
        len(definitions) != 1
        or definitions[0].variable.name.value != variable
        or definitions[0].default_value is not None
        or definitions[0].directives
        or not _is_input_type(definitions[0].type, batch)
    ):
        return None
    serialise = _decision_serialiser(root.selection_set)
    if serialise is None:
        return None
    name = operation.name.value if operation.name else None
    return Plan(name, _key(root), variable, batch, serialise, root)


# --- strict variable coercion -----------------------------------------------------------

STRINGS = {
    "procedureCode": "procedure_code",
    "practitionerStaffNo": "practitioner_staff_no",
    "siteCode": "site_code",
    "supervisorStaffNo": "supervisor_staff_no",
}
IDS = {"practitionerId": "practitioner_id", "siteId": "site_id", "supervisorId": "supervisor_id"}
REQUIRED = ("procedureCode", "on")
SETTINGS = {s.name: s for s in Setting}


def coerce_input(value: Any) -> PrivilegeCheckInput | None:
    """PrivilegeCheckInput from a JSON object, or None when GraphQL's own coercion should
    decide (it may still accept the value, or explain why not)."""
    if type(value) is not dict or any(value.get(name) is None for name in REQUIRED):
        return None
    fields: dict[str, Any] = {}
    for name, raw in value.items():
        if name in STRINGS or name in IDS:
            if raw is not None and type(raw) is not str:
                return None
            fields[STRINGS.get(name) or IDS[name]] = raw
        elif name == "on":
            if type(raw) is not str:
                return None
            try:
                fields["on"] = date.fromisoformat(raw)  # the Date scalar's own parser
            except ValueError:
                return None
        elif name == "setting":
            if type(raw) is not str or raw not in SETTINGS:
                return None
            fields["setting"] = SETTINGS[raw]
        elif name == "emergency":
            if type(raw) is not bool:
                return None
            fields["emergency"] = raw
        else:
            return None
    return PrivilegeCheckInput(**fields)


@dataclass(frozen=True)
class Prepared:
    """A plan's request, coerced: one check or a batch, ready for the domain call."""

    plan: Plan
    checks: list[CheckInput]


def prepare(plan: Plan, variables: Any, operation_name: Any = None) -> Prepared | None:
    """The checks to decide, or None when graphql-core must judge the request (an
    unusual variable, another operation name, an id that does not decode, ...)."""
    if operation_name is not None and operation_name != plan.operation_name:
        return None
    if type(variables) is not dict or variables.keys() != {plan.variable}:
        return None
    given = variables[plan.variable]
    try:
        if plan.batch:
            if type(given) is not list:
                return None
            inputs = [coerce_input(item) for item in given]
            valid = [item for item in inputs if item is not None]
            if len(valid) != len(inputs):
                return None
            return Prepared(plan, [to_check(item, index) for index, item in enumerate(valid)])
        single = coerce_input(given)
        if single is None:
            return None
        return Prepared(plan, [to_check(single)])
    except Exception:  # e.g. a bad id: the resolver raises it, with its path
        return None


async def answer(
    prepared: Prepared, actor: Any, registry_state: tuple[int, str] | None
) -> ExecutionResult:
    """The domain call, once, and its outcome as the execution result."""
    plan = prepared.plan
    try:
        if plan.batch:
            found = await decision.check_many(actor, prepared.checks, None, registry_state)
            data: Any = [plan.serialise(d) for d in found]
        else:
            one = await decision.check_one(actor, prepared.checks[0], None, registry_state)
            data = plan.serialise(one)
    except Exception as error:
        # As graphql-core reports a resolver's exception: located at the root field;
        # the field is non-null, so `data` is null.
        located = located_error(error, [plan.field_node], [plan.response_key])
        return ExecutionResult(data=None, errors=[located])
    return ExecutionResult(data={plan.response_key: data})
