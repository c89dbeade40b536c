"""R33 re-evaluation intervals, shared by the review workflow and the decision."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.privileges import Scope, add_months


def needs_yearly_review(privilege: dict[str, Any], grade: int | None) -> bool:
    """R33: grade-4 PROCEDURE and TECHNIQUE privileges are evaluated every N months."""
    if privilege["scope"] == Scope.TECHNIQUE.value:
        return True
    return privilege["scope"] == Scope.PROCEDURE.value and grade == 4


def evaluation_due(privilege: dict[str, Any], months: int) -> date | None:
    start = privilege.get("last_evaluated_on") or privilege.get("valid_from")
    if start is None:
        return None
    if isinstance(start, str):
        start = date.fromisoformat(start[:10])
    return add_months(start, months)
