"""vCard import of hostile and damaged files: every card is read or reported, nothing is moved.

Cards written for these tests (issue 10 §4, issue 11 item 5 and 6): nested cards, raw line
breaks, broken lines, BOMs and UTF-16 inside UTF-8 files, oversized photos and values.
"""

from __future__ import annotations

import base64

from cardbox.domain.model import Contact
from cardbox.formats.vcard import parse
from cardbox.formats.vcard.mapping import to_contact
from cardbox.formats.vcard.parse import RawCard, read_cards
from cardbox.formats.vcard.text import MAX_STRUCTURED
from cardbox.formats.vcard.write import Names, write_vcard

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAAD0lEQVQIHQEEAPv/AP///wX+Av4DfRnGAAAAAElFTkSuQmCC"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(40))


def vcf(*lines: str, version: str = "3.0") -> bytes:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""]).encode()


GOOD = vcf("FN:Good One")


def cards_of(data: bytes) -> list[RawCard]:
    cards, failures = read_cards(data, "test.vcf")
    assert failures == []
    return cards


def people(data: bytes) -> list[Contact]:
    out = [to_contact(c) for c in cards_of(data)]
    assert all(isinstance(p, Contact) for p in out), out
    return [p for p in out if isinstance(p, Contact)]


def contact(data: bytes) -> Contact:
    (one,) = people(data)
    return one


# -- nesting -------------------------------------------------------------------------------------


def test_lines_after_a_nested_card_belong_to_the_outer_card() -> None:
    data = vcf(
        "FN:Outer Person",
        "N:Person;Outer;;;",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Inner Person",
        "N:Person;Inner;;;",
        "EMAIL:inner@example.com",
        "END:VCARD",
        "TEL:+1 650 555 1212",
        "EMAIL:outer@example.com",
    )
    cards = cards_of(data)
    assert [c.line for c in cards] == [5, 1]
    inner, outer = (to_contact(c) for c in cards)
    assert isinstance(inner, Contact) and isinstance(outer, Contact)
    assert (inner.given_name, [e.address for e in inner.emails]) == ("Inner", ["inner@example.com"])
    assert outer.given_name == "Outer"
    assert [p.e164 for p in outer.phones] == ["+16505551212"]
    assert [e.address for e in outer.emails] == ["outer@example.com"]
    assert "Inner" not in cards[1].text and cards[1].text.endswith("END:VCARD")


def test_a_21_agent_card_is_a_card_of_its_own_not_three() -> None:
    data = vcf(
        "N:Boss;Big",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:Assistant;Ann",
        "TEL:+44 20 7946 0000",
        "END:VCARD",
        "TEL;WORK:+44 20 7946 0999",
        version="2.1",
    )
    people = [to_contact(c) for c in cards_of(data)]
    assert [
        (p.family_name, [x.e164 for x in p.phones]) for p in people if isinstance(p, Contact)
    ] == [
        ("Assistant", ["+442079460000"]),
        ("Boss", ["+442079460999"]),
    ]


def test_a_card_whose_end_is_missing_does_not_swallow_the_next_ones() -> None:
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No End\r\n" + GOOD + GOOD.replace(b"One", b"Two")
    people = [to_contact(c) for c in cards_of(data)]
    names = [p.name for p in people if isinstance(p, Contact)]
    assert sorted(names) == ["Good One", "Good Two", "No End"]


def test_a_photo_too_large_is_left_out_and_the_card_kept() -> None:
    # 7 MiB of photo: its base64 line is longer than the 8 MB line limit.
    photo = base64.b64encode(JPEG + bytes(7 * parse.MB)).decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    for line in (f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}", f"PHOTO:data:image/jpeg;base64,{folded}"):
        cards, failures = read_cards(vcf("FN:Big Photo", "TEL:+81 3 1234 5678", line), "p.vcf")
        assert failures == []
        c = to_contact(cards[0])
        assert isinstance(c, Contact)
        assert c.photo is None and [p.e164 for p in c.phones] == ["+81312345678"]
        assert c.extra["warnings"] == "line 5: the photo is larger than 5 MB; photo left out"
        assert "vcard" not in c.extra


# -- raw line breaks and broken lines ------------------------------------------------------------


def test_raw_line_breaks_in_a_label_stay_line_breaks_of_the_label() -> None:
    c = contact(
        vcf(
            "FN:Lab El",
            "N:El;Lab;;;",
            "ADR;TYPE=WORK:;;Street 1;Bad Vilbel;;21255;Germany",
            "LABEL;TYPE=WORK:Street 1",
            "21255 Bad Vilbel",
            "Germany",
            "TEL:+49 6101 12345",
        )
    )
    assert (c.addresses[0].postal_code, c.addresses[0].locality) == ("21255", "Bad Vilbel")
    assert c.extra["vcard"] == "LABEL;TYPE=WORK:Street 1\\n21255 Bad Vilbel\\nGermany"
    assert [p.e164 for p in c.phones] == ["+49610112345"]
    assert "warnings" not in c.extra


def test_lines_after_a_broken_line_are_never_appended_to_the_property_before_it() -> None:
    c = contact(
        vcf(
            "FN:Broken Label",
            "ADR;TYPE=WORK:;;Street 1;Bad Vilbel;;21255",
            "LABEL,TYPE=WORK:Street 1",
            "21255 Bad Vilbel",
            "EMAIL:b@example.com",
        )
    )
    assert c.addresses[0].postal_code == "21255"
    assert [e.address for e in c.emails] == ["b@example.com"]
    assert c.extra["warnings"] == (
        "line 5: 'LABEL,TYPE=WORK:Street 1' is not a well-formed property; left out"
    )


def test_stray_lines_and_lines_without_value_are_reported_not_silently_dropped() -> None:
    c = contact(vcf("21255 Bad Vilbel", "FN:Stray", "TEL;TYPE=", "E"))
    assert c.name == "Stray"
    assert c.extra["warnings"].split("\n") == [
        "line 3: '21255 Bad Vilbel' is outside any property; left out",
        "line 5: 'TEL;TYPE=' has no value; left out",
        "line 6: 'E' is not a property; left out",
    ]


# -- card boundaries and encodings ---------------------------------------------------------------


def test_a_bom_on_or_before_the_begin_line_does_not_hide_the_card() -> None:
    bom = "\ufeff"
    data = (
        GOOD
        + vcf("FN:Bom After").replace(b"BEGIN:VCARD", f"BEGIN:VCARD{bom}".encode())
        + vcf("FN:Bom Before").replace(b"BEGIN:VCARD", f"{bom}BEGIN:VCARD".encode())
        + vcf("FN:With Param").replace(b"BEGIN:VCARD", b"BEGIN:VCARD;x")
    )
    assert [p.name for p in people(data)] == ["Good One", "Bom After", "Bom Before", "With Param"]


def _card(name: str) -> str:
    given, family = name.split()
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\nEND:VCARD\r\n"


def test_a_bomless_utf16_card_inside_a_utf8_file_is_read() -> None:
    for encoding in ("utf-16-le", "utf-16-be"):
        utf16 = _card("Beta 山田").encode(encoding)
        data = _card("Alpha Utf8").encode() + utf16 + utf16 + _card("Gamma Utf8").encode()
        names = [p.name for p in people(data)]
        assert names == ["Alpha Utf8", "Beta 山田", "Beta 山田", "Gamma Utf8"], encoding
        assert [p.name for p in people(utf16 + _card("Delta Utf8").encode())] == [
            "Beta 山田",
            "Delta Utf8",
        ]


def test_a_run_of_nuls_does_not_make_the_utf8_cards_utf16() -> None:
    data = (
        b"\x00" * 3000
        + _card("Alpha Utf8").encode()
        + b"X\x00" * 600
        + _card("Delta Utf8").encode()
    )
    assert [p.name for p in people(data)] == ["Alpha Utf8", "Delta Utf8"]


# -- photos and long values ----------------------------------------------------------------------


def test_a_data_uri_under_encoding_b_is_decoded_and_never_written_back_so() -> None:
    uri = "data:image/png;base64," + base64.b64encode(PNG).decode()
    for line in (
        f"PHOTO;ENCODING=b;TYPE=PNG:{uri}",
        f"PHOTO;ENCODING=BASE64:{uri}",
        f"PHOTO:{uri}",
    ):
        c = contact(vcf("FN:Ph Oto", line))
        assert c.photo is not None and (c.photo.data, c.photo.mime) == (PNG, "image/png")
        assert "vcard" not in c.extra and "warnings" not in c.extra
        for profile in ("default", "iphone", "android", "google", "vcard4"):
            assert ":data:" not in write_vcard(c, Names(), profile).replace("PHOTO:data:", "")


def test_an_undecodable_data_uri_under_encoding_b_is_exported_as_a_uri() -> None:
    c = contact(vcf("FN:Bad Photo", "PHOTO;ENCODING=b;TYPE=PNG:data:image/png;base64,!!!"))
    assert c.photo is None and "not valid base64" in c.extra["warnings"]
    out = write_vcard(c, Names())
    assert "ENCODING=b;TYPE=PNG:data:" not in out
    assert (
        "PHOTO;VALUE=uri:data:image/png;base64\\,!!!" in out
        or "PHOTO;VALUE=uri:data:image/png;base64,!!!" in out
    )


def test_values_cut_at_the_structured_limit_are_reported() -> None:
    many = ",".join(f"tag{i}" for i in range(MAX_STRUCTURED // 4))
    c = contact(vcf("FN:Many Tags", f"CATEGORIES:{many}", "ORG:" + "x" * (MAX_STRUCTURED + 1)))
    assert c.tags and len(c.tags) < MAX_STRUCTURED // 4
    assert c.extra["warnings"].split("\n") == [
        f"line 4: CATEGORIES is longer than {MAX_STRUCTURED:,} characters; the rest is left out",
        f"line 5: ORG is longer than {MAX_STRUCTURED:,} characters; the rest is left out",
    ]


# -- export: no control character leaves cardbox -------------------------------------------------

P = "\x1b]0;PWN\x07\x1b]52;c;cHduZWQ=\x07\x9b2J\x7f"


def test_an_export_never_holds_a_control_character() -> None:
    c = contact(
        vcf(
            "FN:Esc Ape",
            f"URL:https://x.example/{P}",
            f"X-UNKNOWN;X-P={P}:{P}",
            f"NOTE:{P}",
            f"TITLE:{P}",
            "item1.TEL:+81 90 1234 5678",
            f"item1.X-ABLabel:{P}",
        )
    )
    for profile in ("default", "iphone", "android", "google", "vcard4"):
        out = write_vcard(c, Names(), profile)
        bad = [ch for ch in out if (ord(ch) < 0x20 and ch not in "\r\n") or 0x7F <= ord(ch) <= 0x9F]
        assert bad == [], profile
        assert "PWN" in out  # the text around the controls is kept
