"""A workspace with Banter installed: its people, channels and DMs."""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable

from sandbox.fakeslack.state import Channel, Ids, User

APP_ID = "A0BANTER"


class Team:
    def __init__(self, team_id: str, name: str, *, bot_token: str | None, ids: Ids,
                 lock: threading.RLock, clock: Callable[[], float]) -> None:
        self.id = team_id
        self.name = name
        self.domain = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or team_id.lower()
        self.bot_token = bot_token or f"xoxb-{team_id}-{secrets.token_hex(8)}"
        self.bot_user_id = "U" + team_id[1:]
        self.bot_id = "B" + team_id[1:]
        self.app_id = APP_ID
        self.installed = True
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self._ids = ids
        self._lock = lock
        self._clock = clock
        self.bot_user = User(id=self.bot_user_id, team_id=team_id, name="banter", real_name="Banter", is_bot=True)
        self.users[self.bot_user.id] = self.bot_user

    def __repr__(self) -> str:
        return f"Team({self.id!r}, {self.name!r})"

    def add_user(self, name: str, *, real_name: str = "", tz: str = "America/Los_Angeles",
                 is_admin: bool = False, is_owner: bool = False, is_bot: bool = False, is_guest: bool = False,
                 id: str | None = None) -> User:
        with self._lock:
            user = User(id=id or self._ids.new("U"), team_id=self.id, name=name, real_name=real_name or name,
                        tz=tz, is_admin=is_admin, is_owner=is_owner, is_bot=is_bot, is_guest=is_guest)
            self.users[user.id] = user
            return user

    def add_channel(self, name: str, *, members: list[User] | None = None, private: bool = False,
                    bot_member: bool = True, id: str | None = None) -> Channel:
        with self._lock:
            channel = Channel(id=id or self._ids.new("G" if private else "C"), team_id=self.id,
                              name=name.lstrip("#"), is_private=private, created=int(self._clock()))
            channel.members = [u.id for u in members or []]
            if bot_member:
                channel.members.append(self.bot_user_id)
            self.channels[channel.id] = channel
            return channel

    def dm(self, user: User | str) -> Channel:
        """The IM channel between this person and the bot, opened on first use."""
        user_id = user if isinstance(user, str) else user.id
        with self._lock:
            for channel in self.channels.values():
                if channel.is_im and channel.im_user == user_id:
                    return channel
            channel = Channel(id=self._ids.new("D"), team_id=self.id, name=user_id, is_im=True,
                              im_user=user_id, members=[user_id, self.bot_user_id], created=int(self._clock()))
            self.channels[channel.id] = channel
            return channel

    def user(self, name_or_id: str) -> User:
        for user in self.users.values():
            if name_or_id in (user.id, user.name, user.real_name):
                return user
        raise KeyError(f"no user {name_or_id!r} in {self.name}")

    def channel(self, name_or_id: str) -> Channel:
        key = name_or_id.lstrip("#")
        for channel in self.channels.values():
            if key in (channel.id, channel.name) and not (channel.is_im and key == channel.name):
                return channel
        raise KeyError(f"no channel {name_or_id!r} in {self.name}")
