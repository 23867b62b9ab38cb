"""What the fake Slack remembers: teams, people, channels, messages, views, files, calls."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Ids:
    """Slack-looking ids, unique across every team of one fake."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def new(self, prefix: str) -> str:
        return f"{prefix}0{next(self._counter):08d}"


class TsClock:
    """Message timestamps from the injected clock, strictly increasing even within one microsecond."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            micros = max(round(self._clock() * 1_000_000), self._last + 1)
            self._last = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


@dataclass
class User:
    id: str
    team_id: str
    name: str
    real_name: str = ""
    tz: str = "America/Los_Angeles"
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    is_guest: bool = False  # a multi- or single-channel guest (Slack's is_restricted)
    deleted: bool = False

    @property
    def display_name(self) -> str:
        return self.name


@dataclass
class Message:
    ts: str
    channel: str
    team: str
    text: str = ""
    user: str | None = None
    bot_id: str | None = None
    app_id: str | None = None
    blocks: list[dict[str, Any]] = field(default_factory=list)
    metadata: dict[str, Any] | None = None
    thread_ts: str | None = None
    parent_user_id: str | None = None
    client_msg_id: str | None = None
    subtype: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    edited: dict[str, str] | None = None
    updates: int = 0
    replies: list[Message] = field(default_factory=list, repr=False)

    @property
    def reply_count(self) -> int:
        return len(self.replies)

    def to_api(self, *, include_metadata: bool = True) -> dict[str, Any]:
        """The message as Slack's Web API and payloads show it."""
        out: dict[str, Any] = {"type": "message", "ts": self.ts, "text": self.text, "team": self.team}
        for key in ("user", "bot_id", "app_id", "client_msg_id", "subtype", "thread_ts", "parent_user_id"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.blocks:
            out["blocks"] = self.blocks
        if self.files:
            out["files"] = self.files
        if self.edited:
            out["edited"] = self.edited
        if self.metadata is not None and include_metadata:
            out["metadata"] = self.metadata
        if self.replies:
            out["reply_count"] = len(self.replies)
            out["reply_users"] = sorted({r.user for r in self.replies if r.user})
            out["reply_users_count"] = len(out["reply_users"])
            out["latest_reply"] = self.replies[-1].ts
        return out


@dataclass
class Ephemeral:
    """Seen by one person only: from chat.postEphemeral, a response_url post, or a slash command's ack."""

    ts: str
    team: str
    channel: str
    user: str
    text: str = ""
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    source: str = "chat.postEphemeral"
    deleted: bool = False


@dataclass
class Channel:
    id: str
    team_id: str
    name: str
    is_private: bool = False
    is_im: bool = False
    im_user: str | None = None
    members: list[str] = field(default_factory=list)
    created: int = 0
    messages: list[Message] = field(default_factory=list)

    @property
    def channel_type(self) -> str:
        return "im" if self.is_im else "group" if self.is_private else "channel"

    def to_api(self, bot_user_id: str) -> dict[str, Any]:
        if self.is_im:
            return {"id": self.id, "created": self.created, "is_im": True, "is_org_shared": False,
                    "user": self.im_user, "is_user_deleted": False, "priority": 0}
        return {
            "id": self.id, "name": self.name, "name_normalized": self.name, "created": self.created,
            "is_channel": not self.is_private, "is_group": self.is_private, "is_im": False, "is_mpim": False,
            "is_private": self.is_private, "is_archived": False, "is_general": self.name == "general",
            "is_shared": False, "is_ext_shared": False, "is_org_shared": False,
            "is_member": bot_user_id in self.members, "num_members": len(self.members),
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
        }


@dataclass
class View:
    id: str
    team_id: str
    user_id: str
    type: str
    body: dict[str, Any]
    root_view_id: str
    previous_view_id: str | None = None
    hash: str = ""
    is_open: bool = True
    app_id: str = ""
    bot_id: str = ""

    def to_api(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "team_id": self.team_id, "type": self.type,
            "blocks": self.body.get("blocks", []),
            "private_metadata": self.body.get("private_metadata", ""),
            "callback_id": self.body.get("callback_id", ""),
            "state": {"values": {}}, "hash": self.hash,
            "title": self.body.get("title"), "clear_on_close": bool(self.body.get("clear_on_close", False)),
            "notify_on_close": bool(self.body.get("notify_on_close", False)),
            "close": self.body.get("close"), "submit": self.body.get("submit"),
            "previous_view_id": self.previous_view_id, "root_view_id": self.root_view_id,
            "app_id": self.app_id, "external_id": self.body.get("external_id", ""),
            "app_installed_team_id": self.team_id, "bot_id": self.bot_id,
        }
        return out


@dataclass
class FileUpload:
    id: str
    team_id: str
    filename: str
    length: int
    title: str = ""
    content: bytes | None = None
    channel: str | None = None
    initial_comment: str | None = None
    thread_ts: str | None = None
    message_ts: str | None = None
    completed: bool = False

    def to_api(self, created: int, user: str) -> dict[str, Any]:
        return {"id": self.id, "created": created, "name": self.filename, "title": self.title or self.filename,
                "mimetype": "application/octet-stream", "filetype": "binary", "user": user,
                "size": len(self.content or b""), "is_external": False, "is_public": True,
                "channels": [self.channel] if self.channel else []}


@dataclass(frozen=True)
class Call:
    """One Web API call as the fake saw it."""

    method: str
    args: dict[str, Any]
    token: str | None
    team: str | None
    response: dict[str, Any] | None
    status: int
    at: float


@dataclass(frozen=True)
class Change:
    """Something a person in Slack would see change: the terminal sandbox prints these."""

    kind: str  # post | update | delete | ephemeral | view_open | view_update | view_push | view_close | home | file
    team: str
    channel: str | None = None
    user: str | None = None
    ts: str | None = None
    item: Message | Ephemeral | View | FileUpload | None = None
