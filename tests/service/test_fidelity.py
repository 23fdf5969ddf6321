"""Issue 10 through the service: readings policy, job changes and readings, names and unchecked
numbers in the store (cards written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.model import Contact
from cardbox.formats.vcard.mapping import to_contact
from cardbox.formats.vcard.parse import read_cards
from cardbox.services.box import CardBox, Edits
from cardbox.services.exporter import ExportError, export_file
from cardbox.services.importer import import_paths
from tests.conftest import card, copy_box


def vcf(*cards: list[str]) -> bytes:
    out = []
    for lines in cards:
        out += ["BEGIN:VCARD", "VERSION:3.0", *lines, "END:VCARD"]
    return ("\r\n".join(out) + "\r\n").encode()


def parsed(text: str) -> list[Contact]:
    cards, failures = read_cards(text.encode(), "x.vcf")
    assert failures == []
    out = []
    for c in cards:
        contact = to_contact(c)
        assert isinstance(contact, Contact), contact
        out.append(contact)
    return out


def test_export_writes_suggested_readings_unless_told_and_says_how_many(
    tmp_path: Path, box_path: Path
) -> None:
    with CardBox.open(box_path) as box:
        box.add(card(family_name="佐藤", given_name="翔太", company="株式会社山田製作所"))
        box.add(card(family_name="鈴木", given_name="花子", family_reading="すずき"))
        everything = export_file(box, "", tmp_path / "all.vcf")
        confirmed = export_file(box, "", tmp_path / "mine.vcf", readings="confirmed")
    assert (everything.count, everything.unconfirmed) == (2, 1)
    assert (confirmed.count, confirmed.unconfirmed, confirmed.readings) == (2, 1, "confirmed")
    sato, suzuki = sorted(parsed((tmp_path / "all.vcf").read_text()), key=lambda c: c.family_name)
    assert (sato.family_reading, sato.reading_confirmed) == ("さとう", False)
    assert (sato.company_reading, sato.company_reading_confirmed) == ("やまだせいさくしょ", False)
    assert suzuki.family_reading == "すずき" and suzuki.reading_confirmed
    sato, suzuki = sorted(parsed((tmp_path / "mine.vcf").read_text()), key=lambda c: c.family_name)
    assert (sato.family_reading, sato.given_reading, sato.company_reading) == ("", "", "")
    assert suzuki.family_reading == "すずき"
    assert "X-PHONETIC" not in (tmp_path / "mine.vcf").read_text().split("佐藤")[0][-400:]


def test_an_unknown_readings_policy_is_refused(tmp_path: Path, box_path: Path) -> None:
    with CardBox.open(box_path) as box:
        try:
            export_file(box, "", tmp_path / "x.vcf", readings="some")
        except ExportError as exc:
            assert "readings" in str(exc)
        else:
            raise AssertionError("no error")


def test_a_job_change_takes_the_new_companys_reading(tmp_path: Path, box_path: Path) -> None:
    with CardBox.open(box_path) as box:
        taro = box.add(
            card(
                family_name="山田",
                given_name="太郎",
                company="株式会社サクラ",
                company_reading="さくら",
                emails=["taro@example.jp"],
            )
        )
        box.add(
            card(
                family_name="田中",
                given_name="次郎",
                company="株式会社ミライ",
                company_reading="みらいてっく",
            )
        )
        # By an edit, to a company the box knows: that company's reading, confirmed.
        moved = box.edit(taro.id or 0, Edits(set={"company": "ミライ(株)"}), new_job=True)
        assert (moved.company_reading, moved.company_reading_confirmed) == ("みらいてっく", True)
        # By a card (add), to a company nobody holds: a suggestion, marked as one.
        added = box.add_card(
            card(
                family_name="山田",
                given_name="太郎",
                company="株式会社ホシノ",
                emails=["taro@example.jp"],
            )
        )
        assert added.job_change is not None
        again = box.get(taro.id or 0)
        assert again.company == "株式会社ホシノ"
        assert (again.company_reading, again.company_reading_confirmed) == ("ほしの", False)
        # By an import, to another company the box knows.
        box.add(
            card(
                family_name="佐藤",
                given_name="花子",
                company="株式会社カゼ",
                company_reading="かぜ",
            )
        )
        (tmp_path / "c.vcf").write_bytes(
            vcf(["N:山田;太郎;;;", "FN:山田 太郎", "ORG:(株)カゼ", "EMAIL:taro@example.jp"])
        )
        import_paths(box, [tmp_path / "c.vcf"])
        back = box.get(taro.id or 0)
        assert (back.company, back.company_reading, back.company_reading_confirmed) == (
            "(株)カゼ",
            "かぜ",
            True,
        )


def test_a_typed_reading_is_confirmed_and_a_corrected_name_replaces_the_cards_fn(
    tmp_path: Path,
    box_path: Path,
) -> None:
    (tmp_path / "a.vcf").write_bytes(vcf(["N:Doe;Jonathan;Q.;Dr.;Jr.", "FN:Johnny Doe"]))
    with CardBox.open(box_path) as box:
        import_paths(box, [tmp_path / "a.vcf"])
        (john,) = box.contacts().contacts
        assert (john.name, john.middle_name, john.name_prefix, john.name_suffix) == (
            "Johnny Doe",
            "Q.",
            "Dr.",
            "Jr.",
        )
        assert [c.id for c in box.search("Johnny").contacts] == [john.id]
        assert [c.id for c in box.search("Q.").contacts] == [john.id]
        same = box.edit(john.id or 0, Edits(set={"title": "CTO"}))
        assert same.name == "Johnny Doe"
        renamed = box.edit(john.id or 0, Edits(set={"given_name": "Jon"}))
        assert (renamed.formatted_name, renamed.name) == ("", "Dr. Jon Q. Doe Jr.")


def test_unchecked_numbers_never_make_two_people_one(tmp_path: Path, box_path: Path) -> None:
    (tmp_path / "a.vcf").write_bytes(
        vcf(["N:Doe;Jane;;;", "TEL:123"], ["N:Roe;Rick;;;", "TEL:123"], ["N:Poe;Pam;;;", "TEL:123"])
    )
    with CardBox.open(box_path) as box:
        report = import_paths(box, [tmp_path / "a.vcf"])
        assert report.added == 3
        people = box.contacts().contacts
        assert sorted(p.phones[0].text for p in people) == ["123", "123", "123"]
        assert box.duplicates() == []
        assert {c.family_name for c in box.search("123").contacts} == {"Doe", "Roe", "Poe"}


# -- vCard -> store -> vCard, with phones in several countries ----------------------------------

COUNTRIES = {
    "JP": ("日本", ["03-1234-5678", "090-1234-5678", "+81 6-6123-4567"]),
    "US": ("USA", ["(650) 253-0000", "+1 212-555-1212", "(415) 555-0132"]),
    "CA": ("Canada", ["905-777-1234", "+1 416 555 0199", "604-555-0142"]),
    "DE": ("Deutschland", ["030 123456", "+49 171 9394461", "089 12345678"]),
    "GB": ("United Kingdom", ["020 7946 0958", "+44 7911 123456", "0161 496 0000"]),
}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(COUNTRIES)),
            st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda person: person[0],  # one person a country: no number is shared
    ),
    st.sampled_from(["JP", "US", "DE"]),
)
def test_cards_of_several_countries_go_through_the_store_and_out_unchanged(
    tmp_path_factory: pytest.TempPathFactory,
    empty_box_template: Path,
    people: list[tuple[str, list[int], bool]],
    default: str,
) -> None:
    import phonenumbers

    from cardbox.formats.vcard.write import Names, write_vcard

    folder = tmp_path_factory.mktemp("rt")
    cards, wanted = [], []
    for n, (region, picks, unchecked) in enumerate(people):
        country, numbers = COUNTRIES[region]
        lines = [f"N:Person{n};Given;Mid;Dr.;;", f"ADR;TYPE=WORK:;;1 Main St;Town;;;{country}"]
        want = []
        for i in picks:
            lines.append(f"TEL;TYPE=WORK:{numbers[i]}")
            e164 = phonenumbers.format_number(
                phonenumbers.parse(numbers[i], region), phonenumbers.PhoneNumberFormat.E164
            )
            want.append((e164, "work"))
        if unchecked:
            lines.append("TEL;TYPE=HOME:123")
            want.append(("", "home"))
        cards.append(lines)
        wanted.append(want)
    (folder / "in.vcf").write_bytes(vcf(*cards))
    with CardBox.open(copy_box(empty_box_template, folder / "box.sqlite")) as box:
        box.set_region(default)
        import_paths(box, [folder / "in.vcf"])
        stored = sorted(box.contacts().contacts, key=lambda c: c.family_name)
        assert [[(p.e164, p.label) for p in c.phones] for c in stored] == wanted
        out = "".join(write_vcard(c, Names()) for c in stored)
    back = sorted(parsed(out), key=lambda c: c.family_name)
    assert [[(p.e164, p.label) for p in c.phones] for c in back] == wanted
    assert {(c.given_name, c.middle_name, c.name_prefix) for c in back} == {("Given", "Mid", "Dr.")}


def test_a_reading_filled_in_from_a_card_keeps_its_suggested_mark() -> None:
    from cardbox.domain.merge import fill_in

    existing = Contact(family_name="山田", company="株式会社サクラ")
    guessed = Contact(
        family_name="山田",
        company="株式会社サクラ",
        company_reading="さくら",
        company_reading_confirmed=False,
    )
    merged = fill_in(existing, guessed)
    assert (merged.company_reading, merged.company_reading_confirmed) == ("さくら", False)
    typed = fill_in(existing, Contact(company="株式会社サクラ", company_reading="さくら"))
    assert typed.company_reading_confirmed
