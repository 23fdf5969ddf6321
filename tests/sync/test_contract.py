"""The sync contract, run against Radicale and Xandikos (they differ: Radicale rewrites cards,
refuses cards without UID and answers a bad token with 403; Xandikos keeps bytes, takes
cards without UID and answers 412)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from cardbox.cli.errors import message
from cardbox.domain.model import Contact
from cardbox.services import backups, syncing
from cardbox.services.box import Card, CardBox, Edits
from cardbox.store import syncstate
from cardbox.sync.dav import Client
from cardbox.sync.davxml import norm_href
from cardbox.sync.report import Report, TooManyDeletes
from tests.conftest import card
from tests.sync.servers import Server

Boxes = Callable[[], CardBox]


def run(box: CardBox, **kw: Any) -> Report:
    report = syncing.run(box, "dav", secret="x", **kw)
    assert report.errors == [], report.errors
    return report


def person(c: Contact) -> tuple[Any, ...]:
    """What must be the same on both sides."""
    return (
        c.family_name,
        c.given_name,
        c.family_reading,
        c.given_reading,
        c.company,
        c.department,
        c.title,
        c.notes,
        c.birthday,
        tuple(sorted(p.e164 or p.text for p in c.phones)),
        tuple(sorted(e.address for e in c.emails)),
        tuple(sorted(u.url for u in c.urls)),
        tuple(sorted(c.tags)),
        tuple(m.event for m in c.meetings),
        tuple(sorted(c.industries)),
    )


def people(box: CardBox) -> list[tuple[Any, ...]]:
    return sorted(person(c) for c in box.contacts().contacts)


def yamada() -> Card:
    return card(
        family_name="山田",
        given_name="太郎",
        family_reading="やまだ",
        given_reading="たろう",
        company="株式会社ABC",
        title="部長",
        notes="名刺交換",
        phones=["mobile:090-1234-5678"],
        emails=["taro@abc.example.jp"],
        industries=["IT"],
        tags=["golf"],
    )


def test_a_first_sync_carries_every_field_to_another_box(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    a.add(yamada())
    a.add_event("渋谷交流会 2026秋", date="2026-11-24")
    a.add(card(family_name="Smith", given_name="John", events=["渋谷交流会 2026秋"]))
    assert run(a).pushed == 2
    report = run(b)
    assert report.pulled == 2 and report.pushed == 0
    assert people(a) == people(b)


def test_a_sync_with_no_changes_downloads_and_writes_nothing(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    for i in range(5):
        a.add(card(family_name=f"Name{i}", emails=[f"n{i}@example.com"]))
    run(a)
    run(b)
    snapshots = [backups.snapshots(box.path) for box in (a, b)]
    for box in (a, b):
        clients: list[Client] = []
        report = run(box, client_out=clients)
        assert (report.pulled, report.pushed, report.downloaded) == (0, 0, 0)
        assert clients[0].downloaded == 0
    assert [backups.snapshots(box.path) for box in (a, b)] == snapshots  # nothing to save


def test_edits_of_different_fields_on_both_sides_are_merged(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    a.add(yamada())
    run(a)
    run(b)
    (theirs,) = b.contacts().contacts
    a.edit(1, Edits(set={"title": "取締役"}))
    assert theirs.id is not None
    b.edit(theirs.id, Edits(set={"notes": "ゴルフの話"}, add=Card(phones=["03-1234-5678"])))
    run(b)
    report = run(a)
    assert report.conflicts == []
    run(b)
    assert people(a) == people(b)
    merged = a.get(1)
    assert (merged.title, merged.notes, len(merged.phones)) == ("取締役", "ゴルフの話", 2)


def test_the_same_field_edited_on_both_sides_keeps_the_server_value_and_reports(
    boxes: Boxes,
) -> None:
    a, b = boxes(), boxes()
    a.add(yamada())
    run(a)
    run(b)
    (theirs,) = b.contacts().contacts
    assert theirs.id is not None
    b.edit(theirs.id, Edits(set={"title": "社長"}))
    run(b)
    a.edit(1, Edits(set={"title": "会長"}))
    report = run(a)
    (conflict,) = report.conflicts
    assert (conflict.conflict.field, conflict.conflict.here, conflict.conflict.there) == (
        "title",
        "会長",
        "社長",
    )
    assert a.get(1).title == "社長"


def test_deletions_go_to_the_trash_and_an_edit_beats_a_delete(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    a.add(card(family_name="Gone", emails=["gone@example.com"]))
    a.add(card(family_name="Kept", emails=["kept@example.com"]))
    run(a)
    run(b)
    ids = {c.family_name: c.id for c in b.contacts().contacts}
    a.remove(1)  # Gone: deleted here, untouched there
    a.remove(2)  # Kept: deleted here, but edited there
    b.edit(ids["Kept"] or 0, Edits(set={"title": "still here"}))
    run(b)
    report = run(a, allow_deletes=1)
    assert report.deleted_there == 1
    assert [c.family_name for c in a.contacts().contacts] == ["Kept"]
    assert a.get(2).title == "still here"
    report = run(b)
    assert report.deleted_here == 1
    assert [c.family_name for c in b.trash().contacts] == ["Gone"]  # in the trash, not purged


def test_a_first_sync_of_the_same_people_on_both_sides_makes_no_duplicates(
    boxes: Boxes,
) -> None:
    a, b = boxes(), boxes()
    a.add(yamada())
    a.add(card(family_name="Smith", given_name="John", emails=["john@example.com"]))
    run(a)
    b.add(card(family_name="山田", given_name="太郎", company="株式会社ABC"))  # same name, company
    b.add(card(family_name="Smith", given_name="John", emails=["john@example.com"], title="CTO"))
    report = run(b)
    assert (report.pulled, report.pushed, len(b.contacts().contacts)) == (1, 1, 2)
    run(a)
    assert len(a.contacts().contacts) == 2
    assert people(a) == people(b)
    assert {c.family_name: c.title for c in a.contacts().contacts}["Smith"] == "CTO"


def test_the_deletion_guard_stops_a_mass_deletion_until_allowed(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    for i in range(12):
        a.add(card(family_name=f"P{i}", emails=[f"p{i}@example.com"]))
    run(a)
    run(b)
    for cid in range(1, 13):
        a.remove(cid)
    with pytest.raises(TooManyDeletes) as refused:
        syncing.run(a, "dav", secret="x")
    assert "--allow-deletes 12" in message(refused.value)  # what the CLI says to do
    run(b)
    assert len(b.contacts().contacts) == 12  # nothing was deleted there
    assert run(a, allow_deletes=12).deleted_there == 12
    with pytest.raises(TooManyDeletes):
        syncing.run(b, "dav", secret="x")
    assert run(b, allow_deletes=12).deleted_here == 12
    assert len(b.trash().contacts) == 12


def test_properties_cardbox_does_not_model_travel_verbatim(boxes: Boxes, book: str) -> None:
    a = boxes()
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:extra-1\r\nFN:Jane Roe\r\nN:Roe;Jane;;;\r\n"
        "X-SOCIALPROFILE;TYPE=twitter:https://x.example/jane\r\n"
        "X-ANNIVERSARY:2010-06-01\r\nEND:VCARD\r\n"
    )
    with Client(book, "user", "x") as client:
        client.put(norm_href(book) + "extra-1.vcf", text, create=True)
    run(a)
    (jane,) = a.contacts().contacts
    assert "X-ANNIVERSARY:2010-06-01" in jane.extra["vcard"]
    a.edit(jane.id or 0, Edits(set={"title": "Editor"}))
    run(a)
    with Client(book, "user", "x") as client:
        fetched = client.get(norm_href(book) + "extra-1.vcf")
    assert fetched is not None
    assert "X-ANNIVERSARY:2010-06-01" in fetched.text
    assert "twitter:https://x.example/jane" in fetched.text
    assert "TITLE:Editor" in fetched.text


def test_a_card_without_uid_gets_one(boxes: Boxes, book: str, server: Server) -> None:
    a = boxes()
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:No Uid\r\nN:Uid;No;;;\r\nEND:VCARD\r\n"
    href = norm_href(book) + "nouid.vcf"
    response = httpx.put(
        server.root.rstrip("/") + href,
        content=text.encode(),
        headers={"Content-Type": "text/vcard"},
        auth=("user", "x"),
    )
    if server.kind == "radicale":
        assert response.status_code == 400  # Radicale refuses it: nothing to sync
        return
    assert response.status_code == 201
    run(a)
    (contact,) = a.contacts().contacts
    with Client(book, "user", "x") as client:
        fetched = client.get(href)
    assert fetched is not None and f"UID:{contact.uid}" in fetched.text
    assert (run(a).pushed, run(a).downloaded) == (0, 0)


def test_a_refused_token_falls_back_to_a_full_listing(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    a.add(yamada())
    run(a)
    run(b)
    a.edit(1, Edits(set={"title": "顧問"}))
    run(a)
    b.store.transact(lambda conn: conn.execute("UPDATE sync_account SET sync_token = 'bogus'"))
    report = run(b)
    assert report.full_listing and report.pulled == 1
    assert people(a) == people(b)
    (acct,) = b.store.read(syncstate.accounts)
    assert acct.sync_token not in (None, "bogus")


def test_a_dry_run_changes_nothing(boxes: Boxes) -> None:
    a, b = boxes(), boxes()
    a.add(yamada())
    run(a)
    report = run(b, dry_run=True)
    assert report.pulled == 1 and b.contacts().total == 0
    assert run(b).pulled == 1
