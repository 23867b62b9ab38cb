"""Scheduled work on PostgreSQL: procrastinate periodic tasks, deferred once per period however many workers run.

Every worker runs procrastinate's periodic deferrer; the database keeps one defer per (task, periodic id,
scheduled second) and the queueing lock keeps at most one such job waiting. A digest pass that several
processes run anyway (a cron `digest` as well, or a pass that outlasts its minute) still posts once: the
digest service claims each channel's delivery in the database first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import procrastinate
from procrastinate import JobContext
from procrastinate.jobs import Status

from handlers import followup_schedule, scheduler
from storage.db import normalise_url

log = logging.getLogger("banter.tasks")

DIGEST_CRON = "* * * * *"
FOLLOWUP_CRON = "* * * * *"
REMINDER_CRON = "*/15 * * * *"
HOUSEKEEPING_CRON = "*/10 * * * *"
KEEP_FINISHED_HOURS = 72

DIGEST_TASK = "banter.digest_pass"
FOLLOWUP_TASK = "banter.followup_pass"
REMINDER_TASK = "banter.discovery_reminders"
HOUSEKEEPING_TASK = "banter.housekeeping"


def conninfo(database_url: str) -> str:
    """A libpq URI from Banter's DATABASE_URL (postgres://, postgresql:// or postgresql+psycopg://)."""
    url = normalise_url(database_url)
    if not url.startswith("postgresql+psycopg://"):
        raise ValueError("procrastinate needs a PostgreSQL DATABASE_URL")
    return "postgresql://" + url[len("postgresql+psycopg://") :]


def _at(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def _banter(context: JobContext) -> Any:
    return context.additional_context["banter"]


def digest_pass(context: JobContext, timestamp: int) -> int:
    """The digest pass as at the minute it was scheduled for; returns the number of digests posted."""
    banter = _banter(context)
    posted = scheduler.digest_pass(banter.svc, banter.client_for, _at(timestamp))
    if posted:
        log.info("digest pass posted %d digest(s)", len(posted))
    return len(posted)


def followup_pass(context: JobContext, timestamp: int) -> int:
    """Follow-ups, nudges, check-ins and the round robin as at the scheduled minute; returns messages claimed.

    Each message is claimed in the database before it is posted, so overlapping passes send it once."""
    banter = _banter(context)
    due = followup_schedule.followup_pass(banter.svc, banter.client_for, _at(timestamp))
    if due:
        log.info("follow-up pass claimed %d message(s)", len(due))
    return len(due)


def discovery_reminders(context: JobContext, timestamp: int) -> int:
    banter = _banter(context)
    return scheduler.discovery_reminders(banter.svc, banter.client_for, _at(timestamp))


async def housekeeping(context: JobContext, timestamp: int) -> int:
    """Close the jobs of workers that died (no heartbeat) as failed, forget old finished jobs and old event ids.

    A killed digest pass is not rerun: the next minute's pass takes over its stale claims, and asks Slack
    whether the digest landed before posting it (bot/services/digest.py)."""
    manager = context.app.job_manager
    stalled = list(await manager.get_stalled_jobs())
    for job in stalled:
        log.warning("closing job %s of a worker that stopped answering", job.id)
        await manager.finish_job(job, status=Status.FAILED, delete_job=False)
    await manager.delete_old_jobs(nb_hours=KEEP_FINISHED_HOURS, include_failed=True, include_cancelled=True,
                                  include_aborted=True)  # fmt: skip
    await asyncio.to_thread(scheduler.purge_event_keys, _banter(context).svc, _at(timestamp))
    return len(stalled)


def make_app(database_url: str, *, pool_size: int = 4) -> procrastinate.App:
    """A procrastinate App on Banter's database with its periodic tasks registered."""
    connector = procrastinate.PsycopgConnector(conninfo=conninfo(database_url), min_size=1, max_size=pool_size)
    app = procrastinate.App(connector=connector)
    periodic: list[tuple[Callable[..., Any], str, str]] = [
        (digest_pass, DIGEST_TASK, DIGEST_CRON),
        (followup_pass, FOLLOWUP_TASK, FOLLOWUP_CRON),
        (discovery_reminders, REMINDER_TASK, REMINDER_CRON),
        (housekeeping, HOUSEKEEPING_TASK, HOUSEKEEPING_CRON),
    ]
    for fn, name, cron in periodic:
        # queueing_lock: however late the workers are, one job of each kind waits in the queue, not a pile.
        task = app.task(name=name, queueing_lock=name, pass_context=True)(fn)
        app.periodic(cron=cron, periodic_id=name)(task)
    return app
