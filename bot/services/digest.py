"""The morning digest: who to call today and why, posted once per channel per local date."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.model import Answers, Stage, Temperature
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


class DigestFailed(Exception):
    """Slack said no, clearly: nothing was posted."""


class DigestAmbiguous(Exception):
    """The post may or may not have landed (a dropped connection): never repost blindly."""


class DigestPoster(Protocol):
    def post_digest(self, view: DigestView, key: str) -> str: ...
    def find_digest(self, team_id: str, channel_id: str, key: str, since: datetime) -> str | None:
        """The posted digest's ts, None when surely not posted; raises DigestAmbiguous when Slack cannot say."""
        ...


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
    return DigestView(
        team_id, channel_id, now.date(), ranked[:top_n], {c.id or 0: c for c in prospects}, answers,
        min(top_n, len(ranked)), len(ranked), uow.contacts.count_since(team_id, since),
        uow.stages.promotions_since(team_id, since), dict(counts), hot_waiting[:5],
    )  # fmt: skip


def run_pass(uow_factory: UnitOfWorkFactory, poster: DigestPoster, now: datetime) -> list[str]:
    """One digest pass as at `now`: every due channel gets its digest once. Returns the keys posted."""
    posted: list[str] = []
    with uow_factory(readonly=True) as uow:
        subs = uow.digests.subscriptions()
    for sub in subs:
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
        if _claim(uow_factory, poster, sub, local_day, key, now) and _send(uow_factory, poster, sub, local_day, key, now):
            posted.append(key)
    return posted


def _claim(uow_factory, poster, sub: Subscription, day: date, key: str, now: datetime) -> bool:  # noqa: ANN001
    with uow_factory() as uow:
        if uow.digests.claim(sub.team_id, sub.channel_id, day, now):
            uow.commit()
            return True
        d = uow.digests.delivery(sub.team_id, sub.channel_id, day)
        if d is None or d.status == "sent":
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


def _send(uow_factory, poster, sub: Subscription, day: date, key: str, now: datetime) -> bool:  # noqa: ANN001
    with uow_factory(readonly=True) as uow:
        last = uow.digests.last_sent(sub.team_id, sub.channel_id)
        since = datetime.combine(last.local_date, time(0), ZoneInfo(sub.tz)) if last else None
        view = build_digest(uow, sub.team_id, sub.channel_id, sub.filters, now, sub.tz, since)
        if view.local_date.weekday() == 0:
            from bot.services.stats import month_funnel

            view.funnel = month_funnel(uow, sub.team_id, now, sub.tz)
    try:
        ts = poster.post_digest(view, key)
    except DigestAmbiguous:
        log.warning("digest post ambiguous; left for reconciliation", extra={"key": key})
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
    return uow.digests.subscribe(sub, now)


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
