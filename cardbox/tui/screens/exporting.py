"""The export dialog: the current search result or a selection, to one file, a folder of one
file per contact, or a QR code on screen; for any phone, iPhone, Android, Google or vCard 4.0.

The export runs in a thread worker with a progress bar; ``escape`` pauses it to ask whether to
stop (a single file is then not written at all; in a folder the files written so far stay). A
file that exists is replaced only when confirmed; in a folder that holds vCards already, files of
the same name are replaced when confirmed, else new files get new names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from cardbox.domain.errors import CardboxError
from cardbox.domain.text import printable
from cardbox.services import exporter
from cardbox.services.box import CardBox
from cardbox.services.exporter import ExportReport
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import CancellableJob, run_in_thread
from cardbox.tui.screens.qr import QrScreen
from cardbox.tui.widgets.inputs import SafeInput

KINDS = ("file", "folder", "qr")
PROFILE_LABELS = (
    ("default", N_("any phone")),
    ("iphone", N_("iPhone")),
    ("android", N_("Android")),
    ("google", N_("Google Contacts")),
    ("vcard4", N_("vCard 4.0")),
    ("csv", N_("CSV, every field")),
    ("google-csv", N_("Google Contacts CSV")),
    ("outlook-csv", N_("Outlook CSV")),
    ("sansan-csv", N_("Sansan CSV (cp932)")),
)
DEFAULT_NAME = {
    "file": "cardbox-export.vcf",
    "folder": "cardbox-export",
    "csv": "cardbox-export.csv",
}


class ExportScreen(ModalScreen[ExportReport | None]):
    """Export contacts: those ``query`` finds, or the contacts ``ids`` when given. Dismissed with
    the `ExportReport` of the last export written, or None."""

    CSS_PATH = "transfer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", N_("Export")),
        Binding("escape", "close", N_("Close or stop")),
    ]

    @dataclass
    class Progressed(Message):
        done: int

    @dataclass
    class Finished(Message):
        report: ExportReport | None
        target: Path
        error: str = ""

    def __init__(
        self,
        box: CardBox,
        query: str,
        ids: list[int] | None = None,
        *,
        folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "")]  # narrow: see transfer.tcss
        localise_bindings(self)
        self._box = box
        self._query = query
        self._given = ids
        self._ids: list[int] | None = None
        self._folder = folder or Path.cwd()
        self._report: ExportReport | None = None
        self._written: Path | None = None
        """What the last export wrote: no warning that it exists (it was this dialog's doing)."""
        self._job = CancellableJob()
        """The export under way (escape pauses it to ask, and may stop it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="export", classes="transfer"):
            yield Static(Text(_("Export vCards or CSV"), style="bold"), classes="transfer-title")
            yield Static(Text(_("Counting the contacts…")), id="export-what")
            with Grid(classes="transfer-form"):
                yield Label(_("Write"))
                with RadioSet(id="export-kind"):
                    yield RadioButton(_("one .vcf file"), value=True)
                    yield RadioButton(_("a folder, one file per contact"))
                    yield RadioButton(_("a QR code on screen"))
                yield Label(_("For"))
                with RadioSet(id="export-profile"):
                    for n, (_profile, label) in enumerate(PROFILE_LABELS):
                        yield RadioButton(_(label), value=n == 0)
                yield Label(_("To"))
                yield SafeInput(
                    str(self._folder / DEFAULT_NAME["file"]),
                    placeholder=_("a file or folder path"),
                    id="export-path",
                    compact=True,
                )
                yield Label("")
                yield Static(id="export-hint")
            with Horizontal(classes="transfer-buttons"):
                yield Button(
                    _("Export"),
                    id="export-run",
                    variant="primary",
                    compact=True,
                    tooltip=_("Write the contacts (ctrl+s)"),
                )
                yield Button(
                    _("Close"),
                    id="export-close",
                    compact=True,
                    tooltip=_("Close, or stop a running export (escape)"),
                )
            yield ProgressBar(show_eta=False, id="export-progress")
            yield Static(id="export-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self._count()
        self._hint()
        self.query_one("#export-kind", RadioSet).focus()

    # -- what and where -------------------------------------------------------------------

    def _count(self) -> None:
        given, box, query = self._given, self._box, self._query

        def count() -> list[int]:
            return list(given) if given is not None else exporter.selected_ids(box, query)

        run_in_thread(self, count, self._counted, self._not_counted, group="count")

    def _not_counted(self, error: str) -> None:
        self.query_one("#export-what", Static).update(Text(printable(error), style="red"))

    def _counted(self, ids: list[int]) -> None:
        what = self.query_one("#export-what", Static)
        self._ids = ids
        count = f"{len(ids):,}"
        if self._given is not None:
            text = _("{count} selected contact(s).").format(count=count)
        elif self._query.strip():
            text = _("{count} contact(s) found by the search “{query}”.").format(
                count=count, query=printable(self._query)
            )
        else:
            text = _("Everyone: {count} contact(s).").format(count=count)
        what.update(Text(text))

    def _kind(self) -> str:
        return KINDS[max(0, self.query_one("#export-kind", RadioSet).pressed_index)]

    def _profile(self) -> str:
        index = max(0, self.query_one("#export-profile", RadioSet).pressed_index)
        return PROFILE_LABELS[index][0]

    @on(RadioSet.Changed, "#export-kind")
    @on(RadioSet.Changed, "#export-profile")
    def _kind_changed(self) -> None:
        kind = self._kind()
        path = self.query_one("#export-path", Input)
        path.disabled = kind == "qr"
        current = Path(path.value.strip()).expanduser() if path.value.strip() else None
        name = "csv" if kind == "file" and self._profile().endswith("csv") else kind
        if name in DEFAULT_NAME and (current is None or current.name in DEFAULT_NAME.values()):
            parent = current.parent if current is not None else self._folder
            path.value = str(parent / DEFAULT_NAME[name])
        self._hint()

    @on(Input.Changed, "#export-path")
    def _hint(self) -> None:
        hint = self.query_one("#export-hint", Static)
        target = self._target()
        kind = self._kind()
        text = ""
        warn = True
        if kind == "qr":
            text, warn = _("The QR code shows one contact; a phone camera adds it."), False
        elif target is None:
            text = ""
        elif self._written is not None and target == self._written:
            text, warn = _("Written by this export."), False
        elif kind == "file" and target.is_dir():
            text = _("This is a folder: type a file name, or choose “a folder”.")
        elif kind == "file" and target.exists():
            text = _("This file exists: exporting asks before replacing it.")
        elif kind == "folder" and target.exists() and not target.is_dir():
            text = _("This is a file: type a folder name, or choose “one .vcf file”.")
        elif kind == "folder" and target.is_dir() and any(target.glob("*.vcf")):
            text = _("This folder holds vCards already: exporting asks whether to replace them.")
        hint.update(Text(text, style="yellow" if warn else ""))

    def _target(self) -> Path | None:
        value = self.query_one("#export-path", Input).value.strip()
        return Path(value).expanduser() if value else None

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    # -- exporting --------------------------------------------------------------------------

    @on(Button.Pressed, "#export-run")
    def action_export(self) -> None:
        if self._job.running:
            self._say(Text(_("An export is running: wait for it, or press escape to stop it.")))
            return
        ids = self._ids
        if ids is None:
            self._say(Text(_("Still counting the contacts: try again in a moment.")))
            return
        if not ids:
            self._say(Text(_("Nothing to export: no contacts are selected.")), "red")
            return
        kind = self._kind()
        if kind == "folder" and self._profile().endswith("csv"):
            self._say(Text(_("A CSV export is a single file, not a folder.")), "red")
            return
        if kind == "qr":
            if len(ids) != 1:
                self._say(
                    Text(
                        _(
                            "A QR code holds one contact, and {count} are selected: select one, "
                            "or export to a file."
                        ).format(count=f"{len(ids):,}")
                    ),
                    "red",
                )
                return
            self.app.push_screen(QrScreen(self._box, ids[0]))
            return
        target = self._target()
        if target is None:
            self._say(Text(_("Type where to write: a file or folder path.")), "red")
            self.query_one("#export-path", Input).focus()
            return
        where = printable(str(target))
        if kind == "file" and target.is_dir():
            self._say(Text(_("{path} is a folder: type a file name.").format(path=where)), "red")
            return
        if kind == "folder" and target.exists() and not target.is_dir():
            self._say(Text(_("{path} is a file: type a folder name.").format(path=where)), "red")
            return
        if kind == "file" and target.exists():
            question = _("{path} exists. Replace it?").format(path=where)
            self._confirm(question, _("Replace"), _("Cancel"), target, ids, kind, cancel=True)
        elif kind == "folder" and target.is_dir() and any(target.glob("*.vcf")):
            question = _(
                "{path} holds vCards already. Replace the files that have the same names? "
                "(Otherwise new files get new names, and nothing is replaced.)"
            ).format(path=where)
            self._confirm(question, _("Replace"), _("Keep both"), target, ids, kind, cancel=False)
        else:
            self._start(target, ids, kind, overwrite=False)

    def _confirm(
        self,
        question: str,
        yes: str,
        no: str,
        target: Path,
        ids: list[int],
        kind: str,
        *,
        cancel: bool,
    ) -> None:
        def answered(replace: bool | None) -> None:
            if replace:
                self._start(target, ids, kind, overwrite=True)
            elif cancel:
                self._say(Text(_("Nothing was written.")))
            else:
                self._start(target, ids, kind, overwrite=False)

        self.app.push_screen(Confirm(Text(question), yes, no), answered)

    def _start(self, target: Path, ids: list[int], kind: str, *, overwrite: bool) -> None:
        self._job.begin()
        self.query_one("#export-run", Button).disabled = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=len(ids), progress=0)
        bar.display = True
        self._say(Text(_("Writing…")))
        self._work(target, ids, kind, self._profile(), overwrite)

    @work(thread=True, exclusive=True, group="export")
    def _work(self, target: Path, ids: list[int], kind: str, profile: str, overwrite: bool) -> None:
        cancel = self._job.cancelled()
        progress = self._job.progress(lambda done: self.post_message(self.Progressed(done)))
        write = exporter.export_file if kind == "file" else exporter.export_dir
        try:
            if profile.endswith("csv"):
                report, _data = exporter.export_csv(
                    self._box,
                    "",
                    target,
                    to=profile,
                    overwrite=overwrite,
                    ids=ids,
                    progress=progress,
                    cancel=cancel,
                )
                self.post_message(self.Finished(report, target))
                return
            report = write(
                self._box,
                "",
                target,
                profile=profile,
                overwrite=overwrite,
                ids=ids,
                progress=progress,
                cancel=cancel,
            )
        except (CardboxError, OSError) as exc:
            self.post_message(self.Finished(None, target, describe(exc)))
        except Exception as exc:  # a bug must not kill the app: say it
            self.post_message(self.Finished(None, target, f"{type(exc).__name__}: {exc}"))
        else:
            self.post_message(self.Finished(report, target))

    def on_export_screen_progressed(self, message: Progressed) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=message.done)

    def on_export_screen_finished(self, message: Finished) -> None:
        self._job.end()
        self.query_one("#export-run", Button).disabled = False
        report = message.report
        where = printable(str(message.target))
        if report is None:
            self.query_one("#export-progress").display = False
            self._say(
                Text(_("Nothing was exported: {reason}").format(reason=printable(message.error))),
                "red",
            )
            return
        self.query_one("#export-progress", ProgressBar).update(progress=report.count)
        count = f"{report.count:,}"
        if report.cancelled and not report.files:
            text = _("Stopped: nothing was written.")
        elif report.cancelled:
            text = _("Stopped: {count} file(s) were written to {path} before that.")
        else:
            self._report = report
            self._written = message.target
            text = _("Exported {count} contact(s) to {path}.")
        text = text.format(count=count, path=where)
        if report.warnings:
            more = _("{count} could not be written as they are, e.g. {first}").format(
                count=len(report.warnings), first=report.warnings[0]
            )
            text = f"{text}\n{printable(more)}"
        self._say(Text(text), "yellow" if report.warnings else "")
        self._hint()

    # -- closing ----------------------------------------------------------------------------

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        if not self._job.running:
            self.dismiss(self._report)
            return
        question = _(
            "Stop the export? A single file is then not written at all; in a folder the "
            "files written so far stay."
        )
        self._job.ask_to_stop(self, question)

    def on_unmount(self) -> None:
        self._job.stop()

    def _say(self, text: Text, style: str = "") -> None:
        if style:
            text.stylize(style)
        self.query_one("#export-status", Static).update(text)
