"""The HTTP side of the fake: Web API methods, the file upload URL and response_url, with fault injection."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlparse

if TYPE_CHECKING:
    from sandbox.fakeslack.fake import FakeSlack
    from sandbox.fakeslack.team import Team

# Arguments the SDK sends as JSON strings inside a form body.
_JSON_ARGS = {"blocks", "attachments", "view", "metadata", "files", "unfurls", "event_payload"}
FAULTS = ("ratelimited", "server_error", "timeout", "drop_after_accept")


class ApiError(Exception):
    def __init__(self, error: str, *, messages: list[str] | None = None, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra
        if messages:
            self.extra["response_metadata"] = {"messages": messages}


@dataclass
class ApiRequest:
    method: str
    args: dict[str, Any]
    token: str | None
    headers: dict[str, str]
    team: Team | None = None
    basic_auth: str | None = None

    def arg(self, name: str, default: Any = None) -> Any:
        value = self.args.get(name, default)
        return default if value in ("", None) else value

    def require(self, name: str) -> Any:
        value = self.arg(name)
        if value is None:
            raise ApiError("invalid_arguments", messages=[f"[ERROR] missing required field: {name}"])
        return value

    def flag(self, name: str) -> bool:
        return str(self.args.get(name, "")).lower() in ("1", "true", "yes")


@dataclass
class Fault:
    method: str
    kind: str
    times: int
    retry_after: int = 1
    channel: str | None = None


@dataclass
class Answer:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


def decode_args(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    args: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    if body and "json" in content_type:
        loaded = json.loads(body.decode())
        if isinstance(loaded, dict):
            args.update(loaded)
    elif body:
        args.update(parse_qsl(body.decode(), keep_blank_values=True))
    for key in _JSON_ARGS & args.keys():
        if isinstance(args[key], str) and args[key][:1] in ("[", "{"):
            try:
                args[key] = json.loads(args[key])
            except ValueError:
                pass  # left as text: the method answers invalid_arguments / invalid_blocks
    return args


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence per-request logging
        return

    def do_GET(self) -> None:
        self._route()

    def do_POST(self) -> None:
        self._route()

    def _route(self) -> None:
        url = urlparse(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        fake = self.server.fake
        if url.path.startswith("/api/"):
            self._api(url.path[len("/api/"):], url.query, body, headers)
        elif url.path.startswith("/upload/v1/"):
            self._answer(fake._upload(url.path.rsplit("/", 1)[-1], body))
        elif url.path.startswith("/respond/"):
            self._answer(fake._respond(url.path.rsplit("/", 1)[-1], body))
        else:
            self._answer(Answer(404, "not_found"))

    def _api(self, method: str, query: str, body: bytes, headers: dict[str, str]) -> None:
        fake = self.server.fake
        try:
            args = decode_args(query, body, headers.get("content-type", ""))
        except ValueError:
            self._answer(Answer(200, {"ok": False, "error": "invalid_json"}))
            return
        auth = headers.get("authorization", "")
        token = auth[len("Bearer "):] if auth.startswith("Bearer ") else args.pop("token", None)
        request = ApiRequest(method=method, args=args, token=token, headers=headers,
                             basic_auth=auth[len("Basic "):] if auth.startswith("Basic ") else None)
        fault = fake._take_fault(method, args.get("channel") or args.get("channel_id"))
        if fault is not None and fault.kind != "drop_after_accept":
            self._fault(fault, request)
            return
        answer = fake._perform(request)
        if fault is not None:  # drop_after_accept: the work is done, the caller never hears back
            self.close_connection = True
            return
        self._answer(answer)

    def _fault(self, fault: Fault, request: ApiRequest) -> None:
        fake = self.server.fake
        if fault.kind == "ratelimited":
            answer = Answer(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(fault.retry_after)})
        elif fault.kind == "server_error":
            answer = Answer(500, {"ok": False, "error": "internal_error"})
        else:
            fake._record(request, None, 0)
            time.sleep(fake.timeout_hold_seconds)
            self.close_connection = True
            return
        fake._record(request, answer.body if isinstance(answer.body, dict) else None, answer.status)
        self._answer(answer)

    def _answer(self, answer: Answer) -> None:
        data = (json.dumps(answer.body) if isinstance(answer.body, dict) else answer.body).encode()
        self.send_response(answer.status)
        kind = "application/json; charset=utf-8" if isinstance(answer.body, dict) else "text/plain; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    fake: FakeSlack


class WebApiServer:
    def __init__(self, fake: FakeSlack) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = fake
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fakeslack-http",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


Method = Callable[["FakeSlack", ApiRequest], dict[str, Any]]
