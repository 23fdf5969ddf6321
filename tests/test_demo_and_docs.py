"""The shipped data loads, and the README documents every command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from cardbox.cli import cli
from cardbox.domain.text import is_kana
from cardbox.services.box import CardBox
from cardbox.services.paths import data_dir

ROOT = Path(__file__).resolve().parent.parent


def test_the_demo_box_has_about_sixty_cards_from_three_events() -> None:
    with CardBox.demo() as box:
        page = box.contacts()
        assert 55 <= page.total <= 65
        events = box.events()
        assert len(events) == 3
        assert sum(e.contact_count for e in events) >= page.total - 2
        japanese = [c for c in page.contacts if c.family_reading]
        assert len(japanese) >= 30
        assert all(is_kana(c.family_reading + c.given_reading) for c in japanese)
        assert any(c.industries for c in page.contacts)
        assert any(c.tags for c in page.contacts)
        # the demo finds people the way the README says
        assert box.search("弁護士").contacts
        assert box.search("industry:G").total >= 5


def test_the_demo_box_shows_the_product_on_every_screen() -> None:
    """Follow-ups due today and overdue, someone losing touch, a job change, a likely duplicate
    pair and a company with several people, whenever the demo is opened."""
    from datetime import UTC, datetime, timedelta

    from cardbox.services import followups
    from cardbox.services.companies import company_view, job_history

    for now in (datetime.now(UTC), datetime(2026, 12, 3, 14, 59, tzinfo=UTC)):
        with CardBox.open(":memory:") as box:
            box.load_demo(now=now)
            agenda = followups.agenda(box, now=now, days=7)
            assert agenda.total("overdue") >= 2
            assert agenda.total("today") >= 1
            assert agenda.total("upcoming") >= 1
            drifting, total = followups.losing_touch(box, now=now)
            assert total >= 1
            listed, _ = followups.open_reminders(box)
            assert any(r.reminder.rule for r in listed)  # one repeats
            pairs = box.duplicates()
            assert any(m.likely for _a, _b, m in pairs)
            moved = [c for c in box.contacts().contacts if job_history(box, c.id or 0)]
            assert moved
            assert max(len(company_view(box, c).people) for c in box.companies()) >= 3
            stats = box.stats(now=now)
            assert stats.quiet and stats.by_industry
            assert drifting[0].last is not None and drifting[0].last < now - timedelta(days=30)


def test_the_demo_shows_no_test_fixture_such_as_markup_injection() -> None:
    text = (data_dir() / "demo.json").read_text(encoding="utf-8")
    for marker in ("[@click", "[bold]", "[/", "[link", "Mercer"):
        assert marker not in text


def test_the_taxonomy_has_the_twenty_jsic_groups_and_unique_aliases() -> None:
    groups = json.loads((data_dir() / "industries.json").read_text(encoding="utf-8"))
    assert [g["code"] for g in groups] == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert all(g["en"] and g["ja"] for g in groups)
    with CardBox.open(":memory:") as box:
        nodes = box.industries()
        assert len(nodes) >= 60
        codes = {n.code for n in nodes}
        assert all(n.parent in codes for n in nodes if n.parent)


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, prefix + name + " "))
    return found


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in _commands(cli):
        assert command.help, f"`cardbox {name}` has no help"
        assert re.search(rf"cardbox {re.escape(name)}\b", readme), f"README lacks `cardbox {name}`"


def test_every_module_and_package_architecture_md_names_exists() -> None:
    """ARCHITECTURE.md describes the code as it is: each `path.py` or `package/` it names in
    backticks is there, under cardbox/ (or at the root, for tests/ and bench/)."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+(?:\.py|/))`", text))
    assert len(named) > 40
    missing = [
        name
        for name in sorted(named)
        if not any((base / name).exists() for base in (ROOT / "cardbox", ROOT, ROOT / "tests"))
        and not any(p.name == name.rstrip("/") for p in (ROOT / "cardbox").rglob(name.rstrip("/")))
    ]
    assert missing == []
