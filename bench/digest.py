"""Digest cost: rank and render one channel's digest with N contacts stored, on SQLite and PostgreSQL.

The workspace holds a fixed set of prospects (with BANT answers) and a growing crowd of leads, customers and
disqualified contacts, so a digest that grows with what it shows stays flat from one size to the next.
"""

from __future__ import annotations

import json
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select, text

from bot.bant.authority import parse_authority
from bot.bant.budget import parse_budget
from bot.bant.need import parse_need
from bot.bant.timeline import parse_timeline
from storage import codec
from storage import models as m

TEAM = "T0BENCH"
CHANNEL = "C0DIGEST"
TZ = "Europe/Berlin"
NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
PROSPECTS = 500
BATCH = 20_000
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"

COLUMNS = ("team_id", "name", "title", "company", "emails", "phones", "website", "linkedin", "event", "source",
           "signals", "note", "owner_id", "stage", "stage_set_by_person", "score", "temperature", "channel_id",
           "thread_ts", "card_ts", "created_at", "updated_at", "last_activity_at", "promoted_at", "follow_up_at",
           "snoozed_until", "removed_at", "forgotten_at")  # fmt: skip


@dataclass
class DigestCost:
    backend: str
    contacts: int
    prospects: int
    median_ms: float | None
    runs: int
    error: str = ""


def _stage(i: int) -> tuple[str, str]:
    if i < PROSPECTS:
        return "prospect", ("hot", "warm", "cold")[i % 3]
    kind = i % 40
    if kind == 0:
        return "customer", "warm"
    if kind == 1:
        return "disqualified", "cold"
    return "lead", "hot" if kind == 2 else ("warm" if kind < 8 else "cold")


def contact_row(i: int) -> dict[str, Any]:
    stage, temperature = _stage(i)
    created = NOW - timedelta(days=1 + i % 90, minutes=i % 1440)
    return {
        "team_id": TEAM, "name": f"Person {i}", "title": "VP Marketing", "company": f"Company {i // 3}",
        "emails": json.dumps([f"person{i}@company{i // 3}.example"]), "phones": "[]", "website": "",
        "linkedin": "", "event": "SaaStr 2026" if i % 2 else "Web Summit", "source": "mention",
        "signals": json.dumps(["demo"] if i % 5 == 0 else []), "note": "", "owner_id": f"U{i % 12:08d}",
        "stage": stage, "stage_set_by_person": False, "score": (i * 37) % 100, "temperature": temperature,
        "channel_id": f"C{i % 50:08d}", "thread_ts": f"{1790000000 + i}.000100", "card_ts": f"{1790000000 + i}.000200",
        "created_at": created, "updated_at": created, "last_activity_at": created + timedelta(days=i % 7),
        "promoted_at": created + timedelta(hours=1) if stage == "prospect" else None,
        "follow_up_at": NOW + timedelta(days=i % 10) if i % 9 == 0 else None,
        "snoozed_until": None, "removed_at": None, "forgotten_at": None,
    }  # fmt: skip


def _answers(contact_id: int, i: int) -> list[dict[str, Any]]:
    values = {
        "authority": parse_authority(("decision maker", "influencer, her CFO signs off")[i % 2]),
        "budget": parse_budget(f"about ${20 + i % 80}k a year"),
        "need": parse_need("spreadsheets are breaking, they need pipeline analytics"),
        "timeline": parse_timeline(f"in {1 + i % 26} weeks", now=NOW),
    }
    return [{"team_id": TEAM, "contact_id": contact_id, "item": item, "raw_text": item, "value": codec.encode(v),
             "user_id": "U00000001", "channel_id": CHANNEL, "message_ts": "", "answered_at": NOW - timedelta(days=2),
             "undone_at": None} for item, v in values.items() if v is not None]  # fmt: skip


def _rows(start: int, stop: int, json_as_text: bool) -> Iterator[dict[str, Any]]:
    for i in range(start, stop):
        row = contact_row(i)
        if not json_as_text:
            row.update({k: json.loads(row[k]) for k in ("emails", "phones", "signals")})
        yield row


def seed(engine: Engine, start: int, stop: int) -> None:
    """Add contacts start..stop (COPY on PostgreSQL, one executemany transaction on SQLite)."""
    if engine.dialect.name == "postgresql":
        raw = engine.raw_connection()
        try:
            with raw.cursor() as cur, cur.copy(f"COPY contacts ({', '.join(COLUMNS)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in _rows(start, stop, json_as_text=True):
                    copy.write_row([row[c] for c in COLUMNS])
            raw.commit()
        finally:
            raw.close()
    else:
        with engine.begin() as conn:
            batch: list[dict[str, Any]] = []
            for row in _rows(start, stop, json_as_text=False):
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.execute(insert(m.Contact), batch)
                    batch = []
            if batch:
                conn.execute(insert(m.Contact), batch)
    if start == 0:
        with engine.begin() as conn:
            ids = conn.execute(select(m.Contact.id).where(m.Contact.stage == "prospect").order_by(m.Contact.id)).scalars()
            answers = [a for i, cid in enumerate(ids) for a in _answers(cid, i)]
            conn.execute(insert(m.BantAnswerRow), answers)
    if engine.dialect.name == "postgresql":
        # A database in service is vacuumed by autovacuum; right after a bulk COPY it is not, and the first
        # reads would pay for setting every page's hint bits. Measure the steady state.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def time_digest(uow_factory: Any, runs: int) -> float:
    from bot.services.digest import build_digest
    from handlers.blocks.digest import digest

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        with uow_factory() as uow:
            view = build_digest(uow, TEAM, CHANNEL, {}, NOW, TZ)
        _, blocks = digest(view, lambda cid: f"https://acme.slack.com/archives/{CHANNEL}/p{cid}")
        times.append((time.perf_counter() - t0) * 1000)
        assert blocks, "the digest rendered nothing"
    return statistics.median(times)


@contextmanager
def database(backend: str, workdir: Path) -> Iterator[str]:
    """A fresh database: a SQLite file, or a PostgreSQL schema of our own, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{workdir / f'digest-{uuid.uuid4().hex[:6]}.db'}"
        return
    from storage.db import make_engine

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def digest_costs(backend: str, sizes: list[int], workdir: Path, log: Any = print) -> list[DigestCost]:
    from app import open_database

    out: list[DigestCost] = []
    with database(backend, workdir) as url:
        engine, uow_factory = open_database(url)
        try:
            stored = 0
            for size in sizes:
                t0 = time.perf_counter()
                seed(engine, stored, size)
                stored = size
                log(f"  {backend}: {size:,} contacts stored in {time.perf_counter() - t0:.1f} s")
                runs = 3  # the median of three, at every size
                try:
                    out.append(DigestCost(backend, size, PROSPECTS, time_digest(uow_factory, runs), runs))
                except Exception as exc:  # noqa: BLE001 - a failing digest is a result to report
                    out.append(DigestCost(backend, size, PROSPECTS, None, runs, f"{type(exc).__name__}: {str(exc)[:160]}"))
        finally:
            engine.dispose()
    return out
