"""What the main screen's keys do beyond searching: open the other screens (and take what they
give back), trash and undo, and jump by the kana index. Each function acts for ``screen``, the
`MainScreen`, whose actions call them; the other screens are imported when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.widgets import Input, Static

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Contact
from cardbox.domain.views import SORT_ORDERS
from cardbox.services import followups
from cardbox.services.companies import job_history
from cardbox.tui.errors import describe
from cardbox.tui.i18n import _
from cardbox.tui.widgets.render import detail
from cardbox.tui.widgets.render import job_history as render_jobs

if TYPE_CHECKING:
    from cardbox.tui.screens.main import MainScreen


def saved(screen: MainScreen, contact: Contact | None) -> None:
    """After the card form: show the saved card."""
    if contact is not None and contact.id is not None:
        screen.table.forget([contact.id])
        screen.reload(keep=contact.id)
        screen.show_detail(contact.id)


def show_detail(screen: MainScreen, contact_id: int | None, width: int) -> None:
    """Fill the detail pane with a contact (wrapped for ``width`` cells), or empty it."""
    card = screen.query_one("#card", Static)
    if contact_id is None:
        card.update("")
        return
    box = screen.box
    try:
        contact = box.get(contact_id)
        interactions = followups.interactions(box, contact_id)
        reminders = followups.reminders_of(box, contact_id)
        jobs = job_history(box, contact_id)
    except CardboxError:
        card.update("")
        return
    card.update(
        detail(
            contact,
            box.taxonomy(),
            interactions=interactions,
            reminders=reminders,
            extra=[render_jobs(jobs)] if jobs else [],
            zone=ZoneInfo(box.zone),
            width=width,
        )
    )


def sort(screen: MainScreen) -> None:
    """Cycle the order: best match (when searching), reading, company, date met, last
    contact."""
    orders = ["", *SORT_ORDERS] if screen.query_text.strip() else list(SORT_ORDERS)
    current = screen.order if screen.order in orders else orders[0]
    screen.order = orders[(orders.index(current) + 1) % len(orders)]
    if not screen.query_text.strip() and screen.order == "":
        screen.order = "name"
    screen.run_search(screen.query_text, screen.order, screen.table.current, 0.0)


def marked(screen: MainScreen, count: int) -> None:
    """On the status line: how many are marked and what to do with them (or the count)."""
    if count:
        text = _("{count} marked: m merges two, x exports them, space unmarks")
        screen.status(Text(text.format(count=count)))
    else:
        screen.say_count()


def sync(screen: MainScreen) -> None:
    """Sync with every CardDAV account (``cardbox sync add`` sets them up)."""
    from cardbox.tui.screens import sync

    sync.start(screen)


def new(screen: MainScreen) -> None:
    from cardbox.tui.widgets.card_form.form import ContactForm

    screen.app.push_screen(ContactForm(screen.box), lambda c: saved(screen, c))


def edit(screen: MainScreen) -> None:
    from cardbox.tui.widgets.card_form.form import ContactForm

    if screen.table.current is None:
        return
    try:
        contact = screen.box.get(screen.table.current)
    except CardboxError as exc:
        screen.app.notify(describe(exc), severity="error", markup=False)
        return
    screen.app.push_screen(ContactForm(screen.box, contact), lambda c: saved(screen, c))


def log_event(screen: MainScreen) -> None:
    from cardbox.tui.screens.session import EventSession

    screen.app.push_screen(EventSession(screen.box), lambda _: screen.reload())


def merge(screen: MainScreen) -> None:
    """Merge two contacts: the two marked ones, or the marked one and the one under the
    cursor. The one marked first is kept; the merge screen lets each field be chosen."""
    from cardbox.tui.screens.merge import MergeScreen

    marked = list(screen.table.marked)
    current = screen.table.current
    pair = marked if len(marked) == 2 else [*marked, current] if len(marked) == 1 else []
    if len(pair) != 2 or pair[0] == pair[1] or None in pair:
        screen.app.notify(
            _("Mark a contact with space, then press m on the one to merge it with."),
            markup=False,
        )
        return
    keep, other = int(pair[0] or 0), int(pair[1] or 0)

    def merged(contact: Contact | None) -> None:
        if contact is not None:
            screen.table.marked.clear()
            screen.reload(keep=contact.id)

    screen.app.push_screen(MergeScreen(screen.box, keep, other), merged)


def duplicates(screen: MainScreen) -> None:
    from cardbox.tui.screens.duplicates import DuplicatesScreen

    screen.app.push_screen(DuplicatesScreen(screen.box), lambda _: screen.reload())


def readings(screen: MainScreen) -> None:
    from cardbox.tui.screens.readings import ReadingsScreen

    screen.app.push_screen(ReadingsScreen(screen.box), lambda _: screen.reload())


def import_(screen: MainScreen) -> None:
    from cardbox.tui.screens.importing import ImportScreen

    screen.app.push_screen(ImportScreen(screen.box), lambda _: screen.reload())


def export(screen: MainScreen) -> None:
    from cardbox.tui.screens.exporting import ExportScreen

    marked = [i for i in screen.table.ids if i in screen.table.marked]
    screen.app.push_screen(ExportScreen(screen.box, screen.query_text, marked or None))


def qr(screen: MainScreen) -> None:
    from cardbox.tui.screens.qr import QrScreen

    if screen.table.current is not None:
        screen.app.push_screen(QrScreen(screen.box, screen.table.current))


def company(screen: MainScreen) -> None:
    """The highlighted contact's company: everyone there, its industry."""
    from cardbox.tui.screens.company import CompanyScreen

    if screen.table.current is None:
        return
    try:
        contact = screen.box.get(screen.table.current)
    except CardboxError:
        return
    if not contact.company.strip():
        screen.app.notify(_("This card has no company."), markup=False)
        return
    screen.app.push_screen(CompanyScreen(screen.box, contact.company), screen.focus_contact)


def dashboard(screen: MainScreen) -> None:
    from cardbox.tui.screens.dashboard import DashboardScreen

    screen.app.push_screen(DashboardScreen(screen.box), screen.focus_contact)


def reminders(screen: MainScreen) -> None:
    """The highlighted contact's reminders (everyone's when the table is empty)."""
    from cardbox.tui.screens.reminders import RemindersScreen

    def after(contact_id: int | None) -> None:
        screen.show_detail(screen.table.current)
        screen.focus_contact(contact_id)

    screen.app.push_screen(RemindersScreen(screen.box, screen.table.current), after)


def focus_contact(screen: MainScreen, contact_id: int | None) -> None:
    """Put the cursor on a contact (searching for them when they are not listed)."""
    table = screen.table
    if contact_id is None:
        return
    if contact_id in table.ids:
        table.cursor = table.ids.index(contact_id)
        table.focus()
        return
    try:
        contact = screen.box.get(contact_id)
    except CardboxError:
        return
    screen.filter = None
    screen.query_one("#filter", Static).update("")
    screen.query_one("#filter", Static).display = False
    search = screen.query_one("#search", Input)
    with search.prevent(Input.Changed):
        search.value = contact.name
    screen.run_search(screen.query_text, screen.order, contact_id, 0.0)
    table.focus()


def kana_index(screen: MainScreen) -> None:
    from cardbox.tui.dialogs.kana_index import KanaIndex

    screen.app.push_screen(KanaIndex(), lambda key: jump_to_key(screen, key))


def jump_to_key(screen: MainScreen, key: str | None) -> None:
    """To the first contact whose reading sorts at ``key`` or after (in reading order)."""
    if not key:
        return
    table = screen.table
    if screen.order not in ("name", "") or screen.query_text.strip():
        rows = screen.box.rows(table.ids)
        ordered = sorted(table.ids, key=lambda i: rows[i].sort_key if i in rows else "")
        if screen.order != "name":
            screen.order = "name"
            table.show(ordered)
        index = next(
            (n for n, i in enumerate(ordered) if i in rows and rows[i].sort_key >= key),
            len(ordered) - 1,
        )
    else:
        index = screen.box.position(key)
    table.go(index)
    table.focus()


def trash(screen: MainScreen) -> None:
    table = screen.table
    contact_id = table.current
    if contact_id is None:
        return
    try:
        contact = screen.box.remove(contact_id)
    except CardboxError as exc:
        screen.app.notify(describe(exc), severity="error", markup=False)
        return
    screen.trashed.append(contact_id)
    screen.app.notify(
        _("Moved {name} to the trash. Press u to undo.").format(name=contact.name),
        markup=False,
    )
    ids = [i for i in table.ids if i != contact_id]
    index = min(table.cursor, len(ids) - 1)
    table.show(ids, keep=ids[index] if ids else None)


def undo_trash(screen: MainScreen) -> None:
    if not screen.trashed:
        screen.app.notify(_("Nothing to undo."), markup=False)
        return
    contact_id = screen.trashed.pop()
    try:
        contact = screen.box.restore(contact_id)
    except CardboxError as exc:
        screen.app.notify(describe(exc), severity="error", markup=False)
        return
    screen.app.notify(_("Restored {name}.").format(name=contact.name), markup=False)
    screen.reload(keep=contact_id)
