"""People pressing what Banter showed them: buttons and menus, shortcuts, and modal submissions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from sandbox.fakeslack.blocks import validate_view, with_block_ids
from sandbox.fakeslack.payloads import channel_ref, find_action, interactive_base, view_state
from sandbox.fakeslack.people import People
from sandbox.fakeslack.sender import FORM, Delivered, Target
from sandbox.fakeslack.state import Change, Channel, Ephemeral, Message, User, View

if TYPE_CHECKING:
    from sandbox.fakeslack.team import Team


@dataclass
class Submitted:
    """What became of a modal submission: Slack keeps it open with errors, updates, pushes, or closes it."""

    delivered: Delivered
    errors: dict[str, str] | None
    closed: bool
    view: View | None  # the view now on top for this person, if any


class Interactions(People):
    views: dict[str, View]

    def ephemerals(self, user: Any = None, channel: Any = None) -> list[Ephemeral]: ...
    def modal_stack(self, user: Any) -> list[View]: ...
    def _new_view(self, team: Team, user_id: str, body: dict[str, Any], previous: View | None) -> View: ...
    def _view_hash(self) -> str: ...

    def _interactive(self, payload: dict[str, Any], team: Team, target: Target | None) -> Delivered:
        delivered = self.send_raw(urlencode({"payload": json.dumps(payload)}), FORM, target=target)
        delivered.team_id = team.id
        return delivered

    def _response_url(self, team: Team, channel: Channel, user: User, ts: str | None, *,
                      is_ephemeral: bool = False, thread_ts: str | None = None) -> str:
        from sandbox.fakeslack.responses import ResponseContext

        return self._issue_response_url(ResponseContext(team.id, channel.id, user.id, ts, is_ephemeral, thread_ts))

    def _shown(self, user: User, channel: Channel, ts: str) -> Message | Ephemeral:
        message = self.message(channel.id, ts)
        if message is not None:
            return message
        for ephemeral in self.ephemerals(user, channel):
            if ephemeral.ts == ts:
                return ephemeral
        raise AssertionError(f"{user.name} sees no message {ts} in {channel.name}")

    def press(self, user: User, channel: Channel, ts: str, label: str | None = None, *,
              action_id: str | None = None, value: Any = None, target: Target | None = None) -> Delivered:
        """Press a button (or pick a menu option) by its label or action_id on a message or ephemeral shown."""
        team = self._team_of(user)
        shown = self._shown(user, channel, ts)
        action = find_action(shown.blocks, label=label, action_id=action_id, value=value, action_ts=self._ts.next())
        is_ephemeral = isinstance(shown, Ephemeral)
        thread_ts = shown.thread_ts if shown.thread_ts and shown.thread_ts != shown.ts else None
        container: dict[str, Any] = {"type": "message", "message_ts": ts, "channel_id": channel.id,
                                     "is_ephemeral": is_ephemeral}
        if thread_ts:
            container["thread_ts"] = thread_ts
        payload = interactive_base("block_actions", team, user, self._issue_trigger(team, user)) | {
            "container": container, "channel": channel_ref(channel), "state": {"values": {}},
            "response_url": self._response_url(team, channel, user, ts, is_ephemeral=is_ephemeral,
                                               thread_ts=thread_ts),
            "actions": [action]}
        if isinstance(shown, Message):
            payload["message"] = shown.to_api()
        return self._interactive(payload, team, target)

    def press_in_view(self, user: User, view_id: str, label: str | None = None, *, action_id: str | None = None,
                      value: Any = None, target: Target | None = None) -> Delivered:
        team = self._team_of(user)
        view = self.views.get(view_id)
        if view is None or not view.is_open or view.user_id != user.id:
            raise AssertionError(f"{user.name} has no open view {view_id}")
        action = find_action(view.body.get("blocks") or [], label=label, action_id=action_id, value=value,
                             action_ts=self._ts.next())
        payload = interactive_base("block_actions", team, user, self._issue_trigger(team, user)) | {
            "container": {"type": "view", "view_id": view.id}, "view": view.to_api(), "state": {"values": {}},
            "actions": [action]}
        return self._interactive(payload, team, target)

    def message_shortcut(self, user: User, channel: Channel, ts: str, callback_id: str, *,
                         target: Target | None = None) -> Delivered:
        team = self._team_of(user)
        message = self.message(channel.id, ts)
        if message is None:
            raise AssertionError(f"no message {ts} in {channel.name}")
        payload = interactive_base("message_action", team, user, self._issue_trigger(team, user)) | {
            "callback_id": callback_id, "action_ts": self._ts.next(), "channel": channel_ref(channel),
            "message_ts": ts, "message": message.to_api(),
            "response_url": self._response_url(team, channel, user, None)}
        return self._interactive(payload, team, target)

    def global_shortcut(self, user: User, callback_id: str, *, target: Target | None = None) -> Delivered:
        team = self._team_of(user)
        payload = interactive_base("shortcut", team, user, self._issue_trigger(team, user)) | {
            "callback_id": callback_id, "action_ts": self._ts.next()}
        return self._interactive(payload, team, target)

    def submit_view(self, user: User, view_id: str, values: dict[str, Any] | None = None, *,
                    target: Target | None = None) -> Submitted:
        """Fill the modal's inputs (by block_id or label) and press its submit button."""
        team = self._team_of(user)
        view = self.views.get(view_id)
        if view is None or not view.is_open or view.user_id != user.id or view.type != "modal":
            raise AssertionError(f"{user.name} has no open modal {view_id}")
        shown = view.to_api() | {"state": {"values": view_state(view.body.get("blocks") or [], values or {})}}
        payload = interactive_base("view_submission", team, user, self._issue_trigger(team, user)) | {
            "view": shown, "response_urls": []}
        delivered = self._interactive(payload, team, target)
        return self._after_submission(team, user, view, delivered)

    def _after_submission(self, team: Team, user: User, view: View, delivered: Delivered) -> Submitted:
        ack = delivered.json if isinstance(delivered.json, dict) else {}
        action = ack.get("response_action")
        if not delivered.ok:
            return Submitted(delivered, None, False, view)
        if action == "errors":
            return Submitted(delivered, dict(ack.get("errors") or {}), False, view)
        if action in ("update", "push"):
            body = ack.get("view")
            problems = validate_view(body)
            if problems:
                raise AssertionError(f"Slack would reject the view in the ack: {problems}")
            assert isinstance(body, dict)
            body = {**body, "blocks": with_block_ids(body.get("blocks") or [])}
            if action == "update":
                with self._lock:
                    view.body, view.hash = body, self._view_hash()
                self._notify(Change("view_update", team.id, user=user.id, item=view))
                return Submitted(delivered, None, False, view)
            pushed = self._new_view(team, user.id, body, previous=view)
            self._notify(Change("view_push", team.id, user=user.id, item=pushed))
            return Submitted(delivered, None, False, pushed)
        closing = self.modal_stack(user) if action == "clear" else [view]
        for item in closing:
            item.is_open = False
            self._notify(Change("view_close", team.id, user=user.id, item=item))
        stack = self.modal_stack(user)
        return Submitted(delivered, None, True, stack[-1] if stack else None)

    def close_view(self, user: User, view_id: str, *, target: Target | None = None) -> Delivered | None:
        """The person presses Cancel; the app hears `view_closed` only when the view asked for notify_on_close."""
        team = self._team_of(user)
        view = self.views[view_id]
        view.is_open = False
        self._notify(Change("view_close", team.id, user=user.id, item=view))
        if not view.body.get("notify_on_close"):
            return None
        payload = interactive_base("view_closed", team, user, self._issue_trigger(team, user)) | {
            "view": view.to_api(), "is_cleared": False}
        payload.pop("trigger_id")
        return self._interactive(payload, team, target)
