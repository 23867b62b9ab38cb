"""Notes written in a contact's thread: kept on the record, read for follow-up dates and buying signals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from bot.contacts.cues import find_signals
from bot.ports import UnitOfWork
from bot.records import ContactRecord
from bot.services.qualification import Evaluation, reevaluate
from bot.zones import in_zone

MAX_NOTE = 4000
# Thread chatter that is no note: thanks, acknowledgements, a lone emoji.
_CHATTER = re.compile(
    r"^\W*(?:thanks?(?: you)?|thx|ty|cheers|ok(?:ay)?|k|cool|great|nice|got it|will do|done|yes|no|yep|nope|lol"
    r"|:[a-z0-9_+-]+:)\W*$",
    re.IGNORECASE,
)


@dataclass
class Noted:
    contact: ContactRecord
    follow_up_at: datetime | None = None
    new_signals: list[str] = field(default_factory=list)
    evaluation: Evaluation | None = None


@dataclass
class WhichContact:
    """The thread holds several contacts (a bulk log) and the note names none of them."""

    contacts: list[ContactRecord]


def is_chatter(text: str) -> bool:
    return not text.strip() or bool(_CHATTER.match(text.strip()))


_PREFIX = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s+\S")


def addressed_to(contacts: list[ContactRecord], text: str) -> ContactRecord | None:
    """The contact a message starts by naming ("Raj: she uses Salesforce"), in a thread of several."""
    m = _PREFIX.match(text)
    if m is None or len(contacts) < 2:
        return None
    said = m.group(1).casefold()
    found = [c for c in contacts if c.name and said in (c.name.casefold(), c.name.split()[0].casefold())]
    return found[0] if len(found) == 1 else None


def _named(contacts: list[ContactRecord], text: str) -> list[ContactRecord]:
    words = set(re.findall(r"\w+", text.casefold()))
    named = [c for c in contacts if c.name and c.name.casefold() in text.casefold()]
    if named:
        return named
    return [c for c in contacts if c.name and c.name.split()[0].casefold() in words]


def note_in_thread(
    uow: UnitOfWork, team_id: str, user_id: str, contacts: list[ContactRecord], text: str, now: datetime,
    tz: str = "UTC",
) -> Noted | WhichContact | None:  # fmt: skip
    """Keep `text` as a note on the thread's contact; None for chatter or an empty thread."""
    if is_chatter(text) or not contacts:
        return None
    targets = contacts if len(contacts) == 1 else _named(contacts, text)
    if len(targets) != 1:
        return WhichContact(contacts)
    c = targets[0]
    assert c.id is not None
    from bot.bant.timeline import find_follow_up

    stamp = in_zone(now, tz).strftime("%d %b")
    c.note = f"{c.note}\n{stamp}: {text.strip()}".strip()[-MAX_NOTE:]
    found = [s.value for s in find_signals(text)]
    new_signals = [s for s in found if s not in c.signals]
    c.signals = [*c.signals, *new_signals]
    when = find_follow_up(text, now=in_zone(now, tz))
    follow_up = when if when is not None and when > now else None
    if follow_up is not None:
        c.follow_up_at = follow_up
    c.updated_at = c.last_activity_at = now
    uow.contacts.save(c)
    uow.activities.add(team_id, c.id, "note", user_id, text[:2000], now)
    if follow_up is not None:
        uow.activities.add(team_id, c.id, "follow_up_set", user_id, follow_up.isoformat(), now)
    ev = reevaluate(uow, team_id, c.id, now) if new_signals else None
    return Noted(ev.contact if ev else c, follow_up, new_signals, ev)
