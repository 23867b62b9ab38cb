"""Follow-ups from procrastinate workers: every worker may run the pass, the owner hears once."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from bot.records import ContactRecord
from handlers import tasks
from sandbox.fakeslack import FakeSlack
from storage.db import make_session_factory
from storage.uow import SqlUnitOfWorkFactory
from tests.multiproc.conftest import Database, Processes, wait_for


def _contact_due_for_a_follow_up(database: Database, team_id: str, owner_id: str, channel_id: str) -> int:
    uow_factory = SqlUnitOfWorkFactory(make_session_factory(database.engine))
    now = datetime.now(UTC)
    with uow_factory() as uow:
        c = uow.contacts.add(ContactRecord(
            team_id=team_id, name="Jane Doe", company="Acme Corp", emails=["jane.doe@acme.com"], owner_id=owner_id,
            channel_id=channel_id, created_at=now, updated_at=now, last_activity_at=now,
            follow_up_at=now - timedelta(minutes=2),
        ), ["email:jane.doe@acme.com"])  # fmt: skip
        uow.commit()
    assert c.id is not None
    return c.id


def _extra_passes(database: Database, n: int, batch: int) -> None:
    """Follow-up passes beyond the periodic one, each under its own queueing lock, for both workers to take."""
    app = tasks.make_app(database.url, pool_size=1)
    with app.open():
        for i in range(n):
            lock = f"extra-{batch}-{i}"
            app.configure_task(tasks.FOLLOWUP_TASK, queueing_lock=lock).defer(timestamp=int(time.time()))


def test_two_workers_send_a_due_follow_up_to_its_owner_once(
    database: Database, slack: FakeSlack, processes: Processes
) -> None:
    ann = slack.team.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    sales = slack.team.add_channel("sales", members=[ann])
    _contact_due_for_a_follow_up(database, slack.team.id, ann.id, sales.id)
    slack.subscribe(lambda change: time.sleep(0.3) if change.kind == "post" else None)  # passes overlap
    workers = [processes.start("worker") for _ in range(2)]
    wait_for(lambda: database.scalar("SELECT count(*) FROM procrastinate_workers") == 2, what="both workers")
    extra = "SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t AND queueing_lock LIKE 'extra-%'"
    for batch in range(5):  # until each worker has taken a pass (which one takes a job is up to them)
        _extra_passes(database, 4, batch)
        wait_for(
            lambda: database.scalar(extra, t=tasks.FOLLOWUP_TASK) == 0, timeout=30, what="the extra passes"
        )
        if all("Starting job banter.followup_pass" in processes.output(w) for w in workers):
            break
    time.sleep(1.0)  # room for a second message, if anything were to send one
    logs = [processes.output(w) for w in workers]
    assert all("Starting job banter.followup_pass" in log for log in logs), "both workers ran a pass"
    dm = slack.team.dm(ann.id)
    assert [m.text for m in dm.messages if m.bot_id] == ["Follow up with Jane Doe (Acme Corp)"]
    assert sum("follow-up pass claimed 1 message(s)" in log for log in logs) == 1
    failed = database.scalar("SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t AND status = 'failed'",
                             t=tasks.FOLLOWUP_TASK)  # fmt: skip
    assert failed == 0
    # the pass is periodic too: deferred once a minute whatever the number of workers
    assert database.scalar("SELECT count(*) FROM procrastinate_periodic_defers WHERE task_name = :t",
                           t=tasks.FOLLOWUP_TASK) >= 1  # fmt: skip
    assert all(w.poll() is None for w in workers), "a worker died"
