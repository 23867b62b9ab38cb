"""People acting in the fake Slack: typing messages, slash commands, opening Home, and raw events to the app."""

from __future__ import annotations

import json
import re
import secrets
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from sandbox.fakeslack.api_chat import post_bot_message, store_message
from sandbox.fakeslack.blocks import with_block_ids
from sandbox.fakeslack.payloads import event_envelope, slash_form
from sandbox.fakeslack.sender import FORM, JSON, Delivered, Signing, Target, signed_headers
from sandbox.fakeslack.state import Change, Channel, Ephemeral, Ids, Message, TsClock, User
from sandbox.fakeslack.text import rewrite

if TYPE_CHECKING:
    from sandbox.fakeslack.responses import ResponseContext
    from sandbox.fakeslack.team import Team

MAX_ECHO_ROUNDS = 200


@dataclass
class Said:
    """A message a person typed: where it is stored and what the app answered to each event about it."""

    ts: str
    message: Message
    deliveries: list[Delivered] = field(default_factory=list)


class People:
    # provided by FakeSlack
    signing_secret: str
    signing: Signing
    clock: Callable[[], float]
    ids: Ids
    teams: dict[str, Team]
    target: Target | None
    _lock: threading.RLock
    _ts: TsClock
    _echoes: deque[tuple[Team, dict[str, Any]]]
    _triggers: dict[str, tuple[str, str, float]]

    def message(self, channel_id: str, ts: str) -> Message | None: ...
    def _notify(self, change: Change) -> None: ...
    def _add_ephemeral(self, ephemeral: Ephemeral) -> None: ...
    def _issue_response_url(self, context: ResponseContext) -> str: ...

    _local = threading.local()

    # --- delivery ----------------------------------------------------------------------------------
    @contextmanager
    def signed(self, sign: bool = True, *, secret: str | None = None, timestamp: int | None = None) -> Iterator[None]:
        """Deliveries inside this block are unsigned, signed with another secret, or carry an old timestamp."""
        previous, self.signing = self.signing, Signing(sign, secret, timestamp)
        try:
            yield
        finally:
            self.signing = previous

    def _target(self, target: Target | None) -> Target:
        chosen = target or self.target
        if chosen is None:
            raise ValueError("pass target= or set slack.target")
        return chosen

    def send_raw(self, body: str, content_type: str, *, target: Target | None = None,
                 extra_headers: dict[str, str] | None = None) -> Delivered:
        """Sign (per `signed()`) and deliver one request, then deliver the bot-message echoes it caused."""
        chosen = self._target(target)
        headers = signed_headers(body, content_type, self.signing_secret, self.signing) | (extra_headers or {})
        outermost = not getattr(self._local, "delivering", False)
        self._local.delivering = True
        try:
            delivered = chosen.send(body, headers)
        finally:
            self._local.delivering = not outermost
        if outermost:
            self.drain(chosen)
        return delivered

    def drain(self, target: Target | None = None) -> list[Delivered]:
        """Deliver queued `message` events about the bot's own posts until none are left."""
        delivered: list[Delivered] = []
        for _ in range(MAX_ECHO_ROUNDS):
            with self._lock:
                if not self._echoes:
                    return delivered
                team, event = self._echoes.popleft()
            delivered.append(self.deliver_event(event, team=team, target=target))
        raise AssertionError(f"the bot kept answering its own messages ({MAX_ECHO_ROUNDS} rounds)")

    def deliver_event(self, event: dict[str, Any], *, team: Team | None = None, event_id: str | None = None,
                      retry_num: int | None = None, retry_reason: str | None = None,
                      target: Target | None = None) -> Delivered:
        """Any Events API event (member_joined_channel, message_changed, app_uninstalled, ...), wrapped and signed."""
        team = team or next(iter(self.teams.values()))
        envelope = event_envelope(team, event, event_id or self.ids.new("Ev"), int(self.clock()))
        extra = {}
        if retry_num is not None:
            extra = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason or "http_timeout"}
        delivered = self.send_raw(json.dumps(envelope), JSON, target=target, extra_headers=extra)
        delivered.team_id = team.id
        return delivered

    def redeliver(self, delivered: Delivered, *, retry_num: int = 1, retry_reason: str = "http_timeout",
                  target: Target | None = None) -> Delivered:
        """Slack's retry of an earlier request: the same body (same event_id), freshly signed, with retry headers."""
        content_type = delivered.request_headers.get("Content-Type", JSON)
        return self.send_raw(delivered.request_body, content_type, target=target, extra_headers={
            "X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason})

    # --- people ------------------------------------------------------------------------------------
    def _team_of(self, user: User) -> Team:
        return self.teams[user.team_id]

    def _issue_trigger(self, team: Team, user: User) -> str:
        trigger = f"{int(self.clock())}.{secrets.randbelow(10**12)}.{secrets.token_hex(16)}"
        with self._lock:
            self._triggers[trigger] = (team.id, user.id, self.clock())
        return trigger

    @staticmethod
    def _names(team: Team) -> dict[str, str]:
        names: dict[str, str] = {}
        for user in team.users.values():
            for name in (user.name, user.real_name, user.display_name):
                if name:
                    names.setdefault(name.lower(), user.id)
        return names

    def say(self, user: User, channel: Channel, text: str, *, thread_ts: str | None = None,
            target: Target | None = None) -> Said:
        """A person types `text` in `channel` (or in a thread) the way Slack's client sends it."""
        team = self._team_of(user)
        if user.id not in channel.members:
            raise AssertionError(f"{user.name} is not a member of {channel.name}: Slack would not let them post")
        typed = rewrite(text, users=self._names(team),
                        channels={c.name: c.id for c in team.channels.values() if not c.is_im})
        with self._lock:
            parent = self.message(channel.id, thread_ts) if thread_ts else None
            if thread_ts and parent is None:
                raise AssertionError(f"no message {thread_ts} in {channel.name} to reply to")
            message = Message(ts=self._ts.next(), channel=channel.id, team=team.id, text=typed.text, user=user.id,
                              client_msg_id=str(uuid.uuid4()), blocks=[typed.rich_text_block()])
            store_message(self, channel, message, parent)  # type: ignore[arg-type]
        self._notify(Change("post", team.id, channel.id, user.id, message.ts, message))
        said = Said(message.ts, message)
        if team.bot_user_id not in channel.members:
            return said  # Slack tells an app only about channels it is in
        event = {**message.to_api(), "channel": channel.id, "event_ts": message.ts,
                 "channel_type": channel.channel_type}
        chosen = self._target(target)
        said.deliveries.append(self.deliver_event(event, team=team, target=chosen))
        if team.bot_user_id in typed.mentions and not channel.is_im:
            # Slack sends app_mention as well, with the same client_msg_id and its own event_id.
            mention = {k: v for k, v in event.items() if k not in ("channel_type", "reply_count", "reply_users",
                                                                    "reply_users_count", "latest_reply")}
            said.deliveries.append(self.deliver_event({**mention, "type": "app_mention"}, team=team, target=chosen))
        return said

    def slash(self, user: User, channel: Channel, text: str = "", command: str = "/banter", *,
              target: Target | None = None) -> Delivered:
        from sandbox.fakeslack.responses import ResponseContext

        team = self._team_of(user)
        response_url = self._issue_response_url(ResponseContext(team.id, channel.id, user.id))
        # Banter's manifest asks Slack to escape channels, users and links in its command's text.
        escaped = rewrite(text, users=self._names(team),
                          channels={c.name: c.id for c in team.channels.values() if not c.is_im}).text
        # ...where, unlike in messages, people come with their names: <@U123|ann>.
        escaped = re.sub(r"<@([UW][A-Z0-9]+)>", lambda m: f"<@{m.group(1)}|{team.users[m.group(1)].name}>"
                         if m.group(1) in team.users else m.group(0), escaped)
        form = slash_form(team, user, channel, command, escaped, response_url, self._issue_trigger(team, user))
        delivered = self.send_raw(urlencode(form), FORM, target=target)
        delivered.team_id = team.id
        self._show_ack_message(team, channel, user, delivered)
        return delivered

    def _show_ack_message(self, team: Team, channel: Channel, user: User, delivered: Delivered) -> None:
        """A slash command's ack may carry a message: Slack shows it to the person, or to the channel."""
        body = delivered.json if isinstance(delivered.json, dict) else (
            {"text": delivered.body} if delivered.ok and delivered.body.strip() else None)
        if not body or not (body.get("text") or body.get("blocks")):
            return
        if body.get("response_type") == "in_channel":
            post_bot_message(self, team, channel, text=body.get("text", ""), blocks=body.get("blocks") or [])  # type: ignore[arg-type]
            return
        self._add_ephemeral(Ephemeral(ts=self._ts.next(), team=team.id, channel=channel.id, user=user.id,
                                      text=body.get("text", ""), blocks=with_block_ids(body.get("blocks") or []),
                                      source="slash_ack"))

    def open_home(self, user: User, *, target: Target | None = None) -> Delivered:
        team = self._team_of(user)
        event: dict[str, Any] = {"type": "app_home_opened", "user": user.id, "channel": team.dm(user).id,
                                 "tab": "home", "event_ts": self._ts.next()}
        home = getattr(self, "home")(user, team)  # noqa: B009 - defined on FakeSlack
        if home is not None:
            event["view"] = home.to_api()
        return self.deliver_event(event, team=team, target=target)
