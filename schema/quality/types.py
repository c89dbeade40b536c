"""The quality office's figures (qualityIndicators) and the adjustment proposals of the
dynamic management of privileges (issue 17). Resolvers only map; domain/quality/ decides."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from typing import Any

import strawberry
import strawberry.scalars

from domain import organisation, privileges
from domain.quality import adjustments, indicators
from domain.quality.indicators import IndicatorCode
from models import AdjustmentProposal, CommitteeDecision
from schema import ids
from schema.context import Info
from schema.organisation import PractitionerType
from schema.privileges import (
    CommitteeDecisionType,
    PrivilegeType,
)
from schema.relay import Node


@strawberry.enum(name="QualityPeriod", description="How the series of an indicator is cut.")
class QualityPeriod(Enum):
    MONTH = strawberry.enum_value("MONTH", description="Calendar months.")
    QUARTER = strawberry.enum_value("QUARTER", description="Calendar quarters (Q1-Q4).")
    YEAR = strawberry.enum_value("YEAR", description="Calendar years.")


_INDICATOR_DESCRIPTIONS = {
    code: f"{definition.name}: {definition.definition}"
    for code, definition in indicators.DEFINITIONS.items()
}

QualityIndicatorCode: Any = strawberry.enum(  # type: ignore[call-overload]
    Enum(  # type: ignore[misc]
        "QualityIndicatorCode",
        {
            code.value: strawberry.enum_value(code.value, description=_INDICATOR_DESCRIPTIONS[code])
            for code in IndicatorCode
        },
    ),
    name="QualityIndicatorCode",
    description="The national quality indicators credreg computes.",
)


@strawberry.type(description="A count behind a value, e.g. overrides by review outcome.")
class QualityCount:
    key: str = strawberry.field(description="What is counted (a status, a technique code, ...).")
    count: float = strawberry.field(description="How many.")


@strawberry.type(description="One figure: numerator / denominator = rate.")
class QualityValue:
    numerator: float = strawberry.field(
        description="Cases (or procedures, techniques) meeting the indicator; for the "
        "ratio indicators, the grade-4 rate."
    )
    denominator: float = strawberry.field(
        description="The population counted; for the ratio indicators, the grade-3 rate."
    )
    rate: float | None = strawberry.field(description="numerator / denominator; null if 0.")
    counts: list[QualityCount] = strawberry.field(
        description="The counts behind the value, where the indicator has a breakdown."
    )

    @classmethod
    def of(cls, value: indicators.Value) -> QualityValue:
        return cls(
            numerator=value.numerator,
            denominator=value.denominator,
            rate=value.rate,
            counts=[QualityCount(key=k, count=v) for k, v in value.counts.items()],
        )


@strawberry.type(description="An indicator's value in one period.")
class QualityPoint:
    period: str = strawberry.field(description="2026-07, 2026Q3 or 2026.")
    from_date: date = strawberry.field(name="from", description="First day counted.")
    to_date: date = strawberry.field(name="to", description="Last day counted.")
    value: QualityValue = strawberry.field(description="The figure.")


@strawberry.type(description="An indicator's value for one department over the whole range.")
class QualityDepartmentValue:
    department_code: str = strawberry.field(description="The department's code.")
    department_name: str = strawberry.field(description="The department's name.")
    value: QualityValue = strawberry.field(description="The figure.")


@strawberry.type(description="One national indicator: its series and department values.")
class QualityIndicator:
    code: QualityIndicatorCode = strawberry.field(description="The indicator.")  # type: ignore[valid-type]
    name: str = strawberry.field(description="The national name (Chinese).")
    definition: str = strawberry.field(description="numerator / denominator, in words.")
    ratio: bool = strawberry.field(
        description="True when numerator and denominator are rates and the value their ratio."
    )
    points: list[QualityPoint] = strawberry.field(description="One value per period.")
    by_department: list[QualityDepartmentValue] = strawberry.field(
        description="Each department's value over the whole range (case-based indicators)."
    )


@strawberry.type(description="The quality office's figures for a scope and range.")
class QualityIndicators:
    from_date: date = strawberry.field(name="from", description="First day counted.")
    to_date: date = strawberry.field(name="to", description="Last day counted.")
    period: QualityPeriod = strawberry.field(description="How the series are cut.")
    scope: str = strawberry.field(description="The department or site, empty for all.")
    indicators: list[QualityIndicator] = strawberry.field(description="One per indicator.")


# --- adjustment proposals (授权动态管理) ---------------------------------------------------


@strawberry.enum(name="AdjustmentTrigger", description="What made credreg propose an adjustment.")
class AdjustmentTrigger(Enum):
    REOPERATIONS = strawberry.enum_value(
        "REOPERATIONS", description="Unplanned reoperations in the privilege's procedures."
    )
    DEATHS = strawberry.enum_value(
        "DEATHS", description="Operation-related deaths in the privilege's procedures."
    )
    COMPLICATION_RATE = strawberry.enum_value(
        "COMPLICATION_RATE",
        description="The holder's complication rate above the department's by the policy factor.",
    )
    SKILL_DECAY = strawberry.enum_value(
        "SKILL_DECAY",
        description="No case of a grade-4 procedure or restricted technique in the window.",
    )
    UNJUSTIFIED_OVERRIDE = strawberry.enum_value(
        "UNJUSTIFIED_OVERRIDE", description="An emergency override reviewed UNJUSTIFIED."
    )
    OUT_OF_PRIVILEGE = strawberry.enum_value(
        "OUT_OF_PRIVILEGE", description="An out-of-privilege (越级) case."
    )


@strawberry.enum(name="AdjustmentAction", description="What a proposal asks the committee to do.")
class AdjustmentAction(Enum):
    SUSPEND = strawberry.enum_value("SUSPEND", description="Suspend the privilege.")
    DOWNGRADE = strawberry.enum_value(
        "DOWNGRADE",
        description="Supersede it with a narrower one (lower grade, or supervised only).",
    )
    REVIEW = strawberry.enum_value(
        "REVIEW", description="Review the practitioner's practice; no privilege changes."
    )


@strawberry.enum(name="AdjustmentProposalStatus", description="Where a proposal stands.")
class AdjustmentProposalStatus(Enum):
    PENDING = strawberry.enum_value("PENDING", description="Waiting for medical affairs.")
    ACCEPTED = strawberry.enum_value(
        "ACCEPTED", description="Accepted with a committee decision (and applied)."
    )
    DISMISSED = strawberry.enum_value("DISMISSED", description="Dismissed with a reason.")


@strawberry.type(
    name="AdjustmentProposal",
    description="An outcome that crossed a site-policy threshold, proposed to medical "
    "affairs; never applied by itself.",
)
class AdjustmentProposalNode(Node):
    trigger: AdjustmentTrigger = strawberry.field(description="Why it was proposed.")
    proposed_action: AdjustmentAction = strawberry.field(description="What is proposed.")
    status: AdjustmentProposalStatus = strawberry.field(description="Where it stands.")
    run_on: date = strawberry.field(description="The day of the run that proposed it.")
    evidence_case_ids: list[strawberry.ID] = strawberry.field(
        description="Global ids of the case records behind it."
    )
    facts: strawberry.scalars.JSON = strawberry.field(
        description="The figures compared (counts, rates, thresholds)."
    )
    applied_action: AdjustmentAction | None = strawberry.field(
        description="What the acceptance did."
    )
    decided_by: str | None = strawberry.field(description="Who accepted or dismissed it.")
    decided_at: datetime | None = strawberry.field(description="When.")
    decision_reason: str | None = strawberry.field(description="The reason given.")
    version: int = strawberry.field(description="For expectedVersion.")
    privilege_id: strawberry.Private[int | None]
    practitioner_id: strawberry.Private[int]
    decision_id: strawberry.Private[int | None]
    resulting_privilege_id: strawberry.Private[int | None]

    @strawberry.field(description="The privilege to adjust (null for practitioner-level ones).")
    async def privilege(self, info: Info) -> PrivilegeType | None:
        return await _privilege(info, self.privilege_id)

    @strawberry.field(description="The privilege a DOWNGRADE created.")
    async def resulting_privilege(self, info: Info) -> PrivilegeType | None:
        return await _privilege(info, self.resulting_privilege_id)

    @strawberry.field(description="Whose practice it concerns.")
    async def practitioner(self, info: Info) -> PractitionerType | None:
        found = await organisation.get_practitioner(
            info.context.actor, practitioner_id=self.practitioner_id
        )
        return PractitionerType.from_model(found) if found else None

    @strawberry.field(description="The committee decision of the acceptance.")
    async def decision(self, info: Info) -> CommitteeDecisionType | None:
        if self.decision_id is None:
            return None
        found = await CommitteeDecision.get_or_none(id=self.decision_id)
        return CommitteeDecisionType.from_model(found) if found else None

    @classmethod
    async def resolve_nodes(
        cls, *, info: Info, node_ids: Iterable[str]
    ) -> list[AdjustmentProposalNode | None]:
        # Scoped like its list: the domain read checks the actor's permission and scope.
        found = [
            await adjustments.get_proposal(info.context.actor, int(node_id)) for node_id in node_ids
        ]
        return [cls.from_model(row) if row is not None else None for row in found]

    @classmethod
    def from_model(cls, p: AdjustmentProposal) -> AdjustmentProposalNode:
        return cls(
            id=strawberry.ID(ids.encode("AdjustmentProposal", p.id)),
            trigger=AdjustmentTrigger(p.trigger),
            proposed_action=AdjustmentAction(p.proposed_action),
            status=AdjustmentProposalStatus(p.status),
            run_on=p.run_on,
            evidence_case_ids=[
                strawberry.ID(ids.encode("CaseRecord", int(i))) for i in p.evidence_case_ids
            ],
            facts=dict(p.facts or {}),  # type: ignore[arg-type]
            applied_action=AdjustmentAction(p.applied_action) if p.applied_action else None,
            decided_by=p.decided_by,
            decided_at=p.decided_at,
            decision_reason=p.decision_reason,
            version=p.version,
            privilege_id=p.privilege_id,  # type: ignore[attr-defined]
            practitioner_id=p.practitioner_id,  # type: ignore[attr-defined]
            decision_id=p.decision_id,  # type: ignore[attr-defined]
            resulting_privilege_id=p.resulting_privilege_id,  # type: ignore[attr-defined]
        )


async def _privilege(info: Info, privilege_id: int | None) -> PrivilegeType | None:
    if privilege_id is None:
        return None
    found = await privileges.get_privilege(info.context.actor, privilege_id)
    return PrivilegeType.from_model(found) if found else None
