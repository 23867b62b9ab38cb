"""Banter's composition root and command line.

settings -> engine and units of work -> services -> Bolt App -> listeners; then serve, sandbox,
digest, export, import or db, as the command line asks.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import settings as settings_module
from settings import Config, ConfigError

log = logging.getLogger("banter")


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass
class Banter:
    config: Config
    app: object  # slack_bolt.App
    svc: object  # handlers.context.Services
    engine: object  # sqlalchemy.Engine
    client: object  # slack_sdk.WebClient
    workspaces: object | None = None  # handlers.oauth.Workspaces in OAuth (many workspaces) mode

    def client_for(self, team_id: str) -> object:
        if self.workspaces is not None:
            return self.workspaces.client_for(team_id)  # type: ignore[attr-defined]
        return self.client

    def healthy(self) -> bool:
        from sqlalchemy import text

        try:
            with self.engine.connect() as conn:  # type: ignore[attr-defined]
                conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False


def open_database(url: str, *, upgrade: bool = True):  # noqa: ANN201
    """The engine and units of work; a database that cannot be reached is a ConfigError naming DATABASE_URL."""
    from sqlalchemy import make_url, text
    from sqlalchemy.exc import DBAPIError

    from storage import migrate
    from storage.db import make_engine, make_session_factory
    from storage.uow import SqlUnitOfWorkFactory

    engine = make_engine(url)
    try:
        if upgrade:
            migrate.upgrade(engine)
        else:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
        raise ConfigError(f"DATABASE_URL: cannot use the database at {shown} ({reason}). Check that it is running "
                          "and reachable, and that the URL, user and database name are right.") from None  # fmt: skip
    return engine, SqlUnitOfWorkFactory(make_session_factory(engine))


def verify_slack(client: object, api_url: str) -> dict:
    """auth.test with the bot token, before anything serves: a refused token or an unreachable Slack is a
    ConfigError naming the variable, not a traceback from inside a worker."""
    from slack_sdk.errors import SlackApiError

    try:
        return client.auth_test().data  # type: ignore[attr-defined]
    except SlackApiError as exc:
        error = exc.response.get("error", "refused")
        raise ConfigError(f"SLACK_BOT_TOKEN: Slack refused the token ({error}). Copy the Bot User OAuth Token "
                          "(xoxb-…) from your app's OAuth & Permissions page into .env.") from None  # fmt: skip
    except OSError as exc:
        raise ConfigError(f"SLACK_API_URL: cannot reach Slack at {api_url} ({type(exc).__name__}). Check the network, "
                          "or unset SLACK_API_URL to use Slack's own.") from None  # fmt: skip


def build(config: Config, *, clock: object | None = None, listener_executor: Executor | None = None,
          upgrade: bool = True, token_verification: bool = True) -> Banter:  # fmt: skip
    from slack_bolt import App

    from handlers import errors, oauth
    from handlers.context import Services
    from handlers.listeners import register
    from handlers.slackclient import make_client

    engine, uow = open_database(config.database_url, upgrade=upgrade)
    svc = Services(uow=uow, clock=clock or SystemClock(), admins=config.admins)
    client = make_client(config.bot_token or None, config.api_url)
    many = oauth.oauth_mode(config.client_id, config.client_secret, config.bot_token)
    auth = verify_slack(client, config.api_url) if config.bot_token and token_verification else None
    app = App(
        oauth_settings=oauth.oauth_settings(config.client_id, config.client_secret, engine) if many else None,  # type: ignore[arg-type]
        signing_secret=config.signing_secret or "unused-in-socket-mode",
        client=client,
        listener_executor=listener_executor,
        token_verification_enabled=token_verification,
        logger=logging.getLogger("banter.bolt"),
    )
    if auth is not None:
        svc.team_urls[auth["team_id"]] = auth.get("url", "")
    workspaces = None
    if many:
        oauth.enable(app)  # before Banter's catch-all event listener, which would take these events
        workspaces = oauth.Workspaces(oauth.installation_store(config.client_id, engine), config.api_url)  # type: ignore[arg-type]
    register(app, svc)
    errors.register(app)
    return Banter(config, app, svc, engine, client, workspaces)


def warm_up_in_background() -> None:
    """dateparser's tables load while the server already answers (health checks, the first requests)."""
    import threading

    from bot.bant.periods import warm_up

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()


# ---------------------------------------------------------------- commands


def cmd_serve(cfg: Config, args: argparse.Namespace) -> int:
    settings_module.require_for_serving(cfg, http=args.http)
    from handlers import scheduler

    if cfg.socket_mode and not args.http:
        from slack_bolt.adapter.socket_mode import SocketModeHandler
        from slack_sdk import WebClient

        banter = build(cfg)
        warm_up_in_background()
        scheduler.start(banter.svc, banter.client_for)  # type: ignore[arg-type]
        log.info("Banter is running in Socket Mode")
        SocketModeHandler(banter.app, cfg.app_token, web_client=WebClient(base_url=cfg.api_url)).start()  # type: ignore[arg-type]
        return 0
    from handlers import oauth
    from handlers.http import serve, wsgi_app

    if args.workers > 1 and cfg.database_url.startswith("sqlite:"):
        print(f"error: --workers {args.workers} needs PostgreSQL: SQLite serves one process. Set DATABASE_URL="
              "postgresql://user@host/dbname (see docs/deploy.md), or run with --workers 1.", file=sys.stderr)  # fmt: skip
        return 2
    port = args.port or cfg.port
    open_database(cfg.database_url)  # migrate once, before any worker starts
    if cfg.bot_token:  # a wrong token is one clear line here, not a traceback in every worker
        from handlers.slackclient import make_client

        verify_slack(make_client(cfg.bot_token, cfg.api_url), cfg.api_url)

    def factory():  # noqa: ANN202
        banter = build(cfg, upgrade=False)
        warm_up_in_background()
        if args.workers == 1:
            scheduler.start(banter.svc, banter.client_for)  # type: ignore[arg-type]
        return wsgi_app(banter.app, banter.healthy, oauth.routes(banter.app))  # type: ignore[arg-type]

    if args.workers > 1:
        log.info("HTTP workers run no schedule: run `python app.py worker` for digests, reminders and follow-ups (cron `python app.py digest` covers digests only)")
    log.info("Banter is listening on port %s (%s worker(s))", port, args.workers)
    serve(factory, port=port, workers=args.workers)
    return 0


def cmd_db(cfg: Config, args: argparse.Namespace) -> int:
    from storage import migrate
    from storage.db import make_engine

    migrate.upgrade(make_engine(cfg.database_url))
    print("Database is up to date.")
    return 0


def cmd_digest(cfg: Config, args: argparse.Namespace) -> int:
    from handlers import scheduler

    at = SystemClock().now()
    if args.at:
        try:
            at = datetime.fromisoformat(args.at)
        except ValueError:
            print(f"error: --at must be an ISO 8601 instant such as 2026-11-24T09:00:00+01:00, got {args.at!r}", file=sys.stderr)
            return 2
        if at.tzinfo is None:
            print("error: --at needs a time zone offset, e.g. 2026-11-24T09:00:00+01:00 or ...Z", file=sys.stderr)
            return 2
    settings_module.require_for_serving(cfg, http=False)
    banter = build(cfg)
    posted = scheduler.digest_pass(banter.svc, banter.client_for, at)  # type: ignore[arg-type]
    print(f"Digest pass at {at.isoformat()}: {len(posted)} digest(s) posted.")
    return 0


def cmd_export(cfg: Config, args: argparse.Namespace) -> int:
    from bot.export import write_csv

    _, uow_factory = open_database(cfg.database_url)
    with uow_factory() as uow:
        contacts = uow.contacts.all(args.team)
        answers: dict[int, object] = {}
        for team in {c.team_id for c in contacts}:
            answers.update(uow.answers.current_many(team, [c.id for c in contacts if c.team_id == team]))
    if args.path == "-":
        n = write_csv(sys.stdout, contacts, answers)  # type: ignore[arg-type]
    else:
        Path(args.path).parent.mkdir(parents=True, exist_ok=True)
        with open(args.path, "w", newline="", encoding="utf-8") as out:
            n = write_csv(out, contacts, answers)  # type: ignore[arg-type]
        print(f"Exported {n} contact(s) to {args.path}", file=sys.stderr)
    return 0


def cmd_import(cfg: Config, args: argparse.Namespace) -> int:
    from cli import importer

    return importer.main(cfg, args)


def cmd_worker(cfg: Config, args: argparse.Namespace) -> int:
    from cli import worker

    return worker.main(cfg, args)


def cmd_sandbox(cfg: Config, args: argparse.Namespace) -> int:
    try:
        from sandbox import cli
    except ImportError:
        print("The sandbox is not available in this build.", file=sys.stderr)
        return 1
    return cli.main(args)


def cmd_default(cfg: Config, args: argparse.Namespace) -> int:
    """No command: the real bot when Slack credentials are configured, else the sandbox."""
    if cfg.has_slack:
        args.http, args.port, args.workers = False, None, 1
        return cmd_serve(cfg, args)
    args.script, args.reset, args.demo = None, False, not sys.stdin.isatty()
    return cmd_sandbox(cfg, args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python app.py", description="Banter: the Slack sales assistant.")
    sub = p.add_subparsers(dest="command")
    s = sub.add_parser("serve", help="run the bot (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)")
    s.add_argument("--http", action="store_true", help="force HTTP mode even with SLACK_APP_TOKEN set")
    s.add_argument("--port", type=int, help="HTTP port (default $PORT or 3000)")
    s.add_argument("--workers", type=int, default=1, help="HTTP worker processes (PostgreSQL for more than one)")
    s.set_defaults(func=cmd_serve)
    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade"], help="upgrade: apply migrations")
    db.set_defaults(func=cmd_db)
    d = sub.add_parser("digest", help="run one digest pass now (for cron and operations)")
    d.add_argument("--at", help="run as at this ISO 8601 instant, e.g. 2026-11-24T09:00:00+01:00")
    d.set_defaults(func=cmd_digest)
    e = sub.add_parser("export", help="write contacts as CSV")
    e.add_argument("path", help="output file, or - for standard output")
    e.add_argument("--team", help="only this Slack team id")
    e.set_defaults(func=cmd_export)
    im = sub.add_parser("import", help="import contacts from a CSV file (HubSpot and Salesforce exports welcome)")
    im.add_argument("file", help="the CSV file")
    im.add_argument("--team", help="the Slack team id to import into (default: the only workspace)")
    im.add_argument("--owner", help="the Slack user id to own imported contacts without an owner column")
    im.set_defaults(func=cmd_import)
    w = sub.add_parser("worker", help="run scheduled work with procrastinate (PostgreSQL)")
    w.add_argument("--concurrency", type=int, default=1, help="jobs run at once in this worker")
    w.set_defaults(func=cmd_worker)
    sb = sub.add_parser("sandbox", help="try Banter in the terminal, no Slack workspace needed")
    sb.add_argument("--script", help="play a conversation from a text file and exit (- reads standard input)")
    sb.add_argument("--demo", action="store_true", help="play the bundled demo and exit")
    sb.add_argument("--reset", action="store_true", help="start from an empty sandbox database")
    sb.set_defaults(func=cmd_sandbox)
    p.set_defaults(func=cmd_default)
    return p


def main(argv: Sequence[str] | None = None, *, environ: dict[str, str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        cfg = settings_module.load(environ)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from handlers.logs import setup

    setup(cfg.log_level, cfg.secrets())
    try:
        return args.func(cfg, args)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
