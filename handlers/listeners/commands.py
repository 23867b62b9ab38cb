"""`/banter <subcommand>`: each subcommand's docstring is its help line."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.events import Promoted
from bot.model import Stage
from bot.policy import POLICY_KEYS, PolicyError, money
from bot.services import discovery as discovery_service
from bot.services import qualification as q
from bot.services import search
from bot.services.cards import CardView, card_view
from bot.services.contacts import LogContacts
from handlers.blocks.cards import closing, who
from handlers.blocks.kit import context, section
from handlers.blocks.text import esc, plural, user
from handlers.context import Services, actor, channel_event, refusal, rep
from handlers.flows import ensure_thread, log_contacts, reply_with_cards, show_turn
from handlers.listeners import data_commands, digest_commands, lookup, pipeline_commands
from handlers.poster import post
from handlers.slacktext import to_plain

log = logging.getLogger("banter.commands")


@dataclass
class Ask:
    """One slash command, parsed: who asked, where, and the rest of the text."""

    svc: Services
    client: WebClient
    respond: Respond
    team_id: str
    user_id: str
    channel_id: str
    args: str
    raw_args: str  # as Slack sent it, markup included (for <#C…> and <@U…> references)


Handler = Callable[[Ask], None]
COMMANDS: dict[str, Handler] = {}


def command(name: str, *aliases: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        for n in (name, *aliases):
            COMMANDS[n] = fn
        fn.command_name = name  # type: ignore[attr-defined]
        return fn

    return wrap


def say(ask: Ask, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
    """Answer only the asker (an ephemeral response)."""
    ask.respond(text=text, blocks=blocks or [section(text)], response_type="ephemeral")


def register(app: App, svc: Services) -> None:
    @app.command("/banter")
    def on_banter(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient, context: BoltContext) -> None:
        ack()
        raw = (body.get("text") or "").strip()
        name, _, rest_raw = raw.partition(" ")
        ask = Ask(
            svc, client, respond, context.team_id or body.get("team_id", ""), body.get("user_id", ""),
            body.get("channel_id", ""), to_plain(rest_raw).strip(), rest_raw.strip(),
        )  # fmt: skip
        handler = COMMANDS.get(name.lower())
        if handler is None:
            unknown = f"I don't know `{esc(name, 40)}`. " if name else ""
            help_(ask, prefix=unknown)
            return
        _run(ask, handler)


# Words that, first after a mention, mean a command rather than someone met: `@Banter find acme`.
MENTION_COMMANDS = frozenset({
    "help", "find", "search", "show", "qualify", "remind", "assign", "won", "lost", "promote", "disqualify",
    "stats", "digest", "policy", "alerts", "export", "forget",
})  # fmt: skip


class _ThreadResponder:
    """`respond` for a command typed as a mention: only the asker sees the answer, in the thread it was asked in."""

    def __init__(self, client: WebClient, channel: str, user: str, thread_ts: str) -> None:
        self.client, self.channel, self.user, self.thread_ts = client, channel, user, thread_ts

    def __call__(self, text: str = "", blocks: list[dict[str, Any]] | None = None, **_: Any) -> None:
        from slack_sdk.errors import SlackApiError

        try:
            self.client.chat_postEphemeral(channel=self.channel, user=self.user, text=text[:3000], blocks=blocks,
                                           thread_ts=self.thread_ts or None)  # fmt: skip
        except SlackApiError as exc:
            log.warning("chat.postEphemeral refused: %s", exc.response.get("error"))


def run_from_mention(svc: Services, client: WebClient, *, team_id: str, user_id: str, channel_id: str,
                     thread_ts: str, raw: str) -> bool:  # fmt: skip
    """`@Banter find acme` runs `/banter find acme`; False when the first word is no command."""
    name, _, rest_raw = raw.strip().partition(" ")
    handler = COMMANDS.get(name.lower()) if name.lower() in MENTION_COMMANDS else None
    if handler is None:
        return False
    respond = _ThreadResponder(client, channel_id, user_id, thread_ts)
    ask = Ask(svc, client, respond, team_id, user_id, channel_id, to_plain(rest_raw).strip(), rest_raw.strip())  # type: ignore[arg-type]
    _run(ask, handler)
    return True


def _run(ask: Ask, handler: Handler) -> None:
    try:
        handler(ask)
    except q.NotAllowed as exc:
        say(ask, refusal(exc))
    except LookupError as exc:
        say(ask, f":mag: {exc.args[0] if exc.args else 'Not found.'}")


def help_(ask: Ask, prefix: str = "") -> None:
    lines = []
    seen: set[str] = set()
    for fn in COMMANDS.values():
        if fn.command_name in seen:  # type: ignore[attr-defined]
            continue
        seen.add(fn.command_name)  # type: ignore[attr-defined]
        lines.append((fn.__doc__ or "").strip())
    text = prefix + "Here's what I can do:"
    say(ask, text, [section(esc(prefix) + "*Here's what I can do:*"), section("\n".join(lines)),
                    context("Or just mention me with who you met: `@Banter met Jane Doe, CTO at Acme, jane@acme.com`")])  # fmt: skip


@command("help")
def _help(ask: Ask) -> None:
    """`/banter help` — this list."""
    help_(ask)


@command("log", "add")
def _log(ask: Ask) -> None:
    """`/banter log Jane Doe, CTO at Acme, jane@acme.com` — log contacts (one per line for several)."""
    person = rep(ask.svc, ask.client, ask.team_id, ask.user_id)
    cmd = LogContacts(
        ask.team_id, ask.user_id, ask.args, ask.channel_id,
        channel_event(ask.svc, ask.client, ask.team_id, ask.channel_id), tz=person.tz,
    )  # fmt: skip
    result = log_contacts(ask.svc, cmd)
    assert result is not None
    if not result.logged:
        from handlers.flows import HOW_TO_LOG, incomplete_reply

        text, blocks = incomplete_reply(result.incomplete) if result.incomplete else (HOW_TO_LOG, [section(HOW_TO_LOG)])
        say(ask, text, blocks)
        return
    # No message to thread on: each card starts its own thread, in the channel if Banter is there, else in a DM.
    channel = ask.channel_id
    new = sum(1 for logged in result.logged if logged.created)
    known = len(result.logged) - new
    what = ", ".join(p for p in ((f"{plural(new, 'new contact')}" if new else ""),
                                 (f"{known} already on record" if known else "")) if p)  # fmt: skip
    probe = post(ask.client, channel, f"<@{ask.user_id}> logged {what} with /banter log")
    if probe is None:
        channel = ask.client.conversations_open(users=ask.user_id)["channel"]["id"]
    reply_with_cards(ask.svc, ask.client, result, team_id=ask.team_id, channel=channel, thread_ts=probe or "",
                     new_thread_per_contact=probe is None)  # fmt: skip
    if probe is None:
        say(ask, "I'm not in this channel, so I put the card in our direct messages. Invite me with `/invite @Banter`.")


def _find_one(ask: Ask, who_text: str) -> int:
    """The contact a command names; when several fit, none is guessed: the asker picks by email."""
    if not who_text.strip():
        raise LookupError("Name a contact: a name, an email or a phone, e.g. `jane@acme.com` or `Jane Doe`.")
    try:
        with ask.svc.uow(readonly=True) as uow:
            return search.find_one(uow, ask.team_id, who_text).id or 0
    except search.Ambiguous as many:
        listed = "\n".join(f"• {who(c)} {esc(', '.join(c.emails[:1]))}" for c in many.candidates)
        raise LookupError(f"“{esc(who_text, 100)}” fits several contacts; name one by its email:\n{listed}") from None
    except LookupError:
        raise LookupError(f"No contact matches “{esc(who_text, 100)}”. Try `/banter find {esc(who_text, 50)}`.") from None


@command("qualify", "discovery")
def _qualify(ask: Ask) -> None:
    """`/banter qualify jane@acme.com` — start (or resume) BANT discovery in the contact's thread."""
    cid = _find_one(ask, ask.args)
    ensure_thread(ask.svc, ask.client, ask.team_id, cid, ask.user_id)
    now = ask.svc.clock.now()
    with ask.svc.uow() as uow:
        turn = discovery_service.start(uow, ask.team_id, ask.user_id, cid, now)
        uow.commit()
    if turn is None:
        say(ask, "I couldn't open a thread for that contact. Try again in a minute.")
        return
    show_turn(ask.svc, ask.client, turn, team_id=ask.team_id)
    from handlers.context import permalink

    link = permalink(ask.svc, ask.team_id, turn.contact.channel_id, turn.contact.thread_ts)
    say(ask, f"Discovery for {who(turn.contact)} is in <{link}|its thread>.")


def _set_stage(ask: Ask, to: Stage, reason_default: str) -> None:
    who_text, reason = ask.args, reason_default
    m = re.match(r"(.+?)\s+(?:because|reason:?|-)\s+(.+)$", ask.args)
    if m and to is Stage.DISQUALIFIED:
        who_text, reason = m.group(1), m.group(2)
    cid = _find_one(ask, who_text)
    who_actor = actor(ask.svc, ask.client, ask.team_id, ask.user_id)
    now = ask.svc.clock.now()
    with ask.svc.uow() as uow:
        before = card_view(uow, ask.team_id, cid, now)
        events = q.set_stage(uow, who_actor, cid, to, reason, now)
        view = card_view(uow, ask.team_id, cid, now)
        uow.commit()
    from handlers.notify import announce, refresh_card

    announce(ask.svc, ask.client, events)
    refresh_card(ask.svc, ask.client, ask.team_id, cid)
    if view is not None:
        alerted = any(isinstance(e, Promoted) for e in events)
        say(ask, _stage_said(before, view, to, reason if reason != reason_default else "", alerted))


def _stage_said(before: CardView | None, view: CardView, to: Stage, reason: str, alerted: bool) -> str:
    """'Raj Patel is a prospect again (reopened from lost: went with a competitor).', 'already a prospect'."""
    c = view.contact
    if before is not None and before.contact.stage is to:
        label, why = closing(before)
        return f"{who(c)} is already {'a *prospect*' if to is Stage.PROSPECT else f'*{label.lower()}*'}" + (
            f" ({esc(why, 200)})." if why else ".")
    if to is Stage.PROSPECT:
        if before is not None and before.contact.stage in (Stage.CUSTOMER, Stage.DISQUALIFIED):
            label, why = closing(before)
            return f"{who(c)} is a *prospect* again (reopened from {label.lower()}" + (f": {esc(why, 200)})." if why else ").")
        return f"{who(c)} is now a *prospect*" + (". I told the team." if alerted else ".")
    return f"{who(c)} is now *{to.value}*" + (f" ({esc(reason, 200)})." if reason else ".")


@command("promote")
def _promote(ask: Ask) -> None:
    """`/banter promote jane@acme.com` — make a lead a prospect by hand (stays until a person changes it)."""
    _set_stage(ask, Stage.PROSPECT, "promoted by hand")


@command("disqualify")
def _disqualify(ask: Ask) -> None:
    """`/banter disqualify jane@acme.com because no budget` — disqualify, with a reason."""
    _set_stage(ask, Stage.DISQUALIFIED, "disqualified by hand")


@command("policy")
def _policy(ask: Ask) -> None:
    """`/banter policy` · `/banter policy set bant_required 3` — show or change the qualification policy (admins)."""
    parts = ask.args.split(maxsplit=2)
    raw_parts = ask.raw_args.split(maxsplit=2)
    if len(parts) == 3 and len(raw_parts) == 3 and parts[1] == "reps":
        parts[2] = raw_parts[2]  # people as Slack sends them, <@U123|ann>, not the names they read as
    if parts and parts[0] == "set":
        if len(parts) < 3:
            say(ask, "Usage: `/banter policy set KEY VALUE`, e.g. `/banter policy set score_threshold 70`.")
            return
        who_actor = actor(ask.svc, ask.client, ask.team_id, ask.user_id)
        try:
            with ask.svc.uow() as uow:
                stored = q.change_policy(uow, who_actor, parts[1], parts[2], ask.svc.clock.now())
                currency = q.workspace_currency(uow, ask.team_id)
                uow.commit()
        except PolicyError as exc:
            say(ask, f":warning: {esc(exc)}")
            return
        key = parts[1].strip().lower().replace("-", "_")
        shown = _policy_value(key, stored.get(key, parts[2]), currency)
        say(ask, f":white_check_mark: Policy updated: `{esc(key)}` = *{shown}*. It applies from the next answer.")
        return
    with ask.svc.uow(readonly=True) as uow:
        current = q.show_policy(uow, ask.team_id)
        currency = q.workspace_currency(uow, ask.team_id)
    lines = [f"• `{esc(k)}` = *{_policy_value(k, v, currency)}* — {esc(POLICY_KEYS.get(k, ''))}" for k, v in current.items()]
    say(ask, "Qualification policy", [section("*Qualification policy*"), section("\n".join(lines)),
                                      context("Change: `/banter policy set KEY VALUE` (admins)")])  # fmt: skip


def _policy_value(key: str, value: str, currency: str) -> str:
    """A stored policy value as people read it: reps as @mentions, the budget in the workspace currency,
    'none' or 'default' rather than nothing."""
    if key == "reps":
        return " ".join(user(r) for r in value.split(",") if r) or "none"
    if key == "rates":
        return esc(value.replace(",", ", ")) or f"default (into {esc(currency)})"
    if key == "min_budget":
        try:
            return esc(money(Decimal(value), currency))
        except InvalidOperation:
            return esc(value)
    return esc(value) or "none"


@command("alerts")
def _alerts(ask: Ask) -> None:
    """`/banter alerts #prospect-alerts` · `/banter alerts off` — where prospect alerts go (admins)."""
    who_actor = actor(ask.svc, ask.client, ask.team_id, ask.user_id)
    m = re.search(r"<#([CG][A-Z0-9]+)(?:\|[^>]*)?>", ask.raw_args)
    target = "off" if ask.args.strip().lower() == "off" else (m.group(1) if m else None)
    if target is None:
        named = ask.args.strip()
        if named.startswith("#"):
            say(ask, f":warning: I can't find {esc(named, 80)}. Check the name; if it's private, invite me there with "
                     "`/invite @Banter` and try again.")  # fmt: skip
        else:
            say(ask, "Usage: `/banter alerts #channel` or `/banter alerts off`.")
        return
    if target != "off":
        from handlers.digest_poster import unreachable

        why = unreachable(ask.client, target)
        if why:
            say(ask, f":warning: I can't post in <#{target}>: " + (
                "I'm not in it yet: invite me with `/invite @Banter` there, then try again." if why == "not_in_channel"
                else "it is archived." if why == "is_archived" else "I can't find it."))  # fmt: skip
            return
    with ask.svc.uow() as uow:
        q.set_alerts_channel(uow, who_actor, target, ask.svc.clock.now())
        uow.commit()
    say(ask, "Prospect alerts are off." if target == "off" else f"Prospect alerts now go to <#{target}>.")


COMMANDS.update(digest_commands.COMMANDS)
COMMANDS.update(lookup.COMMANDS)
COMMANDS.update(data_commands.COMMANDS)
COMMANDS.update(pipeline_commands.COMMANDS)
