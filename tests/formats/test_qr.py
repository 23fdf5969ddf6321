"""QR codes: what they carry, decoded back from the saved image with zxing-cpp; trimming; errors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import segno
import zxingcpp
from PIL import Image

from cardbox.domain.errors import InvalidInput
from cardbox.domain.model import Address, Contact, Email, Meeting, Phone, Photo, Url
from cardbox.formats.qr import (
    CAPACITY_L,
    TooLarge,
    fit_payload,
    make_qr,
    qr_payload,
    qr_text,
    save_qr,
)

TARO = Contact(
    uid="0a1b2c3d-aaaa-4bbb-8ccc-123456789abc",
    family_name="山田",
    given_name="太郎",
    family_reading="やまだ",
    given_reading="たろう",
    company="株式会社サンプル",
    department="営業部",
    title="部長",
    phones=(
        Phone("+819012345678", "090-1234-5678", "mobile"),
        Phone("+81312345678", "03-1234-5678", "work"),
    ),
    emails=(Email("taro@example.jp", "work"),),
    urls=(Url("https://example.jp/", "work"),),
    meetings=(Meeting("Tokyo Meetup 2024", talked_about="QR codes"),),
    notes="名刺交換; follow up",
    tags=("VIP",),
    birthday="1985-04-12",
    photo=Photo(b"\xff\xd8\xff" + bytes(5000)),
)


def decode(path: Path) -> str:
    found = zxingcpp.read_barcodes(Image.open(path))
    assert len(found) == 1, f"{len(found)} codes found in {path}"
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode
    return found[0].text


@pytest.mark.parametrize("fmt", ["vcard", "mecard"])
def test_the_saved_png_decodes_to_the_payload(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"taro-{fmt}.png"
    save_qr(make_qr(TARO, fmt), path)
    assert path.read_bytes().startswith(b"\x89PNG")
    assert decode(path) == qr_payload(TARO, fmt)


def test_the_compact_vcard_payload() -> None:
    assert qr_payload(TARO).split("\r\n") == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:山田;太郎;;;",
        "FN:山田 太郎",
        "X-PHONETIC-LAST-NAME:やまだ",
        "X-PHONETIC-FIRST-NAME:たろう",
        "ORG:株式会社サンプル;営業部",
        "TITLE:部長",
        "TEL;TYPE=CELL,VOICE,pref:+81 90-1234-5678",
        "TEL;TYPE=WORK,VOICE:+81 3-1234-5678",
        "EMAIL;TYPE=INTERNET,WORK:taro@example.jp",
        "URL;TYPE=WORK:https://example.jp/",
        "BDAY:1985-04-12",
        "NOTE:名刺交換\\; follow up\\nMet at Tokyo Meetup 2024 (QR codes)",
        "END:VCARD",
        "",
    ]


def test_mecard_carries_the_reading() -> None:
    assert qr_payload(TARO, "mecard") == (
        "MECARD:N:山田,太郎;SOUND:やまだ,たろう;TEL:+819012345678;TEL:+81312345678;"
        "EMAIL:taro@example.jp;ORG:株式会社サンプル 営業部;URL:https\\://example.jp/;"
        "BDAY:19850412;NOTE:名刺交換\\; follow up Met at Tokyo Meetup 2024 (QR codes);;"
    )


def test_mecard_escapes_its_separators() -> None:
    contact = Contact(family_name="a;b", given_name="c,d", notes="e:f\\g")
    assert qr_payload(contact, "mecard") == "MECARD:N:a\\;b,c\\,d;NOTE:e\\:f\\\\g;;"


def test_a_3kb_note_is_trimmed_first_and_the_code_still_decodes(tmp_path: Path) -> None:
    contact = replace(TARO, notes="長いメモ。" * 200 + "x" * 100)  # 3,100 bytes of notes
    fitted = fit_payload(contact)
    assert fitted.left_out == ("the note",)
    assert "NOTE" not in fitted.payload
    assert "TEL;TYPE=WORK,VOICE:+81 3-1234-5678" in fitted.payload
    path = tmp_path / "trimmed.png"
    save_qr(make_qr(contact), path)
    assert decode(path) == fitted.payload


def test_mecard_is_trimmed_too(tmp_path: Path) -> None:
    contact = replace(TARO, notes="n" * 3000)
    fitted = fit_payload(contact, "mecard")
    assert fitted.left_out == ("the note",)
    assert "SOUND:やまだ,たろう" in fitted.payload
    path = tmp_path / "m.png"
    save_qr(make_qr(contact, "mecard"), path)
    assert decode(path) == fitted.payload


def enormous() -> Contact:
    return replace(
        TARO,
        notes="note " * 2000,
        title="Chief " * 50,
        department="Department " * 30,
        phones=tuple(Phone(f"+8190{i:08d}", "x", "mobile") for i in range(50)),
        emails=tuple(Email(f"person{i}@example-{i}.co.jp", "work") for i in range(50)),
        addresses=tuple(Address(label="work", street="渋谷" * 50) for _ in range(10)),
        urls=tuple(Url(f"https://example.jp/{i}" * 5) for i in range(20)),
    )


@pytest.mark.parametrize("fmt", ["vcard", "mecard"])
def test_an_enormous_contact_is_trimmed_in_the_documented_order(fmt: str, tmp_path: Path) -> None:
    fitted = fit_payload(enormous(), fmt)
    assert len(fitted.payload.encode()) <= CAPACITY_L
    order = [
        "the note",
        "postal addresses",
        "web addresses",
        "an e-mail address",
        "a phone number",
        "the title and department",
    ]
    assert list(fitted.left_out) == order[: len(fitted.left_out)]
    assert fitted.left_out[:3] == ("the note", "postal addresses", "web addresses")
    path = tmp_path / "enormous.png"
    save_qr(make_qr(enormous(), fmt), path)
    assert decode(path) == fitted.payload


def test_a_contact_that_cannot_fit_raises_a_readable_error() -> None:
    contact = Contact(family_name="山" * 1500, company="社" * 500)
    with pytest.raises(TooLarge, match="too large for a QR code") as caught:
        make_qr(contact)
    assert isinstance(caught.value, InvalidInput)
    assert "2,953" in str(caught.value)
    assert not isinstance(caught.value, segno.DataOverflowError)


def test_a_small_contact_gets_a_regular_qr_code_with_error_correction_m_or_better() -> None:
    qr = make_qr(Contact(family_name="Doe"))
    assert not qr.is_micro
    assert qr.error in ("M", "Q", "H")


def test_qr_text_is_a_multiline_block_drawing() -> None:
    qr = make_qr(TARO)
    text = qr_text(qr)
    lines = text.splitlines()
    assert len(lines) > 10
    width = qr.symbol_size(scale=1, border=4)[0]
    assert {len(line) for line in lines} == {width}
    assert set(text) <= {"█", "▀", "▄", " ", "\n"}
    assert "\x1b" not in text


def test_svg_is_saved_and_other_suffixes_are_refused(tmp_path: Path) -> None:
    qr = make_qr(TARO)
    save_qr(qr, tmp_path / "taro.SVG")
    assert b"<svg" in (tmp_path / "taro.SVG").read_bytes()
    with pytest.raises(InvalidInput, match=r"\.png or \.svg"):
        save_qr(qr, tmp_path / "taro.jpg")
    assert not (tmp_path / "taro.jpg").exists()


def test_saving_into_a_missing_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot write"):
        save_qr(make_qr(TARO), tmp_path / "missing" / "qr.png")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(InvalidInput, match="mecard"):
        qr_payload(TARO, "bizcard")
