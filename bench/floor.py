"""The floor: a bare Bolt app on Banter's own server stack that only answers "ok" in the thread.

Whatever this costs, any Bolt bot served this way costs at least as much; Banter is measured against it.
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from slack_bolt import App, Say
from slack_sdk import WebClient

import settings
from handlers.http import serve, wsgi_app


def build_floor(cfg: settings.Config) -> App:
    app = App(
        token=cfg.bot_token, signing_secret=cfg.signing_secret,
        client=WebClient(token=cfg.bot_token, base_url=cfg.api_url), logger=logging.getLogger("floor"),
    )  # fmt: skip

    @app.event("app_mention")
    def reply(event: dict[str, Any], say: Say) -> None:
        say(text="ok", thread_ts=event.get("thread_ts") or event["ts"])

    @app.event("message")
    def ignore() -> None:
        return None

    return app


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.floor")
    p.add_argument("--port", type=int, required=True)
    args = p.parse_args()
    cfg = settings.load()
    logging.basicConfig(level=cfg.log_level)
    serve(lambda: wsgi_app(build_floor(cfg), lambda: True), port=args.port, workers=1)


if __name__ == "__main__":
    main()
