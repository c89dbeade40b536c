"""A hand-built quarter (2026 Q3) of cases whose every indicator is known (issue 17).

Practitioners: A (D0001, GS1) holds general surgery up to grade 3, 52.7001 (grade 4) and
day surgery; B (D0002, GS1) holds nothing; C (D0003, GS2) holds general surgery up to
grade 3. Catalogue: 47.0901 g2 (day surgery), 51.2301 g3 and 51.2302 g3 (filed),
52.7001 g4 (filed), 52.7002 g4 (not filed), 50.2401 g3 of the restricted technique TA
(managed as grade 4).

| # | who | code | date | notes |
|---|---|---|---|---|
| 1 | A | 47.0901 | 07-01 | day surgery |
| 2 | A | 51.2301 | 07-02 | complication; 09:00-10:00; planned A |
| 3 | A | 52.7001 | 07-02 | MDT before order and consent; 09:30-11:00 (overlaps #2); planned A |
| 4 | A | 52.7001 | 08-05 | MDT after the order (not done); death, complication; 09-10; planned B |
| 5 | B | 51.2301 | 08-06 | out of privilege; death |
| 6 | B | 52.7001 | 08-07 | emergency -> override, reviewed UNJUSTIFIED |
| 7 | C | 52.7001 | 09-01 | emergency -> override, reviewed JUSTIFIED |
| 8 | C | 50.2401 | 09-02 | restricted technique, not admitted: out of privilege; MDT; death |
| 9 | C | 47.0901 | 09-03 | inpatient |
| 10 | A | 51.2301 | 09-04 | 14:00-15:00; planned A |
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain import cases, techniques
from domain.cases import CaseInput
from domain.quality.case_facts import CaseFacts
from models import EmergencyOverride, Procedure, Technique
from tests import factories
from tests.factories import SYSTEM

SH = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SH)


async def build() -> dict[str, Any]:
    world: dict[str, Any] = await factories.hospital()
    a = await factories.practitioner("D0001")
    b = await factories.practitioner("D0002")
    c = await factories.practitioner("D0003", department_code="GS2")
    await factories.procedure("47.0901", grade=2, day_surgery=True)
    for code, grade in (("51.2301", 3), ("51.2302", 3), ("52.7001", 4), ("52.7002", 4)):
        await factories.procedure(code, grade=grade, name=f"术式 {code}")
    await techniques.create_technique(
        SYSTEM, code="TA", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    await techniques.create_technique(
        SYSTEM, code="TB", name="放射性粒子植入治疗技术", category="RESTRICTED_NATIONAL"
    )
    await factories.procedure("50.2401", grade=3, name="肝肿瘤射频消融术", technique_code="TA")
    await Procedure.filter(code__in=["51.2301", "51.2302", "52.7001"]).update(filed=True)
    await factories.grant(a, "SURGERY_GRADE", procedure_code=None, specialty_code="GS", max_grade=3)
    await factories.grant(a, "PROCEDURE", procedure_code="52.7001")
    await factories.grant(a, "DAY_SURGERY", procedure_code=None)
    await factories.grant(c, "SURGERY_GRADE", procedure_code=None, specialty_code="GS", max_grade=3)

    def case(n: int, staff: str, code: str, day: date, **kw: Any) -> CaseInput:
        facts = kw.pop("facts", CaseFacts())
        return CaseInput(
            external_ref=f"Q{n}",
            practitioner_staff_no=staff,
            procedure_code=code,
            performed_on=day,
            facts=facts,
            **kw,
        )

    jul1, jul2 = date(2026, 7, 1), date(2026, 7, 2)
    aug5, aug6, aug7 = date(2026, 8, 5), date(2026, 8, 6), date(2026, 8, 7)
    sep1, sep2, sep3, sep4 = (date(2026, 9, d) for d in (1, 2, 3, 4))
    inputs = [
        case(1, "D0001", "47.0901", jul1, setting="DAY_SURGERY"),
        case(
            2,
            "D0001",
            "51.2301",
            jul2,
            complication=True,
            facts=CaseFacts(
                started_at=at(jul2, 9), ended_at=at(jul2, 10), planned_operator_staff_no="D0001"
            ),
        ),
        case(
            3,
            "D0001",
            "52.7001",
            jul2,
            facts=CaseFacts(
                started_at=at(jul2, 9, 30),
                ended_at=at(jul2, 11),
                planned_operator_staff_no="D0001",
                mdt_discussed_at=at(date(2026, 6, 30), 15),
                ordered_at=at(date(2026, 7, 1), 9),
                consent_at=at(date(2026, 7, 1), 16),
                mdt_participant_staff_nos=["D0002", "D0003"],
                mdt_participant_departments=["ORTH1"],
            ),
        ),
        case(
            4,
            "D0001",
            "52.7001",
            aug5,
            death=True,
            complication=True,
            facts=CaseFacts(
                started_at=at(aug5, 9),
                ended_at=at(aug5, 10),
                planned_operator_staff_no="D0002",
                mdt_discussed_at=at(date(2026, 8, 4), 17),
                ordered_at=at(date(2026, 8, 4), 9),
            ),
        ),
        case(5, "D0002", "51.2301", aug6, death=True),
        case(6, "D0002", "52.7001", aug7, emergency=True),
        case(7, "D0003", "52.7001", sep1, emergency=True),
        case(8, "D0003", "50.2401", sep2, mdt_discussed=True, death=True),
        case(9, "D0003", "47.0901", sep3),
        case(
            10,
            "D0001",
            "51.2301",
            sep4,
            facts=CaseFacts(
                started_at=at(sep4, 14), ended_at=at(sep4, 15), planned_operator_staff_no="D0001"
            ),
        ),
    ]
    world["cases"] = [await cases.record_case(SYSTEM, item) for item in inputs]
    overrides = {o.case_record_id: o for o in await EmergencyOverride.all()}  # type: ignore[attr-defined]
    six, seven = world["cases"][5], world["cases"][6]
    o6, o7 = overrides[six.id], overrides[seven.id]
    await cases.review_emergency_override(SYSTEM, o6.id, o6.version, "UNJUSTIFIED", "无急诊指征")
    await cases.review_emergency_override(SYSTEM, o7.id, o7.version, "JUSTIFIED", "急诊抢救")
    # Filings: TA due 08-20, filed late 08-25; TB due 09-10, filed on time 09-01.
    await Technique.filter(code="TA").update(
        filing_due_on=date(2026, 8, 20), filed_on=date(2026, 8, 25), filed_late=True
    )
    await Technique.filter(code="TB").update(
        filing_due_on=date(2026, 9, 10), filed_on=date(2026, 9, 1)
    )
    world.update(a=a, b=b, c=c)
    return world
