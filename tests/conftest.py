"""Databases for every storage and end-to-end test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import migrate
from storage.db import make_engine, normalise_url
from storage.models import Base

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]


def _pg_schema_url(schema: str) -> str:
    base = normalise_url(PG_URL)
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session", autouse=True)
def dateparser_loaded() -> None:
    """Servers load dateparser's tables at start-up (app.warm_up_in_background); so does the suite, once, before
    any test times a parser."""
    from bot.bant.periods import warm_up

    warm_up()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "banter.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str]:
    """One migrated schema per test process; tables are emptied between tests."""
    if not PG_URL:
        pytest.skip("TEST_DATABASE_URL is not set")
    schema = f"banter_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # under CI a configured but unreachable PostgreSQL is a failure, not a skip
        pytest.fail(f"TEST_DATABASE_URL is set but PostgreSQL is unreachable: {type(exc).__name__}: {exc}")
    engine = make_engine(_pg_schema_url(schema))
    migrate.upgrade(engine)
    engine.dispose()
    yield schema
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "banter.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    schema = request.getfixturevalue("pg_schema")
    url = _pg_schema_url(schema)
    engine = make_engine(url)
    with engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()
    yield url


@pytest.fixture
def world(db_url: str):  # noqa: ANN201
    from tests.harness import make_world

    w = make_world(db_url)
    yield w
    w.slack.stop()
    w.executor.shutdown(wait=True)
    w.banter.engine.dispose()  # type: ignore[attr-defined]
