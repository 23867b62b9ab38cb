"""The sandbox workspace: the fake Slack, the real Banter app on its own SQLite file, and a movable clock.

The conversation itself (channels, messages, threads, the clock) is kept next to the database in a JSON
file, so a later `python app.py sandbox` picks up where the last one stopped, buttons included.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import zlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from handlers.executor import ListenerExecutor
from sandbox.fakeslack import BoltTarget, Channel, FakeSlack, Message, User
from sandbox.fakeslack.api_chat import store_message

DEFAULT_DB = "data/sandbox.db"
TEAM_NAME = "Acme Sales"
# A Monday afternoon at the show (16:00 in Berlin): a fixed start makes the demo read the same every time.
DEMO_START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)

PEOPLE = (  # handle, id, real name, time zone, admin
    ("ann", "U0ANNLEE1", "Ann Lee", "Europe/Berlin", False),
    ("bob", "U0BOBSTN1", "Bob Stone", "America/New_York", False),
    ("mia", "U0MIABSS1", "Mia Boss", "Europe/Berlin", True),
)
CHANNELS = (("saastr-2026", "C0SAASTR1"), ("sales", "C0SALES01"), ("prospect-alerts", "C0ALERTS1"))


def sandbox_db_path() -> Path:
    return Path(os.environ.get("BANTER_SANDBOX_DB") or DEFAULT_DB)


class SandboxClock:
    """Banter's clock in the sandbox: wall time passes, and `/clock` moves it on."""

    def __init__(self, start: datetime) -> None:
        self._offset = start - datetime.now(UTC)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> datetime:
        with self._lock:
            self._offset += delta
        return self.now()


@dataclass
class World:
    slack: FakeSlack
    banter: Any  # app.Banter
    clock: SandboxClock
    executor: ListenerExecutor
    db_path: Path
    people: dict[str, User] = field(default_factory=dict)
    fresh: bool = True

    @property
    def team(self) -> Any:
        return self.slack.team

    def channel(self, name: str) -> Channel:
        return self.team.channel(name)

    def channels(self) -> list[Channel]:
        return [c for c in self.team.channels.values() if not c.is_im]

    def person(self, name: str) -> User:
        return self.people[name.lstrip("@").lower()]

    def dm(self, user: User) -> Channel:
        return self.team.dm(user)

    def add_channel(self, name: str) -> Channel:
        members = list(self.people.values())
        return self.team.add_channel(name, members=members, id="C0" + format(zlib.crc32(name.encode()) % 16**7, "07X"))

    def wait_idle(self) -> None:
        self.executor.wait_idle()

    def tick(self, at: datetime) -> None:
        """One pass of Banter's schedule (digests, discovery reminders) as at `at`."""
        from handlers import scheduler

        scheduler.tick(self.banter.svc, self.banter.client_for, at)
        self.slack.drain()
        self.wait_idle()

    def save(self) -> None:
        """Keep the conversation and the clock next to the database, for the next session."""
        state = {
            "now": self.clock.now().isoformat(),
            "channels": [
                {"id": c.id, "name": c.name, "is_im": c.is_im, "im_user": c.im_user,
                 "messages": [_message_json(m) for m in c.messages if not (m.thread_ts and m.thread_ts != m.ts)]}
                for c in self.team.channels.values()
            ],
        }  # fmt: skip
        _state_path(self.db_path).write_text(json.dumps(state), encoding="utf-8")

    def close(self) -> None:
        try:
            self.save()
        finally:
            self.slack.stop()
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.banter.engine.dispose()


def _state_path(db_path: Path) -> Path:
    return db_path.with_suffix(".slack.json")


def _message_json(m: Message) -> dict[str, Any]:
    out = asdict(m)
    out["replies"] = [_message_json(r) for r in m.replies]
    return out


def _message_from(d: dict[str, Any]) -> Message:
    replies = d.pop("replies", [])
    message = Message(**d)
    message.replies = [_message_from(r) for r in replies]
    return message


def reset(db_path: Path) -> None:
    for path in (db_path, _state_path(db_path), Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        path.unlink(missing_ok=True)


def open_world(db_path: Path | None = None, *, start: datetime | None = None, fresh: bool = False) -> World:
    """The sandbox workspace on `db_path`; `fresh` empties it first. `start` sets the clock of a new sandbox."""
    from app import build, warm_up_in_background
    from settings import Config

    db_path = db_path or sandbox_db_path()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        reset(db_path)
    state_file = _state_path(db_path)
    saved = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() and db_path.is_file() else None
    is_new = saved is None
    if saved is not None:
        start = datetime.fromisoformat(saved["now"])
    clock = SandboxClock(start or datetime.now(UTC).replace(microsecond=0))
    slack = FakeSlack(clock=lambda: clock.now().timestamp()).start()
    team = slack.team
    people = {h: team.add_user(h, real_name=n, tz=tz, is_admin=admin, id=uid) for h, uid, n, tz, admin in PEOPLE}
    for name, cid in CHANNELS:
        team.add_channel(name, members=list(people.values()), id=cid)
    for i, user in enumerate(people.values()):  # DMs with fixed ids, so saved conversations find them again
        team.channels[f"D0SBDM{i:03d}"] = Channel(id=f"D0SBDM{i:03d}", team_id=team.id, name=user.id, is_im=True,
                                                  im_user=user.id, members=[user.id, team.bot_user_id])
    executor = ListenerExecutor()
    config = Config(bot_token=team.bot_token, signing_secret=slack.signing_secret, api_url=slack.api_url,
                    database_url=f"sqlite:///{db_path}", log_level="WARNING")  # fmt: skip
    logging.getLogger("banter").setLevel(logging.WARNING)
    banter = build(config, clock=clock, listener_executor=executor)
    warm_up_in_background()  # while the welcome prints, before the first message is typed
    banter.svc.homes.every = 0.0  # one person typing: each Home refresh shows as it happens, none arrives later
    slack.target = BoltTarget(banter.app, wait_idle=executor.wait_idle)
    world = World(slack, banter, clock, executor, db_path, people, fresh=is_new)
    if saved is not None:
        _restore(world, saved)
    return world


def _restore(world: World, saved: dict[str, Any]) -> None:
    team = world.team
    for ch in saved.get("channels", []):
        channel = team.channels.get(ch["id"])
        if channel is None:
            if ch["is_im"]:
                continue
            channel = team.add_channel(ch["name"], members=list(world.people.values()), id=ch["id"])
        for d in ch["messages"]:
            message = _message_from(d)
            replies, message.replies = message.replies, []
            store_message(world.slack, channel, message, None)
            for reply in replies:
                store_message(world.slack, channel, reply, message)


def set_up_workspace(world: World) -> list[str]:
    """What an admin did on day one: alerts to #prospect-alerts, the digest to #sales every morning at 09:00.

    When it is already past 09:00 in Berlin, that was done earlier today and this morning's digest went out,
    so the first digest the sandbox shows is tomorrow's, as it would be in a workspace that has been running.
    """
    mia, sales = world.person("mia"), world.channel("sales")
    commands = ["alerts #prospect-alerts", "digest subscribe #sales 09:00 Europe/Berlin daily"]
    now = world.clock.now()
    local = now.astimezone(ZoneInfo("Europe/Berlin"))
    nine = local.replace(hour=9, minute=0, second=0, microsecond=0)
    earlier = local > nine
    if earlier:
        world.clock.advance(nine - timedelta(minutes=5) - local)
    for command in commands:
        world.slack.slash(mia, sales, command)
    world.wait_idle()
    if earlier:
        world.tick(world.clock.advance(timedelta(minutes=5)))
        world.clock.advance(now - world.clock.now())
    return [f"/banter {c}" for c in commands]
