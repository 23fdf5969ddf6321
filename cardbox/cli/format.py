"""How the command line shows things: aligned tables for people, stable JSON for scripts.

Contact data is never trusted to be printable: control characters, escape sequences, bidi overrides
and zero-width characters are shown as ``⟨U+001B⟩`` so that no card can drive the terminal.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from cardbox.domain.model import Contact, Event, Industry
from cardbox.domain.phones import pretty
from cardbox.domain.text import UNSAFE_KEEP_LINES
from cardbox.domain.text import printable as visible


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (wide CJK characters count two)."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _fit_shown(text: str, columns: int) -> str:
    """`fit` for text already made visible."""
    if text.isascii():
        if len(text) > columns:
            return text[: columns - 1] + "…"
        return text.ljust(columns)
    if width(text) > columns:
        out, used = "", 0
        for ch in text:
            w = width(ch)
            if used + w > columns - 1:
                break
            out += ch
            used += w
        text = out + "…"
    return text + " " * (columns - width(text))


def fit(text: str, columns: int) -> str:
    """Cut ``text`` to ``columns`` (with … when cut) and pad it to exactly that width."""
    return _fit_shown(visible(text), columns)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], caps: Sequence[int]) -> str:
    """Rows aligned in columns, each no wider than its cap; the last column is not padded."""
    shown = [[visible(cell) for cell in row] for row in [list(headers), *rows]]
    widths = [min(cap, max(width(row[i]) for row in shown)) for i, cap in enumerate(caps)]
    return "\n".join(
        "  ".join(_fit_shown(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in shown
    )


def contact_rows(contacts: Sequence[Contact]) -> str:
    """The contact table of ``list`` and ``search``."""
    rows = [
        [
            str(c.id),
            c.name,
            c.reading,
            c.company,
            c.title,
            ", ".join(c.events),
        ]
        for c in contacts
    ]
    return table(
        ["ID", "Name", "Reading", "Company", "Title", "Events"],
        rows,
        [7, 24, 22, 28, 16, 40],
    )


def contact_card(c: Contact, taxonomy: Mapping[str, Industry]) -> str:
    """Everything about one contact, for ``show``."""
    lines = [f"#{c.id}  {visible(c.name)}"]
    if c.reading:
        mark = "" if c.reading_confirmed else "  (suggested)"
        lines.append(f"    {visible(c.reading)}{mark}")

    def add(label: str, value: str) -> None:
        if value:
            lines.append(f"{visible(label):<11} {visible(value)}")

    mark = "" if c.company_reading_confirmed else ", suggested"
    company = c.company + (f" ({c.company_reading}{mark})" if c.company_reading else "")
    add("Company", company)
    add("Department", c.department)
    add("Title", c.title)
    for p in c.phones:
        checked = f"[{pretty(p.e164)}]" if p.e164 else "[unchecked]"
        add(f"Phone{' ' + p.label if p.label else ''}", f"{p.text}  {checked}")
    for e in c.emails:
        add(f"E-mail{' ' + e.label if e.label else ''}", e.address)
    for a in c.addresses:
        add(f"Address{' ' + a.label if a.label else ''}", a.one_line())
    for u in c.urls:
        add("URL", u.url)
    for m in c.meetings:
        order = f" (card #{m.position})" if m.position else ""
        about = f": {m.talked_about}" if m.talked_about else ""
        add("Met at", f"{m.event}{order}{about}")
    names = [taxonomy[i].name if i in taxonomy else i for i in c.industries]
    add("Industry", ", ".join(names))
    add("Tags", ", ".join(c.tags))
    add("Birthday", c.birthday)
    if c.notes:
        lines.append("Notes")
        lines.extend("    " + visible(line) for line in c.notes.splitlines())
    add("UID", c.uid)
    if c.deleted:
        add("In trash", c.deleted.isoformat(timespec="seconds"))
    return "\n".join(lines)


def contact_json(c: Contact, taxonomy: Mapping[str, Industry]) -> dict[str, Any]:
    """The documented JSON shape of a contact (see the README)."""
    return {
        "id": c.id,
        "uid": c.uid,
        "name": c.name,
        "family_name": c.family_name,
        "given_name": c.given_name,
        "middle_name": c.middle_name,
        "name_prefix": c.name_prefix,
        "name_suffix": c.name_suffix,
        "family_reading": c.family_reading,
        "given_reading": c.given_reading,
        "reading_confirmed": c.reading_confirmed,
        "company": c.company,
        "company_reading": c.company_reading,
        "company_reading_confirmed": c.company_reading_confirmed,
        "department": c.department,
        "title": c.title,
        "phones": [{"label": p.label, "e164": p.e164 or None, "text": p.text} for p in c.phones],
        "emails": [{"label": e.label, "address": e.address} for e in c.emails],
        "addresses": [
            {
                "label": a.label,
                "postal_code": a.postal_code,
                "region": a.region,
                "locality": a.locality,
                "street": a.street,
                "building": a.building,
                "country": a.country,
                "text": a.one_line(),
            }
            for a in c.addresses
        ],
        "urls": [{"label": u.label, "url": u.url} for u in c.urls],
        "events": list(c.events),
        "meetings": [
            {"event": m.event, "order": m.position, "talked_about": m.talked_about}
            for m in c.meetings
        ],
        "industries": [taxonomy[i].name_en if i in taxonomy else i for i in c.industries],
        "industry_codes": list(c.industries),
        "tags": list(c.tags),
        "notes": c.notes,
        "birthday": c.birthday or None,
        "created": c.created.isoformat() if c.created else None,
        "updated": c.updated.isoformat() if c.updated else None,
        "deleted": c.deleted.isoformat() if c.deleted else None,
    }


def event_json(e: Event) -> dict[str, Any]:
    """An event as JSON."""
    return {
        "name": e.name,
        "date": e.date.isoformat() if e.date else None,
        "venue": e.venue,
        "organiser": e.organiser,
        "notes": e.notes,
        "contacts": e.contact_count,
    }


def industry_json(i: Industry) -> dict[str, Any]:
    """A taxonomy node as JSON."""
    return {
        "code": i.code,
        "name_en": i.name_en,
        "name_ja": i.name_ja,
        "parent": i.parent,
        "aliases": list(i.aliases),
        "user_defined": i.user_defined,
        "contacts": i.contact_count,
    }


PRETTY_LIMIT = 500
"""Lists longer than this are printed as compact JSON: indenting makes Python's encoder several
times slower, and a script reading thousands of items does not need the indentation."""


def dumps(value: Any) -> str:
    """JSON for scripts: UTF-8 text, with terminal-unsafe characters escaped as ``\\uXXXX``."""
    big = _size(value) > PRETTY_LIMIT
    text = json.dumps(value, ensure_ascii=False, indent=None if big else 2)
    # The strings' C0 controls are escaped by json.dumps; what is left raw is its own layout.
    if UNSAFE_KEEP_LINES.search(text) is None:
        return text
    return UNSAFE_KEEP_LINES.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    """``\\uXXXX`` for a character (a surrogate pair of them beyond U+FFFF)."""
    code = ord(match.group(0))
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _size(value: Any) -> int:
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        return sum(len(v) for v in value.values() if isinstance(v, list))
    return 0


def industry_tree(industries: Sequence[Industry]) -> str:
    """The taxonomy as an indented tree with counts."""
    children: dict[str | None, list[Industry]] = {}
    for i in industries:
        children.setdefault(i.parent, []).append(i)
    lines: list[str] = []

    def walk(parent: str | None, depth: int) -> None:
        for i in children.get(parent, []):
            count = f"  ({i.contact_count})" if i.contact_count else ""
            aliases = f"  [{', '.join(i.aliases)}]" if i.aliases else ""
            mine = "  *" if i.user_defined else ""
            lines.append(f"{'  ' * depth}{i.code:<{14 - 2 * depth}} {visible(i.name)}{count}{mine}")
            if aliases and depth:
                lines[-1] += visible(aliases)
            walk(i.code, depth + 1)

    walk(None, 0)
    return "\n".join(lines)


def job_json(change: Any) -> dict[str, Any]:
    """A `JobChange` as JSON: when, from where, the job before and after."""
    return {
        "at": change.at.isoformat() if change.at else None,
        "source": change.source,
        "from": {
            "company": change.old.company,
            "department": change.old.department,
            "title": change.old.title,
        },
        "to": {
            "company": change.new.company,
            "department": change.new.department,
            "title": change.new.title,
        },
    }


def job_line(change: Any) -> str:
    """``2026-11-24  株式会社サクラ 部長 → ABC株式会社 取締役  (import #3)``, made visible."""
    day = change.at.date().isoformat() if change.at else "?"
    source = f"  ({change.source})" if change.source else ""
    return visible(f"{day}  {change.old.describe() or '-'} → {change.new.describe()}{source}")


def job_history_text(changes: Sequence[Any]) -> str:
    """The ``Job history`` block of ``show`` (empty when there is none)."""
    if not changes:
        return ""
    return "\n".join(["Job history", *(f"    {job_line(c)}" for c in changes)])


def company_summary_json(c: Any) -> dict[str, Any]:
    """A line of ``cardbox companies --json``."""
    return {
        "key": c.key,
        "name": c.name,
        "reading": c.reading,
        "industry": c.industry_name,
        "industry_code": c.industry,
        "industry_set": c.industry_set,
        "people": c.people,
    }


def company_json(v: Any) -> dict[str, Any]:
    """``cardbox company NAME --json``."""
    return {
        "key": v.key,
        "name": v.name,
        "reading": v.reading,
        "reading_confirmed": v.reading_confirmed,
        "reading_source": v.reading_source,
        "industry": v.industry_name,
        "industry_code": v.industry,
        "industry_set": v.industry_set,
        "spellings": list(v.spellings),
        "people": [
            {
                "id": p.contact_id,
                "name": p.name,
                "reading": p.reading,
                "department": p.department,
                "title": p.title,
                "met": [
                    {
                        "event": m.event,
                        "date": m.date.isoformat() if m.date else None,
                        "talked_about": m.talked_about,
                    }
                    for m in p.met
                ],
            }
            for p in v.people
        ],
        "past": [{"id": p.contact_id, "name": p.name, **job_json(p.change)} for p in v.past],
    }


def company_text(v: Any) -> str:
    """``cardbox company NAME`` for people."""
    suggested = ", suggested" if v.reading_source == "suggested" else ""
    reading = f"  ({v.reading}{suggested})" if v.reading else ""
    lines = [visible(f"{v.name}{reading}")]
    if v.industry:
        how = "" if v.industry_set else "  (most common among its people)"
        lines.append(visible(f"Industry    {v.industry_name}{how}"))
    if len(v.spellings) > 1:
        lines.append(visible(f"Written     {', '.join(v.spellings)}"))
    lines.append(f"People ({len(v.people)})")
    if v.people:
        rows = [
            [
                f"#{p.contact_id}",
                p.name,
                p.department,
                p.title,
                "; ".join(m.event + (f" ({m.date.isoformat()})" if m.date else "") for m in p.met),
            ]
            for p in v.people
        ]
        body = table(["ID", "Name", "Department", "Title", "Met at"], rows, [7, 24, 20, 16, 60])
        lines += ["    " + line for line in body.splitlines()]
    if v.past:
        lines.append(f"Past people ({len(v.past)})")
        lines += [f"    #{p.contact_id}  {visible(p.name)}  {job_line(p.change)}" for p in v.past]
    return "\n".join(lines)
