"""A quiet discovery is reminded once, even when two reminder passes overlap (PostgreSQL lets them)."""

from __future__ import annotations

import threading
import time

from sqlalchemy import text

from bot.services.discovery import due_reminders
from tests.harness import World

JANE = "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132"


def _quiet_discovery(world: World) -> str:
    """A discovery with one answer, then silence; returns its thread."""
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    (card,) = world.replies(world.ch("sales"), said.ts)
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "about 60k", thread_ts=said.ts)
    return said.ts


def _blocked_on_a_lock(world: World, pid: int) -> bool:
    with world.uow() as uow:
        query = text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid")
        return uow.session.execute(query, {"pid": pid}).scalar() == "Lock"


def test_two_overlapping_reminder_passes_remind_a_quiet_discovery_once(world: World) -> None:
    _quiet_discovery(world)
    now = world.clock.advance(days=10)
    postgres = world.db_url.startswith("postgresql")
    second: list[int] = []
    second_pid: list[int] = []
    with world.uow() as first:
        assert len(due_reminders(first, now)) == 1
        # The second pass starts before the first commits. On PostgreSQL it reads the same idle session and
        # must wait on the first's claim; on SQLite it waits for the write lock before reading anything.

        def other_pass() -> None:
            with world.uow() as uow:
                if postgres:
                    second_pid.append(uow.session.execute(text("SELECT pg_backend_pid()")).scalar())
                second.append(len(due_reminders(uow, now)))
                uow.commit()

        t = threading.Thread(target=other_pass)
        t.start()
        deadline = time.monotonic() + 10
        if postgres:
            while (
                not (second_pid and _blocked_on_a_lock(world, second_pid[0])) and time.monotonic() < deadline
            ):
                time.sleep(0.02)
            assert second_pid and _blocked_on_a_lock(world, second_pid[0]), "the second pass never overlapped"
        else:
            time.sleep(0.2)
        first.commit()
    t.join(10)
    assert second == [0]
    with world.uow() as uow:
        assert due_reminders(uow, world.clock.advance(days=1)) == [], "still one per quiet spell"


def test_an_answer_after_a_reminder_starts_a_new_quiet_spell_with_its_own_reminder(world: World) -> None:
    thread = _quiet_discovery(world)
    with world.uow() as uow:
        assert len(due_reminders(uow, world.clock.advance(days=10))) == 1
        uow.commit()
    world.clock.advance(hours=2)
    world.slack.say(world.ann, world.ch("sales"), "she makes the call", thread_ts=thread)
    with world.uow() as uow:
        assert due_reminders(uow, world.clock.advance(days=1)) == []
        assert len(due_reminders(uow, world.clock.advance(days=10))) == 1
