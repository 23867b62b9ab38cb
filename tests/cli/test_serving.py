"""`python app.py serve` as an operator runs it: HTTP and Socket Mode, against the fake Slack."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox.fakeslack import FakeSlack, HttpTarget, SocketModeTarget
from tests.harness import message_text

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float = 20.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def _env(slack: FakeSlack, db_url: str, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SLACK_BOT_TOKEN": slack.team.bot_token,
            "SLACK_SIGNING_SECRET": slack.signing_secret, "SLACK_API_URL": slack.api_url, "DATABASE_URL": db_url,
            "LOG_LEVEL": "WARNING", **extra}


@pytest.fixture
def served(slack: FakeSlack, db_url: str) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "serve", "--http", "--port", str(port)], cwd=ROOT,
                            env=_env(slack, db_url), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: http_status(base + "/healthz") == 200 or proc.poll() is not None)
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_http_mode_is_healthy_refuses_unsigned_requests_and_answers_a_mention_fast(served: str, slack: FakeSlack) -> None:
    with urllib.request.urlopen(served + "/healthz", timeout=2) as r:
        assert r.status == 200 and json.loads(r.read())["database"] == "reachable"
    ann = slack.team.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    sales = slack.team.add_channel("sales", members=[ann])
    target = HttpTarget(served + "/slack/events")
    with slack.signed(False):
        refused = slack.say(ann, sales, "@Banter Jane Doe, jane@acme.com", target=target)
    assert [d.status for d in refused.deliveries] == [401, 401]
    started = time.monotonic()
    said = slack.say(ann, sales, "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com", target=target)
    assert [d.status for d in said.deliveries] == [200, 200]
    assert time.monotonic() - started < 3.0
    wait_until(lambda: len(slack.thread(sales.id, said.ts)) == 2)
    assert "Jane Doe" in message_text(slack.thread(sales.id, said.ts)[1])


def test_socket_mode_acknowledges_and_handles_an_event_like_http(slack: FakeSlack, db_url: str) -> None:
    ann = slack.team.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    sales = slack.team.add_channel("sales", members=[ann])
    proc = subprocess.Popen([sys.executable, "app.py", "serve"], cwd=ROOT,
                            env=_env(slack, db_url, SLACK_APP_TOKEN=slack.app_token),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_until(lambda: slack.socket_mode.connected > 0 or proc.poll() is not None)
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        said = slack.say(ann, sales, "@Banter met Raj Patel, CTO, Globex GmbH, raj@globex.de", target=SocketModeTarget(slack))
        assert all(d.status == 200 for d in said.deliveries), said.deliveries
        wait_until(lambda: len(slack.thread(sales.id, said.ts)) == 2)
        assert "Raj Patel" in message_text(slack.thread(sales.id, said.ts)[1])
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_healthz_is_503_when_the_database_is_unreachable() -> None:
    from app import Banter
    from handlers.http import wsgi_app
    from storage.db import make_engine

    dead = Banter(config=None, app=None, svc=None, engine=make_engine("postgresql://postgres@127.0.0.1:1/none"), client=None)  # type: ignore[arg-type]
    assert dead.healthy() is False
    statuses: list[str] = []
    body = wsgi_app(object(), dead.healthy)({"PATH_INFO": "/healthz", "REQUEST_METHOD": "GET"},  # type: ignore[arg-type]
                                            lambda status, headers: statuses.append(status))
    assert statuses == ["503 Service Unavailable"] and b"unreachable" in b"".join(body)
