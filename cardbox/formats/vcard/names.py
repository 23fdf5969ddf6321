"""Names, readings, organisation and title of a card.

- N's five parts are family name, given name, additional (middle) names, prefixes and suffixes;
  a part holding a list (``Richter,James``) is kept with spaces (``Richter James``). Without a
  usable N, FN is split: ``山田 太郎`` -> 山田 / 太郎, ``John Smith`` -> Smith / John, and an FN
  with a comma (``Mustermann, Heiko``) is kept whole as the given name. A company card (N empty
  and FN the company, or ``X-ABShowAs:COMPANY``) has no person name.
- FN is kept as the formatted name when it says more than spacing apart from what N's parts
  give (``FN:Johnny Doe`` for ``N:Doe;John``): it stays the display name.
- Of several N or FN (4.0 ``ALTID``), the Japanese one (``LANGUAGE=ja``) wins, else the first.
- Readings, first source that gives any: ``X-PHONETIC-LAST/FIRST/MIDDLE-NAME``; 4.0
  ``N;SORT-AS="ヤマダ,タロウ"`` (or AOSP's ``;``); ``SOUND;X-IRMC-N`` (docomo puts the whole
  reading in the first component, split at the space); 3.0 ``SORT-STRING`` when it has kana or
  the name is Japanese (split at the space into family and given); on a Latin card SORT-STRING
  is the family name's reading, as vCard 3.0 defines it. Half-width katakana is made
  full-width; hiragana and katakana are otherwise kept.
- ORG is ``company;department`` (further components join the department with spaces);
  ``X-PHONETIC-ORG`` or ``ORG;SORT-AS``'s first component is the company's reading
  (``SORT-AS="ぐーぐる;けんさくぶもん"`` -> ``ぐーぐる``; cardbox has no department reading).
"""

from __future__ import annotations

from dataclasses import dataclass

from cardbox.domain.model import full_name
from cardbox.formats.vcard.context import Ctx
from cardbox.formats.vcard.parse import Prop
from cardbox.formats.vcard.text import (
    MAX_STRUCTURED,
    components,
    has_cjk,
    has_kana,
    reading,
    split_two,
    split_unescaped,
    text_list,
)


@dataclass
class Names:
    family: str = ""
    given: str = ""
    middle: str = ""
    prefix: str = ""
    suffix: str = ""
    family_reading: str = ""
    given_reading: str = ""
    company: str = ""
    company_reading: str = ""
    department: str = ""
    title: str = ""
    formatted: str = ""
    """FN as written (used as a name only when N has none)."""
    formatted_name: str = ""
    """FN when it differs from what N's parts give (see the module docstring), else empty."""


def _preferred(found: list[tuple[int, Prop]]) -> tuple[int, Prop] | None:
    for item in found:
        if any(lang.lower().startswith("ja") for lang in item[1].param("LANGUAGE")):
            return item
    return found[0] if found else None


def split_formatted(fn: str) -> tuple[str, str]:
    """``(family, given)`` from a formatted name (see the module docstring)."""
    fn = fn.strip()
    if not fn:
        return "", ""
    if has_cjk(fn):
        return split_two(fn)
    if "," in fn:
        return "", fn
    words = fn.split()
    if len(words) == 1:
        return "", fn
    return words[-1], " ".join(words[:-1])


def read_names(ctx: Ctx) -> Names:
    out = Names()
    _organisation(ctx, out)
    n_found, fn_found = ctx.all("N"), ctx.all("FN")
    for index, _ in (*n_found, *fn_found):
        ctx.use(index)  # one N and one FN are written back; alternatives (ALTID) are not kept
    n = _preferred(n_found)
    fn = _preferred(fn_found)
    if fn is not None:
        out.formatted = ctx.text(fn[1])
    if n is not None:
        out.family, out.given = components(n[1].value, ctx.v21, 2)[:2]
        lists = [*split_unescaped(n[1].value[:MAX_STRUCTURED], ";"), "", "", "", ""][2:5]
        out.middle, out.prefix, out.suffix = (" ".join(text_list(p, ctx.v21)) for p in lists)
    show_as = ctx.first("X-ABSHOWAS")
    company_card = bool(out.company) and (
        out.formatted == out.company
        or (show_as is not None and ctx.text(show_as[1]).upper() == "COMPANY")
    )
    if not (out.family or out.given) and not company_card:
        out.family, out.given = split_formatted(out.formatted)
    if out.family or out.given:
        parts = full_name(out.family, out.given, out.middle, out.prefix, out.suffix)
        if "".join(out.formatted.split()) not in ("", "".join(parts.split())):
            out.formatted_name = " ".join(out.formatted.split())
    _readings(ctx, out, n[1] if n else None)
    return out


def _organisation(ctx: Ctx, out: Names) -> None:
    org = ctx.first("ORG")
    if org is not None:
        ctx.use(org[0])
        parts = components(org[1].value, ctx.v21)
        out.company = parts[0]
        out.department = " ".join(p for p in parts[1:] if p)
        sort_as = org[1].param("SORT-AS")
        if sort_as:  # one reading per component: the company's is the first
            out.company_reading = reading(split_unescaped(sort_as[0], ";")[0])
    phonetic = ctx.first("X-PHONETIC-ORG")
    if phonetic is not None:
        ctx.use(phonetic[0])
        out.company_reading = reading(ctx.text(phonetic[1])) or out.company_reading
    title = ctx.first("TITLE")
    if title is not None:
        ctx.use(title[0])
        out.title = ctx.text(title[1])


def _readings(ctx: Ctx, out: Names, n: Prop | None) -> None:
    family = given = ""
    phonetic = {name: ctx.all(f"X-PHONETIC-{name}-NAME") for name in ("LAST", "FIRST", "MIDDLE")}
    for found in phonetic.values():
        for index, _ in found:
            ctx.use(index)
    if any(phonetic.values()):
        last, first, middle = (
            reading(ctx.text(found[0][1])) if found else "" for found in phonetic.values()
        )
        family, given = last, " ".join(p for p in (first, middle) if p)
    if not (family or given) and n is not None and n.param("SORT-AS"):
        sort_as = n.param("SORT-AS")[0]
        parts = split_unescaped(sort_as, ",") if "," in sort_as else sort_as.split(";")
        family, given = (reading(p) for p in [*parts, ""][:2])
    sound = next((item for item in ctx.all("SOUND") if "x-irmc-n" in item[1].types()), None)
    if not (family or given) and sound is not None:
        first_part, second = (reading(p) for p in components(sound[1].value, ctx.v21, 2)[:2])
        family, given = (first_part, second) if second else split_two(first_part)
    sort_string = ctx.first("SORT-STRING")
    if not (family or given) and sort_string is not None:
        text = reading(ctx.text(sort_string[1]))
        if has_kana(text) or has_cjk(out.family + out.given):
            family, given = split_two(text)
        elif text and out.family:
            family = text  # vCard 3.0: the family name's sort string
    if family or given:
        for item in (sound, sort_string):
            if item is not None:
                ctx.use(item[0])  # cardbox writes these from the readings again
    out.family_reading, out.given_reading = family, given
