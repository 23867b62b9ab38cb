"""`/banter remind|assign|won|lost|stats`, and the card's Remind me / Assign / Won / Lost and the follow-up's
Done / Snooze. Every answer goes only to the asker."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.model import Stage
from bot.services import followups
from bot.services import owners as owner_service
from bot.services import stats as stats_service
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.followups import stats_message
from handlers.blocks.kit import section
from handlers.blocks.text import esc, user
from handlers.context import Services, actor, rep
from handlers.followup_schedule import local_time, tell_new_owner
from handlers.notify import announce, refresh_card
from handlers.poster import update
from handlers.slacktext import to_plain

if TYPE_CHECKING:
    from handlers.listeners.commands import Ask

log = logging.getLogger("banter.pipeline")
COMMANDS: dict = {}
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_REASON_SEP = re.compile(r"(.+?)\s+(?:because|reason:?|-|—)\s+(.+)$", re.IGNORECASE)


def _command(name: str):  # noqa: ANN202
    def wrap(fn):  # noqa: ANN001, ANN202
        COMMANDS[name] = fn
        fn.command_name = name
        return fn

    return wrap


def _when_phrase(svc: Services, client: WebClient, team_id: str, owner: str, asker: str, when: datetime) -> str:
    local = local_time(svc, client, team_id, owner, when)
    whose = "you" if owner == asker else user(owner)
    tail = "" if owner == asker else " (their time)"
    return f"I'll remind {whose} on {local:%A %d %B at %H:%M}{tail}"


def _remind_at(svc: Services, client: WebClient, team_id: str, user_id: str, cid: int, when: datetime) -> str:
    """One follow-up per contact: a new time replaces the one set before, and says so; the card shows it."""
    now = svc.clock.now()
    with svc.uow() as uow:
        before = uow.contacts.get(team_id, cid)
        previous = before.follow_up_at if before is not None and before.follow_up_at and before.follow_up_at > now else None
        c = followups.set_follow_up(uow, actor(svc, client, team_id, user_id), cid, when, now)
        uow.commit()
    refresh_card(svc, client, team_id, cid)
    said = f":alarm_clock: {_when_phrase(svc, client, team_id, c.owner_id, user_id, when)} to follow up with {who(c)}."
    if previous is not None and previous != when:
        was = local_time(svc, client, team_id, c.owner_id, previous)
        said += f" This replaces the follow-up set for {was:%A %d %B at %H:%M}."
    return said


@_command("remind")
def _remind(ask: Ask) -> None:
    """`/banter remind jane@acme.com tomorrow 10am` — the owner gets a direct message then, in their time zone."""
    from handlers.listeners.commands import _find_one, say

    now = ask.svc.clock.now()
    local = local_time(ask.svc, ask.client, ask.team_id, ask.user_id, now)
    split = followups.split_who_when(ask.args, local)
    if split is None:
        usage = ("`/banter remind <who> <when>`, e.g. `/banter remind jane@acme.com tomorrow 10am`, "
                 "`… next week`, `… on Thursday`, `… in 2 hours`.")  # fmt: skip
        if not ask.args.strip():
            say(ask, "Usage: " + usage)
        elif followups.names_a_past_time(ask.args, local):
            say(ask, ":warning: That time has already passed. Pick a moment ahead: " + usage)
        else:
            say(ask, f":warning: I couldn't find when in “{esc(ask.args, 100)}”. Say who, then when: " + usage)
        return
    who_text, when_text = split
    cid = _find_one(ask, who_text)
    with ask.svc.uow(readonly=True) as uow:
        c = uow.contacts.get(ask.team_id, cid)
    if c is None:
        raise LookupError("That contact is no longer here.")
    when = followups.parse_when(when_text, local_time(ask.svc, ask.client, ask.team_id, c.owner_id or ask.user_id, now))
    if when is None:
        say(ask, f":warning: I can't tell when “{esc(when_text, 100)}” is.")
        return
    say(ask, _remind_at(ask.svc, ask.client, ask.team_id, ask.user_id, cid, when))


@_command("assign")
def _assign(ask: Ask) -> None:
    """`/banter assign jane@acme.com @bob` — give a contact to another rep (owner or admins); they are told."""
    from handlers.listeners.commands import _find_one, say

    mentions = list(_MENTION.finditer(ask.raw_args))
    if not mentions:
        named = _rep_by_name(ask)
        if named is None:
            last = ask.args.split()[-1] if ask.args.split() else ""
            say(ask, (f":warning: I don't know a rep called “{esc(last, 60)}”. " if last else "")
                + "Mention them: `/banter assign jane@acme.com @bob`.")  # fmt: skip
            return
        new_owner, who_text = named
        say(ask, _assign_to(ask.svc, ask.client, ask.team_id, ask.user_id, _find_one(ask, who_text), new_owner))
        return
    new_owner = mentions[-1].group(1)
    cid = _find_one(ask, to_plain(ask.raw_args[: mentions[-1].start()]).strip())
    say(ask, _assign_to(ask.svc, ask.client, ask.team_id, ask.user_id, cid, new_owner))


def _rep_by_name(ask: Ask) -> tuple[str, str] | None:
    """`/banter assign jane@acme.com bob`: the last word names a rep Banter knows (by first or user name)."""
    words = ask.args.split()
    if len(words) < 2:
        return None
    name = words[-1].lstrip("@").lower()
    with ask.svc.uow(readonly=True) as uow:
        known = [(r.user_id, r.name or "", "") for r in uow.reps.all(ask.team_id)]
    found = _named(known, name) or _named(_members(ask.client), name)  # someone who has not used Banter yet
    return (found[0], " ".join(words[:-1])) if len(found) == 1 else None


def _named(people: list[tuple[str, str, str]], name: str) -> list[str]:
    """(user id, real name, handle) whose id, handle, real name or first name is `name`."""
    return sorted({uid for uid, real, handle in people
                   if name in (uid.lower(), handle.lower(), real.lower(), real.split(" ")[0].lower())})  # fmt: skip


def _members(client: WebClient) -> list[tuple[str, str, str]]:
    """The workspace's people (users.list, first 1,000), bots and deactivated accounts left out."""
    out: list[tuple[str, str, str]] = []
    cursor = None
    try:
        for _ in range(5):
            page = client.users_list(limit=200, cursor=cursor)
            out += [(m["id"], m.get("real_name") or "", m.get("name") or "") for m in page.get("members", [])
                    if not m.get("is_bot") and not m.get("deleted") and m.get("id") != "USLACKBOT"]  # fmt: skip
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
    except SlackApiError as exc:
        log.warning("users.list failed: %s", exc.response.get("error"))
    return out


def _assign_to(svc: Services, client: WebClient, team_id: str, user_id: str, cid: int, new_owner: str) -> str:
    with svc.uow() as uow:
        a = owner_service.assign(uow, actor(svc, client, team_id, user_id), cid, new_owner, svc.clock.now())
        uow.commit()
    if a.previous_owner == new_owner:
        return f"{who(a.contact)} is already {user(new_owner)}'s."
    tell_new_owner(svc, client, a)
    refresh_card(svc, client, team_id, cid)
    return f":inbox_tray: {who(a.contact)} is now {user(new_owner)}'s (was {user(a.previous_owner)}'s); I told them."


def _split_reason(ask: Ask, text: str) -> tuple[str, str]:
    """'jane@acme.com went with a rival' -> the longest start that names a contact, and the rest."""
    m = _REASON_SEP.match(text)
    if m:
        return m.group(1), m.group(2)
    tokens = text.split()
    with ask.svc.uow(readonly=True) as uow:
        for i in range(len(tokens), 0, -1):
            if uow.contacts.search(ask.team_id, " ".join(tokens[:i]), limit=1):
                return " ".join(tokens[:i]), " ".join(tokens[i:])
    return text, ""


def _close(ask: Ask, won: bool) -> None:
    from handlers.listeners.commands import _find_one, say

    who_text, reason = (ask.args, "") if won else _split_reason(ask, ask.args)
    if not who_text:
        say(ask, "Usage: `/banter won <who>` or `/banter lost <who> <reason>`.")
        return
    cid = _find_one(ask, who_text)
    say(ask, _close_contact(ask.svc, ask.client, ask.team_id, ask.user_id, cid, won, reason))


def _close_contact(svc: Services, client: WebClient, team_id: str, user_id: str, cid: int, won: bool, reason: str) -> str:
    now = svc.clock.now()
    with svc.uow() as uow:
        who_actor = actor(svc, client, team_id, user_id)
        before = uow.contacts.get(team_id, cid)
        was = before.stage if before is not None else None
        was_lost = owner_service.lost_reason(uow, team_id, cid) if was is Stage.DISQUALIFIED else None
        events = (owner_service.won(uow, who_actor, cid, now) if won
                  else owner_service.lost(uow, who_actor, cid, reason, now))  # fmt: skip
        c = uow.contacts.get(team_id, cid)
        uow.commit()
    announce(svc, client, events)
    refresh_card(svc, client, team_id, cid)
    why = esc(owner_service.LOST_REASONS.get(reason, reason) or "no reason given", 200)
    if won:
        if was is Stage.CUSTOMER:
            return f":trophy: {who(c)} is already a customer."
        return f":trophy: {who(c)} is a customer. Well done!"
    if was is Stage.DISQUALIFIED and was_lost is None:
        return f":warning: {who(c)} is disqualified, not lost; `/banter promote` reopens it first."
    if was_lost is not None:
        return f":wastebasket: {who(c)} is already lost: {esc(was_lost, 200)}."
    return f":wastebasket: {who(c)} is lost: {why}."


@_command("won")
def _won(ask: Ask) -> None:
    """`/banter won jane@acme.com` — the prospect became a customer (it leaves the digest)."""
    _close(ask, won=True)


@_command("lost")
def _lost(ask: Ask) -> None:
    """`/banter lost jane@acme.com went with a competitor` — lost, with the reason."""
    _close(ask, won=False)


@_command("stats")
def _stats(ask: Ask) -> None:
    """`/banter stats` · `/banter stats SaaStr` · `/banter stats this month` — what each event and rep yielded."""
    from handlers.listeners.commands import say

    tz = rep(ask.svc, ask.client, ask.team_id, ask.user_id).tz or "UTC"
    with ask.svc.uow(readonly=True) as uow:
        report = stats_service.stats(uow, ask.team_id, ask.args, ask.svc.clock.now(), tz)
    text, blocks = stats_message(report)
    say(ask, text, blocks)


# --- buttons and menus ------------------------------------------------------------------------------


def _tell(respond: Respond, text: str) -> None:
    respond(text=text, response_type="ephemeral", replace_original=False)


def _owner_local(svc: Services, client: WebClient, team_id: str, cid: int, fallback: str) -> tuple[datetime, str]:
    with svc.uow(readonly=True) as uow:
        c = uow.contacts.get(team_id, cid)
    owner = c.owner_id if c is not None and c.owner_id else fallback
    return local_time(svc, client, team_id, owner, svc.clock.now()), owner


def _replace_message(client: WebClient, body: dict[str, Any], text: str) -> None:
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    ts = (body.get("message") or {}).get("ts") or (body.get("container") or {}).get("message_ts")
    if channel and ts:
        update(client, channel, ts, text, [section(text)])


def on_pipeline_action(svc: Services, client: WebClient, respond: Respond, body: dict[str, Any], action_id: str,
                       team_id: str, user_id: str, cid: int, extra: list[str]) -> None:  # fmt: skip
    action = (body.get("actions") or [{}])[0]
    now = svc.clock.now()
    try:
        if action_id == ids.REMIND:
            local, _ = _owner_local(svc, client, team_id, cid, user_id)
            when = followups.parse_when("next week" if extra[:1] == ["next_week"] else "tomorrow", local)
            assert when is not None
            _tell(respond, _remind_at(svc, client, team_id, user_id, cid, when))
        elif action_id == ids.REMIND_DATE:
            local, _ = _owner_local(svc, client, team_id, cid, user_id)
            day = date.fromisoformat(action.get("selected_date") or "")
            when = datetime.combine(day, time(9, 0), tzinfo=local.tzinfo)
            _tell(respond, _remind_at(svc, client, team_id, user_id, cid, when))
        elif action_id == ids.ASSIGN:
            _tell(respond, _assign_to(svc, client, team_id, user_id, cid, action.get("selected_user") or ""))
        elif action_id in (ids.WON, ids.LOST):
            reason = extra[0] if extra else "other"
            _tell(respond, _close_contact(svc, client, team_id, user_id, cid, action_id == ids.WON, reason))
        elif action_id == ids.FOLLOW_UP_DONE:
            with svc.uow() as uow:
                c = followups.follow_up_done(uow, team_id, user_id, cid, now)
                uow.commit()
            _replace_message(client, body, f":white_check_mark: Followed up with {who(c)}. Nice.")
        elif action_id == ids.FOLLOW_UP_SNOOZE:
            with svc.uow() as uow:
                c = uow.contacts.get(team_id, cid)
                until = (c.follow_up_at if c is not None and c.follow_up_at else now) + timedelta(days=1)
                while until <= now:
                    until += timedelta(days=1)
                c = followups.snooze_follow_up(uow, team_id, user_id, cid, until, now)
                uow.commit()
            local = local_time(svc, client, team_id, c.owner_id or user_id, until)
            _replace_message(client, body, f":zzz: Snoozed: I'll remind you about {who(c)} on {local:%A %d %B at %H:%M}.")
    except ValueError as exc:  # a date in the past, or a date Slack sent that is not one
        _tell(respond, f":warning: {esc(exc, 300)} Pick a later date.")

