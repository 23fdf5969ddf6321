"""Moving through the card form by keys: ``enter`` to the next field past the readings,
``tab`` / ``shift+tab`` to every field, ``↓`` / ``↑`` likewise; in the fields typed over several
lines (addresses, notes) ``enter`` starts a new line and ``↓`` / ``↑`` move the cursor, leaving
the field only from its last or first line."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import TextArea

from cardbox.tui import formdata
from cardbox.tui.formhints import CardHints

SKIPPED = ("family_reading", "given_reading", "company_reading")
"""Fields ``enter`` passes over (readings are suggested; ``tab`` reaches them)."""


class FieldKeys(CardHints):
    """The moving half of `cardbox.tui.form.ContactForm` (which binds the keys)."""

    def _field_of(self, widget: Widget | None) -> str:
        """The field ``widget`` is the box of (empty when it is none)."""
        name = (widget.id or "").removeprefix("f-") if widget is not None else ""
        return name if name in formdata.FIELDS else ""

    def action_next_field(self) -> None:
        """``enter``: the next field, past the readings (``tab`` visits them too)."""
        shown = [
            f
            for f in formdata.FIELDS
            if f not in SKIPPED and getattr(self._field(f).parent, "display", True)
        ]
        field = self._field_of(self.focused)
        at = formdata.FIELDS.index(field) if field else len(formdata.FIELDS)
        later = [f for f in shown if formdata.FIELDS.index(f) > at]
        if later:
            self.set_focus(self._field(later[0]))
        else:
            self.focus_next()

    def action_focus_next(self) -> None:
        self.focus_next()

    def action_focus_previous(self) -> None:
        self.focus_previous()

    def action_field_down(self) -> None:
        self.focus_next()

    def action_field_up(self) -> None:
        self.focus_previous()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        area = self.focused if isinstance(self.focused, TextArea) else None
        if area is not None:  # False lets the key through to the text
            if action == "next_field":
                return False  # enter: a new line
            if action == "field_down":
                return area.cursor_at_last_line
            if action == "field_up":
                return area.cursor_at_first_line
        return True
