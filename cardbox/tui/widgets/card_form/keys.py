"""Moving through the card form by keys: ``enter`` to the next field past the readings,
``tab`` / ``shift+tab`` to every field, ``↓`` / ``↑`` likewise; in the fields typed over several
lines (addresses, notes) ``enter`` starts a new line and ``↓`` / ``↑`` move the cursor, leaving
the field only from its last or first line."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import TextArea

from cardbox.tui.widgets.card_form import formdata
from cardbox.tui.widgets.card_form.fields import Fields

SKIPPED = ("family_reading", "given_reading", "company_reading")
"""Fields ``enter`` passes over (readings are suggested; ``tab`` reaches them)."""


class FieldKeys:
    """Where the form's moving keys go; the form binds the keys and asks this."""

    def __init__(self, screen: Screen[Any], fields: Fields) -> None:
        self._screen = screen
        self._fields = fields

    def next_field(self) -> None:
        """``enter``: the next field, past the readings (``tab`` visits them too)."""
        shown = [
            f
            for f in formdata.FIELDS
            if f not in SKIPPED and getattr(self._fields.field(f).parent, "display", True)
        ]
        field = self._fields.field_of(self._screen.focused)
        at = formdata.FIELDS.index(field) if field else len(formdata.FIELDS)
        later = [f for f in shown if formdata.FIELDS.index(f) > at]
        if later:
            self._screen.set_focus(self._fields.field(later[0]))
        else:
            self._screen.focus_next()

    def allows(self, action: str) -> bool:
        """Whether a moving key acts, or goes through to the text being typed over lines."""
        focused = self._screen.focused
        area = focused if isinstance(focused, TextArea) else None
        if area is not None:  # False lets the key through to the text
            if action == "next_field":
                return False  # enter: a new line
            if action == "field_down":
                return area.cursor_at_last_line
            if action == "field_up":
                return area.cursor_at_first_line
        return True
