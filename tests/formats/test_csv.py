"""CSV reading and writing: encodings, layouts, the formula guard and round trips."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Photo, Url
from cardbox.domain.phones import parse_phone
from cardbox.domain.readings import split_full_name
from cardbox.formats.csv.read import Row, iter_rows, sniff
from cardbox.formats.csv.text import DANGER, decode, guard, unguard
from cardbox.formats.csv.write import write_csv
from cardbox.formats.vcard.parse import Failure

DATA = Path(__file__).parent.parent / "data" / "csv"
ROUNDCUBE = Path(__file__).parent.parent / "data" / "vcard" / "roundcube"


def rows(data: bytes, name: str = "t.csv", layout: str | None = None) -> list[Row]:
    found = list(iter_rows(sniff(data, name, layout), name))
    assert all(isinstance(r, Row) for r in found), found
    return [r for r in found if isinstance(r, Row)]


def by_name(found: list[Row]) -> dict[str, Contact]:
    return {r.contact.name: r.contact for r in found}


# -- decoding ---------------------------------------------------------------------------------


def test_decoding_is_utf8_then_cp932_and_refuses_the_rest() -> None:
    assert decode("髙橋,﨑".encode()) == ("髙橋,﨑", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "髙橋".encode()) == ("髙橋", "utf-8-sig")
    assert decode("髙橋,﨑".encode("cp932")) == ("髙橋,﨑", "cp932")
    with pytest.raises(InvalidInput, match=r"neither UTF-8 nor Shift_JIS.*byte 0x81 on line 2"):
        decode(b"a,b\n\x81 \n")


def test_a_file_of_no_known_layout_is_refused_with_its_header() -> None:
    with pytest.raises(InvalidInput, match=r"not a known CSV layout.*line 1 is: foo,bar,baz"):
        sniff(b"foo,bar,baz\n1,2,3\n", "x.csv")
    with pytest.raises(InvalidInput, match="the file is empty"):
        sniff(b"  \n", "x.csv")


# -- the formula guard -------------------------------------------------------------------------


@given(st.text(max_size=20))
def test_guard_is_undone_by_unguard_and_never_starts_a_formula(value: str) -> None:
    written = guard(value)
    assert unguard(written) == value
    assert not written.startswith(DANGER)


def test_guard_examples() -> None:
    assert guard('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert guard("+81 3-1234-5678") == "'+81 3-1234-5678"
    assert guard("'=x") == "''=x" and unguard("''=x") == "'=x"
    assert guard("O'Brien") == "O'Brien" and guard("'quoted'") == "'quoted'"


# -- the layouts -------------------------------------------------------------------------------

PAIRS = [
    ("eight-old", "eight", ("cp932", "utf8")),
    ("eight-new", "eight", ("cp932", "utf8")),
    ("sansan", "sansan", ("cp932", "utf8bom")),
    ("google", "google", ("utf8", "cp932")),
    ("google-legacy", "google", ("utf8", "cp932")),
    ("outlook", "outlook", ("utf8bom", "cp932")),
]


@pytest.mark.parametrize(("stem", "layout", "encodings"), PAIRS)
def test_each_layout_reads_the_same_in_both_encodings(
    stem: str, layout: str, encodings: tuple[str, str]
) -> None:
    first, second = (DATA / f"{stem}-{e}.csv" for e in encodings)
    one, two = sniff(first.read_bytes(), first.name), sniff(second.read_bytes(), second.name)
    assert one.header.layout == two.header.layout == layout
    assert {one.encoding, two.encoding} >= {"cp932"}
    a, b = rows(first.read_bytes()), rows(second.read_bytes())
    assert [r.contact for r in a] == [r.contact for r in b]
    assert [r.line for r in a] == [r.line for r in b]
    assert a, "no rows"


def test_eight_old_layout() -> None:
    found = rows((DATA / "eight-old-cp932.csv").read_bytes())
    assert [r.line for r in found] == [8, 9, 11]  # after the preamble; row 2 spans two lines
    people = by_name(found)
    taka = people["髙橋 一郎"]
    assert (taka.company, taka.department, taka.title) == ("株式会社サンプル商事", "営業部", "部長")
    assert [(p.label, p.e164) for p in taka.phones] == [
        ("main", "+81312345678"),
        ("department", "+81312345600"),
        ("work", "+81312345699"),
        ("work fax", "+81312345679"),
        ("mobile", "+819012345678"),
    ]
    assert taka.emails == (Email("takahashi@sample-shoji.example.jp", "work"),)
    (address,) = taka.addresses
    assert (address.postal_code, address.region, address.locality) == (
        "150-0002",
        "東京都",
        "渋谷区",
    )
    assert [m.event for m in taka.meetings] == ["Eight 2024-05-10"]
    assert found[0].dated == {"Eight 2024-05-10": "2024-05-10"}
    yamada = people["山田 太郎"]  # 氏名 without a space, split by the dictionary
    assert (yamada.family_name, yamada.given_name) == ("山田", "太郎")
    assert yamada.addresses[0].street.endswith("梅田1-1-1\n梅田タワー25F")
    evil = found[2].contact  # a formula is a name like any other, kept as written
    assert evil.family_name.startswith('=HYPERLINK("http://evil.example"')
    assert "'?'を含んだデータ" not in evil.notes  # Eight's own flags are not about the person


def test_eight_new_layout_keeps_user_columns_in_the_notes() -> None:
    people = by_name(rows((DATA / "eight-new-utf8.csv").read_bytes()))
    taka = people["髙橋 一郎"]
    assert "メモ: 展示会で名刺交換" in taka.notes and "タグ: 取引先" in taka.notes
    assert people["佐藤 花子"].phones[0].label == "mobile"


def test_a_reading_cut_to_its_first_character_is_left_out() -> None:
    data = "会社名,氏名,氏名（よみ）,e-mail\nA社,山田 太郎,や,t@a.example.jp\nB社,佐藤 花子,さとう はなこ,h@b.example.jp\n"
    found = rows(data.encode(), layout=None)
    cut, full = found[0].contact, found[1].contact
    assert (cut.family_reading, cut.given_reading) == ("", "")
    assert "shorter than the name" in cut.extra["warnings"]
    assert (full.family_reading, full.given_reading) == ("さとう", "はなこ")


def test_sansan_full_width_brackets_and_half_width_readings() -> None:
    people = by_name(rows((DATA / "sansan-cp932.csv").read_bytes()))
    saki = people["﨑山 太郎"]
    assert (saki.family_reading, saki.given_reading) == ("サキヤマ", "タロウ")
    assert saki.company_reading == "サキヤマコウギョウ"
    assert [m.event for m in saki.meetings] == ["Sansan 2024-06-01"]
    assert "名刺所有者ユーザID" not in saki.notes
    assert people["髙橋 一郎"].company_reading == "サンプルショウジ"


def test_google_current_layout() -> None:
    found = rows((DATA / "google-utf8.csv").read_bytes())
    taka, evil = found[0].contact, found[1].contact
    assert (taka.family_reading, taka.given_reading) == ("たかはし", "いちろう")
    assert [e.address for e in taka.emails] == [
        "takahashi@sample-shoji.example.jp",
        "ichiro@sample-shoji.example.jp",
        "ichiro.t@home.example.jp",
    ]
    assert [(p.label, p.text) for p in taka.phones] == [
        ("mobile", "090-1234-5678"),
        ("work", "03-1234-5678"),
        ("work", "03-1234-5699"),
    ]
    assert taka.tags == ("取引先", "MIPIM 2026")
    assert taka.addresses == (
        Address("work", "150-0002", "東京都", "渋谷区", "渋谷2-21-1", "渋谷ビル10F", "JP"),
    )
    assert "Relation (Assistant): 鈴木" in taka.notes
    assert taka.birthday == "1980-04-01"
    assert evil.given_name == '=HYPERLINK("http://evil.example","click")'


def test_google_legacy_and_outlook_readings() -> None:
    (legacy,) = rows((DATA / "google-legacy-utf8.csv").read_bytes())
    assert legacy.contact.reading == "やまだ たろう"
    assert legacy.contact.company_reading == "えーびーしーてくのろじー"
    assert legacy.contact.tags == ("友人",)
    (outlook,) = rows((DATA / "outlook-utf8bom.csv").read_bytes())
    c = outlook.contact
    assert (c.family_reading, c.given_reading, c.company_reading) == (
        "タカハシ",
        "イチロウ",
        "サンプルショウジ",
    )
    assert c.birthday == "1980-04-01" and c.notes == "メモ1行目\nメモ2行目"
    (desktop,) = rows((DATA / "outlook-desktop.csv").read_bytes())
    assert desktop.contact.phones[0].e164 == "+12175550123"


@pytest.mark.parametrize(
    ("name", "layout"),
    [("gmail.csv", "google"), ("outlook.csv", "outlook"), ("tb_plain.csv", "thunderbird")],
)
def test_real_exports_of_google_outlook_and_thunderbird(name: str, layout: str) -> None:
    data = (ROUNDCUBE / name).read_bytes()
    assert sniff(data, name).header.layout == layout
    (row,) = rows(data, name)
    assert row.contact.emails


def test_a_row_with_nothing_to_go_by_fails_with_its_line() -> None:
    data = b"First Name,Last Name,E-mail Address\nA,B,a@b.example\n,,\n , ,\nx,,not-an-address\n"
    found = list(iter_rows(sniff(data, "f.csv"), "f.csv"))
    assert isinstance(found[0], Row) and isinstance(found[1], Row)  # blank rows are skipped
    assert found[1].contact.given_name == "x"
    bad = b"First Name,Last Name,E-mail Address,Notes\n,,,only a note\n"
    (failure,) = list(iter_rows(sniff(bad, "g.csv"), "g.csv"))
    assert isinstance(failure, Failure)
    assert (failure.line, failure.reason) == (2, "no name, company, phone or e-mail")


def test_split_full_name_by_the_dictionary() -> None:
    assert split_full_name("髙橋一郎") == ("髙橋", "一郎")
    assert split_full_name("田中健太郎") == ("田中", "健太郎")
    assert split_full_name("鈴木") == ("鈴木", "")


# -- writing and round trips -------------------------------------------------------------------

NUMBERS = ["03-1234-5678", "090-1234-5678", "+1 415 555 0132", "06-6123-4567"]
plain = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"),
    blacklist_characters="\u0085\ufeff",
)
text = st.text(alphabet=st.one_of(plain, st.sampled_from("山田髙﨑,;:\"=+-@'")), max_size=20)
word = text.map(str.strip).filter(lambda s: ":::" not in s)
kana = st.text(alphabet=st.sampled_from("アイウエオカキクケコヤマダタロウ"), max_size=8)
note = st.lists(word, max_size=3).map("\n".join).map(str.strip)


@st.composite
def contacts(draw: st.DrawFn, full: bool = True) -> Contact:
    labels = ["", "mobile", "work", "home", "work fax", "main", "秘書"]
    family = draw(word) or "山田"
    given = draw(word)
    reading = draw(kana)
    return Contact(
        uid=draw(st.uuids()).hex if full else "",
        family_name=family,
        given_name=given,
        middle_name=draw(st.sampled_from(["", "James", "Maria Luisa"])),
        name_prefix=draw(st.sampled_from(["", "Dr."])),
        name_suffix=draw(st.sampled_from(["", "Jr.", "PhD"])),
        formatted_name=draw(st.sampled_from(["", "Prof. Y. Yamada"])) if full else "",
        family_reading=reading if len(reading) >= len(family) else "",
        given_reading="",
        reading_confirmed=draw(st.booleans()) if full else True,
        company=draw(word),
        company_reading=draw(kana) if full else "",
        company_reading_confirmed=draw(st.booleans()) if full else True,
        department=draw(word),
        title=draw(word),
        notes=draw(note),
        phones=tuple(
            parse_phone(n, "JP", label=draw(st.sampled_from(labels)))
            for n in draw(st.lists(st.sampled_from(NUMBERS), unique=True, max_size=3))
        ),
        emails=tuple(
            Email(f"{a}@example.jp", draw(st.sampled_from(["", "work", "home"])))
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
                        building=word,
                        country=st.sampled_from(["", "JP"]),
                    ).filter(lambda a: any((a.postal_code, a.region, a.locality, a.street))),
                    max_size=2,
                )
            )
        ),
        urls=tuple(
            Url(u, draw(st.sampled_from(["", "work", "home"])))
            for u in draw(
                st.lists(
                    st.sampled_from(["https://x.example.jp", "https://y.example/a?b=1"]),
                    unique=True,
                )
            )
        ),
        meetings=tuple(
            Meeting(
                e,
                draw(st.integers(1, 99)) if full else None,
                draw(word).replace("(", "").replace(")", ""),
                draw(word) if full else "",
            )
            for e in draw(
                st.lists(word.filter(lambda s: bool(s) and "(" not in s), unique=True, max_size=2)
            )
        ),
        industries=tuple(draw(st.lists(st.sampled_from(["L-legal", "G"]), unique=True)))
        if full
        else (),
        tags=tuple(draw(st.lists(word.filter(bool), unique=True, max_size=3))),
        birthday=draw(st.sampled_from(["", "1985-04-12", "--04-12", "2000-02-29"])),
        cadence=draw(st.sampled_from(["", "60d", "3m"])) if full else "",
        photo=draw(st.one_of(st.none(), st.builds(Photo, st.binary(min_size=1, max_size=40))))
        if full
        else None,
        extra=draw(st.sampled_from([{}, {"vcard": "NICKNAME:Taro"}])) if full else {},
    )


def read_back(data: bytes) -> Contact:
    (row,) = rows(data)
    return row.contact


# 60 examples (was 120): each branch of `contacts` (photo or none, extra or none, the sampled
# birthdays, cadences and labels) is still drawn in all but a vanishing share of runs.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts())
def test_cardbox_csv_round_trip_keeps_every_field(contact: Contact) -> None:
    back = read_back(write_csv([contact], "csv").data)
    assert back == contact
    assert back.extra == contact.extra


def google_view(c: Contact) -> Contact:
    """What Google's CSV carries (the report's table): no uid, no reading flag, no company
    reading, no meeting order or introducer, no industries, cadence or photo."""
    return replace(
        c,
        phones=tuple(Phone(p.e164, "", p.label) for p in c.phones),
        tags=tuple(t for t in c.tags if t not in c.events),
        extra={},
    )


# 60 examples (was 120), as for the cardbox CSV round trip above.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts(full=False))
def test_google_csv_round_trip_keeps_what_google_carries(contact: Contact) -> None:
    back = read_back(write_csv([contact], "google-csv").data)
    assert google_view(back) == google_view(contact)


@pytest.mark.parametrize("tag", ["*", "*VIP", "starred", "my contacts"])
def test_a_tag_that_looks_like_a_google_system_label_survives_google_csv(tag: str) -> None:
    """Google marks its own labels ``* myContacts`` / ``* starred``; only those are its own
    (a tag "*" once came back as nothing, found by the round trip above)."""
    contact = Contact(family_name="山田", tags=(tag,))
    back = read_back(write_csv([contact], "google-csv").data)
    assert back.tags == (tag,)


def test_exports_guard_formulas_and_read_back_as_written() -> None:
    evil = Contact(
        given_name='=HYPERLINK("http://evil.example","click")',
        company="@SUM(A1)",
        phones=(parse_phone("+81 3-1234-5678", "JP", "work"),),
        notes="-1",
    )
    for target in ("csv", "google-csv", "outlook-csv", "sansan-csv"):
        data = write_csv([evil], target).data
        text = data.decode("cp932" if target == "sansan-csv" else "utf-8-sig")
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not any(c.startswith(DANGER) for c in cells), target
        back = read_back(data)
        assert back.given_name == evil.given_name, target
        assert back.company == evil.company and back.phones[0].e164 == "+81312345678"


def test_sansan_export_is_cp932_and_keeps_variant_kanji() -> None:
    people = [
        Contact(
            family_name="髙橋",
            given_name="一郎",
            company="株式会社﨑山工業",
            family_reading="タカハシ",
        ),
        Contact(family_name="山田", given_name="😀", company="X"),
    ]
    written = write_csv(people, "sansan-csv")
    text = written.data.decode("cp932")
    assert "髙橋" in text and "﨑山" in text and "氏名［姓］" in text
    assert text.splitlines()[0].startswith("名刺所有者ユーザID,会社名")
    assert written.warnings == ["山田 😀: 😀 (U+1F600) not in cp932, written as ?"]
    back = rows(written.data)
    assert back[0].contact.family_name == "髙橋" and back[0].contact.company == "株式会社﨑山工業"


def test_csv_export_is_utf8_with_bom_and_crlf() -> None:
    data = write_csv([Contact(family_name="山田")], "csv").data
    assert data.startswith(b"\xef\xbb\xbfUID,Family Name")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert write_csv([Contact(family_name="山田")], "google-csv").data.startswith(b"First Name")


# -- Excel's habits and hostile bytes ----------------------------------------------------------

HEAD = b"First Name,Last Name,E-mail Address\n"


def test_excel_habits_sep_line_cr_only_and_utf16_tabs() -> None:
    sep = rows(b"sep=,\r\n" + HEAD.replace(b"\n", b"\r\n") + b"A,B,a@b.example\r\n")
    assert [(r.line, r.contact.name) for r in sep] == [(3, "A B")]
    mac = rows(HEAD.replace(b"\n", b"\r") + b"A,B,a@b.example\rC,D,c@d.example\r")
    assert [(r.line, r.contact.name) for r in mac] == [(2, "A B"), (3, "C D")]
    tabs = "First Name\tLast Name\tE-mail Address\r\n山田\t髙橋\tx@y.example\r\n"
    (row,) = rows(tabs.encode("utf-16"))
    assert (row.contact.given_name, row.contact.family_name) == ("山田", "髙橋")


def test_an_unclosed_quote_is_reported_not_hidden() -> None:
    (row,) = rows(HEAD + b'A,B,"a@b.example\nC,D,c@d.example\n')
    assert "a quote in this row is not closed" in row.contact.extra["warnings"]
    (failure,) = list(iter_rows(sniff(HEAD + b'A,B,"x' + b"\ny" * 20_000, "q.csv"), "q.csv"))
    assert isinstance(failure, Failure) and "a quote not closed?" in failure.reason


def test_a_forced_layout_takes_a_header_detection_would_not() -> None:
    data = "姓,名,e-mail\n山田,太郎,t@a.example\n".encode()
    with pytest.raises(InvalidInput):
        sniff(data, "x.csv")
    (row,) = rows(data, layout="eight")
    assert (row.contact.family_name, row.contact.given_name) == ("山田", "太郎")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([HEAD, (DATA / "eight-new-utf8.csv").read_bytes()[:400]]),
    st.binary(max_size=300),
)
def test_any_bytes_after_a_header_give_rows_or_failures_never_an_exception(
    head: bytes, tail: bytes
) -> None:
    try:
        sniffed = sniff(head + tail, "fuzz.csv")
    except InvalidInput:
        return  # not UTF-8 nor cp932: refused with a message
    for item in iter_rows(sniffed, "fuzz.csv"):
        assert isinstance(item, (Row, Failure))
        assert item.line >= 2


def test_sansan_export_writes_an_address_on_one_line_with_its_postal_code_apart() -> None:
    people = [
        Contact(
            family_name="髙橋",
            addresses=(
                Address("work", "150-0002", "東京都", "渋谷区", "渋谷2-21-1", "渋谷ビル10F", "JP"),
            ),
        ),
        Contact(
            family_name="Smith",
            addresses=(Address("work", "62701", "IL", "Springfield", "1 Main St"),),
        ),
    ]
    table = list(csv.reader(io.StringIO(write_csv(people, "sansan-csv").data.decode("cp932"))))
    assert [(r[9], r[10]) for r in table[1:]] == [
        ("150-0002", "東京都渋谷区渋谷2-21-1 渋谷ビル10F"),
        ("62701", "1 Main St, Springfield, IL"),
    ]


def test_a_number_valid_nowhere_is_an_unchecked_phone_in_every_layout() -> None:
    header = "First Name,Last Name,Phone 1 - Label,Phone 1 - Value\r\n"
    back = read_back(("\ufeff" + header + "Ann,Lee,Work,123\r\n").encode("utf-8"))
    assert [(p.e164, p.text, p.label) for p in back.phones] == [("", "123", "work")]
    assert "unchecked" in back.extra.get("warnings", "")
    again = read_back(write_csv([replace(back, extra={})], "csv").data)
    assert [(p.e164, p.text) for p in again.phones] == [("", "123")]
