"""Repeating reminders: what people type after --every, and how a series is expanded.

A series is expanded on the wall time of its zone, its start is its first occurrence, and every
occurrence fires once: `next_after(after=occurrence)` is strictly later, and
`occurrences_between` (catching up after the app was closed) lists each one once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st

from cardbox.domain.dates import (
    LEAP_DAY_FALLBACK,
    Recurrence,
    next_after,
    occurrences_between,
    parse_every,
    rule_for_start,
)
from cardbox.domain.errors import InvalidInput

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


def series(rule: str, start: datetime, count: int) -> list[datetime]:
    """The first ``count`` occurrences, by asking `next_after` again and again."""
    found = [start] if next_after(rule, start, start - timedelta(seconds=1)) == start else []
    current = start
    while len(found) < count:
        following = next_after(rule, start, current)
        assert following is not None
        found.append(following)
        current = following
    return found


def readable(rule: str) -> None:
    """dateutil reads ``rule`` (a UTC UNTIL needs an aware start)."""
    rrulestr(rule, dtstart=datetime(2026, 1, 1, 9, tzinfo=UTC if "Z" in rule else None))


def days(values: list[datetime]) -> list[date]:
    return [v.date() for v in values]


# --------------------------------------------------------------------------------------------
# What people type after --every

EVERY = [
    ("day", "FREQ=DAILY"),
    ("every day", "FREQ=DAILY"),
    ("daily", "FREQ=DAILY"),
    ("2 days", "FREQ=DAILY;INTERVAL=2"),
    ("every 2 days", "FREQ=DAILY;INTERVAL=2"),
    ("week", "FREQ=WEEKLY"),
    ("2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
    ("2w", "FREQ=WEEKLY;INTERVAL=2"),
    ("fortnight", "FREQ=WEEKLY;INTERVAL=2"),
    ("month", "FREQ=MONTHLY"),
    ("monthly", "FREQ=MONTHLY"),
    ("3 months", "FREQ=MONTHLY;INTERVAL=3"),
    ("every 3 months", "FREQ=MONTHLY;INTERVAL=3"),
    ("3m", "FREQ=MONTHLY;INTERVAL=3"),
    ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
    ("year", "FREQ=YEARLY"),
    ("annually", "FREQ=YEARLY"),
    ("weekday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("monday", "FREQ=WEEKLY;BYDAY=MO"),
    ("every Monday", "FREQ=WEEKLY;BYDAY=MO"),
    ("mondays", "FREQ=WEEKLY;BYDAY=MO"),
    ("mon, thu", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("tuesday and thursday", "FREQ=WEEKLY;BYDAY=TU,TH"),
    ("every other friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
    ("2nd tuesday", "FREQ=MONTHLY;BYDAY=2TU"),
    ("every 2nd Tuesday", "FREQ=MONTHLY;BYDAY=2TU"),
    ("the second tuesday of the month", "FREQ=MONTHLY;BYDAY=2TU"),
    ("first monday", "FREQ=MONTHLY;BYDAY=1MO"),
    ("last friday", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("every last Friday of each month", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("15th", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("the 31st", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("30th", "FREQ=MONTHLY;BYMONTHDAY=30,-1;BYSETPOS=1"),
    ("last day", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("毎日", "FREQ=DAILY"),
    ("毎週", "FREQ=WEEKLY"),
    ("毎月", "FREQ=MONTHLY"),
    ("毎年", "FREQ=YEARLY"),
    ("平日", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
    ("隔週", "FREQ=WEEKLY;INTERVAL=2"),
    ("毎週月曜", "FREQ=WEEKLY;BYDAY=MO"),
    ("毎週月曜日", "FREQ=WEEKLY;BYDAY=MO"),
    ("毎週月・木", "FREQ=WEEKLY;BYDAY=MO,TH"),
    ("第2火曜", "FREQ=MONTHLY;BYDAY=2TU"),
    ("毎月第２火曜日", "FREQ=MONTHLY;BYDAY=2TU"),
    ("毎月最終金曜", "FREQ=MONTHLY;BYDAY=-1FR"),
    ("毎月15日", "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("月末", "FREQ=MONTHLY;BYMONTHDAY=-1"),
    ("3ヶ月ごと", "FREQ=MONTHLY;INTERVAL=3"),
    ("3か月毎", "FREQ=MONTHLY;INTERVAL=3"),
    ("10日ごと", "FREQ=DAILY;INTERVAL=10"),
    ("2週間ごと", "FREQ=WEEKLY;INTERVAL=2"),
    ("FREQ=MONTHLY;INTERVAL=3", "FREQ=MONTHLY;INTERVAL=3"),
    ("RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=WEEKLY;BYDAY=MO,WE"),
    ("freq=monthly;byday=2tu", "FREQ=MONTHLY;BYDAY=2TU"),
    ("FREQ=DAILY;COUNT=3", "FREQ=DAILY;COUNT=3"),
    ("FREQ=DAILY;UNTIL=20261231T000000Z", "FREQ=DAILY;UNTIL=20261231T000000Z"),
    (
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
    ),
]


@pytest.mark.parametrize(("text", "rule"), EVERY)
def test_parse_every(text: str, rule: str) -> None:
    parsed = parse_every(text)
    assert parsed == Recurrence(rule)
    readable(parsed.rule)


REJECTED = [
    ("", "empty"),
    ("sometimes", ""),
    ("3日", ""),  # every 3 days, or the 3rd? never guessed
    ("every 12", ""),
    ("monday and blah", ""),
    ("32nd", "no day 32"),
    ("0 days", "1 to 730"),
    ("FREQ=HOURLY", "at most daily"),
    ("FREQ=MINUTELY;INTERVAL=5", "at most daily"),
    ("FREQ=DAILY;BYEASTER=0", "unknown rule part BYEASTER"),
    ("FREQ=DAILY;INTERVAL=0", "INTERVAL must be 1 to 730"),
    ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY values must be -31 to 31"),
    ("FREQ=WEEKLY;BYDAY=XX", "not a BYDAY value"),
    ("FREQ=DAILY;BYDAY=2TU", "need FREQ=MONTHLY or YEARLY"),
    ("FREQ=DAILY;COUNT=3;UNTIL=20260101", "COUNT and UNTIL"),
    ("FREQ=DAILY;UNTIL=2026", "UNTIL must be"),
    ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never happens"),
    ("FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "never happens"),
    ("FREQ=DAILY;FREQ=WEEKLY", "bad part"),
    ("FREQ", ""),
    ("FREQ=", "bad part"),
    ("DTSTART:20260101T090000\nRRULE:FREQ=DAILY", ""),
]


@pytest.mark.parametrize(("text", "hint"), REJECTED)
def test_rejected_repetitions(text: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_every(text)
    message = str(caught.value)
    assert message.startswith("can't read '")
    assert "as a repetition" in message
    assert "try day, 2 weeks, 3 months" in message
    assert hint in message


@given(st.text(max_size=30))
def test_fuzz_parse_every_only_invalid_input_or_a_readable_rule(text: str) -> None:
    try:
        parsed = parse_every(text)
    except InvalidInput:
        return
    readable(parsed.rule)


# --------------------------------------------------------------------------------------------
# Expansion


def test_monthly_on_the_31st_is_the_last_day_of_shorter_months_over_a_year() -> None:
    start = datetime(2026, 1, 31, 9, 0, tzinfo=TOKYO)
    found = series("FREQ=MONTHLY", start, 13)
    assert days(found) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
    ]
    assert all((f.hour, f.minute) == (9, 0) for f in found)


def test_monthly_on_the_30th_and_29th() -> None:
    on_30 = series("FREQ=MONTHLY", datetime(2026, 1, 30, 9, tzinfo=TOKYO), 4)
    assert days(on_30) == [
        date(2026, 1, 30),
        date(2026, 2, 28),
        date(2026, 3, 30),
        date(2026, 4, 30),
    ]
    on_29 = series("FREQ=MONTHLY;INTERVAL=1", datetime(2027, 12, 29, 9, tzinfo=TOKYO), 4)
    assert days(on_29) == [
        date(2027, 12, 29),
        date(2028, 1, 29),
        date(2028, 2, 29),
        date(2028, 3, 29),
    ]


def test_every_three_months_from_the_31st() -> None:
    found = series("FREQ=MONTHLY;INTERVAL=3", datetime(2026, 1, 31, 9, tzinfo=TOKYO), 5)
    assert days(found) == [
        date(2026, 1, 31),
        date(2026, 4, 30),
        date(2026, 7, 31),
        date(2026, 10, 31),
        date(2027, 1, 31),
    ]


def test_yearly_from_29_february_fires_every_year_2025_to_2029() -> None:
    assert LEAP_DAY_FALLBACK == "02-28"
    start = datetime(2024, 2, 29, 9, 0, tzinfo=TOKYO)
    after = datetime(2025, 1, 1, tzinfo=TOKYO)
    until = datetime(2029, 12, 31, tzinfo=TOKYO)
    assert days(occurrences_between("FREQ=YEARLY", start, after, until)) == [
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
        date(2029, 2, 28),
    ]


def test_second_tuesday_of_each_month() -> None:
    start = datetime(2026, 1, 13, 10, 0, tzinfo=TOKYO)  # the 2nd Tuesday of January
    found = series(parse_every("every 2nd Tuesday").rule, start, 6)
    assert days(found) == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
        date(2026, 5, 12),
        date(2026, 6, 9),
    ]
    assert all(f.weekday() == 1 and 8 <= f.day <= 14 for f in found)


def test_last_friday_and_weekdays() -> None:
    fridays = series(parse_every("last friday").rule, datetime(2026, 1, 30, 9, tzinfo=TOKYO), 3)
    assert days(fridays) == [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]
    weekdays = series(parse_every("weekdays").rule, datetime(2026, 5, 15, 9, tzinfo=TOKYO), 3)
    assert days(weekdays) == [date(2026, 5, 15), date(2026, 5, 18), date(2026, 5, 19)]


def test_the_start_is_the_first_occurrence_even_off_the_rule() -> None:
    start = datetime(2026, 5, 13, 9, tzinfo=TOKYO)  # a Wednesday; the rule says Mondays
    found = series("FREQ=WEEKLY;BYDAY=MO", start, 3)
    assert days(found) == [date(2026, 5, 13), date(2026, 5, 18), date(2026, 5, 25)]


def test_count_and_until_end_the_series() -> None:
    start = datetime(2026, 5, 13, 9, tzinfo=TOKYO)
    assert next_after("FREQ=DAILY;COUNT=2", start, start) == start + timedelta(days=1)
    assert next_after("FREQ=DAILY;COUNT=2", start, start + timedelta(days=1)) is None
    until = "FREQ=DAILY;UNTIL=20260515T000000Z"  # 09:00 on the 15th in Tokyo
    assert days(occurrences_between(until, start, start, start + timedelta(days=9))) == [
        date(2026, 5, 14),
        date(2026, 5, 15),
    ]
    assert next_after("FREQ=DAILY;UNTIL=20260514", start, start) == start + timedelta(days=1)


def test_before_the_start_the_start_is_next() -> None:
    start = datetime(2026, 5, 13, 9, tzinfo=TOKYO)
    assert next_after("FREQ=MONTHLY", start, start - timedelta(days=400)) == start


# --------------------------------------------------------------------------------------------
# Daylight saving time: wall time kept, gaps and repeats fire once


def test_daily_nine_oclock_stays_nine_across_dst() -> None:
    start = datetime(2026, 3, 6, 9, 0, tzinfo=NEW_YORK)
    found = series("FREQ=DAILY", start, 4)
    assert [(f.day, f.hour, f.minute) for f in found] == [
        (6, 9, 0),
        (7, 9, 0),
        (8, 9, 0),
        (9, 9, 0),
    ]
    assert [f.utcoffset() for f in found] == [timedelta(hours=h) for h in (-5, -5, -4, -4)]
    london = series("FREQ=WEEKLY", datetime(2026, 10, 18, 9, tzinfo=LONDON), 3)
    assert [(f.hour, f.utcoffset()) for f in london] == [
        (9, timedelta(hours=1)),
        (9, timedelta(0)),
        (9, timedelta(0)),
    ]


def test_in_the_spring_forward_gap_fires_once_at_03_30() -> None:
    start = datetime(2026, 3, 6, 2, 30, tzinfo=NEW_YORK)
    found = occurrences_between(
        "FREQ=DAILY",
        start,
        datetime(2026, 3, 7, 12, tzinfo=NEW_YORK),
        datetime(2026, 3, 10, tzinfo=NEW_YORK),
    )
    assert [(f.day, f.hour, f.minute) for f in found] == [(8, 3, 30), (9, 2, 30)]
    assert found[0].astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_in_the_fall_back_hour_fires_once_at_the_first_01_30() -> None:
    start = datetime(2026, 10, 30, 1, 30, tzinfo=NEW_YORK)
    found = occurrences_between(
        "FREQ=DAILY",
        start,
        datetime(2026, 10, 31, 12, tzinfo=NEW_YORK),
        datetime(2026, 11, 3, tzinfo=NEW_YORK),
    )
    assert [f.astimezone(UTC) for f in found] == [
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # 01:30 EDT, the first
        datetime(2026, 11, 2, 6, 30, tzinfo=UTC),  # 01:30 EST
    ]
    second = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK)
    after_first = next_after("FREQ=DAILY", start, found[0])
    assert after_first is not None
    assert after_first.astimezone(UTC) == datetime(2026, 11, 2, 6, 30, tzinfo=UTC)
    assert second.replace(fold=1).astimezone(UTC) < after_first.astimezone(UTC)


def test_london_gap_and_repeat() -> None:
    start = datetime(2026, 3, 27, 1, 30, tzinfo=LONDON)
    found = series("FREQ=DAILY", start, 4)
    assert [(f.day, f.hour, f.minute) for f in found] == [
        (27, 1, 30),
        (28, 1, 30),
        (29, 2, 30),
        (30, 1, 30),
    ]
    autumn = occurrences_between(
        "FREQ=DAILY",
        start,
        datetime(2026, 10, 24, 12, tzinfo=LONDON),
        datetime(2026, 10, 26, 12, tzinfo=LONDON),
    )
    assert [f.astimezone(UTC).hour for f in autumn] == [0, 1]  # 01:30 BST, then 01:30 GMT


def test_a_start_in_the_second_01_30_is_kept_and_not_doubled() -> None:
    start = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=NEW_YORK)  # 01:30 EST, the second
    before = datetime(2026, 11, 1, 0, 0, tzinfo=NEW_YORK)
    first = next_after("FREQ=DAILY", start, before)
    assert first is not None
    assert first.astimezone(UTC) == datetime(2026, 11, 1, 6, 30, tzinfo=UTC)
    following = next_after("FREQ=DAILY", start, first)
    assert following is not None
    assert following.astimezone(UTC) == datetime(2026, 11, 2, 6, 30, tzinfo=UTC)


def test_a_start_stored_in_utc_keeps_the_wall_time_of_its_zone() -> None:
    start = datetime(2026, 3, 6, 9, 0, tzinfo=NEW_YORK).astimezone(UTC)
    following = next_after("FREQ=WEEKLY", start, start, zone=NEW_YORK)
    assert following is not None
    assert (following.hour, following.utcoffset()) == (9, timedelta(hours=-4))
    utc_wall = next_after("FREQ=WEEKLY", start, start)  # without a zone: UTC wall time
    assert utc_wall is not None
    assert (utc_wall.hour, utc_wall.tzinfo) == (14, UTC)


def test_several_times_a_day_around_the_fall_back_hour() -> None:
    start = datetime(2026, 10, 30, 0, 0, tzinfo=NEW_YORK)
    rule = "FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30"
    found = occurrences_between(
        rule,
        start,
        datetime(2026, 11, 1, 0, 0, tzinfo=NEW_YORK),
        datetime(2026, 11, 1, 4, tzinfo=NEW_YORK),
    )
    assert [f.astimezone(UTC).strftime("%H:%M") for f in found] == [
        "05:00",
        "05:30",
        "07:00",
        "07:30",
    ]


# --------------------------------------------------------------------------------------------
# Never twice, none lost


def test_catching_up_after_the_app_was_closed_lists_each_missed_occurrence_once() -> None:
    start = datetime(2026, 5, 1, 9, tzinfo=TOKYO)
    last_handled = datetime(2026, 5, 3, 9, tzinfo=TOKYO)
    reopened = datetime(2026, 5, 6, 12, tzinfo=TOKYO)
    missed = occurrences_between("FREQ=DAILY", start, last_handled, reopened)
    assert days(missed) == [date(2026, 5, 4), date(2026, 5, 5), date(2026, 5, 6)]
    assert occurrences_between("FREQ=DAILY", start, missed[-1], reopened) == []
    assert next_after("FREQ=DAILY", start, missed[-1]) == datetime(2026, 5, 7, 9, tzinfo=TOKYO)
    # a clock that jumped back an hour does not bring an occurrence back
    assert next_after("FREQ=DAILY", start, missed[-1] - timedelta(hours=1)) == missed[-1]
    assert occurrences_between("FREQ=DAILY", start, reopened, last_handled) == []


RULES = st.sampled_from(
    [
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=MONTHLY",
        "FREQ=MONTHLY;INTERVAL=3",
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=MONTHLY;BYMONTHDAY=30,-1;BYSETPOS=1",
        "FREQ=YEARLY",
        "FREQ=DAILY;BYHOUR=1,2;BYMINUTE=0,30",
    ]
)
ZONES = st.sampled_from([TOKYO, NEW_YORK, LONDON, ZoneInfo("Australia/Lord_Howe")])
STARTS = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2030, 12, 31),
    timezones=ZONES,
    allow_imaginary=False,
)


@settings(max_examples=60, deadline=None)
@given(rule=RULES, start=STARTS, skip=st.integers(0, 400))
def test_never_twice_and_none_lost(rule: str, start: datetime, skip: int) -> None:
    start = start.replace(microsecond=0)
    after = start + timedelta(days=skip)
    chain = []
    current = after
    for _ in range(12):
        following = next_after(rule, start, current)
        assert following is not None
        assert following.astimezone(UTC) > current.astimezone(UTC)  # strictly later: never twice
        chain.append(following.astimezone(UTC))
        current = following
    # the same occurrences, each once, when caught up in one go: none lost
    caught_up = occurrences_between(rule, start, after, current)
    assert [c.astimezone(UTC) for c in caught_up] == chain
    assert len(set(chain)) == len(chain)


@settings(max_examples=60, deadline=None)
@given(
    rule=st.sampled_from(["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY;INTERVAL=2", "FREQ=YEARLY"]),
    start=STARTS,
)
def test_the_wall_time_is_kept_unless_it_falls_in_a_gap(rule: str, start: datetime) -> None:
    start = start.replace(microsecond=0)
    zone = start.tzinfo
    assert zone is not None
    current = start
    for _ in range(8):
        following = next_after(rule, start, current)
        assert following is not None
        wanted = datetime.combine(following.date(), start.time())
        got = following.replace(tzinfo=None)
        assert got == wanted or timedelta(0) < got - wanted <= timedelta(hours=1)  # the gap
        current = following


# --------------------------------------------------------------------------------------------
# What calendar exports write


@pytest.mark.parametrize(
    ("rule", "start", "written"),
    [
        ("FREQ=MONTHLY", datetime(2026, 1, 31, 9), "FREQ=MONTHLY;BYMONTHDAY=-1"),
        (
            "FREQ=MONTHLY;INTERVAL=3",
            datetime(2026, 1, 30, 9),
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=30,-1;BYSETPOS=1",
        ),
        ("FREQ=MONTHLY", datetime(2026, 1, 28, 9), "FREQ=MONTHLY"),
        ("FREQ=YEARLY", datetime(2024, 2, 29, 9), "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"),
        ("FREQ=YEARLY", datetime(2024, 3, 31, 9), "FREQ=YEARLY"),
        ("FREQ=MONTHLY;BYDAY=2TU", datetime(2026, 1, 31, 9), "FREQ=MONTHLY;BYDAY=2TU"),
    ],
)
def test_rule_for_start(rule: str, start: datetime, written: str) -> None:
    assert rule_for_start(rule, start) == written


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=MONTHLY", datetime(2026, 1, 31, 9)),
        ("FREQ=MONTHLY;INTERVAL=2", datetime(2026, 8, 30, 9)),
        ("FREQ=YEARLY", datetime(2024, 2, 29, 9)),
    ],
)
def test_the_written_rule_means_the_same_to_a_plain_rfc_5545_reader(
    rule: str, start: datetime
) -> None:
    plain = list(islice(rrulestr(rule_for_start(rule, start), dtstart=start), 14))
    ours = series(rule, start.replace(tzinfo=TOKYO), 14)
    assert [o.replace(tzinfo=None) for o in ours] == plain
    naive_rfc = list(islice(rrulestr(rule, dtstart=start), 14))
    assert naive_rfc != plain  # the stored rule alone would skip months or years
