"""Follow-ups: the moment a rep asked to be reminded of a contact, then done or snoozed.

A follow-up is set by hand or read from a discovery answer ("call her on Thursday"). Each reminder is claimed
in the database before it is sent (contact_alerts' unique key), so it goes out once across processes; a snooze
moves the time, and so the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.ports import UnitOfWork
from bot.records import ContactRecord
from bot.services import digest as digest_service
from bot.services.qualification import Actor
from bot.zones import in_zone

FOLLOW_UP_CATCH_UP = timedelta(days=3)  # a follow-up missed while Banter was down still goes out this late


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


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%y%m%d%H%M")




def _get(uow: UnitOfWork, team_id: str, contact_id: int) -> ContactRecord:
    c = uow.contacts.get(team_id, contact_id)
    if c is None:
        raise LookupError("That contact is not in this workspace (it may have been removed).")
    return c


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
_IN_HOURS = re.compile(r"^in\s+(\d{1,3})\s*(hours?|hrs?|h|minutes?|mins?|m)\b", re.IGNORECASE)


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


def names_a_past_time(text: str, now_local: datetime) -> bool:
    """'jane@acme.com yesterday': the text names a moment, but it has passed."""
    from bot.bant.timeline import find_follow_up

    if re.search(r"\b(?:yesterday|last\s+(?:week|month|\w+day)|ago)\b", text, re.IGNORECASE):
        return True
    when = find_follow_up(f"remind {text}", now=now_local)
    return when is not None and when <= now_local


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

    when = find_follow_up(text, now=in_zone(now, tz)) if text else None
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
