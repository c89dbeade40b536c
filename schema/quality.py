"""The quality office's figures (qualityIndicators) and the adjustment proposals of the
dynamic management of privileges (issue 17). Resolvers only map; domain/quality/ decides."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from domain.quality import indicators
from domain.quality.indicators import IndicatorCode, Period

from schema.context import Info


@strawberry.enum(name="QualityPeriod", description="How the series of an indicator is cut.")
class QualityPeriod(Enum):
    MONTH = strawberry.enum_value("MONTH", description="Calendar months.")
    QUARTER = strawberry.enum_value("QUARTER", description="Calendar quarters (Q1-Q4).")
    YEAR = strawberry.enum_value("YEAR", description="Calendar years.")


_INDICATOR_DESCRIPTIONS = {
    code: f"{definition.name}: {definition.definition}"
    for code, definition in indicators.DEFINITIONS.items()
}

QualityIndicatorCode = strawberry.enum(
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


@strawberry.input(
    description="Where the figures come from: one department, one site, or (all left out) "
    "the whole registry, which is the institution until hospital groups exist."
)
class QualityScope:
    department: str | None = strawberry.field(default=None, description="A department code.")
    site: str | None = strawberry.field(default=None, description="A site (院区) code.")
    institution: str | None = strawberry.field(
        default=None,
        description="Reserved for hospital groups (医联体); today leave it null: the whole "
        "registry is the institution.",
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
        description="The national quality indicators (四级手术术前多学科讨论完成率, 三、四级手术占比, "
        "日间手术占择期手术比例, ...) as series per month, quarter or year; see docs/api.md."
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
            Period(period.value).value,
            [c.value for c in indicators_wanted] if indicators_wanted else None,
        )
        return _map(report)
