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
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q

from domain import clock, permissions, sql, validation
from domain.actors import Actor
from domain.committee import CommitteeInput, record_committee_decision
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import msg
from domain.operations import write_operation
from domain.pagination import Page, keyset
from domain.permissions import Permission
from domain.privileges import Action, Scope, Status, add_months, next_status
from domain.quality.policy import AdjustmentPolicy
from domain.reviews import EvaluationDecision, Outcome, _supersede
from domain.writes import WriteContext, run_write
from models import (
    AdjustmentProposal,
    CaseRecord,
    Department,
    EmergencyOverride,
    Practitioner,
    Privilege,
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


# Which cases count for a privilege (domain/reviews.py `_covered_codes`, as one relation):
# a PROCEDURE privilege its code, a TECHNIQUE one the catalogue codes of its technique, a
# SURGERY_GRADE one its specialty's codes up to its grade (UNION: distinct codes, the
# catalogue holding several versions of one code); any other (DAY_SURGERY) the holder's
# day-surgery cases.
_ACTIVE = (
    'pr."site_id" = ? AND pr."status" = ? AND pr."valid_from" <= ? '
    'AND (pr."valid_until" IS NULL OR pr."valid_until" >= ?)'
)
_COVERAGE = f"""
SELECT pr."id" AS privilege_id, pr."practitioner_id" AS practitioner_id,
       pr."procedure_code" AS code
FROM "privilege" pr WHERE {_ACTIVE} AND pr."scope" = 'PROCEDURE'
UNION
SELECT pr."id", pr."practitioner_id", r."code" FROM "privilege" pr JOIN "procedure" r
  ON r."technique_id" = pr."technique_id"
  OR (r."technique_id" IS NULL AND pr."technique_id" IS NULL)
WHERE {_ACTIVE} AND pr."scope" = 'TECHNIQUE'
UNION
SELECT pr."id", pr."practitioner_id", r."code" FROM "privilege" pr JOIN "procedure" r
  ON r."specialty_id" = pr."specialty_id" AND r."grade" <= COALESCE(pr."max_grade", 0)
WHERE {_ACTIVE} AND pr."scope" = 'SURGERY_GRADE'
"""
_CASES = (
    'c."site_id" = ? AND c."performed_on" >= ? AND c."performed_on" <= ? '
    'AND NOT c."out_of_privilege"'  # cases outside the privilege (越级) are not its outcomes
)
_FLAGGED = 'AND (c."complication" OR c."death" OR c."unplanned_reoperation")'
_FLAGS = (
    'c."id" AS case_id, CASE WHEN c."complication" THEN 1 ELSE 0 END AS complication, '
    'CASE WHEN c."death" THEN 1 ELSE 0 END AS death, '
    'CASE WHEN c."unplanned_reoperation" THEN 1 ELSE 0 END AS reoperation'
)
_DAY_SURGERY_PRIVILEGES = (
    f'FROM "privilege" pr JOIN "case_record" c ON c."practitioner_id" = pr."practitioner_id" '
    f"AND c.\"setting\" = 'DAY_SURGERY' AND {_CASES} "
    f"WHERE {_ACTIVE} AND pr.\"scope\" NOT IN ('PROCEDURE', 'TECHNIQUE', 'SURGERY_GRADE')"
)


@dataclass
class _Outcomes:
    practitioner_id: int = 0
    cases: int = 0
    complications: list[int] = field(default_factory=list)
    deaths: list[int] = field(default_factory=list)
    reoperations: list[int] = field(default_factory=list)


async def _outcomes(site_id: int, start: date, today: date) -> dict[int, _Outcomes]:
    """Per active privilege of the site, its cases in the window and the ids of those with
    a complication, a death or an unplanned reoperation: four set-based queries (the
    counts, the flagged cases; each for the coded privileges and for day surgery)."""
    active = [site_id, Status.ACTIVE.value, today, today]
    cases = [site_id, start, today]
    coverage = active * 3
    outcomes: dict[int, _Outcomes] = {}
    counted = await sql.fetch(
        "SELECT v.privilege_id AS privilege_id, v.practitioner_id AS practitioner_id, "
        f"SUM(k.n) AS n FROM ({_COVERAGE}) v JOIN ("
        'SELECT c."practitioner_id" AS practitioner_id, c."procedure_code" AS code, '
        f'COUNT(*) AS n FROM "case_record" c WHERE {_CASES} '
        'GROUP BY c."practitioner_id", c."procedure_code"'
        ") k ON k.practitioner_id = v.practitioner_id AND k.code = v.code "
        "GROUP BY v.privilege_id, v.practitioner_id",
        [*coverage, *cases],
    )
    counted += await sql.fetch(
        'SELECT pr."id" AS privilege_id, pr."practitioner_id" AS practitioner_id, '
        f'COUNT(*) AS n {_DAY_SURGERY_PRIVILEGES} GROUP BY pr."id", pr."practitioner_id"',
        [*cases, *active],
    )
    for row in counted:
        outcomes[int(row["privilege_id"])] = _Outcomes(int(row["practitioner_id"]), int(row["n"]))
    flagged = await sql.fetch(
        "SELECT v.privilege_id AS privilege_id, f.case_id AS case_id, "
        "f.complication AS complication, f.death AS death, f.reoperation AS reoperation "
        f"FROM ({_COVERAGE}) v JOIN ("
        # DISTINCT (a no-op: c.id is in it) keeps SQLite from flattening the few flagged
        # cases into a nested loop over the coverage; they are joined as a set instead.
        f'SELECT DISTINCT c."practitioner_id" AS practitioner_id, c."procedure_code" AS code, '
        f'{_FLAGS} FROM "case_record" c WHERE {_CASES} {_FLAGGED}'
        ") f ON f.practitioner_id = v.practitioner_id AND f.code = v.code",
        [*coverage, *cases],
    )
    flagged += await sql.fetch(
        f'SELECT pr."id" AS privilege_id, {_FLAGS} {_DAY_SURGERY_PRIVILEGES} {_FLAGGED}',
        [*cases, *active],
    )
    flagged.sort(key=lambda r: int(r["case_id"]))  # evidence in case order
    for row in flagged:
        outcome = outcomes.setdefault(int(row["privilege_id"]), _Outcomes())
        case_id = int(row["case_id"])
        if row["complication"]:
            outcome.complications.append(case_id)
        if row["death"]:
            outcome.deaths.append(case_id)
        if row["reoperation"]:
            outcome.reoperations.append(case_id)
    return outcomes


async def _privilege_findings(
    site_id: int,
    policy: AdjustmentPolicy,
    start: date,
    today: date,
    department_rates: dict[int, float],
) -> list[Finding]:
    """The privilege triggers for a site's active privileges, from `_outcomes`; only the
    privileges with a finding are loaded as objects."""
    outcomes = await _outcomes(site_id, start, today)
    active = [site_id, Status.ACTIVE.value, today, today]
    # Held all window, of a kind that decays (a technique, or a grade-4 procedure).
    decaying = (
        await sql.fetch(
            'SELECT pr."id" AS privilege_id FROM "privilege" pr '
            f'WHERE {_ACTIVE} AND pr."valid_from" <= ? AND (pr."scope" = ? OR '
            '(pr."scope" = ? AND pr."procedure_code" IN '
            '(SELECT r."code" FROM "procedure" r WHERE r."grade" = 4)))',
            [*active, start, Scope.TECHNIQUE.value, Scope.PROCEDURE.value],
        )
        if policy.skill_decay
        else []
    )
    departments = {
        int(row["id"]): int(row["department_id"])
        for row in await sql.fetch('SELECT "id", "department_id" FROM "practitioner"')
    }
    found: list[tuple[int, Trigger, list[int], dict[str, Any]]] = []
    for privilege_id in sorted(set(outcomes) | {int(r["privilege_id"]) for r in decaying}):
        outcome = outcomes.get(privilege_id, _Outcomes())
        if outcome.cases == 0:
            if privilege_id in outcomes:
                continue
            found.append(
                (privilege_id, Trigger.SKILL_DECAY, [], {"cases": 0, "since": start.isoformat()})
            )
            continue
        facts: dict[str, Any]
        if len(outcome.reoperations) >= policy.reoperations:
            facts = {"count": len(outcome.reoperations), "threshold": policy.reoperations}
            found.append((privilege_id, Trigger.REOPERATIONS, outcome.reoperations, facts))
        if len(outcome.deaths) >= policy.deaths:
            facts = {"count": len(outcome.deaths), "threshold": policy.deaths}
            found.append((privilege_id, Trigger.DEATHS, outcome.deaths, facts))
        department_rate = department_rates.get(departments[outcome.practitioner_id], 0.0)
        if outcome.cases >= policy.complication_min_cases and department_rate > 0:
            rate = len(outcome.complications) / outcome.cases
            if rate > policy.complication_factor * department_rate:
                facts = {
                    "cases": outcome.cases,
                    "complications": len(outcome.complications),
                    "rate": round(rate, 4),
                    "departmentRate": round(department_rate, 4),
                    "factor": policy.complication_factor,
                }
                found.append(
                    (privilege_id, Trigger.COMPLICATION_RATE, outcome.complications, facts)
                )
    if not found:
        return []
    privileges = {p.id: p for p in await Privilege.filter(id__in=sorted({f[0] for f in found}))}
    return [
        Finding(
            trigger,
            privileges[privilege_id].practitioner_id,  # type: ignore[attr-defined]
            privileges[privilege_id],
            case_ids,
            facts,
        )
        for privilege_id, trigger, case_ids, facts in found
    ]


async def _department_complication_rates(start: date, today: date) -> dict[int, float]:

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
    findings: list[Finding] = []
    rates_by_start: dict[date, dict[int, float]] = {}
    for site in await Site.all().order_by("id"):
        policy = AdjustmentPolicy.of(site.adjustment_policy)
        start = add_months(today, -policy.window_months)
        if start not in rates_by_start:
            rates_by_start[start] = await _department_complication_rates(start, today)
        findings += await _privilege_findings(site.id, policy, start, today, rates_by_start[start])
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
        # One read of the proposals instead of one per finding: a subject and trigger
        # are skipped while one is PENDING or was proposed today, and evidence already
        # proposed (whatever became of it) is not proposed again.
        blocked: set[tuple[str, str]] = set()
        proposed: set[str] = set()
        for key, trigger, status, digest, day in await AdjustmentProposal.all().values_list(
            "subject_key", "trigger", "status", "evidence_digest", "run_on"
        ):
            proposed.add(str(digest))
            if status == ProposalStatus.PENDING.value or day == run_on:
                blocked.add((str(key), str(trigger)))
        for finding in findings:
            subject = (finding.subject_key, finding.trigger.value)
            if subject in blocked or finding.digest in proposed:
                continue
            blocked.add(subject)
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
