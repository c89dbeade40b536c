"""Dynamic management of privileges from outcomes (授权动态管理, issue 17).

`run_adjustments` (the nightly job, `credreg adjustments run`) looks back over each site's
window and proposes, never applies:

| trigger | when (site policy, domain/quality/policy.py) | proposed |
|---|---|---|
| REOPERATIONS | ≥ 2 unplanned reoperations in the privilege's procedures | SUSPEND |
| DEATHS | ≥ 1 death in the privilege's procedures | SUSPEND |
| COMPLICATION_RATE | the holder's complication rate > 2 × the department's | DOWNGRADE |
| SKILL_DECAY | a grade-4 procedure or technique privilege held all window, no case | DOWNGRADE |
| UNJUSTIFIED_OVERRIDE | an emergency override reviewed UNJUSTIFIED | REVIEW |
| OUT_OF_PRIVILEGE | an out-of-privilege (越级) case | REVIEW |

A run is idempotent per day: one proposal per subject (privilege, or practitioner for the
last two) and trigger per day (a unique constraint), none while one is still PENDING, and
none again for exactly the evidence already decided. A COMMITTEE member or ADMIN accepts
(with the committee decision; SUSPEND and DOWNGRADE perform the privilege transition in
the same transaction) or dismisses with a reason.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q

from domain import clock, permissions, validation
from domain.actors import Actor
from domain.committee import CommitteeInput, record_committee_decision
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.privileges import Action, Scope, Status, add_months, next_status
from domain.quality.policy import AdjustmentPolicy
from domain.reviews import EvaluationDecision, Outcome, _covered_codes, _supersede
from domain.writes import WriteContext, run_write
from models import (
    AdjustmentProposal,
    CaseRecord,
    Department,
    EmergencyOverride,
    Practitioner,
    Privilege,
    Procedure,
    Site,
)


class Trigger(StrEnum):
    REOPERATIONS = "REOPERATIONS"
    DEATHS = "DEATHS"
    COMPLICATION_RATE = "COMPLICATION_RATE"
    SKILL_DECAY = "SKILL_DECAY"
    UNJUSTIFIED_OVERRIDE = "UNJUSTIFIED_OVERRIDE"
    OUT_OF_PRIVILEGE = "OUT_OF_PRIVILEGE"


class ProposedAction(StrEnum):
    SUSPEND = "SUSPEND"
    DOWNGRADE = "DOWNGRADE"
    REVIEW = "REVIEW"


class ProposalStatus(StrEnum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DISMISSED = "DISMISSED"


ACTION_OF: dict[Trigger, ProposedAction] = {
    Trigger.REOPERATIONS: ProposedAction.SUSPEND,
    Trigger.DEATHS: ProposedAction.SUSPEND,
    Trigger.COMPLICATION_RATE: ProposedAction.DOWNGRADE,
    Trigger.SKILL_DECAY: ProposedAction.DOWNGRADE,
    Trigger.UNJUSTIFIED_OVERRIDE: ProposedAction.REVIEW,
    Trigger.OUT_OF_PRIVILEGE: ProposedAction.REVIEW,
}


@dataclass
class Finding:
    trigger: Trigger
    practitioner_id: int
    privilege: Privilege | None
    case_ids: list[int]
    facts: dict[str, Any]

    @property
    def subject_key(self) -> str:
        if self.privilege is not None:
            return f"privilege:{self.privilege.id}"
        return f"practitioner:{self.practitioner_id}"

    @property
    def digest(self) -> str:
        body = json.dumps([self.trigger.value, self.subject_key, sorted(self.case_ids)])
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


# --- finding what crossed a threshold --------------------------------------------------------


async def _grade_four_codes() -> set[str]:
    rows = await Procedure.filter(grade=4).values_list("code", flat=True)
    return {str(code) for code in rows}


async def _privilege_findings(
    privilege: Privilege,
    policy: AdjustmentPolicy,
    start: date,
    today: date,
    department_rates: dict[int, float],
    grade_four: set[str],
) -> list[Finding]:
    practitioner_id: int = privilege.practitioner_id  # type: ignore[attr-defined]
    query = CaseRecord.filter(
        practitioner_id=practitioner_id,
        site_id=privilege.site_id,  # type: ignore[attr-defined]
        performed_on__gte=start,
        performed_on__lte=today,
    )
    codes = await _covered_codes(privilege)
    query = (
        query.filter(setting="DAY_SURGERY")
        if codes is None
        else query.filter(procedure_code__in=codes or [""])
    )
    rows = await query.order_by("id").values(
        "id", "complication", "death", "unplanned_reoperation", "out_of_privilege", "emergency"
    )
    # Cases outside the privilege (越级) or emergency overrides are not its outcomes.
    rows = [r for r in rows if not r["out_of_privilege"]]
    findings: list[Finding] = []
    reoperations = [r["id"] for r in rows if r["unplanned_reoperation"]]
    if len(reoperations) >= policy.reoperations:
        findings.append(
            Finding(
                Trigger.REOPERATIONS,
                practitioner_id,
                privilege,
                reoperations,
                {"count": len(reoperations), "threshold": policy.reoperations},
            )
        )
    deaths = [r["id"] for r in rows if r["death"]]
    if len(deaths) >= policy.deaths:
        findings.append(
            Finding(
                Trigger.DEATHS,
                practitioner_id,
                privilege,
                deaths,
                {"count": len(deaths), "threshold": policy.deaths},
            )
        )
    complications = [r["id"] for r in rows if r["complication"]]
    department_id: int = privilege.practitioner.department_id  # type: ignore[attr-defined]
    department_rate = department_rates.get(department_id, 0.0)
    if len(rows) >= policy.complication_min_cases and department_rate > 0:
        rate = len(complications) / len(rows)
        if rate > policy.complication_factor * department_rate:
            findings.append(
                Finding(
                    Trigger.COMPLICATION_RATE,
                    practitioner_id,
                    privilege,
                    complications,
                    {
                        "cases": len(rows),
                        "complications": len(complications),
                        "rate": round(rate, 4),
                        "departmentRate": round(department_rate, 4),
                        "factor": policy.complication_factor,
                    },
                )
            )
    decays = privilege.scope == Scope.TECHNIQUE.value or (
        privilege.scope == Scope.PROCEDURE.value and privilege.procedure_code in grade_four
    )
    if (
        policy.skill_decay
        and decays
        and not rows
        and privilege.valid_from is not None
        and privilege.valid_from <= start
    ):
        findings.append(
            Finding(
                Trigger.SKILL_DECAY,
                practitioner_id,
                privilege,
                [],
                {"cases": 0, "since": start.isoformat()},
            )
        )
    return findings


async def _department_complication_rates(start: date, today: date) -> dict[int, float]:
    from domain import sql

    rows = await sql.fetch(
        'SELECT p."department_id" AS department_id, COUNT(*) AS n, '
        "SUM(CASE WHEN c.complication THEN 1 ELSE 0 END) AS k "
        'FROM "case_record" c JOIN "practitioner" p ON p."id" = c."practitioner_id" '
        'WHERE c."performed_on" >= ? AND c."performed_on" <= ? GROUP BY p."department_id"',
        [start, today],
    )
    return {int(r["department_id"]): float(r["k"] or 0) / float(r["n"]) for r in rows if r["n"]}


async def _practitioner_findings(
    policy: AdjustmentPolicy, site: Site, start: date, today: date
) -> list[Finding]:
    findings: list[Finding] = []
    by_practitioner: dict[tuple[Trigger, int], list[int]] = {}
    if policy.out_of_privilege:
        for case_id, practitioner_id in (
            await CaseRecord.filter(
                site_id=site.id,
                out_of_privilege=True,
                performed_on__gte=start,
                performed_on__lte=today,
            )
            .order_by("id")
            .values_list("id", "practitioner_id")
        ):
            by_practitioner.setdefault((Trigger.OUT_OF_PRIVILEGE, practitioner_id), []).append(
                case_id
            )
    if policy.unjustified_override:
        for case_id, practitioner_id in (
            await EmergencyOverride.filter(
                status="UNJUSTIFIED",
                case_record__site_id=site.id,
                case_record__performed_on__gte=start,
                case_record__performed_on__lte=today,
            )
            .order_by("id")
            .values_list("case_record_id", "case_record__practitioner_id")
        ):
            key = (Trigger.UNJUSTIFIED_OVERRIDE, practitioner_id)
            by_practitioner.setdefault(key, []).append(case_id)
    for (trigger, practitioner_id), case_ids in sorted(by_practitioner.items()):
        findings.append(Finding(trigger, practitioner_id, None, case_ids, {"count": len(case_ids)}))
    return findings


async def find(today: date) -> list[Finding]:
    """Everything that crosses a site's threshold on `today` (reads only)."""
    grade_four = await _grade_four_codes()
    findings: list[Finding] = []
    for site in await Site.all().order_by("id"):
        policy = AdjustmentPolicy.of(site.adjustment_policy)
        start = add_months(today, -policy.window_months)
        rates = await _department_complication_rates(start, today)
        privileges = (
            await Privilege.filter(site_id=site.id, status=Status.ACTIVE.value)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .filter(valid_from__lte=today)
            .select_related("practitioner")
            .order_by("id")
        )
        for privilege in privileges:
            findings += await _privilege_findings(
                privilege, policy, start, today, rates, grade_four
            )
        findings += await _practitioner_findings(policy, site, start, today)
    return findings


@dataclass
class RunReport:
    run_on: date
    found: int
    created: list[AdjustmentProposal]


@write_operation(Permission.MANAGE_REVIEWS, "runAdjustments")
async def run_adjustments(actor: Actor, today: date | None = None) -> RunReport:
    """The nightly job: one proposal per new finding, each audited (and so delivered to
    webhooks subscribed to `adjustment_proposal.`)."""
    run_on = today or clock.today()

    async def apply(ctx: WriteContext) -> RunReport:
        created: list[AdjustmentProposal] = []
        findings = await find(run_on)
        for finding in findings:
            existing = (
                await AdjustmentProposal.filter(
                    subject_key=finding.subject_key, trigger=finding.trigger.value
                )
                .filter(
                    Q(status=ProposalStatus.PENDING.value)
                    | Q(evidence_digest=finding.digest)
                    | Q(run_on=run_on)
                )
                .exists()
            )
            if existing:
                continue
            created.append(
                await ctx.create(
                    AdjustmentProposal,
                    "adjustment_proposal.create",
                    privilege=finding.privilege,
                    practitioner_id=finding.practitioner_id,
                    subject_key=finding.subject_key,
                    trigger=finding.trigger.value,
                    proposed_action=ACTION_OF[finding.trigger].value,
                    evidence_case_ids=finding.case_ids,
                    evidence_digest=finding.digest,
                    facts=finding.facts,
                    run_on=run_on,
                    status=ProposalStatus.PENDING.value,
                )
            )
        return RunReport(run_on, len(findings), created)

    return await run_write(actor, apply)


# --- deciding --------------------------------------------------------------------------------


@dataclass
class Acceptance:
    decision: CommitteeInput
    reason: str
    action: str | None = None  # default: the proposed action
    privilege_id: int | None = None  # for a practitioner-level proposal acted on a privilege
    new_max_grade: int | None = None  # DOWNGRADE of a SURGERY_GRADE privilege


async def _pending(proposal_id: int) -> AdjustmentProposal:
    proposal = await AdjustmentProposal.get_or_none(id=proposal_id)
    if proposal is None:
        raise not_found("AdjustmentProposal", proposal_id, "id")
    if proposal.status != ProposalStatus.PENDING.value:
        raise DomainError(
            ErrorCode.INVALID_TRANSITION,
            msg("The proposal was already decided ({status})", status=proposal.status),
            "id",
        )
    return proposal


@write_operation(Permission.DECIDE_EVALUATION, "acceptAdjustmentProposal")
async def accept_proposal(
    actor: Actor, proposal_id: int, expected_version: int, acceptance: Acceptance
) -> AdjustmentProposal:
    """Accept: record the committee decision and, for SUSPEND or DOWNGRADE, perform the
    privilege's transition, all in one transaction."""
    reason = validation.text("reason", acceptance.reason, max_length=1000)

    async def apply(ctx: WriteContext) -> AdjustmentProposal:
        proposal = await _pending(proposal_id)
        action = validation.choice(
            "action", acceptance.action or proposal.proposed_action, ProposedAction
        )
        privilege_id = proposal.privilege_id or acceptance.privilege_id  # type: ignore[attr-defined]
        privilege: Privilege | None = None
        if privilege_id is not None:
            privilege = await Privilege.get_or_none(id=privilege_id)
            if privilege is None or (
                privilege.practitioner_id != proposal.practitioner_id  # type: ignore[attr-defined]
            ):
                raise not_found("Privilege", privilege_id, "privilegeId")
        if action is not ProposedAction.REVIEW and privilege is None:
            raise DomainError(
                ErrorCode.VALIDATION,
                msg("Name the privilege to suspend or downgrade"),
                "privilegeId",
            )
        decision = await record_committee_decision(
            ctx, acceptance.decision, action.value, "AdjustmentProposal", proposal.id
        )
        resulting: Privilege | None = None
        if action is ProposedAction.SUSPEND and privilege is not None:
            target = next_status(privilege.status, Action.SUSPEND)
            await ctx.update(
                privilege,
                "privilege.suspend",
                {"status": target.value, "status_reason": reason},
                reason=reason,
            )
        elif action is ProposedAction.DOWNGRADE and privilege is not None:
            choice = EvaluationDecision(
                outcome=Outcome.DOWNGRADE.value,
                decision=acceptance.decision,
                reason=reason,
                new_max_grade=acceptance.new_max_grade,
            )
            resulting = await _supersede(
                ctx, privilege, Outcome.DOWNGRADE, choice, None, reason, decision.id, clock.today()
            )
        return await ctx.update(
            proposal,
            "adjustment_proposal.accept",
            {
                "status": ProposalStatus.ACCEPTED.value,
                "decided_by": actor.name,
                "decided_at": clock.now(),
                "decision_reason": reason,
                "applied_action": action.value,
                "decision_id": decision.id,
                "resulting_privilege_id": resulting.id if resulting else None,
                "privilege_id": privilege.id if privilege else None,
            },
            expected_version=expected_version,
            reason=reason,
        )

    return await run_write(actor, apply)


@write_operation(Permission.DECIDE_EVALUATION, "dismissAdjustmentProposal")
async def dismiss_proposal(
    actor: Actor, proposal_id: int, expected_version: int, reason: str
) -> AdjustmentProposal:
    text = validation.text("reason", reason, max_length=1000)

    async def apply(ctx: WriteContext) -> AdjustmentProposal:
        proposal = await _pending(proposal_id)
        return await ctx.update(
            proposal,
            "adjustment_proposal.dismiss",
            {
                "status": ProposalStatus.DISMISSED.value,
                "decided_by": actor.name,
                "decided_at": clock.now(),
                "decision_reason": text,
            },
            expected_version=expected_version,
            reason=text,
        )

    return await run_write(actor, apply)


# --- reading ---------------------------------------------------------------------------------


@dataclass
class ProposalFilter:
    status: str | None = None
    trigger: str | None = None
    department_code: str | None = None
    practitioner_staff_no: str | None = None


async def list_proposals(
    actor: Actor, where: ProposalFilter, first: int | None, after: int | None
) -> Page[AdjustmentProposal]:
    """For medical affairs; heads see their departments', practitioners their own."""
    scope = permissions.practitioner_scope(actor, Permission.READ_CASES)
    query = AdjustmentProposal.all()
    if not scope.everyone:
        query = query.filter(
            Q(practitioner__department_id__in=list(scope.department_ids))
            | Q(practitioner_id__in=list(scope.practitioner_ids))
        )
    if where.status:
        query = query.filter(status=validation.choice("status", where.status, ProposalStatus).value)
    if where.trigger:
        query = query.filter(trigger=validation.choice("trigger", where.trigger, Trigger).value)
    if where.department_code:
        department = await Department.get_or_none(code=where.department_code)
        if department is None:
            raise not_found("Department", where.department_code, "department")
        query = query.filter(practitioner__department_id=department.id)
    if where.practitioner_staff_no:
        practitioner = await Practitioner.get_or_none(staff_no=where.practitioner_staff_no)
        if practitioner is None:
            raise not_found("Practitioner", where.practitioner_staff_no, "practitionerStaffNo")
        query = query.filter(practitioner_id=practitioner.id)
    return await keyset(query, first, after)


async def get_proposal(actor: Actor, proposal_id: int) -> AdjustmentProposal | None:
    """One proposal, if the actor may see it (node(id:))."""
    scope = permissions.practitioner_scope(actor, Permission.READ_CASES)
    proposal = await AdjustmentProposal.get_or_none(id=proposal_id).select_related("practitioner")
    if proposal is None:
        return None
    practitioner: Practitioner = proposal.practitioner
    if not scope.admits(practitioner.id, practitioner.department_id):  # type: ignore[attr-defined]
        return None
    return proposal
