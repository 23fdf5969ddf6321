"""A contact as a QR code in the terminal, which a phone camera turns into a contact.

The code is drawn with half blocks (two modules per character row), light on black whatever
the theme, with a two-module quiet zone. A code that is too large for the window is made smaller
by leaving out what `cardbox.formats.qr` leaves out first (the note, then addresses ...), and the
screen says what; ``a`` shows the full code instead (to scroll, or for a larger window). ``f``
switches between vCard (iPhone and Android) and MECARD (carries the reading to Android); ``s``
saves the full code as PNG or SVG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact
from cardbox.domain.text import printable
from cardbox.services.box import CardBox
from cardbox.services.qr import fit_payload, make_qr, safe_filename, save_qr, trimmings
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.widgets.inputs import SafeInput

FORMAT_NAMES = {"vcard": N_("vCard 3.0 (iPhone and Android)"), "mecard": N_("MECARD (Android)")}
QUIET = 2
"""Modules of light border drawn around the code on screen (saved images have the full 4)."""
LEFT_OUT = {
    "the note": N_("the note"),
    "postal addresses": N_("postal addresses"),
    "web addresses": N_("web addresses"),
    "an e-mail address": N_("an e-mail address"),
    "a phone number": N_("a phone number"),
    "the title and department": N_("the title and department"),
}


def qr_lines(
    contact: Contact, fmt: str, size: tuple[int, int] | None = None
) -> tuple[str, tuple[str, ...], bool]:
    """The code for ``contact`` drawn with half blocks, what was left out, and whether it fits.

    With ``size`` (columns, rows) the contact is trimmed until its code fits in that space, or
    until nothing more can be left out.

    Raises:
        CardboxError: the contact does not fit in a QR code even trimmed.
    """
    left_out = list(fit_payload(contact, fmt).left_out)
    code = make_qr(contact, fmt)

    def fits() -> bool:
        width, height = code.symbol_size(border=QUIET)
        return size is None or (width <= size[0] and (height + 1) // 2 <= size[1])

    if not fits():
        for smaller, what in trimmings(contact):
            code = make_qr(smaller, fmt)
            if what not in left_out:
                left_out.append(what)
            if fits():
                break
    out = io.StringIO()
    code.terminal(out=out, compact=True, border=QUIET)
    return out.getvalue().rstrip("\n"), tuple(left_out), fits()


class QrScreen(ModalScreen[None]):
    """The QR code of the contact ``contact_id``."""

    CSS_PATH = "transfer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "switch_format", N_("vCard / MECARD")),
        Binding("a", "switch_size", N_("Fit the window / full code")),
        Binding("s", "save", N_("Save as PNG or SVG")),
        Binding("escape", "close", N_("Close")),
    ]

    @dataclass
    class Built(Message):
        fmt: str
        code: str
        left_out: tuple[str, ...]
        fits: bool = True
        error: str = ""

    @dataclass
    class Saved(Message):
        path: Path
        error: str = ""

    def __init__(self, box: CardBox, contact_id: int) -> None:
        super().__init__()
        localise_bindings(self)
        self._box = box
        self._contact_id = contact_id
        self._contact: Contact | None = None
        self._fmt = "vcard"
        self._fit = True

    def compose(self) -> ComposeResult:
        with Horizontal(id="qr"):
            with VerticalScroll(id="qr-scroll"):
                yield Static(id="qr-code")
            with Vertical(id="qr-side"):
                yield Static(id="qr-title")
                yield Static(id="qr-format")
                yield Static(id="qr-left-out")
                with Horizontal(id="qr-save"):
                    yield Label(_("Save as"))
                    yield SafeInput(
                        placeholder=_("name.png or name.svg"), id="qr-path", compact=True
                    )
                yield Static(id="qr-status")
        yield Footer()

    def on_mount(self) -> None:
        self._build()
        self.query_one("#qr-scroll").focus()

    def _build(self) -> None:
        width, height = self.app.size
        size = (max(21, width * 3 // 4), max(11, height - 1)) if self._fit else None
        self._make(self._fmt, size)

    @work(thread=True, exclusive=True, group="qr")
    def _make(self, fmt: str, size: tuple[int, int] | None) -> None:
        try:
            if self._contact is None:
                self._contact = self._box.get(self._contact_id)
            code, left_out, fits = qr_lines(self._contact, fmt, size)
        except CardboxError as exc:
            self.post_message(self.Built(fmt, "", (), error=describe(exc)))
        else:
            self.post_message(self.Built(fmt, code, left_out, fits))

    def on_resize(self) -> None:
        if self._fit and self._contact is not None:
            self._build()

    def on_qr_screen_built(self, message: Built) -> None:
        contact = self._contact
        title = self.query_one("#qr-title", Static)
        if contact is not None:
            title.update(Text(printable(contact.name or contact.company), style="bold"))
            path = self.query_one("#qr-path", Input)
            if not path.value:
                name = Path(safe_filename(contact, set())).with_suffix(".png").name
                path.value = str(Path.cwd() / name)
        self.query_one("#qr-format", Static).update(
            Text(_("Format: {name} (f switches)").format(name=_(FORMAT_NAMES[message.fmt])))
        )
        code = self.query_one("#qr-code", Static)
        left = self.query_one("#qr-left-out", Static)
        if message.error:
            code.update(Text(""))
            left.update(Text(printable(message.error), style="red"))
            return
        code.update(Text(message.code, style="#ffffff on #000000", no_wrap=True))
        if message.left_out:
            parts = ", ".join(_(LEFT_OUT.get(w, w)) for w in message.left_out)
            said = (
                _("Left out to fit the window: {parts}. Press a for the full code.")
                if self._fit
                else _("Too much for one code: left out {parts}.")
            )
            left.update(Text(said.format(parts=parts), "yellow"))
        else:
            left.update(Text(_("Everything fits in the code.")))
        if not message.fits or message.code.count("\n") >= self.app.size.height - 1:
            self._say(
                Text(
                    _(
                        "The code is larger than the window: enlarge the terminal, or save it "
                        "as an image (s)."
                    ),
                    "yellow",
                )
            )

    def action_switch_size(self) -> None:
        self._fit = not self._fit
        self._say(Text(""))
        self._build()

    def action_switch_format(self) -> None:
        self._fmt = "mecard" if self._fmt == "vcard" else "vcard"
        self._build()

    def action_save(self) -> None:
        self.query_one("#qr-path", Input).focus()
        self._say(Text(_("Type the file name (.png or .svg) and press enter.")))

    @on(Input.Submitted, "#qr-path")
    def _save_submitted(self) -> None:
        value = self.query_one("#qr-path", Input).value.strip()
        if not value:
            self._say(Text(_("Type a file name ending in .png or .svg.")), "red")
            return
        path = Path(value).expanduser()
        if path.suffix.lower() not in (".png", ".svg"):
            self._say(
                Text(
                    _("{path}: a QR code is saved as .png or .svg.").format(
                        path=printable(str(path))
                    )
                ),
                "red",
            )
            return
        if path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._save(path, self._fmt)

            question = _("{path} exists. Replace it?").format(path=printable(str(path)))
            self.app.push_screen(Confirm(Text(question), _("Replace"), _("Cancel")), answered)
            return
        self._save(path, self._fmt)

    @work(thread=True, exclusive=True, group="qr-save")
    def _save(self, path: Path, fmt: str) -> None:
        try:
            if self._contact is None:
                self._contact = self._box.get(self._contact_id)
            save_qr(make_qr(self._contact, fmt), path)
        except CardboxError as exc:
            self.post_message(self.Saved(path, describe(exc)))
        else:
            self.post_message(self.Saved(path))

    def on_qr_screen_saved(self, message: Saved) -> None:
        if message.error:
            self._say(Text(printable(message.error)), "red")
            return
        self._say(Text(_("Saved {path}.").format(path=printable(str(message.path)))))
        self.query_one("#qr-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def _say(self, text: Text, style: str = "") -> None:
        if style:
            text.stylize(style)
        self.query_one("#qr-status", Static).update(text)
