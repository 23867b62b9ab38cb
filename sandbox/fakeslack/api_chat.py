"""chat.* Web API methods, and the one place a bot message is stored (also used by response_url and files)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sandbox.fakeslack.blocks import validate_blocks, with_block_ids
from sandbox.fakeslack.state import Change, Channel, Ephemeral, Message
from sandbox.fakeslack.webapi import ApiError, ApiRequest, Method

if TYPE_CHECKING:
    from sandbox.fakeslack.fake import FakeSlack
    from sandbox.fakeslack.team import Team

MAX_TEXT = 40_000


def resolve_channel(team: Team, value: Any) -> Channel:
    """A channel id, a #name, or a user id (Slack posts to that person's DM with the bot)."""
    if not value:
        raise ApiError("channel_not_found")
    key = str(value)
    if key in team.channels:
        return team.channels[key]
    if key in team.users and not team.users[key].is_bot:
        return team.dm(key)
    if key.startswith("#"):
        for channel in team.channels.values():
            if not channel.is_im and channel.name == key[1:]:
                return channel
    raise ApiError("channel_not_found")


def check_content(text: Any, blocks: Any, *, surface_error: str = "invalid_blocks", require: bool = True) -> None:
    if require and not text and not blocks:
        raise ApiError("no_text")
    if text and len(str(text)) > MAX_TEXT:
        raise ApiError("msg_too_long")
    errors = validate_blocks(blocks)
    if errors:
        raise ApiError(surface_error, messages=errors, errors=[e.removeprefix("[ERROR] ") for e in errors])


def post_bot_message(fake: FakeSlack, team: Team, channel: Channel, *, text: str, blocks: list[dict[str, Any]],
                     thread_ts: str | None = None, metadata: dict[str, Any] | None = None,
                     files: list[dict[str, Any]] | None = None, broadcast: bool = False) -> Message:
    with fake._lock:
        parent = None
        if thread_ts:
            parent = fake.message(channel.id, thread_ts)
            if parent is None:
                raise ApiError("thread_not_found")
            if parent.thread_ts and parent.thread_ts != parent.ts:  # a reply's ts threads under its parent
                parent = fake.message(channel.id, parent.thread_ts) or parent
        message = Message(ts=fake._ts.next(), channel=channel.id, team=team.id, text=text or "",
                          user=team.bot_user_id, bot_id=team.bot_id, app_id=team.app_id,
                          blocks=with_block_ids(blocks or []), metadata=metadata, files=files or [])
        store_message(fake, channel, message, parent, broadcast=broadcast)
    fake._notify(Change("post", team.id, channel.id, team.bot_user_id, message.ts, message))
    fake._echo(team, channel, message)
    return message


def store_message(fake: FakeSlack, channel: Channel, message: Message, parent: Message | None,
                  *, broadcast: bool = False) -> None:
    if parent is not None:
        message.thread_ts = parent.ts
        message.parent_user_id = parent.user
        parent.thread_ts = parent.ts
        parent.replies.append(message)
        if broadcast:
            message.subtype = "thread_broadcast"
            channel.messages.append(message)
    else:
        channel.messages.append(message)
    fake._index[(channel.id, message.ts)] = message


def _channel_for_bot(req: ApiRequest) -> tuple[Team, Channel]:
    team = req.team
    assert team is not None
    channel = resolve_channel(team, req.arg("channel"))
    if team.bot_user_id not in channel.members:
        raise ApiError("not_in_channel")
    return team, channel


def post_message(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team, channel = _channel_for_bot(req)
    text, blocks = req.arg("text", ""), req.arg("blocks", [])
    if req.arg("attachments") and not text and not blocks:
        text = " "  # attachments alone are accepted; Banter does not use them
    check_content(text, blocks)
    message = post_bot_message(fake, team, channel, text=text, blocks=blocks,
                               thread_ts=req.arg("thread_ts"), metadata=req.arg("metadata"),
                               broadcast=req.flag("reply_broadcast"))
    return {"ok": True, "channel": channel.id, "ts": message.ts, "message": message.to_api()}


def _own_message(fake: FakeSlack, req: ApiRequest, refuse: str) -> tuple[Team, Channel, Message]:
    team = req.team
    assert team is not None
    channel = resolve_channel(team, req.arg("channel"))
    message = fake.message(channel.id, str(req.arg("ts", "")))
    if message is None:
        raise ApiError("message_not_found")
    if message.bot_id != team.bot_id:
        raise ApiError(refuse)
    return team, channel, message


def update(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team, channel, message = _own_message(fake, req, "cant_update_message")
    text, blocks = req.args.get("text"), req.args.get("blocks")
    check_content(text, blocks, require=False)
    with fake._lock:
        if text is not None:
            message.text = text
        if blocks is not None:
            message.blocks = with_block_ids(blocks)
        if req.arg("metadata") is not None:
            message.metadata = req.arg("metadata")
        message.updates += 1
        message.edited = {"user": team.bot_user_id, "ts": fake._ts.next()}
    fake._notify(Change("update", team.id, channel.id, team.bot_user_id, message.ts, message))
    return {"ok": True, "channel": channel.id, "ts": message.ts, "text": message.text, "message": message.to_api()}


def delete(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team, channel, message = _own_message(fake, req, "cant_delete_message")
    remove_message(fake, channel, message)
    fake._notify(Change("delete", team.id, channel.id, team.bot_user_id, message.ts, message))
    return {"ok": True, "channel": channel.id, "ts": message.ts}


def remove_message(fake: FakeSlack, channel: Channel, message: Message) -> None:
    with fake._lock:
        if message in channel.messages:
            channel.messages.remove(message)
        if message.thread_ts and message.thread_ts != message.ts:
            parent = fake.message(channel.id, message.thread_ts)
            if parent is not None and message in parent.replies:
                parent.replies.remove(message)
        fake._index.pop((channel.id, message.ts), None)


def post_ephemeral(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team, channel = _channel_for_bot(req)
    user = str(req.arg("user", ""))
    if user not in team.users:
        raise ApiError("user_not_found")
    if user not in channel.members:
        raise ApiError("user_not_in_channel")
    check_content(req.arg("text", ""), req.arg("blocks", []))
    ephemeral = Ephemeral(ts=fake._ts.next(), team=team.id, channel=channel.id, user=user,
                          text=req.arg("text", ""), blocks=with_block_ids(req.arg("blocks", [])),
                          thread_ts=req.arg("thread_ts"))
    fake._add_ephemeral(ephemeral)
    return {"ok": True, "message_ts": ephemeral.ts}


def get_permalink(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    assert req.team is not None
    channel = resolve_channel(req.team, req.arg("channel"))
    message = fake.message(channel.id, str(req.arg("message_ts", "")))
    if message is None:
        raise ApiError("message_not_found")
    link = f"https://fake.slack.com/archives/{channel.id}/p{message.ts.replace('.', '')}"
    if message.thread_ts and message.thread_ts != message.ts:
        link += f"?thread_ts={message.thread_ts}&cid={channel.id}"
    return {"ok": True, "channel": channel.id, "permalink": link}


METHODS: dict[str, Method] = {
    "chat.postMessage": post_message,
    "chat.update": update,
    "chat.delete": delete,
    "chat.postEphemeral": post_ephemeral,
    "chat.getPermalink": get_permalink,
}
