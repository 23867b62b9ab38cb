"""The database edge on SQLite and PostgreSQL: the guarantees the use cases lean on."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from bot.model import BantItem, Budget, BudgetPeriod, Stage
from bot.records import AnswerRecord, ContactRecord, StageRecord
from storage.db import make_engine, make_session_factory
from storage.models import Base
from storage.uow import SqlUnitOfWorkFactory

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
T = "T0BANTER"


@pytest.fixture
def uow(db_url: str):  # noqa: ANN201
    engine = make_engine(db_url)
    yield SqlUnitOfWorkFactory(make_session_factory(engine))
    engine.dispose()


def _contact(uow_factory, name: str = "Jane Doe", keys=("email:jane@acme.com",), team: str = T) -> int:  # noqa: ANN001
    with uow_factory() as u:
        c = u.contacts.add(ContactRecord(team_id=team, name=name, owner_id="U1", created_at=NOW, updated_at=NOW,
                                         last_activity_at=NOW), list(keys))
        u.commit()
    return c.id


def test_migrations_match_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()

    def ours(entry: object) -> bool:  # slack-sdk's installation stores own their tables
        obj = entry[1] if isinstance(entry, tuple) and len(entry) > 1 else None
        table = getattr(getattr(obj, "table", None), "name", None) or getattr(obj, "name", "")
        return not str(table).startswith(("slack_", "procrastinate_"))

    assert [d for d in diff if ours(d)] == []


def test_a_duplicate_key_finds_the_first_contact_and_never_moves(uow) -> None:  # noqa: ANN001
    first = _contact(uow)
    with uow() as u:
        u.contacts.add_keys(T, first, ["email:jane@acme.com", "phone:+14155550132"])
        u.commit()
    with uow() as u:
        assert u.contacts.find_by_keys(T, ["phone:+14155550132"]).id == first
        assert u.contacts.find_by_keys("T0OTHER", ["email:jane@acme.com"]) is None, "keys are per workspace"


def test_a_contact_of_another_workspace_is_invisible(uow) -> None:  # noqa: ANN001
    other = _contact(uow, team="T0OTHER")
    with uow() as u:
        assert u.contacts.get(T, other) is None and u.contacts.get("T0OTHER", other) is not None


def test_answers_keep_the_raw_text_and_undo_restores_the_previous_one(uow) -> None:  # noqa: ANN001
    cid = _contact(uow)
    b1 = Budget(Decimal(50000), Decimal(50000), "USD", BudgetPeriod.YEAR)
    b2 = Budget(none=True)
    with uow() as u:
        u.answers.add(T, cid, AnswerRecord(BantItem.BUDGET, "about 50k a year", b1, "U1", NOW), "C1", "1.1")
        u.answers.add(T, cid, AnswerRecord(BantItem.BUDGET, "no budget", b2, "U2", NOW + timedelta(minutes=1)), "C1", "1.2")
        u.commit()
    with uow() as u:
        assert u.answers.current(T, cid).budget == b2
        undone = u.answers.undo_last(T, cid, NOW + timedelta(minutes=2))
        u.commit()
    assert undone is not None and undone.raw_text == "no budget"
    with uow() as u:
        assert u.answers.current(T, cid).budget == b1
        assert [a.raw_text for a in u.answers.history(T, cid)] == ["about 50k a year"]


def test_times_come_back_aware_and_in_utc(uow) -> None:  # noqa: ANN001
    cid = _contact(uow)
    with uow() as u:
        c = u.contacts.get(T, cid)
    assert c.created_at == NOW and c.created_at.tzinfo is not None


def test_a_digest_delivery_is_claimed_once_however_many_try_at_once(uow) -> None:  # noqa: ANN001
    wins: list[bool] = []
    barrier = threading.Barrier(6)

    def claim() -> None:
        with uow() as u:
            barrier.wait()
            won = u.digests.claim(T, "C1", date(2026, 11, 24), NOW)
            u.commit()
        wins.append(won)

    threads = [threading.Thread(target=claim) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins) == [False] * 5 + [True]


def test_a_stale_claim_is_taken_over_by_exactly_one(uow) -> None:  # noqa: ANN001
    with uow() as u:
        assert u.digests.claim(T, "C1", date(2026, 11, 24), NOW)
        u.commit()
    later = NOW + timedelta(minutes=5)
    with uow() as u:
        assert u.digests.reclaim(T, "C1", date(2026, 11, 24), later - timedelta(minutes=2), later)
        u.commit()
    with uow() as u:
        assert not u.digests.reclaim(T, "C1", date(2026, 11, 24), later - timedelta(minutes=2), later)


def test_a_slack_event_is_processed_once(uow) -> None:  # noqa: ANN001
    with uow() as u:
        assert u.events.first_time(T, "msg:abc", NOW)
        assert not u.events.first_time(T, "msg:abc", NOW)
        u.commit()
    with uow() as u:
        assert not u.events.first_time(T, "msg:abc", NOW)
        assert u.events.first_time("T0OTHER", "msg:abc", NOW)


def test_one_alert_per_contact_per_kind(uow) -> None:  # noqa: ANN001
    cid = _contact(uow)
    with uow() as u:
        assert u.alerts.claim(T, cid, "promoted", NOW)
        assert not u.alerts.claim(T, cid, "promoted", NOW)
        assert u.alerts.claim(T, cid, "hot", NOW)


def test_stage_history_records_who_and_why_in_order(uow) -> None:  # noqa: ANN001
    cid = _contact(uow)
    with uow() as u:
        u.stages.record(T, cid, StageRecord(None, Stage.LEAD, NOW, "U1", "logged"))
        u.stages.record(T, cid, StageRecord(Stage.LEAD, Stage.PROSPECT, NOW + timedelta(hours=1), None, "BANT 4 of 4"))
        u.commit()
    with uow() as u:
        h = u.stages.history(T, cid)
        assert [(x.to_stage, x.by_user) for x in h] == [(Stage.LEAD, "U1"), (Stage.PROSPECT, None)]
        assert u.stages.promotions_since(T, NOW) == 1


def test_nothing_half_written_when_a_unit_of_work_is_not_committed(uow) -> None:  # noqa: ANN001
    with uow() as u:
        u.contacts.add(ContactRecord(team_id=T, name="Ghost", created_at=NOW, updated_at=NOW, last_activity_at=NOW), [])
    with uow() as u:
        assert u.contacts.all(T) == []


def test_stage_counts_stop_at_the_cap_so_a_digest_never_scans_every_lead(uow) -> None:  # noqa: ANN001
    for i in range(5):
        _contact(uow, name=f"Lead {i}", keys=[f"email:l{i}@x.com"])
    with uow() as u:
        assert u.contacts.stage_counts(T) == {"lead": 5}
        assert u.contacts.stage_counts(T, cap=3) == {"lead": 4}  # "3+"
