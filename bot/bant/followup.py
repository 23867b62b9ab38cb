"""Follow-up cues in a rep's message ("call her Thursday at 3pm"): when to remind the owner.

A follow-up reads periods by their start ("follow up next week" is Monday, 09:00), unlike a timeline answer.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from bot.bant.periods import clean_text, find_date

FOLLOW_UP_HOUR = time(9, 0)

_FOLLOW_UP_CUE = re.compile(
    r"\b(?:follow(?:ing)?[\s-]?up|f/u|call|ring|phone|ping|remind|check\s+(?:back|in)|reach\s+out|e-?mail"
    r"|text|message|get\s+back\s+to|touch\s+base|circle\s+back|chase|reconnect|talk\s+to|speak\s+(?:to|with))\b"
)
_CLOCK = re.compile(
    r"\b(?:at\s+|@\s*)?(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|\b(?:at|@)\s*(?P<h2>\d{1,2})(?::(?P<m2>[0-5]\d))?\b(?!\s*(?:days?|weeks?|months?))"
    r"|\b(?P<noon>noon|midday)\b"
)


def _clock_time(text: str) -> time | None:
    match = _CLOCK.search(text)
    if not match:
        return None
    if match.group("noon"):
        return time(12, 0)
    hour = int(match.group("h") or match.group("h2"))
    minute = int(match.group("m") or match.group("m2") or 0)
    ampm = (match.group("ampm") or "").replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    elif not ampm and 1 <= hour <= 7:
        hour += 12  # "at 3" during a working day is 15:00
    if hour > 23:
        return None
    return time(hour, minute)


def find_follow_up(text: str, *, now: datetime, languages: tuple[str, ...] = ("en",)) -> datetime | None:
    """When the rep asks to be reminded ("call her Thursday at 3pm"), the moment to follow up."""
    lowered = clean_text(text)
    if not _FOLLOW_UP_CUE.search(lowered):
        return None
    found = find_date(lowered, now, mode="start", fiscal_year_start_month=1, languages=languages)
    if found is None or found[0] < now.date():
        return None
    return datetime.combine(found[0], _clock_time(lowered) or FOLLOW_UP_HOUR, tzinfo=now.tzinfo)
