"""The quality office's workbook (one sheet per indicator, native Excel charts) and the
technical files (技术档案) per practitioner and per technique, as .xlsx (openpyxl).

Exports are for AUDITOR and ADMIN (`exports.start_export`, which also audits them). The
figures are the same `quality_indicators` the API answers; the dossiers read the
registry as it stands, with every privilege's audited history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from domain import exports, sql
from domain.actors import Actor
from domain.errors import not_found
from domain.institutions import scope_label
from domain.quality import indicators
from domain.quality.indicators import Scope
from models import (
    AdjustmentProposal,
    AuditEvent,
    CaseRecord,
    CommitteeDecision,
    EmergencyOverride,
    Evaluation,
    PracticeRegistration,
    Practitioner,
    Privilege,
    ReviewCycle,
    Technique,
)

BOLD = Font(bold=True)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would evaluate as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _table(
    sheet: Worksheet, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """A titled table from the sheet's next free row; returns the header's row number."""
    start = sheet.max_row + 2 if sheet.max_row > 1 else 1
    sheet.cell(row=start, column=1, value=title).font = BOLD
    for column, name in enumerate(header, 1):
        sheet.cell(row=start + 1, column=column, value=name).font = BOLD
    row_number = start + 1
    for row in rows:
        row_number += 1
        for column, value in enumerate(row, 1):
            sheet.cell(row=row_number, column=column, value=_cell(value))
    return start + 1


def _sheet_title(name: str, used: set[str]) -> str:
    title = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31]
    while title in used:
        title = title[:29] + f"~{len(used)}"
    used.add(title)
    return title


# --- the quality workbook ----------------------------------------------------------------------


def quality_workbook(report: indicators.Report) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "指标汇总"
    summary.append(["质量指标", f"{report.start.isoformat()} 至 {report.end.isoformat()}"])
    summary.append(["范围", report.scope_label or "全院"])
    summary.append(["周期", report.period.value])
    summary.append([])
    summary.append(["代码", "指标名称", "定义", "分子", "分母", "比率"])
    for cell in summary[5]:
        cell.font = BOLD
    used = {summary.title}
    for series in report.series:
        numerator = sum(p.value.numerator for p in series.points)
        denominator = sum(p.value.denominator for p in series.points)
        rate = numerator / denominator if denominator and not series.definition.ratio else None
        summary.append(
            [
                series.definition.code.value,
                series.definition.name,
                series.definition.definition,
                None if series.definition.ratio else numerator,
                None if series.definition.ratio else denominator,
                rate,
            ]
        )
        sheet = workbook.create_sheet(_sheet_title(series.definition.name, used))
        sheet.append([series.definition.name])
        sheet["A1"].font = BOLD
        sheet.append([series.definition.definition])
        header_row = _table(
            sheet,
            "趋势",
            ["期间", "起", "止", "分子", "分母", "比率"],
            (
                [p.label, p.start, p.end, p.value.numerator, p.value.denominator, p.value.rate]
                for p in series.points
            ),
        )
        last = header_row + len(series.points)
        trend = LineChart()
        trend.title = f"{series.definition.name}（趋势）"
        trend.y_axis.title = "比率"
        trend.x_axis.title = "期间"
        trend.add_data(
            Reference(sheet, min_col=6, min_row=header_row, max_row=last), titles_from_data=True
        )
        trend.set_categories(Reference(sheet, min_col=1, min_row=header_row + 1, max_row=last))
        sheet.add_chart(trend, "H3")
        if series.by_department:
            department_header = _table(
                sheet,
                "各科室",
                ["科室代码", "科室", "分子", "分母", "比率"],
                (
                    [
                        d.department_code,
                        d.department_name,
                        d.value.numerator,
                        d.value.denominator,
                        d.value.rate,
                    ]
                    for d in series.by_department
                ),
            )
            bars = BarChart()
            bars.type = "col"
            bars.title = f"{series.definition.name}（各科室）"
            bars.add_data(
                Reference(
                    sheet,
                    min_col=5,
                    min_row=department_header,
                    max_row=department_header + len(series.by_department),
                ),
                titles_from_data=True,
            )
            bars.set_categories(
                Reference(
                    sheet,
                    min_col=2,
                    min_row=department_header + 1,
                    max_row=department_header + len(series.by_department),
                )
            )
            sheet.add_chart(bars, "H20")
        counts = sorted({key for p in series.points for key in p.value.counts})
        if counts:
            _table(
                sheet,
                "明细",
                ["期间", *counts],
                ([p.label, *(p.value.counts.get(k, 0) for k in counts)] for p in series.points),
            )
    return workbook


async def quality_xlsx(
    actor: Actor, scope: Scope, start: date, end: date, period: str, path: str
) -> None:
    """Exports are for AUDITOR and ADMIN (and audited); the figures follow the scope."""
    params = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "period": period,
        "department": scope.department_code or "",
        "site": scope.site_code or "",
    }
    await exports.start_export(actor, "quality.xlsx", params)
    report = await indicators.quality_indicators(actor, scope, start, end, period)
    quality_workbook(report).save(path)


# --- technical files (技术档案) ------------------------------------------------------------------


async def _history(entity_type: str, entity_ids: list[int]) -> list[list[Any]]:
    if not entity_ids:
        return []
    events = await AuditEvent.filter(
        entity_type=entity_type, entity_id__in=[str(i) for i in entity_ids]
    ).order_by("seq")
    return [
        [e.entity_id, e.seq, e.occurred_at, e.action, e.actor_name, e.reason or ""] for e in events
    ]


def _decision_row(d: CommitteeDecision | None) -> list[Any]:
    if d is None:
        return ["", "", "", "", ""]
    return [
        d.committee,
        d.meeting_on,
        d.outcome,
        f"{d.votes_for}/{d.votes_against}/{d.votes_abstain}",
        d.minutes_ref,
    ]


async def _decisions(ids: Iterable[int | None]) -> dict[int, CommitteeDecision]:
    wanted = [i for i in ids if i is not None]
    return {d.id: d for d in await CommitteeDecision.filter(id__in=wanted)} if wanted else {}


async def practitioner_dossier(actor: Actor, staff_no: str, path: str) -> None:
    """Registrations, every privilege with its history and committee decisions,
    evaluations with metrics, cases by procedure and grade, overrides, out-of-privilege
    cases and adjustment proposals."""
    await exports.start_export(actor, "dossier.practitioner", {"staffNo": staff_no})
    practitioner = await Practitioner.get_or_none(staff_no=staff_no).select_related(
        "department", "specialty"
    )
    if practitioner is None:
        raise not_found("Practitioner", staff_no, "staffNo")
    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = "基本信息与注册"
    _table(
        info,
        f"医师技术档案：{practitioner.name}（{practitioner.staff_no}）",
        ["项目", "内容"],
        [
            ["工号", practitioner.staff_no],
            ["姓名", practitioner.name],
            ["科室", f"{practitioner.department.code} {practitioner.department.name}"],
            ["专业", practitioner.specialty.name if practitioner.specialty else ""],
            ["职称", practitioner.title],
            ["执业证书编号", practitioner.licence_no],
            ["执业证书有效期至", practitioner.licence_valid_until],
            ["执业范围", practitioner.practice_scope],
            [
                "执业范围（编码）",
                "、".join(scope_label(c) for c in practitioner.practice_scope_codes or []),
            ],
            ["人员类别", practitioner.category],
            ["状态", practitioner.status],
        ],
    )
    registrations = (
        await PracticeRegistration.filter(practitioner_id=practitioner.id)
        .select_related("institution")
        .order_by("id")
    )
    _table(
        info,
        "执业注册（多机构执业）",
        ["医疗机构", "类别", "起始日期", "截止日期", "备注"],
        (
            [
                f"{r.institution.code} {r.institution.name}",
                r.kind,
                r.valid_from,
                r.valid_until,
                r.note,
            ]
            for r in registrations
        ),
    )
    privileges = await Privilege.filter(practitioner_id=practitioner.id).order_by("id")
    decisions = await _decisions(p.basis_id for p in privileges)  # type: ignore[attr-defined]
    sheet = workbook.create_sheet("授权及历史")
    _table(
        sheet,
        "授权",
        [
            "授权ID",
            "范围",
            "目标",
            "仅限指导下",
            "生效",
            "截止",
            "状态",
            "状态原因",
            "替代授权ID",
            "委员会",
            "会议日期",
            "结论",
            "赞成/反对/弃权",
            "纪要",
        ],
        (
            [
                p.id,
                p.scope,
                p.scope_key,
                p.supervised_only,
                p.valid_from,
                p.valid_until,
                p.status,
                p.status_reason or "",
                p.supersedes_id or "",  # type: ignore[attr-defined]
                *_decision_row(decisions.get(p.basis_id)),  # type: ignore[attr-defined]
            ]
            for p in privileges
        ),
    )
    _table(
        sheet,
        "授权变更历史（审计记录）",
        ["授权ID", "审计序号", "时间", "操作", "操作人", "原因"],
        await _history("Privilege", [p.id for p in privileges]),
    )
    evaluations = await Evaluation.filter(privilege_id__in=[p.id for p in privileges]).order_by(
        "id"
    )
    cycles = {c.id: c for c in await ReviewCycle.filter(id__in=[e.cycle_id for e in evaluations])}  # type: ignore[attr-defined]
    eval_decisions = await _decisions(e.decision_id for e in evaluations)  # type: ignore[attr-defined]
    sheet = workbook.create_sheet("定期评价")
    _table(
        sheet,
        "评价及指标",
        [
            "评价ID",
            "授权ID",
            "周期",
            "状态",
            "病例数",
            "并发症",
            "死亡",
            "非计划再手术",
            "不良事件",
            "越级",
            "来源",
            "建议",
            "结论",
            "委员会",
            "会议日期",
            "决定",
            "票数",
            "纪要",
        ],
        (
            [
                e.id,
                e.privilege_id,  # type: ignore[attr-defined]
                cycles[e.cycle_id].name if e.cycle_id in cycles else "",  # type: ignore[attr-defined]
                e.status,
                e.case_count,
                e.complication_count,
                e.death_count,
                e.unplanned_reoperation_count,
                e.adverse_event_count,
                e.out_of_privilege_count,
                e.metrics_source or "",
                e.recommendation or "",
                e.outcome or "",
                *_decision_row(eval_decisions.get(e.decision_id)),  # type: ignore[attr-defined]
            ]
            for e in evaluations
        ),
    )
    summary = await sql.fetch(
        'SELECT "procedure_code" AS code, "grade" AS grade, COUNT(*) AS n, '
        'SUM(CASE WHEN "complication" THEN 1 ELSE 0 END) AS complications, '
        'SUM(CASE WHEN "death" THEN 1 ELSE 0 END) AS deaths, '
        'SUM(CASE WHEN "unplanned_reoperation" THEN 1 ELSE 0 END) AS reoperations, '
        'SUM(CASE WHEN "emergency" THEN 1 ELSE 0 END) AS emergencies, '
        'SUM(CASE WHEN "out_of_privilege" THEN 1 ELSE 0 END) AS out_of_privilege, '
        'MIN("performed_on") AS first_on, MAX("performed_on") AS last_on '
        'FROM "case_record" WHERE "practitioner_id" = ? '
        'GROUP BY "procedure_code", "grade" ORDER BY "grade" DESC, "procedure_code"',
        [practitioner.id],
    )
    sheet = workbook.create_sheet("病例汇总")
    _table(
        sheet,
        "按术式和分级",
        [
            "术式编码",
            "分级",
            "例数",
            "并发症",
            "死亡",
            "非计划再手术",
            "急诊",
            "越级",
            "首例",
            "末例",
        ],
        (
            [
                r["code"],
                r["grade"],
                r["n"],
                r["complications"],
                r["deaths"],
                r["reoperations"],
                r["emergencies"],
                r["out_of_privilege"],
                str(r["first_on"])[:10],
                str(r["last_on"])[:10],
            ]
            for r in summary
        ),
    )
    overrides = (
        await EmergencyOverride.filter(case_record__practitioner_id=practitioner.id)
        .select_related("case_record")
        .order_by("id")
    )
    sheet = workbook.create_sheet("急诊越级")
    _table(
        sheet,
        "急诊越级手术",
        ["病例", "术式", "手术日期", "原因", "报告期限", "状态", "审查人", "审查意见"],
        (
            [
                o.case_record.external_ref,
                o.case_record.procedure_code,
                o.case_record.performed_on,
                o.reason,
                o.report_due_by.isoformat(),
                o.status,
                o.reviewed_by or "",
                o.review_note or "",
            ]
            for o in overrides
        ),
    )
    out = await CaseRecord.filter(practitioner_id=practitioner.id, out_of_privilege=True).order_by(
        "performed_on", "id"
    )
    sheet = workbook.create_sheet("越级手术")
    _table(
        sheet,
        "未获授权的非急诊手术",
        ["病例", "术式", "分级", "手术日期", "原因代码"],
        (
            [c.external_ref, c.procedure_code, c.grade, c.performed_on, c.out_of_privilege_reasons]
            for c in out
        ),
    )
    proposals = await AdjustmentProposal.filter(practitioner_id=practitioner.id).order_by("id")
    sheet = workbook.create_sheet("动态管理建议")
    _table(
        sheet,
        "授权调整建议",
        [
            "建议ID",
            "授权ID",
            "触发",
            "建议措施",
            "日期",
            "状态",
            "证据病例",
            "数据",
            "处理人",
            "理由",
            "执行措施",
        ],
        (
            [
                p.id,
                p.privilege_id or "",  # type: ignore[attr-defined]
                p.trigger,
                p.proposed_action,
                p.run_on,
                p.status,  # type: ignore[attr-defined]
                p.evidence_case_ids,
                p.facts,
                p.decided_by or "",
                p.decision_reason or "",
                p.applied_action or "",
            ]
            for p in proposals
        ),
    )
    workbook.save(path)


async def technique_dossier(actor: Actor, code: str, path: str) -> None:
    """Admission, ethics approval, filing (number, date, on time or late), the
    authorised physicians over time, cases and outcomes, suspension and stop history."""
    await exports.start_export(actor, "dossier.technique", {"code": code})
    technique = await Technique.get_or_none(code=code).select_related("lead")
    if technique is None:
        raise not_found("Technique", code, "code")
    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = "准入与备案"
    on_time = "" if technique.filed_on is None else ("逾期" if technique.filed_late else "按时")
    _table(
        info,
        f"医疗技术档案：{technique.name}（{technique.code}）",
        ["项目", "内容"],
        [
            ["技术编码", technique.code],
            ["技术名称", technique.name],
            ["类别", technique.category],
            ["状态", technique.status],
            [
                "技术负责人",
                f"{technique.lead.staff_no} {technique.lead.name}" if technique.lead else "",
            ],
            ["准入（批准）日期", technique.approved_on],
            ["伦理审查批件", technique.ethics_approval_ref or ""],
            ["首例临床应用", technique.first_clinical_use_on],
            ["备案期限", technique.filing_due_on],
            ["备案期限为暂定", technique.filing_due_on_provisional],
            ["备案日期", technique.filed_on],
            ["备案号", technique.filing_number or ""],
            ["按时或逾期", on_time],
            ["停止原因", technique.stopped_reason or ""],
        ],
    )
    privileges = (
        await Privilege.filter(technique_id=technique.id)
        .select_related("practitioner")
        .order_by("valid_from", "id")
    )
    decisions = await _decisions(p.basis_id for p in privileges)  # type: ignore[attr-defined]
    sheet = workbook.create_sheet("授权医师")
    _table(
        sheet,
        "授权医师（按时间）",
        [
            "工号",
            "姓名",
            "授权ID",
            "生效",
            "截止",
            "状态",
            "仅限指导下",
            "委员会",
            "会议日期",
            "结论",
            "票数",
            "纪要",
        ],
        (
            [
                p.practitioner.staff_no,
                p.practitioner.name,
                p.id,
                p.valid_from,
                p.valid_until,
                p.status,
                p.supervised_only,
                *_decision_row(decisions.get(p.basis_id)),  # type: ignore[attr-defined]
            ]
            for p in privileges
        ),
    )
    cases = (
        await CaseRecord.filter(technique_id=technique.id)
        .select_related("practitioner")
        .order_by("performed_on", "id")
    )
    sheet = workbook.create_sheet("病例及结局")
    _table(
        sheet,
        "临床应用病例",
        [
            "病例",
            "手术日期",
            "工号",
            "术式",
            "急诊",
            "越级",
            "并发症",
            "死亡",
            "非计划再手术",
            "31天非计划再入院",
            "不良事件分级",
            "多学科讨论",
        ],
        (
            [
                c.external_ref,
                c.performed_on,
                c.practitioner.staff_no,
                c.procedure_code,
                c.emergency,
                c.out_of_privilege,
                c.complication,
                c.death,
                c.unplanned_reoperation,
                c.unplanned_readmission_31d,
                c.adverse_event_grade,
                c.mdt_timely,
            ]
            for c in cases
        ),
    )
    totals = [
        ["例数", len(cases)],
        ["并发症", sum(1 for c in cases if c.complication)],
        ["死亡", sum(1 for c in cases if c.death)],
        ["非计划再手术", sum(1 for c in cases if c.unplanned_reoperation)],
    ]
    _table(sheet, "合计", ["项目", "数量"], totals)
    sheet = workbook.create_sheet("暂停与停止历史")
    _table(
        sheet,
        "技术状态变更（审计记录）",
        ["技术ID", "审计序号", "时间", "操作", "操作人", "原因"],
        await _history("Technique", [technique.id]),
    )
    workbook.save(path)
