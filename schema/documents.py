"""Trusted documents: the schedulers' queries, validated once (SPEC section 9).

The documents in schema/trusted/*.graphql are parsed and validated at start. A request
whose document is one of them, compared as a normalised AST (printed by graphql-core,
with the `__typename` fields a client adds left out), skips per-request validation; the
decision documents are then answered from a plan compiled from the request's own
document (schema/precompiled.py). So a client that re-prints documents (gql, Apollo,
which also adds `__typename`) takes the fast path as well, and gets the `__typename`
it asked for. RequestPolicy (schema/policy.py) does all of this inside the one
pipeline: same context, authentication, cost limit and error policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    Visitor,
    parse,
    print_ast,
    visit,
)
from graphql.language import REMOVE
from strawberry.schema.schema import validate_document

from schema import precompiled
from schema.cost import query_cost

MAX_TRUSTED_CHARS = 8192  # longer texts are never trusted documents: no lookup, no cache


@dataclass(frozen=True)
class TrustedDocument:
    name: str
    document: DocumentNode  # the request's own document (with its `__typename`s)
    plan: precompiled.Plan | None
    # The plan's query cost (schema/cost.py) is linear in the batch length (an empty
    # batch counts as one): a fixed part and what each check adds. Computed once.
    base_cost: int = 0
    cost_per_check: int = 0

    def cost(self, checks: int) -> int:
        return self.base_cost + self.cost_per_check * max(checks, 1)


class _DropTypename(Visitor):
    def enter_field(self, node: FieldNode, *_: Any) -> Any:
        if node.name.value == "__typename" and node.alias is None and not node.directives:
            return REMOVE
        return None


def normalised(document: DocumentNode) -> str:
    """The document as graphql-core prints it, without unaliased `__typename` fields."""
    return print_ast(visit(document, _DropTypename()))


class TrustedDocuments:
    """The allow-list: normalised text -> file name."""

    def __init__(self, schema: Any, rules: tuple[Any, ...]) -> None:
        self.schema = schema
        self.rules = rules
        self.by_form: dict[str, str] = {}
        self.texts: list[str] = []  # the files' texts, pinned as persisted queries
        self.match = lru_cache(maxsize=1024)(self._match)

    def load(self) -> TrustedDocuments:
        """Every file in schema/trusted; an invalid one fails start."""
        folder = resources.files("schema").joinpath("trusted")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".graphql"):
                continue
            text = entry.read_text("utf-8").strip()
            document = parse(text)
            errors = validate_document(self.schema, document, self.rules)
            if errors:
                raise RuntimeError(f"trusted document {entry.name} is invalid: {errors[0].message}")
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            if len(operations) != 1 or operations[0].operation is not OperationType.QUERY:
                raise RuntimeError(f"trusted document {entry.name} must hold one query")
            self.by_form[normalised(document)] = entry.name
            self.texts.append(text)
        return self

    def _match(self, query: str) -> TrustedDocument | None:
        try:
            document = parse(query)
        except (GraphQLError, RecursionError):
            return None  # the ordinary path reports the syntax error
        name = self.by_form.get(normalised(document))
        if name is None:
            return None
        plan = precompiled.compile_plan(document)
        if plan is None:
            return TrustedDocument(name, document, None)
        name_of = plan.operation_name

        def cost(checks: int) -> int:
            sample: Any = [{}] * checks if plan.batch else {}
            return query_cost(self.schema, document, name_of, {plan.variable: sample})

        per_check = cost(2) - cost(1)
        return TrustedDocument(name, document, plan, cost(1) - per_check, per_check)

    def find(self, query: Any) -> TrustedDocument | None:
        """The trusted document this query text is, if any (cached per text)."""
        if not isinstance(query, str) or len(query) > MAX_TRUSTED_CHARS:
            return None
        return self.match(query)
