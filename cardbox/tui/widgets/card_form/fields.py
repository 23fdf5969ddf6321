"""The card form's fields: its rows of labelled inputs, and access to them by field name (what
each holds, the problem shown under it, and the status line at the bottom)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from rich.text import Text
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from cardbox.domain.text import printable
from cardbox.tui.i18n import N_, _
from cardbox.tui.widgets.card_form import formdata, formextra
from cardbox.tui.widgets.inputs import SafeInput, SafeTextArea

ROWS: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (
        ("family_name", N_("Name"), N_("family name, e.g. 山田 or Smith")),
        ("given_name", "", N_("given name, e.g. 太郎 or John")),
    ),
    (
        ("family_reading", N_("Reading"), N_("kana, suggested from the name")),
        ("given_reading", "", N_("kana of the given name")),
    ),
    (("company", N_("Company"), N_("e.g. 株式会社サクラ (→ accepts a suggestion)")),),
    (("company_reading", N_("Company reading"), N_("kana, suggested from the company")),),
    (
        ("department", N_("Department"), N_("e.g. 営業部")),
        ("title", N_("Title"), N_("e.g. 部長")),
    ),
    (("phones", N_("Phones"), N_("e.g. 090-1234-5678, work:03-1234-5678")),),
    (("emails", N_("E-mails"), N_("e.g. taro@example.jp, work:t.yamada@example.com")),),
    (("industries", N_("Industry"), N_("type (→ accepts) or ctrl+o to pick; several: a; b")),),
    (("tags", N_("Tags"), N_("e.g. investor, golf")),),
    (("talked_about", N_("Talked about"), N_("one line: what we talked about")),),
    (("follow_up", N_("Follow up"), N_("e.g. 3d, 2w, next monday, 12/1 (empty: none)")),),
    (
        ("birthday", N_("Birthday"), N_("e.g. 1985-04-12 or 04-12")),
        ("urls", N_("Web"), N_("e.g. sakura.example.jp, blog:https://example.com")),
    ),
    (
        (
            "addresses",
            N_("Addresses"),
            N_("one per line (or a; b), e.g. 〒150-0002 東京都渋谷区渋谷2-21-1; tab moves on"),
        ),
    ),
    (("notes", N_("Notes"), N_("anything worth keeping; enter starts a new line, tab moves on")),),
)
"""The form's rows: (field, label, placeholder) for each input on the row."""


class FieldColumn(VerticalScroll, can_focus=False):
    """The scrolling column of fields (never focused itself: tab goes field to field)."""


def row(
    fields: tuple[tuple[str, str, str], ...],
    start: Mapping[str, str],
    default_follow_up: str = "",
) -> Iterator[Widget]:
    """One row of the form (composed inside the form's `compose`): each field's label and
    input, the "suggested" hint beside readings, and a line under each field for its problem.
    ``default_follow_up``: the event's follow-up, shown as the hint of an empty follow-up."""
    name = fields[0][0]
    area = name in formextra.AREAS
    with Horizontal(classes="row area" if area else "row", id=f"row-{name}"):
        for field, label, hint in fields:
            hint = _(hint)
            if field == "follow_up" and default_follow_up:
                hint = _("e.g. 2w (empty: the event's {when})").format(when=default_follow_up)
            if label or field == name:
                yield Label(Text(_(label) if label else ""), id=f"label-{field}")
            if area:
                yield SafeTextArea(
                    start[field],
                    id=f"f-{field}",
                    compact=True,
                    placeholder=hint,
                    tooltip=hint,
                )
                continue
            yield SafeInput(
                start[field],
                placeholder=hint,
                id=f"f-{field}",
                compact=True,
                tooltip=hint,
            )
        if name in ("family_reading", "company_reading"):
            yield Label(
                Text(_("suggested: ctrl+r")),
                id=f"hint-{name}",
                classes="reading-hint",
            )
    for field, _label, _hint in fields:
        yield Static(id=f"err-{field}", classes="error")


class Fields:
    """The form's field widgets by field name, found under ``screen`` (the form)."""

    def __init__(self, screen: Widget) -> None:
        self._screen = screen

    def input(self, field: str) -> Input:
        return self._screen.query_one(f"#f-{field}", Input)

    def field(self, field: str) -> Widget:
        """The widget of a field: an `Input`, or a `TextArea` for notes and addresses."""
        return self._screen.query_one(f"#f-{field}")

    def field_of(self, widget: Widget | None) -> str:
        """The field ``widget`` is the box of (empty when it is none)."""
        name = (widget.id or "").removeprefix("f-") if widget is not None else ""
        return name if name in formdata.FIELDS else ""

    def values(self) -> formdata.Values:
        """What every field holds now."""
        out = {}
        for name in formdata.FIELDS:
            widget = self.field(name)
            out[name] = widget.text if isinstance(widget, TextArea) else self.input(name).value
        return out

    def load(self, start: dict[str, str]) -> None:
        """Put ``start`` in every field (a field typed over several lines gives its text back
        to ``start`` as it holds it, so that an untouched field reads as unchanged)."""
        for name in formdata.FIELDS:
            widget = self.field(name)
            if isinstance(widget, TextArea):
                widget.load_text(start[name])
                start[name] = widget.text
            else:
                self.input(name).value = start[name]

    def show_errors(self, errors: Mapping[str, str], only: str | None = None) -> None:
        """Each field's problem under it (the field marked invalid), or only ``only``'s."""
        for field in formdata.FIELDS:
            if only is not None and field != only:
                continue
            box = self._screen.query_one(f"#err-{field}", Static)
            message = errors.get(field, "")
            box.update(Text(printable(message, lines=True)))
            box.set_class(bool(message), "shown")
            self.field(field).set_class(bool(message), "-invalid")

    def status(self, text: Text | str, style: str = "") -> None:
        """The line under the form (saving, saved, not saved and why)."""
        self._screen.query_one("#form-status", Static).update(
            text if isinstance(text, Text) else Text(text, style=style)
        )
