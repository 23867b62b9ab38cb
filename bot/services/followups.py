"""The rest of a lead's life: follow-ups, nudges when nobody answers, owners, won and lost.

Leads need nurturing and prospects need speed. A new hot lead or a fresh prospect that its owner has not
touched within `touch_hours` nudges the owner; after as long again it goes to the team's channel. A lead with
nothing to do gets one gentle check-in after `stale_days`, in the owner's working hours. Each message is
claimed in the database before it is sent (contact_alerts' unique key), so it goes out once across
processes, and no owner gets more than one nudge a day about one contact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.events import Event
from bot.model import ActivityRecord, Stage, Temperature
from bot.policy import Policy
from bot.ports import UnitOfWork
from bot.records import ContactRecord
from bot.services import digest as digest_service
from bot.services.qualification import Actor, NotAllowed, set_stage
from bot.services.workspace import load_config

TOUCH_KINDS = ("touch",)
FOLLOW_UP_CATCH_UP = timedelta(days=3)  # a follow-up missed while Banter was down still goes out this late
FRESH_LIMIT = timedelta(days=7)  # nudges concern what became hot or a prospect at most this long ago
ROUND_ROBIN_WINDOW = timedelta(days=1)
CHECK_IN_HOURS = range(9, 17)  # a gentle check-in arrives in the owner's working day
LAST_ROUND_ROBIN = "round_robin.last"
LOST_REASONS = {
    "price": "price",
    "competitor": "chose a competitor",
    "no_decision": "no decision",
    "timing": "bad timing",
    "silent": "went silent",
    "other": "other",
}


class ReminderKind(StrEnum):
    FOLLOW_UP = "follow_up"
    NUDGE_OWNER = "nudge_owner"
    NUDGE_CHANNEL = "nudge_channel"
    CHECK_IN = "check_in"


@dataclass(frozen=True)
class Reminder:
    """One message the schedule should send now: a direct message to the owner, or a channel nudge."""

    kind: ReminderKind
    contact: ContactRecord
    key: str  # unique per message: the post's once-only key
    waited: timedelta = timedelta(0)  # since the follow-up time, the lead turned hot, or the last activity
    channel_id: str = ""  # for channel nudges


@dataclass(frozen=True)
class Assigned:
    contact: ContactRecord
    previous_owner: str
    by_user: str  # "" when the round robin chose


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%y%m%d%H%M")


# --- follow-ups -------------------------------------------------------------------------------------


def follow_ups_due(uow: UnitOfWork, now: datetime) -> list[Reminder]:
    """Follow-ups whose time has come, each claimed once (a snooze moves the time, and so the claim)."""
    out: list[Reminder] = []
    for c in uow.contacts.follow_ups_between(now - FOLLOW_UP_CATCH_UP, now):
        assert c.follow_up_at is not None and c.id is not None
        kind = f"fu:{_stamp(c.follow_up_at)}"
        if uow.alerts.claim(c.team_id, c.id, kind, now):
            key = f"followup:{c.team_id}:{c.id}:{_stamp(c.follow_up_at)}"
            out.append(Reminder(ReminderKind.FOLLOW_UP, c, key, now - c.follow_up_at))
    return out


_WHEN_START = re.compile(
    r"(?:tomorrow|today|tonight|next\b|in\s+(?:\d|an?\b|one\b|two\b|three\b)|on\s|this\s|end\s+of|at\s+\d"
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*\d|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_IN_HOURS = re.compile(r"^in\s+(\d{1,3})\s*(hours?|hrs?|h|minutes?|mins?|m)$", re.IGNORECASE)


def parse_when(text: str, now_local: datetime) -> datetime | None:
    """'tomorrow 10am', 'next week', 'on Thursday', 'in 2 hours': a moment after `now_local`, in its zone."""
    from bot.bant.timeline import find_follow_up

    text = text.strip()
    m = _IN_HOURS.match(text)
    if m:
        n = int(m[1])
        return now_local + (timedelta(hours=n) if m[2].lower().startswith("h") else timedelta(minutes=n))
    when = find_follow_up(f"remind {text}", now=now_local)
    return when if when is not None and when > now_local else None


def split_who_when(text: str, now_local: datetime) -> tuple[str, str] | None:
    """'jane@acme.com tomorrow 10am' -> ('jane@acme.com', 'tomorrow 10am'); None when no time is found."""
    tokens = text.split()
    for i in range(1, len(tokens)):
        rest = " ".join(tokens[i:])
        if _WHEN_START.match(rest) and parse_when(rest, now_local) is not None:
            return " ".join(tokens[:i]), rest
    return None


def set_follow_up(uow: UnitOfWork, actor: Actor, contact_id: int, when: datetime, now: datetime) -> ContactRecord:
    c = _get(uow, actor.team_id, contact_id)
    if when <= now:
        raise ValueError("That time has already passed.")
    c.follow_up_at, c.updated_at = when, now
    uow.contacts.save(c)
    uow.activities.add(actor.team_id, contact_id, "follow_up_set", actor.user_id, when.isoformat(), now)
    return c


def follow_up_from_text(uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, text: str, now: datetime,
                        tz: str = "UTC") -> datetime | None:  # fmt: skip
    """A discovery answer that also says "call her on Thursday" sets the follow-up, read on `tz`'s clock."""
    from bot.bant.timeline import find_follow_up

    when = find_follow_up(text, now=_local(now, tz)) if text else None
    if when is None or when <= now:
        return None
    set_follow_up(uow, Actor(team_id, user_id), contact_id, when, now)
    return when


def follow_up_done(uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, now: datetime) -> ContactRecord:
    """Done: the follow-up is cleared and counts as a touch."""
    c = _get(uow, team_id, contact_id)
    c.follow_up_at = None
    uow.contacts.save(c)
    uow.activities.add(team_id, contact_id, "follow_up_done", user_id, "", now)
    return digest_service.touch(uow, team_id, user_id, contact_id, now) or c


def snooze_follow_up(uow: UnitOfWork, team_id: str, user_id: str, contact_id: int, until: datetime,
                     now: datetime) -> ContactRecord:  # fmt: skip
    c = _get(uow, team_id, contact_id)
    c.follow_up_at, c.updated_at = until, now
    uow.contacts.save(c)
    uow.activities.add(team_id, contact_id, "follow_up_snoozed", user_id, until.isoformat(), now)
    return c


# --- nudges -----------------------------------------------------------------------------------------


def _candidates(uow: UnitOfWork, now: datetime) -> list[ContactRecord]:
    quiet_before = now - timedelta(days=1)  # stale_days is at least 1; each workspace's own is applied later
    return uow.contacts.nudge_candidates(now - FRESH_LIMIT, quiet_before)


def nudge_owners(uow: UnitOfWork, now: datetime) -> set[tuple[str, str]]:
    """(team, owner) of every contact a nudge may concern now: whose local time the schedule must know."""
    return {(c.team_id, c.owner_id) for c in _candidates(uow, now) if c.owner_id}


def _local(now: datetime, tz: str) -> datetime:
    try:
        return now.astimezone(ZoneInfo(tz))
    except (KeyError, ValueError):
        return now.astimezone(UTC)


def nudges_due(uow: UnitOfWork, now: datetime, tz_of: Mapping[tuple[str, str], str]) -> list[Reminder]:
    """Every nudge and check-in due now, each claimed once. `tz_of` maps (team, owner) to the owner's zone."""
    out: list[Reminder] = []
    by_team: dict[str, list[ContactRecord]] = {}
    for c in _candidates(uow, now):
        by_team.setdefault(c.team_id, []).append(c)
    for team_id, contacts in by_team.items():
        cfg = load_config(uow, team_id)
        ids = [c.id for c in contacts if c.id is not None]
        claimed = uow.alerts.claimed(team_id, ids)
        touches: dict[tuple[int, str], datetime] = {}
        acts: list[ActivityRecord] = uow.activities.for_contacts(team_id, ids, TOUCH_KINDS)
        for a in acts:
            touches[(a.contact_id, a.user_id)] = a.at
        for c in contacts:
            if c.snoozed_until is not None and c.snoozed_until > now:
                continue
            local = _local(now, tz_of.get((team_id, c.owner_id), "UTC"))
            done = claimed.get(c.id or 0, {})
            r = _nudge(uow, c, cfg.policy, done, touches, now, local, cfg.alerts_channel)
            if r is not None:
                out.append(r)
    return out


def _claim_all(uow: UnitOfWork, c: ContactRecord, kinds: list[str], now: datetime) -> bool:
    assert c.id is not None
    first, *more = kinds
    if not uow.alerts.claim(c.team_id, c.id, first, now):
        return False
    for kind in more:
        uow.alerts.claim(c.team_id, c.id, kind, now)
    return True


def _nudge(uow: UnitOfWork, c: ContactRecord, policy: Policy, done: Mapping[str, datetime],
           touches: Mapping[tuple[int, str], datetime], now: datetime, local: datetime,
           alerts_channel: str | None) -> Reminder | None:  # fmt: skip
    day = f"nudge_day:{local:%Y-%m-%d}"
    start = c.promoted_at if c.stage is Stage.PROSPECT else done.get("hot")
    if c.stage is Stage.LEAD and c.temperature != Temperature.HOT.value:
        start = None
    touch = timedelta(hours=policy.touch_hours)
    if start is not None and now - start <= min(max(timedelta(days=1), 3 * touch), FRESH_LIMIT):
        last_touch = touches.get((c.id or 0, c.owner_id))
        if last_touch is not None and last_touch >= start:
            return None
        episode = f"{'p' if c.stage is Stage.PROSPECT else 'h'}{_stamp(start)}"
        waited = now - start
        owner_kind, channel_kind = f"nudge_owner:{episode}", f"nudge_channel:{episode}"
        if waited >= 2 * touch and channel_kind not in done:
            target = alerts_channel if alerts_channel and alerts_channel != "off" else c.channel_id
            # the owner's own nudge is spent too: escalating and then nudging them would be backwards
            if target and _claim_all(uow, c, [channel_kind, owner_kind], now):
                key = f"nudge:{c.team_id}:{c.id}:channel:{episode}"
                return Reminder(ReminderKind.NUDGE_CHANNEL, c, key, waited, target)
        elif touch <= waited < 2 * touch and owner_kind not in done and day not in done:
            if _claim_all(uow, c, [owner_kind, day], now):
                return Reminder(ReminderKind.NUDGE_OWNER, c, f"nudge:{c.team_id}:{c.id}:owner:{episode}", waited)
        return None
    quiet = now - c.last_activity_at if c.last_activity_at else None
    if (
        c.stage is Stage.LEAD and c.follow_up_at is None and quiet is not None
        and quiet >= timedelta(days=policy.stale_days)
        and local.hour in CHECK_IN_HOURS and local.weekday() < 5 and day not in done
    ):  # fmt: skip
        assert c.last_activity_at is not None
        kind = f"check_in:{_stamp(c.last_activity_at)}"
        if kind not in done and _claim_all(uow, c, [kind, day], now):
            return Reminder(ReminderKind.CHECK_IN, c, f"checkin:{c.team_id}:{c.id}:{_stamp(c.last_activity_at)}", quiet)
    return None


# --- owners, won and lost ---------------------------------------------------------------------------


def _get(uow: UnitOfWork, team_id: str, contact_id: int) -> ContactRecord:
    c = uow.contacts.get(team_id, contact_id)
    if c is None:
        raise LookupError("That contact is not in this workspace (it may have been removed).")
    return c


def _reassign(uow: UnitOfWork, c: ContactRecord, new_owner: str, by_user: str, now: datetime) -> Assigned:
    assert c.id is not None
    previous = c.owner_id
    c.owner_id, c.updated_at = new_owner, now
    uow.contacts.save(c)
    uow.activities.add(c.team_id, c.id, "assign", by_user, f"{previous} -> {new_owner}", now)
    uow.alerts.claim(c.team_id, c.id, "round_robin", now)  # a person's choice is never undone by the rotation
    return Assigned(c, previous, by_user)


def assign(uow: UnitOfWork, actor: Actor, contact_id: int, new_owner: str, now: datetime) -> Assigned:
    """Reassign by hand (the owner or an admin); recorded in the contact's history."""
    c = _get(uow, actor.team_id, contact_id)
    if c.owner_id != actor.user_id and not actor.is_admin:
        raise NotAllowed("Only the contact's owner or a workspace admin can reassign it.", c.owner_id)
    if c.owner_id == new_owner:
        return Assigned(c, new_owner, actor.user_id)
    return _reassign(uow, c, new_owner, actor.user_id, now)


def owner_history(uow: UnitOfWork, team_id: str, contact_id: int) -> list[ActivityRecord]:
    """Every change of owner, oldest first (detail: 'previous -> new'; no user: the round robin)."""
    return uow.activities.for_contacts(team_id, [contact_id], ["assign"])


def round_robin(uow: UnitOfWork, now: datetime) -> list[Assigned]:
    """Contacts logged lately by someone not listed in the policy's reps go to the reps in turn."""
    out: list[Assigned] = []
    by_team: dict[str, list[ContactRecord]] = {}
    for c in uow.contacts.created_since(now - ROUND_ROBIN_WINDOW):
        by_team.setdefault(c.team_id, []).append(c)
    for team_id, contacts in by_team.items():
        reps = load_config(uow, team_id).policy.reps
        waiting = [c for c in contacts if reps and c.owner_id not in reps and c.stage is not Stage.DISQUALIFIED]
        if not waiting:
            continue
        claimed = uow.alerts.claimed(team_id, [c.id for c in waiting])
        for c in waiting:
            if "round_robin" in claimed.get(c.id or 0, {}) or not uow.alerts.claim(team_id, c.id or 0, "round_robin", now):
                continue
            last = uow.settings.get_all(team_id).get(LAST_ROUND_ROBIN, "")
            nxt = reps[(reps.index(last) + 1) % len(reps)] if last in reps else reps[0]
            uow.settings.set(team_id, LAST_ROUND_ROBIN, nxt)
            out.append(_reassign(uow, c, nxt, "", now))
    return out


def won(uow: UnitOfWork, actor: Actor, contact_id: int, now: datetime) -> list[Event]:
    """The prospect became a customer: recorded in the stage history; it leaves the digest."""
    return set_stage(uow, actor, contact_id, Stage.CUSTOMER, "won", now)


def lost(uow: UnitOfWork, actor: Actor, contact_id: int, reason: str, now: datetime) -> list[Event]:
    """Lost, with the reason, recorded in the stage history (as disqualified: 'lost: …')."""
    reason = LOST_REASONS.get(reason, reason).strip() or "no reason given"
    return set_stage(uow, actor, contact_id, Stage.DISQUALIFIED, f"lost: {reason}", now)
