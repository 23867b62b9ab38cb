"""Worlds for the reliability suite: one workspace on SQLite (Slack faults do not depend on the database),
and two workspaces installed side by side through the OAuth stores, on every database backend."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.oauth.installation_store import Installation

from app import Banter, build
from handlers import oauth
from sandbox.fakeslack import BoltTarget, Channel, FakeSlack, Team, User
from settings import Config
from tests.harness import MovableClock, TrackingExecutor, World, make_world, quiet_homes

_MENTIONS = ("<!channel", "<!here", "<!everyone", "<!subteam")


@pytest.fixture
def sqlite_world(tmp_path: Path, sqlite_template: Path) -> Iterator[World]:
    path = tmp_path / "banter.db"
    shutil.copy(sqlite_template, path)
    w = make_world(f"sqlite:///{path}")
    yield w
    w.slack.stop()
    w.executor.shutdown(wait=True)
    w.banter.engine.dispose()  # type: ignore[attr-defined]


@dataclass
class TwoTeams:
    """Acme (ann, a rep; bob, another rep) and Rival (eve, an admin there), both with Banter installed."""

    slack: FakeSlack
    banter: Banter
    executor: TrackingExecutor
    acme: Team
    rival: Team
    ann: User
    bob: User
    eve: User
    sales: Channel
    rival_sales: Channel

    def uow(self):  # noqa: ANN201
        return self.banter.svc.uow()  # type: ignore[attr-defined]


@contextmanager
def _two_teams(db_url: str) -> Iterator[TwoTeams]:
    clock = MovableClock()
    slack = FakeSlack(clock=lambda: clock.now().timestamp()).start()
    acme = slack.team
    rival = slack.add_team("T0RIVAL", "Rival Inc")
    ann = acme.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    bob = acme.add_user("bob", real_name="Bob Stone", tz="America/New_York")
    eve = rival.add_user("eve", real_name="Eve Rival", tz="Europe/London", is_admin=True)
    sales = acme.add_channel("sales", members=[ann, bob])
    rival_sales = rival.add_channel("sales", members=[eve])
    executor = TrackingExecutor()
    config = Config(signing_secret=slack.signing_secret, api_url=slack.api_url, database_url=db_url,
                    client_id=slack.client_id, client_secret=slack.client_secret)  # fmt: skip
    banter = build(config, clock=clock, listener_executor=executor)
    quiet_homes(banter)
    store = oauth.installation_store(config.client_id, banter.engine)  # type: ignore[arg-type]
    for team in (acme, rival):
        store.save(Installation(app_id=team.app_id, team_id=team.id, bot_token=team.bot_token, bot_id=team.bot_id,
                                bot_user_id=team.bot_user_id, user_id=team.bot_user_id, bot_scopes=slack.scopes))  # fmt: skip
    slack.target = BoltTarget(banter.app, wait_idle=executor.wait_idle)
    try:
        yield TwoTeams(slack, banter, executor, acme, rival, ann, bob, eve, sales, rival_sales)
    finally:
        slack.stop()
        executor.shutdown(wait=True)
        banter.engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture
def two_teams(tmp_path: Path, sqlite_template: Path) -> Iterator[TwoTeams]:
    """On SQLite: the many one-case-each tests; the sweep on every database uses `two_teams_every_db`."""
    path = tmp_path / "banter.db"
    shutil.copy(sqlite_template, path)
    with _two_teams(f"sqlite:///{path}") as t:
        yield t


@pytest.fixture
def two_teams_every_db(db_url: str) -> Iterator[TwoTeams]:
    with _two_teams(db_url) as t:
        yield t


# ---------------------------------------------------------------- what Banter said, everywhere


def walk_texts(node: Any, kinds: tuple[str, ...] = ("mrkdwn",)) -> list[str]:
    """Every text object of these kinds in some blocks or a view."""
    out: list[str] = []
    if isinstance(node, dict):
        if node.get("type") in kinds and isinstance(node.get("text"), str):
            out.append(node["text"])
        for value in node.values():
            out.extend(walk_texts(value, kinds))
    elif isinstance(node, list):
        for value in node:
            out.extend(walk_texts(value, kinds))
    return out


def said_as_mrkdwn(slack: FakeSlack) -> list[str]:
    """What Slack reads as mrkdwn in everything Banter sent: Web API calls (fallback text, blocks, views)
    and what reached people through response_url (ephemerals)."""
    texts: list[str] = []
    for call in list(slack.calls):
        if call.method.startswith(("chat.", "views.")):
            if isinstance(call.args.get("text"), str):
                texts.append(call.args["text"])
            texts += walk_texts(call.args.get("blocks")) + walk_texts(call.args.get("view"))
    for e in slack.ephemerals():
        texts += [e.text, *walk_texts(e.blocks)]
    return texts


def special_mentions(slack: FakeSlack, forged_user: str = "") -> list[str]:
    """Texts that would ping a crowd (or a person named only in someone's words)."""
    bad = [t for t in said_as_mrkdwn(slack) if any(m in t for m in _MENTIONS)]
    if forged_user:
        bad += [t for t in said_as_mrkdwn(slack) if f"<@{forged_user}" in t]
    return bad


def refused_calls(slack: FakeSlack) -> list[tuple[str, Any]]:
    return [(c.method, (c.response or {}).get("error") or c.status) for c in list(slack.calls)
            if c.response is not None and not c.response.get("ok")]  # fmt: skip


class ResponseUrlLog:
    """The fake's answers to Banter's response_url posts (they are not Web API calls, so not in slack.calls)."""

    def __init__(self, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[tuple[int, Any]] = []
        original = slack._respond

        def recording(key: str, raw: bytes):  # noqa: ANN202
            answer = original(key, raw)
            self.answers.append((answer.status, answer.body))
            return answer

        monkeypatch.setattr(slack, "_respond", recording)

    def refused(self) -> list[tuple[int, Any]]:
        return [a for a in self.answers if a[0] != 200]


@pytest.fixture
def response_urls(monkeypatch: pytest.MonkeyPatch) -> Any:
    return lambda slack: ResponseUrlLog(slack, monkeypatch)
