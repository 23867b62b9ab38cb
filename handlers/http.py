"""HTTP mode: one endpoint for everything Slack sends, a health check, served by gunicorn."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

log = logging.getLogger("banter.http")

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def wsgi_app(app: App, healthy: Callable[[], bool], extra: dict[str, Wsgi] | None = None) -> Wsgi:
    slack = SlackRequestHandler(app)
    routes = extra or {}

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == "/healthz":
            ok = healthy()
            body = json.dumps({"ok": ok, "database": "reachable" if ok else "unreachable"}).encode()
            start_response("200 OK" if ok else "503 Service Unavailable", [("Content-Type", "application/json")])
            return [body]
        if path == "/slack/events" and method == "POST":
            try:
                return slack(environ, start_response)
            except (ValueError, AttributeError, TypeError) as exc:
                # Bolt parses the body before it checks the signature or dispatches; a body it cannot parse
                # (truncated JSON, a form whose payload is not an object) is junk, not a server error.
                log.warning("unreadable request body refused: %s", type(exc).__name__)
                start_response("400 Bad Request", [("Content-Type", "text/plain")])
                return [b"Bad request.\n"]
        if path in routes:
            return routes[path](environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Not found. Slack posts to /slack/events; health is at /healthz.\n"]

    return application


def serve(factory: Callable[[], Wsgi], *, port: int, workers: int = 1, threads: int = 8,
          on_ready: Callable[[], None] | None = None) -> None:  # fmt: skip
    """Run under gunicorn's gthread workers; each worker builds its own app after the fork."""
    from gunicorn.app.base import BaseApplication

    class Banter(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"0.0.0.0:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", threads)
            self.cfg.set("timeout", 30)
            self.cfg.set("graceful_timeout", 10)
            self.cfg.set("accesslog", None)
            self.cfg.set("control_socket_disable", True)  # one shared control socket per host would clash
            if on_ready is not None:
                self.cfg.set("when_ready", lambda _server: on_ready())

        def load(self) -> Wsgi:
            return factory()

    Banter().run()
