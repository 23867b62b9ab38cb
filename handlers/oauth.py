"""Many workspaces: Slack's install flow and each workspace's own bot token.

Installations and OAuth states live in slack-sdk's SQLAlchemy stores, on Banter's own engine, so every HTTP
worker and every scheduled worker sees an install the moment it is saved.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from handlers.http import Wsgi
from handlers.slackclient import make_client

log = logging.getLogger("banter.workspaces")

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
STATE_TTL_SECONDS = 600
# What Banter's listeners call: messages and mentions, channel names, people's names and time zones,
# DMs for exports, and file uploads for the funnel chart.
SCOPES = (
    "app_mentions:read", "channels:history", "channels:read", "chat:write", "commands", "files:write",
    "groups:history", "groups:read", "im:history", "im:write", "users:read",
)  # fmt: skip


def oauth_mode(client_id: str, client_secret: str, bot_token: str) -> bool:
    """OAuth (many workspaces) when the app's client credentials are set and no single bot token is."""
    return bool(client_id and client_secret and not bot_token)


def installation_store(client_id: str, engine: Engine) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=logging.getLogger("banter.installs"))


def oauth_settings(client_id: str, client_secret: str, engine: Engine) -> OAuthSettings:
    return OAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=list(SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installation_store(client_id, engine),
        state_store=SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_TTL_SECONDS, engine=engine, logger=logging.getLogger("banter.installs")
        ),
    )


class Workspaces:
    """Each installed workspace's WebClient, with the bot token its install stored."""

    def __init__(self, store: SQLAlchemyInstallationStore, api_url: str) -> None:
        self.store = store
        self.api_url = api_url

    def client_for(self, team_id: str) -> WebClient:
        bot = self.store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None or not bot.bot_token:
            # Uninstalled since: Slack answers not_authed and the caller's own failure path runs for this
            # workspace alone, instead of one missing install stopping a whole digest pass.
            log.warning("no installation for workspace %s", team_id)
            return make_client(None, self.api_url)
        return make_client(bot.bot_token, self.api_url)


def enable(app: App) -> None:
    """app_uninstalled and tokens_revoked delete the installation from our store."""
    store = app.installation_store
    assert store is not None

    @app.event("app_uninstalled")
    def uninstalled(context: BoltContext) -> None:
        store.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)

    @app.event("tokens_revoked")
    def revoked(event: dict[str, Any], context: BoltContext) -> None:
        tokens = event.get("tokens") or {}
        for user_id in tokens.get("oauth") or []:
            store.delete_installation(enterprise_id=context.enterprise_id, team_id=context.team_id, user_id=user_id)
        if tokens.get("bot"):
            # Banter acts only as its bot, so a revoked bot token voids the whole install. Bolt's default deletes
            # only the bot row, and its authorize then still finds the token on the installation row.
            store.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)


def routes(app: App) -> dict[str, Wsgi]:
    """The install page and Slack's redirect back, served by Bolt's WSGI handler (GET requests)."""
    if app.oauth_flow is None:
        return {}
    handler = SlackRequestHandler(app)
    return {app.oauth_flow.install_path: handler, app.oauth_flow.redirect_uri_path: handler}
