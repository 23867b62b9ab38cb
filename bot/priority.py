"""Who to call today, and why: the ranking behind the daily digest.

    priority = timeline urgency            100 · e^(−days_left / 30): 100 today, ~50 in three weeks,
                                           ~5 in three months, under 1 in five months;
                                           30 when the date has passed (re-confirm it); 0 with no date
             + follow-up due                60 when follow_up_at is before the end of today
             + newly promoted               30 when promoted within the last day
             + quiet                        25 when no activity for stale_days or more
             + hot signal                   20 for pricing, quote, demo or a booked call
             + score / 1000                 only ever breaks ties (at most 0.1)

Ties on everything fall back to the contact id, so the order never depends on input order.
`now` is read in its own time zone ("today", "yesterday"): pass it in the workspace's zone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.model import ContactSnapshot, Signal, TimelineStatus
from bot.policy import Policy, days_until
from bot.scoring import SIGNAL_POINTS, days_quiet

FOLLOW_UP_POINTS = 60.0
PROMOTED_POINTS = 30.0
PASSED_TIMELINE_POINTS = 30.0
QUIET_POINTS = 25.0
HOT_SIGNAL_POINTS = 20.0
HOT_SIGNALS: tuple[Signal, ...] = (Signal.CALL_BOOKED, Signal.DEMO, Signal.QUOTE, Signal.PRICING)


@dataclass(frozen=True)
class Ranked:
    contact: ContactSnapshot
    priority: float
    why_today: str
    days_left: int | None  # days to the timeline target; negative once it has passed


def days_left(contact: ContactSnapshot, now: datetime) -> int | None:
    timeline = contact.answers.timeline
    if timeline is None or timeline.status is not TimelineStatus.DATE or timeline.target is None:
        return None
    return days_until(timeline.target, now)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _parts(contact: ContactSnapshot, *, now: datetime, policy: Policy) -> list[tuple[float, str]]:
    """Each reason to call today with the points it adds, most urgent first."""
    parts: list[tuple[float, str]] = []
    left = days_left(contact, now)
    if left is not None and left >= 0:
        when = "today" if left == 0 else f"in {_plural(left, 'day')}"
        parts.append((100 * math.exp(-left / 30), f"timeline {when}"))
    elif left is not None:
        parts.append((PASSED_TIMELINE_POINTS, f"timeline passed {_plural(-left, 'day')} ago"))

    end_of_today = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=now.tzinfo)
    if contact.follow_up_at is not None and contact.follow_up_at < end_of_today:
        late = (now.date() - contact.follow_up_at.astimezone(now.tzinfo).date()).days
        when = "due today" if late <= 0 else f"overdue by {_plural(late, 'day')}"
        parts.append((FOLLOW_UP_POINTS, f"follow-up {when}"))

    if contact.promoted_at is not None and now.astimezone(UTC) - contact.promoted_at.astimezone(
        UTC
    ) <= timedelta(days=1):
        ago = (now.date() - contact.promoted_at.astimezone(now.tzinfo).date()).days
        parts.append((PROMOTED_POINTS, "promoted today" if ago <= 0 else "promoted yesterday"))

    quiet = days_quiet(contact, now)
    if quiet is not None and quiet >= policy.stale_days:
        parts.append((QUIET_POINTS, f"quiet for {quiet} days"))

    hot = [s for s in HOT_SIGNALS if s in contact.signals]
    if hot:
        parts.append((HOT_SIGNAL_POINTS, " and ".join(SIGNAL_POINTS[s][1] for s in hot)))

    # Stable sort: equal points keep the order above (timeline, follow-up, promotion, quiet, signal).
    return sorted(parts, key=lambda p: -p[0])


def why_today(contact: ContactSnapshot, *, now: datetime, policy: Policy, score: int) -> str:
    """One line, most urgent reason first: 'timeline in 12 days · follow-up due today'."""
    parts = _parts(contact, now=now, policy=policy)
    return " · ".join(text for _, text in parts) or f"in pipeline, score {score}"


def rank(
    prospects: Sequence[ContactSnapshot], policy: Policy, *, now: datetime, scores: Mapping[int, int]
) -> list[Ranked]:
    """Prospects to call, most urgent first; snoozed ones stay hidden until their snooze ends."""
    ranked: list[Ranked] = []
    for contact in prospects:
        if contact.snoozed_until is not None and contact.snoozed_until > now:
            continue
        score = scores.get(contact.id, 0)
        parts = _parts(contact, now=now, policy=policy)
        priority = sum(points for points, _ in parts) + score / 1000
        why = " · ".join(text for _, text in parts) or f"in pipeline, score {score}"
        ranked.append(Ranked(contact, priority, why, days_left(contact, now)))
    return sorted(ranked, key=lambda r: (-r.priority, r.contact.id))
