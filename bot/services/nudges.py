"""Nudges when nobody answers, and gentle check-ins.

Leads need nurturing and prospects need speed. A new hot lead or a fresh prospect that its owner has not
touched within `touch_hours` nudges the owner; after as long again it goes to the team's channel. A lead with
nothing to do gets one gentle check-in after `stale_days`, in the owner's working hours. Each message is
claimed in the database before it is sent (contact_alerts' unique key), so it goes out once across
processes, and no owner gets more than one nudge a day about one contact.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.model import ActivityRecord, Stage, Temperature
from bot.policy import Policy
from bot.ports import UnitOfWork
from bot.records import ContactRecord
from bot.services.followups import Reminder, ReminderKind, _stamp
from bot.services.workspace import load_config
from bot.zones import in_zone

# What counts as the contact having been worked: a call or e-mail marked Contacted, a follow-up done, a note in
# its thread, or a discovery answer (the last one is the promotion itself); by anyone on the team, since a
# channel asking "can someone pick it up?" after a teammate did would be wrong.
TOUCH_KINDS = ("touch", "follow_up_done", "note")
FRESH_LIMIT = timedelta(days=7)  # nudges concern what became hot or a prospect at most this long ago
CHECK_IN_HOURS = range(9, 17)  # a gentle check-in arrives in the owner's working day


def _candidates(uow: UnitOfWork, now: datetime) -> list[ContactRecord]:
    quiet_before = now - timedelta(days=1)  # stale_days is at least 1; each workspace's own is applied later
    return uow.contacts.nudge_candidates(now - FRESH_LIMIT, quiet_before)


def nudge_owners(uow: UnitOfWork, now: datetime) -> set[tuple[str, str]]:
    """(team, owner) of every contact a nudge may concern now: whose local time the schedule must know."""
    return {(c.team_id, c.owner_id) for c in _candidates(uow, now) if c.owner_id}


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
        touches: dict[int, datetime] = {}
        acts: list[ActivityRecord] = uow.activities.for_contacts(team_id, ids, TOUCH_KINDS)
        for a in acts:
            touches[a.contact_id] = max(a.at, touches.get(a.contact_id, a.at))
        for c in contacts:
            if c.snoozed_until is not None and c.snoozed_until > now:
                continue
            local = in_zone(now, tz_of.get((team_id, c.owner_id), "UTC"))
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
           touches: Mapping[int, datetime], now: datetime, local: datetime,
           alerts_channel: str | None) -> Reminder | None:  # fmt: skip
    day = f"nudge_day:{local:%Y-%m-%d}"
    start = c.promoted_at if c.stage is Stage.PROSPECT else done.get("hot")
    if c.stage is Stage.LEAD and c.temperature != Temperature.HOT.value:
        start = None
    touch = timedelta(hours=policy.touch_hours)
    if start is not None and now - start <= min(max(timedelta(days=1), 3 * touch), FRESH_LIMIT):
        last_touch = touches.get(c.id or 0)
        session = uow.discoveries.get(c.team_id, c.id or 0)
        if session is not None and session.updated_at is not None:  # BANT answers come from talking to them
            last_touch = max(last_touch or session.updated_at, session.updated_at)
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
