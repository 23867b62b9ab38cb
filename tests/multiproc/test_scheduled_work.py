"""Digests from procrastinate workers and cron at once, and from a worker killed half-way: one per channel."""

from __future__ import annotations

import re
import signal
import threading
import time
from datetime import UTC, datetime, timedelta

from bot.model import ContactDraft, Stage
from bot.records import Subscription
from bot.services import qualification as q
from bot.services.contacts import LogContacts, log_draft
from sandbox.fakeslack import Change, Channel, FakeSlack
from storage.db import make_session_factory
from storage.uow import SqlUnitOfWorkFactory
from tests.multiproc.conftest import Database, Processes, wait_for


def _zone_where_it_is_ten_now() -> str:
    """A fixed-offset zone whose local time is 10:xx now, so a 09:00 digest is due and before the cutoff."""
    offset = 10 - datetime.now(UTC).hour
    offset = offset + 24 if offset < -12 else offset
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # POSIX signs: Etc/GMT-3 is UTC+3


def _subscribe(database: Database, channels: list[Channel]) -> None:
    uow_factory = SqlUnitOfWorkFactory(make_session_factory(database.engine))
    tz = _zone_where_it_is_ten_now()
    yesterday = datetime.now(UTC) - timedelta(days=1)  # subscribed before today's 09:00: today's digest is due
    with uow_factory() as uow:
        for ch in channels:
            uow.digests.subscribe(Subscription(ch.team_id, ch.id, "09:00", tz, weekdays_only=False), yesterday)
        # one prospect, so the digest has something to say (a day with nothing to report posts nothing)
        team = channels[0].team_id
        logged = log_draft(uow, LogContacts(team, "U0OWNER", ""), ContactDraft(name="Maria Lopez", company="Quickco",
                           emails=("maria@quickco.com",)), yesterday)  # fmt: skip
        assert logged.contact.id is not None
        q.set_stage(uow, q.Actor(team, "U0OWNER", is_admin=True), logged.contact.id, Stage.PROSPECT, "promoted by hand",
                    yesterday)  # fmt: skip
        uow.commit()


def _digests(channel: Channel) -> list[str]:
    keys = [((m.metadata or {}).get("event_payload") or {}).get("key", "") for m in channel.messages if m.bot_id]
    return [k for k in keys if k.startswith("digest:")]


def test_two_workers_and_a_cron_pass_at_once_post_one_digest_per_channel(
    database: Database, slack: FakeSlack, processes: Processes
) -> None:
    channels = [slack.team.add_channel(f"sales-{n}") for n in range(4)]
    _subscribe(database, channels)
    slack.subscribe(lambda change: time.sleep(0.3) if change.kind == "post" else None)  # passes overlap
    workers = [processes.start("worker") for _ in range(2)]
    cron = processes.start("digest")
    assert cron.wait(30) == 0, processes.output(cron)
    wait_for(lambda: all(_digests(ch) for ch in channels), timeout=30, what="every channel's digest")
    wait_for(lambda: database.scalar("SELECT count(*) FROM procrastinate_workers") == 2, what="both workers")
    time.sleep(1.5)  # room for a second post, if anything were to make one
    assert [len(_digests(ch)) for ch in channels] == [1, 1, 1, 1]
    by_cron = sum(int(n) for n in re.findall(r"(\d+) digest\(s\) posted", processes.output(cron)))
    by_workers = sum(int(n) for w in workers for n in re.findall(r"digest pass posted (\d+)", processes.output(w)))
    assert by_cron + by_workers == 4
    assert database.scalar("SELECT count(*) FROM digest_deliveries WHERE status = 'sent'") == 4
    # Both workers defer the same periodic digest job; the database keeps one per scheduled minute.
    defers = database.rows("SELECT defer_timestamp, count(*) FROM procrastinate_periodic_defers "
                           "WHERE task_name = 'banter.digest_pass' GROUP BY defer_timestamp")  # fmt: skip
    assert defers and all(n == 1 for _, n in defers)
    assert all(w.poll() is None for w in workers), "a worker died"


def test_a_worker_killed_in_the_middle_of_a_pass_leaves_each_digest_to_arrive_exactly_once(
    database: Database, slack: FakeSlack, processes: Processes
) -> None:
    lost, landed = slack.team.add_channel("sales-lost"), slack.team.add_channel("sales-landed")
    _subscribe(database, [lost, landed])  # the pass takes them in this order
    # The first post never arrives (the connection hangs, then drops); the second lands in Slack, but the
    # worker is killed before it hears back, so it cannot mark it sent.
    slack.timeout_hold_seconds = 1.0
    slack.inject("chat.postMessage", "timeout", channel=lost.id)
    posted, release = threading.Event(), threading.Event()

    def hold_the_answer(change: Change) -> None:
        if change.kind == "post" and change.channel == landed.id:
            posted.set()
            release.wait(20)

    slack.subscribe(hold_the_answer)
    worker = processes.start("worker")
    assert posted.wait(30), processes.output(worker)
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    release.set()
    assert [len(_digests(lost)), len(_digests(landed))] == [0, 1]
    claims = database.rows("SELECT status, claimed_at FROM digest_deliveries")
    assert [status for status, _ in claims] == ["claimed", "claimed"]
    later = max(at for _, at in claims) + timedelta(minutes=3)  # past the stale-claim window
    for at in (later, later + timedelta(minutes=1)):
        result = processes.run("digest", "--at", at.isoformat())
        assert result.returncode == 0, result.stderr
    assert [len(_digests(lost)), len(_digests(landed))] == [1, 1]
    assert database.scalar("SELECT count(*) FROM digest_deliveries WHERE status = 'sent'") == 2
