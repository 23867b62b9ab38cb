"""Replies to a note written in a contact's thread."""

from __future__ import annotations

from datetime import datetime

from bot.model import Signal
from bot.services.notes import Noted, WhichContact
from bot.zones import in_zone
from handlers.blocks.cards import SIGNAL_LABEL, plain_who, who
from handlers.blocks.kit import Block, section
from handlers.blocks.text import esc, user


def noted(n: Noted, tz: str) -> tuple[str, list[Block]]:
    c = n.contact
    parts = [f":memo: Added to {who(c)}'s notes."]
    if n.follow_up_at is not None:
        parts.append(f":alarm_clock: Follow-up set for *{_when(n.follow_up_at, tz)}*: {user(c.owner_id)} gets a reminder then.")
    if n.new_signals:
        signals = ", ".join(SIGNAL_LABEL.get(Signal(s), s) for s in n.new_signals if s in set(Signal))
        parts.append(f":fire: Signal: {signals}. Score now {c.score} ({esc(c.temperature)}).")
    text = f"Added to {plain_who(c)}'s notes."
    return text, [section("\n".join(parts))]


def which_contact(w: WhichContact) -> tuple[str, list[Block]]:
    names = ", ".join(who(c) for c in w.contacts[:10])
    first = (w.contacts[0].name or "Jane").split()[0]
    msg = (f":thinking_face: This thread holds several contacts ({names}). Start your note with a name, "
           f"e.g. `{esc(first, 40)}: follow up next week`, and I'll keep it on that record.")  # fmt: skip
    return "This thread holds several contacts: start your note with a name.", [section(msg)]


def _when(at: datetime, tz: str) -> str:
    return in_zone(at, tz).strftime("%a %-d %b, %H:%M")
