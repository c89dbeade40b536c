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

from domain import auth, catalogue, clock, organisation, techniques
from domain.actors import Actor
from domain.organisation import PractitionerInput
from models import Site, Specialty

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
    return report


def _national_id(rng: random.Random, born: date) -> str:
    from domain.validation import _ID_CHECK, _ID_WEIGHTS

    body = f"110105{born:%Y%m%d}{rng.randint(100, 999)}"
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]
