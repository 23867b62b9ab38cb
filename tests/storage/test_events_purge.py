"""Slack event ids are kept long enough to stop retries, then forgotten: processed_events does not grow forever."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import text

from handlers.scheduler import KEEP_EVENT_KEYS, purge_event_keys
from storage.db import make_engine, make_session_factory
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
T = "T0BANTER"


@pytest.fixture
def uow(db_url: str) -> Iterator[SqlUnitOfWorkFactory]:
    engine = make_engine(db_url)
    yield SqlUnitOfWorkFactory(make_session_factory(engine))
    engine.dispose()


def _seen(uow: SqlUnitOfWorkFactory, *ages: timedelta) -> None:
    with uow() as u:
        for n, age in enumerate(ages):
            assert u.events.first_time(T, f"Ev{n}", NOW - age)
        u.commit()


def _keys(uow: SqlUnitOfWorkFactory) -> list[str]:
    with uow() as u:
        return sorted(u.session.scalars(text("SELECT event_key FROM processed_events")))


def test_purging_forgets_only_the_event_ids_seen_before_the_cutoff(uow: SqlUnitOfWorkFactory) -> None:
    _seen(uow, timedelta(days=3), timedelta(days=2, seconds=1), timedelta(days=2), timedelta(minutes=5))
    with uow() as u:
        assert u.events.purge_before(NOW - timedelta(days=2)) == 2
        u.commit()
    assert _keys(uow) == ["Ev2", "Ev3"]


def test_a_forgotten_event_id_counts_as_new_again_while_a_kept_one_is_still_refused(
    uow: SqlUnitOfWorkFactory,
) -> None:
    _seen(uow, timedelta(days=5), timedelta(hours=1))
    with uow() as u:
        u.events.purge_before(NOW - timedelta(days=2))
        u.commit()
    with uow() as u:
        assert u.events.first_time(T, "Ev0", NOW) and not u.events.first_time(T, "Ev1", NOW)


def test_purging_an_empty_table_removes_nothing(uow: SqlUnitOfWorkFactory) -> None:
    with uow() as u:
        assert u.events.purge_before(NOW) == 0


def test_the_scheduled_purge_keeps_two_days_of_event_ids(uow: SqlUnitOfWorkFactory) -> None:
    svc = SimpleNamespace(uow=uow)  # purge_event_keys needs only the unit of work from Banter's services
    _seen(uow, KEEP_EVENT_KEYS + timedelta(minutes=1), KEEP_EVENT_KEYS - timedelta(minutes=1))
    assert KEEP_EVENT_KEYS == timedelta(days=2)
    assert purge_event_keys(svc, NOW) == 1  # type: ignore[arg-type]
    assert _keys(uow) == ["Ev1"]


def test_the_minute_tick_forgets_old_event_ids_on_the_hour_only(world) -> None:  # noqa: ANN001
    from handlers.scheduler import tick

    uow = world.banter.svc.uow
    start = world.clock.now().replace(minute=0, second=0, microsecond=0)
    with uow() as u:
        assert u.events.first_time(T, "EvOld", start - timedelta(days=3))
        u.commit()
    tick(world.banter.svc, world.banter.client_for, start + timedelta(minutes=30))
    assert "EvOld" in _keys(uow)
    tick(world.banter.svc, world.banter.client_for, start + timedelta(hours=1))
    assert "EvOld" not in _keys(uow)
