"""What one machine's database cannot do is refused at once, with the way out in the message."""

from __future__ import annotations

from pathlib import Path

import pytest

import app

SLACK = {"SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_SIGNING_SECRET": "s"}


def test_several_http_workers_on_sqlite_are_refused_with_a_pointer_to_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**SLACK, "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}
    assert app.main(["serve", "--http", "--workers", "3"], environ=env) == 2
    err = capsys.readouterr().err
    assert "--workers 3 needs PostgreSQL" in err and "DATABASE_URL=postgresql://" in err
    assert not (tmp_path / "b.db").exists()  # refused before touching anything


def test_the_task_worker_on_sqlite_is_refused_and_says_serve_runs_the_schedule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {**SLACK, "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}
    assert app.main(["worker"], environ=env) == 2
    assert "needs PostgreSQL" in capsys.readouterr().err


def test_a_procrastinate_connection_uses_the_same_database_url() -> None:
    from handlers.tasks import conninfo

    assert conninfo("postgres://u@h:5432/db?options=-csearch_path%3Ds") == "postgresql://u@h:5432/db?options=-csearch_path%3Ds"
    with pytest.raises(ValueError):
        conninfo("sqlite:///data/banter.db")
