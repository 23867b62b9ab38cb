"""Listener registration: each module only wires callbacks to Bolt."""

from __future__ import annotations

from slack_bolt import App

from handlers import requestlog
from handlers.context import Services
from handlers.listeners import actions, commands, events, messages, shortcuts


def register(app: App, svc: Services) -> None:
    requestlog.register(app)
    messages.register(app, svc)
    commands.register(app, svc)
    actions.register(app, svc)
    shortcuts.register(app, svc)
    events.register(app, svc)
