"""When Slack or the database misbehaves: rate limits are honoured, errors retried, nothing is posted twice,
and a person whose request died with the database is told to try again, with nothing half-written."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from handlers.errors import TRY_AGAIN
from storage import repositories
from storage.db import make_engine
from tests.conftest import PG_URL
from tests.harness import World, message_text

JANE = "@Banter met Jane Doe, CTO at Initech, jane@initech.io"


def _cards(w: World, ts: str) -> list[str]:
    return [message_text(m) for m in w.replies(w.ch("sales"), ts) if "Jane Doe" in message_text(m)]


def _posts_to_sales(w: World) -> list[Any]:
    return [c for c in w.slack.calls_to("chat.postMessage") if c.args.get("channel") == w.ch("sales").id]


def _told_to_retry(w: World) -> list[str]:
    return [t for t in w.ephemeral_texts(w.ann) if "try again" in t]


def _stored(w: World) -> dict[str, int]:
    with w.uow() as uow:
        return {t: uow.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0
                for t in ("contacts", "contact_keys", "activities", "stage_changes", "processed_events")}  # fmt: skip


# ---------------------------------------------------------------- Slack


def test_a_rate_limited_card_waits_for_retry_after_and_is_posted_once(sqlite_world: World) -> None:
    w = sqlite_world
    w.slack.inject("chat.postMessage", "ratelimited", retry_after=1, channel=w.ch("sales").id)
    started = time.monotonic()
    said = w.slack.say(w.ann, w.ch("sales"), JANE)
    assert time.monotonic() - started >= 1.0, "Retry-After was honoured"
    assert len(_cards(w, said.ts)) == 1
    assert [c.status for c in _posts_to_sales(w)] == [429, 200]
    assert w.errors() == []


def test_slack_server_errors_are_retried_with_backoff_and_the_card_posted_once(sqlite_world: World) -> None:
    w = sqlite_world
    w.slack.inject("chat.postMessage", "server_error", times=2, channel=w.ch("sales").id)
    started = time.monotonic()
    said = w.slack.say(w.ann, w.ch("sales"), JANE)
    assert time.monotonic() - started >= 0.5, "the retries backed off"
    assert len(_cards(w, said.ts)) == 1
    assert [c.status for c in _posts_to_sales(w)] == [500, 500, 200]


def test_a_timed_out_post_is_looked_up_before_it_is_sent_again_and_posted_once(sqlite_world: World) -> None:
    w = sqlite_world
    w.banter.client.timeout = 1  # type: ignore[attr-defined]  # each request's client copies it
    w.slack.timeout_hold_seconds = 1.5
    w.slack.inject("chat.postMessage", "timeout", channel=w.ch("sales").id)
    said = w.slack.say(w.ann, w.ch("sales"), JANE)
    assert len(_cards(w, said.ts)) == 1
    assert w.slack.calls_to("conversations.replies"), "Banter looked for the post before sending it again"


def test_a_connection_dropped_after_slack_accepted_the_card_is_reconciled_not_reposted(sqlite_world: World) -> None:
    w = sqlite_world
    w.slack.inject("chat.postMessage", "drop_after_accept", channel=w.ch("sales").id)
    said = w.slack.say(w.ann, w.ch("sales"), JANE)
    assert len(_cards(w, said.ts)) == 1
    assert len([c for c in _posts_to_sales(w) if c.args.get("thread_ts") == said.ts]) == 1, "sent once"
    with w.uow() as uow:
        (jane,) = uow.contacts.all()
    assert jane.card_ts == w.replies(w.ch("sales"), said.ts)[0].ts, "the card found by its key is the one on record"


# ---------------------------------------------------------------- SQLite locked


@contextmanager
def _write_lock(db_url: str, seconds: float | None = None) -> Iterator[threading.Event]:
    """Another process's write transaction on the same SQLite file, held for `seconds` (or until the block ends)."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        held.set()
        release.wait(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    held.wait(5)
    try:
        yield release
    finally:
        release.set()
        thread.join(5)


def test_a_write_lock_shorter_than_busy_timeout_is_waited_out(sqlite_world: World) -> None:
    w = sqlite_world
    with _write_lock(w.db_url, seconds=1.0):
        started = time.monotonic()
        said = w.slack.say(w.ann, w.ch("sales"), JANE)
        assert time.monotonic() - started >= 0.8, "the request queued behind the lock"
    assert len(_cards(w, said.ts)) == 1 and _stored(w)["contacts"] == 1
    assert _told_to_retry(w) == [] and w.errors() == []


@pytest.fixture
def short_busy_timeout(sqlite_world: World) -> World:
    """busy_timeout is 15 s in production; 200 ms here, so a lock can outlast it within a test."""
    engine = sqlite_world.banter.engine

    @event.listens_for(engine, "connect")
    def _short(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA busy_timeout=200")

    engine.pool.dispose()  # type: ignore[attr-defined]
    return sqlite_world


def test_a_lock_longer_than_busy_timeout_tells_the_person_to_retry_and_slacks_retry_then_logs_once(
    short_busy_timeout: World,
) -> None:
    w = short_busy_timeout
    with _write_lock(w.db_url):
        said = w.slack.say(w.ann, w.ch("sales"), JANE)
        w.slack.slash(w.ann, w.ch("sales"), "log Raj Patel, CTO at Globex, raj@globex.de")
    assert len(_told_to_retry(w)) >= 2, w.ephemeral_texts(w.ann)
    assert _stored(w)["contacts"] == 0 and _cards(w, said.ts) == []
    for delivered in said.deliveries:  # Slack retries the events; the database is back
        assert w.slack.redeliver(delivered).status == 200
    assert len(_cards(w, said.ts)) == 1 and _stored(w)["contacts"] == 1


def test_a_button_pressed_while_the_database_is_locked_changes_nothing_and_says_try_again(
    short_busy_timeout: World,
) -> None:
    w = short_busy_timeout
    said = w.slack.say(w.ann, w.ch("sales"), JANE)
    (card,) = w.replies(w.ch("sales"), said.ts)
    with _write_lock(w.db_url):
        w.slack.press(w.ann, w.ch("sales"), card.ts, "Not a lead")
    assert _told_to_retry(w)
    assert len(w.export()) == 1, "still a lead: nothing was removed"


def test_a_form_submitted_while_the_database_is_locked_stays_open_saying_try_again(short_busy_timeout: World) -> None:
    w = short_busy_timeout
    w.slack.global_shortcut(w.ann, "new_lead")
    (modal,) = w.slack.modal_stack(w.ann)
    with _write_lock(w.db_url):
        refused = w.slack.submit_view(w.ann, modal.id, {"name": "Lena Schmidt", "emails": "lena@zalando.de"})
    assert refused.errors and "try again" in " ".join(refused.errors.values()) and not refused.closed
    assert _stored(w)["contacts"] == 0
    assert w.slack.submit_view(w.ann, modal.id, {"name": "Lena Schmidt", "emails": "lena@zalando.de"}).closed
    assert [r["name"] for r in w.export()] == ["Lena Schmidt"]


# ---------------------------------------------------------------- failing half-way, on every database


def test_a_database_error_half_way_rolls_back_everything_and_says_try_again(world: World,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """The contact row and its keys were already flushed when the activity insert fails."""
    original = repositories.ActivitiesRepository.add
    failures = {"left": 1}

    def failing(self: Any, *args: Any, **kwargs: Any) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise OperationalError("INSERT INTO activities", {}, Exception("database is locked"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(repositories.ActivitiesRepository, "add", failing)
    dm = world.slack.team.dm(world.ann)
    said = world.slack.say(world.ann, dm, "Jane Doe, CTO at Initech, jane@initech.io")
    assert _told_to_retry(world)
    assert _stored(world) == {"contacts": 0, "contact_keys": 0, "activities": 0, "stage_changes": 0,
                              "processed_events": 0}, "nothing half-written, not even the event's key"  # fmt: skip
    assert world.slack.redeliver(said.deliveries[0]).status == 200
    assert len(world.export()) == 1
    assert len([m for m in world.bot_messages(dm) if "Jane Doe" in message_text(m)]) == 1  # a DM is answered inline


# ---------------------------------------------------------------- PostgreSQL restarting


@pytest.fixture
def pg_world(world: World) -> World:
    if world.banter.engine.dialect.name != "postgresql":  # type: ignore[attr-defined]
        pytest.skip("PostgreSQL only")
    return world


def _terminate(pids: set[int]) -> None:
    """End these backends, as a server restart would; only this test's own connections."""
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        for pid in pids:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    admin.dispose()


def test_connections_lost_between_requests_are_replaced_without_anyone_noticing(pg_world: World) -> None:
    w = pg_world
    pids: set[int] = set()
    event.listen(w.banter.engine, "checkout", lambda dbapi, _rec, _proxy: pids.add(dbapi.info.backend_pid))
    w.slack.say(w.ann, w.ch("sales"), JANE)
    assert pids
    _terminate(set(pids))
    said = w.slack.say(w.ann, w.ch("sales"), "@Banter met Raj Patel, CTO at Globex, raj@globex.de")
    assert [m for m in w.replies(w.ch("sales"), said.ts) if "Raj Patel" in message_text(m)]
    assert len(w.export()) == 2 and _told_to_retry(w) == [] and w.errors() == []


def test_a_connection_lost_mid_request_says_try_again_and_leaves_nothing_half_written(
    pg_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = pg_world
    original = repositories.ContactsRepo.add
    cut = {"done": False}

    def add_then_lose_the_server(self: Any, *args: Any, **kwargs: Any) -> Any:
        added = original(self, *args, **kwargs)  # the contact row is flushed inside the open transaction
        if not cut["done"]:
            cut["done"] = True
            _terminate({self.s.connection().connection.dbapi_connection.info.backend_pid})
            self.s.execute(text("SELECT 1"))
        return added

    monkeypatch.setattr(repositories.ContactsRepo, "add", add_then_lose_the_server)
    dm = w.slack.team.dm(w.ann)
    said = w.slack.say(w.ann, dm, "Jane Doe, CTO at Initech, jane@initech.io")
    assert _told_to_retry(w)
    assert _stored(w)["contacts"] == 0 and _stored(w)["processed_events"] == 0
    assert w.slack.redeliver(said.deliveries[0]).status == 200
    assert len(w.export()) == 1


def test_try_again_is_what_people_read() -> None:
    assert "try again" in TRY_AGAIN and "nothing was saved" in TRY_AGAIN
