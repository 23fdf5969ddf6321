"""The demo box: the shipped cards, events and follow-ups, timed from now."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from cardbox.domain import dates as when_rules
from cardbox.domain.companies import JobChange
from cardbox.domain.model import (
    Address,
    Interaction,
    Meeting,
    Reminder,
)
from cardbox.services.drafts import SCALARS, Card
from cardbox.services.paths import data_dir

if TYPE_CHECKING:
    from cardbox.services.box import CardBox


def load_demo(box: CardBox, *, now: datetime | None = None) -> list[int]:
    """Add the demo events and cards shipped in ``data/demo.json``, and their follow-ups
    (`_demo_followups`), timed from ``now`` so that something is always due."""
    demo = json.loads((data_dir() / "demo.json").read_text(encoding="utf-8"))
    for e in demo["events"]:
        box.add_event(
            e["name"],
            date=e.get("date") or None,
            venue=e.get("venue", ""),
            organiser=e.get("organiser", ""),
            notes=e.get("notes", ""),
        )
    contacts = []
    for item in demo["contacts"]:
        card = Card(
            fields={k: item.get(k, "") for k in SCALARS},
            phones=[f"{p.get('label', '')}:{p['text']}" for p in item.get("phones", [])],
            emails=[f"{m.get('label', '')}:{m['address']}" for m in item.get("emails", [])],
            urls=[f"{u.get('label', '')}:{u['url']}" for u in item.get("urls", [])],
            industries=item.get("industries", []),
            tags=item.get("tags", []),
        )
        contact = box.check(card, region="JP")
        contact = replace(
            contact,
            addresses=tuple(Address(**a) for a in item.get("addresses", [])),
            meetings=tuple(
                Meeting(event=m["name"], talked_about=m.get("talked_about", ""))
                for m in item.get("events", [])
            ),
        )
        contacts.append(contact)
    ids = box.store.add(contacts)
    by_name = {c.name: cid for c, cid in zip(contacts, ids, strict=True)}
    _demo_followups(box, demo.get("followups", {}), by_name, now or datetime.now(UTC))
    return ids


def _demo_followups(
    box: CardBox, spec: Mapping[str, Any], by_name: Mapping[str, int], now: datetime
) -> None:
    """The demo's reminders (overdue, later today, coming up, repeating), past interactions
    and cadences (someone losing touch) and job changes, relative to ``now``."""
    from datetime import time, timedelta

    from cardbox.domain.companies import Job

    zone = ZoneInfo(box.zone)
    local = now.astimezone(zone)

    def due(item: Mapping[str, Any]) -> datetime:
        day = local.date() + timedelta(days=int(item["due_days"]))
        if "at" in item:
            return datetime.combine(day, time.fromisoformat(item["at"]), zone)
        # Later today: two hours from now, but never past midnight.
        return min(local + timedelta(hours=2), datetime.combine(day, time(23, 59), zone))

    with box.store.transaction() as tx:
        for r in spec.get("reminders", []):
            when = due(r)
            rule = when_rules.parse_every(r["every"]).rule if r.get("every") else None
            reminder = Reminder(by_name[r["who"]], when, zone.key, r["note"], rule, when)
            tx.followups.add_reminder(reminder, now)
        for i in spec.get("interactions", []):
            at = now - timedelta(days=int(i["days_ago"]))
            tx.followups.add_interaction(Interaction(by_name[i["who"]], i["kind"], at, i["text"]))
        for c in spec.get("cadences", []):
            tx.followups.set_contact_cadence(by_name[c["who"]], c["every"])
        for j in spec.get("job_changes", []):
            cid = by_name[j["who"]]
            (person,) = box.store.contacts([cid], children=False)
            change = JobChange(
                cid, Job(**j["old"]), Job(person.company, person.department, person.title)
            )
            moved = (now - timedelta(days=int(j["days_ago"]))).isoformat()
            tx.jobs.record([change], at=moved, source="demo")
