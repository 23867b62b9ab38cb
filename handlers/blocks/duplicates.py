"""The reply when someone already on record is logged again: a pointer to their thread, not a second card."""

from __future__ import annotations

from bot.records import ContactRecord
from handlers.blocks.cards import plain_who, who
from handlers.blocks.kit import Block, context, section
from handlers.blocks.text import esc, link, user

_FIELD = {"name": "name", "title": "title", "company": "company", "website": "website", "linkedin": "LinkedIn",
          "event": "event", "source": "source", "email": "email", "phone": "phone", "signal": "signal",
          "note": "note"}  # fmt: skip


def already_logged(c: ContactRecord, added: list[str], differs: list[tuple[str, str, str]], thread_link: str) -> tuple[str, list[Block]]:
    head = f":repeat: *Already logged:* {who(c)} (owner {user(c.owner_id)}, {esc(c.stage.value)})."
    if added:
        head += " Added: " + ", ".join(_FIELD.get(f, f) for f in added) + "."
    else:
        head += " Nothing new to add."
    blocks: list[Block] = [section(head)]
    for field, mine, typed in differs:
        blocks.append(section(f":grey_question: The {_FIELD[field]} differs: you wrote “{esc(typed, 200)}”, the record says "
                              f"“{esc(mine, 200)}”. I kept the record's; use *Edit* on the card to change it."))  # fmt: skip
    if thread_link:
        blocks.append(context(link(thread_link, f"Open {plain_who(c)}'s thread") + ": the card, discovery and notes live there."))
    return f"Already logged: {plain_who(c)}", blocks
