"""The import dialog: pick a file or folder, preview, import with progress, stop, undo.

The preview is a dry run: every card is read and matched, nothing is written, and the dialog
lists what each card would do (new, updated, unchanged, merged) and the cards that failed, with
file, line and reason. The import runs in a thread worker with a progress bar. Stopping it
(``escape``) pauses it to ask; when confirmed, the cards read until then stay imported as one
normal import that "Undo this import" (``ctrl+z``) or ``cardbox undo-import`` takes back.
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
from textual.suggester import SuggestFromList
from textual.widgets import (
    Button,
    DataTable,
    DirectoryTree,
    Footer,
    Input,
    Label,
    ProgressBar,
    Static,
)

from cardbox.domain.errors import CardboxError
from cardbox.domain.text import printable
from cardbox.services import imports
from cardbox.services.box import CardBox
from cardbox.services.import_report import Report
from cardbox.services.importer import import_paths
from cardbox.services.sources import count_cards
from cardbox.tui.dialogs.confirm import Confirm
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import CancellableJob, alive, run_in_thread
from cardbox.tui.screens.import_report import fill_results, summary
from cardbox.tui.widgets.file_tree import VcardTree, is_dir
from cardbox.tui.widgets.inputs import SafeInput


class ImportScreen(ModalScreen[Report | None]):
    """Import vCards. Dismissed with the `Report` of the import that ran (also when it was
    stopped or undone, so the caller refreshes), or None when nothing was imported."""

    CSS_PATH = "transfer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "preview", N_("Preview")),
        Binding("ctrl+s", "run", N_("Import")),
        Binding("ctrl+z", "undo", N_("Undo this import")),
        Binding("escape", "close", N_("Close or stop")),
    ]

    @dataclass
    class Progressed(Message):
        done: int
        total: int

    @dataclass
    class Finished(Message):
        report: Report | None
        preview: bool
        read: int
        error: str = ""

    def __init__(self, box: CardBox, start: Path | None = None) -> None:
        super().__init__()
        self.HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "")]  # narrow: see transfer.tcss
        localise_bindings(self)
        self._box = box
        self._start = start
        self._report: Report | None = None
        self._pairs: dict[str, tuple[int, int]] = {}
        """Result rows of possible matches: (the known contact, the card imported as new)."""
        self._undone = False
        self._job = CancellableJob()
        """The import or undo under way (escape pauses it to ask, and may stop it)."""

    def compose(self) -> ComposeResult:
        root = self._start or Path.cwd()
        with Vertical(id="import", classes="transfer"):
            yield Static(Text(_("Import vCards or CSV"), style="bold"), classes="transfer-title")
            with Horizontal(id="import-body"):
                yield VcardTree(root if is_dir(root) else root.parent, id="import-tree")
                with Vertical(id="import-side"):
                    with Grid(classes="transfer-form"):
                        yield Label(_("File or folder"))
                        yield SafeInput(
                            str(root) if root.is_file() else "",
                            placeholder=_("a .vcf or .csv file, or a folder of .vcf files"),
                            id="import-path",
                            compact=True,
                        )
                        yield Label(_("Met at event"))
                        yield Input(
                            placeholder=_("optional: every card is recorded as met there"),
                            id="import-event",
                            compact=True,
                        )
                        yield Label(_("Industry"))
                        yield Input(
                            placeholder=_("optional: code, name or alias"),
                            id="import-industry",
                            compact=True,
                        )
                        yield Label(_("Tag"))
                        yield Input(
                            placeholder=_("optional: a tag for every card"),
                            id="import-tag",
                            compact=True,
                        )
                    with Horizontal(classes="transfer-buttons"):
                        yield Button(
                            _("Preview"),
                            id="import-preview",
                            compact=True,
                            tooltip=_("Read every card and show what would change (ctrl+r)"),
                        )
                        yield Button(
                            _("Import"),
                            id="import-run",
                            variant="primary",
                            compact=True,
                            tooltip=_("Import the cards (ctrl+s)"),
                        )
                        yield Button(
                            _("Undo this import"),
                            id="import-undo",
                            disabled=True,
                            compact=True,
                            tooltip=_("Take the import back (ctrl+z)"),
                        )
                        yield Button(
                            _("Close"),
                            id="import-close",
                            compact=True,
                            tooltip=_("Close, or stop a running import (escape)"),
                        )
                    yield ProgressBar(show_eta=False, id="import-progress")
                    yield Static(id="import-status")
            results: DataTable[object] = DataTable(id="import-results", cursor_type="row")
            yield results
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#import-results", DataTable)
        table.add_columns(_("What"), _("Where"), _("Name or reason"))
        self.query_one("#import-progress").display = False
        self._say(Text(_("Pick a file or folder in the tree (enter), or type its path.")))
        self._load_choices()
        start_file = self._start is not None and self._start.is_file()
        self.query_one("#import-path" if start_file else "#import-tree").focus()

    # -- choosing ---------------------------------------------------------------------------

    @work(thread=True, group="choices")
    def _load_choices(self) -> None:
        events = [e.name for e in self._box.events()]
        industries = [n for i in self._box.industries() for n in (i.code, i.name, i.name_ja)]
        tags = [t for t, _n in self._box.tags()]
        self.app.call_from_thread(alive(self, self._set_choices), events, industries, tags)

    def _set_choices(self, events: list[str], industries: list[str], tags: list[str]) -> None:
        for widget_id, values in (
            ("#import-event", events),
            ("#import-industry", industries),
            ("#import-tag", tags),
        ):
            self.query_one(widget_id, Input).suggester = SuggestFromList(
                [v for v in values if v], case_sensitive=False
            )

    @on(DirectoryTree.FileSelected, "#import-tree")
    @on(DirectoryTree.DirectorySelected, "#import-tree")
    def _picked(self, event: DirectoryTree.FileSelected | DirectoryTree.DirectorySelected) -> None:
        self.query_one("#import-path", Input).value = str(event.path)

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self) -> None:
        self.action_preview()

    def _path(self) -> Path | None:
        value = self.query_one("#import-path", Input).value.strip()
        if not value:
            self._say(
                Text(_("Choose a file or folder first: type its path or pick it in the tree.")),
                "red",
            )
            self.query_one("#import-path", Input).focus()
            return None
        return Path(value).expanduser()

    def _option(self, widget_id: str) -> str | None:
        return self.query_one(widget_id, Input).value.strip() or None

    # -- running ----------------------------------------------------------------------------

    @on(Button.Pressed, "#import-preview")
    def action_preview(self) -> None:
        self._start_run(preview=True)

    @on(Button.Pressed, "#import-run")
    def action_run(self) -> None:
        self._start_run(preview=False)

    def _start_run(self, *, preview: bool) -> None:
        if self._job.running:
            self._say(Text(_("An import is running: wait for it, or press escape to stop it.")))
            return
        path = self._path()
        if path is None:
            return
        self._job.begin()
        self._buttons()
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#import-results", DataTable).clear()
        self._say(Text(_("Reading {path}…").format(path=printable(str(path)))))
        self._work(
            path,
            self._option("#import-event"),
            self._option("#import-industry"),
            self._option("#import-tag"),
            preview,
        )

    @work(thread=True, exclusive=True, group="import")
    def _work(
        self, path: Path, event: str | None, industry: str | None, tag: str | None, preview: bool
    ) -> None:
        job = self._job
        cancel = job.cancelled()
        try:
            total = count_cards([path])
            self.post_message(self.Progressed(0, total))
            progress = job.progress(lambda done: self.post_message(self.Progressed(done, total)))
            report = import_paths(
                self._box,
                [path],
                event=event,
                industry=industry,
                tag=tag,
                dry_run=preview,
                progress=progress,
                cancel=cancel,
                details=True,
            )
        except (CardboxError, OSError) as exc:
            self.post_message(self.Finished(None, preview, job.done, describe(exc)))
        except Exception as exc:  # a bug must not kill the app: say it, the box stays consistent
            error = f"{type(exc).__name__}: {exc}"
            self.post_message(self.Finished(None, preview, job.done, error))
        else:
            self.post_message(self.Finished(report, preview, job.done))

    def on_import_screen_progressed(self, message: Progressed) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=max(message.total, message.done), progress=message.done)
        if message.done:
            self._say(
                Text(
                    _("{done} of about {total} cards read…").format(
                        done=f"{message.done:,}", total=f"{max(message.total, message.done):,}"
                    )
                )
            )

    def on_import_screen_finished(self, message: Finished) -> None:
        self._job.end()
        bar = self.query_one("#import-progress", ProgressBar)
        report = message.report
        if report is None:
            bar.display = False
            key = (
                _("Nothing was imported: {reason}")
                if message.preview or not message.read
                else _(
                    "The import stopped: {reason}. The cards read before that stay imported "
                    "(`cardbox imports` lists the run)."
                )
            )
            self._say(Text(key.format(reason=printable(message.error))), "red")
            self._buttons()
            return
        bar.update(total=max(message.read, 1), progress=message.read)
        if not report.dry_run:
            self._report = report
            self._undone = False
        self._say(summary(report, message.read), "red" if report.failed else "")
        self._fill(report)
        self._buttons()

    def _fill(self, report: Report) -> None:
        table = self.query_one("#import-results", DataTable)
        base = Path(self.query_one("#import-path", Input).value.strip()).expanduser()
        self._pairs = fill_results(table, report, base)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a possible match: compare the two and merge them field by field."""
        from cardbox.tui.screens.merge import MergeScreen

        pair = self._pairs.get(str(event.row_key.value))
        if pair is None or self._job.running:
            return
        event.stop()

        def merged(contact: object) -> None:
            if contact is not None:
                self._pairs.pop(str(event.row_key.value), None)
                self._say(Text(_("Merged.")), "")

        self.app.push_screen(MergeScreen(self._box, *pair), merged)

    # -- stopping, undoing, closing ---------------------------------------------------------

    def action_close(self) -> None:
        if not self._job.running:
            self.dismiss(self._report)
            return
        question = _(
            "Stop the import? The cards read so far stay imported, as one import you can "
            "undo; the rest is not read."
        )
        self._job.ask_to_stop(self, question, lambda: self._say(Text(_("Stopping…"))))

    @on(Button.Pressed, "#import-close")
    def _close_pressed(self) -> None:
        self.action_close()

    @on(Button.Pressed, "#import-undo")
    def action_undo(self) -> None:
        report = self._report
        if self._job.running or report is None or report.run_id is None or self._undone:
            self._say(Text(_("There is no import to undo here.")))
            return
        run = report.run_id
        question = Text(
            _(
                "Undo import #{run}? The {added} card(s) it added go to the trash and the "
                "{updated} it updated get back what they held before."
            ).format(run=run, added=report.added, updated=report.updated)
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._job.begin()
                self._buttons()
                self._undo(run)

        self.app.push_screen(Confirm(question, _("Undo"), _("Keep")), answered)

    def _undo(self, run: int) -> None:
        def undone(counts: tuple[int, int]) -> None:
            self._undone = True
            done = _("Import #{run} undone: {trashed} card(s) to the trash, {restored} restored.")
            self._end(Text(done.format(run=run, trashed=counts[0], restored=counts[1])))

        def failed(error: str) -> None:
            self._end(Text(printable(error)), "red")

        def undo() -> tuple[int, int]:
            done = imports.undo(self._box, run)
            return done.trashed, done.restored

        run_in_thread(self, undo, undone, failed, name="undo", group="import")

    def _end(self, text: Text, style: str = "") -> None:
        self._job.end()
        self._say(text, style)
        self._buttons()

    def on_unmount(self) -> None:
        self._job.stop()

    # -- helpers ----------------------------------------------------------------------------

    def _say(self, text: Text, style: str = "") -> None:
        if style:
            text.stylize(style)
        self.query_one("#import-status", Static).update(text)

    def _buttons(self) -> None:
        busy = self._job.running
        self.query_one("#import-preview", Button).disabled = busy
        self.query_one("#import-run", Button).disabled = busy
        can_undo = self._report is not None and self._report.run_id is not None
        self.query_one("#import-undo", Button).disabled = busy or not can_undo or self._undone
