"""What the agenda and the reminders screen share: the keys that act on the line under the cursor.

``d`` marks the reminder done (a repeating one moves on), ``s`` snoozes it a day, ``S`` snoozes it
to a time you type, ``r`` reschedules it to a time you type (a repeating one continues from
there), ``L`` logs a call, e-mail, meeting ... with the contact, ``enter`` goes to the contact.
Every change runs in a thread worker and the screen reloads when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import DataTable

from cardbox.domain.errors import CardboxError
from cardbox.domain.followups import due_soon
from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.tui.dialogs.followups import (
    LogDialog,
    LogEntry,
    NewReminder,
    ReminderDialog,
    WhenDialog,
)
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import alive
from cardbox.tui.widgets.render import literal


@dataclass(frozen=True)
class Target:
    """The line under the cursor: its contact, and its reminder if it is one (open or done)."""

    contact_id: int
    name: str
    reminder_id: int | None = None
    zone: str = ""
    done: bool = False
    kind: str = "reminder"
    """``reminder``, ``cadence`` (keep in touch), ``birthday`` or ``contact`` (no line)."""


class FollowUpScreen(ModalScreen[int | None]):
    """A follow-up list; dismissed with the id of a contact to go to, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("enter", "jump", N_("Go to contact"), priority=True),
        Binding("d", "done", N_("Done")),
        Binding("s", "snooze", N_("Snooze 1 day")),
        Binding("S", "snooze_until", N_("Snooze until…")),
        Binding("r", "reschedule", N_("Reschedule")),
        Binding("L", "log", N_("Log call/mail")),
        Binding("home,g", "first", N_("First"), show=False, priority=True),
        Binding("end,G", "last", N_("Last"), show=False, priority=True),
    ]

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box

    def _list(self) -> DataTable[object] | None:
        focused = self.focused
        return focused if isinstance(focused, DataTable) else None

    def action_first(self) -> None:
        """Home / g: the first line of the list."""
        if (table := self._list()) is not None:
            table.move_cursor(row=0)

    def action_last(self) -> None:
        """End / G: the last line of the list."""
        if (table := self._list()) is not None:
            table.move_cursor(row=max(0, table.row_count - 1))

    # -- what a screen provides -----------------------------------------------------------------

    def target(self) -> Target | None:
        """The line under the cursor."""
        raise NotImplementedError

    def reload(self) -> None:
        """Read the list again (in a worker)."""
        raise NotImplementedError

    def say(self, message: Text) -> None:
        """Show ``message`` on the screen's status line."""
        raise NotImplementedError

    # -- the actions ----------------------------------------------------------------------------

    def _reminder(self) -> Target | None:
        """The reminder under the cursor, or None (and the reason on the status line)."""
        target = self.target()
        if target is None:
            self.say(Text(_("Nothing selected.")))
        elif target.kind == "cadence":
            self.say(Text(_("Not a reminder: log a call or a meeting (L) to reset the clock.")))
        elif target.kind == "birthday":
            self.say(Text(_("A birthday: nothing to mark done or move.")))
        elif target.reminder_id is None:
            self.say(Text(_("No reminder here: n adds one.")))
        elif target.done:
            self.say(Text(_("That reminder is done.")))
        else:
            return target
        return None

    def action_done(self) -> None:
        if (t := self._reminder()) is not None:
            rid = t.reminder_id or 0
            self.change(lambda: followups.complete(self.box, rid), _("Done: {name}"), t.name)

    def action_snooze(self) -> None:
        if (t := self._reminder()) is not None:
            rid = t.reminder_id or 0
            self.change(
                lambda: followups.snooze(self.box, rid, "1d"), _("Snoozed a day: {name}"), t.name
            )

    def action_snooze_until(self) -> None:
        self._ask_when(_("Snooze {name} until"), followups.snooze, _("Snoozed: {name}"))

    def action_reschedule(self) -> None:
        self._ask_when(
            _("Reschedule the reminder for {name} to"),
            followups.reschedule,
            _("Rescheduled: {name}"),
        )

    def _ask_when(self, title: str, apply: Callable[..., object], done: str) -> None:
        t = self._reminder()
        if t is None:
            return
        rid = t.reminder_id or 0

        def answered(text: str | None) -> None:
            if text:
                self.change(lambda: apply(self.box, rid, text), done, t.name)

        heading = literal(title.format(name=t.name), "bold")
        self.app.push_screen(WhenDialog(heading, self.box.zone), answered)

    def action_log(self) -> None:
        t = self.target()
        if t is None:
            self.say(Text(_("Nothing selected.")))
            return
        self.ask_log(t.contact_id, t.name)

    def ask_log(self, contact_id: int, name: str) -> None:
        """Ask what to log with a contact, then log it."""
        now = datetime.now(UTC)
        due = [r for r in followups.reminders_of(self.box, contact_id) if due_soon(r.due, now)]

        def answered(entry: LogEntry | None) -> None:
            if entry is not None:
                self.change(
                    lambda: followups.log(
                        self.box,
                        contact_id,
                        entry.kind,
                        entry.text,
                        when=entry.when,
                        complete_open=entry.complete,
                    ),
                    _("Logged: {name}"),
                    name,
                )

        heading = literal(
            _("Log a call, e-mail, meeting ... with {name}").format(name=name), "bold"
        )
        self.app.push_screen(LogDialog(heading, len(due), self.box.zone), answered)

    def ask_reminder(self, contact_id: int, name: str) -> None:
        """Ask for a new reminder for a contact, then set it."""

        def answered(new: NewReminder | None) -> None:
            if new is not None:
                self.change(
                    lambda: followups.remind(
                        self.box, contact_id, new.when, new.note, every=new.every or None
                    ),
                    _("Reminder set: {name}"),
                    name,
                )

        heading = literal(_("New reminder for {name}").format(name=name), "bold")
        self.app.push_screen(ReminderDialog(heading, self.box.zone), answered)

    def action_jump(self) -> None:
        t = self.target()
        self.dismiss(t.contact_id if t is not None else None)

    def action_close(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="follow-up-change")
    def change(self, job: Callable[[], object], done: str, name: str) -> None:
        """Run ``job`` (a change to the box) in a thread; then say ``done`` and reload."""
        try:
            job()
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self.say), literal(describe(exc), "red"))
            return
        self.app.call_from_thread(alive(self, self._changed), done.format(name=name))

    def _changed(self, message: str) -> None:
        self.say(literal(message))
        self.reload()
