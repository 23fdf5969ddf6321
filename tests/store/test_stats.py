"""The dashboard's SQL (`cardbox.store.stats`): counts of live contacts by industry, event and
month, and who has gone quiet longest."""

from __future__ import annotations

from datetime import UTC, datetime

from cardbox.services import followups
from cardbox.services.box import CardBox
from cardbox.store import stats
from tests.conftest import card


def created(box: CardBox, contact_id: int, when: str) -> None:
    box.store.transact(
        lambda conn: conn.execute(
            "UPDATE contact SET created_at = ? WHERE id = ?", (when, contact_id)
        )
    )


def test_counts_by_industry_and_event_leave_out_the_trash(box: CardBox) -> None:
    box.add_event("渋谷異業種交流会", date="2026-10-15")
    box.add_event("Python Meetup", date="2026-09-10")
    a = box.add(card(family_name="山田", events=["渋谷異業種交流会"], industries=["lawyer"]))
    box.add(card(family_name="佐藤", events=["渋谷異業種交流会"], industries=["lawyer", "IT"]))
    box.add(card(family_name="Smith", events=["Python Meetup"], industries=["IT"]))
    gone = box.add(card(family_name="Gone", events=["Python Meetup"], industries=["IT"]))
    box.remove(gone.id or 0)
    found = box.store.read(stats.by_industry)
    codes = dict(found)
    assert codes[a.industries[0]] == 2
    assert sum(codes.values()) == 4 and len(found) == 2
    assert box.store.read(stats.by_event) == [("渋谷異業種交流会", 2), ("Python Meetup", 1)]
    assert box.store.read(stats.contact_count) == 3


def test_cards_added_per_month_in_the_box_zone_with_zeros(box: CardBox) -> None:
    ids = [box.add(card(family_name=f"N{i}")).id or 0 for i in range(4)]
    created(box, ids[0], "2026-03-31T20:00:00+00:00")  # 1 April in Tokyo
    created(box, ids[1], "2026-03-15T10:00:00+00:00")
    created(box, ids[2], "2025-01-01T00:00:00+00:00")  # before the months asked
    created(box, ids[3], "2026-04-02T00:00:00+00:00")
    box.remove(ids[3])
    months = ["2026-02", "2026-03", "2026-04"]
    tokyo = box.store.read(lambda c: stats.added_per_month(c, months, 540))
    assert tokyo == [("2026-02", 0), ("2026-03", 1), ("2026-04", 1)]
    utc = box.store.read(lambda c: stats.added_per_month(c, months, 0))
    assert utc == [("2026-02", 0), ("2026-03", 2), ("2026-04", 0)]
    assert box.store.read(lambda c: stats.added_per_month(c, [], 0)) == []


def test_cards_met_per_month_by_event_date(box: CardBox) -> None:
    box.add_event("Autumn", date="2026-10-15")
    box.add_event("Also autumn", date="2026-10-28")
    box.add_event("Undated")
    for n, event in enumerate(["Autumn", "Also autumn", "Also autumn", "Undated"]):
        box.add(card(family_name=f"P{n}", events=[event]))
    months = ["2026-09", "2026-10", "2026-11"]
    found = box.store.read(lambda c: stats.met_per_month(c, months))
    assert found == [("2026-09", 0), ("2026-10", 3), ("2026-11", 0)]


def test_quiet_orders_by_last_interaction_and_counts_the_never_contacted_from_added(
    box: CardBox,
) -> None:
    called = box.add(card(family_name="Called"))
    never = box.add(card(family_name="Never"))
    recent = box.add(card(family_name="Recent"))
    trashed = box.add(card(family_name="Trashed"))
    created(box, called.id or 0, "2020-01-01T00:00:00+00:00")
    created(box, never.id or 0, "2024-06-01T00:00:00+00:00")
    created(box, recent.id or 0, "2019-01-01T00:00:00+00:00")
    created(box, trashed.id or 0, "2010-01-01T00:00:00+00:00")
    box.remove(trashed.id or 0)
    followups.log(box, called.id or 0, "call", at=datetime(2023, 5, 1, tzinfo=UTC))
    followups.log(box, called.id or 0, "call", at=datetime(2022, 5, 1, tzinfo=UTC))
    followups.log(box, recent.id or 0, "email", at=datetime(2026, 1, 1, tzinfo=UTC))
    found = box.store.read(stats.quiet)
    assert [q.contact.family_name for q in found] == ["Called", "Never", "Recent"]
    assert found[0].since == datetime(2023, 5, 1, tzinfo=UTC) and found[0].logged
    assert found[1].since == datetime(2024, 6, 1, tzinfo=UTC) and not found[1].logged
    assert [q.contact.family_name for q in box.store.read(lambda c: stats.quiet(c, 1))] == [
        "Called"
    ]


def test_an_empty_box_counts_nothing(box: CardBox) -> None:
    found = box.stats(now=datetime(2026, 2, 10, tzinfo=UTC))
    assert found.contacts == 0 and not found.by_industry and not found.by_event
    assert not found.quiet
    assert [m for m, _n in found.added] == [
        "2025-03",
        "2025-04",
        "2025-05",
        "2025-06",
        "2025-07",
        "2025-08",
        "2025-09",
        "2025-10",
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert all(n == 0 for _m, n in found.added + found.met)


def test_stats_reads_a_big_box_with_a_few_queries(box: CardBox) -> None:
    """No per-contact query: the statement count does not grow with the number of contacts."""
    for n in range(30):
        box.add(card(family_name=f"C{n}", industries=["IT"]))
    statements: list[str] = []
    conn = box.store._conn
    conn.set_trace_callback(statements.append)
    try:
        box.stats()
    finally:
        conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 10
