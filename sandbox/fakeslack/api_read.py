"""Read-side Web API methods: auth, conversations, users, team."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sandbox.fakeslack.api_chat import resolve_channel
from sandbox.fakeslack.state import Message, User
from sandbox.fakeslack.webapi import ApiError, ApiRequest, Method

if TYPE_CHECKING:
    from sandbox.fakeslack.fake import FakeSlack
    from sandbox.fakeslack.team import Team


def _team(req: ApiRequest) -> Team:
    assert req.team is not None
    return req.team


def _page(items: list[Any], req: ApiRequest, default_limit: int) -> tuple[list[Any], str]:
    """Slack's cursor paging; the cursor here is just the next offset."""
    start = int(req.arg("cursor", 0) or 0)
    limit = int(req.arg("limit", default_limit) or default_limit)
    chunk = items[start:start + limit]
    return chunk, (str(start + limit) if start + limit < len(items) else "")


def auth_test(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    return {"ok": True, "url": f"https://{team.domain}.slack.com/", "team": team.name, "user": "banter",
            "team_id": team.id, "user_id": team.bot_user_id, "bot_id": team.bot_id, "is_enterprise_install": False}


def _member_channel(req: ApiRequest) -> Any:
    team = _team(req)
    channel = resolve_channel(team, req.arg("channel"))
    if team.bot_user_id not in channel.members:
        raise ApiError("not_in_channel")
    return channel


def _in_window(message: Message, req: ApiRequest) -> bool:
    ts = float(message.ts)
    oldest, latest = float(req.arg("oldest", 0) or 0), req.arg("latest")
    inclusive = req.flag("inclusive")
    if ts < oldest or (ts == oldest and not inclusive and oldest > 0):
        return False
    return latest is None or ts < float(latest) or (inclusive and ts == float(latest))


def conversations_history(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    channel = _member_channel(req)
    with fake._lock:
        newest_first = [m for m in reversed(channel.messages) if _in_window(m, req)]
    chunk, cursor = _page(newest_first, req, 100)
    metadata = req.flag("include_all_metadata")
    return {"ok": True, "messages": [m.to_api(include_metadata=metadata) for m in chunk], "has_more": bool(cursor),
            "pin_count": 0, "response_metadata": {"next_cursor": cursor}}


def conversations_replies(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    channel = _member_channel(req)
    message = fake.message(channel.id, str(req.arg("ts", "")))
    if message is None:
        raise ApiError("thread_not_found")
    with fake._lock:
        parent = fake.message(channel.id, message.thread_ts) if message.thread_ts else message
        thread = [parent or message, *(parent or message).replies]
        thread = [thread[0], *[m for m in thread[1:] if _in_window(m, req)]]
    chunk, cursor = _page(thread, req, 1000)
    metadata = req.flag("include_all_metadata")
    return {"ok": True, "messages": [m.to_api(include_metadata=metadata) for m in chunk], "has_more": bool(cursor),
            "response_metadata": {"next_cursor": cursor}}


def conversations_info(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    channel = resolve_channel(team, req.arg("channel"))
    return {"ok": True, "channel": channel.to_api(team.bot_user_id)}


def conversations_open(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    if req.arg("channel"):
        channel = resolve_channel(team, req.arg("channel"))
    else:
        users = [u.strip() for u in str(req.arg("users", "")).split(",") if u.strip()]
        if not users:
            raise ApiError("users_list_not_supplied")
        if len(users) > 1:
            raise ApiError("not_enough_users")  # group DMs are not part of Banter
        if users[0] not in team.users:
            raise ApiError("user_not_found")
        channel = team.dm(users[0])
    shown = channel.to_api(team.bot_user_id) if req.flag("return_im") else {"id": channel.id}
    return {"ok": True, "channel": shown}


def conversations_members(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    channel = resolve_channel(team, req.arg("channel"))
    chunk, cursor = _page(list(channel.members), req, 100)
    return {"ok": True, "members": chunk, "response_metadata": {"next_cursor": cursor}}


def conversations_join(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    channel = resolve_channel(team, req.arg("channel"))
    if channel.is_private or channel.is_im:
        raise ApiError("method_not_supported_for_channel_type")
    answer: dict[str, Any] = {"ok": True}
    with fake._lock:
        if team.bot_user_id in channel.members:
            answer["warning"] = "already_in_channel"
            answer["response_metadata"] = {"warnings": ["already_in_channel"]}
        else:
            channel.members.append(team.bot_user_id)
    answer["channel"] = channel.to_api(team.bot_user_id)
    return answer


def user_to_api(user: User, now: float) -> dict[str, Any]:
    zone = ZoneInfo(user.tz)
    local = datetime.fromtimestamp(now, UTC).astimezone(zone)
    offset = local.utcoffset()
    return {
        "id": user.id, "team_id": user.team_id, "name": user.name, "deleted": user.deleted,
        "real_name": user.real_name, "tz": user.tz, "tz_label": local.tzname() or user.tz,
        "tz_offset": int(offset.total_seconds()) if offset else 0,
        "is_admin": user.is_admin, "is_owner": user.is_owner, "is_primary_owner": user.is_owner,
        "is_restricted": user.is_guest, "is_ultra_restricted": False, "is_bot": user.is_bot, "is_app_user": False,
        "updated": int(now),
        "profile": {"real_name": user.real_name, "display_name": user.display_name,
                    "real_name_normalized": user.real_name, "display_name_normalized": user.display_name,
                    "team": user.team_id},
    }


def users_info(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    user = team.users.get(str(req.arg("user", "")))
    if user is None:
        raise ApiError("user_not_found")
    return {"ok": True, "user": user_to_api(user, fake.clock())}


def users_list(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    chunk, cursor = _page(list(team.users.values()), req, 200)
    now = fake.clock()
    return {"ok": True, "members": [user_to_api(u, now) for u in chunk], "cache_ts": int(now),
            "response_metadata": {"next_cursor": cursor}}


def team_info(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    return {"ok": True, "team": {"id": team.id, "name": team.name, "domain": team.domain, "email_domain": "",
                                 "icon": {"image_default": True}, "url": f"https://{team.domain}.slack.com/"}}


METHODS: dict[str, Method] = {
    "auth.test": auth_test,
    "conversations.history": conversations_history,
    "conversations.replies": conversations_replies,
    "conversations.info": conversations_info,
    "conversations.open": conversations_open,
    "conversations.members": conversations_members,
    "conversations.join": conversations_join,
    "users.info": users_info,
    "users.list": users_list,
    "team.info": team_info,
}
