"""The quality area's GraphQL queries."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
import strawberry.scalars

from domain.quality import adjustments, indicators
from schema import ids
from schema.context import Info
from schema.quality.inputs import AdjustmentProposalFilter, QualityScope
from schema.quality.types import (
    AdjustmentProposalNode,
    QualityDepartmentValue,
    QualityIndicator,
    QualityIndicatorCode,
    QualityIndicators,
    QualityPeriod,
    QualityPoint,
    QualityValue,
)
from schema.relay import Connection, connection


def _map(report: indicators.Report) -> QualityIndicators:
    return QualityIndicators(
        from_date=report.start,
        to_date=report.end,
        period=QualityPeriod(report.period.value),
        scope=report.scope_label,
        indicators=[
            QualityIndicator(
                code=QualityIndicatorCode(s.definition.code.value),
                name=s.definition.name,
                definition=s.definition.definition,
                ratio=s.definition.ratio,
                points=[
                    QualityPoint(
                        period=p.label,
                        from_date=p.start,
                        to_date=p.end,
                        value=QualityValue.of(p.value),
                    )
                    for p in s.points
                ],
                by_department=[
                    QualityDepartmentValue(
                        department_code=d.department_code,
                        department_name=d.department_name,
                        value=QualityValue.of(d.value),
                    )
                    for d in s.by_department
                ],
            )
            for s in report.series
        ],
    )


@strawberry.type
class QualityQuery:
    @strawberry.field(
        description="The national quality indicators (四级手术术前多学科讨论完成率, "
        "三、四级手术占比, 日间手术占择期手术比例, ...) as series per month, quarter or "
        "year; see docs/api.md."
    )
    async def quality_indicators(
        self,
        info: Info,
        from_date: Annotated[
            date, strawberry.argument(name="from", description="First day counted.")
        ],
        to_date: Annotated[date, strawberry.argument(name="to", description="Last day counted.")],
        period: Annotated[
            QualityPeriod, strawberry.argument(description="How the series are cut.")
        ] = QualityPeriod.QUARTER,
        scope: Annotated[
            QualityScope | None,
            strawberry.argument(description="Department, site, or null for the whole registry."),
        ] = None,
        indicators_wanted: Annotated[
            list[QualityIndicatorCode] | None,  # type: ignore[valid-type]
            strawberry.argument(name="indicators", description="Only these (default all)."),
        ] = None,
    ) -> QualityIndicators:
        chosen = scope or QualityScope()
        report = await indicators.quality_indicators(
            info.context.actor,
            indicators.Scope(chosen.department, chosen.site, chosen.institution),
            from_date,
            to_date,
            period.name,
            [c.name for c in indicators_wanted] if indicators_wanted else None,
        )
        return _map(report)


@strawberry.type
class AdjustmentQuery:
    @strawberry.field(
        description="Adjustment proposals of the dynamic management of privileges, oldest "
        "first; heads see their departments', practitioners their own."
    )
    async def adjustment_proposals(
        self,
        info: Info,
        filter: Annotated[
            AdjustmentProposalFilter | None, strawberry.argument(description="Which ones.")
        ] = None,
        first: Annotated[int | None, strawberry.argument(description="Page size (≤ 100).")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
    ) -> Connection[AdjustmentProposalNode]:
        where = filter or AdjustmentProposalFilter()
        page = await adjustments.list_proposals(
            info.context.actor,
            adjustments.ProposalFilter(
                status=where.status.name if where.status else None,
                trigger=where.trigger.name if where.trigger else None,
                department_code=where.department,
                practitioner_staff_no=where.practitioner_staff_no,
            ),
            first,
            ids.decode_cursor(after),
        )
        return connection(page, AdjustmentProposalNode.from_model)
