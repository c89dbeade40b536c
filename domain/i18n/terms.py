"""Words of the field that messages name: input fields and kinds of record.

A field is named by its API path (`input.staffNo`); people read its label (工号, staff
number). Unknown names fall back to the path's last part, so a new field never breaks
a message; add its label to the catalogue to make it read well.
"""

from __future__ import annotations

from domain.i18n.core import NC_, Term

FIELD = "field"
KIND = "record"


# The terms the catalogue translates (extracted from here; see docs/i18n.md).
FIELDS = (
    NC_("field", "code"),
    NC_("field", "name"),
    NC_("field", "staffNo"),
    NC_("field", "title"),
    NC_("field", "department"),
    NC_("field", "departmentCode"),
    NC_("field", "specialty"),
    NC_("field", "specialtyCode"),
    NC_("field", "site"),
    NC_("field", "siteCode"),
    NC_("field", "licenceNo"),
    NC_("field", "licenceValidUntil"),
    NC_("field", "practiceScope"),
    NC_("field", "nationalId"),
    NC_("field", "status"),
    NC_("field", "procedureCode"),
    NC_("field", "grade"),
    NC_("field", "maxGrade"),
    NC_("field", "daySurgery"),
    NC_("field", "category"),
    NC_("field", "scope"),
    NC_("field", "validFrom"),
    NC_("field", "validUntil"),
    NC_("field", "reason"),
    NC_("field", "note"),
    NC_("field", "committee"),
    NC_("field", "meetingOn"),
    NC_("field", "votesFor"),
    NC_("field", "votesAgainst"),
    NC_("field", "votesAbstain"),
    NC_("field", "minutesRef"),
    NC_("field", "signedBy"),
    NC_("field", "username"),
    NC_("field", "password"),
    NC_("field", "periodStart"),
    NC_("field", "periodEnd"),
    NC_("field", "filingNumber"),
    NC_("field", "filedOn"),
    NC_("field", "externalRef"),
    NC_("field", "performedAt"),
    NC_("field", "setting"),
    NC_("field", "outcome"),
    NC_("field", "recommendation"),
    NC_("field", "url"),
    NC_("field", "expiresAt"),
    NC_("field", "leadStaffNo"),
    NC_("field", "practitionerStaffNo"),
    NC_("field", "supervisorStaffNo"),
    NC_("field", "on"),
    NC_("field", "id"),
)
KINDS = (
    NC_("record", "Site"),
    NC_("record", "Department"),
    NC_("record", "Specialty"),
    NC_("record", "Practitioner"),
    NC_("record", "Procedure"),
    NC_("record", "Technique"),
    NC_("record", "Catalogue version"),
    NC_("record", "Privilege"),
    NC_("record", "User"),
    NC_("record", "ApiKey"),
    NC_("record", "ReviewCycle"),
    NC_("record", "Evaluation"),
    NC_("record", "CaseRecord"),
    NC_("record", "EmergencyOverride"),
    NC_("record", "CommitteeDecision"),
    NC_("record", "Webhook"),
    NC_("record", "WebhookDelivery"),
)

# What someone tried to do to a privilege or a technique, for "cannot ..." messages.
ACTIONS = (
    NC_("action", "endorse"),
    NC_("action", "approve"),
    NC_("action", "reject"),
    NC_("action", "withdraw"),
    NC_("action", "suspend"),
    NC_("action", "reinstate"),
    NC_("action", "revoke"),
    NC_("action", "supersede"),
    NC_("action", "stop"),
    NC_("action", "file"),
    NC_("action", "record the first clinical use of"),
    NC_("action", "set the lead of"),
)


def action_label(action: str) -> Term:
    """The reader's word for an action (suspend -> 暂停)."""
    return Term("action", action)


def field_label(path: str | list[str] | None) -> Term:
    """The reader's name for an input field, from its API path."""
    if isinstance(path, list):
        path = ".".join(path)
    last = (path or "").rsplit(".", 1)[-1]
    return Term(FIELD, last)


def kind_label(kind: str) -> Term:
    """The reader's name for a kind of record (Technique -> 医疗技术)."""
    return Term(KIND, kind)
