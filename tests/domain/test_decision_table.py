"""SPEC section 4, table-driven over the demo hospital: each row names a practitioner of
the demo's privilege story (domain/demo.py), a question, and the full set of reason codes
expected. Every BLOCKING code of the spec appears at least once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain import clock, demo
from domain import decision as decisions
from domain.decision import CheckInput, Setting, Severity
from tests.factories import SYSTEM

IN, DAY = Setting.INPATIENT, Setting.DAY_SURGERY
MDT = "MDT_REQUIRED"
# (staff no, procedure, setting, extra input, allowed, reason codes)
TABLE: list[tuple[str, str, Setting, dict[str, Any], bool, set[str]]] = [
    ("D0001", "47.0901", IN, {}, True, set()),
    ("D0001", "51.2301", IN, {}, False, {"NO_PRIVILEGE"}),
    ("D0001", "43.7x00", IN, {}, True, set()),
    ("D0001", "43.9901", IN, {}, False, {"GRADE_TOO_LOW", MDT}),
    ("D0001", "52.7x00", IN, {}, True, {MDT}),
    ("D0001", "47.0901", DAY, {}, True, set()),
    ("D0001", "43.7x00", DAY, {}, False, {"NOT_DAY_SURGERY_PROCEDURE"}),
    ("D0001", "99.9999", IN, {}, False, {"PROCEDURE_NOT_FOUND"}),
    ("D0001", "47.0901", IN, {"site_code": "EAST"}, False, {"NO_PRIVILEGE"}),
    ("D0001", "47.0901", IN, {"site_code": "WEST"}, False, {"SITE_NOT_FOUND"}),
    ("D0001", "64.5x00", IN, {}, False, {"TECHNIQUE_NOT_ADMITTED", "NO_TECHNIQUE_PRIVILEGE", MDT}),
    ("D0001", "44.3802", IN, {}, False, {"NO_TECHNIQUE_PRIVILEGE", "NO_PRIVILEGE"}),
    ("D0002", "47.0901", IN, {}, True, set()),
    ("D0002", "47.0901", DAY, {}, False, {"DEPARTMENT_NOT_DAY_SURGERY"}),
    ("D0002", "43.7x00", IN, {}, False, {"GRADE_TOO_LOW"}),
    ("D0002", "52.7x00", IN, {}, False, {"NO_TECHNIQUE_PRIVILEGE", "GRADE_TOO_LOW", MDT}),
    ("D0016", "47.0901", IN, {}, False, {"SUPERVISOR_REQUIRED"}),
    ("D0016", "47.0901", IN, {"supervisor_staff_no": "D0001"}, True, {"SUPERVISION_REQUIRED"}),
    ("D0016", "47.0901", IN, {"supervisor_staff_no": "D0002"}, True, {"SUPERVISION_REQUIRED"}),
    ("D0016", "47.0901", IN, {"supervisor_staff_no": "D0004"}, False, {"SUPERVISOR_REQUIRED"}),
    (
        "D0016",
        "47.0901",
        IN,
        {"emergency": True},
        True,
        {"SUPERVISOR_REQUIRED", "EMERGENCY_OVERRIDE"},
    ),
    ("D0003", "51.2301", IN, {}, True, {"EXPIRES_SOON"}),
    ("D0003", "51.2301", IN, {"days": 25}, False, {"PRIVILEGE_EXPIRED"}),
    ("D0003", "51.2301", IN, {"days": -301}, False, {"PRIVILEGE_NOT_YET_VALID"}),
    ("D0003", "50.2301", IN, {}, True, {MDT}),
    ("D0003", "51.2301", DAY, {}, False, {"NO_DAY_SURGERY_PRIVILEGE"}),
    ("D0003", "51.2301", IN, {"days": -10_000}, False, {"PROCEDURE_NOT_IN_FORCE"}),
    ("D0003", "50.3x00", IN, {}, False, {"GRADE_TOO_LOW", MDT}),
    ("D0004", "81.5101", IN, {}, True, set()),
    ("D0004", "81.5301", IN, {}, False, {"PRIVILEGE_SUSPENDED", "GRADE_TOO_LOW", MDT}),
    ("D0004", "77.6101", IN, {}, False, {"NO_TECHNIQUE_PRIVILEGE", MDT}),
    ("D0005", "60.2901", IN, {}, False, {"PRIVILEGE_EXPIRED"}),
    (
        "D0005",
        "60.2901",
        IN,
        {"emergency": True},
        True,
        {"PRIVILEGE_EXPIRED", "EMERGENCY_OVERRIDE"},
    ),
    ("D0006", "32.4101", IN, {}, True, {MDT}),
    ("D0006", "32.2401", IN, {}, False, {"PRIVILEGE_REVOKED", MDT}),
    ("D0007", "36.1001", IN, {}, True, {MDT}),
    ("D0007", "37.6601", IN, {}, False, {"TECHNIQUE_SUSPENDED", MDT}),
    ("D0007", "39.6501", IN, {}, True, {MDT}),
    ("D0007", "39.6502", IN, {}, True, {MDT}),
    ("D0008", "01.5901", IN, {}, False, {"PRACTITIONER_INACTIVE", MDT}),
    ("D0008", "01.5901", IN, {"emergency": True}, False, {"PRACTITIONER_INACTIVE", MDT}),
    ("D0010", "13.4101", DAY, {}, True, set()),
    ("D0010", "11.6001", IN, {}, False, {"TECHNIQUE_FILING_OVERDUE", MDT}),
    # R22: in an emergency an overdue filing is a REQUIREMENT, not a stop.
    ("D0010", "11.6001", IN, {"emergency": True}, True, {"TECHNIQUE_FILING_OVERDUE", MDT}),
    ("D0010", "14.7401", IN, {}, False, {"GRADE_TOO_LOW"}),
    ("D0012", "41.0501", IN, {}, True, {MDT}),
    ("D0013", "92.2701", IN, {}, True, {MDT}),
    ("D0013", "92.2401", IN, {}, False, {"TECHNIQUE_NOT_ADMITTED", MDT}),
    ("D0013", "92.2703", IN, {}, False, {"TECHNIQUE_STOPPED", "NO_TECHNIQUE_PRIVILEGE", MDT}),
    ("D0049", "80.2601", IN, {}, False, {"LICENCE_EXPIRED"}),
    ("D0050", "47.0901", IN, {}, False, {"PRACTITIONER_INACTIVE", "NO_PRIVILEGE"}),
    ("NOPE", "47.0901", IN, {}, False, {"PRACTITIONER_NOT_FOUND"}),
    # The demo group (issue 16): registrations, coded scope, per-institution admission.
    (
        "D0001",
        "47.0901",
        IN,
        {"site_code": "CTY1-MAIN"},
        False,
        {"NOT_REGISTERED_AT_INSTITUTION", "NO_PRIVILEGE"},
    ),
    ("V0001", "47.0901", IN, {"site_code": "CTY1-MAIN"}, True, set()),
    (
        "V0001",
        "47.0901",
        IN,
        {"site_code": "CTY1-MAIN", "days": 340},
        False,
        {"NOT_REGISTERED_AT_INSTITUTION", "PRIVILEGE_EXPIRED"},
    ),
    (
        "V0001",
        "47.0901",
        IN,
        {"site_code": "CTY2-MAIN"},
        False,
        {"NOT_REGISTERED_AT_INSTITUTION", "NO_PRIVILEGE"},
    ),
    ("V0001", "41.0501", IN, {"site_code": "CTY1-MAIN"}, True, {MDT}),
    (
        "V0001",
        "41.0401",
        IN,
        {"site_code": "CTY1-MAIN"},
        False,
        {"TECHNIQUE_NOT_ADMITTED", "NO_TECHNIQUE_PRIVILEGE", MDT},
    ),
    ("C0001", "47.0901", IN, {"site_code": "CTY1-MAIN"}, False, {"OUTSIDE_PRACTICE_SCOPE"}),
    (
        "C0001",
        "47.0901",
        IN,
        {"site_code": "CTY1-MAIN", "emergency": True},
        True,
        {"OUTSIDE_PRACTICE_SCOPE", "EMERGENCY_OVERRIDE"},
    ),
    ("T0001", "47.0901", IN, {}, False, {"SUPERVISOR_REQUIRED"}),
    ("T0001", "47.0901", IN, {"supervisor_staff_no": "D0001"}, True, {"SUPERVISION_REQUIRED"}),
    ("T0001", "47.0901", IN, {"site_code": "CTY2-MAIN"}, False, {"NO_PRIVILEGE"}),
]


@pytest.fixture
async def demo_hospital(db: None) -> None:
    report = await demo.seed_demo(SYSTEM, "correct horse battery staple")
    assert not report.skipped and report.privileges > 40


def test_the_table_covers_every_blocking_code() -> None:
    seen = set().union(*(codes for *_rest, codes in TABLE))
    blocking = {c.value for c in decisions.ReasonCode} - {
        "MDT_REQUIRED",
        "SUPERVISION_REQUIRED",
        "EMERGENCY_OVERRIDE",
        "EXPIRES_SOON",
        "REEVALUATION_OVERDUE",
        "TECHNIQUE_LEAD_INACTIVE",
        "CALENDAR_NOT_PUBLISHED",
    }
    assert blocking <= seen, blocking - seen
    assert len(TABLE) >= 40


async def test_decision_table_on_the_demo_hospital(demo_hospital: None) -> None:
    today = clock.today()
    checks = []
    for staff_no, code, setting, extra, _allowed, _codes in TABLE:
        extra = dict(extra)
        on = today + timedelta(days=extra.pop("days", 0))
        checks.append(
            CheckInput(
                practitioner_staff_no=staff_no, procedure_code=code, on=on, setting=setting, **extra
            )
        )
    answers = await decisions.check_many(SYSTEM, checks)
    failures = []
    for row, answer in zip(TABLE, answers, strict=True):
        staff_no, code, setting, extra, allowed, codes = row
        got = {r.code.value for r in answer.reasons}
        if got != codes or answer.allowed != allowed:
            failures.append(
                (
                    staff_no,
                    code,
                    setting.value,
                    extra,
                    allowed,
                    sorted(codes),
                    answer.allowed,
                    sorted(got),
                )
            )
        assert answer.allowed == (not any(r.severity is Severity.BLOCKING for r in answer.reasons))
    assert failures == [], "\n".join(map(str, failures))


async def test_decision_table_after_a_suspension_and_a_lead_suspended(
    demo_hospital: None,
) -> None:
    """The new reasons on the demo hospital: a suspended privilege blocks whatever else
    covers (R13), a lead who is suspended warns on the technique's decisions (R23), an
    overdue filing in an emergency is a requirement (R22)."""
    from domain import organisation, privileges
    from domain.organisation import PractitionerInput
    from models import Practitioner, Privilege

    today = clock.today()

    async def answer(staff_no: str, code: str, **extra: Any) -> decisions.Decision:
        return await decisions.check_one(
            SYSTEM,
            CheckInput(practitioner_staff_no=staff_no, procedure_code=code, on=today, **extra),
        )

    before = await answer("D0004", "81.5101")
    assert before.allowed and before.basis_ids
    held = await Privilege.get(id=before.basis_ids[0])
    await privileges.suspend_privilege(SYSTEM, held.id, held.version, "不良事件调查")
    after = await answer("D0004", "81.5101")
    blocking = {r.code.value for r in after.reasons if r.severity is Severity.BLOCKING}
    assert not after.allowed and blocking == {"PRIVILEGE_SUSPENDED"}

    lead = await Practitioner.get(staff_no="D0001")
    await organisation.update_practitioner(
        SYSTEM, lead.id, lead.version, PractitionerInput(status="SUSPENDED"), reason="停职"
    )
    flagged = await answer("D0013", "92.2701")
    assert flagged.allowed
    assert {r.code.value: r.severity for r in flagged.reasons} == {
        MDT: Severity.REQUIREMENT,
        "TECHNIQUE_LEAD_INACTIVE": Severity.WARNING,
    }
    urgent = await answer("D0010", "11.6001", emergency=True)
    severities = {r.code.value: r.severity for r in urgent.reasons}
    assert urgent.allowed and severities["TECHNIQUE_FILING_OVERDUE"] is Severity.REQUIREMENT
