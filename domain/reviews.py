"""Periodic re-evaluation (定期评价/再授权), SPEC 3.4 rules R30-R33."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q

from domain import clock, permissions, validation
from domain.actors import Actor
from domain.cases import CaseStats, case_stats, out_of_privilege_count
from domain.committee import CommitteeInput, record_committee_decision
from domain.decision.facts import effective_grade
from domain.decision.rules import evaluation_due, needs_yearly_review
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import enum_label, grade_label, msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.privileges import (
    Scope,
    Status,
    ensure_no_overlap,
    validity_window,
)
from domain.techniques import TechniqueCategory
from domain.writes import WriteContext, run_write
from models import (
    CaseRecord,
    Evaluation,
    Practitioner,
    Privilege,
    Procedure,
    ReviewCycle,
    Site,
    Technique,
)


class Outcome(StrEnum):
    RENEW = "RENEW"
    RENEW_WITH_CONDITIONS = "RENEW_WITH_CONDITIONS"
    DOWNGRADE = "DOWNGRADE"
    SUSPEND = "SUSPEND"
    REVOKE = "REVOKE"


@dataclass
class Selection:
    scope: str | None = None
    max_grade: int | None = None  # SURGERY_GRADE privileges of exactly this grade
    specialty_code: str | None = None
    department_code: str | None = None
    expiring_before: date | None = None
    site_code: str | None = None
    # R30: PROCEDURE privileges by their procedure's effective grade (R25: 4 for a
    # restricted technique's procedure).
    procedure_grade: int | None = None
    # R30: TECHNIQUE privileges for, and PROCEDURE privileges of, techniques of a category.
    technique_category: str | None = None
    # R30/R33: exactly the privileges listed as due for their yearly re-evaluation.
    due_for_reevaluation: bool = False

    def empty(self) -> bool:
        return not any(vars(self).values())


# --- opening a cycle (R30) -------------------------------------------------------------


@write_operation(Permission.MANAGE_REVIEWS, "openReviewCycle")
async def open_review_cycle(
    actor: Actor,
    *,
    name: str,
    period_start: date,
    period_end: date,
    due_on: date,
    selection: Selection,
    idempotency_key: str | None = None,
) -> ReviewCycle:
    """Select ACTIVE privileges and create one PENDING evaluation each, once: a privilege
    that already has an undecided evaluation in an open cycle is not selected again."""
    title = validation.text("name", name, max_length=200)
    validation.date_order("periodStart", period_start, "periodEnd", period_end)
    validation.date_order("periodEnd", period_end, "dueOn", due_on)
    if selection.scope:
        validation.choice("selection.scope", selection.scope, Scope)
    if selection.max_grade is not None:
        validation.int_range("selection.maxGrade", selection.max_grade, 1, 3)
    if selection.procedure_grade is not None:
        validation.int_range("selection.procedureGrade", selection.procedure_grade, 1, 4)
    if selection.technique_category:
        validation.choice(
            "selection.techniqueCategory", selection.technique_category, TechniqueCategory
        )

    async def apply(ctx: WriteContext) -> ReviewCycle:
        same = await ReviewCycle.get_or_none(
            name=title, period_start=period_start, period_end=period_end
        )
        if same is not None:
            return same  # opening the same cycle twice creates nothing more
        # Temporary privileges are never renewed by re-evaluation: a new one is needed.
        query = Privilege.filter(status=Status.ACTIVE.value, temporary=False)
        if selection.scope:
            query = query.filter(scope=selection.scope)
        if selection.max_grade is not None:
            query = query.filter(scope=Scope.SURGERY_GRADE.value, max_grade=selection.max_grade)
        if selection.specialty_code:
            query = query.filter(
                Q(specialty__code=selection.specialty_code)
                | Q(practitioner__specialty__code=selection.specialty_code)
            )
        if selection.department_code:
            query = query.filter(practitioner__department__code=selection.department_code)
        if selection.expiring_before:
            query = query.filter(valid_until__lt=selection.expiring_before)
        site = None
        if selection.site_code:
            site = await Site.get_or_none(code=selection.site_code)
            if site is None:
                raise not_found("Site", selection.site_code, "selection.siteCode")
            query = query.filter(site_id=site.id)
        busy = Evaluation.filter(status__in=["PENDING", "SUBMITTED"], cycle__status="OPEN")
        busy_ids = set(await busy.values_list("privilege_id", flat=True))
        chosen = [p for p in await query.order_by("id") if p.id not in busy_ids]
        chosen = await _by_grade_category_and_due(chosen, selection)
        if not chosen:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("The selection matches no active privilege awaiting evaluation"),
                "selection",
            )
        cycle = await ctx.create(
            ReviewCycle,
            "review_cycle.open",
            name=title,
            site=site,
            period_start=period_start,
            period_end=period_end,
            due_on=due_on,
            status="OPEN",
            selection={
                k: (v.isoformat() if isinstance(v, date) else v)
                for k, v in vars(selection).items()
                if v is not None and v is not False
            },
        )
        moment = clock.now()
        await Evaluation.bulk_create(
            [
                Evaluation(
                    privilege_id=p.id,
                    cycle_id=cycle.id,
                    status="PENDING",
                    created_at=moment,
                    updated_at=moment,
                )
                for p in chosen
            ]
        )
        ctx.record(
            "evaluation.create_many",
            "ReviewCycle",
            cycle.id,
            after={"privilegeIds": [p.id for p in chosen]},
        )
        return cycle

    return await run_write(
        actor,
        apply,
        idempotency_key=idempotency_key,
        fingerprint={
            "name": title,
            "start": period_start,
            "end": period_end,
            "due": due_on,
            "selection": vars(selection),
        },
    )


# --- metrics (R31) -----------------------------------------------------------------


async def _covered_codes(privilege: Privilege) -> list[str] | None:
    """Catalogue codes whose cases count for this privilege; None = any (day surgery)."""
    if privilege.scope == Scope.PROCEDURE.value:
        return [privilege.procedure_code or ""]
    if privilege.scope == Scope.TECHNIQUE.value:
        technique_id: int = privilege.technique_id  # type: ignore[attr-defined]
        rows = await Procedure.filter(technique_id=technique_id).values_list("code", flat=True)
        return sorted({str(code) for code in rows})
    if privilege.scope == Scope.SURGERY_GRADE.value:
        specialty_id: int = privilege.specialty_id  # type: ignore[attr-defined]
        rows = await Procedure.filter(
            specialty_id=specialty_id, grade__lte=privilege.max_grade or 0
        ).values_list("code", flat=True)
        return sorted({str(code) for code in rows})
    return None


async def computed_metrics(evaluation: Evaluation) -> CaseStats:
    """Case records of the privilege's holder, for what it covers, in the cycle period."""
    privilege = await Privilege.get(id=evaluation.privilege_id)  # type: ignore[attr-defined]
    cycle = await ReviewCycle.get(id=evaluation.cycle_id)  # type: ignore[attr-defined]
    query = CaseRecord.filter(
        practitioner_id=privilege.practitioner_id,  # type: ignore[attr-defined]
        site_id=privilege.site_id,  # type: ignore[attr-defined]
        performed_on__gte=cycle.period_start,
        performed_on__lte=cycle.period_end,
    )
    codes = await _covered_codes(privilege)
    if codes is None:
        query = query.filter(setting="DAY_SURGERY")
    else:
        query = query.filter(procedure_code__in=codes or [""])
    return await case_stats(query)


async def _out_of_privilege_in_period(evaluation: Evaluation) -> int:
    """R41: the holder's out-of-privilege cases and UNJUSTIFIED overrides in the period,
    whatever the metrics source."""
    privilege = await Privilege.get(id=evaluation.privilege_id)  # type: ignore[attr-defined]
    cycle = await ReviewCycle.get(id=evaluation.cycle_id)  # type: ignore[attr-defined]
    return await out_of_privilege_count(
        privilege.practitioner_id,  # type: ignore[attr-defined]
        privilege.site_id,  # type: ignore[attr-defined]
        cycle.period_start,
        cycle.period_end,
    )


@dataclass
class ManualMetrics:
    case_count: int
    complication_count: int = 0
    death_count: int = 0
    unplanned_reoperation_count: int = 0
    adverse_event_count: int = 0


async def _evaluation_for_change(
    actor: Actor, permission: Permission, evaluation_id: int
) -> tuple[Evaluation, Privilege]:
    evaluation = await Evaluation.get_or_none(id=evaluation_id)
    if evaluation is None:
        raise not_found("Evaluation", "", "id")
    privilege = await Privilege.get(id=evaluation.privilege_id).select_related("practitioner")  # type: ignore[attr-defined]
    practitioner: Practitioner = privilege.practitioner
    department_id: int = practitioner.department_id  # type: ignore[attr-defined]
    permissions.require_practitioner_access(actor, permission, practitioner.id, department_id)
    return evaluation, privilege


@write_operation(Permission.SUBMIT_EVALUATION, "submitEvaluation")
async def submit_evaluation(
    actor: Actor,
    evaluation_id: int,
    expected_version: int,
    *,
    metrics: ManualMetrics | None,
    recommendation: str,
) -> Evaluation:
    """R31: metrics come from case records when there are any; otherwise the department
    head enters them. PENDING -> SUBMITTED."""
    advice = validation.text("recommendation", recommendation, max_length=2000)
    if metrics is not None:
        for name, value in vars(metrics).items():
            if not isinstance(value, int) or value < 0 or value > 1_000_000:
                api = "metrics." + "".join(
                    part if i == 0 else part.capitalize() for i, part in enumerate(name.split("_"))
                )
                raise DomainError(
                    ErrorCode.VALIDATION, msg("The metrics must be whole numbers, 0 or more"), api
                )
        if (
            max(
                metrics.complication_count, metrics.death_count, metrics.unplanned_reoperation_count
            )
            > metrics.case_count
        ):
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A count of outcomes exceeds the number of cases"),
                "metrics",
            )

    async def apply(ctx: WriteContext) -> Evaluation:
        evaluation, _privilege = await _evaluation_for_change(
            actor, Permission.SUBMIT_EVALUATION, evaluation_id
        )
        if evaluation.status != "PENDING":
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg("The evaluation is {status}, not pending", status=evaluation.status),
                "id",
            )
        stats = await computed_metrics(evaluation)
        if stats.case_count > 0:
            values: dict[str, Any] = {**vars(stats), "metrics_source": "CASE_RECORDS"}
        elif metrics is not None:
            values = {**vars(metrics), "metrics_source": "MANUAL"}
        else:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("No case records in the period: enter the metrics"),
                "metrics",
            )
        values["out_of_privilege_count"] = await _out_of_privilege_in_period(evaluation)
        return await ctx.update(
            evaluation,
            "evaluation.submit",
            {**values, "recommendation": advice, "status": "SUBMITTED"},
            expected_version=expected_version,
        )

    return await run_write(actor, apply)


# --- deciding (R32) ------------------------------------------------------------------


@dataclass
class EvaluationDecision:
    outcome: str
    decision: CommitteeInput
    reason: str | None = None
    conditions: str | None = None
    new_max_grade: int | None = None
    supervised_only: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def renewed_validity(site: Site, old_until: date, today: date) -> tuple[date, date]:
    """R32: the renewed term starts the day after the old validUntil (or today when the
    old term has ended) and runs for the site's default validity: no gap, no overlap, and
    an early renewal does not shorten the new term."""
    start = max(old_until + timedelta(days=1), today)
    return validity_window(site, start, None)


@write_operation(Permission.DECIDE_EVALUATION, "decideEvaluation")
async def decide_evaluation(
    actor: Actor, evaluation_id: int, expected_version: int, choice: EvaluationDecision
) -> Evaluation:
    outcome = validation.choice("outcome", choice.outcome, Outcome)
    reason = (
        validation.text(
            "reason",
            choice.reason,
            max_length=1000,
            required=outcome in {Outcome.SUSPEND, Outcome.REVOKE, Outcome.DOWNGRADE},
        )
        or None
    )
    conditions = (
        validation.text(
            "conditions",
            choice.conditions,
            max_length=1000,
            required=outcome is Outcome.RENEW_WITH_CONDITIONS,
        )
        or None
    )

    async def apply(ctx: WriteContext) -> Evaluation:
        evaluation, privilege = await _evaluation_for_change(
            actor, Permission.DECIDE_EVALUATION, evaluation_id
        )
        if evaluation.status != "SUBMITTED":
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg(
                    "The evaluation is {status}; only a submitted one can be decided",
                    status=evaluation.status,
                ),
                "id",
            )
        if privilege.status not in {Status.ACTIVE.value, Status.SUSPENDED.value}:
            raise DomainError(
                ErrorCode.INVALID_TRANSITION,
                msg(
                    "The privilege is {status}",
                    status=enum_label("PrivilegeStatus", privilege.status),
                ),
                "id",
            )
        decision = await record_committee_decision(
            ctx, choice.decision, outcome.value, "Evaluation", evaluation.id
        )
        today = clock.today()
        resulting: Privilege | None = None
        if outcome in {Outcome.RENEW, Outcome.RENEW_WITH_CONDITIONS} and privilege.temporary:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("A temporary privilege is never renewed: grant a new one"),
                "outcome",
            )
        if outcome in {Outcome.RENEW, Outcome.RENEW_WITH_CONDITIONS, Outcome.DOWNGRADE}:
            resulting = await _supersede(
                ctx, privilege, outcome, choice, conditions, reason, decision.id, today
            )
        elif outcome is Outcome.SUSPEND:
            if privilege.status != Status.ACTIVE.value:
                raise DomainError(
                    ErrorCode.INVALID_TRANSITION, msg("The privilege is not active"), "id"
                )
            await ctx.update(
                privilege,
                "privilege.suspend",
                {
                    "status": Status.SUSPENDED.value,
                    "status_reason": reason,
                    "last_evaluated_on": today,
                },
                reason=reason,
            )
        else:
            await ctx.update(
                privilege,
                "privilege.revoke",
                {
                    "status": Status.REVOKED.value,
                    "status_reason": reason,
                    "last_evaluated_on": today,
                },
                reason=reason,
            )
        return await ctx.update(
            evaluation,
            "evaluation.decide",
            {
                "status": "DECIDED",
                "outcome": outcome.value,
                "decided_by": actor.name,
                "decision_id": decision.id,
                "resulting_privilege_id": resulting.id if resulting else None,
            },
            expected_version=expected_version,
            reason=reason or conditions,
        )

    return await run_write(actor, apply)


async def _supersede(
    ctx: WriteContext,
    old: Privilege,
    outcome: Outcome,
    choice: EvaluationDecision,
    conditions: str | None,
    reason: str | None,
    decision_id: int,
    today: date,
) -> Privilege:
    if old.status != Status.ACTIVE.value:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            msg("Only an active (ACTIVE) privilege can be renewed or downgraded"),
            "id",
        )
    if old.valid_until is None or (outcome is Outcome.DOWNGRADE and old.valid_until < today):
        raise DomainError(
            ErrorCode.VALIDATION,
            msg(
                "The privilege expired on {valid_until}: it cannot be downgraded; renew, "
                "suspend or revoke it",
                valid_until=old.valid_until,
            ),
            "outcome",
        )
    site = await Site.get(id=old.site_id)  # type: ignore[attr-defined]
    valid_from, valid_until = renewed_validity(site, old.valid_until, today)
    changes: dict[str, Any] = {}
    supervised = old.supervised_only
    if outcome is Outcome.RENEW_WITH_CONDITIONS and choice.supervised_only is not None:
        supervised = supervised or choice.supervised_only
    if outcome is Outcome.DOWNGRADE:
        valid_until = old.valid_until or valid_until
        valid_from = today
        if old.scope == Scope.SURGERY_GRADE.value:
            if choice.new_max_grade is None or not 1 <= choice.new_max_grade < (old.max_grade or 0):
                raise DomainError(
                    ErrorCode.VALIDATION,
                    msg(
                        "A downgrade needs a new highest grade (newMaxGrade) below {max_grade}",
                        max_grade=grade_label(old.max_grade or 0),
                    ),
                    "newMaxGrade",
                )
            changes["max_grade"] = choice.new_max_grade
        elif old.supervised_only:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("This privilege is already supervised-only; suspend or revoke it"),
                "outcome",
            )
        else:
            supervised = True  # narrower: only under supervision from now on
    await ctx.update(
        old,
        "privilege.supersede",
        {
            "status": Status.SUPERSEDED.value,
            "last_evaluated_on": today,
            "status_reason": f"{outcome.value} by evaluation",
        },
        reason=reason,
    )
    successor_values: dict[str, Any] = {
        "practitioner_id": old.practitioner_id,  # type: ignore[attr-defined]
        "site_id": old.site_id,  # type: ignore[attr-defined]
        "scope": old.scope,
        "scope_key": old.scope_key,
        "specialty_id": old.specialty_id,  # type: ignore[attr-defined]
        "max_grade": old.max_grade,
        "procedure_code": old.procedure_code,
        "technique_id": old.technique_id,  # type: ignore[attr-defined]
        "supervised_only": supervised,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "status": Status.ACTIVE.value,
        "status_reason": conditions or reason,
        "basis_id": decision_id,
        "supersedes_id": old.id,
        "requested_by": ctx.actor.name,
        "last_evaluated_on": today,
        **changes,
    }
    probe = Privilege(**successor_values)
    await ensure_no_overlap(probe, valid_from, valid_until)
    return await ctx.create(
        Privilege,
        f"privilege.{outcome.value.lower()}",
        audit_reason=reason or conditions,
        **successor_values,
    )


# --- reading and R33 -----------------------------------------------------------------


async def list_cycles(actor: Actor, first: int | None, after: int | None) -> Page[ReviewCycle]:
    permissions.require(actor, Permission.READ_PRIVILEGES)
    return await keyset(ReviewCycle.all(), first, after)


async def list_evaluations(
    actor: Actor,
    *,
    cycle_id: int | None,
    status: str | None,
    practitioner_id: int | None,
    first: int | None,
    after: int | None,
) -> Page[Evaluation]:
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    query = Evaluation.all()
    if not scope.everyone:
        query = query.filter(
            Q(privilege__practitioner__department_id__in=list(scope.department_ids))
            | Q(privilege__practitioner_id__in=list(scope.practitioner_ids))
        )
    if cycle_id is not None:
        query = query.filter(cycle_id=cycle_id)
    if status:
        if status not in {"PENDING", "SUBMITTED", "DECIDED"}:
            raise DomainError(ErrorCode.VALIDATION, msg("Unknown status"), "status")
        query = query.filter(status=status)
    if practitioner_id is not None:
        query = query.filter(privilege__practitioner_id=practitioner_id)
    return await keyset(query, first, after)


@dataclass
class OverdueEvaluation:
    privilege: Privilege
    due_on: date
    evaluation: Evaluation | None


async def _by_grade_category_and_due(
    chosen: list[Privilege], selection: Selection
) -> list[Privilege]:
    """R30's selections that need the catalogue or R33: a procedure's effective grade, a
    technique category, due for re-evaluation. Combined with the others (AND)."""
    if selection.procedure_grade is not None:
        grades = await procedure_grades({p.procedure_code for p in chosen if p.procedure_code})
        chosen = [
            p
            for p in chosen
            if p.scope == Scope.PROCEDURE.value
            and grades.get(p.procedure_code or "") == selection.procedure_grade
        ]
    if selection.technique_category:
        techniques = set(
            await Technique.filter(category=selection.technique_category).values_list(
                "id", flat=True
            )
        )
        codes = set(
            await Procedure.filter(technique_id__in=sorted(techniques)).values_list(
                "code", flat=True
            )
        )
        chosen = [
            p
            for p in chosen
            if (p.scope == Scope.TECHNIQUE.value and p.technique_id in techniques)  # type: ignore[attr-defined]
            or (p.scope == Scope.PROCEDURE.value and p.procedure_code in codes)
        ]
    if selection.due_for_reevaluation:
        due = {privilege.id for privilege, _due in await yearly_reviews_due(clock.today())}
        chosen = [p for p in chosen if p.id in due]
    return chosen


async def procedure_grades(codes: set[str] | None = None) -> dict[str, int]:
    """Each catalogue code's effective grade (R25: a restricted technique's counts as 4),
    the highest over its catalogue versions."""
    query = Procedure.all() if codes is None else Procedure.filter(code__in=sorted(codes))
    grades: dict[str, int] = {}
    for code, grade, category in await query.values_list("code", "grade", "technique__category"):
        grades[code] = max(grades.get(code, 0), effective_grade(int(grade), category))
    return grades


async def yearly_reviews_due(today: date) -> list[tuple[Privilege, date]]:
    """R33: ACTIVE grade-4 PROCEDURE and TECHNIQUE privileges whose yearly evaluation is
    due before `today`, with the date it fell due."""
    sites = {s.id: s.reevaluation_months for s in await Site.all()}
    candidates = await Privilege.filter(
        status=Status.ACTIVE.value, scope__in=[Scope.PROCEDURE.value, Scope.TECHNIQUE.value]
    ).prefetch_related("practitioner")
    grades = await procedure_grades({p.procedure_code for p in candidates if p.procedure_code})
    found = []
    for privilege in candidates:
        grade = grades.get(privilege.procedure_code or "")
        if not needs_yearly_review(privilege.scope, grade):
            continue
        due = evaluation_due(
            privilege.last_evaluated_on,
            privilege.valid_from,
            sites.get(privilege.site_id, 12),  # type: ignore[attr-defined]
        )
        if due is not None and due < today:
            found.append((privilege, due))
    return found


async def overdue_evaluations(actor: Actor) -> list[OverdueEvaluation]:
    """Undecided evaluations past their cycle's due date, and grade-4 PROCEDURE or
    TECHNIQUE privileges not evaluated within the site's interval (R33)."""
    scope = permissions.practitioner_scope(actor, Permission.READ_PRIVILEGES)
    today = clock.today()
    result: list[OverdueEvaluation] = []
    late = Evaluation.filter(status__in=["PENDING", "SUBMITTED"], cycle__due_on__lt=today)
    for evaluation in await late.prefetch_related("cycle", "privilege__practitioner"):
        practitioner = evaluation.privilege.practitioner
        if scope.admits(practitioner.id, practitioner.department_id):  # type: ignore[attr-defined]
            result.append(
                OverdueEvaluation(evaluation.privilege, evaluation.cycle.due_on, evaluation)
            )
    seen = {item.privilege.id for item in result}
    for privilege, due in await yearly_reviews_due(today):
        practitioner = privilege.practitioner
        department_id: int = practitioner.department_id  # type: ignore[attr-defined]
        if privilege.id not in seen and scope.admits(practitioner.id, department_id):
            result.append(OverdueEvaluation(privilege, due, None))
    return result
