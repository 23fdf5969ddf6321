"""Changing contacts: add (with its job change or possible match as a result value), edit,
merge, trash, restore, purge, confirm readings. Each use case is one transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from cardbox.domain import dates as when_rules
from cardbox.domain import industry as industry_rules
from cardbox.domain.companies import JobChange
from cardbox.domain.errors import InvalidInput
from cardbox.domain.followups import default_note, event_note
from cardbox.domain.model import (
    Contact,
    Interaction,
    Reminder,
)
from cardbox.services.drafts import Card, Edits, remove_items

if TYPE_CHECKING:
    from cardbox.services.box import CardBox
    from cardbox.store.uow import Transaction
    from cardbox.store.write import Then


@dataclass(frozen=True)
class AddResult:
    """What adding a card did: the contact it saved or updated, and what else it found.

    ``job_change``: the card was someone known (the same personal e-mail or phone, or the name
    at the same company) with another company or title, so it updated them instead of adding a
    contact. ``possible_match``: a contact the new one may be, and why (the same name elsewhere,
    a similar name at the same company ...); None when there is none."""

    contact: Contact
    job_change: JobChange | None = None
    possible_match: tuple[Contact, str] | None = None


@dataclass(frozen=True)
class EditResult:
    """What an edit did: the contact as saved, and the job change it recorded (``new_job``)."""

    contact: Contact
    job_change: JobChange | None = None


def add_card(
    box: CardBox,
    card: Card,
    *,
    follow_up: str = "",
    follow_up_note: str = "",
    as_new: bool = False,
) -> AddResult:
    """Check and save a new contact, in one transaction.

    A card about someone known (the same personal e-mail or phone, or the same name at the
    same company) that shows another company or title is a job change: that person takes
    the new job, the old one goes to their job history, and no contact is added (the result's
    ``job_change`` says so). ``as_new`` adds a contact all the same (the user said it is
    someone else).

    ``follow_up`` (``3d``, ``next monday``) sets a reminder that long from now, in place of
    the default follow-up of the card's event; ``follow_up_note`` is its note.

    Raises:
        InvalidInput: the card has fields that cannot be accepted, or the follow-up cannot
            be read; nothing is saved.
    """
    at = datetime.now(UTC)
    zone = ZoneInfo(box.zone)
    due = when_rules.parse_when(follow_up, at.astimezone(zone), zone) if follow_up.strip() else None
    contact = box.check(card)
    # The contact, its meetings, the "met" interactions and the follow-up: one transaction,
    # which also holds the write lock from looking the person up to saving them.
    then = box.follow_ups(contact.events, now=at, due=due, note=follow_up_note)
    with box.store.transaction():
        change, maybe = (None, None) if as_new else take_new_job(box, contact, then)
        if change is not None and change.contact_id is not None:
            cid = change.contact_id
        else:
            (cid,) = box.store.add([contact], then)
        return AddResult(box.get(cid), change, maybe)


def add(
    box: CardBox,
    card: Card,
    *,
    follow_up: str = "",
    follow_up_note: str = "",
    as_new: bool = False,
) -> Contact:
    """`add_card`, for callers that need only the contact saved (scripts, tests, the demo)."""
    return add_card(
        box, card, follow_up=follow_up, follow_up_note=follow_up_note, as_new=as_new
    ).contact


def take_new_job(
    box: CardBox, contact: Contact, then: Then | None = None
) -> tuple[JobChange | None, tuple[Contact, str] | None]:
    """When ``contact`` (checked, not saved) is someone known arriving with another company
    or title, bring the card into that person (``then`` in the same transaction) and
    return the job change; else None, with the contact it may be (and why) if any."""
    from cardbox.domain.merge import fill_in

    hit = box.store.identify(contact)
    known = hit.contact_id
    if known is None:
        maybe = hit.maybe
        return None, None if maybe is None else (box.get(maybe.contact_id), maybe.reason)
    return box.store.take_job(known, contact, fill_in, "add", then), None


def follow_ups(
    box: CardBox,
    events: Sequence[str],
    *,
    now: datetime | None = None,
    due: datetime | None = None,
    note: str = "",
) -> Then | None:
    """The work that logs a "met" interaction at each of ``events`` for the contacts it is
    given, on the event's date (`when.event_start`), and sets each event's default
    follow-up reminder (``cardbox event add ... --follow-up 3d``), counted from the event's
    date at 09:00 in the box's zone and due now if that is past (`when.event_follow_up`);
    or, with ``due``, one reminder at that time with ``note`` in its place. It is run by
    the store in the transaction that writes the contacts, so a card is never saved
    without its follow-up. None when there is nothing to do."""
    names = [e for e in events if e]
    if not names and due is None:
        return None
    at = now or datetime.now(UTC)
    zone = ZoneInfo(box.zone)
    by_name = {e.name: e for e in box.events()} if names else {}

    def work(tx: Transaction, ids: Sequence[int]) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        for cid in ids:
            for name in names:
                event = by_name.get(name)
                day = event.date if event is not None else None
                start = when_rules.event_start(day, at, zone)
                met = tx.followups.add_interaction(Interaction(cid, "met", start, name))
                out.append(("interaction", cid, met))
                if due is not None or event is None or not event.follow_up:
                    continue
                when = when_rules.event_follow_up(event.follow_up, day, at, zone)
                reminder = Reminder(cid, when, zone.key, event_note(event), None, when)
                out.append(("reminder", cid, tx.followups.add_reminder(reminder, at)))
            if due is not None:
                where = names[0] if names else ""
                text = note.strip() or default_note(where)
                reminder = Reminder(cid, due, zone.key, text, None, due)
                out.append(("reminder", cid, tx.followups.add_reminder(reminder, at)))
        return out

    return work


def add_contacts(box: CardBox, contacts: Sequence[Contact]) -> list[int]:
    """Save already-checked contacts (bulk loads, benchmarks) in one transaction."""
    return box.store.add(contacts)


def edit_card(box: CardBox, ref: str | int, edits: Edits, *, new_job: bool = False) -> EditResult:
    """Apply ``edits`` to a contact, in one transaction; the change is checked before anything
    is written.

    With ``new_job``, a changed company or title is the person's new job: the old one is
    kept in their job history (the result's ``job_change`` says so). Without it, the edit
    corrects the card and no history is written.

    Raises:
        NotFound: no such live contact.
        InvalidInput: a new value cannot be accepted, or a value to remove is not there.
    """
    cid = box.store.resolve(ref)
    region = box.region
    taxonomy = list(box.store.taxonomy().values())
    gone = replace(
        edits.remove,
        industries=[industry_rules.resolve(taxonomy, v).code for v in edits.remove.industries],
    )

    def change(current: Contact) -> Contact:
        trimmed = remove_items(current, gone, region)
        card = replace(edits.add, fields={**edits.add.fields, **edits.set})
        return box.check(card, region=region, base=trimmed, unchecked=current.phones)

    moved = box.store.update(cid, change, job_source="edit" if new_job else "")
    return EditResult(box.get(cid), moved)


def edit(box: CardBox, ref: str | int, edits: Edits, *, new_job: bool = False) -> Contact:
    """`edit_card`, for callers that need only the contact as saved."""
    return edit_card(box, ref, edits, new_job=new_job).contact


def save_edit(
    box: CardBox,
    ref: str | int,
    edits: Edits | None,
    *,
    event: str = "",
    talked_about: str | None = None,
    follow_up: str = "",
    follow_up_note: str = "",
    new_job: bool = False,
) -> EditResult:
    """A whole form's edit as one transaction: ``edits`` (None: no field changed), what was
    talked about at ``event`` (None: unchanged), and a reminder ``follow_up`` from now with
    ``follow_up_note``. When any step fails, nothing of it is saved.

    Raises:
        NotFound: no such live contact.
        InvalidInput: a value cannot be accepted, the contact was not met at ``event``, or the
            follow-up cannot be read.
    """
    from cardbox.services.followups import remind

    with box.store.transaction():
        cid = box.store.resolve(ref)
        moved = None
        if edits is not None:
            moved = edit_card(box, cid, edits, new_job=new_job).job_change
        if talked_about is not None and event:
            set_talked_about(box, cid, event, talked_about)
        if follow_up:
            remind(box, cid, follow_up, follow_up_note)
        return EditResult(box.get(cid), moved)


def set_talked_about(box: CardBox, ref: str | int, event: str, text: str) -> Contact:
    """Change what was talked about at ``event`` (the meeting keeps its place and order).

    Raises:
        NotFound: no such live contact.
        InvalidInput: the contact was not met at that event.
    """
    cid = box.store.resolve(ref)

    def change(current: Contact) -> Contact:
        if event not in current.events:
            raise InvalidInput("meeting.not_met", event=event)
        meetings = tuple(
            replace(m, talked_about=text.strip()) if m.event == event else m
            for m in current.meetings
        )
        return replace(current, meetings=meetings)

    box.store.update(cid, change)
    return box.get(cid)


def merge(
    box: CardBox, keep: str | int, other: str | int, *, choices: Mapping[str, str] | None = None
) -> tuple[Contact, int]:
    """Merge ``other`` into ``keep`` (see `merge_contacts` for the rules); ``other`` goes to
    the trash. ``choices`` picks single-valued fields (``{"company": value}``, the value
    either contact's), applied in the same transaction. Returns the merged contact and the
    merge's id (`undo_merge` takes it back).

    Raises:
        NotFound: either contact is not live.
        InvalidInput: both refs name the same contact, or a choice is not either's value.
    """
    from cardbox.domain.merge import FollowUps, merge_contacts, repeated

    kept_id, gone_id = box.store.resolve(keep), box.store.resolve(other)
    if kept_id == gone_id:
        raise InvalidInput("merge.same")
    picked = dict(choices or {})
    events = {e.name: e for e in box.events()}

    def repeats(
        kept: Contact, gone: Contact, kept_log: FollowUps, gone_log: FollowUps
    ) -> tuple[set[int], set[int]]:
        shared = [events[n] for n in kept.events if n in gone.events and n in events]
        return repeated(kept_log, gone_log, [event_note(e) for e in shared])

    merge_id = box.store.merge(kept_id, gone_id, lambda k, g: merge_contacts(k, g, picked), repeats)
    return box.get(kept_id), merge_id


def add_into(box: CardBox, card: Card, into: str | int, *, follow_up: str = "") -> Contact:
    """Save a card as part of someone already in the box (the "merge into them" answer when
    a card looks like someone known): the card is added, then merged into ``into`` by
    `merge` (so `undo_merge` takes it back out). A card the service itself recognises as
    that person with a new job is brought in as a job change instead. One transaction: when
    the merge fails, the card is not saved either.

    Raises:
        NotFound: ``into`` is not a live contact.
        InvalidInput: the card cannot be accepted; nothing is saved.
    """
    with box.store.transaction():
        target = box.store.resolve(into)
        added = box.add_card(card, follow_up=follow_up)
        if added.contact.id == target or added.job_change is not None:
            return added.contact
        merged, _merge_id = box.merge(target, added.contact.id or 0)
        return merged


def undo_merge(box: CardBox, merge_id: int | None = None) -> tuple[Contact, Contact]:
    """Take a merge back (the latest by default): both contacts as they were before it."""
    if merge_id is None:
        merge_id = box.store.last_merge()
        if merge_id is None:
            raise InvalidInput("merge.none")
    kept_id, gone_id = box.store.undo_merge(merge_id)
    return box.get(kept_id), box.get(gone_id)


def remove(box: CardBox, ref: str | int) -> Contact:
    """Move a contact to the trash."""
    contact = box.get(ref)
    assert contact.id is not None
    box.store.set_deleted([contact.id], True)
    return contact


def restore(box: CardBox, ref: str | int) -> Contact:
    """Bring a contact back from the trash."""
    cid = box.store.resolve(ref, trash=True)
    box.store.set_deleted([cid], False)
    return box.get(cid)


def unconfirmed_readings(box: CardBox) -> list[Contact]:
    """Live contacts whose reading (name or company) is only a suggestion, in name order."""
    with box.store.reader() as r:
        return r.contacts.load(r.contacts.unconfirmed_reading_ids())


def confirm_readings(box: CardBox, refs: Sequence[str | int]) -> int:
    """Accept the suggested readings (name and company) of these contacts as they are.
    Returns how many had one to accept.

    Raises:
        NotFound: a ref names no live contact.
    """
    ids = [box.store.resolve(r) for r in refs]
    return box.store.confirm_readings(ids) if ids else 0


def purge(box: CardBox, refs: Sequence[str | int] = (), *, everything: bool = False) -> int:
    """Delete trashed contacts for good (only contacts already in the trash)."""
    if everything:
        ids, _ = box.store.list_ids(trash=True)
    else:
        ids = [box.store.resolve(r, trash=True) for r in refs]
    return box.store.purge(ids) if ids else 0
