"""The dashboard: contacts by industry and by event, cards added and met per month, the
follow-ups due this week and who nobody has been in touch with for longest.

Everything is read in a thread worker (a few ``GROUP BY`` queries, `CardBox.stats`), so a box
of 100,000 contacts does not freeze the screen. ``enter`` on a line of either list dismisses the
screen with that contact's id (the main screen goes to it); ``escape`` closes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from cardbox.domain.errors import CardboxError
from cardbox.domain.model import Industry
from cardbox.domain.views import Quiet, Stats
from cardbox.services.box import CardBox
from cardbox.services.followups import Agenda, agenda
from cardbox.tui.errors import describe
from cardbox.tui.i18n import N_, _, localise_bindings
from cardbox.tui.jobs import alive
from cardbox.tui.screens.agenda import agenda_items, what
from cardbox.tui.widgets.charts import Chart, bars, columns, fit
from cardbox.tui.widgets.render import literal
from cardbox.tui.widgets.sidebar import industry_name

TOP = 8
"""Bars shown per chart (the rest are summed up in one line)."""
HEIGHT = 5
"""Rows of the per-month column charts."""
SHORT = 32
"""A terminal fewer rows high than this gets the short charts below, so that both rows of
charts fit on the first screen (at 80x24 too)."""
SHORT_TOP = 4
SHORT_HEIGHT = 3
QUIET = 10
"""People on the "not in touch for longest" list."""
DUE_SHOWN = 30
"""Lines per agenda section on the follow-ups list."""
NAME_W = 18
"""Cells for a name on the lists."""


@dataclass(frozen=True)
class Loaded:
    """One read of everything the dashboard shows."""

    stats: Stats
    agenda: Agenda
    taxonomy: Mapping[str, Industry]
    zone: ZoneInfo


def top(rows: list[tuple[str, int]], limit: int = TOP) -> tuple[list[tuple[str, int]], Text]:
    """The first ``limit`` rows, and a line that sums up the rest (empty when there is none)."""
    if len(rows) <= limit:
        return rows, Text()
    rest = rows[limit:]
    more = _("… and {count} more ({contacts} contacts)").format(
        count=len(rest), contacts=f"{sum(n for _label, n in rest):,}"
    )
    return rows[:limit], Text(more, style="dim italic")


def quiet_line(q: Quiet, day: str) -> Text:
    """A line of the not-in-touch list: what the date is, the date, the person, the company."""
    what = _("in touch") if q.logged else _("added")
    out = Text(no_wrap=True, overflow="ellipsis")
    out.append_text(fit(what, 9))
    out.append(day + "  ", style="bold")
    out.append_text(fit(q.contact.name or q.contact.company, NAME_W))
    if q.contact.company and q.contact.name:
        out.append("  ")
        out.append_text(literal(q.contact.company, "dim"))
    return out


class DashboardScreen(ModalScreen[int | None]):
    """The dashboard; dismissed with the id of a contact to go to, or None."""

    CSS_PATH = "dashboard.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("r", "reload", N_("Refresh")),
        Binding("g", "focused.first", N_("First"), show=False),
        Binding("G", "focused.last", N_("Last"), show=False),
    ]

    def __init__(self, box: CardBox) -> None:
        super().__init__()
        localise_bindings(self)
        self.box = box
        self._due: list[int] = []
        self._quiet: list[int] = []
        self._loaded: Loaded | None = None
        self._short: bool | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            yield Static(_("Counting…"), id="dash-title")
            with VerticalScroll(id="dash-body"):
                yield Static(id="dash-empty")
                with Horizontal(classes="dash-row"):
                    with Vertical(classes="dash-cell"):
                        yield Static(_("Contacts by industry"), classes="dash-heading")
                        yield Chart(id="by-industry")
                    with Vertical(classes="dash-cell"):
                        yield Static(_("Contacts by event"), classes="dash-heading")
                        yield Chart(id="by-event")
                with Horizontal(classes="dash-row"):
                    with Vertical(classes="dash-cell"):
                        yield Static(_("Cards added per month"), classes="dash-heading")
                        yield Chart(id="added")
                    with Vertical(classes="dash-cell"):
                        yield Static(
                            _("Cards met at events per month (by event date)"),
                            classes="dash-heading",
                        )
                        yield Chart(id="met")
                with Horizontal(classes="dash-row"):
                    with Vertical(classes="dash-cell"):
                        yield Static(id="due-heading", classes="dash-heading")
                        yield OptionList(id="due")
                    with Vertical(classes="dash-cell"):
                        yield Static(_("Not in touch for longest"), classes="dash-heading")
                        yield OptionList(id="quiet")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#dash-empty", Static).display = False
        self._load()

    def action_reload(self) -> None:
        self._load()

    def action_close(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="dashboard")
    def _load(self) -> None:
        try:
            loaded = Loaded(
                self.box.stats(quiet=QUIET),
                agenda(self.box, limit=DUE_SHOWN),
                self.box.taxonomy(),
                ZoneInfo(self.box.zone),
            )
        except CardboxError as exc:
            self.app.call_from_thread(alive(self, self._failed), describe(exc))
            return
        self.app.call_from_thread(alive(self, self._show), loaded)

    def _failed(self, message: str) -> None:
        self.query_one("#dash-title", Static).update(literal(message, "red"))

    # -- showing --------------------------------------------------------------------------------

    def _show(self, loaded: Loaded) -> None:
        s = loaded.stats
        first, last = (s.added[0][0], s.added[-1][0]) if s.added else ("", "")
        title = _("Dashboard: {count} contacts; months from {first} to {last}").format(
            count=f"{s.contacts:,}", first=first, last=last
        )
        self.query_one("#dash-title", Static).update(Text(title, style="bold"))
        empty = self.query_one("#dash-empty", Static)
        empty.display = s.contacts == 0
        empty.update(
            Text(_("Your box is empty: add or import some cards and they are counted here."))
        )
        self._loaded = loaded
        self._charts()
        self._fill_due(loaded.agenda)
        self._fill_quiet(s.quiet, loaded.zone)
        for list_id in ("#due", "#quiet"):
            options = self.query_one(list_id, OptionList)
            if options.option_count and not options.get_option_at_index(0).disabled:
                options.highlighted = 0
                # Focus without scrolling: at 80x24 the charts stay on the first screen, the
                # lists below them a scroll away (the body scrolls with the keys, as before).
                options.focus(scroll_visible=False)
                break

    def on_resize(self) -> None:
        if self._loaded is not None and self._short != self._is_short():
            self._charts()

    def _is_short(self) -> bool:
        return self.app.size.height < SHORT

    def _charts(self) -> None:
        """The four charts, short ones when the terminal is (`SHORT`)."""
        loaded = self._loaded
        if loaded is None:
            return
        s = loaded.stats
        self._short = self._is_short()
        limit, height = (SHORT_TOP, SHORT_HEIGHT) if self._short else (TOP, HEIGHT)
        industries = [
            (industry_name(loaded.taxonomy[code]) if code in loaded.taxonomy else code, n)
            for code, n in s.by_industry
        ]
        self._chart("#by-industry", industries, _("No contact has an industry yet."), limit)
        self._chart("#by-event", s.by_event, _("No contact was met at an event yet."), limit)
        self.query_one("#added", Chart).show(lambda w: columns(s.added, w, height))
        self.query_one("#met", Chart).show(lambda w: columns(s.met, w, height, "magenta"))

    def _chart(self, chart_id: str, rows: list[tuple[str, int]], none: str, limit: int) -> None:
        shown, more = top(rows, limit)

        def draw(width: int) -> Text:
            if not shown:
                return Text(none, style="dim italic")
            out = bars(shown, width)
            if more:
                out.append("\n")
                out.append_text(more)
            return out

        self.query_one(chart_id, Chart).show(draw)

    def _fill_due(self, found: Agenda) -> None:
        shown = agenda_items(found)
        total = sum(found.total(name) for name in ("overdue", "today", "upcoming"))
        self.query_one("#due-heading", Static).update(
            _("Follow-ups due this week ({count})").format(count=total)
        )
        self._due = [item.contact.id or 0 for _section, item in shown]
        options = self.query_one("#due", OptionList)
        options.clear_options()
        for n, (section, item) in enumerate(shown):
            when = "%m-%d" if item.kind == "birthday" else "%m-%d %H:%M"
            line = fit(section, 10)  # "Coming up" and a space before the date
            line.stylize("dim")
            line.append(item.due.strftime(when).ljust(12))
            line.append_text(fit(item.contact.name or item.contact.company, NAME_W))
            line.append("  ")
            line.append_text(what(item))
            options.add_option(Option(line, id=str(n)))
        if not shown:
            options.add_option(Option(Text(_("Nothing due this week."), "dim"), disabled=True))

    def _fill_quiet(self, people: list[Quiet], zone: ZoneInfo) -> None:
        self._quiet = [q.contact.id or 0 for q in people]
        options = self.query_one("#quiet", OptionList)
        options.clear_options()
        for n, q in enumerate(people):
            day = q.since.astimezone(zone).date().isoformat()
            options.add_option(Option(quiet_line(q, day), id=str(n)))
        if not people:
            options.add_option(Option(Text(_("Nobody yet."), "dim"), disabled=True))

    # -- acting ---------------------------------------------------------------------------------

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        ids = self._due if event.option_list.id == "due" else self._quiet
        index = int(event.option.id or -1)
        if 0 <= index < len(ids) and ids[index]:
            self.dismiss(ids[index])
