"""The world an end-to-end test runs in: the fake Slack, the real Bolt app, a real database, a clock."""

from __future__ import annotations

import csv
import io
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app import Banter, build
from bot.export import write_csv
from handlers.executor import ListenerExecutor
from sandbox.fakeslack import BoltTarget, Channel, FakeSlack, Message, User
from settings import Config

START = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # a Monday afternoon in Europe, morning in California


class MovableClock:
    def __init__(self, start: datetime = START) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = when


TrackingExecutor = ListenerExecutor


@dataclass
class World:
    slack: FakeSlack
    banter: Banter
    clock: MovableClock
    executor: TrackingExecutor
    db_url: str
    users: dict[str, User] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)

    # -- people
    @property
    def ann(self) -> User:
        return self.users["ann"]

    @property
    def bob(self) -> User:
        return self.users["bob"]

    @property
    def boss(self) -> User:
        return self.users["boss"]

    def ch(self, name: str) -> Channel:
        return self.channels[name]

    # -- what Banter said
    def replies(self, channel: Channel | str, ts: str) -> list[Message]:
        cid = channel if isinstance(channel, str) else channel.id
        return [m for m in self.slack.thread(cid, ts)[1:] if m.bot_id]

    def bot_messages(self, channel: Channel) -> list[Message]:
        return [m for m in channel.messages if m.bot_id]

    def ephemeral_texts(self, user: User) -> list[str]:
        return [e.text + " " + _blocks_text(e.blocks) for e in self.slack.ephemerals(user=user)]

    # -- the data
    def export(self) -> list[dict[str, str]]:
        with self.banter.svc.uow() as uow:  # type: ignore[attr-defined]
            contacts = uow.contacts.all()
            answers = uow.answers.current_many(self.slack.team.id, [c.id for c in contacts])
        out = io.StringIO()
        write_csv(out, contacts, answers)
        return list(csv.DictReader(io.StringIO(out.getvalue())))

    def uow(self):  # noqa: ANN201
        return self.banter.svc.uow()  # type: ignore[attr-defined]

    def errors(self) -> list[BaseException]:
        return self.executor.errors


def _blocks_text(blocks: list[dict[str, Any]]) -> str:
    """Every piece of text in some blocks, for assertions about what a person reads."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text") and isinstance(node.get("text"), str):
                out.append(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(blocks)
    return "\n".join(out)


blocks_text = _blocks_text


def message_text(m: Message) -> str:
    return (m.text or "") + "\n" + _blocks_text(m.blocks or [])


def quiet_homes(banter: Any) -> None:
    """Home refreshes published as they happen, inside the request the test waits for: none left on a timer
    to fire after the test's fake Slack has stopped (their coalescing is tested in tests/unit)."""
    banter.svc.homes.every = 0.0


def make_world(db_url: str, *, admins: frozenset[str] = frozenset()) -> World:
    clock = MovableClock()
    slack = FakeSlack(clock=lambda: clock.now().timestamp()).start()
    team = slack.team
    users = {
        "ann": team.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin"),
        "bob": team.add_user("bob", real_name="Bob Stone", tz="America/New_York"),
        "boss": team.add_user("boss", real_name="Mia Boss", tz="Europe/Berlin", is_admin=True),
    }
    everyone = list(users.values())
    channels = {
        name: team.add_channel(name, members=everyone)
        for name in ("saastr-2026", "sales", "prospect-alerts", "random")
    }
    executor = TrackingExecutor()
    config = Config(
        bot_token=team.bot_token, signing_secret=slack.signing_secret, api_url=slack.api_url,
        database_url=db_url, admins=admins,
    )  # fmt: skip
    banter = build(config, clock=clock, listener_executor=executor)
    quiet_homes(banter)
    slack.target = BoltTarget(banter.app, wait_idle=executor.wait_idle)
    return World(slack, banter, clock, executor, db_url, users, channels)
