"""Configuration mistakes get one clear line naming the variable, exit status 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SLACK_BOT_TOKEN": "xoxp-user-token"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "abc"}, "SLACK_APP_TOKEN"),
        ({"SLACK_API_URL": "ftp://x"}, "SLACK_API_URL"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"PORT": "http"}, "PORT"),
    ],
)
def test_a_malformed_setting_is_named_with_how_to_fix_it(env: dict[str, str], named: str) -> None:
    with pytest.raises(settings.ConfigError, match=named):
        settings.load(env, env_file="/nonexistent")


def test_serving_without_a_signing_secret_says_which_variable(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "SLACK_BOT_TOKEN": "xoxb-1", "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}
    out = subprocess.run([sys.executable, str(ROOT / "app.py"), "serve", "--http"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "SLACK_SIGNING_SECRET" in lines[0] and "Traceback" not in out.stderr


def test_a_dot_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-file\nLOG_LEVEL=debug\n")
    cfg = settings.load({"LOG_LEVEL": "WARNING"}, env_file=tmp_path / ".env")
    assert (cfg.bot_token, cfg.log_level) == ("xoxb-from-file", "WARNING")


def test_every_command_has_help() -> None:
    for cmd in ("serve", "db", "digest", "export", "import", "sandbox", "worker"):
        out = subprocess.run([sys.executable, "app.py", cmd, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert out.returncode == 0 and "usage: python app.py " + cmd in out.stdout, cmd


def test_digest_at_needs_an_instant_with_an_offset(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}
    out = subprocess.run([sys.executable, str(ROOT / "app.py"), "digest", "--at", "tomorrow"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "--at" in out.stderr and "Traceback" not in out.stderr


def _run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "app.py"), *args], env={"PATH": os.environ["PATH"], **env},
                          cwd=cwd, capture_output=True, text=True, timeout=60)  # fmt: skip


def _one_clear_line(out: subprocess.CompletedProcess[str], named: str) -> str:
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {named}"), out.stderr
    return lines[0]


@pytest.mark.parametrize("args", [["export", "-"], ["digest"], ["serve", "--http", "--port", "1"]])
def test_an_unreachable_database_is_one_line_naming_database_url_without_its_password(
    args: list[str], tmp_path: Path
) -> None:
    env = {"DATABASE_URL": "postgresql://banter:s3cret-pw@127.0.0.1:9/pipeline", "SLACK_BOT_TOKEN": "xoxb-1",
           "SLACK_SIGNING_SECRET": "x"}  # fmt: skip
    line = _one_clear_line(_run(args, env, tmp_path), "DATABASE_URL")
    assert "127.0.0.1:9/pipeline" in line and "s3cret-pw" not in line


@pytest.mark.parametrize("args", [["digest"], ["serve", "--http", "--port", "1"]])
def test_a_token_slack_refuses_is_one_line_naming_slack_bot_token(args: list[str], tmp_path: Path) -> None:
    from sandbox.fakeslack import FakeSlack

    fake = FakeSlack().start()
    try:
        env = {"SLACK_BOT_TOKEN": "xoxb-revoked-long-ago", "SLACK_SIGNING_SECRET": fake.signing_secret,
               "SLACK_API_URL": fake.api_url, "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}  # fmt: skip
        line = _one_clear_line(_run(args, env, tmp_path), "SLACK_BOT_TOKEN")
        assert "invalid_auth" in line and "xoxb-revoked" not in line
    finally:
        fake.stop()


def test_an_unreachable_slack_api_url_ends_in_a_line_naming_it(tmp_path: Path) -> None:
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "x", "SLACK_API_URL": "http://127.0.0.1:9/api/",
           "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}  # fmt: skip
    out = _run(["digest"], env, tmp_path)  # slack_sdk logs each failed attempt before Banter gives up
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("error: SLACK_API_URL: cannot reach Slack"), out.stderr
