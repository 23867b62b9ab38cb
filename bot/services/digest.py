"""The morning digest: who to call today and why, posted once per channel per local date."""

from __future__ import annotations

import logging
import threading
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.model import ActivityRecord, Answers, Stage, Temperature
from bot.ports import UnitOfWork, UnitOfWorkFactory
from bot.priority import Ranked, rank
from bot.records import ContactRecord, Subscription
from bot.schedule import DigestSchedule, due_instant, local_date_due
from bot.services.workspace import load_config

log = logging.getLogger("banter.digest")

# A claim older than this whose holder never marked it is presumed dead (crashed mid-send).
STALE_CLAIM = timedelta(minutes=2)
TOP_N = 10
PIPELINE_COUNT_CAP = 10_000  # the digest says "10,000+ leads" past this, so its cost follows what it shows
# Slack allows chat.postMessage about once a second per channel, with short bursts: a pass posts a few at
# once, then spreads the rest out at this rate over all its channels.
POSTS_PER_SECOND = 1.0
POST_BURST = 3
# A day's delivery in one of these states is settled: nothing more is posted for it that day.
#   sent: posted · empty: nothing at all to say, so nothing posted · unreachable: Banter cannot post there
SETTLED = frozenset({"sent", "empty", "unreachable"})
PAUSED_PREFIX = "digest.paused."  # workspace setting per channel: why its digest stopped (until subscribed again)


@dataclass
class DigestView:
    team_id: str
    channel_id: str
    local_date: date
    ranked: list[Ranked]
    records: dict[int, ContactRecord]
    answers: dict[int, Answers]
    shown: int
    total: int
    new_leads: int
    promotions: int
    pipeline: dict[str, int]
    hot_waiting: list[ContactRecord] = field(default_factory=list)
    owners: dict[str, str] = field(default_factory=dict)
    funnel: object | None = None  # on Mondays: this month's funnel (bot.stats.Yield), for the chart
    last_touch: dict[int, ActivityRecord] = field(default_factory=dict)  # shown prospects' latest Contacted


TOUCHES = ("touch", "follow_up_done")  # someone reached the prospect (Contacted, a follow-up done)


class DigestFailed(Exception):
    """Slack said no, clearly: nothing was posted."""


class DigestAmbiguous(Exception):
    """The post may or may not have landed (a dropped connection): never repost blindly."""


class DigestUnreachable(DigestFailed):
    """Banter cannot post in the channel at all (not a member, archived, gone): retrying will not help."""

    def __init__(self, channel_id: str, reason: str) -> None:
        super().__init__(f"{reason} ({channel_id})")
        self.reason = reason  # not_in_channel | channel_not_found | is_archived


class DigestPoster(Protocol):
    def post_digest(self, view: DigestView, key: str) -> str: ...
    def tell_unreachable(self, sub: Subscription, reason: str, key: str) -> None:
        """Tell whoever subscribed the channel, once, that its digest stopped and how to restart it."""
        ...
    def find_digest(self, team_id: str, channel_id: str, key: str, since: datetime) -> str | None:
        """The posted digest's ts, None when surely not posted; raises DigestAmbiguous when Slack cannot say."""
        ...


class Pacer:
    """At most `burst` posts at once, then one every 1/`rate` seconds: a token bucket. Thread-safe;
    `sleep` and `monotonic` are injectable so a test can count the waits without waiting."""

    def __init__(self, rate: float = POSTS_PER_SECOND, burst: int = POST_BURST, *,
                 sleep: Callable[[float], None] = _time.sleep,
                 monotonic: Callable[[], float] = _time.monotonic) -> None:  # fmt: skip
        self.rate, self.burst = rate, max(1, burst)
        self._sleep, self._monotonic = sleep, monotonic
        self._tokens, self._at = float(self.burst), monotonic()
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until one more post is allowed; returns the seconds waited."""
        if self.rate <= 0:
            return 0.0
        with self._lock:
            now = self._monotonic()
            self._tokens = min(float(self.burst), self._tokens + (now - self._at) * self.rate)
            self._at = now
            self._tokens -= 1
            wait = 0.0 if self._tokens >= 0 else -self._tokens / self.rate
        if wait:
            self._sleep(wait)
        return wait


def is_empty(view: DigestView) -> bool:
    """Nothing at all to say: no one to call, no hot lead waiting, nothing new since the last digest."""
    return not view.ranked and not view.hot_waiting and not view.new_leads and not view.promotions


def paused_reason(settings: dict[str, str], channel_id: str) -> str:
    return settings.get(PAUSED_PREFIX + channel_id, "")


def delivery_key(team_id: str, channel_id: str, local_date: date) -> str:
    return f"{team_id}:{channel_id}:{local_date.isoformat()}"


def schedule_of(sub: Subscription) -> DigestSchedule:
    hh, mm = (int(x) for x in sub.local_time.split(":"))
    return DigestSchedule(local_time=time(hh, mm), tz=sub.tz, weekdays_only=sub.weekdays_only)


def _passes(c: ContactRecord, filters: dict[str, str]) -> bool:
    if filters.get("owner") and c.owner_id != filters["owner"]:
        return False
    if filters.get("event") and filters["event"].casefold() not in c.event.casefold():
        return False
    order = [Temperature.COLD.value, Temperature.WARM.value, Temperature.HOT.value]
    floor = filters.get("min")
    return not (floor in order and order.index(c.temperature) < order.index(floor))


def build_digest(
    uow: UnitOfWork, team_id: str, channel_id: str, filters: dict[str, str], now: datetime, tz: str,
    since: datetime | None = None, top_n: int = TOP_N,
) -> DigestView:  # fmt: skip
    policy = load_config(uow, team_id).policy
    now = now.astimezone(ZoneInfo(tz))  # "today" and "days left" are the channel's own
    prospects = [c for c in uow.contacts.in_stages(team_id, [Stage.PROSPECT]) if _passes(c, filters)]
    ids = [c.id for c in prospects if c.id is not None]
    answers = uow.answers.current_many(team_id, ids)
    snaps = [c.snapshot(answers[c.id or 0]) for c in prospects]
    ranked = rank(snaps, policy, now=now, scores={c.id or 0: c.score for c in prospects})
    # Cost grows with the prospects shown, not the contacts stored: the rest is counted in the database.
    hot_waiting = [c for c in uow.contacts.hot_leads_waiting(team_id, 25, filters.get("owner")) if _passes(c, filters)]
    counts = uow.contacts.stage_counts(team_id, cap=PIPELINE_COUNT_CAP)
    since = since or now - timedelta(days=1)
    shown_ids = [r.contact.id for r in ranked[:top_n]]
    # Who called whom is read for the prospects shown only, so the cost stays with what the digest shows.
    touches = {a.contact_id: a for a in uow.activities.for_contacts(team_id, shown_ids, TOUCHES)} if shown_ids else {}
    return DigestView(
        team_id, channel_id, now.date(), ranked[:top_n], {c.id or 0: c for c in prospects}, answers,
        min(top_n, len(ranked)), len(ranked), uow.contacts.count_since(team_id, since),
        uow.stages.promotions_since(team_id, since), dict(counts), hot_waiting[:5], last_touch=touches,
    )  # fmt: skip


def run_pass(uow_factory: UnitOfWorkFactory, poster: DigestPoster, now: datetime, *,
             pacer: Pacer | None = None) -> list[str]:  # fmt: skip
    """One digest pass as at `now`: every due channel gets its digest once, the posts paced by `pacer`
    (a burst, then about one a second). Returns the keys posted."""
    pacer = pacer or Pacer()
    posted: list[str] = []
    with uow_factory(readonly=True) as uow:
        subs = uow.digests.subscriptions()
        settings = {team: uow.settings.get_all(team) for team in {s.team_id for s in subs}}
    for sub in subs:
        if paused_reason(settings[sub.team_id], sub.channel_id):
            continue  # Banter could not post there; subscribing again (after an /invite) resumes it
        try:
            local_day = local_date_due(schedule_of(sub), now)
        except (KeyError, ValueError):
            log.warning("digest subscription with a bad schedule", extra={"channel": sub.channel_id})
            continue
        if local_day is None:
            continue
        if sub.created_at and due_instant(schedule_of(sub), local_day) < sub.created_at:
            continue  # subscribed after today's time: the first digest is the next one, as promised
        key = delivery_key(sub.team_id, sub.channel_id, local_day)
        if _claim(uow_factory, poster, sub, local_day, key, now) and _send(
            uow_factory, poster, sub, local_day, key, now, pacer
        ):
            posted.append(key)
    return posted


def _claim(uow_factory, poster, sub: Subscription, day: date, key: str, now: datetime) -> bool:  # noqa: ANN001
    with uow_factory() as uow:
        if uow.digests.claim(sub.team_id, sub.channel_id, day, now):
            uow.commit()
            return True
        d = uow.digests.delivery(sub.team_id, sub.channel_id, day)
        if d is None or d.status in SETTLED:
            return False
        if d.status == "claimed" and d.claimed_at > now - STALE_CLAIM:
            return False  # someone is sending it right now
        # Left unknown by a crash or a dropped connection: ask Slack before anything else.
        try:
            ts = poster.find_digest(sub.team_id, sub.channel_id, key, d.claimed_at - timedelta(minutes=5))
        except DigestAmbiguous:
            return False  # Slack could not say: the next pass asks again rather than risk a second digest
        if ts:
            uow.digests.mark(sub.team_id, sub.channel_id, day, "sent", now, ts)
            uow.commit()
            return False
        older = now if d.status == "failed" else now - STALE_CLAIM
        won = uow.digests.reclaim(sub.team_id, sub.channel_id, day, older, now)
        uow.commit()
        return won


def _send(uow_factory, poster, sub: Subscription, day: date, key: str, now: datetime, pacer: Pacer) -> bool:  # noqa: ANN001
    with uow_factory(readonly=True) as uow:
        last = uow.digests.last_sent(sub.team_id, sub.channel_id)
        since = datetime.combine(last.local_date, time(0), ZoneInfo(sub.tz)) if last else None
        view = build_digest(uow, sub.team_id, sub.channel_id, sub.filters, now, sub.tz, since)
        if view.local_date.weekday() == 0:
            from bot.services.stats import month_funnel

            view.funnel = month_funnel(uow, sub.team_id, now, sub.tz)
    if is_empty(view):
        # One digest a day still: the day is settled as empty, so nothing is posted for it later either.
        with uow_factory() as uow:
            uow.digests.mark(sub.team_id, sub.channel_id, day, "empty", now)
            uow.commit()
        return False
    pacer.wait()
    try:
        ts = poster.post_digest(view, key)
    except DigestAmbiguous:
        log.warning("digest post ambiguous; left for reconciliation", extra={"key": key})
        return False
    except DigestUnreachable as exc:
        log.warning("digest channel unreachable: %s; paused", exc, extra={"key": key})
        with uow_factory() as uow:
            uow.digests.mark(sub.team_id, sub.channel_id, day, "unreachable", now)
            first = not paused_reason(uow.settings.get_all(sub.team_id), sub.channel_id)
            uow.settings.set(sub.team_id, PAUSED_PREFIX + sub.channel_id, exc.reason)
            uow.commit()
        if first:
            poster.tell_unreachable(sub, exc.reason, key)
        return False
    except DigestFailed as exc:
        log.warning("digest post failed: %s", exc, extra={"key": key})
        with uow_factory() as uow:
            uow.digests.mark(sub.team_id, sub.channel_id, day, "failed", now)
            uow.commit()
        return False
    with uow_factory() as uow:
        uow.digests.mark(sub.team_id, sub.channel_id, day, "sent", now, ts)
        uow.commit()
    return True


def subscribe(uow: UnitOfWork, sub: Subscription, now: datetime) -> Subscription:
    """Subscribe (or change) a channel; a digest paused because Banter could not post there resumes."""
    uow.settings.set(sub.team_id, PAUSED_PREFIX + sub.channel_id, None)
    return uow.digests.subscribe(sub, now)


def unsubscribe(uow: UnitOfWork, team_id: str, channel_id: str) -> bool:
    uow.settings.set(team_id, PAUSED_PREFIX + channel_id, None)
    return uow.digests.unsubscribe(team_id, channel_id)


def touch(uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, now: datetime) -> ContactRecord | None:
    c = uow.contacts.get(team_id, contact_id)
    if c is None:
        return None
    c.last_activity_at = c.updated_at = now
    uow.contacts.save(c)
    uow.activities.add(team_id, contact_id, "touch", user_id, "contacted", now)
    return c


def snooze(uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, until: datetime, now: datetime) -> ContactRecord | None:
    c = uow.contacts.get(team_id, contact_id)
    if c is None:
        return None
    c.snoozed_until, c.updated_at = until, now
    uow.contacts.save(c)
    uow.activities.add(team_id, contact_id, "snooze", user_id, until.isoformat(), now)
    return c
