"""Mentions, direct messages and thread replies: logging contacts and answering discovery."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.contacts import parse_contacts
from bot.services import discovery as discovery_service
from bot.services import notes
from bot.services.contacts import LogContacts
from handlers.blocks import notes as nblocks
from handlers.blocks.kit import section
from handlers.context import Services, channel_event, rep
from handlers.flows import HOW_TO_LOG, log_contacts, reply_with_cards, show_turn
from handlers.notify import announce, refresh_card
from handlers.poster import post
from handlers.slacktext import mentions_bot, strip_leading_mention, to_plain

log = logging.getLogger("banter.messages")

# Message subtypes that are people writing; everything else (edits, deletions, joins, bots) is acknowledged and left.
_PEOPLE_SUBTYPES = {None, "file_share", "thread_broadcast"}


def register(app: App, svc: Services) -> None:
    def on_message(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        handle(svc, event, body, context, client)

    app.event("app_mention")(on_message)
    app.event("message")(on_message)


def handle(svc: Services, event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
    if event.get("bot_id") or event.get("subtype") not in _PEOPLE_SUBTYPES or not event.get("user"):
        return
    team_id = context.team_id or body.get("team_id", "")
    bot_user = context.bot_user_id or ""
    raw, channel, ts = event.get("text") or "", event.get("channel", ""), event.get("ts", "")
    thread_ts = event.get("thread_ts") or ""
    is_dm = event.get("channel_type") == "im" or channel.startswith("D")
    mentioned = event.get("type") == "app_mention" or mentions_bot(raw, bot_user)
    in_thread = bool(thread_ts) and thread_ts != ts
    if not (mentioned or is_dm or in_thread):
        return  # channel chatter that is not for Banter
    user = event["user"]
    key = "msg:" + (event.get("client_msg_id") or f"{channel}:{ts}")
    text = to_plain(strip_leading_mention(raw, bot_user), bot_user_id=bot_user)
    if in_thread and not (mentioned or is_dm) and not _banter_thread(svc, team_id, channel, thread_ts):
        return  # a thread about something else: no users.info call, no write
    if (mentioned or is_dm) and _command(svc, client, team_id, user, channel, thread_ts or ts, raw, bot_user, key):
        return  # `@Banter find acme`: the command, answered to the asker
    if is_dm and not in_thread and (home := _dm_home(svc, team_id, channel, text)):
        thread_ts, in_thread = home, True  # "she also wants pricing", "qualify": about the contact just logged here
    if in_thread:
        person = rep(svc, client, team_id, user)
        now = svc.clock.now()
        said_at = _said_at(ts, now)
        with svc.uow() as uow:
            if not uow.events.first_time(team_id, key, now):
                return
            home = uow.contacts.by_thread(team_id, channel, thread_ts)
            addressed = notes.addressed_to(home, text)  # "Raj: …" in a thread of several: about Raj, whatever runs
            active = uow.discoveries.active_in_thread(team_id, channel, thread_ts) if addressed is not None else None
            turn = None
            if addressed is not None and _START.match(text.partition(":")[2]):  # "Raj: qualify"
                turn = discovery_service.start(uow, team_id, user, addressed.id or 0, said_at)
            elif addressed is None or (active is not None and active.contact_id == addressed.id):
                turn = discovery_service.on_thread_message(uow, team_id, user, channel, thread_ts, text, ts, said_at,
                                                           person.tz)  # fmt: skip
            note: notes.Noted | notes.WhichContact | None = None
            home = home if turn is None else []
            as_note = bool(home) and not ((mentioned or is_dm) and _logs_someone(text))
            if as_note:
                note = notes.note_in_thread(uow, team_id, user, home, text, said_at, person.tz)
            uow.commit()
        if turn is not None:
            show_turn(svc, client, turn, team_id=team_id)
            return
        if as_note:
            _reply_to_note(svc, client, note, team_id, channel, thread_ts, person.tz)
            return
        if not (mentioned or is_dm):
            return
        key = key + ":log"  # not a contact's thread: a mention there logs contacts
    # In a channel Banter answers in a thread on the message; in a one-to-one DM it answers inline, and each
    # card starts its contact's thread.
    reply_in = thread_ts or ("" if is_dm else ts)
    hello = f"Hi <@{user}>! {HOW_TO_LOG} `/banter help` lists everything else."
    if not text or text.lower().strip(" !.") in ("hi", "hello", "hey"):
        with svc.uow() as uow:  # Slack sends a mention twice (and retries): greet once
            if not uow.events.first_time(team_id, key, svc.clock.now()):
                return
            uow.commit()
        post(client, channel, hello, [section(hello)], thread_ts=reply_in)
        return
    if notes.is_chatter(text):  # "@Banter thanks!": a word back to the person, nothing for the channel to read
        with svc.uow() as uow:
            first = uow.events.first_time(team_id, key, svc.clock.now())
            uow.commit()
        if first:
            _whisper(client, channel, user, reply_in, ":+1: Any time. Mention me with whoever you meet next.")
        return
    person = rep(svc, client, team_id, user)
    cmd = LogContacts(
        team_id=team_id, user_id=user, text=text, channel_id=channel,
        channel_event=channel_event(svc, client, team_id, channel) if not is_dm else "",
        thread_ts=reply_in, tz=person.tz,  # the home thread is known before the card is posted
    )  # fmt: skip
    result = log_contacts(svc, cmd, event_key=key)
    if result is None:
        return  # already handled: a retry, or the other half of message + app_mention
    reply_with_cards(svc, client, result, team_id=team_id, channel=channel, thread_ts=reply_in,
                     new_thread_per_contact=not reply_in)  # fmt: skip


# In a contact's thread, a message logs someone new only when it says so ("met …", "log …") or brings an
# email address; anything else there is a note on the contact.
_LOGS = re.compile(r"^\s*(?:(?:just\s+)?met|log|new\s+(?:lead|contact)|lead:)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_START = re.compile(r"^\s*(?:qualify|start discovery|discovery)\s*[.!]?\s*$", re.IGNORECASE)


def _logs_someone(text: str) -> bool:
    return bool(_LOGS.match(text) or _EMAIL.search(text))


def _whisper(client: WebClient, channel: str, user: str, thread_ts: str, text: str) -> None:
    from slack_sdk.errors import SlackApiError

    try:
        client.chat_postEphemeral(channel=channel, user=user, text=text, thread_ts=thread_ts or None)
    except SlackApiError as exc:
        log.warning("chat.postEphemeral refused: %s", exc.response.get("error"))


def _dm_home(svc: Services, team_id: str, channel: str, text: str) -> str:
    """In a one-to-one DM, a message that names nobody new belongs to the contact logged last there: the
    thread of that contact's card; "" when it logs someone, greets, or the DM holds no contact yet."""
    if not text or text.lower().strip(" !.") in ("hi", "hello", "hey") or _logs_someone(text):
        return ""
    if any(d.has_essentials for d in parse_contacts(text)):
        return ""
    with svc.uow(readonly=True) as uow:
        last = uow.contacts.latest_in_channel(team_id, channel)
    return last.thread_ts if last is not None else ""


def _said_at(ts: str, now: datetime) -> datetime:
    """When the person wrote it (Slack's ts), so "tomorrow" in a retried or late event means their tomorrow;
    the processing time when the ts is unreadable or not in the recent past."""
    try:
        at = datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError, OverflowError):
        return now
    return at if now - timedelta(days=1) <= at <= now else now


def _command(svc: Services, client: WebClient, team_id: str, user: str, channel: str, thread_ts: str, raw: str,
             bot_user: str, key: str) -> bool:  # fmt: skip
    from handlers.listeners.commands import MENTION_COMMANDS, run_from_mention

    rest = strip_leading_mention(raw, bot_user).strip()
    word, _, args = rest.partition(" ")
    if word.lower() not in MENTION_COMMANDS or (word.lower() == "qualify" and not args.strip()):
        return False  # a bare "qualify" in a contact's thread starts its discovery there
    with svc.uow() as uow:  # Slack sends a mention twice (and retries): answer once
        first = uow.events.first_time(team_id, key + ":cmd", svc.clock.now())
        uow.commit()
    if first:
        run_from_mention(svc, client, team_id=team_id, user_id=user, channel_id=channel, thread_ts=thread_ts, raw=rest)
    return True


def _reply_to_note(svc: Services, client: WebClient, note: notes.Noted | notes.WhichContact | None, team_id: str,
                   channel: str, thread_ts: str, tz: str) -> None:  # fmt: skip
    if note is None:
        return  # thread chatter ("thanks!"): nothing to keep, nothing to say
    if isinstance(note, notes.WhichContact):
        post(client, channel, *nblocks.which_contact(note), thread_ts=thread_ts)
        return
    post(client, channel, *nblocks.noted(note, tz), thread_ts=thread_ts)
    if note.evaluation is not None:
        announce(svc, client, note.evaluation.events)
    assert note.contact.id is not None
    refresh_card(svc, client, team_id, note.contact.id)


def _banter_thread(svc: Services, team_id: str, channel: str, thread_ts: str) -> bool:
    """Is this thread a contact's home (where discovery can run or start)? One read, no lock."""
    with svc.uow(readonly=True) as uow:
        return bool(uow.contacts.by_thread(team_id, channel, thread_ts))
