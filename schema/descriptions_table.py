"""The description texts `schema.descriptions.describe` applies (see there for the rules):
conventions, enum values, arguments, root types and scalars. Fields and types are
described in the code.

Developer-facing English: what a value means in the hospital's terms, its unit, and the
rule (SPEC R-number) or doc section that governs it. Reason-code meanings follow
docs/api.md section 11.
"""

from __future__ import annotations

# Names with one meaning wherever they occur. Keys: `field` (output fields),
# `input.field` (input fields) and `(arg:)` (arguments).
CONVENTIONS: dict[str, str] = {
    # output fields
    "id": "Opaque global id; store and send it back unchanged (node(id:) fetches it).",
    "version": "Optimistic-concurrency version: 1 on creation, +1 on every change; send it "
    "back as expectedVersion.",
    "createdAt": "When the record was created (UTC).",
    "updatedAt": "When the record last changed (UTC).",
    "userErrors": "The mutation's expected failures (validation, permission, conflict, state); "
    "empty on success. Nothing was written when it is not empty.",
    # input fields
    "input.id": "Global id of the object to act on.",
    "input.expectedVersion": "The object's version as you last read it; if it has moved on, "
    "nothing is written and the answer is CONFLICT on expectedVersion.",
    "input.idempotencyKey": "1 to 128 printable characters, scoped to the caller: a retry with "
    "the same key and input returns the first call's result without writing again; the same "
    "key with another input is IDEMPOTENCY_KEY_REUSED.",
    "input.practitionerId": "The practitioner's global id; or give practitionerStaffNo.",
    "input.practitionerStaffNo": "The practitioner's staff number (工号); or give practitionerId.",
    "input.siteId": "The site's (院区) global id; or give siteCode.",
    "input.siteCode": "The site's code, e.g. MAIN; or give siteId.",
    "input.specialtyId": "The specialty's global id; or give specialtyCode.",
    "input.specialtyCode": "The specialty's code (专业编码); or give specialtyId.",
    "input.departmentId": "The department's global id; or give departmentCode.",
    "input.departmentCode": "The department's code (科室编码); or give departmentId.",
    "input.techniqueId": "The technique's global id; or give techniqueCode.",
    "input.techniqueCode": "The medical technique's code; or give techniqueId.",
    "input.procedureCode": "The procedure's code in the hospital's catalogue (手术编码, e.g. "
    "ICD-9-CM-3 47.0901).",
    "input.supervisorId": "The supervising practitioner's global id; or give supervisorStaffNo.",
    "input.supervisorStaffNo": "The supervising practitioner's staff number (工号), for "
    "supervised-only privileges (R15); or give supervisorId.",
    "input.leadId": "The technique lead's global id (an ACTIVE practitioner); or give leadStaffNo.",
    "input.leadStaffNo": "The technique lead's staff number (an ACTIVE practitioner); or give "
    "leadId.",
    "input.reason": "Why, in words; kept in the audit log with the change.",
    "input.note": "A free-text note, kept in the audit log with the change.",
    "input.decision": "The committee decision (meeting, votes, minutes) the step rests on.",
    # arguments
    "(first:)": "Page size: 1 to 100, default 50 (more is a VALIDATION error).",
    "(after:)": "A cursor (pageInfo.endCursor) to continue after; omit for the first page.",
    "(input:)": "The mutation's input; see the input type for each field.",
    "(filter:)": "Conditions every row must meet; omitted fields do not filter.",
    "(knownAt:)": "Answer as the registry stood at that moment, ignoring later changes "
    "(AUDITOR, ADMIN); default now.",
}

COORDINATES: dict[str, str] = {
    # ---- scalars and shared types
    "Date": "A calendar date in the hospital's time zone, YYYY-MM-DD.",
    "DateTime": "An ISO 8601 date-time; input must carry an offset, output is UTC "
    "(2026-11-24T17:40:00+00:00).",
    "JSON": "Any JSON value (ECMA-404), e.g. an audit event's before/after state.",
    # ---- enums: values
    "Role": "What a user or API key may do (docs/api.md section 2); checked on every request.",
    "Role.ADMIN": "Everything, including users, keys, sites and catalogue.",
    "Role.DEPARTMENT_HEAD": "Requests and endorses privileges and submits evaluations for "
    "practitioners of their own departments.",
    "Role.COMMITTEE": "Approves and rejects privileges and techniques, decides evaluations "
    "(手术分级管理委员会 / 医疗技术临床应用管理委员会).",
    "Role.SCHEDULER": "Checks privileges, records cases and watches bookings (OR scheduling "
    "systems).",
    "Role.AUDITOR": "Reads everything incl. the audit log and exports, checks as of a past "
    "moment; writes nothing.",
    "Role.PRACTITIONER": "Sees and requests their own privileges.",
    "Role.GROUP_ADMIN": "ADMIN over every institution of the hospital group (医联体); an ADMIN "
    "tied to institutions manages only theirs.",
    "Title": "A practitioner's professional title (职称).",
    "Title.RESIDENT": "Resident physician (住院医师).",
    "Title.ATTENDING": "Attending physician (主治医师).",
    "Title.ASSOCIATE_CHIEF": "Associate chief physician (副主任医师).",
    "Title.CHIEF": "Chief physician (主任医师).",
    "PractitionerStatus": "Whether a practitioner may practise (R14).",
    "PractitionerStatus.ACTIVE": "Employed and practising.",
    "PractitionerStatus.SUSPENDED": "Barred from practising for now; every check is blocked "
    "(PRACTITIONER_INACTIVE).",
    "PractitionerStatus.LEFT": "Left the hospital; privileges end on the leaving date.",
    "PrivilegeScope": "What a privilege (授权) covers (SPEC: Privilege).",
    "PrivilegeScope.SURGERY_GRADE": "Every procedure of a specialty up to maxGrade (1-3).",
    "PrivilegeScope.PROCEDURE": "One procedure, of any grade; the only cover for grade 4.",
    "PrivilegeScope.TECHNIQUE": "The right to apply one restricted or new technique.",
    "PrivilegeScope.DAY_SURGERY": "The right to perform eligible procedures as day surgery.",
    "PrivilegeStatus": "Where a privilege is in its lifecycle (docs/api.md section 8); "
    "EXPIRED is derived from validUntil, never stored.",
    "PrivilegeStatus.REQUESTED": "Applied for; awaiting the department head's endorsement.",
    "PrivilegeStatus.ENDORSED": "Endorsed by the department head; awaiting the committee.",
    "PrivilegeStatus.ACTIVE": "Granted by the committee; covers its scope between validFrom "
    "and validUntil.",
    "PrivilegeStatus.REJECTED": "Refused by the committee (final).",
    "PrivilegeStatus.WITHDRAWN": "Withdrawn before a decision (final).",
    "PrivilegeStatus.SUSPENDED": "Temporarily withdrawn; blocks whatever else covers the same "
    "procedure until reinstated or revoked (R13).",
    "PrivilegeStatus.REVOKED": "Withdrawn for good (final).",
    "PrivilegeStatus.SUPERSEDED": "Replaced by a re-evaluation's successor (RENEW, "
    "DOWNGRADE); still answers for its own term before the successor starts (R16).",
    "Severity": "How a decision reason weighs on the answer.",
    "Severity.BLOCKING": "The procedure is not allowed (allowed is false).",
    "Severity.REQUIREMENT": "Allowed only if the condition is met (MDT discussion, "
    "supervision, emergency follow-up).",
    "Severity.WARNING": "Allowed; something needs attention soon.",
    "Setting": "Where a procedure is performed.",
    "Setting.INPATIENT": "Inpatient surgery (the default).",
    "Setting.DAY_SURGERY": "Day surgery (日间手术): needs a day-surgery procedure, privilege "
    "and department.",
    "Setting.OUTPATIENT": "Outpatient procedure.",
    "DecisionReasonCode": "Why a privilege check answers as it does (docs/api.md section 11); "
    "new codes may be added, so treat an unknown one by its severity.",
    "DecisionReasonCode.PRACTITIONER_NOT_FOUND": "No practitioner with that id or staff number.",
    "DecisionReasonCode.PRACTITIONER_INACTIVE": "The practitioner is SUSPENDED or LEFT (R14).",
    "DecisionReasonCode.LICENCE_EXPIRED": "The practising licence (licenceValidUntil) ended "
    "before the date asked about (R14).",
    "DecisionReasonCode.SITE_NOT_FOUND": "The siteId/siteCode given does not exist.",
    "DecisionReasonCode.PROCEDURE_NOT_FOUND": "The procedure code is in no catalogue version.",
    "DecisionReasonCode.PROCEDURE_NOT_IN_FORCE": "The code exists, but no catalogue version in "
    "force on that date contains it.",
    "DecisionReasonCode.NO_PRIVILEGE": "No privilege of the practitioner at this site covers "
    "the procedure (nor a lower-grade one of its specialty).",
    "DecisionReasonCode.PRIVILEGE_EXPIRED": "A covering privilege ended before the date.",
    "DecisionReasonCode.PRIVILEGE_NOT_YET_VALID": "A covering privilege starts after the date.",
    "DecisionReasonCode.PRIVILEGE_SUSPENDED": "A privilege covering the procedure (or its "
    "technique) is SUSPENDED on the date; it blocks whatever else covers (R13).",
    "DecisionReasonCode.PRIVILEGE_REVOKED": "A covering privilege was REVOKED.",
    "DecisionReasonCode.GRADE_TOO_LOW": "A usable SURGERY_GRADE privilege of the procedure's "
    "specialty stops below its grade; grade 4 needs a PROCEDURE privilege.",
    "DecisionReasonCode.NOT_DAY_SURGERY_PROCEDURE": "Day surgery was asked for, but the "
    "procedure is not in the day-surgery catalogue.",
    "DecisionReasonCode.NO_DAY_SURGERY_PRIVILEGE": "Day surgery was asked for, and no usable "
    "DAY_SURGERY privilege is held at this site.",
    "DecisionReasonCode.DEPARTMENT_NOT_DAY_SURGERY": "Day surgery was asked for, and the "
    "practitioner's department is not admitted to day surgery.",
    "DecisionReasonCode.TECHNIQUE_NOT_ADMITTED": "The procedure's technique is PROHIBITED, or "
    "still PROPOSED (not approved by the committee).",
    "DecisionReasonCode.TECHNIQUE_FILING_OVERDUE": "A restricted technique not FILED (备案) "
    "after its filingDueOn, 15 working days after first clinical use (R22).",
    "DecisionReasonCode.TECHNIQUE_SUSPENDED": "The procedure's technique is SUSPENDED (R24).",
    "DecisionReasonCode.TECHNIQUE_STOPPED": "The procedure's technique is STOPPED (R24).",
    "DecisionReasonCode.NO_TECHNIQUE_PRIVILEGE": "A NEW or restricted technique's procedure "
    "without a usable TECHNIQUE privilege for that technique (R25).",
    "DecisionReasonCode.SUPERVISOR_REQUIRED": "Only supervised-only privileges cover it, and "
    "no supervisor with usable unsupervised cover was named (R15).",
    "DecisionReasonCode.MDT_REQUIRED": "Managed as grade 4: a preoperative MDT discussion is "
    "required (requiresMdt is true).",
    "DecisionReasonCode.SUPERVISION_REQUIRED": "Allowed under the named supervisor only.",
    "DecisionReasonCode.EMERGENCY_OVERRIDE": "An emergency downgraded at least one privilege "
    "reason; the case must be recorded and the override is reviewed (R41).",
    "DecisionReasonCode.EXPIRES_SOON": "Allowed, and the authorisation ends within 30 days of "
    "the date.",
    "DecisionReasonCode.REEVALUATION_OVERDUE": "A basis privilege's re-evaluation is overdue "
    "(R33).",
    "DecisionReasonCode.NOT_REGISTERED_AT_INSTITUTION": "BLOCKING. The practitioner has no "
    "practice registration (PRIMARY, MULTI_SITE, VISITING or TRAINEE) valid on the date at the "
    "institution the site belongs to (多机构执业). A WARNING in an emergency.",
    "DecisionReasonCode.OUTSIDE_PRACTICE_SCOPE": "BLOCKING. The procedure's specialty is mapped "
    "to practice scopes (执业范围) and none of them is among the practitioner's coded scopes. "
    "A WARNING in an emergency.",
    "DecisionReasonCode.TECHNIQUE_LEAD_INACTIVE": "The technique's lead left or was suspended; "
    "until setTechniqueLead names an ACTIVE lead (R23).",
    "DecisionReasonCode.CALENDAR_NOT_PUBLISHED": "The technique's filing deadline runs past the "
    "last published holiday calendar and is provisional (R22).",
    "UserErrorCode.VALIDATION": "An input value is malformed, out of range or missing.",
    "UserErrorCode.NOT_FOUND": "A referenced object (by id or business key) does not exist.",
    "UserErrorCode.DUPLICATE": "A unique business key (code, staffNo, username) is taken.",
    "UserErrorCode.CONFLICT": "expectedVersion is stale, or a concurrent change won (e.g. an "
    "overlapping ACTIVE privilege, R12).",
    "UserErrorCode.INVALID_TRANSITION": "The object's state does not allow this action.",
    "UserErrorCode.FORBIDDEN": "Your role or department scope does not allow this action; the "
    "refusal is audited.",
    "UserErrorCode.UNAUTHENTICATED": "No valid credential; always a top-level error, never a "
    "userError.",
    "UserErrorCode.INVALID_CREDENTIALS": "login failed (wrong password, unknown or locked "
    "user: one answer for all).",
    "UserErrorCode.WEAK_PASSWORD": "The password breaks the policy (15-128 characters, not "
    "the username, not a common password).",
    "UserErrorCode.IDEMPOTENCY_KEY_REUSED": "The idempotencyKey (or a case's externalRef) was "
    "used before with a different input.",
    "UserErrorCode.THROTTLED": "Too many requests or over the query budget; retry later.",
    "UserErrorCode.INVALID_SIGNATURE": "A signed token (checkpoint, receipt) was altered, is "
    "of another type or is not EdDSA.",
    "UserErrorCode.UNKNOWN_KEY": "A signed token names a key this registry does not keep, or "
    "no signing key exists.",
    "TechniqueCategory": "The regulatory class of a medical technique (医疗技术临床应用管理办法).",
    "TechniqueCategory.RESTRICTED_NATIONAL": "On the national restricted list (国家限制类); "
    "filed within 15 working days of first use (R22).",
    "TechniqueCategory.RESTRICTED_PROVINCIAL": "On the provincial restricted list "
    "(省级限制类); filed like national ones.",
    "TechniqueCategory.NEW": "New to this hospital (新技术新项目); needs a TECHNIQUE privilege.",
    "TechniqueCategory.STANDARD": "An ordinary technique; no technique rules apply.",
    "TechniqueCategory.PROHIBITED": "Forbidden in clinical use (禁止类); never authorised.",
    "TechniqueStatus": "Where a technique is in its admission lifecycle (SPEC: "
    "PROPOSED → APPROVED → IN_USE → FILED).",
    "TechniqueStatus.PROPOSED": "Proposed; not yet approved by the committee, not usable.",
    "TechniqueStatus.APPROVED": "Approved by the committee; not yet used clinically.",
    "TechniqueStatus.IN_USE": "First clinical use recorded; the filing deadline runs.",
    "TechniqueStatus.FILED": "Filed (备案) with the health authority.",
    "TechniqueStatus.SUSPENDED": "Temporarily stopped; its procedures are blocked (R24).",
    "TechniqueStatus.STOPPED": "Stopped for good; its procedures are blocked (R24).",
    "EvaluationOutcome": "The committee's verdict on a privilege's re-evaluation (R32).",
    "EvaluationOutcome.RENEW": "Renewed for the site's default validity, from the day after "
    "the old validUntil.",
    "EvaluationOutcome.RENEW_WITH_CONDITIONS": "Renewed with conditions (required in "
    "`conditions`).",
    "EvaluationOutcome.DOWNGRADE": "Replaced by a narrower privilege from the decision date "
    "(newMaxGrade and/or supervisedOnly).",
    "EvaluationOutcome.SUSPEND": "The privilege is suspended.",
    "EvaluationOutcome.REVOKE": "The privilege is revoked.",
    "ReviewCycleStatus": "Whether a review cycle (定期考核) is running.",
    "ReviewCycleStatus.OPEN": "Evaluations are being submitted and decided.",
    "ReviewCycleStatus.CLOSED": "Finished; no more evaluations change.",
    "EvaluationStatus": "Where one privilege's evaluation stands in its cycle.",
    "EvaluationStatus.PENDING": "Opened with the cycle; waiting for the department head.",
    "EvaluationStatus.SUBMITTED": "Metrics and recommendation submitted; waiting for the "
    "committee.",
    "EvaluationStatus.DECIDED": "The committee decided the outcome.",
    "MetricsSource": "Where an evaluation's case figures come from.",
    "MetricsSource.CASE_RECORDS": "Counted from the recorded cases of the cycle's period.",
    "MetricsSource.MANUAL": "Entered by the department head (the period has no case records).",
    "EmergencyOverrideStatus": "The review of an emergency case done outside privilege (R41).",
    "EmergencyOverrideStatus.PENDING_REVIEW": "Not yet reviewed; overdue after reportDueBy.",
    "EmergencyOverrideStatus.JUSTIFIED": "Reviewed: the emergency justified it.",
    "EmergencyOverrideStatus.UNJUSTIFIED": "Reviewed: not justified; counts as out of "
    "privilege in the holder's next evaluation.",
    "CommitteeOutcome": "What a committee decided: an application or, for an evaluation, the "
    "evaluation outcome.",
    "CommitteeOutcome.APPROVED": "The application (privilege or technique) was approved.",
    "CommitteeOutcome.REJECTED": "The privilege application was rejected.",
    "CommitteeOutcome.RENEW": "Evaluation: the privilege is renewed.",
    "CommitteeOutcome.RENEW_WITH_CONDITIONS": "Evaluation: renewed with conditions.",
    "CommitteeOutcome.DOWNGRADE": "Evaluation: replaced by a narrower privilege.",
    "CommitteeOutcome.SUSPEND": "Evaluation: the privilege is suspended.",
    "CommitteeOutcome.REVOKE": "Evaluation: the privilege is revoked.",
    "WebhookDeliveryStatus": "The state of one webhook delivery (at least once, with retries).",
    "WebhookDeliveryStatus.PENDING": "Queued or waiting for a retry at nextAttemptAt.",
    "WebhookDeliveryStatus.DELIVERED": "The receiver answered 2xx.",
    "WebhookDeliveryStatus.FAILED": "Given up after the last attempt (up to 8, with backoff).",
    "BookingStatus": "Whether a booked operation is still watched.",
    "BookingStatus.SCHEDULED": "Planned and watched: changes that alter its decision are reported.",
    "BookingStatus.CANCELLED": "Cancelled with cancelBooking; no longer watched.",
    "BookingImpactStatus": "Whether the scheduler has dealt with a booking impact.",
    "BookingImpactStatus.OPEN": "New; not acknowledged yet.",
    "BookingImpactStatus.ACKNOWLEDGED": "The scheduler has seen it and acted on it.",
    "BookingImpactStatus.RESOLVED": "The booking is allowed again, or was cancelled.",
    "CalendarOrigin": "Where a year's holiday schedule comes from.",
    "CalendarOrigin.OFFICIAL": "The State Council's notice, shipped with credreg.",
    "CalendarOrigin.LOCAL": "Entered locally with setHolidays.",
    # ---- access
    "Viewer.privileges(status:)": "Only privileges in these statuses; all when omitted.",
    "Mutation": "Every change; each returns a payload with userErrors (docs/api.md section 3).",
    "Query": "Every read. Lists are connections; objects outside your scope are left out.",
    "Subscription": "Live feeds over graphql-transport-ws on /graphql.",
    # ---- organisation
    "Practitioner.privileges(status:)": "Only privileges in these statuses; all when omitted.",
    "Practitioner.caseStats(from:)": "First performedOn counted (inclusive); default: all.",
    "Practitioner.caseStats(to:)": "Last performedOn counted (inclusive); default: all.",
    "Query.departments(siteCode:)": "Only departments of this site.",
    "Query.departments(daySurgeryApproved:)": "Only departments with (true) or without "
    "(false) day-surgery admission.",
    "Query.practitioner(staffNo:)": "The staff number (工号).",
    # ---- catalogue
    "Query.procedures(catalogueVersion:)": "List this catalogue version instead of the "
    "current one.",
    "Query.catalogueDiff(from:)": "The older version number.",
    "Query.catalogueDiff(to:)": "The newer version number.",
    # ---- techniques
    "Query.techniqueFilingsDue(withinDays:)": "Days ahead to look, from today.",
    "Query.holidayCalendar(year:)": "The calendar year.",
    # ---- privileges
    "Privilege.expiredOn(on:)": "The day to test.",
    "Query.expiringPrivileges(withinDays:)": "Days ahead to look, from today.",
    "Subscription.privilegeChanges(practitioner:)": "Only this practitioner's privileges.",
    "Subscription.privilegeChanges(site:)": "Only this site's privileges.",
    "Subscription.privilegeChanges(fromSeq:)": "Replay changes after this audit seq first "
    "(the last seq you processed).",
    # ---- reviews
    "Query.evaluations(cycleId:)": "Only this cycle.",
    "Query.evaluations(status:)": "Only this status.",
    "Query.evaluations(practitionerId:)": "Only this practitioner's.",
    # ---- cases
    "Query.emergencyOverrides(status:)": "Only this review state.",
    "Query.emergencyOverrides(overdue:)": "Only (not) past reportDueBy unreviewed.",
    "Query.outOfPrivilegeCases(from:)": "First performedOn (inclusive).",
    "Query.outOfPrivilegeCases(to:)": "Last performedOn (inclusive).",
    "Query.outOfPrivilegeCases(department:)": "Only this department code.",
    "Query.mdtCompletion(department:)": "The department code.",
    "Query.mdtCompletion(from:)": "First day (inclusive).",
    "Query.mdtCompletion(to:)": "Last day (inclusive).",
    # ---- webhooks
    "Query.webhookDeliveries(webhookId:)": "Only this webhook's.",
    "Query.webhookDeliveries(status:)": "Only this state.",
    # ---- audit
    "Query.verifyAuditChain(from:)": "First seq; default 1.",
    "Query.verifyAuditChain(to:)": "Last seq; default the newest.",
    "Query.node(id:)": "A global id from any object's id field.",
    "Query.privilegeChecks(inputs:)": "Up to 500 questions; the answers come in the same order.",
    "Query.verifyReceipt(receipt:)": "The compact JWS, as returned in PrivilegeDecision.receipt.",
    "Query.enumLabels(locale:)": "zh-CN or en; default the request's language.",
    "Query.enumLabels(enum:)": "Only this enum, e.g. Title; default every enum.",
    # ---- bookings
    "Mutation.registerBookings(inputs:)": "Up to 500 bookings.",
    "Query.bookingImpacts(since:)": "Only changes after this audit seq.",
    "Query.bookingImpacts(status:)": "Only this state.",
}
