"""SPEC section 1 and 7: each role can do exactly what it should, for every operation.

Every query and mutation of the schema must have an entry here; adding an operation
without one fails `test_every_operation_is_in_the_matrix`.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from domain import auth
from domain.actors import Role
from schema.schema import build_schema
from tests import factories
from tests.factories import gql

ALL = frozenset(Role)
ADMIN = frozenset({Role.ADMIN})
AUDIT = frozenset({Role.ADMIN, Role.AUDITOR})
REQUESTERS = frozenset({Role.ADMIN, Role.DEPARTMENT_HEAD, Role.PRACTITIONER})
ENDORSERS = frozenset({Role.ADMIN, Role.DEPARTMENT_HEAD})
DECIDERS = frozenset({Role.ADMIN, Role.COMMITTEE})
CHECKERS = frozenset(Role) - {Role.PRACTITIONER}
BOOKING_WRITERS = frozenset({Role.ADMIN, Role.SCHEDULER})
BOOKING_READERS = frozenset({Role.ADMIN, Role.SCHEDULER, Role.AUDITOR})
DECISION = (
    'decision: {committee: "手术分级管理委员会", meetingOn: "2026-01-05", votesFor: 7, '
    'votesAgainst: 0, votesAbstain: 1, minutesRef: "2026-01"}'
)
CHECK = '{practitionerStaffNo: "D0001", procedureCode: "47.0901", on: "2026-12-01"}'
PUBLIC = "public"  # needs no authentication at all

# operation -> (document, roles allowed). `{practitioner}` and `{n}` are filled per run.
OPERATIONS: dict[str, tuple[str, frozenset[Role] | str]] = {
    # queries
    "viewer": ("{ viewer { name } }", ALL),
    "node": ('{ node(id: "{site_id}") { id } }', ALL),
    "sites": ("{ sites { nodes { code } } }", ALL),
    "specialties": ("{ specialties { nodes { code } } }", ALL),
    "departments": ("{ departments { nodes { code } } }", ALL),
    "practitioners": ("{ practitioners { nodes { staffNo } } }", ALL),
    "practitioner": ('{ practitioner(staffNo: "D0001") { staffNo } }', ALL),
    "procedures": ("{ procedures { nodes { code } } }", ALL),
    "verifyAuditChain": ("{ verifyAuditChain { ok } }", AUDIT),
    "auditEvents": ("{ auditEvents(first: 5) { nodes { seq } } }", AUDIT),
    "privileges": ("{ privileges { nodes { id } } }", ALL),
    "expiringPrivileges": ("{ expiringPrivileges(withinDays: 30) { nodes { id } } }", ALL),
    "privilegeCheck": ("{ privilegeCheck(input: " + CHECK + ") { allowed } }", CHECKERS),
    "privilegeChecks": ("{ privilegeChecks(inputs: [" + CHECK + "]) { allowed } }", CHECKERS),
    "enumLabels": ('{ enumLabels(enum: "Title") { value label } }', ALL),
    # mutations
    "login": (
        'mutation { login(input: {username: "nobody", password: "x"}) { userErrors { code } } }',
        PUBLIC,
    ),
    "logout": (
        "mutation { logout { ok userErrors { code } } }",
        frozenset(Role) - {Role.SCHEDULER},
    ),
    "createSite": (
        'mutation { createSite(input: {code: "S{n}", name: "院区"}) { userErrors { code } } }',
        ADMIN,
    ),
    "createSpecialty": (
        'mutation { createSpecialty(input: {code: "SP{n}", name: "专业"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "createDepartment": (
        'mutation { createDepartment(input: {code: "DP{n}", name: "科室"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "updateDepartment": (
        'mutation { updateDepartment(input: {id: "{dept_id}", '
        'expectedVersion: {dept_version}, name: "改名{n}"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "createPractitioner": (
        'mutation { createPractitioner(input: {staffNo: "N{n}", name: "李娜", '
        'title: RESIDENT, departmentCode: "GS1"}) { userErrors { code } } }',
        ADMIN,
    ),
    "updatePractitioner": (
        'mutation { updatePractitioner(input: {id: "{practitioner_id}", '
        'expectedVersion: {practitioner_version}, practiceScope: "外科{n}"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "createProcedure": (
        'mutation { createProcedure(input: {code: "01.{n:04d}", name: "手术", '
        'grade: 2, specialtyCode: "GS"}) { userErrors { code } } }',
        ADMIN,
    ),
    "createUser": (
        'mutation { createUser(input: {username: "u{n}", '
        'password: "a very long unusual passphrase", roles: [AUDITOR]}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "createApiKey": (
        'mutation { createApiKey(input: {name: "k{n}", roles: [SCHEDULER]}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "requestPrivilege": (
        'mutation { requestPrivilege(input: {practitionerStaffNo: "D0001", '
        'scope: PROCEDURE, procedureCode: "47.0901"}) { userErrors { code } } }',
        REQUESTERS,
    ),
    "endorsePrivilege": (
        'mutation { endorsePrivilege(input: {id: "{requested}", '
        "expectedVersion: 1}) { userErrors { code } } }",
        ENDORSERS,
    ),
    "approvePrivilege": (
        'mutation { approvePrivilege(input: {id: "{endorsed}", '
        "expectedVersion: 2, " + DECISION + "}) { userErrors { code } } }",
        DECIDERS,
    ),
    "rejectPrivilege": (
        'mutation { rejectPrivilege(input: {id: "{endorsed}", '
        'expectedVersion: 2, reason: "不足"}) { userErrors { code } } }',
        DECIDERS,
    ),
    "withdrawPrivilege": (
        'mutation { withdrawPrivilege(input: {id: "{requested}", '
        'expectedVersion: 1, reason: "撤回"}) { userErrors { code } } }',
        REQUESTERS,
    ),
    "suspendPrivilege": (
        'mutation { suspendPrivilege(input: {id: "{active}", '
        'expectedVersion: 3, reason: "调查"}) { userErrors { code } } }',
        ADMIN,
    ),
    "reinstatePrivilege": (
        'mutation { reinstatePrivilege(input: {id: "{suspended}", '
        'expectedVersion: 4, reason: "恢复"}) { userErrors { code } } }',
        ADMIN,
    ),
    "revokePrivilege": (
        'mutation { revokePrivilege(input: {id: "{active}", '
        'expectedVersion: 3, reason: "吊销"}) { userErrors { code } } }',
        ADMIN,
    ),
    "techniques": ("{ techniques { nodes { code } } }", ALL),
    "techniqueFilingsDue": ("{ techniqueFilingsDue(withinDays: 30) { overdue } }", ALL),
    "createTechnique": (
        'mutation { createTechnique(input: {code: "T{n}", name: "技术", '
        "category: NEW}) { userErrors { code } } }",
        ADMIN,
    ),
    "approveTechnique": (
        'mutation { approveTechnique(input: {id: "{t_proposed}", '
        'expectedVersion: 1, leadStaffNo: "D0001", ethicsApprovalRef: "E-1", '
        + DECISION
        + "}) { userErrors { code } } }",
        ADMIN,
    ),
    "recordTechniqueFirstUse": (
        'mutation { recordTechniqueFirstUse(input: {id: "{t_approved}", '
        'expectedVersion: 2, on: "2026-11-20"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "fileTechnique": (
        'mutation { fileTechnique(input: {id: "{t_in_use}", expectedVersion: 3, '
        'filedOn: "2026-11-23", filingNumber: "备案-1"}) { userErrors { code } } }',
        ADMIN,
    ),
    "suspendTechnique": (
        'mutation { suspendTechnique(input: {id: "{t_in_use}", '
        'expectedVersion: 3, reason: "不良事件"}) { userErrors { code } } }',
        ADMIN,
    ),
    "reinstateTechnique": (
        'mutation { reinstateTechnique(input: {id: "{t_suspended}", '
        'expectedVersion: 4, reason: "恢复"}) { userErrors { code } } }',
        ADMIN,
    ),
    "stopTechnique": (
        'mutation { stopTechnique(input: {id: "{t_in_use}", expectedVersion: 3, '
        'reason: "停止"}) { userErrors { code } } }',
        ADMIN,
    ),
    "setHolidays": (
        'mutation { setHolidays(input: {from: "2026-10-01", to: "2026-10-31", '
        'holidays: [{date: "2026-10-01", name: "国庆节"}], '
        'workdays: [{date: "2026-10-10"}]}) { userErrors { code } } }',
        ADMIN,
    ),
    "techniquesFiledLate": ("{ techniquesFiledLate { code filedLate } }", ALL),
    "holidayCalendar": ("{ holidayCalendar(year: 2026) { year covered } }", ALL),
    "correctFirstClinicalUse": (
        'mutation { correctFirstClinicalUse(input: {id: "{t_in_use}", expectedVersion: 3, '
        'performedOn: "2026-11-03", reason: "录入错误"}) { userErrors { code } } }',
        ADMIN,
    ),
    "outOfPrivilegeCases": (
        "{ outOfPrivilegeCases { nodes { id outOfPrivilege } } }",
        frozenset(Role) - {Role.SCHEDULER},
    ),
    "techniquesWithInactiveLead": ("{ techniquesWithInactiveLead { nodes { code } } }", ALL),
    "setTechniqueLead": (
        'mutation { setTechniqueLead(input: {id: "{t_approved}", expectedVersion: 2, '
        'leadStaffNo: "D0001"}) { userErrors { code } } }',
        ADMIN,
    ),
    "catalogueVersions": ("{ catalogueVersions { number } }", ALL),
    "catalogueDiff": ("{ catalogueDiff(from: 1, to: 1) { added { code } } }", ALL),
    "importProcedureCatalogue": (
        "mutation { importProcedureCatalogue(input: {dryRun: true, csv: "
        '"code,name,grade,specialty\\n47.0901,阑尾切除,2,GS\\n"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "importPractitioners": (
        "mutation { importPractitioners(input: {dryRun: true, csv: "
        '"staff_no,name,department_code,title\\nX1,李,GS1,RESIDENT\\n"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "reviewCycles": ("{ reviewCycles { nodes { name } } }", ALL),
    "evaluations": ("{ evaluations { nodes { status } } }", ALL),
    "overdueEvaluations": ("{ overdueEvaluations { dueOn } }", ALL),
    "emergencyOverrides": (
        "{ emergencyOverrides { nodes { status } } }",
        frozenset(Role) - {Role.SCHEDULER},
    ),
    "mdtCompletion": (
        '{ mdtCompletion(department: "GS1", from: "2026-01-01", to: "2026-12-31") { rate } }',
        frozenset({Role.ADMIN, Role.COMMITTEE, Role.AUDITOR, Role.DEPARTMENT_HEAD}),
    ),
    "openReviewCycle": (
        'mutation { openReviewCycle(input: {name: "C{n}", periodStart: '
        '"2026-01-01", periodEnd: "2026-06-30", dueOn: "2026-07-31", '
        "selection: {scope: PROCEDURE}}) { userErrors { code } } }",
        ADMIN,
    ),
    "submitEvaluation": (
        'mutation { submitEvaluation(input: {id: "{e_pending}", '
        'expectedVersion: 1, recommendation: "续期", metrics: {caseCount: 3}}) '
        "{ userErrors { code } } }",
        frozenset({Role.ADMIN, Role.DEPARTMENT_HEAD}),
    ),
    "decideEvaluation": (
        'mutation { decideEvaluation(input: {id: "{e_submitted}", '
        "expectedVersion: 2, outcome: RENEW, " + DECISION + "}) "
        "{ userErrors { code } } }",
        DECIDERS,
    ),
    "recordCase": (
        'mutation { recordCase(input: {externalRef: "case-{n}", '
        'practitionerStaffNo: "D0001", procedureCode: "47.0901", '
        'performedOn: "2026-11-20"}) { userErrors { code } } }',
        frozenset({Role.ADMIN, Role.SCHEDULER}),
    ),
    "reviewEmergencyOverride": (
        'mutation { reviewEmergencyOverride(input: {id: "{override}", '
        'expectedVersion: 1, justified: true, note: "急诊抢救"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "webhooks": ("{ webhooks { url } }", ADMIN),
    "webhookDeliveries": ("{ webhookDeliveries { nodes { status } } }", ADMIN),
    "registerWebhook": (
        'mutation { registerWebhook(input: {url: "http://127.0.0.1:9/hook", '
        'eventTypes: ["privilege."]}) { userErrors { code } } }',
        ADMIN,
    ),
    "deactivateWebhook": (
        'mutation { deactivateWebhook(input: {id: "V2ViaG9vazow", '
        "expectedVersion: 1}) { userErrors { code } } }",
        ADMIN,
    ),
    "users": ("{ users { nodes { username } } }", AUDIT),
    "deactivateUser": (
        'mutation { deactivateUser(input: {id: "VXNlcjow", expectedVersion: 1}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "reactivateUser": (
        'mutation { reactivateUser(input: {id: "VXNlcjow", expectedVersion: 1}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "setUserRoles": (
        'mutation { setUserRoles(input: {id: "VXNlcjow", expectedVersion: 1, '
        "roles: [AUDITOR]}) { userErrors { code } } }",
        ADMIN,
    ),
    "rotateWebhookSecret": (
        'mutation { rotateWebhookSecret(input: {id: "V2ViaG9vazow", '
        "expectedVersion: 1}) { userErrors { code } } }",
        ADMIN,
    ),
    "revokeApiKey": (
        'mutation { revokeApiKey(input: {id: "{key_id}"}) { userErrors { code } } }',
        ADMIN,
    ),
    # issue 18: watched bookings (the OR system and medical affairs write; auditors read)
    "bookings": ("{ bookings { nodes { externalRef } } }", BOOKING_READERS),
    "bookingImpacts": ("{ bookingImpacts { nodes { status } } }", BOOKING_READERS),
    "registerBooking": (
        'mutation { registerBooking(input: {externalRef: "bk-{n}", '
        'practitionerStaffNo: "D0001", procedureCode: "47.0901", '
        'scheduledOn: "2026-12-01"}) { userErrors { code } } }',
        BOOKING_WRITERS,
    ),
    "registerBookings": (
        'mutation { registerBookings(inputs: [{externalRef: "bks-{n}", '
        'practitionerStaffNo: "D0001", procedureCode: "47.0901", '
        'scheduledOn: "2026-12-01"}]) { userErrors { code } } }',
        BOOKING_WRITERS,
    ),
    "updateBooking": (
        'mutation { updateBooking(input: {externalRef: "none-{n}", '
        'scheduledOn: "2026-12-02"}) { userErrors { code } } }',
        BOOKING_WRITERS,
    ),
    "cancelBooking": (
        'mutation { cancelBooking(input: {externalRef: "none-{n}"}) { userErrors { code } } }',
        BOOKING_WRITERS,
    ),
    "acknowledgeBookingImpact": (
        'mutation { acknowledgeBookingImpact(input: {id: "Qm9va2luZ0ltcGFjdDo5OTk5OTk"}) '
        "{ userErrors { code } } }",
        BOOKING_WRITERS,
    ),
    "verifyReceipt": ('{ verifyReceipt(receipt: "a.b.c") { valid } }', AUDIT),
    # issue 17: quality indicators and adjustment proposals
    "qualityIndicators": (
        '{ qualityIndicators(from: "2026-01-01", to: "2026-12-31", '
        'scope: {department: "GS1"}) { period } }',
        frozenset({Role.ADMIN, Role.COMMITTEE, Role.AUDITOR, Role.DEPARTMENT_HEAD}),
    ),
    "adjustmentProposals": (
        "{ adjustmentProposals { nodes { id } } }",
        frozenset(Role) - {Role.SCHEDULER},
    ),
    "acceptAdjustmentProposal": (
        'mutation { acceptAdjustmentProposal(input: {id: "QWRqdXN0bWVudFByb3Bvc2FsOjk5OTk5OQ", '
        'expectedVersion: 1, reason: "x", ' + DECISION + "}) { userErrors { code } } }",
        DECIDERS,
    ),
    "dismissAdjustmentProposal": (
        'mutation { dismissAdjustmentProposal(input: {id: "QWRqdXN0bWVudFByb3Bvc2FsOjk5OTk5OQ", '
        'expectedVersion: 1, reason: "x"}) { userErrors { code } } }',
        DECIDERS,
    ),
    # issue 16: the hospital group (reference data every role reads; ADMIN writes)
    "institutions": ("{ institutions { nodes { code campuses { code } } } }", ALL),
    "groups": ("{ groups { nodes { code } } }", ALL),
    "practiceScopes": ("{ practiceScopes { code name } }", ALL),
    "unmappedSpecialties": ("{ unmappedSpecialties { code } }", ALL),
    "createInstitution": (
        'mutation { createInstitution(input: {code: "I{n}", name: "县医院"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "updateInstitution": (
        'mutation { updateInstitution(input: {id: "SW5zdGl0dXRpb246OTk5OTk", '
        'expectedVersion: 1, name: "x"}) { userErrors { code } } }',
        ADMIN,
    ),
    "createGroup": (
        'mutation { createGroup(input: {code: "G{n}", name: "医联体"}) { userErrors { code } } }',
        ADMIN,
    ),
    "moveSite": (
        'mutation { moveSite(input: {id: "U2l0ZTo5OTk5OQ", expectedVersion: 1, '
        'institutionCode: "MAIN"}) { userErrors { code } } }',
        ADMIN,
    ),
    "createPracticeRegistration": (
        'mutation { createPracticeRegistration(input: {practitionerId: "{practitioner_id}", '
        'institutionCode: "MAIN", kind: MULTI_SITE, validFrom: "2026-01-01"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "endPracticeRegistration": (
        'mutation { endPracticeRegistration(input: {id: "UHJhY3RpY2VSZWdpc3RyYXRpb246OTk5OTk", '
        'expectedVersion: 1, validUntil: "2026-12-31", reason: "x"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "setSpecialtyPracticeScopes": (
        'mutation { setSpecialtyPracticeScopes(input: {specialtyCode: "GS", '
        'practiceScopes: ["CLINICAL:SURGERY"]}) { userErrors { code } } }',
        ADMIN,
    ),
    "admitTechniqueAtInstitution": (
        'mutation { admitTechniqueAtInstitution(input: {techniqueCode: "NOPE", '
        'institutionCode: "MAIN", approvedOn: "2026-01-01"}) { userErrors { code } } }',
        ADMIN,
    ),
    "fileTechniqueAtInstitution": (
        'mutation { fileTechniqueAtInstitution(input: {id: "VGVjaG5pcXVlQWRtaXNzaW9uOjk5OTk5", '
        'expectedVersion: 1, filedOn: "2026-01-01", filingNumber: "x"}) '
        "{ userErrors { code } } }",
        ADMIN,
    ),
    "setTechniqueAdmissionStatus": (
        'mutation { setTechniqueAdmissionStatus(input: {id: "VGVjaG5pcXVlQWRtaXNzaW9uOjk5OTk5", '
        'expectedVersion: 1, status: SUSPENDED, reason: "x"}) { userErrors { code } } }',
        ADMIN,
    ),
    "grantTemporaryPrivilege": (
        "mutation { grantTemporaryPrivilege(input: {scope: PROCEDURE, "
        'practitionerStaffNo: "D0001", procedureCode: "47.0901", validFrom: "2090-01-01", '
        'reason: "急需"}) { userErrors { code } } }',
        ADMIN,
    ),
}
# A GROUP_ADMIN may do whatever an ADMIN may (issue 16).
OPERATIONS = {
    name: (document, allowed | {Role.GROUP_ADMIN})
    if isinstance(allowed, frozenset) and Role.ADMIN in allowed
    else (document, allowed)
    for name, (document, allowed) in OPERATIONS.items()
}


def test_every_operation_is_in_the_matrix() -> None:
    schema = build_schema()
    graphql_schema = schema._schema
    names = set(graphql_schema.query_type.fields)
    if graphql_schema.mutation_type:
        names |= set(graphql_schema.mutation_type.fields)
    assert names == set(OPERATIONS)


async def _fresh_privileges() -> dict[str, str]:
    """Privileges of the practitioner D0001 (department GS1) in each state, made anew."""
    from datetime import date

    from domain import privileges
    from domain.privileges import PrivilegeRequest
    from models import Practitioner
    from schema import ids

    doctor = await Practitioner.get(staff_no="D0001")
    made: dict[str, str] = {}
    year = 2030 + len(await privileges.Privilege.all())  # disjoint validity: no R12 clash
    for name in ("requested", "endorsed", "active", "suspended"):
        request = await privileges.request_privilege(
            factories.SYSTEM,
            PrivilegeRequest(
                scope="PROCEDURE",
                practitioner_id=doctor.id,
                procedure_code="47.0901",
                valid_from=date(year, 1, 1),
                valid_until=date(year, 12, 31),
            ),
        )
        year += 1
        current = request
        if name != "requested":
            current = await privileges.endorse_privilege(factories.SYSTEM, current.id, 1)
        if name in {"active", "suspended"}:
            current = await privileges.approve_privilege(
                factories.SYSTEM,
                current.id,
                2,
                privileges.Approval(decision=factories.committee_decision()),
            )
        if name == "suspended":
            current = await privileges.suspend_privilege(factories.SYSTEM, current.id, 3, "x")
        made[name] = ids.encode("Privilege", current.id)
    made.update(await _fresh_techniques())
    made.update(await _fresh_reviews())
    return made


async def _fresh_reviews() -> dict[str, str]:
    """A PENDING and a SUBMITTED evaluation, and an unreviewed emergency override."""
    from datetime import date

    from domain import cases, reviews
    from domain.cases import CaseInput
    from domain.reviews import ManualMetrics, Selection
    from models import Evaluation, Practitioner, ReviewCycle
    from schema import ids

    doctor = await Practitioner.get(staff_no="D0001")
    n = await ReviewCycle.all().count()
    await factories.grant(
        doctor, valid_from=date(2100 + n, 1, 1), valid_until=date(2100 + n, 12, 31)
    )
    cycle = await reviews.open_review_cycle(
        factories.SYSTEM,
        name=f"fixture {n}",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        due_on=date(2026, 7, 31),
        selection=Selection(scope="PROCEDURE"),
    )
    pending, submitted = (await Evaluation.filter(cycle_id=cycle.id).order_by("-id"))[:2]
    await reviews.submit_evaluation(
        factories.SYSTEM,
        submitted.id,
        1,
        metrics=ManualMetrics(case_count=5),
        recommendation="续期",
    )
    case = await cases.record_case(
        factories.SYSTEM,
        CaseInput(
            external_ref=f"fixture-{n}",
            practitioner_staff_no="D0001",
            procedure_code="47.0901",
            performed_on=date(2026, 11, 20),
            emergency=True,
        ),
    )
    from models import EmergencyOverride

    override = await EmergencyOverride.get(case_record_id=case.id)
    return {
        "e_pending": ids.encode("Evaluation", pending.id),
        "e_submitted": ids.encode("Evaluation", submitted.id),
        "override": ids.encode("EmergencyOverride", override.id),
    }


async def _fresh_techniques() -> dict[str, str]:
    """Restricted techniques in each state, made anew through the domain."""
    from datetime import date

    from domain import techniques
    from domain.techniques import TechniqueApproval
    from models import Technique
    from schema import ids

    made: dict[str, str] = {}
    base = await Technique.all().count()
    for offset, name in enumerate(("proposed", "approved", "in_use", "suspended")):
        technique = await techniques.create_technique(
            factories.SYSTEM,
            code=f"XZ-{base + offset}",
            name="肿瘤消融治疗技术",
            category="RESTRICTED_NATIONAL",
        )
        if name != "proposed":
            technique = await techniques.approve_technique(
                factories.SYSTEM,
                technique.id,
                1,
                TechniqueApproval(
                    decision=factories.committee_decision(),
                    lead_staff_no="D0001",
                    ethics_approval_ref="E-1",
                ),
            )
        if name in {"in_use", "suspended"}:
            technique = await techniques.record_first_clinical_use(
                factories.SYSTEM, technique.id, 2, date(2026, 11, 2)
            )
        if name == "suspended":
            technique = await techniques.suspend_technique(factories.SYSTEM, technique.id, 3, "x")
        made[f"t_{name}"] = ids.encode("Technique", technique.id)
    return made


async def _tokens() -> dict[Role, str]:
    practitioner = await factories.practitioner("D0001")
    await factories.procedure()
    tokens: dict[Role, str] = {}
    for role in Role:
        if role is Role.SCHEDULER:
            key = await auth.create_api_key(factories.SYSTEM, name="or", roles=["SCHEDULER"])
            assert key.secret
            tokens[role] = key.secret
            continue
        extra: dict[str, Any] = {}
        if role is Role.DEPARTMENT_HEAD:
            extra["department_codes"] = ["GS1"]
        if role is Role.PRACTITIONER:
            extra["practitioner_staff_no"] = practitioner.staff_no
        tokens[role] = await factories.token_for(role.value.lower(), [role.value], **extra)
    return tokens


def _refused(body: dict[str, Any], name: str) -> bool:
    for error in body.get("errors") or []:
        if error.get("extensions", {}).get("code") in {"FORBIDDEN", "UNAUTHENTICATED"}:
            return True
    payload = (body.get("data") or {}).get(name)
    if isinstance(payload, dict):
        codes = {e["code"] for e in payload.get("userErrors") or []}
        return bool(codes & {"FORBIDDEN", "UNAUTHENTICATED"})
    return False


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
async def test_role_matrix(client: httpx.AsyncClient, operation: str) -> None:
    from models import ApiKey, Department, Practitioner
    from schema import ids

    world = await factories.hospital()
    tokens = await _tokens()
    document, allowed = OPERATIONS[operation]
    counter = iter(range(1, 100))
    for role in [*Role, None]:
        practitioner = await Practitioner.get(staff_no="D0001")
        department = await Department.get(code="GS1")
        key = await ApiKey.all().first()
        assert key is not None
        filled = (
            document.replace("{site_id}", ids.encode("Site", world["site"].id))
            .replace("{dept_id}", ids.encode("Department", department.id))
            .replace("{dept_version}", str(department.version))
            .replace("{practitioner_id}", ids.encode("Practitioner", practitioner.id))
            .replace("{practitioner_version}", str(practitioner.version))
            .replace("{key_id}", ids.encode("ApiKey", key.id))
        )
        for name, value in (await _fresh_privileges()).items():
            filled = filled.replace("{" + name + "}", value)
        n = next(counter)
        filled = filled.replace("{n:04d}", f"{n:04d}").replace("{n}", str(n))
        token = tokens[role] if role else None
        body = await gql(client, filled, token=token)
        refused = _refused(body, operation)
        if allowed == PUBLIC:
            expected_ok = True
        elif role is None:
            expected_ok = False
        else:
            assert isinstance(allowed, frozenset)
            expected_ok = role in allowed
        assert refused == (not expected_ok), (operation, role, body)
        if expected_ok and role is not None and operation != "login":
            assert "errors" not in body, (operation, role, body)
