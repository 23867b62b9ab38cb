"""`/banter digest …`: subscribe channels to the morning digest, list them, preview it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.records import Subscription
from bot.schedule import next_due, parse_hhmm, valid_tz
from bot.services import digest as digest_service
from handlers.blocks.digest import digest as render_digest
from handlers.blocks.kit import section
from handlers.blocks.text import esc
from handlers.context import actor, permalink, rep
from handlers.slacktext import to_plain

if TYPE_CHECKING:
    from handlers.listeners.commands import Ask

COMMANDS: dict = {}
USAGE = (
    "Usage: `/banter digest subscribe #channel [HH:MM] [Area/City] [daily] [owner @rep] [min warm|hot] [event NAME]`, "
    "`/banter digest unsubscribe #channel`, `/banter digest list`, or `/banter digest` for a preview."
)


def _channel(raw: str) -> str | None:
    m = re.search(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>", raw)
    return m.group(1) if m else None


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
            say(ask, f"Which channel? {USAGE}")
            return
        if sub == "unsubscribe":
            with ask.svc.uow() as uow:
                gone = uow.digests.unsubscribe(ask.team_id, channel)
                uow.commit()
            say(ask, f"<#{channel}> will no longer get the digest." if gone else f"<#{channel}> had no digest.")
            return
        return _subscribe(ask, channel)
    if sub == "list":
        with ask.svc.uow(readonly=True) as uow:
            subs = uow.digests.subscriptions(ask.team_id)
        if not subs:
            say(ask, "No channel gets the digest yet. " + USAGE)
            return
        now = ask.svc.clock.now()
        lines = []
        for s in subs:
            nxt = next_due(digest_service.schedule_of(s), now)
            filt = ", ".join(f"{k} {esc(v)}" for k, v in s.filters.items())
            lines.append(f"• <#{s.channel_id}> at {s.local_time} {esc(s.tz)} ({'weekdays' if s.weekdays_only else 'daily'})"
                         f"{' · ' + filt if filt else ''} · next {nxt:%a %d %b %H:%M} UTC")  # fmt: skip
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
        if re.fullmatch(r"\d{1,2}:\d{2}", t):
            try:
                when = parse_hhmm(t).strftime("%H:%M")
            except ValueError:
                errors.append(f"`{esc(t)}` is not a time of day (use HH:MM, e.g. 08:30)")
        elif "/" in t or t == "UTC":
            if valid_tz(t):
                tz = t
            else:
                errors.append(f"`{esc(t)}` is not a time zone I know (use Area/City, e.g. Europe/Berlin)")
        elif t == "daily":
            daily = True
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
    sub = Subscription(ask.team_id, channel, when, tz, not daily, filters, ask.user_id)
    with ask.svc.uow() as uow:
        digest_service.subscribe(uow, sub, ask.svc.clock.now())
        uow.settings.audit(ask.team_id, ask.user_id, "digest.subscribe", f"{channel} {when} {tz}", ask.svc.clock.now())
        uow.commit()
    nxt = next_due(digest_service.schedule_of(sub), ask.svc.clock.now())
    say(ask, f":white_check_mark: <#{channel}> gets the digest at {when} {esc(tz)} "
             f"({'every day' if daily else 'weekdays'}); next one {nxt:%A %d %B, %H:%M} UTC.")  # fmt: skip


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
