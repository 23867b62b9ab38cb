"""Several HTTP worker processes share nothing but PostgreSQL: an event Slack delivers to each of them is
stored once and answered once.

Which gunicorn worker accepts which connection is the kernel's choice and cannot be seen from outside, so the
second test races three separate processes on one event id directly."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import UTC, datetime
from typing import Any

from sandbox.fakeslack import Delivered, FakeSlack, HttpTarget
from sandbox.fakeslack.sender import JSON, signed_headers
from tests.multiproc.conftest import Database, Processes, serve_http, wait_for


class Capture:
    """A delivery target that keeps what Slack would send, so the test can send it itself, several times."""

    def __init__(self) -> None:
        self.bodies: list[str] = []

    def send(self, body: str, headers: dict[str, str]) -> Delivered:
        self.bodies.append(body)
        return Delivered(200, "", request_body=body, request_headers=headers)


def _deliver_concurrently(slack: FakeSlack, url: str, bodies: list[str]) -> list[int]:
    """Each body at the same moment on its own connection; copies after the first carry Slack's retry headers."""
    target = HttpTarget(url)
    barrier = threading.Barrier(len(bodies))
    statuses: list[int] = [0] * len(bodies)

    def send(i: int, body: str) -> None:
        headers = signed_headers(body, JSON, slack.signing_secret)
        if i:
            headers |= {"X-Slack-Retry-Num": str(i), "X-Slack-Retry-Reason": "http_timeout"}
        barrier.wait()
        statuses[i] = target.send(body, headers).status

    threads = [threading.Thread(target=send, args=(i, b)) for i, b in enumerate(bodies)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


def test_an_event_delivered_to_three_workers_at_once_is_stored_once_and_answered_once(
    database: Database, slack: FakeSlack, processes: Processes
) -> None:
    _, base = serve_http(processes, workers=3)
    wait_for(lambda: len(slack.calls_to("auth.test")) >= 3, what="three workers to start")
    team = slack.team
    ann = team.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    people = [("Jane Doe", "Acme"), ("Omar Haddad", "Globex"), ("Lena Park", "Initech"), ("Raj Patel", "Umbrella")]
    for n, (name, company) in enumerate(people):
        channel = team.add_channel(f"expo-2026-{n}", members=[ann])
        capture = Capture()
        first = name.split()[0].lower()
        said = slack.say(ann, channel, f"@banter met {name}, VP Marketing at {company} Corp, "
                                       f"{first}@{company.lower()}.com", target=capture)  # fmt: skip
        message_event, mention_event = capture.bodies  # Slack sends both, with one client_msg_id
        assert json.loads(message_event)["event"]["type"] == "message"
        statuses = _deliver_concurrently(slack, f"{base}/slack/events", [message_event] * 3 + [mention_event])
        assert statuses == [200, 200, 200, 200]
        wait_for(lambda: _replies(slack, channel.id, said.ts), what=f"a reply to event {n}")  # noqa: B023
        wait_for(lambda: not _busy(slack), timeout=5, what="the workers to go quiet")
        assert len(_replies(slack, channel.id, said.ts)) == 1
        assert database.scalar("SELECT count(*) FROM contacts WHERE name = :n", n=name) == 1
        assert database.scalar("SELECT count(*) FROM processed_events WHERE event_key LIKE 'msg:%'") == n + 1


def _replies(slack: FakeSlack, channel_id: str, ts: str) -> list[Any]:
    return [m for m in slack.thread(channel_id, ts)[1:] if m.bot_id]


def _busy(slack: FakeSlack) -> bool:
    """True while a call reached the fake within the last half second."""
    calls = slack.calls
    return bool(calls) and calls[-1].at > datetime.now(UTC).timestamp() - 0.5


def _first_time(url: str, key: str, barrier: Any, results: Any) -> None:
    from storage.db import make_engine, make_session_factory
    from storage.uow import SqlUnitOfWorkFactory

    engine = make_engine(url)
    uow_factory = SqlUnitOfWorkFactory(make_session_factory(engine))
    with uow_factory() as uow:
        barrier.wait()
        first = uow.events.first_time("T0BANTER", key, datetime.now(UTC))
        uow.commit()
    results.put(first)
    engine.dispose()


def test_three_processes_racing_on_one_event_id_let_exactly_one_through(database: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(3), ctx.Queue()
    procs = [ctx.Process(target=_first_time, args=(database.url, "Ev0RACE", barrier, results)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=30)
    assert sorted(results.get(timeout=5) for _ in procs) == [False, False, True]
    assert database.scalar("SELECT count(*) FROM processed_events WHERE event_key = 'Ev0RACE'") == 1
