"""The national quality indicators credreg computes (issue 17), by period and department.

The case figures come from one aggregate query, `GROUP BY performed_on, department`
(a plain date and an integer: the same SQL on SQLite and PostgreSQL, no dialect date
functions), summed into months, quarters or years here; the restricted techniques, the
emergency overrides and the overlaps (window aggregates) are small queries of their own,
the performed rate (目录备案) and the filings too. A year of 200,000 cases is read from a
covering index (migration 11) and is a few thousand grouped rows; see bench/quality.py
for the measured time.

Definitions follow 医疗质量安全核心制度落实情况监测指标 (2025) and the 2022 surgical grading
rules; where a choice was needed it is written in `definition` and in docs/api.md.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from domain import permissions, sql
from domain.actors import Actor
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import field_label, msg
from domain.permissions import Permission
from models import Department, Institution, Site

RESTRICTED = ("RESTRICTED_NATIONAL", "RESTRICTED_PROVINCIAL")
MAX_PERIODS = 120


class Period(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"


class IndicatorCode(StrEnum):
    MDT_COMPLETION = "MDT_COMPLETION"
    GRADE_3_4_SHARE = "GRADE_3_4_SHARE"
    GRADE_4_SHARE = "GRADE_4_SHARE"
    DAY_SURGERY_SHARE = "DAY_SURGERY_SHARE"
    GRADE_3_4_PERFORMED_RATE = "GRADE_3_4_PERFORMED_RATE"
    COMPLICATION_RATE_RATIO = "COMPLICATION_RATE_RATIO"
    DEATH_RATE_RATIO = "DEATH_RATE_RATIO"
    TIME_OVERLAP_RATE = "TIME_OVERLAP_RATE"
    OPERATOR_CONSISTENCY_RATE = "OPERATOR_CONSISTENCY_RATE"
    OUT_OF_PRIVILEGE_RATE = "OUT_OF_PRIVILEGE_RATE"
    EMERGENCY_OVERRIDE_UNJUSTIFIED_RATE = "EMERGENCY_OVERRIDE_UNJUSTIFIED_RATE"
    RESTRICTED_TECHNIQUE_CASES = "RESTRICTED_TECHNIQUE_CASES"
    TECHNIQUE_FILING_ON_TIME_RATE = "TECHNIQUE_FILING_ON_TIME_RATE"


@dataclass(frozen=True)
class Definition:
    code: IndicatorCode
    name: str  # the national name, in Chinese (it is what the office reports)
    definition: str
    ratio: bool = False  # numerator and denominator are rates, the value their ratio


DEFINITIONS: dict[IndicatorCode, Definition] = {
    d.code: d
    for d in (
        Definition(
            IndicatorCode.MDT_COMPLETION,
            "四级手术术前多学科讨论完成率",
            "术前完成多学科讨论的四级手术例数 / 同期四级手术例数（限制类技术按四级手术管理；"
            "讨论晚于手术医嘱或知情同意的视为未完成）",
        ),
        Definition(
            IndicatorCode.GRADE_3_4_SHARE,
            "三、四级手术占比",
            "三级和四级手术例数 / 同期手术总例数",
        ),
        Definition(
            IndicatorCode.GRADE_4_SHARE,
            "四级手术占比",
            "四级手术例数 / 同期手术总例数",
        ),
        Definition(
            IndicatorCode.DAY_SURGERY_SHARE,
            "日间手术占择期手术比例",
            "日间手术例数 / 同期择期手术（非急诊手术）例数",
        ),
        Definition(
            IndicatorCode.GRADE_3_4_PERFORMED_RATE,
            "三、四级手术实际开展率",
            "期内实际开展（至少 1 例）的已备案三、四级手术术种数 / 目录备案的三、四级手术术种数"
            "（科室范围：该科医师所属专业的术种）",
        ),
        Definition(
            IndicatorCode.COMPLICATION_RATE_RATIO,
            "四级手术与三级手术并发症发生率之比",
            "四级手术并发症发生率（并发症例数 / 四级手术例数） / 三级手术并发症发生率",
            ratio=True,
        ),
        Definition(
            IndicatorCode.DEATH_RATE_RATIO,
            "四级手术与三级手术死亡率之比",
            "四级手术患者死亡率 / 三级手术患者死亡率",
            ratio=True,
        ),
        Definition(
            IndicatorCode.TIME_OVERLAP_RATE,
            "手术时间重合率",
            "同一术者手术时间与其另一台手术重合的手术例数 / 同期登记了开始和结束时间的手术例数",
        ),
        Definition(
            IndicatorCode.OPERATOR_CONSISTENCY_RATE,
            "计划术者与实际术者一致率",
            "实际术者与计划术者一致的手术例数 / 同期有计划术者的手术例数",
        ),
        Definition(
            IndicatorCode.OUT_OF_PRIVILEGE_RATE,
            "越级手术发生率",
            "未获授权且非急诊的手术例数 / 同期手术总例数",
        ),
        Definition(
            IndicatorCode.EMERGENCY_OVERRIDE_UNJUSTIFIED_RATE,
            "急诊越级手术审查不合理率",
            "审查结论为不合理的急诊越级手术例数 / 同期急诊越级手术例数（按结论分列：待审查、"
            "合理、不合理）",
        ),
        Definition(
            IndicatorCode.RESTRICTED_TECHNIQUE_CASES,
            "限制类技术临床应用例数",
            "限制类技术手术例数（按技术分列） / 同期手术总例数",
        ),
        Definition(
            IndicatorCode.TECHNIQUE_FILING_ON_TIME_RATE,
            "限制类技术按时备案率",
            "备案期限在期内、且在期限内完成备案的限制类技术数 / 备案期限在期内的限制类技术数",
        ),
    )
}


@dataclass
class Value:
    numerator: float
    denominator: float
    counts: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        return None if not self.denominator else self.numerator / self.denominator


@dataclass
class Point:
    label: str
    start: date
    end: date
    value: Value


@dataclass
class DepartmentValue:
    department_code: str
    department_name: str
    value: Value


@dataclass
class Series:
    definition: Definition
    points: list[Point]
    by_department: list[DepartmentValue]


@dataclass(frozen=True)
class Scope:
    department_code: str | None = None
    site_code: str | None = None
    institution_code: str | None = None


@dataclass
class Report:
    start: date
    end: date
    period: Period
    scope_label: str
    series: list[Series]


# --- periods -----------------------------------------------------------------------------


def _period_start(day: date, period: Period) -> date:
    if period is Period.YEAR:
        return date(day.year, 1, 1)
    if period is Period.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, day.month, 1)


def _next_start(start: date, period: Period) -> date:
    months = {Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}[period]
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def _label(start: date, period: Period) -> str:
    if period is Period.YEAR:
        return f"{start.year}"
    if period is Period.QUARTER:
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def periods(start: date, end: date, period: Period) -> list[tuple[str, date, date]]:
    """The calendar periods covering [start, end], clipped to it."""
    result = []
    cursor = _period_start(start, period)
    while cursor <= end:
        following = _next_start(cursor, period)
        result.append(
            (_label(cursor, period), max(cursor, start), min(following - timedelta(days=1), end))
        )
        cursor = following
    return result


# --- scope and permission -----------------------------------------------------------------


@dataclass
class _Resolved:
    department: Department | None
    site: Site | None
    label: str
    institution: Institution | None = None
    site_ids: tuple[int, ...] = ()  # the institution's campuses


async def _resolve(actor: Actor, scope: Scope) -> _Resolved:
    reach = permissions.practitioner_scope(actor, Permission.READ_CASES)
    given = [
        name
        for name, value in (
            ("department", scope.department_code),
            ("site", scope.site_code),
            ("institution", scope.institution_code),
        )
        if value
    ]
    if len(given) > 1:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("Give one of department, site or institution, not several"),
            "scope",
        )
    if scope.institution_code:
        institution = await Institution.get_or_none(code=scope.institution_code)
        if institution is None:
            raise not_found("Institution", scope.institution_code, ["scope", "institution"])
        if not reach.everyone and not (
            permissions.institution_bound(actor)
            and permissions.may_act_for(actor, institution.id)
            and permissions.sees_everyone(actor, Permission.READ_CASES)
        ):
            raise DomainError(
                ErrorCode.FORBIDDEN,
                msg(permissions.INSTITUTION_MESSAGE),
                ["scope", "institution"],
            )
        campuses = await Site.filter(institution_id=institution.id).values_list("id", flat=True)
        return _Resolved(
            None,
            None,
            f"{institution.code} {institution.name}",
            institution=institution,
            site_ids=tuple(int(i) for i in campuses),  # type: ignore[call-overload]
        )
    if scope.department_code:
        department = await Department.get_or_none(code=scope.department_code)
        if department is None:
            raise not_found("Department", scope.department_code, ["scope", "department"])
        if not reach.everyone and department.id not in reach.department_ids:
            raise DomainError(
                ErrorCode.FORBIDDEN,
                msg("This department is outside your scope"),
                ["scope", "department"],
            )
        return _Resolved(department, None, f"{department.code} {department.name}")
    if not reach.everyone:
        raise DomainError(
            ErrorCode.FORBIDDEN,
            msg("Your role reads the figures of your own departments only; name one"),
            ["scope", "department"],
        )
    if scope.site_code:
        site = await Site.get_or_none(code=scope.site_code)
        if site is None:
            raise not_found("Site", scope.site_code, ["scope", "site"])
        return _Resolved(None, site, f"{site.code} {site.name}")
    return _Resolved(None, None, "")


def _check_range(start: date, end: date, period: Period) -> list[tuple[str, date, date]]:
    if end < start:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "{later} must not be before {earlier}",
                later=field_label("to"),
                earlier=field_label("from"),
            ),
            "to",
        )
    spans = periods(start, end, period)
    if len(spans) > MAX_PERIODS:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("At most {count} periods at a time", count=MAX_PERIODS),
            "to",
        )
    return spans


# --- the queries ---------------------------------------------------------------------------

_CASE_COUNTERS = """
  COUNT(*) AS cases,
  SUM(CASE WHEN c.grade = 3 THEN 1 ELSE 0 END) AS g3,
  SUM(CASE WHEN c.grade = 4 THEN 1 ELSE 0 END) AS g4,
  SUM(CASE WHEN c.grade = 4 AND c.mdt_timely THEN 1 ELSE 0 END) AS g4_mdt,
  SUM(CASE WHEN c.emergency THEN 0 ELSE 1 END) AS elective,
  SUM(CASE WHEN c.setting = 'DAY_SURGERY' AND NOT c.emergency THEN 1 ELSE 0 END) AS day_surgery,
  SUM(CASE WHEN c.grade = 3 AND c.complication THEN 1 ELSE 0 END) AS g3_complications,
  SUM(CASE WHEN c.grade = 4 AND c.complication THEN 1 ELSE 0 END) AS g4_complications,
  SUM(CASE WHEN c.grade = 3 AND c.death THEN 1 ELSE 0 END) AS g3_deaths,
  SUM(CASE WHEN c.grade = 4 AND c.death THEN 1 ELSE 0 END) AS g4_deaths,
  SUM(CASE WHEN c.started_at IS NOT NULL AND c.ended_at IS NOT NULL THEN 1 ELSE 0 END) AS timed,
  SUM(CASE WHEN c.planned_operator_id IS NOT NULL THEN 1 ELSE 0 END) AS planned,
  SUM(CASE WHEN c.planned_operator_id = c.practitioner_id THEN 1 ELSE 0 END) AS planned_same,
  SUM(CASE WHEN c.out_of_privilege THEN 1 ELSE 0 END) AS out_of_privilege
"""

# 手术时间重合: a case overlaps another of the same operator exactly when an operation
# that started before it (in (started_at, id) order) ends after it starts, or the next
# one starts before it ends (the earliest start among the later ones is the next row's,
# the order being by start: LEAD, not a MIN over a shrinking frame, which SQLite
# recomputes row by row). The windows run over the case table alone (read from the
# covering index of migration 11); only the overlapping rows meet the department.
_OVERLAPS = """
SELECT w.day AS day, p."department_id" AS department_id, COUNT(*) AS overlapping FROM (
  SELECT c."performed_on" AS day, c."practitioner_id" AS practitioner_id, c."started_at" AS s,
         c."ended_at" AS e,
         MAX(c."ended_at") OVER (PARTITION BY c."practitioner_id" ORDER BY c."started_at", c."id"
             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before_end,
         LEAD(c."started_at") OVER (PARTITION BY c."practitioner_id"
             ORDER BY c."started_at", c."id") AS after_start
  FROM "case_record" c
  WHERE {where} AND c."started_at" IS NOT NULL AND c."ended_at" IS NOT NULL
) w JOIN "practitioner" p ON p."id" = w.practitioner_id
WHERE w.day >= ? AND w.day <= ? AND (w.before_end > w.s OR w.after_start < w.e)
GROUP BY w.day, p."department_id"
"""

# The case table comes first (CROSS JOIN fixes SQLite's join order; PostgreSQL plans it
# as the inner join it is): a year of cases read in date order from the covering index,
# each meeting its practitioner's row for the department.
_FROM = 'FROM "case_record" c CROSS JOIN "practitioner" p WHERE p."id" = c."practitioner_id" AND '


def _where(resolved: _Resolved, start: date, end: date) -> tuple[str, list[Any]]:
    """Conditions on the case alone (alias c): the department is the practitioner's."""
    clauses = ['c."performed_on" >= ?', 'c."performed_on" <= ?']
    params: list[Any] = [start, end]
    if resolved.department is not None:
        clauses.append(
            'c."practitioner_id" IN (SELECT d."id" FROM "practitioner" d '
            'WHERE d."department_id" = ?)'
        )
        params.append(resolved.department.id)
    if resolved.site is not None:
        clauses.append('c."site_id" = ?')
        params.append(resolved.site.id)
    if resolved.institution is not None:
        marks = ", ".join("?" for _ in resolved.site_ids) or "NULL"
        clauses.append(f'c."site_id" IN ({marks})')
        params.extend(resolved.site_ids)
    return " AND ".join(clauses), params


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


Counters = dict[str, float]


@dataclass
class _Totals:
    """Counters summed per period (in the order of the spans) and per department."""

    starts: list[date]
    by_period: list[Counters]
    by_department: dict[int, Counters] = field(default_factory=dict)

    def add(self, day: Any, department_id: Any, values: dict[str, Any]) -> None:
        period = self.by_period[bisect_right(self.starts, _day(day)) - 1]
        department = self.by_department.get(int(department_id))
        if department is None:
            department = self.by_department[int(department_id)] = defaultdict(float)
        for key, value in values.items():
            number = float(value or 0)
            period[key] += number
            department[key] += number


async def _case_totals(
    resolved: _Resolved, start: date, end: date, spans: list[tuple[str, date, date]]
) -> _Totals:
    """The case counters per period and department: one aggregate over the cases
    `GROUP BY performed_on, department` (a day and an integer: the same SQL on SQLite and
    PostgreSQL, a few thousand rows for a year), one over the few cases of a restricted
    technique, one over the emergency overrides and one for the overlaps."""
    where, params = _where(resolved, start, end)
    totals = _Totals([span[1] for span in spans], [defaultdict(float) for _ in spans])
    for row in await sql.fetch(
        f'SELECT c."performed_on" AS day, p."department_id" AS department_id, {_CASE_COUNTERS} '
        f'{_FROM}{where} GROUP BY c."performed_on", p."department_id"',
        params,
    ):
        totals.add(row.pop("day"), row.pop("department_id"), row)
    restricted = {
        int(t["id"]): str(t["code"])
        for t in await sql.fetch(
            'SELECT "id", "code" FROM "technique" WHERE "category" IN (?, ?)', list(RESTRICTED)
        )
    }
    if restricted:
        marks = ", ".join("?" for _ in restricted)
        for row in await sql.fetch(
            'SELECT c."performed_on" AS day, p."department_id" AS department_id, '
            f'c."technique_id" AS technique_id, COUNT(*) AS cases {_FROM}{where} '
            f'AND c."technique_id" IN ({marks}) '
            'GROUP BY c."performed_on", p."department_id", c."technique_id"',
            [*params, *restricted],
        ):
            code = restricted[int(row["technique_id"])]
            cases = row["cases"]
            totals.add(
                row["day"], row["department_id"], {f"technique:{code}": cases, "restricted": cases}
            )
    for row in await sql.fetch(
        'SELECT c."performed_on" AS day, p."department_id" AS department_id, '
        'e."status" AS status, COUNT(*) AS cases FROM "emergency_override" e '
        'JOIN "case_record" c ON c."id" = e."case_record_id" '
        'JOIN "practitioner" p ON p."id" = c."practitioner_id" '
        f'WHERE {where} GROUP BY c."performed_on", p."department_id", e."status"',
        params,
    ):
        cases = row["cases"]
        totals.add(
            row["day"],
            row["department_id"],
            {"overrides": cases, f"override:{row['status']}": cases},
        )
    # Operations near the range's edges may overlap ones just outside it.
    wide_where, wide_params = _where(resolved, start - timedelta(days=1), end + timedelta(days=1))
    for row in await sql.fetch(_OVERLAPS.format(where=wide_where), [*wide_params, start, end]):
        totals.add(row["day"], row["department_id"], {"overlapping": row["overlapping"]})
    return totals


async def _performed_rate(resolved: _Resolved, start: date, end: date) -> Value:
    """三、四级手术实际开展率 for one period: filed grade-3/4 procedures (目录备案, in the
    catalogue rows in force during the period) with at least one case in it."""
    filed = (
        'SELECT DISTINCT r."code" FROM "procedure" r WHERE r."filed" AND r."grade" IN (3, 4) '
        'AND r."effective_from" <= ? AND (r."effective_to" IS NULL OR r."effective_to" >= ?)'
    )
    filed_params: list[Any] = [end, start]
    if resolved.department is not None:
        filed += (
            ' AND r."specialty_id" IN (SELECT d."specialty_id" FROM "practitioner" d '
            'WHERE d."department_id" = ? AND d."specialty_id" IS NOT NULL)'
        )
        filed_params.append(resolved.department.id)
    denominator = await sql.fetch_one(f"SELECT COUNT(*) AS n FROM ({filed}) f", filed_params)
    where, params = _where(resolved, start, end)
    numerator = await sql.fetch_one(
        'SELECT COUNT(DISTINCT c."procedure_code") AS n FROM "case_record" c '
        f'WHERE {where} AND c."procedure_code" IN ({filed})',
        params + filed_params,
    )
    return Value(float((numerator or {}).get("n") or 0), float((denominator or {}).get("n") or 0))


async def _filings(resolved: _Resolved, start: date, end: date) -> Value:
    query = (
        'SELECT COUNT(*) AS due, SUM(CASE WHEN t."filed_on" IS NOT NULL '
        'AND t."filed_on" <= t."filing_due_on" THEN 1 ELSE 0 END) AS on_time '
        'FROM "technique" t LEFT JOIN "practitioner" p ON p."id" = t."lead_id" '
        "WHERE t.\"category\" IN ('RESTRICTED_NATIONAL', 'RESTRICTED_PROVINCIAL') "
        'AND t."filing_due_on" >= ? AND t."filing_due_on" <= ?'
    )
    params: list[Any] = [start, end]
    if resolved.department is not None:
        query += ' AND p."department_id" = ?'
        params.append(resolved.department.id)
    row = await sql.fetch_one(query, params) or {}
    return Value(float(row.get("on_time") or 0), float(row.get("due") or 0))


# --- from counters to values -----------------------------------------------------------------


def _simple(numerator: str, denominator: str) -> Callable[[Counters], Value]:
    def compute(c: Counters) -> Value:
        return Value(c.get(numerator, 0.0), c.get(denominator, 0.0))

    return compute


def _rate_ratio(event: str) -> Callable[[Counters], Value]:
    def compute(c: Counters) -> Value:
        g4, g3 = c.get("g4", 0.0), c.get("g3", 0.0)
        e4, e3 = c.get(f"g4_{event}", 0.0), c.get(f"g3_{event}", 0.0)
        rate4 = e4 / g4 if g4 else 0.0
        rate3 = e3 / g3 if g3 else 0.0
        counts = {"grade4Cases": g4, f"grade4{event.title()}": e4, "grade3Cases": g3}
        counts[f"grade3{event.title()}"] = e3
        return Value(rate4, rate3, counts)

    return compute


def _overrides(c: Counters) -> Value:
    counts = {
        status: c.get(f"override:{status}", 0.0)
        for status in ("PENDING_REVIEW", "JUSTIFIED", "UNJUSTIFIED")
    }
    return Value(counts["UNJUSTIFIED"], c.get("overrides", 0.0), counts)


def _restricted(c: Counters) -> Value:
    counts = {k.split(":", 1)[1]: v for k, v in c.items() if k.startswith("technique:")}
    return Value(c.get("restricted", 0.0), c.get("cases", 0.0), dict(sorted(counts.items())))


CASE_INDICATORS: dict[IndicatorCode, Callable[[Counters], Value]] = {
    IndicatorCode.MDT_COMPLETION: _simple("g4_mdt", "g4"),
    IndicatorCode.GRADE_3_4_SHARE: lambda c: Value(
        c.get("g3", 0.0) + c.get("g4", 0.0), c.get("cases", 0.0)
    ),
    IndicatorCode.GRADE_4_SHARE: _simple("g4", "cases"),
    IndicatorCode.DAY_SURGERY_SHARE: _simple("day_surgery", "elective"),
    IndicatorCode.COMPLICATION_RATE_RATIO: _rate_ratio("complications"),
    IndicatorCode.DEATH_RATE_RATIO: _rate_ratio("deaths"),
    IndicatorCode.TIME_OVERLAP_RATE: _simple("overlapping", "timed"),
    IndicatorCode.OPERATOR_CONSISTENCY_RATE: _simple("planned_same", "planned"),
    IndicatorCode.OUT_OF_PRIVILEGE_RATE: _simple("out_of_privilege", "cases"),
    IndicatorCode.EMERGENCY_OVERRIDE_UNJUSTIFIED_RATE: _overrides,
    IndicatorCode.RESTRICTED_TECHNIQUE_CASES: _restricted,
}


async def quality_indicators(
    actor: Actor,
    scope: Scope,
    start: date,
    end: date,
    period: str,
    codes: list[str] | None = None,
) -> Report:
    """Every indicator (or those named) as a series over the periods of [start, end],
    with each department's value over the whole range."""
    from domain.validation import choice

    chosen = choice("period", period, Period)
    wanted = (
        [choice("indicators", code, IndicatorCode) for code in codes]
        if codes
        else list(IndicatorCode)
    )
    spans = _check_range(start, end, chosen)
    resolved = await _resolve(actor, scope)
    totals = await _case_totals(resolved, start, end, spans)
    period_counters = totals.by_period
    department_totals = totals.by_department
    departments = {
        d.id: d for d in await Department.filter(id__in=list(department_totals)).order_by("code")
    }
    series: list[Series] = []
    for code in wanted:
        definition = DEFINITIONS[code]
        points: list[Point] = []
        breakdown: list[DepartmentValue] = []
        if code in CASE_INDICATORS:
            compute = CASE_INDICATORS[code]
            for (label, first, last), counters in zip(spans, period_counters, strict=True):
                points.append(Point(label, first, last, compute(counters)))
            for department_id, department in departments.items():
                breakdown.append(
                    DepartmentValue(
                        department.code, department.name, compute(department_totals[department_id])
                    )
                )
            breakdown.sort(key=lambda d: d.department_code)
        else:
            figure = _performed_rate if code is IndicatorCode.GRADE_3_4_PERFORMED_RATE else _filings
            for label, first, last in spans:
                points.append(Point(label, first, last, await figure(resolved, first, last)))
        series.append(Series(definition, points, breakdown))
    return Report(start, end, chosen, resolved.label, series)
