"""vCard import, one quirk at a time: small byte strings in, raw cards and contacts out.

Every quirk here also occurs in a real file of ``tests/data/vcard`` (vendored from the team corpus) (see
``test_vcard_corpus.py``); the byte strings are written out so that each test shows exactly the
bytes it is about.
"""

from __future__ import annotations

import base64
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardbox.domain.model import Contact, Phone
from cardbox.formats.vcard import mapping, media, parse
from cardbox.formats.vcard.mapping import Group, to_contact
from cardbox.formats.vcard.parse import Failure, RawCard, iter_cards, read_cards

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAAD0lEQVQIHQEEAPv/AP///wX+Av4DfRnGAAAAAElFTkSuQmCC"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(40))


def vcf(*lines: str | bytes, version: str | None = "3.0", eol: bytes = b"\r\n") -> bytes:
    """One card from its content lines (str lines are UTF-8)."""
    head: list[str] = ["BEGIN:VCARD"] + ([f"VERSION:{version}"] if version else [])
    parts = [p.encode() if isinstance(p, str) else p for p in (*head, *lines, "END:VCARD")]
    return eol.join(parts) + eol


def cards_of(data: bytes) -> list[RawCard]:
    cards, failures = read_cards(data, "test.vcf")
    assert failures == []
    return cards


def contact(data: bytes, region: str = "JP") -> Contact:
    cards = cards_of(data)
    assert len(cards) == 1
    result = to_contact(cards[0], region=region)
    assert isinstance(result, Contact), result
    return result


def extra_lines(c: Contact) -> list[str]:
    return c.extra["vcard"].split("\r\n") if "vcard" in c.extra else []


# -- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_with_or_without_bom(bom: bytes) -> None:
    c = contact(bom + vcf("N:山田;太郎;;;", "FN:山田 太郎"))
    assert (c.family_name, c.given_name) == ("山田", "太郎")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_or_without_bom_is_sniffed(encoding: str) -> None:
    text = vcf("N:やまだ;はなこ;;;", "TEL;TYPE=CELL:090-1234-5678").decode()
    c = contact(text.encode(encoding))
    assert (c.family_name, c.given_name) == ("やまだ", "はなこ")
    assert c.phones == (Phone("+819012345678", "090-1234-5678", "mobile"),)


def test_shift_jis_is_decoded_per_property_from_its_charset() -> None:
    data = vcf(
        b"N;CHARSET=SHIFT_JIS:" + "安藤;ロイド;;;".encode("cp932"),
        "NOTE:ユーティーエフ８".encode(),  # another property of the same card in UTF-8
        version="2.1",
    )
    c = contact(data)
    assert (c.family_name, c.given_name, c.notes) == ("安藤", "ロイド", "ユーティーエフ８")


def test_shift_jis_trail_byte_backslash_is_not_an_escape() -> None:
    # 能 is 0x94 0x5C in Shift_JIS: the 0x5C must not escape the ";" after it.
    data = vcf(b"N;CHARSET=SHIFT_JIS:" + "伊能;圭一;;;".encode("cp932"))
    assert (contact(data).family_name, contact(data).given_name) == ("伊能", "圭一")


def test_without_charset_cp932_is_tried_on_japanese_phone_cards_only() -> None:
    japanese = vcf(b"X-GNO:0", b"N:" + "山田;太郎".encode("cp932"), version="2.1")
    assert contact(japanese).family_name == "山田"
    latin = vcf(b"N:M\xfcller;J\xf6rg;;;")  # raw Latin-1 in a 3.0 card (tine20)
    assert (contact(latin).family_name, contact(latin).given_name) == ("Müller", "Jörg")


@pytest.mark.parametrize(
    "line",
    [
        b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:3=E8me =E9tage",  # thundersync: Latin-1
        b"NOTE;CHARSET=NOPE:3\xe8me \xe9tage",  # unknown charset
        b"NOTE;CHARSET=punycode:3\xe8me \xe9tage",  # not a character set
        b"NOTE;CHARSET=WINDOWS-1252:3\xe8me \xe9tage",
        b'NOTE;CHARSET="iso-8859-1":3\xe8me \xe9tage',
    ],
)
def test_a_wrong_or_unknown_charset_falls_back(line: bytes) -> None:
    assert contact(vcf("FN:x", line, version="2.1")).notes == "3ème étage"


def test_utf8_with_one_stray_byte_stays_utf8() -> None:
    data = vcf(b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91=C3=91=80", version="2.1")
    assert contact(data).given_name == "ÑÑ\ufffd"


# -- lines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("eol", [b"\r\n", b"\n", b"\r", b"\r\r\n"])
def test_every_line_ending_and_line_numbers(eol: bytes) -> None:
    data = vcf("FN:Ann Lee", "NOTE:a", " b", "TEL;TYPE=WORK:+81 3-1234-5678", eol=eol)
    cards = cards_of(data + data)
    assert [c.line for c in cards] == [1, 8]
    assert [(p.name, p.line) for p in cards[1].props] == [
        ("VERSION", 9),
        ("FN", 10),
        ("NOTE", 11),
        ("TEL", 13),
    ]
    c = to_contact(cards[0])
    assert isinstance(c, Contact)
    assert (c.given_name, c.family_name, c.notes) == ("Ann", "Lee", "ab")


def test_mixed_line_endings() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\nFN:Ann\r\nNOTE:x\rEND:VCARD\r\n"
    assert contact(data).notes == "x"


def test_folding_30_drops_one_whitespace_21_keeps_it() -> None:
    assert contact(vcf("FN:x", "NOTE:Jo", "  hn", "\tny")).notes == "Jo hnny"
    assert contact(vcf("FN:x", "NOTE:Jo", "  hn", "\tny", version="2.1")).notes == "Jo  hn\tny"


def test_a_fold_inside_a_utf8_character_is_joined_before_decoding() -> None:
    # ownCloud 0.3 (kcontacts/vcard9.vcf) folds in the middle of a character.
    name = "Пётр".encode()
    data = vcf(b"FN:" + name[:3] + b"\r\n " + name[3:])
    assert contact(data).given_name == "Пётр"


def test_quoted_printable_soft_breaks_inside_a_character_and_inside_an_escape() -> None:
    inside_char = b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=B1=\r\n=B1=E7=94=B0"
    assert contact(vcf("FN:x", inside_char, version="2.1")).notes == "山田"
    # Sony Ericsson (gammu/quoted-printable-new-line.vcf): the break splits "=D0=A1".
    inside_escape = b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=9A==\r\nD0=A1;;;;"
    assert contact(vcf(inside_escape, version="2.1")).family_name == "КС"


def test_quoted_printable_soft_break_followed_by_an_empty_line() -> None:
    data = vcf(
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:H=C3=B6rmann;Joseph=",
        b"",
        b"TEL;HOME:+81 3-1234-5678",
        version="2.1",
        eol=b"\n",
    )
    c = contact(data)
    assert (c.family_name, c.given_name) == ("Hörmann", "Joseph")
    assert [p.e164 for p in c.phones] == ["+81312345678"]


def test_quoted_printable_shift_jis_and_a_continuation_starting_with_hash() -> None:
    adr = b"ADR;HOME;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:;=93=8C=8B=9E=93=73=\r\n=8F=61=92=4A;;;;150-8512;"
    note = b"NOTE;ENCODING=QUOTED-PRINTABLE:sharp ->=\r\n#<- sharp"
    c = contact(vcf("FN:x", adr, b"# a comment line", note, version="2.1"))
    assert c.addresses[0].street == "東京都渋谷"
    assert c.addresses[0].postal_code == "150-8512"
    assert c.notes == "sharp ->#<- sharp"


def test_unindented_21_base64_continues_until_an_empty_line() -> None:
    payload = base64.b64encode(PNG).decode()
    data = vcf(
        "FN:x", "PHOTO;ENCODING=BASE64;TYPE=PNG:", payload[:40], payload[40:], "", version="2.1"
    )
    assert contact(data).photo is not None


def test_raw_line_breaks_inside_values_continue_them() -> None:
    # cozy-vcard/google-full.vcf: a fold that lost its leading space; AOSP's trailing backslash.
    data = vcf(
        "FN:x",
        "ADR;TYPE=HOME:;;678 Plain Home Address;Bridgeport CT 06",
        "834;;;;",
        "NOTE:Custom field data",
        "\\nArbitrary_String: Another custom field",
    )
    c = contact(data)
    assert c.addresses[0].locality == "Bridgeport CT 06834"
    assert c.notes == "Custom field data\nArbitrary_String: Another custom field"
    backslash = vcf(
        "FN:x",
        "ADR;HOME:;;Hermann v. Brevern\\",
        "9999999\\",
        "Packstation 999;Hamburg;;99999;DE",
        version="2.1",
    )
    assert contact(backslash).addresses[0].street == "Hermann v. Brevern\n9999999\nPackstation 999"


def test_broken_lines_are_dropped_and_kept_in_the_card_text() -> None:
    data = vcf("FN:Ann", "LABEL,TYPE=WORK:somewhere", "E", "TEL;TYPE=")
    cards = cards_of(data)
    assert [p.name for p in cards[0].props] == ["VERSION", "FN"]
    assert cards[0].text == data.decode().replace("\r\n", "\n").removesuffix("\n")
    assert "vcard" not in contact(data).extra


# -- card boundaries -----------------------------------------------------------------------------


def test_missing_begin_missing_end_preamble_and_other_components() -> None:
    no_begin = b"VERSION:3.0\r\nFN:No Begin\r\nEND:VCARD\r\n"
    preamble = b"ENCODING:UTF-8\r\n" + vcf("FN:After Preamble")
    vlist = b"BEGIN:VLIST\r\nFN:a list\r\nEND:VLIST\r\n"
    no_end = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n"
    cards = cards_of(no_begin + preamble + vlist + no_end)
    names = [c.given_name for c in map(to_contact, cards) if isinstance(c, Contact)]
    assert names == ["No", "After", "No"]
    assert [c.line for c in cards] == [1, 5, 12]


def test_nested_cards_become_cards_of_their_own() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:nest1\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:nest2\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:nest3\r\nEND:VCARD\r\n"
        b"END:VCARD\r\nEND:VCARD\r\n"
    )
    people = [to_contact(c) for c in cards_of(data)]
    # A card is read at its END: the innermost first.
    assert [p.family_name for p in people if isinstance(p, Contact)] == ["nest3", "nest2", "nest1"]


def test_lower_case_and_mixed_case_begin_and_an_empty_end() -> None:
    data = (
        b"begin:vcard\nfn:lower\nend:vcard\nBEGIN:vCard\nVERSION:3.0\nEND:\nFN:Mixed\nEND:vCard\n"
    )
    people = [to_contact(c) for c in cards_of(data)]
    assert [p.given_name for p in people if isinstance(p, Contact)] == ["lower", "Mixed"]


def test_version_is_read_wherever_it_is_and_guessed_when_absent() -> None:
    last = b"BEGIN:VCARD\r\nN:Gump;Forrest\r\nVERSION:2.1\r\nEND:VCARD\r\n"
    assert cards_of(last)[0].version == "2.1"
    assert cards_of(vcf("FN:x", version=None))[0].version == "3.0"


# -- properties and parameters -------------------------------------------------------------------


def test_bare_21_parameters_and_type_lists() -> None:
    card = cards_of(
        vcf("TEL;CELL;PREF:1", "PHOTO;BASE64;JPEG:AAAA", "TEL;TYPE=WORK,VOICE:2", version="2.1")
    )[0]
    tel, photo, work = card.props[1:]
    assert tel.params == (("TYPE", "CELL"), ("TYPE", "PREF"))
    assert tel.types() == {"cell", "pref"}
    assert photo.params == (("ENCODING", "BASE64"), ("TYPE", "JPEG"))
    assert photo.param("ENCODING") == ["BASE64"]
    assert work.params == (("TYPE", "WORK"), ("TYPE", "VOICE"))


def test_quoted_parameter_values_may_hold_colons_and_semicolons() -> None:
    card = cards_of(
        vcf('TEL;TYPE="COMMA,SEPARATED:INSIDE.DQUOTE",PREF:1', 'ADR;LABEL="a;b:c":;;x;;;;')
    )[0]
    tel, adr = card.props[1:]
    assert tel.value == "1"
    assert tel.types() == {"comma", "separated:inside.dquote", "pref"}
    assert adr.param("LABEL") == ["a;b:c"]
    assert adr.value == ";;x;;;;"


def test_groups_names_and_raw_lines() -> None:
    card = cards_of(
        vcf("item1.X-ABLabel:_$!<Mobile>!$_", "X-messaging/xmpp-All:me@example.org", version="3.0")
    )[0]
    label, xmpp = card.props[1:]
    assert (label.group, label.name, label.value) == ("item1", "X-ABLABEL", "_$!<Mobile>!$_")
    assert xmpp.name == "X-MESSAGING/XMPP-ALL"
    assert xmpp.raw == "X-messaging/xmpp-All:me@example.org"


def test_raw_line_of_a_21_quoted_printable_property_is_plain_30() -> None:
    line = b"X-ANDROID-CUSTOM;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:vnd.android;=E5=B1=B1=0D=0A2"
    prop = cards_of(vcf(line, version="2.1"))[0].props[1]
    assert prop.value == "vnd.android;山\r\n2"
    assert prop.raw == "X-ANDROID-CUSTOM:vnd.android;山\\n2"


def test_gmail_escaped_colon_and_profile_line() -> None:
    c = contact(
        vcf("FN:x", "URL:http\\://www.ibm.com", "item1.URL:http\\\\://x.example", "PROFILE:VCard")
    )
    assert [u.url for u in c.urls] == ["http://www.ibm.com", "http://x.example"]
    assert extra_lines(c) == ["PROFILE:VCard"]


# -- limits and hostile input --------------------------------------------------------------------

GOOD = vcf("FN:Good One")


def test_catastrophic_backtracking_line_is_read_in_linear_time() -> None:
    # notes/hostile-input.md: vobject needs 20 s for 26 "=a" pairs; each pair doubles the time.
    redos = vcf("FN:x", "TEL;TYPE=" + "a=a" * 40 + '"x:123')
    no_colon = vcf("FN:x", "X" + ";P=a" * 30)
    started = time.perf_counter()
    cards, failures = read_cards(GOOD + redos + no_colon + GOOD, "hostile.vcf")
    results = [to_contact(c) for c in cards]
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0  # a hang guard, not a benchmark
    assert failures == [] and len(results) == 4


def test_ten_thousand_parameters_fail_only_their_card() -> None:
    started = time.perf_counter()
    cards, failures = read_cards(GOOD + vcf("FN:x", "TEL" + ";P=a" * 10_000 + ":1") + GOOD, "f.vcf")
    assert time.perf_counter() - started < 1.0  # hang guard
    assert len(cards) == 2
    assert [(f.line, f.reason) for f in failures] == [(5, "line 8: more than 100 parameters")]
    assert "P=a;P=a" in failures[0].raw


def test_deeply_nested_begin_is_reported_once() -> None:
    data = vcf("FN:x").join([b"BEGIN:VCARD\r\n" * 5000, b"END:VCARD\r\n" * 5000]) + GOOD
    started = time.perf_counter()
    cards, failures = read_cards(data, "nested.vcf")
    assert time.perf_counter() - started < 1.0  # hang guard
    assert [f.reason for f in failures] == [
        "cards nested more than 20 deep; the nesting was ignored"
    ]
    assert [c.props[-1].value for c in cards] == ["x", "Good One"]


def test_huge_line_and_card_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    huge = vcf("FN:x", "NOTE:" + "a" * (parse.MAX_CARD + 10))
    started = time.perf_counter()
    cards, failures = read_cards(GOOD + huge + GOOD, "big.vcf")
    assert time.perf_counter() - started < 1.0  # hang guard
    assert len(cards) == 2
    assert [(f.line, f.reason) for f in failures] == [(5, "line 8: longer than 8 MB")]
    assert failures[0].raw.startswith("BEGIN:VCARD\nVERSION:3.0\nFN:x\nNOTE:aaa")
    assert len(failures[0].raw) < 5000
    many = vcf("FN:x", *["NOTE:" + "a" * parse.MB] * 9)
    cards, failures = read_cards(GOOD + many + GOOD, "big.vcf")
    assert len(cards) == 2
    assert [(f.line, f.reason) for f in failures] == [(5, "card larger than 8 MB")]
    assert len(failures[0].raw) < 5000


def test_file_line_count_property_count_and_header_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "MAX_FILE", 100)
    assert read_cards(GOOD * 3, "f.vcf") == ([], [Failure("f.vcf", 0, "file larger than 0 MB", "")])
    monkeypatch.undo()
    many_lines = vcf("FN:x", "NOTE:a" + "\r\n b" * (parse.MAX_CARD_LINES + 1))
    many_props = vcf("FN:x", *["X-A:b"] * (parse.MAX_PROPS_PER_CARD + 1))
    long_header = vcf("FN:x", "X-A;P=" + "a" * (parse.MAX_HEADER + 1) + ":v")
    started = time.perf_counter()
    _, failures = read_cards(many_lines + many_props + long_header, "f.vcf")
    assert time.perf_counter() - started < 2.0  # hang guard for three worst-case cards
    assert [f.reason for f in failures] == [
        "card of more than 250,000 lines",
        "more than 5,000 properties in one card",
        f"line {parse.MAX_CARD_LINES + 5015}: parameters longer than 64 KB",
    ]


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b" \r\n\r\n\t",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        bytes(range(256)) * 50,
        b"\x00" * 1000,
        b"\xff\xfe" + b"\x00\xd8" * 10,  # UTF-16 with lone surrogates
        b"END:VCARD\r\nEND:VCARD\r\n",
    ],
)
def test_empty_and_garbage_files_give_nothing(data: bytes) -> None:
    assert read_cards(data, "x.vcf") == ([], [])


def test_nul_bytes_and_invalid_utf8_do_not_stop_a_card() -> None:
    data = b"BEGIN:VCARD\x00\r\nFN:A\x00nn \xff\xfeLee\r\nEND:VCARD\r\n" + GOOD
    people = [to_contact(c) for c in cards_of(data)]
    assert [p.family_name for p in people if isinstance(p, Contact)] == ["ÿþLee", "One"]
    assert isinstance(people[0], Contact) and people[0].given_name == "Ann"


def test_iter_cards_streams_one_card_at_a_time() -> None:
    stream = iter_cards(GOOD + vcf("FN:x", "TEL" + ";P=a" * 200 + ":1") + GOOD, "s.vcf")
    assert [type(item).__name__ for item in stream] == ["RawCard", "Failure", "RawCard"]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    cards, _ = read_cards(data, "fuzz.vcf")
    for card in cards:
        assert isinstance(to_contact(card), (Contact, Group, Failure))


_PIECES = st.sampled_from(
    [
        b"BEGIN:VCARD\r\n",
        b"END:VCARD\r\n",
        b"VERSION:2.1\r\n",
        b"VERSION:4.0\r\n",
        b"N:",
        b"FN:",
        b"TEL;CELL:",
        b"EMAIL:",
        b"ADR:",
        b"PHOTO;ENCODING=b:",
        b"PHOTO:data:image/png;base64\\,",
        b"BDAY:",
        b"CATEGORIES:",
        b"item1.X-ABLabel:",
        b"item1.TEL:",
        b"SOUND;X-IRMC-N:",
        b";CHARSET=SHIFT_JIS",
        b";ENCODING=QUOTED-PRINTABLE",
        b"=",
        b"=\r\n",
        b"\r\n ",
        b";",
        b",",
        b":",
        b"\\",
        b'"',
        b"\r\n",
        b"\r",
        b"\n",
        b"KIND:group\r\n",
        b"MEMBER:urn:uuid:x\r\n",
        "山田".encode("cp932"),
        "山田".encode(),
        b"\xff",
        b"\x00",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.binary(max_size=8)), max_size=60))
def test_random_card_shaped_input_never_raises(pieces: list[bytes]) -> None:
    cards, _ = read_cards(b"".join(pieces), "fuzz.vcf")
    for card in cards:
        assert isinstance(to_contact(card), (Contact, Group, Failure))


# -- mapping: names and readings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fn", "family", "given"),
    [
        ("山田 太郎", "山田", "太郎"),
        ("山田\u3000太郎", "山田", "太郎"),
        ("自宅", "自宅", ""),
        ("John Smith", "Smith", "John"),
        ("Cher", "", "Cher"),
        ("Mustermann, Heiko", "", "Mustermann, Heiko"),
    ],
)
def test_fn_only_is_split_sensibly(fn: str, family: str, given: str) -> None:
    c = contact(vcf(f"FN:{fn.replace(',', chr(92) + ',')}"))
    assert (c.family_name, c.given_name) == (family, given)


def test_n_has_five_parts_of_its_own_and_commas_are_never_cut() -> None:
    c = contact(vcf("FN:Mustermann, Heiko", "N:Doe;John;Richter\\, James;Mr.;Sr."))
    assert (c.family_name, c.given_name, c.middle_name) == ("Doe", "John", "Richter, James")
    assert (c.name_prefix, c.name_suffix) == ("Mr.", "Sr.")
    assert "name_prefix" not in c.extra
    assert c.formatted_name == c.name == "Mustermann, Heiko"  # FN says otherwise: it stays
    listed = contact(vcf("N:Doe;John;Richter,James;Dr.,Prof.;Jr.", "FN:Prof. John Doe"))
    assert (listed.middle_name, listed.name_prefix) == ("Richter James", "Dr. Prof.")
    assert contact(vcf("FN:Mustermann\\, Heiko", "N:Mustermann;Heiko;;;")).given_name == "Heiko"


def test_a_company_card_has_no_person_name() -> None:
    c = contact(
        vcf("N:;;;;", "FN:Apple Computer AG", "ORG:Apple Computer AG;", "X-ABShowAs:COMPANY")
    )
    assert (c.family_name, c.given_name, c.company) == ("", "", "Apple Computer AG")
    assert extra_lines(c) == ["X-ABShowAs:COMPANY"]


def test_the_japanese_alternative_name_wins() -> None:
    c = contact(
        vcf(
            "FN;ALTID=1;LANGUAGE=en:Yamada Taro",
            "N;ALTID=1;LANGUAGE=en:Yamada;Taro;;;",
            'N;ALTID=1;LANGUAGE=ja;SORT-AS="ヤマダ,タロウ":山田;太郎;;;',
            version="4.0",
        )
    )
    assert (c.family_name, c.given_name, c.family_reading, c.given_reading) == (
        "山田",
        "太郎",
        "ヤマダ",
        "タロウ",
    )


@pytest.mark.parametrize(
    ("lines", "family", "given"),
    [
        (["X-PHONETIC-LAST-NAME:やまだ", "X-PHONETIC-FIRST-NAME:たろう"], "やまだ", "たろう"),
        (
            ["X-PHONETIC-FIRST-NAME:Förstnehm", "X-PHONETIC-MIDDLE-NAME:Mittelnehm"],
            "",
            "Förstnehm Mittelnehm",
        ),
        (["SORT-STRING:ヤマダ タロウ"], "ヤマダ", "タロウ"),
        (["SORT-STRING:ヤマダ"], "ヤマダ", ""),
        (['N;SORT-AS="ﾔﾏﾀﾞ;ﾀﾛｳ":山田;太郎;;;'], "ヤマダ", "タロウ"),  # AOSP writes ";"
        (["SOUND;X-IRMC-N:ﾔﾏﾀﾞ ﾀﾛｳ;;;;"], "ヤマダ", "タロウ"),  # docomo: all in the first
        (["SOUND;TYPE=X-IRMC-N:ｱﾝﾄﾞｳ;ﾛｲﾄﾞ1;;;"], "アンドウ", "ロイド1"),
        (["X-PHONETIC-LAST-NAME:ヤマダ", "SORT-STRING:ちがう よみ"], "ヤマダ", ""),
    ],
)
def test_readings_from_every_source(lines: list[str], family: str, given: str) -> None:
    base = [] if lines[0].startswith("N;") else ["N:山田;太郎;;;"]
    c = contact(vcf(*base, *lines, version="2.1" if "SOUND" in lines[0] else "3.0"))
    assert (c.family_reading, c.given_reading) == (family, given)
    assert not any(n in c.extra.get("vcard", "") for n in ("SORT-STRING", "X-IRMC-N", "PHONETIC"))


def test_a_western_sort_string_is_the_family_names_reading() -> None:
    c = contact(vcf("N:Roid;And;;;", "SORT-STRING:android"))
    assert (c.family_reading, c.given_reading) == ("android", "")
    assert extra_lines(c) == []


def test_organisation_title_and_company_reading() -> None:
    c = contact(
        vcf(
            "FN:x",
            "ORG:株式会社サンプル;営業部;第一課",
            "X-PHONETIC-ORG:ｶﾌﾞｼｷｶﾞｲｼｬｻﾝﾌﾟﾙ",
            "TITLE:部長\\, 東日本担当",
        )
    )
    assert (c.company, c.department, c.company_reading) == (
        "株式会社サンプル",
        "営業部 第一課",
        "カブシキガイシャサンプル",
    )
    assert c.title == "部長, 東日本担当"
    assert contact(vcf("FN:x", "ORG:ORGANI\\,SATION;UN\\;IT")).department == "UN;IT"


# -- mapping: phones, e-mails, addresses, URLs ---------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("TEL;TYPE=CELL:090-1234-5678", "mobile"),
        ("TEL;TYPE=CELL,VOICE,pref:090-1234-5678", "mobile"),
        ("TEL;TYPE=WORK;TYPE=FAX:090-1234-5678", "work fax"),
        ("TEL;TYPE=HOME,VOICE:090-1234-5678", "home"),
        ("TEL;TYPE=VOICE:090-1234-5678", ""),
        ("TEL;type=IPHONE;type=CELL:090-1234-5678", "iPhone"),
        ("TEL;TYPE=PAGER:090-1234-5678", "pager"),
        ("TEL;TYPE=MAIN:090-1234-5678", "main"),
        ("TEL;CELL;PREF:090-1234-5678", "mobile"),  # 2.1 bare types
        ("TEL;WORK;FAX:090-1234-5678", "work fax"),
    ],
)
def test_phone_labels_from_types(line: str, label: str) -> None:
    assert contact(vcf("FN:x", line)).phones == (Phone("+819012345678", "090-1234-5678", label),)


@pytest.mark.parametrize(
    ("label_line", "label"),
    [
        ("item1.X-ABLabel:_$!<Mobile>!$_", "mobile"),
        ("item1.X-ABLabel:_$!<HomeFAX>!$_", "home fax"),
        ("item1.X-ABLabel:_$!<AssistantPhone>!$_", "assistant phone"),
        ("item1.X-ABLabel:_$!<iPhone>!$_", "iPhone"),
        ("item1.X-ABLabel:会社", "会社"),
        ("item1.X-ABLabel:", "work"),  # empty label: the types speak
    ],
)
def test_apple_item_labels_win(label_line: str, label: str) -> None:
    c = contact(vcf("FN:x", "item1.TEL;TYPE=WORK:03-1234-5678", label_line))
    assert [p.label for p in c.phones] == [label]
    assert "X-ABLabel" not in c.extra.get("vcard", "") or label_line.endswith(":")


def test_numbers_are_e164_in_the_card_or_given_region_and_bad_ones_are_unchecked() -> None:
    c = contact(
        vcf(
            "FN:x",
            "TEL;TYPE=WORK:(212) 555-0100",
            "TEL:tel:+81-3-1234-5678",
            "TEL:p1234p5678w9",
            "TEL:",
        ),
        region="US",
    )
    assert [p.e164 for p in c.phones] == ["+12125550100", "+81312345678", ""]
    assert [p.text for p in c.phones] == ["(212) 555-0100", "+81-3-1234-5678", "p1234p5678w9"]
    assert extra_lines(c) == []
    # the +81 number makes JP the card's own country; the first number is valid only in US
    assert c.extra["warnings"].splitlines() == [
        "line 4: phone '(212) 555-0100': read as a US number (not a valid number for JP (+81))",
        "line 6: phone 'p1234p5678w9': not only digits; kept as written, unchecked",
    ]


def test_emails() -> None:
    c = contact(
        vcf(
            "FN:x",
            "EMAIL;TYPE=INTERNET,WORK,pref:taro@example.jp",
            'EMAIL;INTERNET:"Omega"',
            "  <omega@example.com>",
            "EMAIL:mailto:m@example.jp",
            "item2.EMAIL:c@example.jp",
            "item2.X-ABLabel:_$!<Other>!$_",
            "EMAIL:email other",
            "EMAIL;TYPE=HOME:",
            version="2.1",
        )
    )
    assert [(e.address, e.label) for e in c.emails] == [
        ("taro@example.jp", "work"),
        ("omega@example.com", ""),
        ("m@example.jp", ""),
        ("c@example.jp", "other"),
    ]
    assert extra_lines(c) == ["EMAIL:email other"]


def test_addresses() -> None:
    c = contact(
        vcf(
            "FN:x",
            "ADR;TYPE=WORK:;渋谷ビル5F;道玄坂1-2-3;渋谷区;東京都;150-0043;日本",
            "ADR;HOME:;東京都渋谷区桜丘町26-1;;;;150-8512;",  # docomo: all in the extended part
            "item3.ADR:PO Box 7;;1 Main St\\nApt 2;Springfield;IL;62701;USA",
            "item3.X-ABLabel:Weekends",
            "ADR;TYPE=HOME:;;;;;;",
        )
    )
    work, home, other = c.addresses
    assert (
        work.label,
        work.postal_code,
        work.region,
        work.locality,
        work.street,
        work.building,
        work.country,
    ) == ("work", "150-0043", "東京都", "渋谷区", "道玄坂1-2-3", "渋谷ビル5F", "日本")
    assert (home.label, home.street, home.building, home.postal_code) == (
        "home",
        "東京都渋谷区桜丘町26-1",
        "",
        "150-8512",
    )
    assert (other.label, other.street) == ("Weekends", "1 Main St\nApt 2, PO Box 7")


def test_urls_with_labels() -> None:
    c = contact(
        vcf(
            "FN:x",
            "item1.URL:http\\://www.apple.com",
            "item1.X-ABLabel:_$!<HomePage>!$_",
            "URL;TYPE=WORK:https://a.example/",
        )
    )
    assert [(u.url, u.label) for u in c.urls] == [
        ("http://www.apple.com", "home page"),
        ("https://a.example/", "work"),
    ]


# -- mapping: notes, dates, tags, photos, uid, groups, extra -------------------------------------


def test_notes_keep_their_line_breaks() -> None:
    c = contact(
        vcf(
            "FN:x",
            "NOTE:one\\ntwo\\Nthree\\, four\\; five\\\\six",
            "NOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0Ab",
        )
    )
    assert c.notes == "one\ntwo\nthree, four; five\\six\na\nb"


@pytest.mark.parametrize(
    ("line", "birthday"),
    [
        ("BDAY:19850412", "1985-04-12"),
        ("BDAY:1985-04-12", "1985-04-12"),
        ("BDAY;VALUE=DATE:1985-04-12", "1985-04-12"),
        ("BDAY:1985-04-12T00:00:00Z", "1985-04-12"),
        ("BDAY:1996-04-15T201243+04:00", "1996-04-15"),
        ("BDAY:--0412", "--04-12"),
        ("BDAY:--04-12", "--04-12"),
        ("BDAY;value=date:1604-05-09", "--05-09"),  # Apple's "no year"
        ("BDAY;X-APPLE-OMIT-YEAR=1900:1900-05-09", "--05-09"),
        ("BDAY:16040101", "--01-01"),  # Thunderbird CardBook
    ],
)
def test_birthdays(line: str, birthday: str) -> None:
    c = contact(vcf("FN:x", line))
    assert c.birthday == birthday
    assert "warnings" not in c.extra


@pytest.mark.parametrize(
    "value", ["2024-02-30", "circa 1800", "99999999999999999999", "--1332", "令和6年4月1日", "12/1"]
)
def test_a_birthday_that_is_not_a_date_is_kept_not_guessed(value: str) -> None:
    c = contact(vcf("FN:x", f"BDAY:{value}"))
    assert c.birthday == ""
    assert extra_lines(c) == [f"BDAY:{value}"]
    assert "is not a date cardbox reads" in c.extra["warnings"]
    assert media.parse_birthday(value) is None


def test_categories_are_tags_and_an_escaped_comma_stays_inside_a_tag() -> None:
    c = contact(
        vcf("FN:x", "CATEGORIES:Tokyo Meetup 2024,VIP", "CATEGORIES:category1\\, category2,VIP")
    )
    assert c.tags == ("Tokyo Meetup 2024", "VIP", "category1, category2")


@pytest.mark.parametrize(
    "line",
    [
        "PHOTO;ENCODING=b;TYPE=PNG:" + base64.b64encode(PNG).decode(),
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:" + base64.b64encode(PNG).decode(),  # TYPE lies: PNG
        "PHOTO:data:image/png;base64," + base64.b64encode(PNG).decode(),
        "PHOTO:data:image/png;base64\\," + base64.b64encode(PNG).decode(),  # khard escapes it
    ],
)
def test_photos_in_every_encoding(line: str) -> None:
    c = contact(vcf("FN:x", line, version="4.0" if "data:" in line else "3.0"))
    assert c.photo is not None and (c.photo.data, c.photo.mime) == (PNG, "image/png")


def test_21_bare_base64_photo_folded_with_two_spaces() -> None:
    payload = base64.b64encode(JPEG).decode()
    c = contact(
        vcf("FN:x", "PHOTO;BASE64:", "  " + payload[:30], "  " + payload[30:], version="3.0")
    )
    assert c.photo is not None and (c.photo.data, c.photo.mime) == (JPEG, "image/jpeg")


def test_photo_links_are_kept_and_bad_photos_dropped_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    link = "PHOTO;VALUE=uri:https://example.com/me.jpg"
    bad = "PHOTO;ENCODING=BASE64;TYPE=JPEG:qgEPAAIAAAAHAAAAugEQAAIAAAAG:ASDF=="
    c = contact(vcf("FN:x", link, bad, version="2.1"))
    assert c.photo is None
    assert extra_lines(c) == [
        link,
        "PHOTO;ENCODING=b;TYPE=JPEG:qgEPAAIAAAAHAAAAugEQAAIAAAAG:ASDF==",
    ]
    assert c.extra["warnings"] == "line 5: the photo is not valid base64; photo left out"
    monkeypatch.setattr(media, "MAX_PHOTO", 10)
    big = contact(vcf("FN:x", "PHOTO;ENCODING=b:" + base64.b64encode(JPEG).decode()))
    assert big.photo is None and "larger than" in big.extra["warnings"]


def test_uid_loses_its_urn_prefix() -> None:
    assert contact(vcf("FN:x", "UID:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")).uid == (
        "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"
    )


def test_group_cards_become_groups() -> None:
    apple = vcf(
        "FN:Sub Group",
        "X-ADDRESSBOOKSERVER-KIND:group",
        "X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:ED7A5AEC-AB19-4CE0-AD6A-2923A3E5C4E1:ABPerson",
    )
    v4 = vcf(
        "KIND:group",
        "FN:The Doe Family",
        "MEMBER:urn:uuid:abc",
        "MEMBER:mailto:kid@example.com",
        version="4.0",
    )
    groups = [to_contact(c) for c in cards_of(apple + v4)]
    assert groups == [
        Group("Sub Group", ("ED7A5AEC-AB19-4CE0-AD6A-2923A3E5C4E1:ABPerson",)),
        Group("The Doe Family", ("abc", "mailto:kid@example.com")),
    ]


def test_unmodelled_properties_are_kept_in_order() -> None:
    c = contact(
        vcf(
            "PRODID:-//Apple Inc.//iOS 8.1.2//EN",
            "N:Doe;John;;;",
            "NICKNAME:Johny",
            "item1.TEL:+81 3-1234-5678",
            "item1.X-ABLabel:work",
            "item2.X-ABRELATEDNAMES:Jenny",
            "item2.X-ABLabel:_$!<Spouse>!$_",
            "X-SOCIALPROFILE;type=facebook;x-user=me:http://www.facebook.com/me",
            "REV:2021-11-06T18:25:24Z",
        )
    )
    assert c.extra["vcard"] == "\r\n".join(
        [
            "NICKNAME:Johny",
            "item2.X-ABRELATEDNAMES:Jenny",
            "item2.X-ABLabel:_$!<Spouse>!$_",
            "X-SOCIALPROFILE;type=facebook;x-user=me:http://www.facebook.com/me",
        ]
    )


def test_a_card_without_name_company_phone_or_email_fails() -> None:
    card = cards_of(vcf("N:", "LABEL;QUOTED-PRINTABLE;WORK:401 Park Drive", version=None))[0]
    assert to_contact(card) == Failure(
        "test.vcf", 1, "no name, company, phone or e-mail", card.text
    )


def test_an_email_only_card_is_named_after_the_address() -> None:
    c = contact(vcf("EMAIL;PREF:john.doe@company.com", "CATEGORIES:My Contacts", version="2.1"))
    assert (c.given_name, c.tags) == ("john.doe@company.com", ("My Contacts",))
    assert c.extra["warnings"] == "the card has no name: 'john.doe@company.com' is used as the name"


def test_cardbox_lines_restore_meetings_industries_and_tags() -> None:
    c = contact(
        vcf(
            "N:山田;太郎;;;",
            "CATEGORIES:Tokyo Meetup 2024,VIP,Legal services",
            "NOTE:前職は弁護士。\\nMet at Tokyo Meetup 2024 (AI\\, agents)",
            "X-CARDBOX-MET:Tokyo Meetup 2024;3;AI\\, agents;佐藤さん",
            "X-CARDBOX-INDUSTRY:L-legal",
            "X-CARDBOX-READING-CONFIRMED:FALSE",
        )
    )
    assert [(m.event, m.position, m.talked_about, m.introduced_by) for m in c.meetings] == [
        ("Tokyo Meetup 2024", 3, "AI, agents", "佐藤さん")
    ]
    assert (c.industries, c.tags, c.notes, c.reading_confirmed) == (
        ("L-legal",),
        ("VIP",),
        "前職は弁護士。",
        False,
    )
    assert "vcard" not in c.extra
    named = to_contact(
        cards_of(vcf("N:x", "CATEGORIES:VIP,Legal", "X-CARDBOX-INDUSTRY:L-legal"))[0],
        industry_names={"L-legal": "Legal"},
    )
    assert isinstance(named, Contact) and named.tags == ("VIP",)


def test_tags_that_collide_with_events_survive_when_categories_are_not_merged() -> None:
    # Events first, then tags, then industries: a tag equal to an event comes back only when the
    # writer keeps both copies (or writes X-CARDBOX-TAG lines, which win over CATEGORIES).
    kept = contact(
        vcf("N:x", "CATEGORIES:0,0,G,Legal", "X-CARDBOX-MET:0", "X-CARDBOX-INDUSTRY:L-legal")
    )
    assert (kept.events, kept.tags, kept.industries) == (("0",), ("0", "G"), ("L-legal",))
    explicit = contact(
        vcf("N:x", "CATEGORIES:0,VIP", "X-CARDBOX-MET:0", "X-CARDBOX-TAG:0", "X-CARDBOX-TAG:VIP")
    )
    assert explicit.tags == ("0", "VIP")


def test_mapping_never_raises() -> None:
    weird = RawCard("w.vcf", 1, "3.0", (parse.Prop("", "N", (), "\\", 2, "N:\\"),), "N:\\")
    assert isinstance(to_contact(weird), Contact)
    assert mapping.to_contact(RawCard("w.vcf", 1, "3.0", (), "")) == Failure(
        "w.vcf", 1, "no name, company, phone or e-mail", ""
    )
