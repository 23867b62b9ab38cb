"""Logging: one line per record, secrets never printed."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

_TOKEN = re.compile(r"\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+")
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class Redact(logging.Filter):
    """Removes Slack tokens and configured secrets from every record, wherever they hide."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if len(s) >= 6]

    def scrub(self, text: str) -> str:
        text = _TOKEN.sub("[redacted]", text)
        for s in self.secrets:
            text = text.replace(s, "[redacted]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.scrub(record.getMessage())
        record.args = ()
        if record.exc_info and record.exc_info[1] is not None:
            import traceback

            record.exc_text = self.scrub("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        for k, v in list(record.__dict__.items()):
            if k not in _STANDARD and isinstance(v, str):
                record.__dict__[k] = self.scrub(v)
        return True


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().replace("\n", " | ")  # one record, one line (SQL and tracebacks span several)
        base = f"{self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} {record.levelname} {record.name}: {message}"
        extras = " ".join(f"{k}={v}" for k, v in record.__dict__.items() if k not in _STANDARD)
        line = f"{base} {extras}".rstrip()
        if record.exc_text:
            line += " | " + record.exc_text.replace("\n", " | ")
        return line


def setup(level: str, secrets: Iterable[str] = (), stream=None) -> Redact:  # noqa: ANN001
    handler = logging.StreamHandler(stream or sys.stderr)
    redact = Redact(secrets)
    handler.addFilter(redact)
    handler.setFormatter(KeyValueFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("slack_bolt", "slack_sdk", "urllib3", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.getLevelName(level), logging.WARNING))
    return redact
