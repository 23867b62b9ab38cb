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
