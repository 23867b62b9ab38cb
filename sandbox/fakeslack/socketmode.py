"""Socket Mode: the WebSocket the app dials (URL from apps.connections.open), envelopes pushed down it, acks back."""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from sandbox.fakeslack.sender import FORM, Delivered

if TYPE_CHECKING:
    from sandbox.fakeslack.fake import FakeSlack


class SocketModeServer:
    def __init__(self, fake: FakeSlack) -> None:
        self._fake = fake
        self._connections: list[ServerConnection] = []
        self._acks: dict[str, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        self._server: Server = serve(self._handle, "127.0.0.1", 0, compression=None,
                                     logger=logging.getLogger("sandbox.fakeslack.socketmode"))
        self.port: int = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, name="fakeslack-ws", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()

    @property
    def connected(self) -> int:
        return len(self._connections)

    def _handle(self, connection: ServerConnection) -> None:
        hello = {"type": "hello", "num_connections": len(self._connections) + 1,
                 "debug_info": {"host": "fakeslack", "approximate_connection_time": 18060},
                 "connection_info": {"app_id": self._fake.app_id}}
        connection.send(json.dumps(hello))
        with self._arrived:
            self._connections.append(connection)
            self._arrived.notify_all()
        try:
            for raw in connection:
                ack = json.loads(raw)
                if isinstance(ack, dict) and ack.get("envelope_id"):
                    with self._arrived:
                        self._acks[ack["envelope_id"]] = ack
                        self._arrived.notify_all()
        except (ConnectionClosed, ValueError):
            pass
        finally:
            with self._arrived:
                self._connections.remove(connection)

    def wait_connected(self, timeout: float = 5.0) -> bool:
        with self._arrived:
            return self._arrived.wait_for(lambda: bool(self._connections), timeout)

    def push(self, envelope: dict[str, Any], timeout: float) -> dict[str, Any] | None:
        """Send one envelope to the newest connection; the app's ack, or None when none came in time."""
        if not self.wait_connected(timeout):
            raise AssertionError("no Socket Mode client is connected to the fake")
        with self._arrived:
            connection = self._connections[-1]
        connection.send(json.dumps(envelope))
        envelope_id = envelope["envelope_id"]
        with self._arrived:
            if not self._arrived.wait_for(lambda: envelope_id in self._acks, timeout):
                return None
            return self._acks.pop(envelope_id)

    def ping_all(self) -> None:
        """A ping wakes an SDK client blocked in its socket read, so its close() need not wait out the timeout."""
        for connection in list(self._connections):
            try:
                connection.ping()
            except ConnectionClosed:
                pass

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the clients to reconnect, as Slack does every few hours."""
        for connection in list(self._connections):
            connection.send(json.dumps({"type": "disconnect", "reason": reason,
                                        "debug_info": {"host": "fakeslack"}}))


def envelope_for(body: str, headers: dict[str, str]) -> dict[str, Any]:
    """The Socket Mode envelope carrying what HTTP mode would POST as `body`."""
    lowered = {k.lower(): v for k, v in headers.items()}
    envelope: dict[str, Any] = {"envelope_id": str(uuid.uuid4())}
    if lowered.get("content-type", "").startswith(FORM):
        fields = dict(parse_qsl(body, keep_blank_values=True))
        if "payload" in fields:
            payload = json.loads(fields["payload"])
            envelope.update(type="interactive", payload=payload,
                            accepts_response_payload=payload.get("type") == "view_submission")
        else:
            envelope.update(type="slash_commands", payload=fields, accepts_response_payload=True)
        return envelope
    envelope.update(type="events_api", payload=json.loads(body), accepts_response_payload=False,
                    retry_attempt=int(lowered.get("x-slack-retry-num", 0)),
                    retry_reason=lowered.get("x-slack-retry-reason", ""))
    return envelope


class SocketModeTarget:
    """Delivers over the fake's WebSocket to a connected Socket Mode app and returns its ack's payload."""

    def __init__(self, fake: FakeSlack, *, timeout: float = 3.0, wait_idle: Callable[[], None] | None = None) -> None:
        self.fake = fake
        self.timeout = timeout
        self.wait_idle = wait_idle

    def send(self, body: str, headers: dict[str, str]) -> Delivered:
        ack = self.fake.socket_mode.push(envelope_for(body, headers), self.timeout)
        if self.wait_idle is not None:
            self.wait_idle()
        if ack is None:  # Bolt sends no ack when no listener matched: Slack would retry
            return Delivered(status=0, body="", request_body=body, request_headers=dict(headers))
        payload = ack.get("payload")
        return Delivered(status=200, body=json.dumps(payload) if payload is not None else "", json=payload,
                         headers={"content-type": "application/json"}, request_body=body,
                         request_headers=dict(headers))
