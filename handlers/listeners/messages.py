"""Mentions, direct messages and thread replies: logging contacts and answering discovery."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.services import discovery as discovery_service
from bot.services.contacts import LogContacts
from handlers.blocks.kit import section
from handlers.context import Services, channel_event, rep
from handlers.flows import HOW_TO_LOG, log_contacts, reply_with_cards, show_turn
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
    if in_thread:
        person = rep(svc, client, team_id, user)
        now = svc.clock.now()
        with svc.uow() as uow:
            if not uow.events.first_time(team_id, key, now):
                return
            turn = discovery_service.on_thread_message(uow, team_id, user, channel, thread_ts, text, ts, now, person.tz)
            uow.commit()
        if turn is not None:
            show_turn(svc, client, turn, team_id=team_id)
            return
        if not (mentioned or is_dm):
            return
        key = key + ":log"  # the thread had no discovery: a mention there logs contacts
    if not text or text.lower() in ("help", "hi", "hello", "hey"):
        with svc.uow() as uow:  # Slack sends a mention twice (and retries): greet once
            if not uow.events.first_time(team_id, key, svc.clock.now()):
                return
            uow.commit()
        hello = f"Hi <@{user}>! {HOW_TO_LOG} `/banter help` lists everything else."
        post(client, channel, hello, [section(hello)], thread_ts=thread_ts or ts)
        return
    person = rep(svc, client, team_id, user)
    cmd = LogContacts(
        team_id=team_id, user_id=user, text=text, channel_id=channel,
        channel_event=channel_event(svc, client, team_id, channel) if not is_dm else "",
        thread_ts=thread_ts or ts, tz=person.tz,  # the home thread is known before the card is posted
    )  # fmt: skip
    result = log_contacts(svc, cmd, event_key=key)
    if result is None:
        return  # already handled: a retry, or the other half of message + app_mention
    reply_with_cards(svc, client, result, team_id=team_id, channel=channel, thread_ts=thread_ts or ts)


def _banter_thread(svc: Services, team_id: str, channel: str, thread_ts: str) -> bool:
    """Is this thread a contact's home (where discovery can run or start)? One read, no lock."""
    with svc.uow(readonly=True) as uow:
        return bool(uow.contacts.by_thread(team_id, channel, thread_ts))
