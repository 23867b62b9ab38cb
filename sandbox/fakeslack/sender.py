"""Signed delivery of what Slack sends an app: request signing and the places a request can go."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Signing:
    """How a request is signed: security tests turn it off, use a wrong secret, or replay an old timestamp."""

    sign: bool = True
    secret: str | None = None
    timestamp: int | None = None


def signature(secret: str, timestamp: int | str, body: str) -> str:
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


def signed_headers(body: str, content_type: str, secret: str, signing: Signing = Signing()) -> dict[str, str]:
    headers = {"Content-Type": content_type}
    if signing.sign:
        # Bolt checks the timestamp against the real wall clock, not the fake's clock.
        ts = signing.timestamp if signing.timestamp is not None else int(time.time())
        headers["X-Slack-Request-Timestamp"] = str(ts)
        headers["X-Slack-Signature"] = signature(signing.secret or secret, ts, body)
    return headers


@dataclass
class Delivered:
    """The app's answer to one request (its ack), plus the request, so a test can resend it as a retry."""

    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    json: Any = None
    request_body: str = ""
    request_headers: dict[str, str] = field(default_factory=dict)
    team_id: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def parse_json(body: str, content_type: str | None = None) -> Any:
    if not body or (content_type and "json" not in content_type and not body.lstrip().startswith(("{", "["))):
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


class Target(Protocol):
    def send(self, body: str, headers: dict[str, str]) -> Delivered: ...


class BoltTarget:
    """The Bolt App in this process; `wait_idle` waits for its background listeners after each dispatch."""

    def __init__(self, app: Any, wait_idle: Callable[[], None] | None = None) -> None:
        self.app = app
        self.wait_idle = wait_idle

    def send(self, body: str, headers: dict[str, str]) -> Delivered:
        from slack_bolt.request import BoltRequest

        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if self.wait_idle is not None:
            self.wait_idle()
        flat = {k.lower(): (v[0] if isinstance(v, list | tuple) and v else str(v)) for k, v in response.headers.items()}
        return Delivered(status=response.status, body=response.body or "", headers=flat,
                         json=parse_json(response.body or "", flat.get("content-type")),
                         request_body=body, request_headers=dict(headers))


class HttpTarget:
    """An app listening over HTTP, e.g. http://127.0.0.1:PORT/slack/events."""

    def __init__(self, url: str, wait_idle: Callable[[], None] | None = None, timeout: float = 10.0) -> None:
        self.url = url
        self.wait_idle = wait_idle
        self.timeout = timeout

    def send(self, body: str, headers: dict[str, str]) -> Delivered:
        request = urllib.request.Request(self.url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, text, got = response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            status, text, got = error.code, error.read().decode(), dict(error.headers)
        if self.wait_idle is not None:
            self.wait_idle()
        flat = {k.lower(): v for k, v in got.items()}
        return Delivered(status=status, body=text, headers=flat, json=parse_json(text, flat.get("content-type")),
                         request_body=body, request_headers=dict(headers))
