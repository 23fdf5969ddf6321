"""The contact table's columns: what each shows of a row, and how wide each is at a given
terminal width (counted in cells, so Japanese wide characters never break the alignment)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from cardbox.domain.text import printable
from cardbox.domain.views import Row
from cardbox.tui.i18n import N_

COLUMNS: tuple[tuple[str, str, int], ...] = (
    # (title, attribute, share of the free width; 0 = a date)
    (N_("Name"), "name", 26),
    (N_("Reading"), "reading", 22),
    (N_("Company"), "company", 30),
    (N_("Title"), "title", 22),
    (N_("Date met"), "met", 0),
    (N_("Last contact"), "last", 0),
)
DATE = 11
LEAST = {"name": 9, "reading": 8, "company": 10, "title": 8}
"""Cells a text column needs to be worth showing."""
MOST = {"name": 18, "reading": 18, "company": 20, "title": 20}
"""Cells a text column takes at most while others still want more."""
GIVE_UP = ("title", "reading", "company")
"""Text columns hidden, in this order, when the table is too narrow for all of them."""
LEGAL_FORMS = (("株式会社", "㈱"), ("有限会社", "㈲"), ("合同会社", "(同)"))
"""Japanese legal forms and the short forms the table shows (dimmed) instead."""


def short_company(company: str) -> Text:
    """The company as the table shows it: 株式会社サクラテック -> ㈱サクラテック, the legal form
    dimmed (the detail pane shows the full name)."""
    text = printable(company).replace("\n", " ").strip()
    for long, short in LEGAL_FORMS:
        if text.startswith(long) and len(text) > len(long):
            out = Text()
            out.append(short, style="dim")
            out.append(text[len(long) :].lstrip())
            return out
        if text.endswith(long) and len(text) > len(long):
            out = Text(text[: -len(long)].rstrip())
            out.append(short, style="dim")
            return out
    return Text(text)


def layout(total: int, order: str = "", want: dict[str, int] | None = None) -> list[int]:
    """Cells per column for a table ``total`` cells wide; 0 hides a column.

    ``want`` is how wide each text column's widest value on screen is. The name gets what its
    values need (up to a limit) first, then the reading, and what is left goes to the company
    and title. In a narrow table a column empty on screen is left out; then the dates other
    than the one sorted by go, then the title, the reading and the company: a column is hidden
    rather than squeezed, and rather than cut the names on screen.
    """
    want = want or {}
    dates = {
        attr: DATE if total >= 100 or (attr == "last") == (order == "contacted") else 0
        for _title, attr, share in COLUMNS
        if share == 0
    }
    text = [attr for _title, attr, share in COLUMNS if share]
    need = {a: min(max(want.get(a, 0) + 1, LEAST[a]), MOST[a]) for a in text}
    least = dict(LEAST, name=need["name"])
    # In a narrow table a column with nothing on screen (no readings among English names)
    # leaves its room to the others.
    shown = [a for a in text if a == "name" or not want or total >= 100 or want.get(a, 0)]
    while sum(least[a] for a in shown) + sum(dates.values()) > total:
        if sum(dates.values()) and total < 100 and len(shown) <= 2:
            dates = dict.fromkeys(dates, 0)
            continue
        hide = next((a for a in GIVE_UP if a in shown), None)
        if hide is None or len(shown) == 1:
            break
        shown.remove(hide)
    free = max(total - sum(dates.values()), 0)
    # Rather than cut every column, the title goes when the room left over the least widths
    # is under half of what the values on screen want.
    if "title" in shown and len(shown) > 2:
        wanted_all = sum(need[a] - least[a] for a in shown)
        if (free - sum(least[a] for a in shown)) * 2 < wanted_all:
            shown.remove("title")
    sizes = {a: least[a] for a in shown}
    sizes["name"] = min(sizes["name"], free)
    spare = free - sum(sizes.values())
    if "reading" in shown and spare > 0:  # the reading whole next, when there is room
        grow = min(need["reading"] - sizes["reading"], spare)
        sizes["reading"] += grow
        spare -= grow
    wanted = sum(need[a] - sizes[a] for a in shown)
    if 0 < spare < wanted:  # not enough for every need: by what each still wants
        for attr in shown:
            more = need[attr] - sizes[attr]
            sizes[attr] += spare * more // wanted if more > 0 else 0
    elif spare > 0:  # every need met; the rest by share (the last column takes what is left)
        for attr in shown:
            sizes[attr] = need[attr]
        rest = free - sum(sizes.values())
        shares = {a: share for _t, a, share in COLUMNS if a in shown}
        whole = sum(shares.values())
        for attr in shown:
            sizes[attr] += rest * shares[attr] // whole
    if shown:  # what rounding left: to the column that still wants the most (else the last)
        short = max(shown, key=lambda a: need[a] - sizes[a])
        sizes[short if spare < wanted else shown[-1]] += free - sum(sizes.values())
    return [sizes.get(attr, 0) if share else dates[attr] for _title, attr, share in COLUMNS]


def cells(values: Sequence[str | Text], sizes: Sequence[int], style: Style) -> Text:
    """One line of the table: each value cut or padded to its column's width, in cells."""
    line = Text(style=style, no_wrap=True, end="")
    for value, size in zip(values, sizes, strict=True):
        if size <= 1:
            continue
        if isinstance(value, Text):
            cell = value.copy()
            cell.no_wrap, cell.end = True, ""
        else:
            cell = Text(printable(value).replace("\n", " "), no_wrap=True, end="")
        cell.truncate(size - 1, overflow="ellipsis", pad=True)
        line.append_text(cell)
        line.append(" ")
    return line


def row_values(row: Row) -> list[str | Text]:
    """What each column shows of a row."""
    return [
        short_company(row.company) if attr == "company" else getattr(row, attr)
        for _title, attr, _share in COLUMNS
    ]
