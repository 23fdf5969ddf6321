"""The agenda picks keep-in-touch cadences in SQL (`store.followups.cadence_due`, for speed at
100,000 contacts); for any contacts, tags, industries and defaults it must pick what the pure rule
(`domain.followups.chosen_cadence` over `industry_cadences`) picks."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardbox.domain.followups import chosen_cadence, industry_cadences
from cardbox.services import followups
from cardbox.services.box import CardBox
from tests.conftest import card

NOW = datetime(2026, 5, 13, 14, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
TAGS = ("investor", "golf")
INDUSTRIES = ("L", "L-legal", "G")
PARENTS: dict[str, str | None] = {"L": None, "L-legal": "L", "G": None}
DAYS = st.sampled_from([7, 30, 60, 90, 365])

PERSON = st.tuples(
    st.one_of(st.none(), DAYS),
    st.sets(st.sampled_from(TAGS)),
    st.sets(st.sampled_from(INDUSTRIES)),
)


# Each example opens an in-memory box (about 1.5 s); 12 examples cover own/tag/industry/none and the
# sub-industry inheritance (the strategies have few values each).
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(PERSON, min_size=1, max_size=5),
    tag_defaults=st.dictionaries(st.sampled_from(TAGS), DAYS),
    industry_defaults=st.dictionaries(st.sampled_from(INDUSTRIES), DAYS),
)
def test_the_sql_picks_the_cadence_the_domain_rule_picks(
    people: list[tuple[int | None, set[str], set[str]]],
    tag_defaults: dict[str, int],
    industry_defaults: dict[str, int],
) -> None:
    by_industry = industry_cadences(industry_defaults, PARENTS)
    expected: dict[int, int] = {}
    with CardBox.open(":memory:") as box:
        followups.set_zone(box, "Asia/Tokyo")
        for tag, days in tag_defaults.items():
            followups.set_default_cadence(box, "tag", tag, f"{days}d")
        for code, days in industry_defaults.items():
            followups.set_default_cadence(box, "industry", code, f"{days}d")
        for number, (own, tags, industries) in enumerate(people):
            added = box.add(
                card(family_name=f"P{number}", tags=sorted(tags), industries=sorted(industries))
            )
            cid = added.id or 0
            if own is not None:
                followups.set_cadence(box, cid, f"{own}d")
            # longer ago than any cadence: everyone with a cadence is losing touch
            followups.log(box, cid, "call", at=NOW - timedelta(days=1000), now=NOW)
            chosen = chosen_cadence(
                own,
                [tag_defaults[t] for t in tags if t in tag_defaults],
                [by_industry[c] for c in industries if c in by_industry],
            )
            if chosen is not None:
                expected[cid] = chosen
        drifts, total = followups.losing_touch(box, now=NOW)
    assert {d.contact.id: d.every_days for d in drifts} == expected
    assert total == len(expected)
