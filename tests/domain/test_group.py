"""Issue 16, the hospital group: institutions and campuses, practice registrations
(多机构执业), coded practice scope, technique admission per institution, trainees,
visiting experts and temporary privileges, and role scoping across institutions
(docs/rules.md R50-R56)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from domain import auth, institutions, organisation, privileges, reviews, techniques
from domain import decision as decisions
from domain.committee import CommitteeInput
from domain.decision import CheckInput, Severity
from domain.errors import DomainError, ErrorCode
from domain.institutions import RegistrationInput
from domain.organisation import PractitionerFilter, PractitionerInput
from domain.privileges import PrivilegeFilter, PrivilegeRequest
from models import Evaluation, PracticeRegistration, Privilege, Site, TechniqueAdmission
from tests import factories
from tests.factories import SYSTEM

ON = date(2026, 12, 1)


def codes(decision: decisions.Decision) -> set[str]:
    return {r.code.value for r in decision.reasons}


def blocking(decision: decisions.Decision) -> set[str]:
    return {r.code.value for r in decision.reasons if r.severity is Severity.BLOCKING}


async def check(staff_no: str, site: str | None = None, code: str = "47.0901", **kw: Any) -> Any:
    return await decisions.check_one(
        SYSTEM,
        CheckInput(
            practitioner_staff_no=staff_no,
            procedure_code=code,
            on=kw.pop("on", ON),
            site_code=site,
            **kw,
        ),
    )


@pytest.fixture
async def group(db: None) -> dict[str, Any]:
    """The default institution (campuses MAIN and EAST) leads a group with one county
    member CTY (campus CTY-MAIN, department CTY-GS)."""
    data = await factories.hospital()
    await factories.site("EAST", "东院区")
    await institutions.create_group(SYSTEM, code="G1", name="城市医疗集团")
    lead = await institutions.default_institution()
    await institutions.update_institution(
        SYSTEM, lead.id, lead.version, group_code="G1", group_lead=True
    )
    data["cty"] = await institutions.create_institution(
        SYSTEM, code="CTY", name="县人民医院", level="SECONDARY", group_code="G1"
    )
    await organisation.create_site(SYSTEM, code="CTY-MAIN", name="县医院", institution_code="CTY")
    await organisation.create_department(SYSTEM, code="CTY-GS", name="普外科", site_code="CTY-MAIN")
    data["doctor"] = await factories.practitioner("D0001")
    data["county"] = await factories.practitioner("C0001", department_code="CTY-GS")
    await factories.procedure("47.0901", grade=2)
    return data


async def register(
    practitioner: Any,
    institution: str,
    start: date,
    end: date | None = None,
    kind: str = "MULTI_SITE",
) -> PracticeRegistration:
    return await institutions.create_registration(
        SYSTEM, RegistrationInput(practitioner.id, institution, kind, start, end)
    )


# --- institutions and campuses ----------------------------------------------------------


async def test_default_setup_one_institution_holds_every_site(group: dict) -> None:
    main = await Site.get(code="MAIN")
    default = await institutions.default_institution()
    assert main.institution_id == default.id and default.code == "MAIN"  # type: ignore[attr-defined]
    assert (await Site.get(code="EAST")).institution_id == default.id  # type: ignore[attr-defined]
    assert (await Site.get(code="CTY-MAIN")).institution_id == group["cty"].id  # type: ignore[attr-defined]
    # A new practitioner is registered at their department's institution from the start.
    rows = await PracticeRegistration.filter(practitioner_id=group["county"].id)
    assert [(r.institution_id, r.kind, r.valid_from) for r in rows] == [  # type: ignore[attr-defined]
        (group["cty"].id, "PRIMARY", None)
    ]


async def test_institution_policy_is_inherited_by_campuses(group: dict) -> None:
    cty = group["cty"]
    await institutions.update_institution(
        SYSTEM,
        cty.id,
        cty.version,
        policy={"default_validity_months": 12, "reevaluation_months": 6},
    )
    site = await Site.get(code="CTY-MAIN")
    assert (site.default_validity_months, site.reevaluation_months) == (12, 6)
    window = privileges.validity_window(site, date(2026, 1, 1), None)
    assert window == (date(2026, 1, 1), date(2026, 12, 31))
    await organisation.create_site(
        SYSTEM, code="CTY-WEST", name="县医院西院", institution_code="CTY"
    )
    assert (await Site.get(code="CTY-WEST")).default_validity_months == 12


async def test_a_campus_with_privileges_cannot_move_and_nothing_changes(group: dict) -> None:
    await factories.grant(group["doctor"], site_code="EAST")
    east = await Site.get(code="EAST")
    with pytest.raises(DomainError) as refused:
        await institutions.move_site(SYSTEM, east.id, east.version, "CTY")
    assert refused.value.code is ErrorCode.CONFLICT
    after = await Site.get(code="EAST")
    assert after.institution_id == east.institution_id and after.version == east.version  # type: ignore[attr-defined]
    # A campus with no privileges moves.
    await organisation.create_site(SYSTEM, code="SPARE", name="备用院区")
    spare = await Site.get(code="SPARE")
    moved = await institutions.move_site(SYSTEM, spare.id, spare.version, "CTY")
    assert moved.institution_id == group["cty"].id  # type: ignore[attr-defined]


# --- R50 registrations --------------------------------------------------------------------


async def test_r50_not_registered_at_institution_blocks(group: dict) -> None:
    doctor = group["doctor"]
    # Granted ahead of the registration: allowed, but not usable there yet.
    await factories.grant(doctor, site_code="CTY-MAIN")
    decision = await check("D0001", "CTY-MAIN")
    assert not decision.allowed
    assert blocking(decision) == {"NOT_REGISTERED_AT_INSTITUTION"}
    await register(doctor, "CTY", date(2026, 11, 1), date(2026, 11, 30))
    assert "NOT_REGISTERED_AT_INSTITUTION" in blocking(await check("D0001", "CTY-MAIN"))
    assert (await check("D0001", "CTY-MAIN", on=date(2026, 11, 15))).allowed
    await register(doctor, "CTY", date(2026, 12, 1))
    assert (await check("D0001", "CTY-MAIN")).allowed
    # Both campuses of the home institution need no more than the primary registration.
    await factories.grant(doctor, site_code="EAST")
    assert (await check("D0001", "EAST")).allowed


async def test_r50_an_emergency_outside_the_registration_is_an_override(group: dict) -> None:
    await factories.grant(group["doctor"], site_code="CTY-MAIN")
    decision = await check("D0001", "CTY-MAIN", emergency=True)
    assert decision.allowed
    assert {"NOT_REGISTERED_AT_INSTITUTION", "EMERGENCY_OVERRIDE"} <= codes(decision)


async def test_r50_inverted_registration_dates_are_refused_and_change_nothing(group: dict) -> None:
    before = await PracticeRegistration.all().count()
    with pytest.raises(DomainError) as refused:
        await register(group["doctor"], "CTY", date(2026, 12, 1), date(2026, 11, 1))
    assert refused.value.code is ErrorCode.VALIDATION and refused.value.field == ["validUntil"]
    assert await PracticeRegistration.all().count() == before


# --- R51 practice scope -------------------------------------------------------------------


async def test_r51_outside_practice_scope_blocks_when_both_are_coded(group: dict) -> None:
    doctor = group["doctor"]
    await factories.grant(doctor)
    # Unmapped specialty: decided as before, and reported.
    assert (await check("D0001")).allowed
    unmapped = await institutions.unmapped_specialties(SYSTEM)
    assert {u.specialty.code for u in unmapped} >= {"GS", "ORTH"}
    await institutions.set_specialty_practice_scopes(SYSTEM, "GS", ["CLINICAL:SURGERY"])
    assert "GS" not in {u.specialty.code for u in await institutions.unmapped_specialties(SYSTEM)}
    # Uncoded scope (free text only): decided as before.
    assert (await check("D0001")).allowed
    doctor = await organisation.update_practitioner(
        SYSTEM,
        doctor.id,
        doctor.version,
        PractitionerInput(practice_scope_codes=["CLINICAL:INTERNAL_MEDICINE"]),
    )
    decision = await check("D0001")
    assert blocking(decision) == {"OUTSIDE_PRACTICE_SCOPE"}
    await organisation.update_practitioner(
        SYSTEM,
        doctor.id,
        doctor.version,
        PractitionerInput(practice_scope_codes=["CLINICAL:INTERNAL_MEDICINE", "CLINICAL:SURGERY"]),
    )
    assert (await check("D0001")).allowed


async def test_r51_an_unknown_scope_code_is_a_validation_error(group: dict) -> None:
    doctor = group["doctor"]
    with pytest.raises(DomainError) as refused:
        await organisation.update_practitioner(
            SYSTEM, doctor.id, doctor.version, PractitionerInput(practice_scope_codes=["外科"])
        )
    assert refused.value.code is ErrorCode.VALIDATION
    with pytest.raises(DomainError):
        await institutions.set_specialty_practice_scopes(SYSTEM, "GS", ["NOPE"])


# --- R52 technique admission per institution ---------------------------------------------


async def _filed_technique() -> Any:
    technique = await techniques.create_technique(
        SYSTEM, code="XZ-08", name="肿瘤消融治疗技术", category="RESTRICTED_NATIONAL"
    )
    technique = await techniques.approve_technique(
        SYSTEM,
        technique.id,
        technique.version,
        techniques.TechniqueApproval(
            decision=CommitteeInput("医疗技术临床应用管理委员会", date(2026, 1, 5), votes_for=9),
            lead_staff_no="D0001",
            ethics_approval_ref="伦审-1",
        ),
    )
    technique = await techniques.record_first_clinical_use(
        SYSTEM, technique.id, technique.version, date(2026, 2, 2)
    )
    return await techniques.file_technique(
        SYSTEM, technique.id, technique.version, filed_on=date(2026, 2, 10), filing_number="备-1"
    )


async def test_r52_admission_and_filing_are_per_institution(group: dict) -> None:
    await _filed_technique()
    await factories.procedure("50.2301", grade=3, technique_code="XZ-08", name="肝肿瘤消融术")
    doctor = group["doctor"]
    await register(doctor, "CTY", date(2026, 1, 1))
    for site in ("MAIN", "CTY-MAIN"):
        await factories.grant(doctor, "TECHNIQUE", technique_code="XZ-08", site_code=site)
    assert (await check("D0001", "MAIN", "50.2301")).allowed  # filed at the lead
    decision = await check("D0001", "CTY-MAIN", "50.2301")
    assert blocking(decision) == {"TECHNIQUE_NOT_ADMITTED"}
    admission = await institutions.admit_technique(SYSTEM, "XZ-08", "CTY", date(2026, 11, 1))
    assert (await check("D0001", "CTY-MAIN", "50.2301")).allowed
    # The member's own filing clock: overdue there only.
    admission = await TechniqueAdmission.get(id=admission.id)
    await TechniqueAdmission.filter(id=admission.id).update(filing_due_on=date(2026, 11, 20))
    decisions.CACHE.reset((-1, ""))  # a raw update is not audited: start afresh
    assert blocking(await check("D0001", "CTY-MAIN", "50.2301")) == {"TECHNIQUE_FILING_OVERDUE"}
    assert (await check("D0001", "MAIN", "50.2301")).allowed
    admission = await TechniqueAdmission.get(id=admission.id)
    admission = await institutions.file_technique_admission(
        SYSTEM, admission.id, admission.version, date(2026, 11, 25), "县卫健委备-1"
    )
    assert (await check("D0001", "CTY-MAIN", "50.2301")).allowed
    await institutions.set_admission_status(
        SYSTEM, admission.id, admission.version, "SUSPENDED", "不良事件"
    )
    assert blocking(await check("D0001", "CTY-MAIN", "50.2301")) == {"TECHNIQUE_SUSPENDED"}
    assert (await check("D0001", "MAIN", "50.2301")).allowed


async def test_r52_a_prohibited_technique_is_never_admitted(group: dict) -> None:
    await techniques.create_technique(SYSTEM, code="JZ-1", name="禁止类", category="PROHIBITED")
    with pytest.raises(DomainError) as refused:
        await institutions.admit_technique(SYSTEM, "JZ-1", "CTY", date(2026, 11, 1))
    assert refused.value.code is ErrorCode.VALIDATION
    assert await TechniqueAdmission.all().count() == 0


# --- R53 trainees ----------------------------------------------------------------------------


@pytest.mark.parametrize("category", ["TRAINEE", "RESIDENT_TRAINEE"])
async def test_r53_trainee_privileges_are_always_supervised(group: dict, category: str) -> None:
    trainee = await factories.practitioner("T0001", category=category)
    before = await Privilege.all().count()
    with pytest.raises(DomainError) as refused:
        await factories.grant(trainee)
    assert refused.value.code is ErrorCode.VALIDATION
    assert refused.value.field == ["supervisedOnly"]
    assert await Privilege.all().count() == before
    with pytest.raises(DomainError):
        await privileges.grant_temporary_privilege(
            SYSTEM,
            PrivilegeRequest(
                scope="PROCEDURE",
                practitioner_id=trainee.id,
                procedure_code="47.0901",
                valid_from=ON,
            ),
            "急需",
        )
    assert await Privilege.all().count() == before
    granted = await factories.grant(trainee, supervised_only=True)
    assert granted.supervised_only and granted.status == "ACTIVE"
    assert blocking(await check("T0001")) == {"SUPERVISOR_REQUIRED"}


# --- R54 temporary privileges ------------------------------------------------------------


def _temporary(practitioner: Any, **kw: Any) -> PrivilegeRequest:
    return PrivilegeRequest(
        scope="PROCEDURE",
        practitioner_id=practitioner.id,
        procedure_code="47.0901",
        valid_from=kw.pop("valid_from", date(2026, 11, 1)),
        **kw,
    )


async def test_r54_temporary_privileges_admin_alone_short_and_listed(group: dict) -> None:
    doctor = group["doctor"]
    granted = await privileges.grant_temporary_privilege(SYSTEM, _temporary(doctor), "外院专家急需")
    assert granted.status == "ACTIVE" and granted.temporary
    assert granted.valid_until == date(2026, 11, 1) + timedelta(days=89)  # policy: 90 days
    assert granted.temporary_reason == "外院专家急需" and granted.basis_id is None  # type: ignore[attr-defined]
    assert (await check("D0001")).allowed
    listed = await privileges.list_privileges(SYSTEM, PrivilegeFilter(temporary=True), None, None)
    assert [p.id for p in listed.items] == [granted.id]
    # Only ADMIN (MANAGE_PRIVILEGE): a committee member alone cannot.
    member = await factories.actor_for(await factories.user("member", ["COMMITTEE"]))
    with pytest.raises(DomainError) as refused:
        await privileges.grant_temporary_privilege(member, _temporary(doctor), "x")
    assert refused.value.code is ErrorCode.FORBIDDEN
    # A reason is required.
    with pytest.raises(DomainError):
        await privileges.grant_temporary_privilege(SYSTEM, _temporary(doctor), "")


async def test_r54_over_180_days_or_inverted_is_refused_and_changes_nothing(group: dict) -> None:
    doctor = group["doctor"]
    before = await Privilege.all().count()
    for until in (date(2026, 11, 1) + timedelta(days=180), date(2026, 10, 1)):
        with pytest.raises(DomainError) as refused:
            await privileges.grant_temporary_privilege(
                SYSTEM, _temporary(doctor, valid_until=until), "急需"
            )
        assert refused.value.code is ErrorCode.VALIDATION
    assert await Privilege.all().count() == before
    ok = await privileges.grant_temporary_privilege(
        SYSTEM, _temporary(doctor, valid_until=date(2026, 11, 1) + timedelta(days=179)), "急需"
    )
    assert ok.valid_until == date(2027, 4, 29)


async def test_r54_a_temporary_privilege_is_never_renewed_by_reevaluation(group: dict) -> None:
    temporary = await privileges.grant_temporary_privilege(
        SYSTEM, _temporary(group["doctor"]), "急需"
    )
    regular = await factories.grant(group["county"], site_code="CTY-MAIN")
    cycle = await reviews.open_review_cycle(
        SYSTEM,
        name="2026 年度",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        due_on=date(2027, 1, 31),
        selection=reviews.Selection(),
    )
    selected = {
        e.privilege_id  # type: ignore[attr-defined]
        for e in await Evaluation.filter(cycle_id=cycle.id)
    }
    assert regular.id in selected and temporary.id not in selected


# --- R55 visiting experts ------------------------------------------------------------------


async def test_r55_a_visiting_experts_privileges_end_with_the_registration(group: dict) -> None:
    expert = await factories.practitioner("V0001", category="VISITING_EXPERT")
    registration = await register(expert, "CTY", date(2026, 1, 1), date(2027, 3, 31))
    granted = await factories.grant(expert, site_code="CTY-MAIN", valid_until=date(2027, 12, 31))
    assert granted.valid_until == date(2027, 3, 31)  # capped at the registration's end
    at_home = await factories.grant(expert, site_code="MAIN", valid_until=date(2027, 12, 31))
    assert at_home.valid_until == date(2027, 12, 31)
    await institutions.end_registration(
        SYSTEM, registration.id, registration.version, date(2026, 12, 15), "协议提前终止"
    )
    ended = await Privilege.get(id=granted.id)
    assert ended.valid_until == date(2026, 12, 15) and ended.status == "ACTIVE"
    assert (await Privilege.get(id=at_home.id)).valid_until == date(2027, 12, 31)
    assert (await check("V0001", "CTY-MAIN", on=date(2026, 12, 15))).allowed
    late = await check("V0001", "CTY-MAIN", on=date(2026, 12, 16))
    assert {"NOT_REGISTERED_AT_INSTITUTION", "PRIVILEGE_EXPIRED"} <= blocking(late)


# --- R56 role scoping across institutions ----------------------------------------------------


async def _actor(name: str, roles: list[str], institutions_: list[str] | None, **kw: Any) -> Any:
    user = await auth.create_user(
        SYSTEM,
        username=name,
        password=factories.PASSWORD,
        roles=roles,
        institution_codes=institutions_,
        **kw,
    )
    return await factories.actor_for(user)


async def _visible(actor: Any) -> set[str]:
    page = await organisation.list_practitioners(actor, PractitionerFilter(), None, None)
    return {p.staff_no for p in page.items}


async def test_r56_every_role_across_two_institutions(group: dict) -> None:
    expert = await factories.practitioner("V0001", category="VISITING_EXPERT")
    await register(expert, "CTY", date(2026, 1, 1))
    everyone = {"D0001", "C0001", "V0001"}
    expected = {
        ("ADMIN", None): everyone,
        ("ADMIN", "CTY"): {"C0001", "V0001"},  # its staff and who is registered there
        ("ADMIN", "MAIN"): {"D0001", "V0001"},
        ("GROUP_ADMIN", None): everyone,
        ("GROUP_ADMIN", "CTY"): everyone,  # a group admin is never bound
        ("AUDITOR", None): everyone,
        ("AUDITOR", "CTY"): {"C0001", "V0001"},
        ("COMMITTEE", "MAIN"): {"D0001", "V0001"},
        ("DEPARTMENT_HEAD", None): {"C0001"},
        ("PRACTITIONER", None): {"D0001"},
    }
    for index, ((role, institution), visible) in enumerate(expected.items()):
        extra: dict[str, Any] = {}
        if role == "DEPARTMENT_HEAD":
            extra["department_codes"] = ["CTY-GS"]
        if role == "PRACTITIONER":
            extra["practitioner_staff_no"] = "D0001"
        actor = await _actor(
            f"user{index}", [role], [institution] if institution else None, **extra
        )
        assert await _visible(actor) == visible, (role, institution)


async def test_r56_an_institution_admin_manages_only_its_own_data(group: dict) -> None:
    admin = await _actor("cty.admin", ["ADMIN"], ["CTY"])
    doctor, county = group["doctor"], group["county"]
    # Its own: a department, a registration, a privilege at its campus.
    await organisation.create_department(admin, code="CTY-ORTH", name="骨科", site_code="CTY-MAIN")
    await institutions.create_registration(
        admin, RegistrationInput(doctor.id, "CTY", "MULTI_SITE", date(2026, 1, 1))
    )
    request = PrivilegeRequest(
        scope="PROCEDURE", practitioner_id=county.id, procedure_code="47.0901", site_code="CTY-MAIN"
    )
    mine = await privileges.request_privilege(admin, request)
    # The lead's: refused, nothing written.
    before = (await Privilege.all().count(), await PracticeRegistration.all().count())
    refusals = [
        organisation.create_department(admin, code="GS9", name="普外九科", site_code="MAIN"),
        institutions.create_registration(
            admin, RegistrationInput(county.id, "MAIN", "MULTI_SITE", date(2026, 1, 1))
        ),
        privileges.request_privilege(
            admin,
            PrivilegeRequest(
                scope="PROCEDURE",
                practitioner_id=doctor.id,
                procedure_code="47.0901",
                site_code="MAIN",
            ),
        ),
        institutions.create_institution(admin, code="X", name="X"),
        organisation.create_site(admin, code="X1", name="X1"),
    ]
    for refusal in refusals:
        with pytest.raises(DomainError) as refused:
            await refusal
        assert refused.value.code is ErrorCode.FORBIDDEN
    assert (await Privilege.all().count(), await PracticeRegistration.all().count()) == before
    # It lists only privileges at its own campuses.
    await factories.grant(doctor, site_code="MAIN")
    page = await privileges.list_privileges(admin, PrivilegeFilter(), None, None)
    assert [p.id for p in page.items] == [mine.id]
    group_admin = await _actor("group.admin", ["GROUP_ADMIN"], None)
    page = await privileges.list_privileges(
        group_admin, PrivilegeFilter(institution_code="MAIN"), None, None
    )
    assert len(page.items) == 1
    await organisation.create_department(group_admin, code="GS9", name="普外九科", site_code="MAIN")


async def test_r56_practitioner_filters_by_institution_and_group(group: dict) -> None:
    expert = await factories.practitioner("V0001", category="VISITING_EXPERT")
    await register(expert, "CTY", date(2026, 1, 1))

    async def staff(**kw: Any) -> set[str]:
        page = await organisation.list_practitioners(SYSTEM, PractitionerFilter(**kw), None, None)
        return {p.staff_no for p in page.items}

    assert await staff(institution_code="CTY") == {"C0001", "V0001"}
    assert await staff(institution_code="MAIN") == {"D0001", "V0001"}
    assert await staff(group_code="G1") == {"D0001", "C0001", "V0001"}
    assert await staff(category="VISITING_EXPERT") == {"V0001"}


async def test_privilege_checks_across_institutions_in_one_batch(group: dict) -> None:
    doctor, county = group["doctor"], group["county"]
    await factories.grant(doctor)
    await factories.grant(county, site_code="CTY-MAIN")
    answers = await decisions.check_many(
        SYSTEM,
        [
            CheckInput(practitioner_staff_no="D0001", procedure_code="47.0901", on=ON),
            CheckInput(
                practitioner_staff_no="C0001", procedure_code="47.0901", on=ON, site_code="CTY-MAIN"
            ),
            CheckInput(
                practitioner_staff_no="C0001", procedure_code="47.0901", on=ON, site_code="MAIN"
            ),
        ],
    )
    assert [a.allowed for a in answers] == [True, True, False]
    assert "NOT_REGISTERED_AT_INSTITUTION" in codes(answers[2])


async def test_r50_known_at_answers_with_the_registrations_of_that_moment(
    group: dict, fixed_clock: Any
) -> None:
    doctor = group["doctor"]
    await factories.grant(doctor, site_code="CTY-MAIN")
    before = fixed_clock.now()
    fixed_clock.advance(minutes=5)
    await register(doctor, "CTY", date(2026, 1, 1))
    ask = [
        CheckInput(
            practitioner_staff_no="D0001", procedure_code="47.0901", on=ON, site_code="CTY-MAIN"
        )
    ]
    then = await decisions.check_many(SYSTEM, ask, known_at=before)
    now = await decisions.check_many(SYSTEM, ask, known_at=fixed_clock.now())
    assert "NOT_REGISTERED_AT_INSTITUTION" in blocking(then[0])
    assert now[0].allowed


async def test_checks_across_institutions_use_a_constant_number_of_queries(
    group: dict, monkeypatch: Any
) -> None:
    from tortoise import connections

    await factories.procedure("51.2301", grade=3, name="腹腔镜胆囊切除术")
    for index in range(2, 30):
        department = "CTY-GS" if index % 2 else "GS1"
        person = await factories.practitioner(f"P{index:04d}", department_code=department)
        await register(person, "CTY" if department == "GS1" else "MAIN", date(2026, 1, 1))
        await factories.grant(person, site_code="CTY-MAIN" if index % 2 else "MAIN")
    conn = connections.get("default")
    calls: list[str] = []
    original = type(conn).execute_query_dict

    async def counting(self: Any, query: str, values: Any = None) -> Any:
        calls.append(query)
        return await original(self, query, values)

    monkeypatch.setattr(type(conn), "execute_query_dict", counting)

    async def count_for(size: int) -> int:
        decisions.CACHE.reset((-1, ""))
        calls.clear()
        batch = [
            CheckInput(
                practitioner_staff_no=f"P{(i % 28) + 2:04d}",
                procedure_code=["47.0901", "51.2301"][i % 2],
                on=ON,
                site_code=["MAIN", "EAST", "CTY-MAIN"][i % 3],
            )
            for i in range(size)
        ]
        answers = await decisions.check_many(SYSTEM, batch)
        assert len(answers) == size
        return len(calls)

    cold = await count_for(1)
    assert cold == await count_for(300) == await count_for(29)
    assert cold <= 8


async def test_r56_a_technique_record_is_managed_by_its_own_institution(group: dict) -> None:
    admin = await _actor("cty.admin", ["ADMIN"], ["CTY"])
    lead_owned = await techniques.create_technique(
        SYSTEM, code="NEW-1", name="新技术", category="NEW"
    )
    approval = techniques.TechniqueApproval(
        decision=CommitteeInput("医疗技术临床应用管理委员会", date(2026, 1, 5), votes_for=9),
        lead_staff_no="C0001",
    )
    with pytest.raises(DomainError) as refused:
        await techniques.approve_technique(admin, lead_owned.id, lead_owned.version, approval)
    assert refused.value.code is ErrorCode.FORBIDDEN
    own = await techniques.create_technique(admin, code="NEW-2", name="县级新技术", category="NEW")
    assert own.institution_id == group["cty"].id  # type: ignore[attr-defined]
    approved = await techniques.approve_technique(admin, own.id, own.version, approval)
    assert approved.status == "APPROVED"


async def test_r53_no_trainee_category_over_unsupervised_privileges(group: dict) -> None:
    doctor = group["doctor"]
    await factories.grant(doctor)
    with pytest.raises(DomainError) as refused:
        await organisation.update_practitioner(
            SYSTEM, doctor.id, doctor.version, PractitionerInput(category="TRAINEE")
        )
    assert refused.value.code is ErrorCode.VALIDATION and refused.value.field == ["category"]
    county = group["county"]
    updated = await organisation.update_practitioner(
        SYSTEM, county.id, county.version, PractitionerInput(category="RESIDENT_TRAINEE")
    )
    assert updated.category == "RESIDENT_TRAINEE"


async def test_committee_decisions_belong_to_the_deciding_institution(group: dict) -> None:
    from models import CommitteeDecision

    at_member = await factories.grant(group["county"], site_code="CTY-MAIN")
    at_lead = await factories.grant(group["doctor"])
    member_decision = await CommitteeDecision.get(id=at_member.basis_id)  # type: ignore[attr-defined]
    lead_decision = await CommitteeDecision.get(id=at_lead.basis_id)  # type: ignore[attr-defined]
    assert member_decision.institution_id == group["cty"].id  # type: ignore[attr-defined]
    default = await institutions.default_institution()
    assert lead_decision.institution_id == default.id  # type: ignore[attr-defined]
