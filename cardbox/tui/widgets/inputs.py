"""Text inputs for contact data (one line, or several for notes and addresses): control
characters shown, never sent to the terminal; and suggesters that complete the last item of a
comma-separated list (tags, industries, companies).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.suggester import Suggester
from textual.widgets import Input, TextArea

from cardbox.domain.text import UNSAFE, normalise

SEPARATORS = re.compile(r"[,、，;；]")
"""What separates the items of a list field: a comma (also 、 and ，) or a semicolon."""
SCAN = 2000
"""At most this many known words starting with what was typed are weighed (the first in the
order given wins, e.g. the company with the most people)."""
SEMICOLONS = re.compile(r"[;；]")
"""What separates industries (whose names hold commas: 農業，林業)."""


def _visible(ch: str) -> str:
    """One visible character standing for an unsafe one (so the cursor still lines up)."""
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␀ for NUL ...
    return "␡" if code == 0x7F else "�"


def shown(text: str, *, tabs: bool = False) -> str:
    """``text`` with each control, bidi or zero-width character replaced by one visible one
    (with ``tabs``, a tab stays a tab)."""
    return UNSAFE.sub(
        lambda m: m.group(0) if tabs and m.group(0) == "\t" else _visible(m.group(0)), text
    )


class SafeInput(Input):
    """An `Input` that keeps what is typed or pasted exactly, but shows control characters,
    escape sequences and bidi overrides as visible symbols instead of sending them to the
    terminal (its value is never markup either)."""

    @property
    def _value(self) -> Text:
        return Text(shown(self.value), no_wrap=True, overflow="ignore", end="")


class SafeTextArea(TextArea):
    """A `TextArea` whose text is kept exactly as typed or pasted, each line shown with its
    control characters, escape sequences and bidi overrides as visible symbols (one for one, so
    selection and cursor stay on the right characters)."""

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        return Text(shown(line, tabs=True), end="", no_wrap=True)


def split_items(text: str, separators: re.Pattern[str] = SEPARATORS) -> list[str]:
    """The items of a list field: ``"a, b、c"`` -> ``["a", "b", "c"]`` (empty ones dropped)."""
    return [item.strip() for item in separators.split(text) if item.strip()]


class ItemSuggester(Suggester):
    """Completes the last item of a comma-separated value (or the whole value when
    ``single``) from known words, matching with width, case and kana script folded.

    Each candidate is a sequence of keys (``code``, English name, Japanese name, aliases): the
    completion is the key that starts with what was typed, so ``法`` completes to ``法律`` and
    ``leg`` to ``legal services``.
    """

    def __init__(
        self,
        candidates: Iterable[Sequence[str]],
        *,
        single: bool = False,
        separators: re.Pattern[str] = SEPARATORS,
    ) -> None:
        super().__init__(use_cache=True, case_sensitive=True)
        keys = [
            (normalise(k), rank, k)
            for rank, group in enumerate(candidates)
            for k in group
            if k and shown(k) == k
        ]
        keys.sort()
        self._folded = [k[0] for k in keys]
        self._keys = keys
        self._single = single
        self._separators = separators

    async def get_suggestion(self, value: str) -> str | None:
        return self.complete(value)

    def complete(self, value: str) -> str | None:
        """The whole value with its last item completed, or None."""
        if self._single:
            head, item = "", value
        else:
            cut = max((m.end() for m in self._separators.finditer(value)), default=0)
            head, item = value[:cut], value[cut:]
        typed = item.lstrip()
        folded = normalise(typed)
        if not folded:
            return None
        best: tuple[int, str] | None = None
        at = bisect_left(self._folded, folded)
        for key_folded, rank, key in self._keys[at : at + SCAN]:
            if not key_folded.startswith(folded):
                break
            if len(key) > len(typed) and normalise(key[: len(typed)]) == folded:
                best = min(best, (rank, key)) if best else (rank, key)
        if best is None:
            return None
        return head + item[: len(item) - len(typed)] + typed + best[1][len(typed) :]
