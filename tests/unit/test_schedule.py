from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.schedule import (
    DigestSchedule,
    cutoff_instant,
    due_instant,
    local_date_due,
    next_due,
    parse_hhmm,
    valid_tz,
)

NEW_YORK = DigestSchedule()  # 09:00 America/New_York, weekdays, until 17:00
MINUTE = timedelta(minutes=1)
MUST_HAVE = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",  # 30-minute daylight saving
    "Pacific/Chatham",  # UTC+12:45 / +13:45
    "Asia/Kolkata",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Havana",  # switches at midnight
    "Antarctica/Troll",  # a two-hour jump
    "Europe/Dublin",  # "negative" daylight saving in the tz database
]
ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def wall(instant: datetime, zone: str) -> datetime:
    return instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


@cache
def transition_days(zone: str, year: int) -> tuple[date, ...]:
    """Local dates in `year` on which the zone's offset changes."""
    tz, day, found = ZoneInfo(zone), date(year, 1, 1), []
    while day.year == year:
        start = datetime.combine(day, time(0), tzinfo=tz)
        end = datetime.combine(day, time(23, 59), tzinfo=tz)
        if start.utcoffset() != end.utcoffset():
            found.append(day)
        day += timedelta(days=1)
    return tuple(found)


@st.composite
def zone_and_day(draw: st.DrawFn) -> tuple[str, date]:
    zone = draw(st.one_of(st.sampled_from(MUST_HAVE), st.sampled_from(ZONES)))
    year = draw(st.integers(2016, 2035))
    transitions = transition_days(zone, year)
    if transitions and draw(st.booleans()):
        day = draw(st.sampled_from(transitions)) + timedelta(days=draw(st.integers(-1, 1)))
    else:
        day = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    return zone, day


# Wall times around where clocks jump (00:00-03:00), and any minute of the day.
wall_times = st.one_of(
    st.builds(time, st.integers(0, 3), st.integers(0, 59)),
    st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)


@st.composite
def schedules(draw: st.DrawFn) -> tuple[DigestSchedule, date]:
    zone, day = draw(zone_and_day())
    local_time = draw(wall_times)
    # Cutoff three hours or more later, or at/before local_time (the window then runs to midnight).
    later = [time(h, m) for h in range(local_time.hour + 3, 24) for m in (0, 30)]
    cutoff = draw(st.sampled_from([*later, time(0, 0)]))
    return DigestSchedule(local_time, zone, draw(st.booleans()), cutoff), day


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(schedules())
def test_each_local_date_has_exactly_one_due_instant_on_that_date(case: tuple[DigestSchedule, date]) -> None:
    schedule, day = case
    due = due_instant(schedule, day)
    assert due.tzinfo is UTC
    assert wall(due, schedule.tz).date() == day
    # It is the first instant the local clock reads local_time or later.
    assert wall(due, schedule.tz).time() >= schedule.local_time
    assert wall(due - timedelta(seconds=1), schedule.tz) < datetime.combine(day, schedule.local_time)
    assert (
        due_instant(schedule, day - timedelta(days=1)) < due < due_instant(schedule, day + timedelta(days=1))
    )


@FAST
@given(schedules())
def test_scanning_a_day_the_digest_is_due_from_the_due_instant_until_the_cutoff(
    case: tuple[DigestSchedule, date],
) -> None:
    schedule, day = case
    zone = ZoneInfo(schedule.tz)
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC) - timedelta(hours=3)
    due_minutes: list[datetime] = []
    instant = start
    while instant < start + timedelta(hours=30):
        answer = local_date_due(schedule, instant)
        if answer is not None:
            assert answer == wall(instant, schedule.tz).date()
            if answer == day:
                due_minutes.append(instant)
        instant += MINUTE
    allowed = not schedule.weekdays_only or day.weekday() < 5
    if not allowed:
        assert due_minutes == []
        return
    first, last = due_minutes[0], due_minutes[-1]
    assert first == due_instant(schedule, day)
    assert len(due_minutes) == (last - first) // MINUTE + 1  # one unbroken window
    limit = schedule.cutoff if schedule.cutoff > schedule.local_time else None
    if limit is not None:
        assert wall(last, schedule.tz).time() < limit
        assert wall(last + MINUTE, schedule.tz).time() >= limit
    else:
        assert wall(last + MINUTE, schedule.tz).date() > day
    assert last + MINUTE == cutoff_instant(schedule, day)


@FAST
@given(schedules(), st.integers(0, 7 * 24 * 60))
def test_next_due_is_the_first_allowed_due_instant_after_now(
    case: tuple[DigestSchedule, date], minutes: int
) -> None:
    schedule, day = case
    now = due_instant(schedule, day) + timedelta(minutes=minutes - 3 * 24 * 60)
    found = next_due(schedule, now)
    local_day = wall(found, schedule.tz).date()
    assert found > now
    assert found == due_instant(schedule, local_day)
    assert not schedule.weekdays_only or local_day.weekday() < 5
    # Nothing was due in between: the instant just before it still points at it.
    assert next_due(schedule, found - timedelta(microseconds=1)) == found
    assert next_due(schedule, found) > found


# --- worked examples ---------------------------------------------------------------------------


def test_the_new_york_digest_follows_daylight_saving() -> None:
    assert due_instant(NEW_YORK, date(2025, 3, 7)) == utc(2025, 3, 7, 14, 0)  # EST
    assert due_instant(NEW_YORK, date(2025, 3, 10)) == utc(2025, 3, 10, 13, 0)  # EDT


def test_a_skipped_local_time_moves_to_the_end_of_the_gap() -> None:
    early = DigestSchedule(local_time=time(2, 30), weekdays_only=False)
    assert due_instant(early, date(2025, 3, 9)) == utc(2025, 3, 9, 7, 0)  # 03:00 EDT
    lord_howe = DigestSchedule(local_time=time(2, 10), tz="Australia/Lord_Howe", weekdays_only=False)
    assert wall(due_instant(lord_howe, date(2025, 10, 5)), "Australia/Lord_Howe").time() == time(2, 30)


def test_a_repeated_local_time_takes_its_first_occurrence() -> None:
    early = DigestSchedule(local_time=time(1, 30), weekdays_only=False)
    assert due_instant(early, date(2025, 11, 2)) == utc(2025, 11, 2, 5, 30)  # 01:30 EDT, not EST


def test_a_digest_missed_at_nine_goes_out_later_the_same_day_but_never_the_next() -> None:
    friday = date(2025, 11, 21)
    assert local_date_due(NEW_YORK, utc(2025, 11, 21, 13, 59)) is None  # 08:59
    assert local_date_due(NEW_YORK, utc(2025, 11, 21, 14, 0)) == friday  # 09:00
    assert local_date_due(NEW_YORK, utc(2025, 11, 21, 16, 30)) == friday  # 11:30, catching up
    assert local_date_due(NEW_YORK, utc(2025, 11, 21, 22, 0)) is None  # 17:00 cutoff
    assert local_date_due(NEW_YORK, utc(2025, 11, 22, 13, 0)) is None  # Saturday 08:00


def test_weekends_are_skipped_unless_every_day_is_asked_for() -> None:
    saturday_noon = utc(2025, 11, 22, 17, 0)
    assert local_date_due(NEW_YORK, saturday_noon) is None
    assert next_due(NEW_YORK, saturday_noon) == utc(2025, 11, 24, 14, 0)  # Monday 09:00
    daily = DigestSchedule(weekdays_only=False)
    assert local_date_due(daily, saturday_noon) == date(2025, 11, 22)


def test_the_local_date_is_the_zones_not_utcs() -> None:
    tokyo = DigestSchedule(tz="Asia/Tokyo")
    # Sunday 23:30 UTC is already Monday 08:30 in Tokyo: not yet due; 09:00 JST is 00:00 UTC.
    assert local_date_due(tokyo, utc(2025, 11, 23, 23, 30)) is None
    assert local_date_due(tokyo, utc(2025, 11, 24, 0, 0)) == date(2025, 11, 24)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00", time(9)),
        ("9:30", time(9, 30)),
        ("17.45", time(17, 45)),
        ("9am", time(9)),
        ("5:30 pm", time(17, 30)),
        ("12am", time(0)),
        ("12 PM", time(12)),
        ("8:30am", time(8, 30)),
        ("8.30", time(8, 30)),
        ("17h", time(17)),
        ("17h30", time(17, 30)),
    ],
)
def test_parse_hhmm_reads_clock_times(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize("text", ["25:00", "9:75", "nine", "13pm", "", "9", "9:", "25h", "5h pm"])
def test_parse_hhmm_rejects_what_is_not_a_time(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_hhmm(text)


def test_only_iana_zone_names_are_valid() -> None:
    assert valid_tz("Europe/Berlin")
    assert valid_tz("Asia/Kolkata")
    assert not valid_tz("Mars/Olympus")
    assert not valid_tz("")
    assert not valid_tz("../etc/passwd")
    with pytest.raises(ValueError, match="time zone"):
        DigestSchedule(tz="Berlin")
