"""Small constructors over slack_sdk's Block Kit models, with Slack's limits applied."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)

from handlers.blocks.text import BUTTON_MAX, CONTEXT_MAX, FIELD_MAX, HEADER_MAX, SECTION_MAX, plain, truncate

Block = dict[str, Any]


def header(text: str) -> Block:
    return HeaderBlock(text=PlainTextObject(text=plain(text, HEADER_MAX), emoji=True)).to_dict()


def section(md: str, *, fields: list[str] | None = None, accessory: dict[str, Any] | None = None) -> Block:
    block = SectionBlock(
        text=MarkdownTextObject(text=truncate(md, SECTION_MAX)) if md else None,
        fields=[MarkdownTextObject(text=truncate(f, FIELD_MAX)) for f in (fields or [])[:10]] or None,
    ).to_dict()
    if accessory:
        block["accessory"] = accessory
    return block


def context(*md: str) -> Block:
    items = [m for m in md if m][:10]
    return ContextBlock(elements=[MarkdownTextObject(text=truncate(m, CONTEXT_MAX)) for m in items]).to_dict()


def divider() -> Block:
    return DividerBlock().to_dict()


def button(text: str, action_id: str, value: str = "", *, style: str | None = None, url: str | None = None) -> dict[str, Any]:
    return ButtonElement(
        text=PlainTextObject(text=plain(text, BUTTON_MAX), emoji=True),
        action_id=action_id,
        value=value or None,
        style=style,
        url=url,
    ).to_dict()


def actions(*elements: dict[str, Any], block_id: str | None = None) -> Block:
    d: Block = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        d["block_id"] = block_id
    return ActionsBlock(**{k: v for k, v in d.items() if k != "type"}).to_dict()


def fit(blocks: list[Block], limit: int = 50, more: str = "…and {n} more") -> list[Block]:
    """Keep within Slack's block limit, saying how many were left out."""
    if len(blocks) <= limit:
        return blocks
    kept = blocks[: limit - 1]
    return [*kept, context(more.format(n=len(blocks) - len(kept)))]
