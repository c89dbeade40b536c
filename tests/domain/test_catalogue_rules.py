"""SPEC 3.1: R1 (grades 1-4) and R2 (a procedure inherits its technique's gating)."""

from __future__ import annotations

from datetime import date

import pytest

from domain import decision as decisions
from domain import techniques
from domain.decision import CheckInput
from domain.errors import DomainError, ErrorCode
from models import Procedure
from tests import factories
from tests.factories import SYSTEM


async def test_r1_a_grade_outside_one_to_four_is_a_field_error(db: None) -> None:
    await factories.hospital()
    for bad in (0, 5, -1):
        with pytest.raises(DomainError) as error:
            await factories.procedure("47.0901", grade=bad)
        assert error.value.code is ErrorCode.VALIDATION and error.value.field == ["grade"]
    assert await Procedure.all().count() == 0
    assert (await factories.procedure("47.0901", grade=4)).grade == 4


async def test_r2_a_procedure_inherits_its_techniques_gating(db: None) -> None:
    await factories.hospital()
    doctor = await factories.practitioner("D0001")
    await techniques.create_technique(SYSTEM, code="NEW-01", name="新技术", category="NEW")
    await factories.procedure("86.0001", grade=2, name="新技术手术", technique_code="NEW-01")
    await factories.grant(doctor, "SURGERY_GRADE", specialty_code="GS", max_grade=3)
    answer = await decisions.check_one(
        SYSTEM,
        CheckInput(practitioner_staff_no="D0001", procedure_code="86.0001", on=date(2026, 12, 1)),
    )
    assert not answer.allowed
    assert "TECHNIQUE_NOT_ADMITTED" in {r.code.value for r in answer.reasons}
