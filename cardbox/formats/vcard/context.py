"""The state of mapping one card: which properties were used, labels by group, warnings."""

from __future__ import annotations

from cardbox.formats.vcard.parse import Prop, RawCard
from cardbox.formats.vcard.text import clean_label, unescape


class Ctx:
    """One card being mapped. Properties not marked `use`\\ d end up in ``extra["vcard"]``."""

    def __init__(self, card: RawCard, region: str) -> None:
        self.card = card
        self.region = region
        self.v21 = card.version == "2.1"
        self._warnings = [(line, f"line {line}: {text}") for line, text in card.notes]
        self.used: set[int] = set()
        self._by_name: dict[str, list[int]] = {}
        self._label_of_group: dict[str, int] = {}
        for i, prop in enumerate(card.props):
            self._by_name.setdefault(prop.name, []).append(i)
            if prop.name == "X-ABLABEL" and prop.group:
                self._label_of_group.setdefault(prop.group, i)

    def all(self, name: str) -> list[tuple[int, Prop]]:
        """``(index, property)`` for every property called ``name``, in card order."""
        return [(i, self.card.props[i]) for i in self._by_name.get(name, ())]

    def first(self, name: str) -> tuple[int, Prop] | None:
        found = self._by_name.get(name)
        return (found[0], self.card.props[found[0]]) if found else None

    def use(self, index: int) -> None:
        self.used.add(index)

    def text(self, prop: Prop) -> str:
        """The property's value unescaped and stripped."""
        return unescape(prop.value, self.v21).strip()

    def label(self, prop: Prop) -> str | None:
        """The ``itemN.X-ABLabel`` text of the property's group (marking it used), or ``None``."""
        if not prop.group:
            return None
        index = self._label_of_group.get(prop.group)
        if index is None:
            return None
        text = clean_label(unescape(self.card.props[index].value, self.v21))
        if not text:
            return None
        self.used.add(index)
        return text

    def warn(self, prop: Prop | None, message: str) -> None:
        """Note a warning about a property (or, with ``None``, the whole card)."""
        if prop is None:
            self._warnings.append((self.card.line, message))
        else:
            self._warnings.append((prop.line, f"line {prop.line}: {message}"))

    @property
    def warnings(self) -> list[str]:
        """The warnings in the order of the lines they concern."""
        return [text for _, text in sorted(self._warnings, key=lambda item: item[0])]
