"""The Block Kit constructors build the very dicts slack_sdk's models would, without building the models."""

from __future__ import annotations

import pytest
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

from handlers.blocks import kit
from handlers.blocks.text import BUTTON_MAX, CONTEXT_MAX, FIELD_MAX, HEADER_MAX, SECTION_MAX, plain, truncate

TEXTS = ["Jane", "*Title*\nCTO", "x" * 5000, "  spaced  ", "emoji :fire: & <b>", "\u202eevil", ""]


@pytest.mark.parametrize("text", TEXTS)
def test_header_section_context_as_the_models_make_them(text: str) -> None:
    assert kit.header(text) == HeaderBlock(text=PlainTextObject(text=plain(text, HEADER_MAX), emoji=True)).to_dict()
    fields = [text, "*Owner*\n<@U1>"] * 6
    model = SectionBlock(
        text=MarkdownTextObject(text=truncate(text, SECTION_MAX)) if text else None,
        fields=[MarkdownTextObject(text=truncate(f, FIELD_MAX)) for f in fields[:10]],
    ).to_dict()
    assert kit.section(text, fields=fields) == model
    if text:
        assert kit.section(text) == SectionBlock(text=MarkdownTextObject(text=truncate(text, SECTION_MAX))).to_dict()
    items = [m for m in (text, "Why 20: title") if m]
    assert kit.context(text, "Why 20: title") == ContextBlock(
        elements=[MarkdownTextObject(text=truncate(m, CONTEXT_MAX)) for m in items]
    ).to_dict()
    assert kit.divider() == DividerBlock().to_dict()


def test_a_section_needs_text_or_fields_as_before() -> None:
    with pytest.raises(ValueError):
        kit.section("")
    accessory = {"type": "button", "text": {"type": "plain_text", "text": "Open"}, "action_id": "open"}
    assert kit.section("hi", accessory=accessory)["accessory"] == accessory


@pytest.mark.parametrize("style", [None, "primary", "danger"])
@pytest.mark.parametrize("value", ["", "c:42", "c:42:no_budget"])
def test_buttons_and_actions_as_the_models_make_them(style: str | None, value: str) -> None:
    for text, url in (("Start discovery", None), ("x" * 100, "https://example.slack.com/archives/C1/p1")):
        model = ButtonElement(text=PlainTextObject(text=plain(text, BUTTON_MAX), emoji=True), action_id="start",
                              value=value or None, style=style, url=url).to_dict()  # fmt: skip
        assert kit.button(text, "start", value, style=style, url=url) == model
    placeholder = {"type": "plain_text", "text": "Remind me…"}
    option = {"text": {"type": "plain_text", "text": "Tomorrow"}, "value": "c:1:tomorrow"}
    elements = [
        kit.button("Edit", "edit", value, style=style),
        {"type": "static_select", "action_id": "remind", "placeholder": placeholder, "options": [option]},
        {"type": "datepicker", "action_id": "remind_date", "placeholder": placeholder},
        {"type": "users_select", "action_id": "assign", "placeholder": placeholder},
    ]
    for block_id in (None, "card_42"):
        assert kit.actions(*elements, block_id=block_id) == ActionsBlock(elements=elements, block_id=block_id).to_dict()


def test_a_button_style_slack_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError):
        kit.button("Go", "go", style="loud")
