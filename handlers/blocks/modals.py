"""The contact form, for "New lead" and "Edit"."""

from __future__ import annotations

from typing import Any

from bot.records import ContactRecord
from handlers.blocks import ids
from handlers.blocks.text import clean, plain

FIELDS = (
    ("name", "Name", "Jane Doe", True),  # a name, an email or a phone: checked on submit
    ("title", "Title", "VP Marketing", True),
    ("company", "Company", "Acme Corp", True),
    ("emails", "Email", "jane.doe@acme.com", True),
    ("phones", "Phone", "+1 415 555 0132", True),
    ("event", "Event or source", "SaaStr 2026", True),
    ("note", "Note", "wants analytics for 40 field reps; asked for pricing", True),
)


def _input(key: str, label: str, hint: str, optional: bool, initial: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": key,
        "placeholder": {"type": "plain_text", "text": hint},
        "multiline": key == "note",
        "max_length": 3000 if key == "note" else 250,
    }
    if initial:
        element["initial_value"] = clean(initial)[: element["max_length"]]
    return {"type": "input", "block_id": key, "optional": optional, "label": {"type": "plain_text", "text": label},
            "element": element}  # fmt: skip


def contact_form(contact: ContactRecord | None = None) -> dict[str, Any]:
    def initial(key: str) -> str:
        if contact is None:
            return ""
        value = getattr(contact, key)
        return ", ".join(value) if isinstance(value, list) else str(value or "")

    return {
        "type": "modal",
        "callback_id": ids.EDIT_VIEW if contact else ids.NEW_LEAD_VIEW,
        "private_metadata": str(contact.id) if contact else "",
        "title": {"type": "plain_text", "text": plain("Edit contact" if contact else "New lead", 24)},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [_input(k, label, hint, opt, initial(k)) for k, label, hint, opt in FIELDS],
    }


def form_values(view: dict[str, Any]) -> dict[str, str]:
    values = view.get("state", {}).get("values", {})
    return {k: (values.get(k, {}).get(k, {}) or {}).get("value") or "" for k, *_ in FIELDS}
