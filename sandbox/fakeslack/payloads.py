"""Payloads Slack sends an app, built from the fake's state (shapes as Slack's SDK test-suites record them)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sandbox.fakeslack.state import Channel, User
    from sandbox.fakeslack.team import Team

VERIFICATION_TOKEN = "fake-verification-token"


def team_ref(team: Team) -> dict[str, Any]:
    return {"id": team.id, "domain": team.domain}


def user_ref(user: User) -> dict[str, Any]:
    return {"id": user.id, "username": user.name, "name": user.name, "team_id": user.team_id}


def channel_ref(channel: Channel) -> dict[str, Any]:
    return {"id": channel.id, "name": channel.name if not channel.is_im else "directmessage"}


def event_envelope(team: Team, event: dict[str, Any], event_id: str, event_time: int) -> dict[str, Any]:
    channel = event.get("channel", "")
    return {
        "token": VERIFICATION_TOKEN, "team_id": team.id, "api_app_id": team.app_id, "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": event_time,
        "authorizations": [{"enterprise_id": None, "team_id": team.id, "user_id": team.bot_user_id,
                            "is_bot": True, "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
        "event_context": f"4-{event.get('type', 'event')}-{team.id}-{channel}",
    }


def slash_form(team: Team, user: User, channel: Channel, command: str, text: str,
               response_url: str, trigger_id: str) -> dict[str, str]:
    return {
        "token": VERIFICATION_TOKEN, "team_id": team.id, "team_domain": team.domain,
        "channel_id": channel.id, "channel_name": channel_ref(channel)["name"], "user_id": user.id,
        "user_name": user.name, "command": command, "text": text, "api_app_id": team.app_id,
        "is_enterprise_install": "false", "response_url": response_url, "trigger_id": trigger_id,
    }


def interactive_base(kind: str, team: Team, user: User, trigger_id: str) -> dict[str, Any]:
    return {"type": kind, "user": user_ref(user), "api_app_id": team.app_id, "token": VERIFICATION_TOKEN,
            "trigger_id": trigger_id, "team": team_ref(team), "enterprise": None, "is_enterprise_install": False}


# --- finding what a person can press -------------------------------------------------------------

_OPTION_KINDS = {"static_select", "overflow", "radio_buttons", "checkboxes", "multi_static_select"}


def _elements(blocks: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for block in blocks:
        block_id = block.get("block_id", "")
        if isinstance(block.get("accessory"), dict):
            found.append((block_id, block["accessory"]))
        if block.get("type") == "actions":
            found.extend((block_id, e) for e in block.get("elements") or [])
        if block.get("type") == "input" and block.get("dispatch_action") and isinstance(block.get("element"), dict):
            found.append((block_id, block["element"]))
    return found


def _label(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def _options(element: dict[str, Any]) -> list[dict[str, Any]]:
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    return options


def describe_pressables(blocks: list[dict[str, Any]]) -> list[str]:
    shown = []
    for _block_id, element in _elements(blocks):
        if element.get("type") == "button":
            shown.append(f"button {_label(element.get('text'))!r} (action_id={element.get('action_id')!r}, "
                         f"value={element.get('value')!r})")
        else:
            labels = [_label(o.get("text")) for o in _options(element)]
            shown.append(f"{element.get('type')} action_id={element.get('action_id')!r} options={labels}")
    return shown


def find_action(blocks: list[dict[str, Any]], *, label: str | None, action_id: str | None,
                value: Any, action_ts: str) -> dict[str, Any]:
    """The `actions[0]` Slack sends when a person presses this; AssertionError if it is not on screen."""
    for block_id, element in _elements(blocks):
        kind = element.get("type")
        if action_id is not None and element.get("action_id") != action_id:
            continue
        base = {"action_id": element.get("action_id"), "block_id": block_id, "type": kind, "action_ts": action_ts}
        if kind == "button":
            if label is not None and _label(element.get("text")) != label:
                continue
            if value is not None and element.get("value") != value:
                continue
            action = {**base, "text": element.get("text"), "value": element.get("value")}
            return {k: v for k, v in action.items() if v is not None} | (
                {"style": element["style"]} if "style" in element else {})
        if kind in _OPTION_KINDS:
            for option in _options(element):
                if (label is None or _label(option.get("text")) == label) and (
                        value is None or option.get("value") == value) and (label or value is not None):
                    chosen = {"text": option.get("text"), "value": option.get("value")}
                    if kind in ("checkboxes", "multi_static_select"):
                        return {**base, "selected_options": [chosen]}
                    return {**base, "selected_option": chosen}
        elif action_id is not None and kind in ("users_select", "conversations_select", "channels_select"):
            key = {"users_select": "selected_user", "conversations_select": "selected_conversation",
                   "channels_select": "selected_channel"}[kind]
            return {**base, key: getattr(value, "id", value)}
        elif action_id is not None and kind == "datepicker":
            return {**base, "selected_date": value.isoformat() if isinstance(value, date) else value}
    raise AssertionError(
        f"nothing to press for label={label!r} action_id={action_id!r} value={value!r}; shown: "
        + ("; ".join(describe_pressables(blocks)) or "no interactive elements"))


# --- view submissions ----------------------------------------------------------------------------

def _input_value(element: dict[str, Any], value: Any) -> dict[str, Any]:
    kind = element.get("type", "")
    out: dict[str, Any] = {"type": kind}
    if kind in ("static_select", "radio_buttons"):
        out["selected_option"] = None if value is None else _pick(element, value)
    elif kind in ("checkboxes", "multi_static_select"):
        values = value if isinstance(value, list | tuple) else [] if value is None else [value]
        out["selected_options"] = [_pick(element, v) for v in values]
    elif kind == "users_select":
        out["selected_user"] = getattr(value, "id", value)
    elif kind == "multi_users_select":
        out["selected_users"] = [getattr(v, "id", v) for v in value or []]
    elif kind in ("conversations_select", "channels_select"):
        out["selected_conversation" if kind == "conversations_select" else "selected_channel"] = getattr(
            value, "id", value)
    elif kind == "datepicker":
        out["selected_date"] = value.isoformat() if isinstance(value, date) else value
    elif kind == "timepicker":
        out["selected_time"] = value
    else:  # plain_text_input, number_input, email_text_input, url_text_input
        out["value"] = None if value is None else str(value)
    return out


def _pick(element: dict[str, Any], wanted: Any) -> dict[str, Any]:
    for option in _options(element):
        if wanted in (option.get("value"), _label(option.get("text"))):
            return {"text": option.get("text"), "value": option.get("value")}
    raise AssertionError(f"no option {wanted!r} in {element.get('action_id')!r}; "
                         f"options: {[_label(o.get('text')) for o in _options(element)]}")


def _initial(element: dict[str, Any]) -> Any:
    """What an input shows before the person touches it (Slack submits that)."""
    for key in ("initial_value", "initial_user", "initial_users", "initial_date", "initial_time",
                "initial_conversation", "initial_channel"):
        if element.get(key) not in (None, ""):
            return element[key]
    if isinstance(element.get("initial_option"), dict):
        return element["initial_option"].get("value")
    if element.get("initial_options"):
        return [o.get("value") for o in element["initial_options"]]
    return None


def view_state(blocks: list[dict[str, Any]], values: dict[str, Any]) -> dict[str, Any]:
    """state.values for a submission; `values` keys are block_ids or the input's label text."""
    inputs = [b for b in blocks if b.get("type") == "input" and isinstance(b.get("element"), dict)]
    known = {b.get("block_id"): b for b in inputs} | {_label(b.get("label")): b for b in inputs}
    unknown = [k for k in values if k not in known]
    if unknown:
        raise AssertionError(f"no input {unknown} in the view; inputs: "
                             f"{[(b.get('block_id'), _label(b.get('label'))) for b in inputs]}")
    given = {known[k]["block_id"]: v for k, v in values.items()}
    state: dict[str, Any] = {}
    for block in inputs:
        value = given[block["block_id"]] if block["block_id"] in given else _initial(block["element"])
        empty = value in (None, "", [])
        if empty and not block.get("optional", False):
            raise AssertionError(f"Slack would not submit: required input {_label(block.get('label'))!r} is empty")
        state[block["block_id"]] = {block["element"].get("action_id", "action"): _input_value(block["element"], value)}
    return state
