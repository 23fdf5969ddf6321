"""Round trip: contact -> vCard text -> parsed back -> the same contact, field for field.

Documented normalisations: CR in text becomes LF and other control characters are dropped
(`write.py`), a phone's text comes back as written on export (the international form of the
same E.164 number, with the same label), and an unlabelled mobile number comes back labelled
``mobile`` (it is exported as ``TYPE=CELL``).
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Url
from cardbox.domain.phones import is_mobile, parse_phone
from cardbox.formats.vcard.mapping import to_contact
from cardbox.formats.vcard.parse import read_cards
from cardbox.formats.vcard.write import PROFILES, Names, write_vcard

NAMES = Names(industries={"L-legal": "Legal services", "G": "Information and Communications"})
NUMBERS = ["03-1234-5678", "090-1234-5678", "+1 415 555 0132", "+44 20 7946 0958", "06-6123-4567"]
LABELS = ["", "mobile", "work", "home", "fax", "work fax", "秘書", "lab, 2; b"]

plain = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"), blacklist_characters="\u0085"
)
text = st.text(alphabet=st.one_of(plain, st.sampled_from("山田太郎株式会社,;:\\😀 ")), max_size=30)
word = text.map(str.strip)
kana = st.text(alphabet=st.sampled_from("アイウエオカキクケコヤマダタロウ"), max_size=8)
notes = st.lists(text, max_size=3).map("\n".join)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    family = draw(word)
    phones = tuple(
        parse_phone(n, "JP", label=draw(st.sampled_from(LABELS)))
        for n in draw(st.lists(st.sampled_from(NUMBERS), unique=True, max_size=5))
    )
    return Contact(
        uid=draw(st.uuids()).hex,
        family_name=family or "山田",
        given_name=draw(word),
        family_reading=draw(kana),
        given_reading=draw(kana),
        company=draw(word),
        department=draw(word),
        title=draw(word),
        notes=draw(notes).strip(),
        phones=phones,
        emails=tuple(
            Email(address=f"{a}@example.jp", label=draw(st.sampled_from(["", "work", "home"])))
            for a in draw(st.lists(st.sampled_from(["taro", "t.yamada", "x+y"]), unique=True))
        ),
        addresses=tuple(
            draw(
                st.lists(
                    st.builds(
                        Address,
                        label=st.sampled_from(["", "work", "home"]),
                        postal_code=st.sampled_from(["", "150-0002"]),
                        region=word,
                        locality=word,
                        street=word,
                        country=st.sampled_from(["", "JP"]),
                    ).filter(lambda a: a.one_line().strip()),  # an empty ADR is not written
                    max_size=2,
                )
            )
        ),
        urls=tuple(
            Url(url=u)
            for u in draw(
                st.lists(
                    st.sampled_from(["https://x.example.jp", "https://y.example.com/a?b=1,2"]),
                    unique=True,
                )
            )
        ),
        meetings=tuple(
            Meeting(event=e, position=draw(st.integers(1, 99)), talked_about=draw(word))
            for e in draw(st.lists(word.filter(bool), unique=True, max_size=2))
        ),
        industries=tuple(draw(st.lists(st.sampled_from(["L-legal", "G"]), unique=True))),
        tags=tuple(draw(st.lists(word.filter(bool), unique=True, max_size=3))),
        birthday=draw(st.sampled_from(["", "1985-04-12", "--04-12", "2000-02-29"])),
    )


def back(c: Contact, profile: str) -> Contact:
    data = write_vcard(c, NAMES, profile).encode("utf-8")
    cards, failures = read_cards(data, "roundtrip.vcf")
    assert failures == [] and len(cards) == 1
    result = to_contact(cards[0], region="JP")
    assert isinstance(result, Contact), result
    return result


def comparable(c: Contact) -> Contact:
    return replace(
        c,
        phones=tuple(
            Phone(e164=p.e164, text="", label=p.label or ("mobile" if is_mobile(p.e164) else ""))
            for p in c.phones
        ),
        extra={},
        tags=tuple(sorted(c.tags)),
    )


# 75 examples: every choice in `contacts` has at most a handful of branches (labels, profiles,
# optional parts), each drawn in all but a vanishing share of runs; 150 doubled the time only.
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts(), st.sampled_from(["default", "iphone", "google"]))
def test_a_contact_survives_export_and_import(c: Contact, profile: str) -> None:
    assert comparable(back(c, profile)) == comparable(c)


def test_every_profile_reads_back_the_name_reading_and_phones() -> None:
    c = Contact(
        uid="u1",
        family_name="山田",
        given_name="太郎",
        family_reading="ヤマダ",
        given_reading="タロウ",
        phones=(parse_phone("work:03-1234-5678", "JP"),),
    )
    for profile in PROFILES:
        got = back(c, profile)
        assert (got.family_name, got.given_name) == ("山田", "太郎"), profile
        assert (got.family_reading, got.given_reading) == ("ヤマダ", "タロウ"), profile
        assert [p.e164 for p in got.phones] == ["+81312345678"], profile
