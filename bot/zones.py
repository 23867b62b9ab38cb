"""One rule for reading an instant on someone's clock: their Slack time zone, or UTC when it is unknown."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def in_zone(now: datetime, tz: str) -> datetime:
    try:
        return now.astimezone(ZoneInfo(tz))
    except (KeyError, ValueError):  # an unknown or malformed zone name: the instant stays as it is
        return now
