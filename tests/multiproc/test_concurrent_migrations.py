"""Several Banter processes starting at once on a fresh PostgreSQL schema: one migrates, the others wait and
find nothing to do. Every process exits 0 (or comes up) and the schema is at head once. Skipped without
TEST_DATABASE_URL."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from sandbox.fakeslack import FakeSlack
from storage import migrate
from storage.db import make_engine
from storage.models import Base
from tests.multiproc.conftest import (
    ROOT,
    Database,
    Processes,
    banter_processes,
    free_port,
    own_schema,
    wait_for,
)

HEAD = ScriptDirectory.from_config(migrate._config(make_engine("sqlite://"))).get_current_head()


@pytest.fixture
def fresh() -> Iterator[Database]:
    """An empty schema: no tables, no alembic_version."""
    with own_schema("banter_mig", migrated=False) as db:
        yield db


@pytest.fixture
def procs(fresh: Database, slack: FakeSlack, tmp_path: Path) -> Iterator[Processes]:
    with banter_processes(fresh, slack, tmp_path) as p:
        yield p


def _tables(db: Database) -> set[str]:
    rows = db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = :s", s=db.schema)
    return {r[0] for r in rows}


def _at_head_once(db: Database) -> None:
    assert [tuple(r) for r in db.rows("SELECT version_num FROM alembic_version")] == [(HEAD,)]
    assert {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"} <= _tables(db)


def test_the_schema_starts_empty_so_the_race_is_real(fresh: Database) -> None:
    assert _tables(fresh) == set()


def test_three_db_upgrades_started_at_once_all_succeed_and_migrate_once(fresh: Database, procs: Processes) -> None:
    started = [subprocess.Popen([sys.executable, "app.py", "db", "upgrade"], cwd=ROOT, env=procs.env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(3)]  # fmt: skip
    outs = [p.communicate(timeout=90)[0] for p in started]
    assert [p.returncode for p in started] == [0, 0, 0], outs
    assert all("Database is up to date." in o for o in outs), outs
    _at_head_once(fresh)


def test_three_servers_starting_at_once_on_a_fresh_schema_all_come_up(fresh: Database, procs: Processes) -> None:
    ports = [free_port() for _ in range(3)]
    servers = [procs.start("serve", "--http", "--port", str(port)) for port in ports]

    def all_up() -> bool:
        for proc, port in zip(servers, ports, strict=True):
            if proc.poll() is not None:
                raise AssertionError(f"serve exited with {proc.returncode}:\n{procs.output(proc)}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                    if resp.status != 200:
                        return False
            except OSError:
                return False
        return True

    wait_for(all_up, timeout=60, every=0.2, what="three servers to answer /healthz")
    _at_head_once(fresh)
    assert all("Traceback" not in procs.output(p) for p in servers), [procs.output(p) for p in servers]
