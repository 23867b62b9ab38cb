"""Who to call today, and why: the ranking behind the daily digest.

    priority = timeline urgency            100 · e^(−days_left / 30): 100 today, ~50 in three weeks,
                                           ~5 in three months, under 1 in five months;
                                           30 when the date has passed (re-confirm it); 0 with no date
             + follow-up due                60 when follow_up_at is before the end of today
             + newly promoted               30 when promoted within the last day
             + quiet                        25 when no activity for stale_days or more
             + hot signal                   20 for pricing, quote, demo or a booked call
             + score / 1000                 only ever breaks ties (at most 0.1)

A prospect left in the digest DIGEST_NAG_DAYS or more without anyone touching it says so
("in the digest 4 days, no touch"); that reason is said, not scored, so it never reorders the list.

Ties on everything fall back to the contact id, so the order never depends on input order.
`now` is read in its own time zone ("today", "yesterday"): pass it in the workspace's zone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from bot.model import ContactSnapshot, Signal, Stage, TimelineStatus
from bot.policy import Policy, days_until
from bot.scoring import SIGNAL_POINTS, days_quiet

FOLLOW_UP_POINTS = 60.0
PROMOTED_POINTS = 30.0
PASSED_TIMELINE_POINTS = 30.0
QUIET_POINTS = 25.0
HOT_SIGNAL_POINTS = 20.0
DIGEST_NAG_DAYS = 3  # days in the digest without a touch before its why-today says so
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


def days_in_digest(contact: ContactSnapshot, now: datetime) -> int | None:
    """Weekdays a prospect has been in the digest since it became one, was last touched, or came back from a
    snooze (the digest goes out on weekdays unless a channel asks for every day)."""
    if contact.stage is not Stage.PROSPECT:
        return None
    since = [t for t in (contact.promoted_at or contact.created_at, contact.last_activity_at) if t is not None]
    if contact.snoozed_until is not None and contact.snoozed_until <= now:
        since.append(contact.snoozed_until)
    if not since:
        return None
    entered = max(t.astimezone(UTC) for t in since).astimezone(now.tzinfo).date()
    return _workdays_after(entered, now.date())


def _workdays_after(start: date, end: date) -> int:
    """Monday-to-Friday dates after `start` up to and including `end`: a weekend is not days in the digest."""
    days = (end - start).days
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for i in range(1, rest + 1) if (start + timedelta(days=i)).weekday() < 5)


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
    else:
        listed = days_in_digest(contact, now)
        if listed is not None and listed >= DIGEST_NAG_DAYS:
            parts.append((0.0, f"in the digest {listed} days, no touch"))

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
