"""Contacts to CSV for each service: ``csv`` (cardbox's own columns), ``google-csv``,
``outlook-csv`` and ``sansan-csv``.

Every cell goes through `text.guard`, so a name like ``=HYPERLINK(…)`` or a number like
``+81 3…`` is shown by a spreadsheet as the text it is, and cardbox reads it back as written.
Rows end with CRLF (what Excel and the services write). Encodings: ``csv`` and ``outlook-csv``
UTF-8 with a BOM (so Excel reads Japanese right); ``google-csv`` UTF-8 without BOM (as Google
writes it); ``sansan-csv`` cp932, as Sansan's importer requires (髙 and 﨑 survive; a character
cp932 cannot hold becomes ``?`` and is reported).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from cardbox.domain.model import Address, Contact
from cardbox.formats.csv import own
from cardbox.formats.csv.services import MULTI
from cardbox.formats.csv.text import guard
from cardbox.formats.vcard.export_text import note_value

TARGETS = ("csv", "google-csv", "outlook-csv", "sansan-csv")
ENCODINGS = {"csv": "utf-8-sig", "google-csv": "utf-8", "outlook-csv": "utf-8-sig"}


@dataclass
class Written:
    """A CSV file's bytes and what could not be written as it is."""

    data: bytes
    rows: int
    warnings: list[str] = field(default_factory=list)


def write_csv(
    contacts: Sequence[Contact],
    target: str,
    event_dates: dict[str, date] | None = None,
    tick: Callable[[int], None] | None = None,
) -> Written:
    """The CSV file of ``contacts`` for ``target`` (one of `TARGETS`); ``event_dates`` dates
    Sansan's 名刺交換日 (the first dated event a contact was met at)."""
    if target == "csv":
        columns = own.header(contacts)
        rows: Iterable[list[str]] = (own.row(c, columns) for c in contacts)
    elif target == "google-csv":
        columns, rows = _google(contacts)
    elif target == "outlook-csv":
        columns, rows = OUTLOOK, (_outlook(c) for c in contacts)
    elif target == "sansan-csv":
        columns, rows = SANSAN, (_sansan(c, event_dates or {}) for c in contacts)
    else:
        raise ValueError(f"unknown CSV target {target!r}: use one of {', '.join(TARGETS)}")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for values in rows:
        writer.writerow([guard(v) for v in values])
        count += 1
        if tick is not None:
            tick(count)
    text = out.getvalue()
    if target != "sansan-csv":
        return Written(text.encode(ENCODINGS[target]), count)
    return _cp932(text, contacts, count)


def _cp932(text: str, contacts: Sequence[Contact], count: int) -> Written:
    warnings = []
    try:
        return Written(text.encode("cp932"), count)
    except UnicodeEncodeError:
        pass
    for c in contacts:
        bad = sorted({ch for ch in str(c) if not _encodes(ch)})
        if bad:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in bad[:5])
            warnings.append(f"{c.name or c.company}: {shown} not in cp932, written as ?")
    return Written(text.encode("cp932", errors="replace"), count, warnings)


def _encodes(ch: str) -> bool:
    try:
        ch.encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


# -- Google -------------------------------------------------------------------------------------

_GOOGLE_HEAD = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
]
_ADDRESS_PARTS = (
    "Label",
    "Formatted",
    "Street",
    "City",
    "PO Box",
    "Region",
    "Postal Code",
    "Country",
    "Extended Address",
)


def _google_label(label: str) -> str:
    """``work fax`` -> ``Work Fax`` for the labels Google knows, a custom label as it is."""
    known = {"home", "work", "mobile", "other", "main", "pager", "home fax", "work fax"}
    return label.title() if label in known else label


def _google(contacts: Sequence[Contact]) -> tuple[list[str], Iterable[list[str]]]:
    most = {"E-mail": 1, "Phone": 1, "Address": 1, "Website": 1}
    for c in contacts:
        most["E-mail"] = max(most["E-mail"], len(c.emails))
        most["Phone"] = max(most["Phone"], len(c.phones))
        most["Address"] = max(most["Address"], len(c.addresses))
        most["Website"] = max(most["Website"], len(c.urls))
    columns = list(_GOOGLE_HEAD)
    for group in ("E-mail", "Phone"):
        for n in range(1, most[group] + 1):
            columns += [f"{group} {n} - Label", f"{group} {n} - Value"]
    for n in range(1, most["Address"] + 1):
        columns += [f"Address {n} - {part}" for part in _ADDRESS_PARTS]
    for n in range(1, most["Website"] + 1):
        columns += [f"Website {n} - Label", f"Website {n} - Value"]

    def row(c: Contact) -> list[str]:
        v: dict[str, str] = {
            "First Name": c.given_name,
            "Last Name": c.family_name,
            "Phonetic First Name": c.given_reading,
            "Phonetic Last Name": c.family_reading,
            "Middle Name": c.middle_name,
            "Name Prefix": c.name_prefix,
            "Name Suffix": c.name_suffix,
            "Organization Name": c.company,
            "Organization Title": c.title,
            "Organization Department": c.department,
            "Birthday": c.birthday,
            "Notes": note_value(c),
            "Labels": MULTI.join(["* myContacts", *dict.fromkeys([*c.events, *c.tags])]),
        }
        for n, e in enumerate(c.emails, 1):
            v[f"E-mail {n} - Label"], v[f"E-mail {n} - Value"] = _google_label(e.label), e.address
        for n, p in enumerate(c.phones, 1):
            v[f"Phone {n} - Label"], v[f"Phone {n} - Value"] = _google_label(p.label), p.text
        for n, a in enumerate(c.addresses, 1):
            parts = (
                _google_label(a.label),
                a.one_line(),
                a.street,
                a.locality,
                "",
                a.region,
                a.postal_code,
                a.country,
                a.building,
            )
            for part, value in zip(_ADDRESS_PARTS, parts, strict=True):
                v[f"Address {n} - {part}"] = value
        for n, u in enumerate(c.urls, 1):
            v[f"Website {n} - Label"], v[f"Website {n} - Value"] = _google_label(u.label), u.url
        return [v.get(name, "") for name in columns]

    return columns, (row(c) for c in contacts)


# -- Outlook ------------------------------------------------------------------------------------

OUTLOOK = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "Nickname",
    "Given Yomi",
    "Surname Yomi",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Home Phone",
    "Home Phone 2",
    "Business Phone",
    "Business Phone 2",
    "Mobile Phone",
    "Car Phone",
    "Other Phone",
    "Primary Phone",
    "Pager",
    "Business Fax",
    "Home Fax",
    "Other Fax",
    "Company Main Phone",
    "Callback",
    "Radio Phone",
    "Telex",
    "TTY/TDD Phone",
    "IMAddress",
    "Job Title",
    "Department",
    "Company",
    "Office Location",
    "Manager's Name",
    "Assistant's Name",
    "Assistant's Phone",
    "Company Yomi",
    "Business Street",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home City",
    "Home State",
    "Home Postal Code",
    "Home Country/Region",
    "Other Street",
    "Other City",
    "Other State",
    "Other Postal Code",
    "Other Country/Region",
    "Personal Web Page",
    "Spouse",
    "Schools",
    "Hobby",
    "Location",
    "Web Page",
    "Birthday",
    "Anniversary",
    "Notes",
    "Categories",
]
_OUTLOOK_SLOTS = {
    "work": ("Business Phone", "Business Phone 2"),
    "mobile": ("Mobile Phone",),
    "home": ("Home Phone", "Home Phone 2"),
    "main": ("Company Main Phone",),
    "work fax": ("Business Fax",),
    "fax": ("Business Fax", "Other Fax"),
    "home fax": ("Home Fax",),
    "pager": ("Pager",),
    "car": ("Car Phone",),
    "assistant": ("Assistant's Phone",),
}


def _outlook(c: Contact) -> list[str]:
    v: dict[str, str] = {
        "First Name": c.given_name,
        "Last Name": c.family_name,
        "Middle Name": c.middle_name,
        "Title": c.name_prefix,
        "Suffix": c.name_suffix,
        "Given Yomi": c.given_reading,
        "Surname Yomi": c.family_reading,
        "Job Title": c.title,
        "Department": c.department,
        "Company": c.company,
        "Company Yomi": c.company_reading,
        "Birthday": _us_date(c.birthday),
        "Categories": ";".join(dict.fromkeys([*c.events, *c.tags])),
    }
    left: list[str] = []
    for n, e in enumerate(c.emails):
        if n < 3:
            v[("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")[n]] = e.address
        else:
            left.append(f"E-mail ({e.label}): {e.address}" if e.label else f"E-mail: {e.address}")
    for p in c.phones:
        slot = next(
            (s for s in (*_OUTLOOK_SLOTS.get(p.label, ()), "Other Phone") if s not in v), None
        )
        if slot is None:
            left.append(f"Phone ({p.label}): {p.text}" if p.label else f"Phone: {p.text}")
        else:
            v[slot] = p.text
    places = {"work": "Business", "home": "Home"}
    for a in c.addresses:
        place = places.get(a.label, "Other")
        if f"{place} Street" in v or f"{place} City" in v:
            place = "Other"
        if any(f"{place} {part}" in v for part in ("Street", "City", "Postal Code")):
            left.append(f"Address ({a.label}): {a.one_line()}" if a.label else a.one_line())
            continue
        v[f"{place} Street"] = "\n".join(p for p in (a.street, a.building) if p)
        v[f"{place} City"], v[f"{place} State"] = a.locality, a.region
        v[f"{place} Postal Code"], v[f"{place} Country/Region"] = a.postal_code, a.country
    for u in c.urls:
        slot = "Personal Web Page" if u.label == "home" else "Web Page"
        if slot in v:
            slot = "Personal Web Page" if "Personal Web Page" not in v else ""
        if slot:
            v[slot] = u.url
        else:
            left.append(f"Web page: {u.url}")
    v["Notes"] = "\n".join(p for p in (note_value(c), *left) if p)
    return [v.get(name, "") for name in OUTLOOK]


def _us_date(text: str) -> str:
    if len(text) == 10 and text[4] == "-":
        return f"{int(text[5:7])}/{int(text[8:])}/{text[:4]}"
    return ""


# -- Sansan -------------------------------------------------------------------------------------

SANSAN = [
    "名刺所有者ユーザID",
    "会社名",
    "会社名（カナ）",
    "部署名",
    "役職",
    "氏名［姓］",
    "氏名［名］",
    "氏名（カナ）［姓］",
    "氏名（カナ）［名］",
    "郵便番号",
    "住所",
    "TEL",
    "FAX",
    "携帯電話",
    "Email",
    "URL",
    "名刺交換日",
    "メモ",
]
"""The columns of Sansan's import template as its help pages describe it (名刺所有者ユーザID, 会社名
and 氏名［姓］ are required; the owner's user id is left for the user to fill in)."""


def _sansan(c: Contact, event_dates: dict[str, date]) -> list[str]:
    work = [p for p in c.phones if "fax" not in p.label and p.label not in ("mobile", "home")]
    fax = [p for p in c.phones if "fax" in p.label]
    mobile = [p for p in c.phones if p.label == "mobile"]
    address = c.addresses[0] if c.addresses else Address()
    street = address.one_line()
    if address.postal_code and street.startswith(f"〒{address.postal_code} "):
        street = street[len(address.postal_code) + 2 :]  # a Japanese address: 〒 in its column
    elif address.postal_code:
        parts = (address.building, address.street, address.locality, address.region)
        street = ", ".join(p for p in (*parts, address.country) if p)
    met = sorted(d for e in c.events if (d := event_dates.get(e)) is not None)
    v = {
        "会社名": c.company,
        "会社名（カナ）": c.company_reading,
        "部署名": c.department,
        "役職": c.title,
        "氏名［姓］": c.family_name,
        "氏名［名］": c.given_name,
        "氏名（カナ）［姓］": c.family_reading,
        "氏名（カナ）［名］": c.given_reading,
        "郵便番号": address.postal_code,
        "住所": street,
        "TEL": work[0].text if work else "",
        "FAX": fax[0].text if fax else "",
        "携帯電話": mobile[0].text if mobile else "",
        "Email": c.emails[0].address if c.emails else "",
        "URL": c.urls[0].url if c.urls else "",
        "名刺交換日": met[0].strftime("%Y/%m/%d") if met else "",
        "メモ": c.notes,
    }
    return [v.get(name, "") for name in SANSAN]
