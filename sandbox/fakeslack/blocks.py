"""Block Kit checks: reject what Slack rejects, with Slack's `[ERROR] ... [json-pointer:...]` messages."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
KNOWN_TYPES = {
    "section", "divider", "image", "actions", "context", "input", "file", "call", "header", "markdown",
    "video", "rich_text", "table", "context_actions",
}
_INTERACTIVE = {"button", "static_select", "external_select", "users_select", "conversations_select",
                "channels_select", "multi_static_select", "multi_users_select", "multi_conversations_select",
                "multi_channels_select", "multi_external_select", "overflow", "datepicker", "timepicker",
                "datetimepicker", "checkboxes", "radio_buttons", "plain_text_input", "number_input",
                "email_text_input", "url_text_input", "rich_text_input", "file_input", "workflow_button"}
# (block type, path to the text) -> longest text Slack accepts
_TEXT_LIMITS = {("section", "text"): 3000, ("header", "text"): 150}

# slack_sdk logs a warning for every unknown block; the fake reports those itself.
logging.getLogger(Block.__module__).setLevel(logging.ERROR)


def _err(message: str, pointer: str) -> str:
    return f"[ERROR] {message} [json-pointer:{pointer}]"


def _text_of(obj: Any) -> str:
    return obj.get("text", "") if isinstance(obj, dict) else ""


def _elements_of(block: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Interactive elements with their json-pointer suffix, as Slack reads them for action_id checks."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(block.get("accessory"), dict):
        found.append(("accessory", block["accessory"]))
    if isinstance(block.get("element"), dict):
        found.append(("element", block["element"]))
    if block.get("type") == "actions":
        found.extend((f"elements/{i}", e) for i, e in enumerate(block.get("elements") or []) if isinstance(e, dict))
    return found


def _check_block(block: Any, pointer: str) -> list[str]:
    if not isinstance(block, dict) or block.get("type") not in KNOWN_TYPES:
        kind = block.get("type") if isinstance(block, dict) else type(block).__name__
        return [_err(f"unsupported type: {kind}", pointer)]
    kind = block["type"]
    errors: list[str] = []
    limit = _TEXT_LIMITS.get((kind, "text"))
    if limit is not None and len(_text_of(block.get("text"))) > limit:
        errors.append(_err(f"must be less than {limit + 1} characters", f"{pointer}/text/text"))
    if kind == "header" and isinstance(block.get("text"), dict) and block["text"].get("type") != "plain_text":
        errors.append(_err("must be plain_text", f"{pointer}/text/type"))
    if kind == "section":
        fields = block.get("fields") or []
        if not block.get("text") and not fields and block.get("expand") is None:
            errors.append(_err("must provide either text or fields", pointer))
        if len(fields) > 10:
            errors.append(_err("no more than 10 items allowed", f"{pointer}/fields"))
        errors += [_err("must be less than 2001 characters", f"{pointer}/fields/{i}/text")
                   for i, f in enumerate(fields) if len(_text_of(f)) > 2000]
    if kind == "actions" and len(block.get("elements") or []) > 25:
        errors.append(_err("no more than 25 items allowed", f"{pointer}/elements"))
    if kind == "context" and len(block.get("elements") or []) > 10:
        errors.append(_err("no more than 10 items allowed", f"{pointer}/elements"))
    seen: set[str] = set()
    for suffix, element in _elements_of(block):
        if element.get("type") not in _INTERACTIVE and element.get("type") != "image":
            errors.append(_err(f"unsupported type: {element.get('type')}", f"{pointer}/{suffix}"))
        if element.get("type") == "button" and len(_text_of(element.get("text"))) > 75:
            errors.append(_err("must be less than 76 characters", f"{pointer}/{suffix}/text/text"))
        action_id = element.get("action_id")
        if action_id is not None:
            if action_id in seen:
                errors.append(_err(f"duplicate action_id `{action_id}`", f"{pointer}/{suffix}/action_id"))
            seen.add(action_id)
    if not errors:
        try:
            parsed = Block.parse(dict(block))
            if parsed is not None:
                parsed.validate_json()
        except (SlackObjectFormationError, TypeError, KeyError, AttributeError, ValueError) as exc:
            errors.append(_err(str(exc) or "invalid block", pointer))
    return errors


def validate_blocks(blocks: Any, *, surface: str = "message", pointer: str = "/blocks") -> list[str]:
    """Slack's error messages for these blocks; empty when Slack would accept them."""
    if blocks is None:
        return []
    if not isinstance(blocks, list):
        return [_err("expected an array", pointer)]
    errors: list[str] = []
    limit = MAX_BLOCKS[surface]
    if len(blocks) > limit:
        errors.append(_err(f"no more than {limit} items allowed", pointer))
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        errors += _check_block(block, f"{pointer}/{i}")
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if block_id is not None:
            if block_id in block_ids:
                errors.append(_err(f"duplicate block_id `{block_id}`", f"{pointer}/{i}/block_id"))
            block_ids.add(block_id)
    return errors


def validate_view(view: Any) -> list[str]:
    if not isinstance(view, dict):
        return [_err("expected an object", "/view")]
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [_err(f"unsupported type: {kind}", "/view/type")]
    errors: list[str] = []
    for key in ("title", "submit", "close"):
        text = _text_of(view.get(key))
        if kind == "modal" and key == "title" and not text:
            errors.append(_err("must provide a title", "/view/title"))
        if len(text) > 24:
            errors.append(_err("must be less than 25 characters", f"/view/{key}/text"))
    if kind == "modal" and view.get("submit") is None and any(
            isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or []):
        errors.append(_err("must provide submit when an input block is present", "/view/submit"))
    if len(view.get("private_metadata") or "") > 3000:
        errors.append(_err("must be less than 3001 characters", "/view/private_metadata"))
    return errors + validate_blocks(view.get("blocks") or [], surface=kind, pointer="/view/blocks")


def with_block_ids(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Slack gives every stored block a block_id; payloads and API answers carry it."""
    return [b if "block_id" in b else {**b, "block_id": secrets.token_hex(3)} for b in blocks]
