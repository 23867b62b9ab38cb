"""Banter as separate processes on loopback: `python app.py serve|worker|digest` against a fake Slack in the
test process and a PostgreSQL schema of their own. Skipped without TEST_DATABASE_URL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from sandbox.fakeslack import FakeSlack
from storage import migrate
from storage.db import make_engine, normalise_url

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("TEST_DATABASE_URL", "")


def wait_for(check: Callable[[], Any], timeout: float = 20.0, every: float = 0.1, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Database:
    """One schema for one test: its URL for Banter, an engine for the test, and a way to cut its connections."""

    schema: str
    url: str
    engine: Engine

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()

    def rows(self, sql: str, **params: Any) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(text(sql), params))

    def terminate_banter_sessions(self) -> int:
        """What a PostgreSQL restart does to Banter's connections, without restarting the shared server."""
        return len(self.rows(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :app AND pid <> pg_backend_pid()",
            app=self.schema,
        ))  # fmt: skip


@contextmanager
def own_schema(prefix: str, *, migrated: bool) -> Iterator[Database]:
    """A PostgreSQL schema of the test's own (migrated to head, or empty), dropped afterwards."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    base = normalise_url(PG_URL)
    sep = "&" if "?" in base else "?"
    # application_name marks Banter's own sessions so a test can terminate exactly those.
    url = f"{base}{sep}options=-csearch_path%3D{schema}&application_name={schema}"
    engine = make_engine(f"{base}{sep}options=-csearch_path%3D{schema}&application_name=test_{schema}")
    if migrated:
        migrate.upgrade(engine)
    try:
        yield Database(schema, url, engine)
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :a"),
                         {"a": schema})  # fmt: skip
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def database() -> Iterator[Database]:
    with own_schema("banter_mp", migrated=True) as db:
        yield db


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(echo_bot_messages=False).start()
    yield fake
    fake.stop()


@dataclass
class Processes:
    """Banter commands run as child processes; every one is stopped at the end of the test."""

    env: dict[str, str]
    logs: Path
    started: list[tuple[subprocess.Popen[bytes], Path]] = field(default_factory=list)

    def start(self, *args: str, **env: str) -> subprocess.Popen[bytes]:
        out = self.logs / f"{len(self.started)}-{args[0]}.log"
        proc = subprocess.Popen(
            [sys.executable, "app.py", *args], cwd=ROOT, env={**self.env, **env},
            stdout=out.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        self.started.append((proc, out))
        return proc

    def run(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "app.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=timeout)  # fmt: skip

    def output(self, proc: subprocess.Popen[bytes]) -> str:
        path = next(p for q, p in self.started if q is proc)
        return path.read_text(errors="replace")

    def stop_all(self) -> None:
        for proc, _ in self.started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc, _ in self.started:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


@contextmanager
def banter_processes(database: Database, slack: FakeSlack, tmp_path: Path) -> Iterator[Processes]:
    """Banter's command line run as child processes against `database` and the fake Slack; all stopped after."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BANTER_")) and k != "DATABASE_URL"}
    env.update(
        SLACK_BOT_TOKEN=slack.team.bot_token, SLACK_SIGNING_SECRET=slack.signing_secret, SLACK_API_URL=slack.api_url,
        DATABASE_URL=database.url, LOG_LEVEL="INFO", PYTHONUNBUFFERED="1",
    )  # fmt: skip
    procs = Processes(env, tmp_path)
    try:
        yield procs
    finally:
        procs.stop_all()


@pytest.fixture
def processes(database: Database, slack: FakeSlack, tmp_path: Path) -> Iterator[Processes]:
    with banter_processes(database, slack, tmp_path) as procs:
        yield procs


def serve_http(processes: Processes, workers: int, **env: str) -> tuple[subprocess.Popen[bytes], str]:
    """`python app.py serve --http --workers N`, once /healthz answers; returns the process and its base URL."""
    port = free_port()
    proc = processes.start("serve", "--http", "--port", str(port), "--workers", str(workers), **env)
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early:\n{processes.output(proc)}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            return False

    wait_for(up, timeout=30, every=0.2, what="the HTTP workers to answer /healthz")
    return proc, base
