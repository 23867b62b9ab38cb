"""Scheduled work for one process: a tick a minute runs the digest pass, discovery reminders and follow-ups."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot.services import digest as digest_service
from bot.services import discovery as discovery_service
from handlers.blocks.cards import who
from handlers.blocks.kit import section
from handlers.blocks.text import user
from handlers.context import Services
from handlers.digest_poster import SlackDigestPoster
from handlers.followup_schedule import followup_pass
from handlers.poster import post

log = logging.getLogger("banter.schedule")
KEEP_EVENT_KEYS = timedelta(days=2)  # Slack retries an event within minutes; two days is ample


def digest_pass(svc: Services, client_for: Callable[[str], WebClient], now: datetime) -> list[str]:
    return digest_service.run_pass(svc.uow, SlackDigestPoster(svc, client_for), now)


def discovery_reminders(svc: Services, client_for: Callable[[str], WebClient], now: datetime) -> int:
    with svc.uow() as uow:
        due = discovery_service.due_reminders(uow, now)
        uow.commit()
    for session, contact in due:
        quiet = (now - session.updated_at).days if session.updated_at else 0
        since = f"for {quiet} days" if quiet > 1 else "since yesterday"
        asking = f" The open question is *{session.asking.value}*." if session.asking else ""
        text = (f"{user(contact.owner_id)}, discovery for {who(contact)} has been quiet {since}.{asking} "
                "Answer it here in your own words, `skip` it, or say `pause`.")  # fmt: skip
        post(client_for(session.team_id), session.channel_id, text, [section(text)], thread_ts=session.thread_ts,
             key=f"reminder:{session.team_id}:{session.contact_id}:{now:%Y%m%d}")  # fmt: skip
    return len(due)


def purge_event_keys(svc: Services, now: datetime) -> int:
    """Forget the Slack event ids seen more than KEEP_EVENT_KEYS ago; returns how many went."""
    with svc.uow() as uow:
        purged = uow.events.purge_before(now - KEEP_EVENT_KEYS)
        uow.commit()
    return purged


def tick(svc: Services, client_for: Callable[[str], WebClient], now: datetime | None = None) -> None:
    now = now or svc.clock.now()
    try:
        digest_pass(svc, client_for, now)
        discovery_reminders(svc, client_for, now)
        followup_pass(svc, client_for, now)
        if now.minute == 0:  # once an hour is plenty
            purge_event_keys(svc, now)
    except Exception:  # one bad tick must not stop the schedule
        log.exception("scheduled tick failed")


def start(svc: Services, client_for: Callable[[str], WebClient], *, interval: float = 60.0) -> threading.Event:
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(interval):
            tick(svc, client_for)

    threading.Thread(target=loop, name="banter-schedule", daemon=True).start()
    return stop
