"""Timeline answers ("by the end of Q1", "FY27", "within 30 days", "ASAP").

Sales readings pinned here (and in tests/unit/test_timeline.py):
- a bare period is a deadline: "Q3", "by March", "next month", "in 2027" mean its last day;
  "early X" is the 10th day of X ("early next week": its Monday), "mid X" the 15th of a month (of a
  quarter's middle month; "mid-year": June 30), "start of X" its first day, "end of X"/"late X" its
  last day, "before X" the day before X starts, "after X" the day after it ends;
- a week is a working week: "next week" as a deadline is Friday of next week;
- a weekday alone is its next occurrence after today; "next Friday" is Friday of next week;
- without a year, the first year whose reading is not in the past ("end of Q1" said in November is
  next March 31); quarters and halves are calendar ones; "FY27" is the fiscal year that ends in 2027;
- seasons are meteorological (summer: June 1 to August 31), so "before summer" is May 31;
- ASAP and "urgent" set asap=True with a target 14 days after the answer, unless a date is also said;
- "not this year", "no rush", "no plans" mean no timeline; "no idea", "tbd" mean unknown.
A follow-up reads periods by their start instead (bot/bant/followup.py).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.bant.followup import find_follow_up
from bot.bant.periods import clean_text, find_date
from bot.model import Timeline, TimelineStatus

__all__ = ["ASAP_DAYS", "find_follow_up", "parse_timeline"]

ASAP_DAYS = 14

_NOT_NOW = re.compile(
    r"\b(?:not\s+(?:this|in\s+this)\s+(?:year|fiscal\s+year)|not\s+(?:any\s*time|anytime)\s+soon"
    r"|not\s+in\s+the\s+(?:near|foreseeable)\s+future|not\s+(?:right\s+)?now|maybe\s+never)\b"
)
_NONE = re.compile(
    r"\b(?:no\s+(?:timeline|time\s*line|time\s*frame|timeframe|rush|hurry|urgency|deadline|plans?|date)"
    r"|not\s+urgent|someday|some\s+day|one\s+day|never|on\s+hold|paused|none|not\s+a\s+priority"
    r"|no\s+current\s+plans|no\s+intention)\b"
)
_ASAP = re.compile(
    r"\b(?:asap|a\.s\.a\.p\.?|urgent(?:ly)?|right\s+away|immediately|as\s+soon\s+as\s+possible"
    r"|straight\s+away|yesterday|right\s+now|pronto|now)(?![\w])"
)
_UNKNOWN = re.compile(
    r"\b(?:unknown|no\s+idea|tbd|tba|to\s+be\s+(?:decided|determined|confirmed)|not\s+sure|unclear|unsure"
    r"|don'?t\s+know|do\s+not\s+know|dunno|idk|not\s+decided|undecided|no\s+clue|\?+$)"
)


_EARLIEST = re.compile(r"\b(?:not\s+(?:before|until|till|sooner\s+than)|no\s+(?:earlier|sooner)\s+than|at\s+the\s+earliest|earliest)\b")


def parse_timeline(
    text: str,
    *,
    now: datetime,
    fiscal_year_start_month: int = 1,
    languages: tuple[str, ...] = ("en",),
) -> Timeline | None:
    """Read a rep's timeline answer; None when nothing in it is understood."""
    lowered = clean_text(text)
    if not lowered.strip():
        return None
    if _NOT_NOW.search(lowered):
        return Timeline(status=TimelineStatus.NONE, phrase=_NOT_NOW.search(lowered).group(0))  # type: ignore[union-attr]
    asap = _ASAP.search(lowered)
    # "not before next summer", "no earlier than Q2": the period's start is the soonest they buy, not its end
    mode = "start" if _EARLIEST.search(lowered) else "deadline"
    found = find_date(lowered, now, mode=mode, fiscal_year_start_month=fiscal_year_start_month, languages=languages)
    if found:
        return Timeline(status=TimelineStatus.DATE, target=found[0], asap=asap is not None, phrase=found[1])
    none = _NONE.search(lowered)
    if none:
        return Timeline(status=TimelineStatus.NONE, phrase=none.group(0))
    if asap:
        return Timeline(
            status=TimelineStatus.DATE, target=now.date() + timedelta(days=ASAP_DAYS), asap=True, phrase=asap.group(0)
        )
    unknown = _UNKNOWN.search(lowered)
    if unknown:
        return Timeline(status=TimelineStatus.UNKNOWN, phrase=unknown.group(0))
    return None
