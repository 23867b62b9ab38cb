"""`/banter digest …`: subscribe channels to the morning digest, list them, preview it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.records import Subscription
from bot.schedule import next_due, parse_hhmm, valid_tz
from bot.services import digest as digest_service
from handlers.blocks.digest import digest as render_digest
from handlers.blocks.kit import section
from handlers.blocks.text import esc
from handlers.context import actor, permalink, rep
from handlers.digest_poster import unreachable
from handlers.slacktext import to_plain

if TYPE_CHECKING:
    from handlers.listeners.commands import Ask

COMMANDS: dict = {}
USAGE = (
    "Usage: `/banter digest subscribe #channel [HH:MM|8am] [Area/City] [weekdays|daily] [owner @rep] [min warm|hot] "
    "[event NAME]`, "
    "`/banter digest unsubscribe #channel`, `/banter digest list`, or `/banter digest` for a preview."
)


_TIME = re.compile(r"\d{1,2}(?:[:.h]\d{0,2})?(?:am|pm|a\.m\.|p\.m\.)?", re.IGNORECASE)
_HALF = ("am", "pm", "a.m.", "p.m.")
_PAUSED = {
    "not_in_channel": "paused: I'm not in it (invite me, then subscribe again)",
    "channel_not_found": "paused: I can't find it (subscribe again once it's back)",
    "is_archived": "paused: archived (subscribe again once it's back)",
}


def _channel(raw: str) -> str | None:
    m = re.search(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>", raw)
    return m.group(1) if m else None


def _named(raw: str) -> str:
    """A `#name` Slack did not turn into a channel link (no such channel, or one the asker cannot see)."""
    m = re.search(r"(?<![<\w])#([\w-]{1,80})", raw)
    return m.group(1) if m else ""


def _local(at: datetime, tz: str) -> datetime:
    return at.astimezone(ZoneInfo(tz))


def _digest(ask: Ask) -> None:
    """`/banter digest subscribe #sales 08:30 Europe/Berlin` · `list` · `unsubscribe #sales` · alone: preview."""
    from handlers.listeners.commands import say

    sub, _, _ = ask.args.partition(" ")
    if not sub:
        return _preview(ask)
    if sub in ("subscribe", "unsubscribe"):
        who = actor(ask.svc, ask.client, ask.team_id, ask.user_id)
        if not who.is_admin:
            say(ask, ":no_entry: Only workspace admins can change digest subscriptions.")
            return
        channel = _channel(ask.raw_args)
        if channel is None:
            named = _named(ask.raw_args)
            if named and sub == "unsubscribe":
                say(ask, f"#{esc(named, 80)} has no digest.")
            elif named:
                say(ask, f":warning: I can't find #{esc(named, 80)}. If it's private, invite me there with "
                         "`/invite @Banter`, then subscribe again.")  # fmt: skip
            else:
                say(ask, f"Which channel? {USAGE}")
            return
        if sub == "unsubscribe":
            with ask.svc.uow() as uow:
                gone = digest_service.unsubscribe(uow, ask.team_id, channel)
                uow.commit()
            say(ask, f"<#{channel}> will no longer get the digest." if gone else f"<#{channel}> had no digest.")
            return
        return _subscribe(ask, channel)
    if sub == "list":
        with ask.svc.uow(readonly=True) as uow:
            subs = uow.digests.subscriptions(ask.team_id)
            settings = uow.settings.get_all(ask.team_id)
        if not subs:
            say(ask, "No channel gets the digest yet. " + USAGE)
            return
        now = ask.svc.clock.now()
        lines = []
        for s in subs:
            paused = digest_service.paused_reason(settings, s.channel_id)
            if paused:
                nxt = _PAUSED.get(paused, f"paused: {esc(paused, 40)}")
            else:
                nxt = f"next {_local(next_due(digest_service.schedule_of(s), now), s.tz):%a %d %b %H:%M}"
            filt = ", ".join(f"{k} {esc(v)}" for k, v in s.filters.items())
            lines.append(f"• <#{s.channel_id}> at {s.local_time} {esc(s.tz)} ({'weekdays' if s.weekdays_only else 'daily'})"
                         f"{' · ' + filt if filt else ''} · {nxt}")  # fmt: skip
        say(ask, "Digest subscriptions", [section("*Digest subscriptions*\n" + "\n".join(lines))])
        return
    say(ask, USAGE)


def _subscribe(ask: Ask, channel: str) -> None:
    from handlers.listeners.commands import say

    rest = re.sub(r"<#[^>]+>", " ", ask.raw_args.partition(" ")[2])
    when, tz, daily, filters, errors = "09:00", "", False, {}, []
    tokens = rest.split()
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if _TIME.fullmatch(t) or (re.fullmatch(r"\d{1,2}(?::\d{2})?", t) and i + 1 < len(tokens)
                                  and tokens[i + 1].lower() in _HALF):  # fmt: skip
            if i + 1 < len(tokens) and tokens[i + 1].lower() in _HALF:  # "8 am", "8:30 pm"
                t, i = f"{t} {tokens[i + 1]}", i + 1
            try:
                when = parse_hhmm(t).strftime("%H:%M")
            except ValueError:
                errors.append(f"`{esc(t)}` is not a time of day (use HH:MM, e.g. 08:30, or 8am)")
        elif "/" in t or t == "UTC":
            if valid_tz(t):
                tz = t
            else:
                errors.append(f"`{esc(t)}` is not a time zone I know (use Area/City, e.g. Europe/Berlin)")
        elif t.lower() in ("daily", "weekdays"):
            daily = t.lower() == "daily"
        elif t in ("owner", "min", "event") and i + 1 < len(tokens):
            value = tokens[i + 1]
            if t == "owner":
                m = re.fullmatch(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>", value)
                if not m:
                    errors.append("`owner` needs a @mention")
                else:
                    filters["owner"] = m.group(1)
            elif t == "min":
                if value not in ("warm", "hot"):
                    errors.append("`min` is `warm` or `hot`")
                else:
                    filters["min"] = value
            else:
                filters["event"] = to_plain(value)  # as typed (Slack sent `&`, `<`, `>` escaped), to match contacts
            i += 1
        else:
            errors.append(f"I don't understand `{esc(t, 40)}`")
        i += 1
    if errors:
        say(ask, ":warning: " + "; ".join(errors) + ". " + USAGE)
        return
    tz = tz or rep(ask.svc, ask.client, ask.team_id, ask.user_id).tz or "UTC"
    why = unreachable(ask.client, channel)
    if why == "not_in_channel":
        say(ask, f":warning: I'm not in <#{channel}> yet: invite me with `/invite @Banter` there, then subscribe again.")
        return
    if why:
        say(ask, f":warning: I can't post in <#{channel}>: " + ("it is archived." if why == "is_archived" else
                 "I can't find it (if it's private, invite me with `/invite @Banter` there, then subscribe again)."))  # fmt: skip
        return
    sub = Subscription(ask.team_id, channel, when, tz, not daily, filters, ask.user_id)
    with ask.svc.uow() as uow:
        digest_service.subscribe(uow, sub, ask.svc.clock.now())
        uow.settings.audit(ask.team_id, ask.user_id, "digest.subscribe", f"{channel} {when} {tz}", ask.svc.clock.now())
        uow.commit()
    nxt = _local(next_due(digest_service.schedule_of(sub), ask.svc.clock.now()), tz)
    say(ask, f":white_check_mark: <#{channel}> gets the digest at {when} {esc(tz)} "
             f"({'every day' if daily else 'weekdays'}); next one {nxt:%A %d %B, %H:%M}. "
             "On a day with nothing to report (no one to call, nothing new), it stays quiet.")  # fmt: skip


def _preview(ask: Ask) -> None:
    from handlers.listeners.commands import say

    tz = rep(ask.svc, ask.client, ask.team_id, ask.user_id).tz or "UTC"
    with ask.svc.uow(readonly=True) as uow:
        view = digest_service.build_digest(uow, ask.team_id, ask.channel_id, {}, ask.svc.clock.now(), tz)

    def link(cid: int) -> str:
        c = view.records.get(cid)
        return permalink(ask.svc, ask.team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts) if c else ""

    text, blocks = render_digest(view, link, title="Digest preview")
    say(ask, text, blocks)


COMMANDS["digest"] = _digest
_digest.command_name = "digest"  # type: ignore[attr-defined]
