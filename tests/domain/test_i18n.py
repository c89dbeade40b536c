"""The message catalogue (issue 15 item 1): every message in zh-CN and en, with the same
facts, for the reader; codes never change with the language."""

from __future__ import annotations

import copy
import pickle
import re
from datetime import date

import pytest

from api.locale import negotiate
from api.settings import ConfigError, load_settings
from domain import i18n, validation
from domain.errors import DomainError, ErrorCode, not_found
from domain.i18n import EN, ZH_CN, grade_label, msg, reason_message, use_locale
from domain.i18n.checks import catalogue_entries, extract, problems
from domain.i18n.core import read_catalogue


def test_every_message_id_in_the_code_is_translated_in_both_languages() -> None:
    found = extract()
    assert len(found) > 100  # the extraction sees the code's messages
    assert problems(found) == []


def test_a_missing_translation_is_reported_in_either_language() -> None:
    wanted = [(None, "Procedure {code} is new")]
    catalogues = {
        ZH_CN: {(None, "Procedure {code} is new"): "手术 {code} 为新增"},
        EN: {},
    }
    assert problems(wanted, catalogues) == ["en: no translation for 'Procedure {code} is new'"]
    catalogues[EN] = {(None, "Procedure {code} is new"): "Procedure {code} is new"}
    catalogues[ZH_CN] = {(None, "Procedure {code} is new"): ""}
    assert problems(wanted, catalogues) == ["zh-CN: no translation for 'Procedure {code} is new'"]


def test_a_translation_whose_placeholders_differ_is_reported() -> None:
    wanted = [(None, "Procedure {code} expired on {day}")]
    catalogues = {
        ZH_CN: {wanted[0]: "手术 {code} 已于 {date} 过期"},
        EN: {wanted[0]: "Procedure {code} expired on {day}"},
    }
    [problem] = problems(wanted, catalogues)
    assert problem.startswith("zh-CN: placeholders ['code', 'date']")


def test_both_catalogues_hold_the_same_entries() -> None:
    zh = catalogue_entries(read_catalogue(ZH_CN))
    en = catalogue_entries(read_catalogue(EN))
    assert zh.keys() == en.keys()
    assert all(zh.values()) and all(en.values())


def test_no_message_names_an_internal_rule_number() -> None:
    for locale in i18n.SUPPORTED_LOCALES:
        for (_context, msgid), text in catalogue_entries(read_catalogue(locale)).items():
            assert not re.search(r"\(R\d+\)|\bR\d{1,2}\b", text), (locale, msgid, text)


def test_the_issue_examples_read_as_written() -> None:
    no_privilege = reason_message(
        "NO_PRIVILEGE", procedure="腹腔镜胰十二指肠切除术", code="52.7001", grade=grade_label(4)
    )
    overdue = reason_message(
        "TECHNIQUE_FILING_OVERDUE",
        technique="肿瘤消融治疗技术",
        technique_code="T-001",
        due=date(2026, 10, 27),
    )
    assert no_privilege.render(ZH_CN) == (
        "该医师在本院区未获得手术 腹腔镜胰十二指肠切除术（52.7001，四级）的授权"
    )
    assert no_privilege.render(EN) == (
        "The practitioner holds no privilege for 腹腔镜胰十二指肠切除术 (52.7001, grade 4) "
        "at this site"
    )
    assert overdue.render(ZH_CN) == (
        "限制类技术 肿瘤消融治疗技术（T-001）应于 2026-10-27 前完成备案，已逾期"
    )
    assert overdue.render(EN) == (
        "Restricted technique 肿瘤消融治疗技术 (T-001) was due to be filed by 2026-10-27; "
        "the filing is overdue"
    )


def test_a_fact_missing_from_a_message_leaves_its_placeholder_and_keeps_the_others() -> None:
    partial = reason_message("NO_PRIVILEGE", grade=grade_label(4))
    assert partial.render(EN) == (
        "The practitioner holds no privilege for {procedure} ({code}, grade 4) at this site"
    )


def test_a_message_is_a_string_in_the_default_language_that_renders_in_any() -> None:
    message = msg("Procedure {code} is already in the catalogue", code="47.0901")
    assert isinstance(message, str)
    assert message == "手术 47.0901 已在手术分级目录中"  # the site's default: zh-CN
    assert message.render(EN) == "Procedure 47.0901 is already in the catalogue"
    assert i18n.localize(message, EN) == message.render(EN)
    with use_locale("en-GB"):
        assert i18n.localize(message) == "Procedure 47.0901 is already in the catalogue"
    # copies and pickles keep the id and the facts
    for copied in (copy.deepcopy(message), pickle.loads(pickle.dumps(message))):  # noqa: S301 - our own bytes
        assert copied.render(EN) == message.render(EN) and copied == message


def test_domain_errors_stay_backwards_compatible_with_plain_strings() -> None:
    plain = DomainError(ErrorCode.CONFLICT, "Something English")
    assert plain.message == "Something English" and plain.localized(EN) == "Something English"
    translated = not_found("Technique", "T01", "techniqueCode")
    assert translated.code is ErrorCode.NOT_FOUND and translated.field == ["techniqueCode"]
    assert translated.localized(ZH_CN) == "医疗技术 T01 不存在"
    assert translated.localized(EN) == "Technique T01 does not exist"


def test_field_names_read_in_the_field_s_terms() -> None:
    with pytest.raises(DomainError) as error:
        validation.text("input.staffNo", "  ", max_length=32)
    assert error.value.field == ["input.staffNo"]
    assert error.value.localized(ZH_CN) == "工号为必填项"
    assert error.value.localized(EN) == "Staff number is required"
    with pytest.raises(DomainError) as unknown:
        validation.int_range("input.somethingNew", 9, 1, 4)
    assert unknown.value.localized(EN) == "somethingNew must be between 1 and 4"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, ZH_CN),
        ("", ZH_CN),
        ("en", EN),
        ("en-US,en;q=0.9", EN),
        ("zh-CN,zh;q=0.9,en;q=0.8", ZH_CN),
        ("fr-FR, en;q=0.5, zh;q=0.4", EN),
        ("fr, de", ZH_CN),
        ("en;q=0, zh-TW", ZH_CN),
        ("zh-Hant-TW;q=0.2, en-GB;q=0.8", EN),
        ("*", ZH_CN),
        ("en;q=bogus, zh", ZH_CN),
    ],
)
def test_accept_language_is_negotiated_in_one_place(header: str | None, expected: str) -> None:
    assert negotiate(header, ZH_CN) == expected


def test_the_site_language_applies_where_the_request_names_none() -> None:
    assert negotiate(None, "en") == EN and negotiate("fr", "en") == EN
    assert load_settings({}).locale == ZH_CN
    assert load_settings({"CREDREG_LOCALE": "en-US"}).locale == EN


def test_configuration_errors_speak_the_site_language() -> None:
    with pytest.raises(ConfigError, match="不支持的语言 'fr'"):
        load_settings({"CREDREG_LOCALE": "fr"})
    with pytest.raises(ConfigError, match="须为整数"):
        load_settings({"CREDREG_SESSION_HOURS": "x"})
    with pytest.raises(ConfigError, match="must be an integer, got 'x'"):
        load_settings({"CREDREG_LOCALE": "en", "CREDREG_SESSION_HOURS": "x"})


def test_cli_help_is_in_the_site_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from api import cli
    from domain.i18n import core

    monkeypatch.setattr(core, "_default_locale", core._default_locale)  # restored after
    for locale, expected in ((ZH_CN, "载入演示医院数据"), (EN, "load the demo hospital")):
        monkeypatch.setenv("CREDREG_LOCALE", locale)
        with pytest.raises(SystemExit):
            cli.main(["--help"])
        assert expected in capsys.readouterr().out


def test_reason_messages_with_the_same_facts_are_shared_and_render_alike() -> None:
    first = reason_message("EXPIRES_SOON", valid_until=date(2026, 12, 14))
    again = reason_message("EXPIRES_SOON", valid_until=date(2026, 12, 14))
    other = reason_message("EXPIRES_SOON", valid_until=date(2026, 12, 15))
    assert first is again and other is not first
    assert first.render(EN) == "The authorisation ends on 2026-12-14"
    assert other.render(EN) == "The authorisation ends on 2026-12-15"
    nested = reason_message("NO_DAY_SURGERY_PRIVILEGE", "unusable", problem=first)
    assert nested.render(ZH_CN) == "日间手术授权：该授权将于 2026-12-14 到期"
    assert nested.render(EN) == "Day-surgery privilege: The authorisation ends on 2026-12-14"
    listed = reason_message(
        "OUTSIDE_PRACTICE_SCOPE", procedure="胆囊切除术", code="47.0901", scope=["外科", "内科"]
    )
    assert listed.render(ZH_CN).endswith("（外科、内科）")
    assert listed.render(EN).endswith("(外科, 内科)")
