"""Dates as people type them, DST resolution, keep-in-touch cadences and birthdays.

`now` is always passed in (a Wednesday afternoon in Tokyo unless a test says otherwise).
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardbox.domain.dates import (
    DEFAULT_TIME,
    Cadence,
    age_on,
    next_birthday,
    next_due,
    overdue_by,
    parse_birthday,
    parse_cadence,
    parse_when,
    resolve_local,
)
from cardbox.domain.errors import InvalidInput

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")  # a 30-minute DST shift
NOW = datetime(2026, 5, 13, 14, 37, 12, tzinfo=TOKYO)  # Wednesday 14:37:12


def local(value: datetime, zone: ZoneInfo = TOKYO) -> tuple[int, ...]:
    """Wall-clock fields of ``value`` in ``zone`` (what a person would read off a clock)."""
    v = value.astimezone(zone)
    return (v.year, v.month, v.day, v.hour, v.minute, v.second)


# --------------------------------------------------------------------------------------------
# Accepted forms

ACCEPTED = [
    # relative: calendar units keep the wall time, hours and minutes are elapsed time
    ("3d", (2026, 5, 16, 14, 37, 12)),
    ("2w", (2026, 5, 27, 14, 37, 12)),
    ("1m", (2026, 6, 13, 14, 37, 12)),
    ("1y", (2027, 5, 13, 14, 37, 12)),
    ("3h", (2026, 5, 13, 17, 37, 12)),
    ("30min", (2026, 5, 13, 15, 7, 12)),
    ("3 days", (2026, 5, 16, 14, 37, 12)),
    ("in 3 days", (2026, 5, 16, 14, 37, 12)),
    ("2 weeks", (2026, 5, 27, 14, 37, 12)),
    ("3日後", (2026, 5, 16, 14, 37, 12)),
    ("2週間後", (2026, 5, 27, 14, 37, 12)),
    ("2ヶ月後", (2026, 7, 13, 14, 37, 12)),
    ("3時間後", (2026, 5, 13, 17, 37, 12)),
    ("30分後", (2026, 5, 13, 15, 7, 12)),
    ("３ｄ", (2026, 5, 16, 14, 37, 12)),
    # named days
    ("today", (2026, 5, 13, 9, 0, 0)),
    ("today 18:00", (2026, 5, 13, 18, 0, 0)),
    ("tomorrow", (2026, 5, 14, 9, 0, 0)),
    ("Tomorrow 10:00", (2026, 5, 14, 10, 0, 0)),
    ("tomorrow at 10am", (2026, 5, 14, 10, 0, 0)),
    ("tomorrow 3pm", (2026, 5, 14, 15, 0, 0)),
    ("tomorrow 12am", (2026, 5, 14, 0, 0, 0)),
    ("tomorrow 12:30pm", (2026, 5, 14, 12, 30, 0)),
    ("明日", (2026, 5, 14, 9, 0, 0)),
    ("明日10時", (2026, 5, 14, 10, 0, 0)),
    ("明日の午後3時半", (2026, 5, 14, 15, 30, 0)),
    ("明後日", (2026, 5, 15, 9, 0, 0)),
    ("今日 18時", (2026, 5, 13, 18, 0, 0)),
    # weekdays (NOW is a Wednesday)
    ("next monday", (2026, 5, 18, 9, 0, 0)),
    ("monday", (2026, 5, 18, 9, 0, 0)),
    ("Mon 9:30", (2026, 5, 18, 9, 30, 0)),
    ("mon. 9:30", (2026, 5, 18, 9, 30, 0)),
    ("friday", (2026, 5, 15, 9, 0, 0)),
    ("wed 15:00", (2026, 5, 13, 15, 0, 0)),  # today: still ahead
    ("wed 14:00", (2026, 5, 20, 14, 0, 0)),  # today's has passed: next week
    ("wednesday", (2026, 5, 20, 9, 0, 0)),
    ("next wednesday", (2026, 5, 20, 9, 0, 0)),  # never today
    ("next wed 18:00", (2026, 5, 20, 18, 0, 0)),  # never today, even if still ahead
    ("月曜", (2026, 5, 18, 9, 0, 0)),
    ("金曜日 14:00", (2026, 5, 15, 14, 0, 0)),
    ("来週月曜", (2026, 5, 18, 9, 0, 0)),
    ("来週金曜", (2026, 5, 22, 9, 0, 0)),  # Friday of next week, not this one
    ("来週の日曜日 10時", (2026, 5, 24, 10, 0, 0)),
    # month/day: the next such date, today included
    ("12/1", (2026, 12, 1, 9, 0, 0)),
    ("12/1 14:00", (2026, 12, 1, 14, 0, 0)),
    ("5/13", (2026, 5, 13, 9, 0, 0)),
    ("5/12", (2027, 5, 12, 9, 0, 0)),
    ("2/29", (2028, 2, 29, 9, 0, 0)),
    ("12月1日", (2026, 12, 1, 9, 0, 0)),
    ("12月1日 15時", (2026, 12, 1, 15, 0, 0)),
    ("12月1日15時30分", (2026, 12, 1, 15, 30, 0)),
    ("１２月１日", (2026, 12, 1, 9, 0, 0)),
    ("１２／１　１４：００", (2026, 12, 1, 14, 0, 0)),
    ("12/1(火)", (2026, 12, 1, 9, 0, 0)),
    ("12月1日（火） 10:00", (2026, 12, 1, 10, 0, 0)),
    # full dates
    ("2026-12-01", (2026, 12, 1, 9, 0, 0)),
    ("2026-12-01 09:30", (2026, 12, 1, 9, 30, 0)),
    ("2026-12-01T09:30", (2026, 12, 1, 9, 30, 0)),
    ("2026-12-1", (2026, 12, 1, 9, 0, 0)),
    ("2026/12/01", (2026, 12, 1, 9, 0, 0)),
    ("2026.12.01", (2026, 12, 1, 9, 0, 0)),
    ("2026年12月1日", (2026, 12, 1, 9, 0, 0)),
    ("2026年12月1日 午前10時", (2026, 12, 1, 10, 0, 0)),
    ("2024年4月1日", (2024, 4, 1, 9, 0, 0)),  # a past date is read as written
    # a time alone: today if still ahead, else tomorrow
    ("9:30", (2026, 5, 14, 9, 30, 0)),
    ("15:00", (2026, 5, 13, 15, 0, 0)),
    ("14:37", (2026, 5, 14, 14, 37, 0)),  # not strictly ahead of 14:37:12
    ("１５：００", (2026, 5, 13, 15, 0, 0)),
    ("18時", (2026, 5, 13, 18, 0, 0)),
    ("午後6時", (2026, 5, 13, 18, 0, 0)),
    ("6pm", (2026, 5, 13, 18, 0, 0)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_accepted_forms(text: str, expected: tuple[int, ...]) -> None:
    result = parse_when(text, NOW, TOKYO)
    assert result.tzinfo is TOKYO
    assert local(result) == expected


def test_default_time_is_nine() -> None:
    assert (DEFAULT_TIME.hour, DEFAULT_TIME.minute) == (9, 0)


def test_now_in_another_zone_is_read_in_the_target_zone() -> None:
    now_utc = NOW.astimezone(UTC)  # 05:37 UTC, still 14:37 in Tokyo
    assert parse_when("tomorrow", now_utc, TOKYO) == parse_when("tomorrow", NOW, TOKYO)
    assert local(parse_when("9:30", now_utc, TOKYO)) == (2026, 5, 14, 9, 30, 0)


def test_other_zones() -> None:
    now = datetime(2026, 5, 13, 14, 37, tzinfo=NEW_YORK)
    assert local(parse_when("tomorrow 10:00", now, NEW_YORK), NEW_YORK) == (2026, 5, 14, 10, 0, 0)
    assert parse_when("tomorrow 10:00", now, NEW_YORK).utcoffset() == timedelta(hours=-4)
    assert local(parse_when("12/1", now, LONDON), LONDON) == (2026, 12, 1, 9, 0, 0)
    assert parse_when("12/1", now, LONDON).utcoffset() == timedelta(0)


def test_a_bare_weekday_on_that_day_depends_on_the_time() -> None:
    monday_morning = datetime(2026, 5, 18, 8, 0, tzinfo=TOKYO)
    monday_noon = datetime(2026, 5, 18, 12, 0, tzinfo=TOKYO)
    assert local(parse_when("monday", monday_morning, TOKYO))[:3] == (2026, 5, 18)
    assert local(parse_when("monday", monday_noon, TOKYO))[:3] == (2026, 5, 25)
    assert local(parse_when("next monday", monday_morning, TOKYO))[:3] == (2026, 5, 25)
    assert local(parse_when("来週月曜", monday_morning, TOKYO))[:3] == (2026, 5, 25)
    sunday = datetime(2026, 5, 17, 20, 0, tzinfo=TOKYO)
    assert local(parse_when("next monday", sunday, TOKYO))[:3] == (2026, 5, 18)
    assert local(parse_when("来週月曜", sunday, TOKYO))[:3] == (2026, 5, 18)


def test_month_end_relative_months_clip() -> None:
    jan31 = datetime(2026, 1, 31, 10, 0, tzinfo=TOKYO)
    assert local(parse_when("1m", jan31, TOKYO)) == (2026, 2, 28, 10, 0, 0)
    assert local(parse_when("1m", jan31.replace(year=2028), TOKYO)) == (2028, 2, 29, 10, 0, 0)
    assert local(parse_when("1y", datetime(2028, 2, 29, 10, tzinfo=TOKYO), TOKYO))[:3] == (
        2029,
        2,
        28,
    )


# --------------------------------------------------------------------------------------------
# Rejected forms: an error that quotes the input and gives examples, never a guess

REJECTED = [
    ("令和6年4月1日", "2024年4月1日"),  # dateutil's fuzzy parser says 2001
    ("平成元年1月8日", "1989年1月8日"),
    ("㍻31年4月30日", "2019年4月30日"),
    ("令和", "western year"),
    ("12", "a number alone"),
    ("1/2/3", "ambiguous"),
    ("01/02/2026", "ambiguous"),
    ("2026-02-30", "no 30 February 2026"),
    ("2026-13-01", "no month 13"),
    ("13/1", "no month 13"),
    ("2/30", "no 30 February"),
    ("4/31", "no 31 April"),
    ("25:00", "hours go to 23"),
    ("24:00", "hours go to 23"),
    ("12:60", "minutes to 59"),
    ("13pm", "12-hour clock"),
    ("午後13時", "12-hour clock"),
    ("-3d", "forward"),
    ("0d", "at least 1"),
    ("999999y", "too far"),
    ("12/1(月)", "2026-12-01 is a Tuesday"),
    ("12/1(xyz)", "not a day of the week"),
    ("", "empty"),
    ("   ", "empty"),
    ("next", ""),
    ("next week", ""),
    ("someday", ""),
    ("12/1 3", ""),
    ("tomorrow 10", ""),
    ("3", "a number alone"),
    ("3日", ""),  # the 3rd, or three days? never guessed
    ("今週金曜", ""),
    ("26/12/1", "ambiguous"),
    ("1.2.3", "ambiguous"),
    ("x" * 500, "too long"),
]


@pytest.mark.parametrize(("text", "hint"), REJECTED)
def test_rejected_forms(text: str, hint: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, NOW, TOKYO)
    message = str(caught.value)
    assert message.startswith("can't read '")
    assert text.strip()[:40] in message  # the input is quoted
    assert "try 3d, 2w, tomorrow 10:00, next monday, 12/1, 2026-12-01 09:30 or 12月1日" in message
    assert hint in message


def test_era_message_in_full() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when("令和6年4月1日", NOW, TOKYO)
    assert str(caught.value) == (
        "can't read '令和6年4月1日' as a date: Japanese era years are not read, write the western "
        "year: 2024年4月1日 (令和6年 is 2024); try 3d, 2w, tomorrow 10:00, next monday, 12/1, "
        "2026-12-01 09:30 or 12月1日"
    )


def test_control_characters_are_shown_not_echoed() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when("\x1b]0;PWNED\x07", NOW, TOKYO)
    assert "\x1b" not in str(caught.value)
    assert "⟨U+001B⟩" in str(caught.value)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_when("3d", datetime(2026, 5, 13), TOKYO)


@given(st.text(max_size=20))
def test_fuzz_cadence_and_birthday(text: str) -> None:
    for parse in (parse_cadence, parse_birthday):
        with contextlib.suppress(InvalidInput):
            parse(text)


@given(st.text(max_size=30))
def test_fuzz_only_invalid_input_or_an_aware_time(text: str) -> None:
    try:
        result = parse_when(text, NOW, TOKYO)
    except InvalidInput:
        return
    assert result.tzinfo is TOKYO


# --------------------------------------------------------------------------------------------
# DST: gaps move forward by the gap, repeated times are the first occurrence


@pytest.mark.parametrize(
    ("zone", "wall", "expected_wall", "offset_hours"),
    [
        # spring forward: 02:00-03:00 does not exist
        (NEW_YORK, datetime(2026, 3, 8, 2, 30), (2026, 3, 8, 3, 30, 0), -4),
        (NEW_YORK, datetime(2026, 3, 8, 2, 0), (2026, 3, 8, 3, 0, 0), -4),
        (NEW_YORK, datetime(2026, 3, 8, 1, 59), (2026, 3, 8, 1, 59, 0), -5),
        # fall back: 01:00-02:00 happens twice; the first (daylight time) is chosen
        (NEW_YORK, datetime(2026, 11, 1, 1, 30), (2026, 11, 1, 1, 30, 0), -4),
        (NEW_YORK, datetime(2026, 11, 1, 2, 30), (2026, 11, 1, 2, 30, 0), -5),
        (LONDON, datetime(2026, 3, 29, 1, 30), (2026, 3, 29, 2, 30, 0), 1),
        (LONDON, datetime(2026, 10, 25, 1, 30), (2026, 10, 25, 1, 30, 0), 1),
        (TOKYO, datetime(2026, 3, 8, 2, 30), (2026, 3, 8, 2, 30, 0), 9),
    ],
)
def test_resolve_local(
    zone: ZoneInfo, wall: datetime, expected_wall: tuple[int, ...], offset_hours: int
) -> None:
    result = resolve_local(wall, zone)
    assert local(result, zone) == expected_wall
    assert result.utcoffset() == timedelta(hours=offset_hours)
    assert result.fold == 0


def test_resolve_local_wants_a_naive_time() -> None:
    with pytest.raises(ValueError):
        resolve_local(datetime(2026, 1, 1, tzinfo=TOKYO), TOKYO)


def test_typed_times_on_dst_change_days() -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=NEW_YORK)
    gap = parse_when("2026-03-08 02:30", now, NEW_YORK)
    assert local(gap, NEW_YORK) == (2026, 3, 8, 3, 30, 0)
    assert gap.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)
    fold = parse_when("2026-11-01 01:30", now, NEW_YORK)
    assert fold.astimezone(UTC) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # EDT, the first
    assert local(parse_when("3/29 01:30", now, LONDON), LONDON) == (2026, 3, 29, 2, 30, 0)


def test_a_time_alone_in_the_repeated_hour_is_never_in_the_past() -> None:
    second_pass = datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=NEW_YORK)  # 01:15 EST
    result = parse_when("1:30", second_pass, NEW_YORK)
    assert result.astimezone(UTC) > second_pass.astimezone(UTC)
    assert local(result, NEW_YORK) == (2026, 11, 2, 1, 30, 0)  # the first 01:30 has passed


def test_relative_days_keep_the_wall_time_across_dst() -> None:
    before = datetime(2026, 3, 6, 10, 0, tzinfo=NEW_YORK)  # EST
    three_days = parse_when("3d", before, NEW_YORK)
    assert local(three_days, NEW_YORK) == (2026, 3, 9, 10, 0, 0)  # EDT: 71 hours later
    assert three_days - before == timedelta(days=3)  # wall-clock difference (same zone)
    assert three_days.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=71)
    seventy_two = parse_when("72h", before, NEW_YORK)
    assert local(seventy_two, NEW_YORK) == (2026, 3, 9, 11, 0, 0)


# --------------------------------------------------------------------------------------------
# Properties of the relative parser

ZONES = st.sampled_from([TOKYO, NEW_YORK, LONDON, LORD_HOWE, ZoneInfo("UTC")])
NOWS = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2037, 12, 31),
    timezones=ZONES,
    allow_imaginary=False,
)


@given(now=NOWS, days=st.integers(1, 2000), weeks=st.booleans())
def test_n_days_is_n_days_later_at_the_same_wall_time(
    now: datetime, days: int, weeks: bool
) -> None:
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo)
    text = f"{days // 7 or 1}w" if weeks else f"{days}d"
    span = timedelta(days=7 * (days // 7 or 1)) if weeks else timedelta(days=days)
    result = parse_when(text, now, zone)
    assert result.astimezone(UTC) > now.astimezone(UTC)
    wall = now.replace(tzinfo=None, fold=0) + span
    assert result.replace(tzinfo=None) == wall or _in_gap(wall, zone)
    if _in_gap(wall, zone):  # moved forward by at most the gap (an hour, or 30 min)
        assert timedelta(0) < result.replace(tzinfo=None) - wall <= timedelta(hours=1)


def _in_gap(wall: datetime, zone: ZoneInfo) -> bool:
    return resolve_local(wall, zone).replace(tzinfo=None) != wall


@given(now=NOWS, amount=st.integers(1, 5000), unit=st.sampled_from(["h", "min", "hours"]))
def test_hours_and_minutes_are_elapsed_time(now: datetime, amount: int, unit: str) -> None:
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo)
    result = parse_when(f"{amount}{unit}", now, zone)
    step = timedelta(minutes=amount) if unit == "min" else timedelta(hours=amount)
    assert result.astimezone(UTC) - now.astimezone(UTC) == step


@given(now=NOWS, months=st.integers(1, 240))
def test_months_clip_to_the_end_of_the_month(now: datetime, months: int) -> None:
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo)
    result = parse_when(f"{months}m", now, zone).replace(tzinfo=None)
    total = now.year * 12 + now.month - 1 + months
    assert (result.year, result.month) == (total // 12, total % 12 + 1)
    assert result.day == now.day or (result.day < now.day and (result + timedelta(1)).day == 1)
    assert result > now.replace(tzinfo=None)


@given(
    now=NOWS,
    text=st.sampled_from(["3d", "1w", "1m", "1y", "1h", "1min", "明日", "tomorrow", "9:30"]),
)
def test_relative_and_future_forms_are_always_ahead(now: datetime, text: str) -> None:
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo)
    assert parse_when(text, now, zone).astimezone(UTC) > now.astimezone(UTC) - timedelta(days=1)
    if text not in ("明日", "tomorrow"):  # tomorrow 09:00 may be under a day away
        assert parse_when(text, now, zone).astimezone(UTC) > now.astimezone(UTC)


# --------------------------------------------------------------------------------------------
# Keep-in-touch cadences


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("60d", 60),
        ("60 days", 60),
        ("every 60 days", 60),
        ("2w", 14),
        ("every 2 weeks", 14),
        ("3m", 90),
        ("3 months", 90),
        ("1y", 365),
        ("monthly", 30),
        ("every month", 30),
        ("quarterly", 90),
        ("weekly", 7),
        ("fortnightly", 14),
        ("yearly", 365),
        ("毎月", 30),
        ("毎週", 7),
        ("四半期ごと", 90),
        ("3ヶ月ごと", 90),
        ("60日ごと", 60),
        ("６０ｄ", 60),
    ],
)
def test_parse_cadence(text: str, days: int) -> None:
    assert parse_cadence(text) == Cadence(days)


@pytest.mark.parametrize("text", ["", "60", "0d", "5000d", "sometimes", "biweekly", "-3d"])
def test_rejected_cadences(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_cadence(text)
    assert f"'{text}'" in str(caught.value)
    assert "60d, 2w, 3m, every 60 days, monthly or quarterly" in str(caught.value)


def test_cadence_text() -> None:
    assert str(Cadence(60)) == "every 60 days"
    assert str(Cadence(14)) == "every 2 weeks"
    assert str(Cadence(7)) == "every week"
    assert str(Cadence(365)) == "every year"
    with pytest.raises(ValueError):
        Cadence(0)


def test_next_due_counts_from_the_last_interaction_else_creation() -> None:
    created = datetime(2026, 1, 1, 12, 0, tzinfo=TOKYO)
    called = datetime(2026, 3, 1, 18, 0, tzinfo=TOKYO)
    cadence = parse_cadence("60d")
    assert next_due(cadence, None, created) == datetime(2026, 3, 2, 12, 0, tzinfo=TOKYO)
    assert next_due(cadence, called, created) == datetime(2026, 4, 30, 18, 0, tzinfo=TOKYO)
    now = datetime(2026, 5, 2, 18, 0, tzinfo=TOKYO)
    assert overdue_by(cadence, called, created, now) == timedelta(days=2)
    assert overdue_by(cadence, None, created, created) == -timedelta(days=60)


def test_next_due_is_elapsed_time_across_dst() -> None:
    last = datetime(2026, 3, 1, 12, 0, tzinfo=NEW_YORK)
    due = next_due(Cadence(30), last, last)
    assert due.astimezone(UTC) - last.astimezone(UTC) == timedelta(days=30)
    assert due.tzinfo is NEW_YORK


INSTANTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=ZONES
)


@given(
    days=st.integers(1, 3650),
    created=INSTANTS,
    older=INSTANTS,
    gap=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000)),
    now=INSTANTS,
)
def test_a_newer_interaction_never_makes_a_contact_due_earlier(
    days: int, created: datetime, older: datetime, gap: timedelta, now: datetime
) -> None:
    cadence = Cadence(days)
    newer = (older.astimezone(UTC) + gap).astimezone(older.tzinfo)
    first = next_due(cadence, older, created).astimezone(UTC)
    second = next_due(cadence, newer, created).astimezone(UTC)
    assert second >= first
    assert second - first == gap  # monotonic, and exactly as much later as the interaction
    assert overdue_by(cadence, newer, created, now) <= overdue_by(cadence, older, created, now)
    assert next_due(cadence, newer, created) > newer  # always due after the interaction


@given(small=st.integers(1, 3650), large=st.integers(1, 3650), since=INSTANTS)
def test_a_longer_cadence_is_never_due_earlier(small: int, large: int, since: datetime) -> None:
    small, large = min(small, large), max(small, large)
    assert next_due(Cadence(large), since, since) >= next_due(Cadence(small), since, since)


# --------------------------------------------------------------------------------------------
# Birthdays


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1990-04-12", (1990, 4, 12)),
        ("19900412", (1990, 4, 12)),
        ("--04-12", (None, 4, 12)),
        ("--0412", (None, 4, 12)),  # dateutil reads this as the year 412
        ("--02-29", (None, 2, 29)),
        ("1992-02-29", (1992, 2, 29)),
    ],
)
def test_parse_birthday(text: str, parsed: tuple[int | None, int, int]) -> None:
    assert parse_birthday(text) == parsed


@pytest.mark.parametrize("text", ["1990-02-29", "--1301", "--0230", "0412", "April 12", "", "412"])
def test_rejected_birthdays(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_birthday(text)


def test_yearless_birthday_is_yearly_and_has_no_age() -> None:
    assert next_birthday("--0412", date(2026, 1, 1)) == date(2026, 4, 12)
    assert next_birthday("--0412", date(2026, 4, 12)) == date(2026, 4, 12)  # today counts
    assert next_birthday("--0412", date(2026, 4, 13)) == date(2027, 4, 12)
    assert age_on("--0412", date(2026, 5, 1)) is None


def test_leap_day_birthday_every_year_2025_to_2029() -> None:
    seen = []
    day = date(2025, 1, 1)
    while day < date(2030, 1, 1):
        found = next_birthday("1992-02-29", day)
        seen.append(found)
        day = found + timedelta(days=1)
    assert seen[:5] == [
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
        date(2029, 2, 28),
    ]
    assert next_birthday("--0229", date(2027, 3, 1)) == date(2028, 2, 29)


def test_age() -> None:
    assert age_on("1992-02-29", date(2026, 2, 27)) == 33
    assert age_on("1992-02-29", date(2026, 2, 28)) == 34  # falls on 28 February
    assert age_on("1992-02-29", date(2028, 2, 28)) == 35
    assert age_on("1992-02-29", date(2028, 2, 29)) == 36
    assert age_on("1990-04-12", date(1980, 1, 1)) is None
    assert next_birthday("2030-04-12", date(2026, 1, 1)) == date(2030, 4, 12)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1985-04-12", "1985-04-12"),
        ("19850412", "1985-04-12"),
        ("--04-12", "--04-12"),
        ("04-12", "--04-12"),
        ("4/12", "--04-12"),
        ("4月12日", "--04-12"),
        ("1985年4月12日", "1985-04-12"),
        ("１９８５－０４－１２", "1985-04-12"),
        ("02-29", "--02-29"),
        ("", ""),
    ],
)
def test_a_typed_birthday_is_stored_in_one_form(typed: str, stored: str) -> None:
    from cardbox.domain.dates import typed_birthday

    assert typed_birthday(typed) == stored


@pytest.mark.parametrize("typed", ["1990-02-30", "13-01", "令和6年4月1日", "next week", "412"])
def test_a_typed_birthday_that_is_no_date_is_refused(typed: str) -> None:
    from cardbox.domain.dates import typed_birthday

    with pytest.raises(InvalidInput, match="birthday"):
        typed_birthday(typed)


def test_a_snooze_counts_from_the_later_of_due_and_now() -> None:
    from cardbox.domain.dates import is_relative, parse_snooze

    tokyo = ZoneInfo("Asia/Tokyo")
    now = datetime(2026, 12, 3, 14, 34, tzinfo=tokyo)
    ahead = datetime(2026, 12, 6, 23, 12, tzinfo=tokyo)
    assert parse_snooze("1d", ahead, now, tokyo) == ahead + timedelta(days=1)
    assert parse_snooze("3h", ahead, now, tokyo) == ahead + timedelta(hours=3)
    assert parse_snooze("1d", now - timedelta(days=2), now, tokyo) == now + timedelta(days=1)
    assert parse_snooze("2日後", ahead, now, tokyo) == ahead + timedelta(days=2)
    assert is_relative("in 3 days") and not is_relative("tomorrow 10:00")
    with pytest.raises(InvalidInput, match="before the reminder is due"):
        parse_snooze("tomorrow", ahead, now, tokyo)


@pytest.mark.parametrize(
    ("typed", "english", "japanese"),
    [
        ("3 months", "every 3 months", "3か月ごと"),
        ("month", "every month", "毎月"),
        ("2 weeks", "every 2 weeks", "隔週"),
        ("weekdays", "every weekday", "平日"),
        ("mon, thu", "every Monday and Thursday", "毎週月・木曜"),
        ("毎月第2火曜", "every month on the 2nd Tuesday", "毎月第2火曜"),
        ("last friday", "every month on the last Friday", "毎月最終金曜"),
        ("15th", "every month on the 15th", "毎月15日"),
        ("月末", "every month on the last day", "毎月末日"),
        ("year", "every year", "毎年"),
        ("FREQ=MONTHLY;INTERVAL=3;COUNT=4", "every 3 months (4 times)", "3か月ごと（4回）"),
    ],
)
def test_a_repeat_is_described_as_people_say_it(typed: str, english: str, japanese: str) -> None:
    from cardbox.domain.dates import describe_rule, parse_every

    rule = parse_every(typed).rule
    assert describe_rule(rule) == english
    assert describe_rule(rule, "ja") == japanese


def test_a_past_time_is_read_as_people_say_it_and_never_in_the_future() -> None:
    from cardbox.domain.dates import parse_past

    tokyo = ZoneInfo("Asia/Tokyo")
    now = datetime(2026, 12, 3, 14, 34, tzinfo=tokyo)  # a Thursday

    def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
        return datetime(year, month, day, hour, minute, tzinfo=tokyo)

    assert parse_past("3d-ago", now, tokyo) == at(2026, 11, 30, 14, 34)
    assert parse_past("2 weeks ago", now, tokyo) == at(2026, 11, 19, 14, 34)
    assert parse_past("3日前", now, tokyo) == at(2026, 11, 30, 14, 34)
    assert parse_past("yesterday 15:00", now, tokyo) == at(2026, 12, 2, 15, 0)
    assert parse_past("last friday", now, tokyo) == at(2026, 11, 27, 9, 0)
    assert parse_past("先週金曜 18時", now, tokyo) == at(2026, 11, 27, 18, 0)
    assert parse_past("12/5", now, tokyo) == at(2025, 12, 5, 9, 0)  # the latest 5 December
    assert parse_past("16:00", now, tokyo) == at(2026, 12, 2, 16, 0)  # not yet today
    assert parse_past("today", now, tokyo) == now
    with pytest.raises(InvalidInput, match="in the future"):
        parse_past("2026-12-05", now, tokyo)
    with pytest.raises(InvalidInput, match="write 3d ago"):
        parse_past("3d", now, tokyo)
