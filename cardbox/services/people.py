"""Who may be the same person: duplicate pairs and the look-alikes of a card."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cardbox.domain.model import Contact

if TYPE_CHECKING:
    from cardbox.services.box import CardBox


def duplicates(
    box: CardBox, *, cancel: Callable[[], bool] | None = None
) -> list[tuple[Contact, Contact, Any]]:
    """Likely duplicate pairs among live contacts, best first, with a score and the reasons.

    Contacts are only compared when they share a blocking key (a phone, a personal e-mail,
    a folded reading or name), never all pairs. ``cancel``: asked as it goes (the app's screen
    was closed); once true, it stops early, lets the box go and returns nothing.
    """
    from cardbox.domain.dupes import find_duplicates

    with box.store.reader() as r:
        ids, feats = r.contacts.duplicate_features(stop=cancel)
    if cancel is not None and cancel():
        return []
    found = find_duplicates(feats, stop=cancel)
    if cancel is not None and cancel():
        return []
    del feats
    wanted = sorted({ids[i] for i, _, _ in found} | {ids[j] for _, j, _ in found})
    people = {c.id: c for c in box.store.contacts(wanted)}
    return [(people[ids[i]], people[ids[j]], m) for i, j, m in found]


def lookalikes(box: CardBox, card: Contact) -> list[tuple[Contact, Any]]:
    """Live contacts that ``card`` (checked, not yet saved) may be, best first, each with a
    `cardbox.domain.dupes.Match` saying why: anyone with the same personal e-mail (never a
    shared mailbox such as info@) or the same phone (unless two or more people share that
    number: a switchboard), whatever their name; anyone the duplicate rules pair with
    it by name (the same name at the same company); then the possible matches
    (`cardbox.domain.dupes.possible_match`, ``match.likely`` False)."""
    from cardbox.domain.identity import lookalikes as warn_about

    with box.store.reader() as r:
        hits = r.contacts.lookalike_ids(card)
    hit = box.store.identify(card)
    if hit.contact_id is not None:
        # Whom the import would take the card for is always a look-alike (it was found by a
        # part of the name at the same company, which the look-alike query does not search).
        hits.setdefault(hit.contact_id, set()).add("identity")
    elif hit.maybe is not None:
        hits.setdefault(hit.maybe.contact_id, set())
    hits.pop(card.id or 0, None)
    return warn_about(
        card, [(other, hits[other.id or 0]) for other in box.store.contacts(list(hits))]
    )
