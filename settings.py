"""Banter's configuration, from the environment and a `.env` file when there is one."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///data/banter.db"


class ConfigError(Exception):
    """One setting is missing or malformed; the message names it and says how to fix it."""


@dataclass(frozen=True)
class Config:
    bot_token: str = ""
    signing_secret: str = ""
    app_token: str = ""
    api_url: str = DEFAULT_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    admins: frozenset[str] = frozenset()
    client_id: str = ""
    client_secret: str = ""
    port: int = 3000

    @property
    def has_slack(self) -> bool:
        return bool(self.bot_token or (self.client_id and self.client_secret))

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def secrets(self) -> list[str]:
        return [s for s in (self.bot_token, self.signing_secret, self.app_token, self.client_secret) if s]


def _env(environ: Mapping[str, str] | None, env_file: str | Path | None) -> dict[str, str]:
    merged: dict[str, str] = {}
    path = Path(env_file) if env_file else Path(".env")
    if path.is_file():
        merged.update({k: v for k, v in dotenv_values(path).items() if v is not None})
    merged.update(os.environ if environ is None else environ)
    return merged


def load(environ: Mapping[str, str] | None = None, env_file: str | Path | None = None) -> Config:
    env = _env(environ, env_file)
    get = lambda k: (env.get(k) or "").strip()  # noqa: E731

    bot, app_token, secret = get("SLACK_BOT_TOKEN"), get("SLACK_APP_TOKEN"), get("SLACK_SIGNING_SECRET")
    if bot and not bot.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be a bot token starting with xoxb- (OAuth & Permissions page of your Slack app)")
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens, scope connections:write)")
    api_url = get("SLACK_API_URL") or DEFAULT_API_URL
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL such as {DEFAULT_API_URL}, got {api_url!r}")
    if not api_url.endswith("/"):
        api_url += "/"
    db = get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not db.startswith(("sqlite:", "postgres://", "postgresql://", "postgresql+psycopg://")):
        raise ConfigError("DATABASE_URL must be sqlite:///path/to/file.db or postgresql://user@host/dbname")
    level = (get("LOG_LEVEL") or "INFO").upper()
    if level not in logging.getLevelNamesMapping():
        raise ConfigError(f"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, got {level!r}")
    port_raw = get("PORT") or "3000"
    if not port_raw.isdigit() or not 0 < int(port_raw) < 65536:
        raise ConfigError(f"PORT must be a port number between 1 and 65535, got {port_raw!r}")
    if bot and get("SLACK_CLIENT_ID") and get("SLACK_CLIENT_SECRET"):
        raise ConfigError("SLACK_BOT_TOKEN and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET are both set: keep the bot token for one workspace, or the client id and secret for OAuth installs, not both")
    admins = frozenset(a.strip() for a in get("BANTER_ADMINS").replace(";", ",").split(",") if a.strip())
    return Config(
        bot_token=bot, signing_secret=secret, app_token=app_token, api_url=api_url, database_url=db,
        log_level=level, admins=admins, client_id=get("SLACK_CLIENT_ID"), client_secret=get("SLACK_CLIENT_SECRET"),
        port=int(port_raw),
    )  # fmt: skip


def require_for_serving(cfg: Config, *, http: bool) -> None:
    if not cfg.has_slack:
        raise ConfigError("SLACK_BOT_TOKEN is not set: put your bot token (xoxb-…) in .env, or run `python app.py sandbox` to try Banter without Slack")
    if (http or not cfg.socket_mode) and not cfg.signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: copy it from your Slack app's Basic Information page into .env")
