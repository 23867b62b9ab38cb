"""The fake drives a real Bolt App in-process, over HTTP and over Socket Mode."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from slack_bolt import App, Say
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from sandbox.fakeslack import BoltTarget, Channel, FakeSlack, HttpTarget, SocketModeTarget, User


def echo_app(slack: FakeSlack, *, process_before_response: bool = True) -> App:
    app = App(token=slack.team.bot_token, signing_secret=slack.signing_secret,
              client=WebClient(token=slack.team.bot_token, base_url=slack.api_url),
              process_before_response=process_before_response)

    @app.event("app_mention")
    def answer(event: dict[str, Any], say: Say) -> None:
        say("ok", thread_ts=event["ts"])

    @app.event("message")
    def ignore(ack: Callable[[], None]) -> None:
        ack()

    return app


def _replies(slack: FakeSlack, channel: Channel, ts: str) -> list[str]:
    return [m.text for m in slack.thread(channel.id, ts)[1:]]


def test_a_mention_gets_ok_in_its_thread_through_bolt_in_process(slack: FakeSlack, sales: Channel, ann: User) -> None:
    said = slack.say(ann, sales, "@Banter hello", target=BoltTarget(echo_app(slack)))
    assert [d.status for d in said.deliveries] == [200, 200]
    assert _replies(slack, sales, said.ts) == ["ok"]


def test_bolt_refuses_a_forged_signature(slack: FakeSlack, sales: Channel, ann: User) -> None:
    with slack.signed(secret="not-the-secret"):
        said = slack.say(ann, sales, "@Banter hello", target=BoltTarget(echo_app(slack)))
    assert [d.status for d in said.deliveries] == [401, 401]
    assert _replies(slack, sales, said.ts) == []


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return


@pytest.fixture
def http_app(slack: FakeSlack) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, SlackRequestHandler(echo_app(slack)), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()


def test_a_mention_gets_ok_in_its_thread_over_http(slack: FakeSlack, sales: Channel, ann: User, http_app: str) -> None:
    said = slack.say(ann, sales, "@Banter hello", target=HttpTarget(http_app))
    assert [d.status for d in said.deliveries] == [200, 200]
    assert _replies(slack, sales, said.ts) == ["ok"]


def test_a_mention_gets_ok_in_its_thread_over_socket_mode(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = App(client=WebClient(token=slack.team.bot_token, base_url=slack.api_url))
    app.event("app_mention")(lambda event, say: say("ok", thread_ts=event["ts"]))
    app.event("message")(lambda ack: ack())
    handler = SocketModeHandler(app, app_token=slack.app_token)
    handler.connect()
    try:
        said = slack.say(ann, sales, "@Banter hello", target=SocketModeTarget(slack))
        deadline = time.monotonic() + 3
        while not _replies(slack, sales, said.ts) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [d.status for d in said.deliveries] == [200, 200]
        assert _replies(slack, sales, said.ts) == ["ok"]
        assert slack.calls_to("apps.connections.open")[0].response["ok"] is True  # type: ignore[index]
    finally:
        closer = threading.Thread(target=handler.close, daemon=True)
        closer.start()
        while closer.is_alive():
            slack.socket_mode.ping_all()
            closer.join(0.05)
