"""Secrets stay out of logs and answers; every request leaves one structured line with Slack's ids."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

import settings
from handlers import requestlog
from handlers.logs import setup
from tests.harness import World, message_text

JANE = "@Banter met Jane Doe, CTO at Initech, jane@initech.io"
_CHATTY = ("slack_sdk", "slack_bolt", "banter", "urllib3", "sqlalchemy.engine")


@pytest.fixture
def logs(sqlite_world: World) -> Iterator[io.StringIO]:
    """Banter's own logging set-up at DEBUG, with Slack's libraries turned up to DEBUG as well."""
    w = sqlite_world
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in _CHATTY})
    out = io.StringIO()
    setup("DEBUG", [w.banter.config.bot_token, w.slack.signing_secret, w.slack.app_token], stream=out)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG)
    requestlog.register(w.banter.app)  # type: ignore[arg-type]
    yield out
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def _busy_day(w: World) -> None:
    """Mentions, a command, buttons, a form, refusals, Slack errors and a failing call: everything that logs."""
    w.slack.inject("chat.postMessage", "server_error", channel=w.ch("sales").id)
    said = w.slack.say(w.ann, w.ch("sales"), JANE)
    (card,) = w.replies(w.ch("sales"), said.ts)
    w.slack.press(w.ann, w.ch("sales"), card.ts, "Start discovery")
    w.slack.say(w.ann, w.ch("sales"), "budget: 50k", thread_ts=said.ts)
    w.slack.slash(w.ann, w.ch("sales"), "find jane")
    w.slack.global_shortcut(w.ann, "new_lead")
    (modal,) = w.slack.modal_stack(w.ann)
    w.slack.submit_view(w.ann, modal.id, {"name": "Lena Schmidt", "emails": "lena@zalando.de"})
    with w.slack.signed(secret="a-forged-secret"):
        w.slack.slash(w.ann, w.ch("sales"), "find jane")
    with w.slack.signed(False):
        w.slack.say(w.ann, w.ch("sales"), JANE)
    w.slack.team.installed = False  # the token stops working: Slack answers invalid_auth
    w.slack.slash(w.ann, w.ch("sales"), "log Raj Patel, raj@globex.de")
    w.slack.team.installed = True


def test_tokens_and_the_signing_secret_never_reach_the_logs(sqlite_world: World, logs: io.StringIO) -> None:
    w = sqlite_world
    _busy_day(w)
    token = w.banter.config.bot_token
    logging.getLogger("banter.test").error("a careless message with %s", token, extra={"auth": f"Bearer {token}"})
    try:
        raise RuntimeError(f"an exception quoting {w.slack.signing_secret}")
    except RuntimeError:
        logging.getLogger("banter.test").exception("and a traceback")
    written = logs.getvalue()
    assert "chat.postMessage" in written or "slack request" in written, "DEBUG logging was really on"
    for secret in (w.banter.config.bot_token, w.slack.signing_secret, w.slack.app_token):
        assert secret not in written
    assert not re.search(r"xox[abposr]-|xapp-", written)


def test_tokens_and_secrets_never_reach_what_people_read(sqlite_world: World, logs: io.StringIO) -> None:
    w = sqlite_world
    _busy_day(w)
    read = [message_text(m) for ch in w.slack.team.channels.values() for m in ch.messages + [r for m in ch.messages for r in m.replies]]
    read += [e.text + str(e.blocks) for e in w.slack.ephemerals()] + [repr(v.body) for v in w.slack.views.values()]
    for secret in (w.banter.config.bot_token, w.slack.signing_secret):
        assert not [t for t in read if secret in t]


def test_every_request_leaves_one_line_with_slacks_ids(sqlite_world: World, logs: io.StringIO) -> None:
    w = sqlite_world
    said = w.slack.say(w.ann, w.ch("sales"), JANE)  # a message and an app_mention event
    (card,) = w.replies(w.ch("sales"), said.ts)
    w.slack.press(w.ann, w.ch("sales"), card.ts, "Start discovery")
    w.slack.slash(w.ann, w.ch("sales"), "find jane")
    lines = [line for line in logs.getvalue().splitlines() if "banter.requests: slack request" in line]
    kinds = [re.search(r"kind=(\S+)", line)[1] for line in lines]  # type: ignore[index]
    assert sorted(kinds) == ["block_actions", "command:/banter", "event:app_mention", "event:message"]
    for line in lines:
        assert f"team_id={w.slack.team.id}" in line and "user_id=U" in line and "duration_ms=" in line
        assert re.search(r"status=(200|\-)", line)
    mention = next(line for line in lines if "kind=event:app_mention" in line)
    assert f"channel_id={w.ch('sales').id}" in mention and re.search(r"slack_id=Ev\S+", mention)
    press = next(line for line in lines if "kind=block_actions" in line)
    assert "slack_id=discovery_start" in press
    assert "jane@initech.io" not in "\n".join(lines), "ids only, never people's words"


def test_every_log_record_is_one_line(sqlite_world: World, logs: io.StringIO) -> None:
    w = sqlite_world
    _busy_day(w)
    logging.getLogger("banter.test").warning("a message\nwith a second line", exc_info=ValueError("and\nmore"))
    written = logs.getvalue().splitlines()
    assert written and all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d ", line) for line in written), [
        line for line in written if not re.match(r"\d{4}-\d\d-\d\dT", line)][:3]


def test_registering_the_request_log_twice_still_writes_one_line_per_request(sqlite_world: World,
                                                                             logs: io.StringIO) -> None:  # fmt: skip
    w = sqlite_world
    requestlog.register(w.banter.app)  # type: ignore[arg-type]
    w.slack.slash(w.ann, w.ch("sales"), "help")
    assert logs.getvalue().count("kind=command:/banter") == 1


def test_configuration_errors_name_the_setting_never_its_value() -> None:
    leaked = "xoxp-1234-not-a-bot-token-SECRET"
    for env in ({"SLACK_BOT_TOKEN": leaked}, {"SLACK_APP_TOKEN": leaked},
                {"DATABASE_URL": f"mysql://root:{leaked}@db/banter"}):  # fmt: skip
        with pytest.raises(settings.ConfigError) as raised:
            settings.load(env, env_file="/nonexistent/.env")
        assert leaked not in str(raised.value)
