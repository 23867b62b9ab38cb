"""`python app.py worker`: digests, discovery reminders, follow-ups and housekeeping as procrastinate jobs (PostgreSQL).

Run as many as you like, on as many hosts: each periodic job is deferred once per period, and a digest is
posted once per channel and day whoever runs the pass.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys

from settings import Config, ConfigError

log = logging.getLogger("banter.worker")


def _needs_postgresql(cfg: Config) -> str | None:
    if cfg.database_url.startswith("sqlite:"):
        return ("`python app.py worker` needs PostgreSQL (DATABASE_URL=postgresql://user@host/dbname). "
                "With SQLite, `python app.py serve` runs digests, reminders and follow-ups itself.")  # fmt: skip
    return None


def main(cfg: Config, args: argparse.Namespace) -> int:
    problem = _needs_postgresql(cfg)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    if not cfg.has_slack:
        raise ConfigError("the worker posts to Slack: set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET")
    from app import build
    from handlers import tasks

    banter = build(cfg)  # applies migrations under PostgreSQL's advisory lock: several workers may start at once
    app = tasks.make_app(cfg.database_url, pool_size=max(2, args.concurrency + 1))
    name = f"banter-{socket.gethostname()}-{os.getpid()}"
    log.info("Banter worker %s is running (concurrency %s)", name, args.concurrency)
    app.run_worker(
        name=name,
        concurrency=args.concurrency,
        additional_context={"banter": banter},
        delete_jobs="successful",  # a job a minute would otherwise pile up
        install_signal_handlers=True,
    )
    return 0
