"""A realistic demo hospital (`credreg seed-demo`): departments, specialties, 50
practitioners of every title, ~200 graded procedures and the national restricted
techniques, plus one user per role. Data files live in domain/demo/."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources

from domain import auth, catalogue, clock, institutions, organisation, privileges, techniques
from domain.actors import Actor
from domain.calendar import load_official_calendar
from domain.committee import CommitteeInput
from domain.organisation import PractitionerInput
from models import Department, Practitioner, Site, Specialty, Technique

TITLES = ["RESIDENT"] * 14 + ["ATTENDING"] * 16 + ["ASSOCIATE_CHIEF"] * 12 + ["CHIEF"] * 8
DEMO_USERS = [
    ("head.gs", ["DEPARTMENT_HEAD"], "GS1"),
    ("committee", ["COMMITTEE"], None),
    ("auditor", ["AUDITOR"], None),
    ("doctor", ["PRACTITIONER"], None),
]


def read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("domain").joinpath(f"demo/{name}").read_text("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "y", "是"}


@dataclass
class DemoReport:
    skipped: bool = False
    specialties: int = 0
    departments: int = 0
    practitioners: int = 0
    procedures: int = 0
    techniques: int = 0
    users: list[str] = field(default_factory=list)
    api_key: str | None = None
    privileges: int = 0
    institutions: list[str] = field(default_factory=list)


async def seed_demo(actor: Actor, user_password: str, seed: int = 7) -> DemoReport:
    """Seed once; a second run changes nothing and says so."""
    report = DemoReport()
    if await Specialty.exists():
        report.skipped = True
        return report
    rng = random.Random(seed)
    if not await Site.exists():
        await organisation.create_site(actor, code="MAIN", name="总院")
    await organisation.create_site(actor, code="EAST", name="东院区")

    for row in read_csv("specialties.csv"):
        await organisation.create_specialty(actor, code=row["code"], name=row["name"])
        report.specialties += 1
    departments = read_csv("departments.csv")
    for row in departments:
        await organisation.create_department(
            actor,
            code=row["code"],
            name=row["name"],
            day_surgery_approved=_truthy(row["day_surgery_approved"]),
        )
        report.departments += 1
    for row in read_csv("techniques.csv"):
        await techniques.create_technique(
            actor, code=row["code"], name=row["name"], category=row["category"]
        )
        report.techniques += 1
    for row in read_csv("procedures.csv"):
        await catalogue.create_procedure(
            actor,
            code=row["code"],
            name=row["name"],
            grade_value=int(row["grade"]),
            specialty_code=row["specialty"],
            day_surgery=_truthy(row["day_surgery"]),
            technique_code=row["technique_code"] or None,
        )
        report.procedures += 1

    names = read_csv("names.csv")
    surnames = [r["surname"] for r in names if r["surname"]]
    givens = [r["given"] for r in names if r["given"]]
    titles = TITLES[:]
    rng.shuffle(titles)
    today = clock.today()
    for index, title in enumerate(titles, start=1):
        department = departments[(index - 1) % len(departments)]
        licence_until = today + timedelta(days=rng.randint(200, 2000))
        if index == 49:
            licence_until = today - timedelta(days=10)  # an expired licence to find
        await organisation.create_practitioner(
            actor,
            PractitionerInput(
                staff_no=f"D{index:04d}",
                name=rng.choice(surnames) + rng.choice(givens),
                title=title,
                department_code=department["code"],
                specialty_code=department["specialty_code"],
                licence_no=f"1101{rng.randint(10**10, 10**11 - 1)}",
                licence_valid_until=licence_until,
                practice_scope="外科专业",
                status="LEFT" if index == 50 else "ACTIVE",
                national_id=_national_id(
                    rng, date(1965, 1, 1) + timedelta(days=rng.randint(0, 9000))
                ),
            ),
        )
        report.practitioners += 1

    for username, roles, dept in DEMO_USERS:
        staff_no = "D0001" if "PRACTITIONER" in roles else None
        await auth.create_user(
            actor,
            username=username,
            password=user_password,
            roles=roles,
            department_codes=[dept] if dept else None,
            practitioner_staff_no=staff_no,
        )
        report.users.append(username)
    key = await auth.create_api_key(actor, name="demo OR scheduler", roles=["SCHEDULER"])
    report.api_key = key.secret
    # R22: the official holiday calendar before any filing deadline is computed.
    await load_official_calendar(actor)
    await _technique_story(actor, today)
    report.privileges = await _privilege_story(actor, today, rng)
    report.institutions = await _group_story(actor, user_password, today)
    report.users += ["admin.cty1", "group.admin"]
    return report


# The demo group (issue 16): the lead hospital (the default institution, campuses MAIN and
# EAST) and two county member hospitals of a 医联体.
MEMBERS = [
    ("CTY1", "示范县人民医院", "CTY1-MAIN", "县医院本部", "CTY1-GS", "普外科"),
    ("CTY2", "示范县中医医院", "CTY2-MAIN", "县中医院本部", "CTY2-GS", "外科"),
]


async def _group_story(actor: Actor, password: str, today: date) -> list[str]:
    """A visiting expert from the lead practising at a member under MULTI_SITE, a trainee
    (进修) from a member at the lead, a member's own surgeon whose coded scope is not
    surgery, a technique the member admitted and filed itself, and institution users."""
    await institutions.create_group(
        actor, code="DEMO-YLT", name="示范市城市医疗集团", kind="MEDICAL_ALLIANCE"
    )
    lead = await institutions.default_institution()
    await institutions.update_institution(
        actor,
        lead.id,
        lead.version,
        name="示范市第一人民医院",
        licence_no="PDY00001X11010512A1001",
        level="TERTIARY",
        group_code="DEMO-YLT",
        group_lead=True,
    )
    codes = [lead.code]
    for code, name, site, site_name, dept, dept_name in MEMBERS:
        await institutions.create_institution(
            actor,
            code=code,
            name=name,
            licence_no=f"PDY{code}X110105",
            level="SECONDARY",
            group_code="DEMO-YLT",
        )
        await organisation.create_site(actor, code=site, name=site_name, institution_code=code)
        await organisation.create_department(
            actor, code=dept, name=dept_name, site_code=site, day_surgery_approved=False
        )
        codes.append(code)
    await institutions.set_specialty_practice_scopes(actor, "GS", ["CLINICAL:SURGERY"])

    start = today - timedelta(days=30)
    expert = await _demo_person(actor, "V0001", "GS1", "VISITING_EXPERT", ["CLINICAL:SURGERY"])
    await institutions.create_registration(
        actor,
        institutions.RegistrationInput(
            expert.id, "CTY1", "MULTI_SITE", start, today + timedelta(days=335), "专家下沉"
        ),
    )
    await _grant_at(
        actor,
        expert,
        "CTY1-MAIN",
        {"scope": "SURGERY_GRADE", "specialty": "GS", "max_grade": 3},
        start,
    )
    await _grant_at(actor, expert, "CTY1-MAIN", {"scope": "TECHNIQUE", "technique": "XZ-01"}, start)
    # The member admits and files the lead's technique itself (备案 with its own authority).
    admission = await institutions.admit_technique(actor, "XZ-01", "CTY1", start, "医联体技术帮扶")
    await institutions.file_technique_admission(
        actor, admission.id, admission.version, start + timedelta(days=5), "县卫健委备-XZ-01"
    )
    trainee = await _demo_person(actor, "T0001", "CTY2-GS", "TRAINEE", ["CLINICAL:SURGERY"])
    await institutions.create_registration(
        actor,
        institutions.RegistrationInput(
            trainee.id, "MAIN", "TRAINEE", start, today + timedelta(days=150), "进修一年"
        ),
    )
    await _grant_at(
        actor,
        trainee,
        "MAIN",
        {"scope": "SURGERY_GRADE", "specialty": "GS", "max_grade": 2, "supervised": True},
        start,
    )
    member_surgeon = await _demo_person(
        actor, "C0001", "CTY1-GS", "STAFF", ["CLINICAL:INTERNAL_MEDICINE"]
    )
    await _grant_at(
        actor,
        member_surgeon,
        "CTY1-MAIN",
        {"scope": "SURGERY_GRADE", "specialty": "GS", "max_grade": 2},
        start,
    )
    await auth.create_user(
        actor, username="admin.cty1", password=password, roles=["ADMIN"], institution_codes=["CTY1"]
    )
    await auth.create_user(actor, username="group.admin", password=password, roles=["GROUP_ADMIN"])
    return codes


async def _demo_person(
    actor: Actor, staff_no: str, department: str, category: str, scopes: list[str]
) -> Practitioner:
    return await organisation.create_practitioner(
        actor,
        PractitionerInput(
            staff_no=staff_no,
            name={"V0001": "王建国", "T0001": "李进修", "C0001": "赵县医"}[staff_no],
            title="CHIEF" if staff_no == "V0001" else "ATTENDING",
            department_code=department,
            specialty_code="GS",
            licence_no=f"1101{staff_no}",
            practice_scope="临床类别 · 外科专业",
            category=category,
            practice_scope_codes=scopes,
        ),
    )


async def _grant_at(
    actor: Actor, practitioner: Practitioner, site: str, spec: dict[str, object], start: date
) -> None:
    requested = await privileges.request_privilege(
        actor,
        privileges.PrivilegeRequest(
            scope=str(spec["scope"]),
            practitioner_id=practitioner.id,
            site_code=site,
            specialty_code=spec.get("specialty"),  # type: ignore[arg-type]
            max_grade=spec.get("max_grade"),  # type: ignore[arg-type]
            technique_code=spec.get("technique"),  # type: ignore[arg-type]
            supervised_only=bool(spec.get("supervised", False)),
            valid_from=start,
        ),
    )
    endorsed = await privileges.endorse_privilege(actor, requested.id, requested.version)
    await privileges.approve_privilege(
        actor,
        endorsed.id,
        endorsed.version,
        privileges.Approval(
            decision=CommitteeInput(COMMITTEE, start, votes_for=7, minutes_ref="医联体-2026")
        ),
    )


COMMITTEE = "手术分级管理委员会"
TECHNIQUE_COMMITTEE = "医疗技术临床应用管理委员会"

# (technique, state, days since first clinical use) - the demo's technique register.
TECHNIQUE_STORY = [
    ("XZ-01", "FILED", 300),
    ("XZ-02", "FILED", 200),
    ("XZ-03", "FILED", 250),
    ("XZ-08", "FILED", 320),
    ("XZ-11", "FILED", 280),
    ("XZ-12", "FILED", 150),
    ("XZ-07", "IN_USE", 5),
    ("XZ-04", "IN_USE", 40),
    ("XZ-09", "SUSPENDED", 200),
    ("XZ-10", "STOPPED", 100),
    ("SXZ-01", "APPROVED", None),
    ("NEW-01", "APPROVED", None),
    ("NEW-02", "IN_USE", 60),
]

# Named practitioners whose privileges tell the demo's story (the rest follow their title).
PRIVILEGE_STORY: dict[str, list[dict[str, object]]] = {
    "D0001": [
        {"scope": "SURGERY_GRADE", "specialty": "GS", "max_grade": 3},
        {"scope": "PROCEDURE", "code": "52.7x00"},
        {"scope": "TECHNIQUE", "technique": "NEW-02"},
        {"scope": "DAY_SURGERY"},
    ],
    "D0016": [{"scope": "SURGERY_GRADE", "specialty": "GS", "max_grade": 2, "supervised": True}],
    "D0002": [
        {"scope": "SURGERY_GRADE", "specialty": "GS", "max_grade": 2},
        {"scope": "DAY_SURGERY"},
    ],
    "D0003": [
        {"scope": "SURGERY_GRADE", "specialty": "HPB", "max_grade": 3, "ends_in": 20},
        {"scope": "TECHNIQUE", "technique": "XZ-08"},
    ],
    "D0004": [
        {"scope": "SURGERY_GRADE", "specialty": "ORTH", "max_grade": 3},
        {"scope": "PROCEDURE", "code": "81.5301", "then": "suspend"},
    ],
    "D0005": [{"scope": "SURGERY_GRADE", "specialty": "URO", "max_grade": 3, "ends_in": -10}],
    "D0006": [
        {"scope": "PROCEDURE", "code": "32.4101"},
        {"scope": "TECHNIQUE", "technique": "XZ-08", "then": "revoke"},
    ],
    "D0007": [
        {"scope": "PROCEDURE", "code": "36.1001"},
        {"scope": "TECHNIQUE", "technique": "XZ-09"},
        {"scope": "TECHNIQUE", "technique": "XZ-11"},
    ],
    "D0008": [{"scope": "PROCEDURE", "code": "01.5901"}],
    "D0010": [
        {"scope": "SURGERY_GRADE", "specialty": "OPH", "max_grade": 2},
        {"scope": "DAY_SURGERY"},
        {"scope": "TECHNIQUE", "technique": "XZ-04"},
    ],
    "D0012": [{"scope": "TECHNIQUE", "technique": "XZ-01"}],
    "D0013": [
        {"scope": "TECHNIQUE", "technique": "XZ-07"},
        {"scope": "TECHNIQUE", "technique": "XZ-06"},
    ],
}
TITLE_GRADE = {"RESIDENT": 1, "ATTENDING": 2, "ASSOCIATE_CHIEF": 3, "CHIEF": 3}


async def _technique_story(actor: Actor, today: date) -> None:
    approved_on = today - timedelta(days=400)
    for code, state, first_use_days in TECHNIQUE_STORY:
        technique = await Technique.get(code=code)
        technique = await techniques.approve_technique(
            actor,
            technique.id,
            technique.version,
            techniques.TechniqueApproval(
                decision=CommitteeInput(
                    TECHNIQUE_COMMITTEE,
                    approved_on,
                    votes_for=9,
                    votes_abstain=1,
                    minutes_ref=f"技委-{code}",
                ),
                lead_staff_no="D0001",
                ethics_approval_ref=f"伦审-{code}",
            ),
        )
        if first_use_days is None:
            continue
        first_use = today - timedelta(days=first_use_days)
        technique = await techniques.record_first_clinical_use(
            actor, technique.id, technique.version, first_use
        )
        if state in {"FILED", "SUSPENDED", "STOPPED"} and code.startswith(("XZ", "SXZ")):
            technique = await techniques.file_technique(
                actor,
                technique.id,
                technique.version,
                filed_on=first_use + timedelta(days=10),
                filing_number=f"卫健委备-{code}",
            )
        if state == "SUSPENDED":
            await techniques.suspend_technique(
                actor, technique.id, technique.version, "严重不良事件，暂停开展"
            )
        elif state == "STOPPED":
            await techniques.stop_technique(
                actor, technique.id, technique.version, "设备退役，停止开展"
            )


async def _grant(
    actor: Actor, practitioner: Practitioner, spec: dict[str, object], today: date
) -> None:
    scope = str(spec["scope"])
    ends_in = int(spec.get("ends_in", 400))  # type: ignore[call-overload]
    valid_from = today - timedelta(days=300)
    valid_until = today + timedelta(days=ends_in)
    requested = await privileges.request_privilege(
        actor,
        privileges.PrivilegeRequest(
            scope=scope,
            practitioner_id=practitioner.id,
            specialty_code=spec.get("specialty"),  # type: ignore[arg-type]
            max_grade=spec.get("max_grade"),  # type: ignore[arg-type]
            procedure_code=spec.get("code"),  # type: ignore[arg-type]
            technique_code=spec.get("technique"),  # type: ignore[arg-type]
            supervised_only=bool(spec.get("supervised", False)),
            valid_from=valid_from,
            valid_until=valid_until,
        ),
    )
    endorsed = await privileges.endorse_privilege(actor, requested.id, requested.version)
    granted = await privileges.approve_privilege(
        actor,
        endorsed.id,
        endorsed.version,
        privileges.Approval(
            decision=CommitteeInput(
                COMMITTEE, valid_from, votes_for=7, votes_abstain=1, minutes_ref="2025-12"
            )
        ),
    )
    if spec.get("then") == "suspend":
        await privileges.suspend_privilege(actor, granted.id, granted.version, "并发症调查中")
    elif spec.get("then") == "revoke":
        await privileges.revoke_privilege(actor, granted.id, granted.version, "严重不良事件")


async def _privilege_story(actor: Actor, today: date, rng: random.Random) -> int:
    count = 0
    departments = {d.id: d for d in await Department.all()}
    for practitioner in await Practitioner.all().order_by("id"):
        if practitioner.status != "ACTIVE":
            continue
        story = PRIVILEGE_STORY.get(practitioner.staff_no)
        if story is None:
            specialty = await Specialty.get_or_none(id=practitioner.specialty_id)  # type: ignore[attr-defined]
            if specialty is None:
                continue
            story = [
                {
                    "scope": "SURGERY_GRADE",
                    "specialty": specialty.code,
                    "max_grade": TITLE_GRADE[practitioner.title],
                    "supervised": practitioner.title == "RESIDENT" and rng.random() < 0.5,
                }
            ]
            department = departments[practitioner.department_id]  # type: ignore[attr-defined]
            if department.day_surgery_approved and practitioner.title != "RESIDENT":
                story.append({"scope": "DAY_SURGERY"})
        for spec in story:
            await _grant(actor, practitioner, spec, today)
            count += 1
    suspended = await Practitioner.get(staff_no="D0008")
    await organisation.update_practitioner(
        actor,
        suspended.id,
        suspended.version,
        PractitionerInput(status="SUSPENDED"),
        reason="停职调查",
    )
    return count


def _national_id(rng: random.Random, born: date) -> str:
    from domain.validation import _ID_CHECK, _ID_WEIGHTS

    body = f"110105{born:%Y%m%d}{rng.randint(100, 999)}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]
