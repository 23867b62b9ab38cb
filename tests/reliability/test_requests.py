"""What reaches /slack/events: only Slack's signed requests act, junk never breaks the server, and every
subscribed event is acknowledged. In process (Bolt's dispatch) and over real HTTP (the WSGI app `serve --http`
runs under gunicorn, here under wsgiref)."""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

from handlers.http import wsgi_app
from sandbox.fakeslack import HttpTarget, Target
from sandbox.fakeslack.sender import FORM, JSON
from tests.harness import World

JANE = "@Banter met Jane Doe, CTO at Acme Corp, jane@acme.com"
MANIFEST = json.loads((Path(__file__).parents[2] / "manifest.json").read_text())
SIX_MINUTES = 6 * 60


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - no access log in test output
        return


@pytest.fixture
def http(sqlite_world: World) -> Iterator[HttpTarget]:
    """Banter's WSGI app on a real socket; the fake Slack delivers to it over HTTP."""
    w = sqlite_world
    server = make_server("127.0.0.1", 0, wsgi_app(w.banter.app, w.banter.healthy),  # type: ignore[arg-type]
                         server_class=_ThreadingServer, handler_class=_Quiet)  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield HttpTarget(f"http://127.0.0.1:{server.server_port}/slack/events", wait_idle=w.executor.wait_idle)
    server.shutdown()
    server.server_close()


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def error_logs() -> Iterator[_Errors]:
    handler = _Errors()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def _stored(world: World) -> int:
    return len(world.export())


# ---------------------------------------------------------------- who may speak


def _mention(world: World, target: Target | None = None) -> int:
    return world.slack.say(world.ann, world.ch("sales"), JANE, target=target).deliveries[0].status


def _slash(world: World, target: Target | None = None) -> int:
    return world.slack.slash(world.ann, world.ch("sales"), "log Jane Doe, CTO at Acme Corp, jane@acme.com",
                             target=target).status  # fmt: skip


def _log_as_lead(world: World, target: Target | None = None) -> int:
    with world.slack.signed(True):  # the teammate's own message is an ordinary, signed delivery
        note = world.slack.say(world.bob, world.ch("random"), "met Jane Doe from Acme Corp, jane@acme.com")
    assert _stored(world) == 0, "a message without a mention logs nothing by itself"
    return world.slack.message_shortcut(world.ann, world.ch("random"), note.ts, "log_as_lead", target=target).status


REQUESTS: dict[str, Callable[..., int]] = {"mention": _mention, "slash command": _slash, "message shortcut": _log_as_lead}
# how the request is signed: (signed at all, with which secret, how many seconds from now)
REFUSALS: dict[str, tuple[bool, str | None, int]] = {
    "unsigned": (False, None, 0),
    "forged": (True, "not-the-signing-secret", 0),
    "replayed": (True, None, -SIX_MINUTES),
    "from the future": (True, None, SIX_MINUTES),
}


@pytest.mark.parametrize("refusal", list(REFUSALS))
@pytest.mark.parametrize("kind", list(REQUESTS))
def test_unsigned_forged_and_replayed_requests_get_401_and_store_nothing(sqlite_world: World, kind: str,
                                                                         refusal: str) -> None:  # fmt: skip
    world = sqlite_world
    sign, secret, offset = REFUSALS[refusal]
    with world.slack.signed(sign, secret=secret, timestamp=int(time.time()) + offset if offset else None):
        status = REQUESTS[kind](world)
    assert status == 401
    assert _stored(world) == 0
    assert world.slack.calls_to("chat.postMessage") == [] and world.slack.ephemerals() == []
    with world.slack.signed(True):
        assert REQUESTS[kind](world) == 200, "the same request, properly signed, is accepted"
    assert _stored(world) == 1


def test_a_button_press_signed_with_another_secret_changes_nothing(sqlite_world: World) -> None:
    world = sqlite_world
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    (card,) = world.replies(world.ch("sales"), said.ts)
    with world.slack.signed(secret="not-the-signing-secret"):
        assert world.slack.press(world.ann, world.ch("sales"), card.ts, "Not a lead").status == 401
    assert _stored(world) == 1


# ---------------------------------------------------------------- junk


def _envelope(world: World) -> str:
    event = {"type": "app_mention", "user": world.ann.id, "channel": world.ch("sales").id, "text": JANE, "ts": "1.2"}
    return json.dumps({"type": "event_callback", "team_id": world.slack.team.id, "event": event, "event_id": "Ev1"})


def _junk(world: World) -> dict[str, tuple[str, str]]:
    """Bodies Slack never sends, each signed correctly (the signature is not what is being tested)."""
    envelope = _envelope(world)
    return {
        "empty JSON": ("", JSON),
        "empty form": ("", FORM),
        "a JSON list": ("[1, 2, 3]", JSON),
        "a JSON string": ('"hello"', JSON),
        "truncated JSON": (envelope[: len(envelope) // 2], JSON),
        "200 KB of JSON": (json.dumps({"type": "event_callback", "junk": "x" * 200_000}), JSON),
        "200 KB form": ("payload=" + "x" * 200_000, FORM),
        "wrong content type": ("<xml>hello</xml>", "application/xml"),
        "form without payload": (urlencode({"foo": "bar", "team_id": world.slack.team.id}), FORM),
        "payload that is not JSON": (urlencode({"payload": "{not json"}), FORM),
        "payload that is a list": (urlencode({"payload": "[1, 2]"}), FORM),
        "an envelope without an event": (json.dumps({"type": "event_callback", "team_id": world.slack.team.id}), JSON),
        "binary": ("\x00\xff\xfe\x01", JSON),
    }


# Bolt parses a body while building its request object, before dispatch: the in-process target has no server
# around it, so these reach only the HTTP test (where Banter's WSGI app answers 400).
_UNPARSEABLE = {"truncated JSON", "200 KB form", "payload that is not JSON", "payload that is a list", "a JSON list",
                "a JSON string", "binary"}  # fmt: skip


def test_junk_bodies_in_process_are_answered_without_a_server_error(sqlite_world: World, error_logs: _Errors) -> None:
    w = sqlite_world
    for name, (body, content_type) in _junk(w).items():
        if name in _UNPARSEABLE:
            continue
        delivered = w.slack.send_raw(body, content_type)
        assert delivered.status < 500, (name, delivered.status, delivered.body)
    assert error_logs.records == [] and w.errors() == []
    assert _stored(w) == 0


def test_junk_bodies_over_http_are_answered_without_a_server_error(sqlite_world: World, http: HttpTarget,
                                                                   error_logs: _Errors) -> None:  # fmt: skip
    w = sqlite_world
    answers = {name: w.slack.send_raw(body, ct, target=http).status for name, (body, ct) in _junk(w).items()}
    assert all(status < 500 for status in answers.values()), answers
    assert all(answers[name] == 400 for name in _UNPARSEABLE), answers
    assert error_logs.records == [] and w.errors() == []
    assert _stored(w) == 0


def test_the_http_stack_serves_signed_requests_and_refuses_the_rest(sqlite_world: World, http: HttpTarget) -> None:
    w = sqlite_world
    with w.slack.signed(False):
        assert _mention(w, http) == 401
    with w.slack.signed(timestamp=int(time.time()) - SIX_MINUTES):
        assert _slash(w, http) == 401
    assert _stored(w) == 0
    assert _mention(w, http) == 200
    assert len(w.replies(w.ch("sales"), w.ch("sales").messages[-1].ts)) == 1, "the card came back over HTTP"
    assert _stored(w) == 1
    health = http.url.replace("/slack/events", "/healthz")
    with urllib.request.urlopen(health, timeout=5) as answer:
        assert answer.status == 200 and json.loads(answer.read())["ok"] is True


# ---------------------------------------------------------------- every subscribed event is acknowledged


def _unacted_events(world: World) -> dict[str, dict[str, Any]]:
    """For each subscribed event type, an event of that type Banter has nothing to do about."""
    team = world.slack.team
    private = team.add_channel("deals-private", members=[world.ann], private=True)
    dm = team.dm(world.ann)
    return {
        "app_home_opened": {"type": "app_home_opened", "user": world.ann.id, "channel": dm.id, "tab": "messages"},
        "app_mention": {"type": "app_mention", "user": "U0OTHERBOT", "bot_id": "B0OTHER", "channel": world.ch("sales").id,
                        "text": f"<@{team.bot_user_id}> Jane Doe jane@acme.com", "ts": "1700000000.000100"},
        "app_uninstalled": {"type": "app_uninstalled"},
        "message.channels": {"type": "message", "channel_type": "channel", "channel": world.ch("sales").id,
                             "user": world.bob.id, "text": "lunch anyone? jane@acme.com", "ts": "1700000000.000200"},
        "message.groups": {"type": "message", "channel_type": "group", "channel": private.id, "user": world.ann.id,
                           "text": "just chatting", "ts": "1700000000.000300"},
        "message.im": {"type": "message", "channel_type": "im", "channel": dm.id, "subtype": "message_changed",
                       "message": {"text": "Jane Doe jane@acme.com", "user": world.ann.id, "ts": "1.0"},
                       "ts": "1700000000.000400"},
        "tokens_revoked": {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [team.bot_user_id]}},
    }  # fmt: skip


def test_every_subscribed_event_banter_does_not_act_on_is_acknowledged_with_200(sqlite_world: World,
                                                                                http: HttpTarget) -> None:  # fmt: skip
    w = sqlite_world
    events = _unacted_events(w)
    assert sorted(events) == sorted(MANIFEST["settings"]["event_subscriptions"]["bot_events"]), "a case per event"
    for target in (None, http):
        for name, event in events.items():
            assert w.slack.deliver_event(event, target=target).status == 200, (name, "over HTTP" if target else "")
    assert _stored(w) == 0
    assert w.slack.calls_to("chat.postMessage") == [] and w.errors() == []
