"""Bar charts in block characters, as Rich `Text` measured in terminal cells.

Labels are data (event names, industry names) and may be Japanese, two cells a character, so
every width here is a cell width (`rich.cells.cell_len`), never a ``len``; a long label ends in
…. `bars` draws horizontal bars (a label, a count, a bar in eighths of a cell), `columns` a
column per month (eighths of a row). `Chart` is a widget that redraws one at its own width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from cardbox.domain.text import printable

EIGHTHS = " ▏▎▍▌▋▊▉"
"""Partial blocks, left to right: index n is n eighths of a cell."""
RISING = " ▁▂▃▄▅▆▇"
"""Partial blocks, bottom to top: index n is n eighths of a row."""
FULL = "█"
LABEL_MAX = 24
"""At most this many cells of label; longer names end in …."""


def fit(label: str, width: int) -> Text:
    """``label`` (data, shown literally) cut to ``width`` cells with … and padded to exactly
    ``width`` cells."""
    text = Text(printable(label).replace("\n", " "), no_wrap=True, end="")
    text.truncate(max(width, 0), overflow="ellipsis", pad=True)
    return text


def bar(value: float, width: int) -> str:
    """A bar ``value`` cells long (at most ``width``), in eighths of a cell."""
    value = max(0.0, min(value, float(width)))
    whole = int(value)
    part = round((value - whole) * 8)
    if part == 8:
        whole, part = whole + 1, 0
    return FULL * whole + (EIGHTHS[part] if part else "")


def bars(rows: Sequence[tuple[str, int]], width: int, style: str = "cyan") -> Text:
    """One line per (label, count): the label, the count right-aligned, then a bar scaled so
    the largest count fills the line. A count above zero always shows at least ⅛ cell."""
    out = Text(no_wrap=True, end="")
    if not rows:
        return out
    top = max(n for _label, n in rows)
    count_w = len(f"{top:,}")
    label_w = min(max(cell_len(printable(label)) for label, _n in rows), LABEL_MAX)
    label_w = max(1, min(label_w, (width - count_w - 2) // 2))
    room = max(1, width - label_w - count_w - 2)
    for i, (label, n) in enumerate(rows):
        if i:
            out.append("\n")
        out.append_text(fit(label, label_w))
        out.append(f" {n:>{count_w},} ", style="bold")
        length = n / top * room if top else 0.0
        out.append(bar(max(length, 0.125) if n else 0.0, room), style=style)
    return out


def compact(n: int) -> str:
    """A count in a few characters: ``62``, ``999``, ``1.2k``, ``12k``, ``1.2M``."""
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if n >= size:
            value = n / size
            return f"{value:.1f}{unit}" if value < 10 else f"{int(value)}{unit}"
    return str(n)


def columns(
    values: Sequence[tuple[str, int]], width: int, height: int = 6, style: str = "green"
) -> Text:
    """A column per (label, count), ``height`` rows tall, the largest count at full height;
    under each column its count, then its label (the last two characters of it). When the
    columns do not fit in ``width`` cells, the latest ones that fit are shown."""
    out = Text(no_wrap=True, end="")
    if not values:
        return out
    counts = [compact(n) for _label, n in values]
    need = max(3, max(len(c) for c in counts) + 1)
    if need * len(values) > width:
        keep = max(1, width // need)
        values, counts = values[-keep:], counts[-keep:]
    col = max(need, min(6, width // len(values)))
    top = max(n for _label, n in values)
    levels = [round(n / top * height * 8) if top else 0 for _label, n in values]
    levels = [max(level, 1) if n else 0 for level, (_label, n) in zip(levels, values, strict=True)]
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        for level in levels:
            fill = min(max(level - floor, 0), 8)
            block = FULL if fill == 8 else RISING[fill]
            out.append(block * (col - 1) + " ", style=style)
        out.append("\n")
    for count in counts:
        out.append(count.center(col - 1) + " ", style="bold")
    out.append("\n")
    for label, _n in values:
        out.append(label[-2:].center(col - 1) + " ", style="dim")
    return out


class Chart(Widget):
    """A chart drawn at the widget's own width; `show` gives it what to draw."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw: Callable[[int], Text] = lambda _width: Text()

    def show(self, draw: Callable[[int], Text]) -> None:
        """Draw with ``draw(width)`` from now on (again whenever the width changes)."""
        self._draw = draw
        self.refresh(layout=True)

    def render(self) -> Text:
        return self._draw(max(self.content_size.width, 1))
