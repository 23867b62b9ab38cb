"""What every listener needs: the use cases' dependencies, and who is asking."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.ports import Clock, UnitOfWorkFactory
from bot.records import RepRecord
from bot.services.qualification import Actor
from handlers.homes import HomeRefresher

log = logging.getLogger("banter.slack")

REP_REFRESH = timedelta(hours=12)
REP_REMEMBERED = 60.0  # seconds this process answers from its own copy of a rep before reading the database again
_EVENT_CHANNEL = re.compile(r"(20\d\d|expo|summit|conf|con\b|show|fair|booth|meetup|week|forum|event)", re.I)


@dataclass
class Services:
    uow: UnitOfWorkFactory
    clock: Clock
    admins: frozenset[str] = frozenset()
    team_urls: dict[str, str] = field(default_factory=dict)  # for permalinks without a Web API call
    channel_names: dict[tuple[str, str], str] = field(default_factory=dict)
    homes: HomeRefresher = field(default_factory=HomeRefresher)  # Home republishes, coalesced per rep
    reps: dict[tuple[str, str], tuple[float, RepRecord]] = field(default_factory=dict)  # see rep()


def rep(svc: Services, client: WebClient, team_id: str, user_id: str) -> RepRecord:
    """The person's name, time zone and admin flag, from users.info, kept in the database (and for a minute in
    this process: every message needs them, and they are 12 hours old at worst anyway)."""
    now = svc.clock.now()
    key = (team_id, user_id)
    remembered = svc.reps.get(key)
    if remembered is not None and time.monotonic() - remembered[0] < REP_REMEMBERED:
        known: RepRecord | None = remembered[1]
    else:
        with svc.uow(readonly=True) as uow:
            known = uow.reps.get(team_id, user_id)
        if known is not None:
            svc.reps[key] = (time.monotonic(), known)
    # Admin rights and time zones change (a demotion, a trip to a show): trust the copy for a while only.
    if known is not None and known.updated_at is not None and now - known.updated_at < REP_REFRESH:
        return known
    try:
        info: dict[str, Any] = client.users_info(user=user_id)["user"]
        record = RepRecord(
            user_id,
            info.get("profile", {}).get("real_name") or info.get("real_name") or info.get("name", ""),
            info.get("tz") or "UTC",
            bool(info.get("is_admin") or info.get("is_owner")),
        )
    except SlackApiError as exc:
        log.warning("users.info failed: %s", exc.response.get("error"))
        return known or RepRecord(user_id)
    with svc.uow() as uow:
        uow.settings.ensure_workspace(team_id, now)
        uow.reps.upsert(team_id, record, now)
        uow.commit()
    svc.reps[key] = (time.monotonic(), RepRecord(record.user_id, record.name, record.tz, record.is_admin, now))
    return record


def actor(svc: Services, client: WebClient, team_id: str, user_id: str) -> Actor:
    r = rep(svc, client, team_id, user_id)
    return Actor(team_id, user_id, r.is_admin or user_id in svc.admins)


def channel_event(svc: Services, client: WebClient, team_id: str, channel_id: str) -> str:
    """The channel's name when it reads like an event channel (#saastr-2026), else ''."""
    key = (team_id, channel_id)
    if key not in svc.channel_names:
        name = ""
        if channel_id.startswith(("C", "G")):
            try:
                name = client.conversations_info(channel=channel_id)["channel"].get("name", "")
            except SlackApiError:
                name = ""
        svc.channel_names[key] = name
    name = svc.channel_names[key]
    return name if name and _EVENT_CHANNEL.search(name) else ""


def refusal(exc: Exception) -> str:
    """What a person hears when they may not do something, naming the contact's owner to ask."""
    from handlers.blocks.text import esc, user

    owner = getattr(exc, "owner_id", "")
    return f":no_entry: {esc(exc)}" + (f" Ask its owner, {user(owner)}." if owner else "")


def permalink(svc: Services, team_id: str, channel_id: str, ts: str, thread_ts: str = "") -> str:
    if not (channel_id and ts):
        return ""
    base = svc.team_urls.get(team_id, "https://slack.com/")
    link = f"{base.rstrip('/')}/archives/{channel_id}/p{ts.replace('.', '')}"
    return f"{link}?thread_ts={thread_ts}&cid={channel_id}" if thread_ts and thread_ts != ts else link
