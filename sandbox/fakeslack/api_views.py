"""Web API methods for views (modals, Home), file uploads, Socket Mode URLs and OAuth installs."""

from __future__ import annotations

import base64
import secrets
from typing import TYPE_CHECKING, Any

from sandbox.fakeslack.api_chat import post_bot_message, resolve_channel
from sandbox.fakeslack.blocks import validate_view, with_block_ids
from sandbox.fakeslack.state import Change, FileUpload, View
from sandbox.fakeslack.webapi import ApiError, ApiRequest, Method

if TYPE_CHECKING:
    from sandbox.fakeslack.fake import FakeSlack
    from sandbox.fakeslack.team import Team

TRIGGER_LIFETIME = 3.0  # seconds of the fake's clock, as in Slack
MAX_STACK = 3


def _team(req: ApiRequest) -> Team:
    assert req.team is not None
    return req.team


def _trigger_user(fake: FakeSlack, req: ApiRequest) -> str:
    trigger = fake._triggers.get(str(req.arg("trigger_id", "")))
    if trigger is None or trigger[0] != _team(req).id:
        raise ApiError("invalid_trigger_id")
    if fake.clock() - trigger[2] > TRIGGER_LIFETIME:
        raise ApiError("expired_trigger_id")
    return trigger[1]


def _view_body(req: ApiRequest, kind: str) -> dict[str, Any]:
    view = req.arg("view")
    if not isinstance(view, dict):
        raise ApiError("invalid_arguments", messages=["[ERROR] missing required field: view"])
    if view.get("type") != kind:
        raise ApiError("invalid_arguments", messages=[f"[ERROR] must be {kind} [json-pointer:/view/type]"])
    errors = validate_view(view)
    if errors:
        raise ApiError("invalid_arguments", messages=errors)
    return {**view, "blocks": with_block_ids(view.get("blocks") or [])}


def views_open(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    user_id = _trigger_user(fake, req)
    view = fake._new_view(_team(req), user_id, _view_body(req, "modal"), previous=None)
    fake._notify(Change("view_open", view.team_id, user=user_id, item=view))
    return {"ok": True, "view": view.to_api()}


def views_push(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    user_id = _trigger_user(fake, req)
    stack = fake.modal_stack(user_id)
    if not stack:
        raise ApiError("not_found")
    if len(stack) >= MAX_STACK:
        raise ApiError("push_limit_reached")
    view = fake._new_view(_team(req), user_id, _view_body(req, "modal"), previous=stack[-1])
    fake._notify(Change("view_push", view.team_id, user=user_id, item=view))
    return {"ok": True, "view": view.to_api()}


def views_update(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    body = _view_body(req, "modal")
    with fake._lock:
        view = fake.views.get(str(req.arg("view_id", "")))
        if view is None and req.arg("external_id"):
            view = next((v for v in fake.views.values()
                         if v.body.get("external_id") == req.arg("external_id") and v.team_id == team.id), None)
        if view is None or view.team_id != team.id or view.type != "modal":
            raise ApiError("not_found")
        if req.arg("hash") and req.arg("hash") != view.hash:
            raise ApiError("hash_conflict")
        view.body = body
        view.hash = fake._view_hash()
    fake._notify(Change("view_update", team.id, user=view.user_id, item=view))
    return {"ok": True, "view": view.to_api()}


def views_publish(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    user_id = str(req.arg("user_id", ""))
    if user_id not in team.users:
        raise ApiError("invalid_arguments", messages=["invalid `user_id`"])
    body = _view_body(req, "home")
    with fake._lock:
        home = fake._homes.get((team.id, user_id))
        if home is not None and req.arg("hash") and req.arg("hash") != home.hash:
            raise ApiError("hash_conflict")
        if home is None:
            view_id = fake.ids.new("V")
            home = View(id=view_id, team_id=team.id, user_id=user_id, type="home", body=body,
                        root_view_id=view_id, app_id=team.app_id, bot_id=team.bot_id)
            fake._homes[(team.id, user_id)] = home
            fake.views[view_id] = home
        home.body = body
        home.hash = fake._view_hash()
    fake._notify(Change("home", team.id, user=user_id, item=home))
    return {"ok": True, "view": home.to_api()}


def get_upload_url(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    filename, length = req.require("filename"), req.require("length")
    upload = FileUpload(id=fake.ids.new("F"), team_id=team.id, filename=str(filename), length=int(length))
    with fake._lock:
        fake.files[upload.id] = upload
    return {"ok": True, "upload_url": f"{fake.base_url}/upload/v1/{upload.id}", "file_id": upload.id}


def complete_upload(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    team = _team(req)
    wanted = req.require("files")
    if not isinstance(wanted, list):
        raise ApiError("invalid_arguments", messages=["[ERROR] files must be an array"])
    uploads = []
    for item in wanted:
        upload = fake.files.get(str(item.get("id")))
        if upload is None or upload.team_id != team.id or upload.content is None:
            raise ApiError("file_not_found")
        upload.title = item.get("title") or upload.filename
        uploads.append(upload)
    channel_arg = req.arg("channel_id") or (str(req.arg("channels", "")).split(",")[0] or None)
    created = int(fake.clock())
    shown = [u.to_api(created, team.bot_user_id) for u in uploads]
    if channel_arg:
        channel = resolve_channel(team, channel_arg)
        if team.bot_user_id not in channel.members:
            raise ApiError("not_in_channel")
        for upload in uploads:
            upload.channel = channel.id
        shown = [u.to_api(created, team.bot_user_id) for u in uploads]
        message = post_bot_message(fake, team, channel, text=req.arg("initial_comment", ""), blocks=[],
                                   thread_ts=req.arg("thread_ts"), files=shown)
        for upload in uploads:
            upload.initial_comment, upload.thread_ts = req.arg("initial_comment"), req.arg("thread_ts")
            upload.message_ts = message.ts
    for upload in uploads:
        upload.completed = True
        fake._notify(Change("file", team.id, upload.channel, team.bot_user_id, upload.message_ts, upload))
    return {"ok": True, "files": shown}


def connections_open(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    ticket = secrets.token_hex(8)
    return {"ok": True, "url": f"{fake.socket_url}/link/?ticket={ticket}&app_id={fake.app_id}"}


def _client_credentials(req: ApiRequest) -> tuple[str, str]:
    if req.basic_auth:
        client_id, _, secret = base64.b64decode(req.basic_auth).decode().partition(":")
        return client_id, secret
    return str(req.arg("client_id", "")), str(req.arg("client_secret", ""))


def oauth_access(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    client_id, secret = _client_credentials(req)
    if client_id != fake.client_id:
        raise ApiError("invalid_client_id")
    if secret != fake.client_secret:
        raise ApiError("bad_client_secret")
    with fake._lock:
        grant = fake._oauth_codes.pop(str(req.arg("code", "")), None)
        if grant is None:
            raise ApiError("invalid_code")
        team = fake.teams[grant[0]]
        team.installed = True
    installer = grant[1] or team.bot_user_id
    return {"ok": True, "app_id": team.app_id, "access_token": team.bot_token, "token_type": "bot",
            "scope": fake.scopes, "bot_user_id": team.bot_user_id, "team": {"id": team.id, "name": team.name},
            "enterprise": None, "is_enterprise_install": False,
            "authed_user": {"id": installer, "scope": "", "access_token": None, "token_type": None}}


def apps_uninstall(fake: FakeSlack, req: ApiRequest) -> dict[str, Any]:
    if (str(req.arg("client_id", "")), str(req.arg("client_secret", ""))) != (fake.client_id, fake.client_secret):
        raise ApiError("invalid_client_id")
    _team(req).installed = False
    return {"ok": True}


METHODS: dict[str, Method] = {
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
    "files.getUploadURLExternal": get_upload_url,
    "files.completeUploadExternal": complete_upload,
    "apps.connections.open": connections_open,
    "oauth.v2.access": oauth_access,
    "apps.uninstall": apps_uninstall,
}
