"""N's five parts, FN, and readings from ORG;SORT-AS and SORT-STRING (issue 10 §3).

Cards written for these tests.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cardbox.domain.model import Contact
from cardbox.formats.vcard.mapping import to_contact
from cardbox.formats.vcard.parse import read_cards
from cardbox.formats.vcard.write import PROFILES, Names, write_vcard


def vcf(*lines: str, version: str = "3.0") -> bytes:
    body = ["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]
    return ("\r\n".join(body) + "\r\n").encode()


def contact(data: bytes | str) -> Contact:
    raw = data.encode() if isinstance(data, str) else data
    cards, failures = read_cards(raw, "test.vcf")
    assert failures == [] and len(cards) == 1
    result = to_contact(cards[0], region="JP")
    assert isinstance(result, Contact), result
    return result


def lines(c: Contact, profile: str = "default") -> list[str]:
    return write_vcard(c, Names(), profile).split("\r\n")


JOHN = Contact(
    uid="u",
    family_name="Doe",
    given_name="John",
    middle_name="Richter James",
    name_prefix="Dr.",
    name_suffix="Jr.",
)


@pytest.mark.parametrize("profile", PROFILES)
def test_every_profile_writes_and_reads_back_the_five_parts_of_n(profile: str) -> None:
    written = lines(JOHN, profile)
    assert "N:Doe;John;Richter James;Dr.;Jr." in written
    assert "FN:Dr. John Richter James Doe Jr." in written
    back = contact("\r\n".join(written))
    assert (back.family_name, back.given_name, back.middle_name) == ("Doe", "John", "Richter James")
    assert (back.name_prefix, back.name_suffix, back.formatted_name) == ("Dr.", "Jr.", "")


def test_the_middle_name_of_a_japanese_card_is_not_glued_to_the_given_name() -> None:
    c = contact(vcf("N:伊能;圭一;伊予;;", "FN:伊能 圭一 伊予"))
    assert (c.family_name, c.given_name, c.middle_name, c.formatted_name) == (
        "伊能",
        "圭一",
        "伊予",
        "",
    )


@pytest.mark.parametrize("profile", PROFILES)
def test_fn_stays_the_display_name_when_it_differs_from_n(profile: str) -> None:
    c = contact(vcf("N:Doe;Jonathan;;;", "FN:Johnny Doe"))
    assert (c.name, c.full_name) == ("Johnny Doe", "Jonathan Doe")
    written = lines(c, profile)
    assert "FN:Johnny Doe" in written and "N:Doe;Jonathan;;;" in written
    assert contact("\r\n".join(written)).name == "Johnny Doe"


def test_an_fn_that_differs_only_in_spacing_is_not_kept() -> None:
    assert contact(vcf("N:山田;太郎;;;", "FN:山田太郎")).formatted_name == ""
    assert contact(vcf("N:Smith;John;;;", "FN:John  Smith")).formatted_name == ""


def test_the_company_reading_from_org_sort_as_is_the_companys_alone() -> None:
    c = contact(vcf('ORG;SORT-AS="ぐーぐる;けんさくぶもん":Google;検索部門', "N:;;;;", "FN:Google"))
    assert (c.company, c.department, c.company_reading) == ("Google", "検索部門", "ぐーぐる")
    v4 = contact(
        vcf('ORG;SORT-AS="ぐーぐる;けんさくぶもん":Google;検索部門', "FN:山田 太郎", version="4.0")
    )
    assert v4.company_reading == "ぐーぐる"


def test_sort_string_of_a_latin_card_is_the_family_names_reading() -> None:
    c = contact(vcf("N:McDonald;Ronald;;;", "SORT-STRING:MacDonald"))
    assert (c.family_reading, c.given_reading) == ("MacDonald", "")
    assert "vcard" not in c.extra
    assert "SORT-STRING:MacDonald" in lines(c)


def test_sort_string_of_a_japanese_card_is_still_split_into_both_readings() -> None:
    c = contact(vcf("N:山田;太郎;;;", "SORT-STRING:やまだ たろう"))
    assert (c.family_reading, c.given_reading) == ("やまだ", "たろう")


@pytest.mark.parametrize("profile", PROFILES)
def test_vobject_reads_the_five_parts_and_unchecked_numbers(profile: str) -> None:
    import vobject

    from cardbox.domain.model import Phone

    c = replace(
        JOHN,
        company="Google",
        company_reading="ぐーぐる",
        company_reading_confirmed=False,
        phones=(
            Phone(e164="", text="(650) 555-1212", label="work"),
            Phone(e164="+819012345678", text="090-1234-5678"),
        ),
    )
    (parsed,) = list(vobject.readComponents(write_vcard(c, Names(), profile)))
    n = parsed.n.value
    assert (n.family, n.given, n.additional, n.prefix, n.suffix) == (
        "Doe",
        "John",
        "Richter James",
        "Dr.",
        "Jr.",
    )
    assert parsed.fn.value == "Dr. John Richter James Doe Jr."
    tels = [t.value for t in parsed.contents["tel"] if isinstance(t, vobject.base.ContentLine)]
    assert "(650) 555-1212" in tels
