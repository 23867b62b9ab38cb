"""When each workspace's daily digest is due, in its own time zone, across daylight-saving changes.

A digest belongs to a local date. It becomes due at `local_time` on that date and stays due until
`cutoff` the same day, so a Banter that was down at 09:00 still sends it at 11:30, but never the
next morning (yesterday's "call today" list would be wrong by then).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def valid_tz(name: str) -> bool:
    """True for an IANA zone name Banter can schedule in ("Europe/Berlin"; not "CET+1" or "")."""
    return name in _zones()


_HHMM = re.compile(r"^(\d{1,2})(?:([:.h])(\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)


def parse_hhmm(s: str) -> time:
    """'09:00', '9:30', '17.00', '17h', '17h30', '9am', '8:30am', '5:30 pm' -> time; ValueError with a
    readable message otherwise. A bare number ('9') is refused: it could be morning or evening."""
    match = _HHMM.match(s.strip())
    sep, minutes, half = (match[2], match[3], match[4]) if match else (None, None, None)
    if (not match or (sep is None and half is None) or (sep in (":", ".") and minutes is None)
            or (sep == "h" and half)):  # fmt: skip
        raise ValueError(f"a time must look like 09:00, 9am or 17h, got '{s}'")
    assert match is not None
    hour, minute, half = int(match[1]), int(minutes or 0), (half or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            raise ValueError(f"a time with am/pm needs an hour from 1 to 12, got '{s}'")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"a time must be between 00:00 and 23:59, got '{s}'")
    return time(hour, minute)


@dataclass(frozen=True)
class DigestSchedule:
    local_time: time = time(9, 0)
    tz: str = "America/New_York"
    weekdays_only: bool = True
    cutoff: time = time(17, 0)  # at or before local_time: the digest may go out until the day ends

    def __post_init__(self) -> None:
        if not valid_tz(self.tz):
            raise ValueError(f"'{self.tz}' is not a time zone name like Europe/Berlin")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def allows(self, local_day: date) -> bool:
        return not self.weekdays_only or local_day.weekday() < 5


def _instant(zone: ZoneInfo, local_day: date, wall: time) -> datetime:
    """The UTC instant of `wall` on `local_day`: a skipped wall time (spring forward) moves to the end
    of the gap, the first instant the clock reads later than it; a repeated one takes its first occurrence."""
    naive = datetime.combine(local_day, wall)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:
        return first
    # In a gap, fold=0 and fold=1 read the wall time with the offsets either side of the transition;
    # the transition lies between them. Find it to the second (offsets change on whole seconds).
    other = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    lo, hi = sorted((int(first.timestamp()), int(other.timestamp()) + 1))
    while hi - lo > 1:  # invariant: the clock reads before `wall` at lo, at or after it at hi
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, zone).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, UTC)


def due_instant(schedule: DigestSchedule, local_day: date) -> datetime:
    """The aware UTC instant at which the digest for `local_day` is due."""
    return _instant(schedule.zone, local_day, schedule.local_time)


def cutoff_instant(schedule: DigestSchedule, local_day: date) -> datetime:
    """The first instant at which the digest for `local_day` is no longer sent."""
    if schedule.cutoff > schedule.local_time:
        return _instant(schedule.zone, local_day, schedule.cutoff)
    return _instant(schedule.zone, local_day + timedelta(days=1), time(0, 0))


def local_date_due(schedule: DigestSchedule, now: datetime) -> date | None:
    """The local date whose digest should be sent at `now`, or None outside the sending window."""
    today = now.astimezone(schedule.zone).date()
    if not schedule.allows(today):
        return None
    if due_instant(schedule, today) <= now < cutoff_instant(schedule, today):
        return today
    return None


def next_due(schedule: DigestSchedule, now: datetime) -> datetime:
    """The next due instant strictly after `now` (aware, UTC)."""
    day = now.astimezone(schedule.zone).date() - timedelta(days=1)
    for _ in range(10):
        if schedule.allows(day):
            due = due_instant(schedule, day)
            if due > now:
                return due
        day += timedelta(days=1)
    raise AssertionError("a weekday comes within ten days")  # pragma: no cover
