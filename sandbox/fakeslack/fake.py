"""FakeSlack: a stateful local Slack (Web API, Events API, interactivity, Socket Mode) for tests and the sandbox."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Literal

from sandbox.fakeslack import api_chat, api_read, api_views
from sandbox.fakeslack.interactions import Interactions
from sandbox.fakeslack.responses import ResponseContext, respond
from sandbox.fakeslack.sender import Signing, Target
from sandbox.fakeslack.socketmode import SocketModeServer
from sandbox.fakeslack.state import Call, Change, Channel, Ephemeral, FileUpload, Ids, Message, TsClock, View
from sandbox.fakeslack.team import APP_ID, Team
from sandbox.fakeslack.webapi import FAULTS, Answer, ApiError, ApiRequest, Fault, Method, WebApiServer

METHODS: dict[str, Method] = {**api_chat.METHODS, **api_read.METHODS, **api_views.METHODS}
_NO_TOKEN = {"oauth.v2.access"}
_APP_TOKEN = {"apps.connections.open"}


class FakeSlack(Interactions):
    def __init__(self, *, signing_secret: str = "test-signing-secret", clock: Callable[[], float] = time.time,
                 echo_bot_messages: bool = True) -> None:
        self.signing_secret = signing_secret
        self.clock = clock
        self.echo_bot_messages = echo_bot_messages
        self.timeout_hold_seconds = 3.0
        self.app_id = APP_ID
        self.app_token = f"xapp-1-{APP_ID}-{secrets.token_hex(8)}"
        self.client_id, self.client_secret = "1111.2222", "fake-client-secret"
        self.scopes = "app_mentions:read,channels:history,chat:write,commands,im:history,users:read"
        self.signing = Signing()
        self.target: Target | None = None  # where deliveries go when a call names no target
        self.ids = Ids()
        self._lock = threading.RLock()
        self._ts = TsClock(clock)
        self.teams: dict[str, Team] = {}
        self.calls: list[Call] = []
        self.views: dict[str, View] = {}
        self.files: dict[str, FileUpload] = {}
        self._homes: dict[tuple[str, str], View] = {}
        self._ephemerals: list[Ephemeral] = []
        self._index: dict[tuple[str, str], Message] = {}
        self._faults: list[Fault] = []
        self._subscribers: list[Callable[[Change], None]] = []
        self._triggers: dict[str, tuple[str, str, float]] = {}
        self._response_urls: dict[str, ResponseContext] = {}
        self._oauth_codes: dict[str, tuple[str, str | None]] = {}
        self._echoes: deque[tuple[Team, dict[str, Any]]] = deque()
        self._http: WebApiServer | None = None
        self._socket: SocketModeServer | None = None
        self.add_team()

    # --- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> FakeSlack:
        self._http = WebApiServer(self)
        self._http.start()
        self._socket = SocketModeServer(self)
        self._socket.start()
        return self

    def stop(self) -> None:
        if self._socket is not None:
            self._socket.stop()
        if self._http is not None:
            self._http.stop()

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._http is not None, "start() the fake first"
        return f"http://127.0.0.1:{self._http.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    @property
    def socket_url(self) -> str:
        assert self._socket is not None, "start() the fake first"
        return f"ws://127.0.0.1:{self._socket.port}"

    @property
    def socket_mode(self) -> SocketModeServer:
        assert self._socket is not None, "start() the fake first"
        return self._socket

    # --- workspaces --------------------------------------------------------------------------------
    def add_team(self, team_id: str = "T0BANTER", name: str = "Acme Sales", *, bot_token: str | None = None) -> Team:
        with self._lock:
            team = Team(team_id, name, bot_token=bot_token, ids=self.ids, lock=self._lock, clock=self.clock)
            self.teams[team_id] = team
            return team

    @property
    def team(self) -> Team:
        return next(iter(self.teams.values()))

    def authorize_url_code(self, team: Team | str, *, installer: str | None = None, name: str = "") -> str:
        """What Slack puts in the OAuth redirect after someone approves the install; exchange via oauth.v2.access.
        A team id not seen before becomes a new, not yet installed workspace."""
        with self._lock:
            if isinstance(team, str) and team not in self.teams:
                team = self.add_team(team, name or team)
                team.installed = False
            elif isinstance(team, str):
                team = self.teams[team]
            code = secrets.token_hex(10)
            self._oauth_codes[code] = (team.id, installer)
            return code

    def _team_for_token(self, token: str) -> Team | None:
        return next((t for t in self.teams.values() if t.bot_token == token and t.installed), None)

    # --- state to inspect --------------------------------------------------------------------------
    def channel(self, channel_id: str) -> Channel:
        for team in self.teams.values():
            if channel_id in team.channels:
                return team.channels[channel_id]
        raise KeyError(channel_id)

    def message(self, channel_id: str, ts: str) -> Message | None:
        return self._index.get((channel_id, ts))

    def thread(self, channel_id: str, thread_ts: str) -> list[Message]:
        parent = self.message(channel_id, thread_ts)
        return [] if parent is None else [parent, *parent.replies]

    def ephemerals(self, user: Any = None, channel: Any = None) -> list[Ephemeral]:
        user_id, channel_id = getattr(user, "id", user), getattr(channel, "id", channel)
        with self._lock:
            return [e for e in self._ephemerals if not e.deleted and user_id in (None, e.user)
                    and channel_id in (None, e.channel)]

    def home(self, user: Any, team: Team | None = None) -> View | None:
        return self._homes.get(((team or self.team).id, getattr(user, "id", user)))

    def modal_stack(self, user: Any) -> list[View]:
        user_id = getattr(user, "id", user)
        with self._lock:
            return [v for v in self.views.values() if v.type == "modal" and v.is_open and v.user_id == user_id]

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def subscribe(self, fn: Callable[[Change], None]) -> None:
        self._subscribers.append(fn)

    def inject(self, method: str, fault: Literal["ratelimited", "server_error", "timeout", "drop_after_accept"],
               *, times: int = 1, retry_after: int = 1, channel: str | None = None) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; one of {FAULTS}")
        with self._lock:
            self._faults.append(Fault(method, fault, times, retry_after, getattr(channel, "id", channel)))

    # --- internals used by the servers and methods -------------------------------------------------
    def _notify(self, change: Change) -> None:
        for fn in list(self._subscribers):
            fn(change)

    def _take_fault(self, method: str, channel: Any) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.method == method and fault.channel in (None, channel) and fault.times > 0:
                    fault.times -= 1
                    return fault
        return None

    def _record(self, req: ApiRequest, response: dict[str, Any] | None, status: int) -> None:
        with self._lock:
            self.calls.append(Call(req.method, req.args, req.token, req.team.id if req.team else None,
                                   response, status, self.clock()))

    def _perform(self, req: ApiRequest) -> Answer:
        try:
            method = METHODS.get(req.method)
            if method is None:
                raise ApiError("unknown_method")
            self._authenticate(req)
            body = method(self, req)
        except ApiError as error:
            body = {"ok": False, "error": error.error, **error.extra}
        self._record(req, body, 200)
        return Answer(200, body)

    def _authenticate(self, req: ApiRequest) -> None:
        if req.method in _NO_TOKEN:
            return
        if not req.token:
            raise ApiError("not_authed")
        if req.token.startswith("xapp-"):
            if req.token != self.app_token:
                raise ApiError("invalid_auth")
            if req.method not in _APP_TOKEN:
                raise ApiError("not_allowed_token_type")
            return
        req.team = self._team_for_token(req.token)
        if req.team is None:
            raise ApiError("invalid_auth")
        if req.method in _APP_TOKEN:
            raise ApiError("not_allowed_token_type")

    def _new_view(self, team: Team, user_id: str, body: dict[str, Any], previous: View | None) -> View:
        with self._lock:
            view_id = self.ids.new("V")
            if previous is None:
                for old in self.modal_stack(user_id):
                    old.is_open = False
            view = View(id=view_id, team_id=team.id, user_id=user_id, type="modal", body=body,
                        root_view_id=previous.root_view_id if previous else view_id,
                        previous_view_id=previous.id if previous else None, hash=self._view_hash(),
                        app_id=team.app_id, bot_id=team.bot_id)
            self.views[view_id] = view
            return view

    def _view_hash(self) -> str:
        return f"{int(self.clock())}.{secrets.token_hex(4)}"

    def _add_ephemeral(self, ephemeral: Ephemeral) -> None:
        with self._lock:
            self._ephemerals.append(ephemeral)
        self._notify(Change("ephemeral", ephemeral.team, ephemeral.channel, ephemeral.user, ephemeral.ts, ephemeral))

    def _echo(self, team: Team, channel: Channel, message: Message) -> None:
        """Slack tells the app about its own posts too; they are delivered after the current delivery."""
        if not self.echo_bot_messages:
            return
        event = {**message.to_api(), "channel": channel.id, "event_ts": message.ts,
                 "channel_type": channel.channel_type}
        with self._lock:
            self._echoes.append((team, event))

    def _upload(self, file_id: str, body: bytes) -> Answer:
        with self._lock:
            upload = self.files.get(file_id)
            if upload is None:
                return Answer(404, "not_found")
            upload.content = body
        return Answer(200, f"OK - {len(body)}")

    def _issue_response_url(self, context: ResponseContext) -> str:
        key = secrets.token_hex(12)
        with self._lock:
            self._response_urls[key] = context
        return f"{self.base_url}/respond/{key}"

    def _respond(self, key: str, raw: bytes) -> Answer:
        return respond(self, key, raw)
