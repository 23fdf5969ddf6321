"""Company keys: legal forms, width, case and punctuation never decide a match."""

from __future__ import annotations

import pytest

from cardbox.domain.companies import company_key, strip_legal_forms


@pytest.mark.parametrize(
    "name",
    [
        "株式会社ABC",
        "ABC株式会社",
        "ABC(株)",
        "ABC（株）",
        "（株）ABC",
        "㈱ABC",
        "ABC㈱",
        "ABC㍿",
        "ＡＢＣ株式会社",
        "株式会社 ABC",
        "有限会社ABC",
        "ABC(有)",
        "㈲ABC",
        "合同会社ABC",
        "合資会社ABC",
        "合名会社ABC",
        "一般社団法人ABC",
        "一般財団法人 ABC",
        "医療法人ABC",
        "医療法人社団ABC",
        "弁護士法人ABC",
        "税理士法人ABC",
        "ABC Inc.",
        "ABC Inc",
        "ABC, Inc.",
        "ABC Co.",
        "ABC Co., Ltd.",
        "ABC Co.,Ltd.",
        "ABC CO., LTD.",
        "ABC Ltd.",
        "ABC Limited",
        "ABC Corp.",
        "ABC Corporation",
        "ABC LLC",
        "ABC K.K.",
        "ABC KK",
        "ABC GmbH",
        "ABC Pte. Ltd.",
        "ABC PLC",
        "ABC Company",
        "abc",
        " A.B.C. ",
    ],
)
def test_legal_forms_width_case_and_punctuation_are_ignored(name: str) -> None:
    assert company_key(name) == "abc"


def test_japanese_names_keep_their_script() -> None:
    assert company_key("株式会社山田製作所") == company_key("山田製作所(株)") == "山田製作所"
    assert company_key("ソニーグループ株式会社") == "ソニーグループ"
    assert company_key("ソニー") != company_key("そにー")


def test_legal_forms_inside_a_name_go_too() -> None:
    assert company_key("ABC株式会社 東京支社") == "abc東京支社"
    assert company_key("山田商事 Co., Ltd.") == "山田商事"


def test_words_that_only_look_like_legal_forms_stay() -> None:
    assert company_key("Co-op Foods") == "coopfoods"
    assert company_key("Incubate Fund") == "incubatefund"
    assert company_key("SA Power") == "sapower"
    assert company_key("AT&T Japan 合同会社") == "attjapan"


def test_a_name_that_is_only_a_legal_form_keeps_it() -> None:
    assert company_key("株式会社") == "株式会社"
    assert company_key("Company") == "company"
    assert company_key("") == ""


def test_strip_legal_forms_keeps_case_and_spacing() -> None:
    assert strip_legal_forms("ＡＢＣ株式会社") == "ABC"
    assert strip_legal_forms("Acme, Inc.") == "Acme"
    assert strip_legal_forms("株式会社 山田 製作所") == "山田 製作所"
