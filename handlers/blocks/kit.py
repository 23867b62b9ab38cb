"""Small constructors of Block Kit dicts, with Slack's limits applied.

These build the dicts slack_sdk's models would give (`SectionBlock(...).to_dict()` and the like), without
building and validating the models: that cost about a millisecond per card, on the path of every reply. What
the models would check is true by construction here (texts are cut to their limits in handlers.blocks.text;
ids and values are ours), and the few checks that could fail are kept. tests/unit/test_kit.py compares the two.
"""

from __future__ import annotations

from typing import Any

from handlers.blocks.text import BUTTON_MAX, CONTEXT_MAX, FIELD_MAX, HEADER_MAX, SECTION_MAX, plain, truncate

Block = dict[str, Any]


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text} if text else {"type": "mrkdwn"}


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def header(text: str) -> Block:
    return {"type": "header", "text": _plain(plain(text, HEADER_MAX))}


def section(md: str, *, fields: list[str] | None = None, accessory: dict[str, Any] | None = None) -> Block:
    block: Block = {"type": "section"}
    if md:
        block["text"] = _mrkdwn(truncate(md, SECTION_MAX))
    if fields:
        block["fields"] = [_mrkdwn(truncate(f, FIELD_MAX)) for f in fields[:10]]
    if len(block) == 1:
        raise ValueError("text or fields attribute must be specified")
    if accessory:
        block["accessory"] = accessory
    return block


def context(*md: str) -> Block:
    items = [m for m in md if m][:10]
    block: Block = {"type": "context"}
    if items:
        block["elements"] = [_mrkdwn(truncate(m, CONTEXT_MAX)) for m in items]
    return block


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str = "", *, style: str | None = None, url: str | None = None) -> dict[str, Any]:
    if style not in (None, "primary", "danger"):
        raise ValueError("style attribute must be one of the following values: primary, danger")
    if len(action_id) > 255 or len(value or "") > 2000 or len(url or "") > 3000:
        raise ValueError("button action_id, value or url is too long")
    d: dict[str, Any] = {"type": "button", "text": _plain(plain(text, BUTTON_MAX))}
    if action_id:
        d["action_id"] = action_id
    if value:
        d["value"] = value
    if style:
        d["style"] = style
    if url:
        d["url"] = url
    return d


def actions(*elements: dict[str, Any], block_id: str | None = None) -> Block:
    if block_id is not None and len(block_id) > 255:
        raise ValueError("block_id must be 255 characters or fewer")
    d: Block = {"type": "actions"}
    if elements:
        d["elements"] = list(elements)[:25]
    if block_id:
        d["block_id"] = block_id
    return d


def fit(blocks: list[Block], limit: int = 50, more: str = "…and {n} more") -> list[Block]:
    """Keep within Slack's block limit, saying how many were left out."""
    if len(blocks) <= limit:
        return blocks
    kept = blocks[: limit - 1]
    return [*kept, context(more.format(n=len(blocks) - len(kept)))]
