"""schema.convert.domain_input: domain inputs derived from GraphQL inputs by field name."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import DomainError, ErrorCode
from domain.privileges import PrivilegeRequest
from schema import ids
from schema.convert import domain_input
from schema.enums import PrivilegeScope
from schema.privileges import GrantTemporaryPrivilegeInput, RequestPrivilegeInput


def test_copies_same_named_fields_converting_enums_and_ids() -> None:
    source = RequestPrivilegeInput(
        scope=PrivilegeScope.PROCEDURE,
        practitioner_id=ids.encode("Practitioner", 7),
        site_id=ids.encode("Site", 3),
        procedure_code="0001",
        valid_from=date(2026, 1, 1),
        note="n",
        idempotency_key="k",  # not a PrivilegeRequest field: left for the caller
    )
    request = domain_input(
        PrivilegeRequest,
        source,
        global_ids={"practitioner_id": "Practitioner", "site_id": "Site"},
    )
    assert request == PrivilegeRequest(
        scope="PROCEDURE",
        practitioner_id=7,
        site_id=3,
        procedure_code="0001",
        valid_from=date(2026, 1, 1),
        note="n",
    )


def test_fields_missing_from_the_input_keep_the_domain_default() -> None:
    source = GrantTemporaryPrivilegeInput(
        scope=PrivilegeScope.TECHNIQUE,
        technique_code="T1",
        valid_from=date(2026, 1, 1),
        reason="r",
    )
    request = domain_input(PrivilegeRequest, source, supervised_only=True)
    assert request.technique_code == "T1"
    assert request.technique_id is None and request.note is None
    assert request.supervised_only is True  # overrides win


def test_a_bad_id_names_the_graphql_field() -> None:
    source = RequestPrivilegeInput(
        scope=PrivilegeScope.PROCEDURE, specialty_id=ids.encode("Site", 3)
    )
    with pytest.raises(DomainError) as raised:
        domain_input(PrivilegeRequest, source, global_ids={"specialty_id": "Specialty"})
    assert raised.value.code is ErrorCode.VALIDATION
    assert raised.value.field == ["specialtyId"]


def test_an_unknown_override_is_a_programming_error() -> None:
    source = RequestPrivilegeInput(scope=PrivilegeScope.PROCEDURE)
    with pytest.raises(TypeError):
        domain_input(PrivilegeRequest, source, no_such_field=1)
