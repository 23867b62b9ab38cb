"""response_url: where an app answers an interaction or a slash command later (ephemeral, in channel, replace)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sandbox.fakeslack.api_chat import post_bot_message, remove_message
from sandbox.fakeslack.blocks import validate_blocks, with_block_ids
from sandbox.fakeslack.state import Change, Ephemeral, Message
from sandbox.fakeslack.webapi import Answer

if TYPE_CHECKING:
    from sandbox.fakeslack.fake import FakeSlack

RESPONSE_URL_USES = 5  # Slack accepts five posts to one response_url


@dataclass
class ResponseContext:
    """Where a response_url's posts go: the channel, the person, and the message the action came from."""

    team_id: str
    channel_id: str
    user_id: str
    message_ts: str | None = None
    is_ephemeral: bool = False
    thread_ts: str | None = None
    uses: int = 0


def respond(fake: FakeSlack, key: str, raw: bytes) -> Answer:
    context = fake._response_urls.get(key)
    if context is None:
        return Answer(404, "no_active_hooks")
    context.uses += 1
    if context.uses > RESPONSE_URL_USES:
        return Answer(404, "used_url")
    try:
        body = json.loads(raw.decode() or "{}")
    except ValueError:
        return Answer(400, "invalid_payload")
    if validate_blocks(body.get("blocks")):
        return Answer(400, "invalid_blocks")
    _apply(fake, context, body)
    return Answer(200, {"ok": True})


def _apply(fake: FakeSlack, context: ResponseContext, body: dict[str, Any]) -> None:
    team = fake.teams[context.team_id]
    channel = team.channels[context.channel_id]
    text, blocks = body.get("text") or "", body.get("blocks") or []
    original = _original(fake, context)
    if body.get("delete_original"):
        if isinstance(original, Message):
            remove_message(fake, channel, original)
            fake._notify(Change("delete", team.id, channel.id, team.bot_user_id, original.ts, original))
        elif isinstance(original, Ephemeral):
            original.deleted = True
        return
    if body.get("replace_original") and original is not None:
        with fake._lock:
            original.text = text
            original.blocks = with_block_ids(blocks)
            if isinstance(original, Message):
                original.updates += 1
                original.edited = {"user": team.bot_user_id, "ts": fake._ts.next()}
        kind = "update" if isinstance(original, Message) else "ephemeral"
        fake._notify(Change(kind, team.id, channel.id, context.user_id, original.ts, original))
        return
    thread_ts = body.get("thread_ts") or context.thread_ts
    if body.get("response_type") == "in_channel":
        post_bot_message(fake, team, channel, text=text, blocks=blocks, thread_ts=thread_ts)
    else:
        fake._add_ephemeral(Ephemeral(ts=fake._ts.next(), team=team.id, channel=channel.id,
                                      user=context.user_id, text=text, blocks=with_block_ids(blocks),
                                      thread_ts=thread_ts, source="response_url"))


def _original(fake: FakeSlack, context: ResponseContext) -> Message | Ephemeral | None:
    if context.message_ts is None:
        return None
    if context.is_ephemeral:
        return next((e for e in fake._ephemerals if e.ts == context.message_ts), None)
    return fake.message(context.channel_id, context.message_ts)
