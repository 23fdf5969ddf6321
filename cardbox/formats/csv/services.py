"""Reading one row of each service's layout into a `build.Draft`.

Column names below are compared with `layouts.key` (NFKC, case folded), so Sansan's full-width
brackets and their half-width forms are one name. Every layout keeps the cells it does not read
in the notes (`Draft.keep_rest`), except the columns listed as ``FLAGS`` (state of the service,
not about the person).
"""

from __future__ import annotations

from cardbox.domain.model import Address, Meeting
from cardbox.formats.csv.build import Draft, truncated
from cardbox.formats.csv.cells import Cells, label, parse_date
from cardbox.formats.vcard.export_text import escape, met_line
from cardbox.formats.vcard.text import reading, split_two

MULTI = " ::: "
"""Google's separator of several values in one cell."""
EIGHT_FLAGS = ("Eightでつながっている人", "再データ化中の名刺", "'?'を含んだデータ")
GOOGLE_SYSTEM = {"mycontacts", "othercontacts", "starred"}


def exchange_event(service: str, day: str) -> str:
    """The event a card exchanged on ``day`` (``YYYY-MM-DD``) is met at: ``Eight 2024-05-10``
    (one event per service and date)."""
    return f"{service} {day}"


def _readings(d: Draft, family: str, given: str, whole: str = "") -> None:
    family, given = reading(family), reading(given)
    if not (family or given) and whole:
        family, given = split_two(reading(whole))
    if truncated(family, d.family) or truncated(given, d.given):
        d.warnings.append(
            f"reading {' '.join(p for p in (family, given) if p)!r} is shorter than the name: "
            "left out (a suggested reading is used where none is known)"
        )
        return
    d.family_reading, d.given_reading = family, given


def eight(c: Cells, d: Draft) -> None:
    """Eight: ``会社名,部署名,役職,氏名|姓,名,e-mail,郵便番号,住所,TEL会社,TEL部門,TEL直通,Fax,
    携帯電話,URL,名刺交換日,…`` (user columns after 名刺交換日 go to the notes)."""
    d.company, d.department, d.title = c.get("会社名"), c.get("部署名"), c.get("役職")
    family, given = c.get("姓"), c.get("名")
    if family or given:
        d.family, d.given = family, given
    else:
        d.name(c.get("氏名"))
    _readings(
        d,
        c.get("姓(よみ)", "姓(読み)", "姓(カナ)", "セイ"),
        c.get("名(よみ)", "名(読み)", "名(カナ)", "メイ"),
        c.get("氏名(よみ)", "氏名(読み)", "氏名(カナ)", "フリガナ", "よみがな"),
    )
    d.company_reading = reading(c.get("会社名(よみ)", "会社名(読み)", "会社名(カナ)"))
    d.email(c.get("e-mail", "メールアドレス"), "work")
    d.address(c.get("住所"), c.get("郵便番号"))
    d.phone(c.get("TEL会社"), "main")
    d.phone(c.get("TEL部門"), "department")
    d.phone(c.get("TEL直通"), "work")
    d.phone(c.get("Fax"), "work fax")
    d.phone(c.get("携帯電話"), "mobile")
    d.url(c.get("URL"), "work")
    _exchanged(c, d, "名刺交換日", "Eight")
    c.skip(*EIGHT_FLAGS)


def _exchanged(c: Cells, d: Draft, column: str, service: str) -> None:
    text = c.get(column)
    if not text:
        return
    day = parse_date(text)
    if not day or day.startswith("--"):
        d.warnings.append(f"{column} {text!r} is not a date; kept in the notes")
        d.note(f"{column}: {text}")
        return
    name = exchange_event(service, day)
    d.meetings.append(Meeting(event=name))
    d.dated[name] = day


def sansan(c: Cells, d: Draft) -> None:
    """Sansan's 名刺データ export (``氏名［姓］``, ``TEL-1(1)``, ``Email(1)`` ...)."""
    d.company, d.department, d.title = c.get("会社名"), c.get("部署名"), c.get("役職")
    d.company_reading = reading(c.get("会社名(カナ)", "会社名(よみ)"))
    family, given = c.get("氏名[姓]", "姓"), c.get("氏名[名]", "名")
    if family or given:
        d.family, d.given = family, given
        c.skip("氏名")  # the same name in one field
    else:
        d.name(c.get("氏名"))
    _readings(
        d,
        c.get("氏名(カナ)[姓]", "姓(カナ)"),
        c.get("氏名(カナ)[名]", "名(カナ)"),
        c.get("氏名(カナ)"),
    )
    for n in range(1, 4):
        d.email(c.get(f"Email({n})", f"E-mail({n})", f"メールアドレス({n})"), "work")
        d.address(c.get(f"住所({n})[全て]", f"住所({n})"), c.get(f"郵便番号({n})"))
        d.phone(c.get(f"TEL-1({n})", f"TEL({n})"), "work")
        d.phone(c.get(f"TEL-2({n})"), "work")
        d.phone(c.get(f"FAX({n})"), "work fax")
        d.phone(c.get(f"携帯電話({n})"), "mobile")
        d.url(c.get(f"URL({n})"), "work")
    d.email(c.get("Email", "E-mail"), "work")
    d.address(c.get("住所"), c.get("郵便番号"))
    d.phone(c.get("TEL"), "work")
    d.phone(c.get("FAX"), "work fax")
    d.phone(c.get("携帯電話"), "mobile")
    d.note(c.get("メモ"))
    d.url(c.get("URL"), "work")
    _exchanged(c, d, "名刺交換日", "Sansan")
    c.skip("名刺所有者ユーザID", "名刺所有者", "名刺ID")


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split(MULTI)] if cell.strip() else []


def google(c: Cells, d: Draft) -> None:
    """Google Contacts, current and legacy layouts (``A ::: B`` for several values)."""
    d.family = c.get("Last Name", "Family Name")
    given = c.get("First Name", "Given Name")
    d.given, d.middle = given, c.get("Middle Name", "Additional Name")
    if not (d.family or d.given):
        d.name(c.get("Name", "File As", "Display Name"))
    family_reading = c.get("Phonetic Last Name", "Family Name Yomi")
    given_reading = " ".join(
        p
        for p in (
            c.get("Phonetic First Name", "Given Name Yomi"),
            c.get("Phonetic Middle Name", "Additional Name Yomi"),
        )
        if p
    )
    _readings(d, family_reading, given_reading, c.get("Yomi Name"))
    _prefix(c, d)
    d.company = c.get("Organization Name", "Organization 1 - Name")
    d.company_reading = reading(c.get("Organization Phonetic Name", "Organization 1 - Yomi Name"))
    d.title = c.get("Organization Title", "Organization 1 - Title")
    d.department = c.get("Organization Department", "Organization 1 - Department")
    d.birthday = _birthday(c, d, "Birthday")
    labels = _split(c.get("Labels", "Group Membership"))
    for n in c.numbered("E-mail"):
        kind = label(c.get(f"E-mail {n} - Label", f"E-mail {n} - Type"))
        for value in _split(c.get(f"E-mail {n} - Value")):
            d.email(value, kind)
    for n in c.numbered("Phone"):
        kind = label(c.get(f"Phone {n} - Label", f"Phone {n} - Type"))
        for value in _split(c.get(f"Phone {n} - Value")):
            d.phone(value, kind)
    for n in c.numbered("Address"):
        _google_address(c, d, n)
    for n in c.numbered("Website"):
        kind = label(c.get(f"Website {n} - Label", f"Website {n} - Type"))
        for value in _split(c.get(f"Website {n} - Value")):
            d.url(value, kind)
    _events_and_tags(d, c.get("Notes"), labels)
    c.skip("Photo", "File As", "Name")


def _prefix(c: Cells, d: Draft) -> None:
    prefix, suffix = c.get("Name Prefix", "Title"), c.get("Name Suffix", "Suffix")
    d.prefix, d.suffix = prefix, suffix
    nickname = c.get("Nickname")
    if nickname:
        d.vcard.append(f"NICKNAME:{escape(nickname)}")


def _birthday(c: Cells, d: Draft, column: str) -> str:
    text = c.get(column)
    if not text:
        return ""
    found = parse_date(text)
    if not found:
        d.warnings.append(f"birthday {text!r} is not a date; kept in the notes")
        d.note(f"{column}: {text}")
    return found


def _google_address(c: Cells, d: Draft, n: int) -> None:
    kind = label(c.get(f"Address {n} - Label", f"Address {n} - Type"))
    parts = {
        part: _split(c.get(f"Address {n} - {part}"))
        for part in (
            "Street",
            "City",
            "PO Box",
            "Region",
            "Postal Code",
            "Country",
            "Extended Address",
        )
    }
    formatted = _split(c.get(f"Address {n} - Formatted"))
    count = max([len(v) for v in parts.values()] + [0])
    if not count:
        for text in formatted:
            d.address(text, label=kind)
        return
    for i in range(count):

        def part(name: str, i: int = i) -> str:
            values = parts[name]
            return values[i] if i < len(values) else ""

        street, pobox = part("Street"), part("PO Box")
        if pobox:
            street = ", ".join(p for p in (street, pobox) if p)
        d.addresses.append(
            Address(
                label=kind,
                postal_code=part("Postal Code"),
                region=part("Region"),
                locality=part("City"),
                street=street,
                building=part("Extended Address"),
                country=part("Country"),
            )
        )


def _events_and_tags(d: Draft, notes: str, labels: list[str]) -> None:
    """Labels become tags, except Google's own (``* myContacts``) and the events whose ``Met at``
    lines end the notes (as cardbox writes them), which become meetings again."""
    names = []
    for value in labels:
        # Google marks its own labels with "* " (``* myContacts``, ``* starred``); any other
        # label, even "*" alone or an unmarked "starred", is a tag as written.
        system = "".join(value.removeprefix("*").lower().split())
        if not (value.startswith("*") and system in GOOGLE_SYSTEM):
            names.append(value)
        elif system == "starred":
            names.append("starred")
    lines = notes.split("\n") if notes else []
    meetings: list[Meeting] = []
    while lines:
        found = _met(lines[-1], names)
        if found is None:
            break
        meetings.insert(0, found)
        lines.pop()
    d.meetings += meetings
    events = {m.event for m in meetings}
    d.tags += [n for n in names if n not in events]
    d.note("\n".join(lines))


def _met(line: str, labels: list[str]) -> Meeting | None:
    """The meeting a ``Met at …`` line (`met_line`) names, when its event is among ``labels``."""
    for name in labels:
        if line == met_line(Meeting(event=name)):
            return Meeting(event=name)
        head = met_line(Meeting(event=name)) + " ("
        if line.startswith(head) and line.endswith(")"):
            return Meeting(event=name, talked_about=line[len(head) : -1])
    return None


def outlook(c: Cells, d: Draft) -> None:
    """Outlook.com and desktop Outlook (``Given Yomi``, ``Surname Yomi``, ``Company Yomi``)."""
    d.family, d.given = c.get("Last Name", "Surname"), c.get("First Name", "Given Name")
    d.middle = c.get("Middle Name")
    _readings(d, c.get("Surname Yomi", "Last Name Yomi"), c.get("Given Yomi", "First Name Yomi"))
    _prefix(c, d)
    d.company, d.department = c.get("Company"), c.get("Department")
    d.title = c.get("Job Title")
    d.company_reading = reading(c.get("Company Yomi"))
    for n in ("", " 2", " 3"):
        d.email(c.get(f"E-mail{n} Address"), "")
    c.skip(*(f"E-mail{n} {what}" for n in ("", " 2", " 3") for what in ("Type", "Display Name")))
    for column, kind in _OUTLOOK_PHONES:
        d.phone(c.get(column), kind)
    for place, kind in (("Business", "work"), ("Home", "home"), ("Other", "other")):
        _outlook_address(c, d, place, kind)
    d.url(c.get("Web Page"), "work")
    d.url(c.get("Personal Web Page"), "home")
    d.birthday = _birthday(c, d, "Birthday")
    categories = [t.strip() for t in c.get("Categories").split(";") if t.strip()]
    _events_and_tags(d, c.get("Notes"), categories)
    c.skip("Priority", "Sensitivity", "Private", "Gender", "Initials")
    if c.get("Anniversary") in ("0/0/00", "00/00/00"):
        c.skip("Anniversary")  # Outlook's "no date"


_OUTLOOK_PHONES = (
    ("Business Phone", "work"),
    ("Business Phone 2", "work"),
    ("Company Main Phone", "main"),
    ("Mobile Phone", "mobile"),
    ("Home Phone", "home"),
    ("Home Phone 2", "home"),
    ("Other Phone", "other"),
    ("Primary Phone", ""),
    ("Business Fax", "work fax"),
    ("Home Fax", "home fax"),
    ("Other Fax", "fax"),
    ("Pager", "pager"),
    ("Car Phone", "car"),
    ("Assistant's Phone", "assistant"),
)


def _outlook_address(c: Cells, d: Draft, place: str, kind: str) -> None:
    street = c.get(f"{place} Street")
    for more in (2, 3):
        extra = c.get(f"{place} Street {more}")
        if extra:
            street = f"{street}\n{extra}" if street else extra
    found = Address(
        label=kind,
        postal_code=c.get(f"{place} Postal Code"),
        region=c.get(f"{place} State"),
        locality=c.get(f"{place} City"),
        street=street,
        country=c.get(f"{place} Country/Region", f"{place} Country"),
    )
    c.skip(f"{place} Address PO Box", f"{place} PO Box")
    if any((found.postal_code, found.region, found.locality, found.street, found.country)):
        d.addresses.append(found)


def thunderbird(c: Cells, d: Draft) -> None:
    """Thunderbird's address book export."""
    d.family, d.given = c.get("Last Name"), c.get("First Name")
    if not (d.family or d.given):
        d.name(c.get("Display Name"))
    c.skip("Display Name")
    if c.get("Nickname"):
        d.vcard.append(f"NICKNAME:{escape(c.get('Nickname'))}")
    d.company, d.department, d.title = (
        c.get("Organization"),
        c.get("Department"),
        c.get("Job Title"),
    )
    d.email(c.get("Primary Email"), "")
    d.email(c.get("Secondary Email"), "")
    for column, kind in (
        ("Work Phone", "work"),
        ("Home Phone", "home"),
        ("Fax Number", "fax"),
        ("Pager Number", "pager"),
        ("Mobile Number", "mobile"),
    ):
        d.phone(c.get(column), kind)
    for place, kind in (("Home", "home"), ("Work", "work")):
        street = "\n".join(p for p in (c.get(f"{place} Address"), c.get(f"{place} Address 2")) if p)
        found = Address(
            label=kind,
            postal_code=c.get(f"{place} ZipCode"),
            region=c.get(f"{place} State"),
            locality=c.get(f"{place} City"),
            street=street,
            country=c.get(f"{place} Country"),
        )
        if any((found.postal_code, found.region, found.locality, found.street, found.country)):
            d.addresses.append(found)
    d.url(c.get("Web Page 1"), "work")
    d.url(c.get("Web Page 2"), "home")
    year, month, day = c.get("Birth Year"), c.get("Birth Month"), c.get("Birth Day")
    if month.isdigit() and day.isdigit():
        yearless = f"--{int(month):02d}-{int(day):02d}"
        d.birthday = parse_date(f"{year}-{month}-{day}" if year.isdigit() else yearless)
    d.note(c.get("Notes"))


READERS = {
    "eight": eight,
    "sansan": sansan,
    "google": google,
    "outlook": outlook,
    "thunderbird": thunderbird,
}
