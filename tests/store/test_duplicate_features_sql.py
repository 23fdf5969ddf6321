"""`cardbox duplicates` reads every contact's duplicate-finding `Features` straight from the rows
(`store.candidates.duplicate_features`, for memory at 100,000 contacts); for any contacts they must be
the features the pure rule computes from each `Contact` (`domain.dupes.features`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.dupes import features
from cardbox.services.box import CardBox
from cardbox.store.candidates import duplicate_features
from tests.conftest import card

NAMES = st.sampled_from(["", "山田", "やまだ", "Yamada", "髙橋", "Ann Lee", "ﾔﾏﾀﾞ", "O'Brien"])
READINGS = st.sampled_from(["", "やまだ", "たかはし", "Yamada"])
COMPANIES = st.sampled_from(["", "株式会社サクラ", "サクラ(株)", "Acme Inc.", "ACME"])
PHONES = st.lists(st.sampled_from(["+81 3-1234-5678", "090-1234-5678", "+1 212 555 0100"]))
EMAILS = st.lists(st.sampled_from(["taro@example.com", "info@example.com", "Ann@Example.org"]))

CARD = st.fixed_dictionaries(
    {
        "family_name": NAMES,
        "given_name": NAMES,
        "middle_name": st.sampled_from(["", "J.", "Mary"]),
        "family_reading": READINGS,
        "given_reading": READINGS,
        "company": COMPANIES,
        "phones": PHONES,
        "emails": EMAILS,
    }
)


# Each example opens an in-memory box; the pools above are small, so 12 examples of up to four
# cards cover names in one field, middle names, readings, legal forms, role mailboxes and phones.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CARD, min_size=1, max_size=4))
def test_features_read_from_rows_are_the_features_of_the_contacts(
    cards: list[dict[str, object]],
) -> None:
    with CardBox.open(":memory:") as box:
        for fields in cards:
            if not (fields["family_name"] or fields["given_name"] or fields["company"]):
                fields = {**fields, "company": "Acme Inc."}  # a card needs a name or company
            box.add(card(**fields), as_new=True)
        ids, feats = box.store.read(duplicate_features)
        contacts = box.store.contacts(ids)
    assert len(ids) == len(cards)
    assert [c.id for c in contacts] == ids
    assert feats == [features(c) for c in contacts]
