"""Committee decisions (手术分级管理委员会, 医疗技术临床应用管理委员会) with recorded votes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain import clock, validation
from domain.errors import DomainError, ErrorCode
from domain.i18n import msg
from domain.writes import WriteContext
from models import CommitteeDecision


@dataclass
class CommitteeInput:
    committee: str
    meeting_on: date
    votes_for: int
    votes_against: int = 0
    votes_abstain: int = 0
    minutes_ref: str = ""
    signed_by: list[str] = field(default_factory=list)


async def record_committee_decision(
    ctx: WriteContext, decision: CommitteeInput, outcome: str, subject_type: str, subject_id: int
) -> CommitteeDecision:
    committee = validation.text("decision.committee", decision.committee, max_length=200)
    for name in ("votes_for", "votes_against", "votes_abstain"):
        value = getattr(decision, name)
        if value < 0 or value > 1000:
            api = "decision." + "votes" + name.split("_")[1].capitalize()
            raise DomainError(ErrorCode.VALIDATION, msg("Votes must be between 0 and 1000"), api)
    if outcome == "APPROVED" and decision.votes_for <= decision.votes_against:
        raise DomainError(
            ErrorCode.VALIDATION,
            msg("An approval needs more votes for than against"),
            "decision.votesFor",
        )
    if decision.meeting_on > clock.today():
        raise DomainError(
            ErrorCode.VALIDATION, msg("The meeting cannot be in the future"), "decision.meetingOn"
        )
    signed = [
        validation.text("decision.signedBy", name, max_length=100)
        for name in decision.signed_by[:50]
    ]
    return await ctx.create(
        CommitteeDecision,
        "committee_decision.create",
        institution_id=await deciding_institution(subject_type, subject_id),
        committee=committee,
        meeting_on=decision.meeting_on,
        outcome=outcome,
        votes_for=decision.votes_for,
        votes_against=decision.votes_against,
        votes_abstain=decision.votes_abstain,
        minutes_ref=validation.text(
            "decision.minutesRef", decision.minutes_ref, max_length=200, required=False
        ),
        signed_by=signed,
        subject_type=subject_type,
        subject_id=subject_id,
    )


async def deciding_institution(subject_type: str, subject_id: int) -> int | None:
    """Whose committee decides (issue 16: committees are per institution): the institution
    of the privilege's campus, of the evaluated privilege's campus, or the technique's
    owner; None is the default institution."""
    from domain import sql

    query = {
        "Privilege": "SELECT s.institution_id FROM privilege p JOIN site s ON s.id = p.site_id "
        "WHERE p.id = ?",
        "Evaluation": "SELECT s.institution_id FROM evaluation e "
        "JOIN privilege p ON p.id = e.privilege_id JOIN site s ON s.id = p.site_id "
        "WHERE e.id = ?",
        "Technique": "SELECT institution_id FROM technique WHERE id = ?",
    }.get(subject_type)
    if query is None:
        return None
    row = await sql.fetch_one(query, [subject_id])
    return int(row["institution_id"]) if row and row["institution_id"] is not None else None
