"""Finding contacts: `/banter find`, `/banter show`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.model import Stage
from bot.records import ContactRecord, StageRecord
from bot.services import search
from bot.services.cards import card_view
from bot.zones import in_zone
from handlers.blocks.cards import contact_card, readable, who
from handlers.blocks.kit import context, section
from handlers.blocks.text import esc, link, plural, user
from handlers.context import Services, permalink, rep

if TYPE_CHECKING:
    from handlers.listeners.commands import Ask

COMMANDS: dict = {}


def find_contacts(svc: Services, team_id: str, text: str, limit: int = 10) -> list[ContactRecord]:
    with svc.uow(readonly=True) as uow:
        return search.find_contacts(uow, team_id, text, limit)


def _find(ask: Ask) -> None:
    """`/banter find acme` — search contacts by name, company, email, phone or event (typos welcome)."""
    from handlers.listeners.commands import say

    found = find_contacts(ask.svc, ask.team_id, ask.args)
    if not ask.args:
        say(ask, "Usage: `/banter find <name, company, email, phone or event>`.")
        return
    if not found:
        say(ask, f"No contact matches “{esc(ask.args, 100)}”.")
        return
    lines = [f"• {who(c)} · {c.stage.value} · score {c.score} · owner {user(c.owner_id)}" for c in found]
    matches = f"{plural(len(found), 'contact')} {'matches' if len(found) == 1 else 'match'}"
    say(ask, f"{matches} “{esc(ask.args, 100)}”", [section(f"*{matches} “{esc(ask.args, 100)}”*"),
                                               section("\n".join(lines)),
                                               context("See one: `/banter show <email or name>`")])  # fmt: skip


def _show(ask: Ask) -> None:
    """`/banter show jane@acme.com` — the card with BANT answers, score reasons and stage history."""
    from handlers.listeners.commands import _find_one, say

    cid = _find_one(ask, ask.args)
    with ask.svc.uow(readonly=True) as uow:
        view = card_view(uow, ask.team_id, cid, ask.svc.clock.now())
    if view is None:
        raise LookupError("That contact is no longer here.")
    text, blocks = contact_card(view, fresh=False)  # "Lead: Jane Doe": this is a look-up, not a new lead
    now = ask.svc.clock.now()
    tz = rep(ask.svc, ask.client, ask.team_id, ask.user_id).tz or "UTC"
    lines = []
    for i, h in enumerate(view.history):
        current = i + 1 == len(view.history)
        until = now if current else view.history[i + 1].at
        was = _stage_name(view.history[i - 1]) if i and h.from_stage else (h.from_stage.value if h.from_stage else "")
        lines.append(_history_line(h, was, in_zone(h.at, tz), _duration(until - h.at), current))
    history = "\n".join(lines[-15:])
    blocks = [b for b in blocks if b.get("type") != "actions"]
    blocks += [section("*Stage history*\n" + history)] if history else []
    c = view.contact
    thread = permalink(ask.svc, ask.team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts)
    zone = "UTC" if tz == "UTC" else f"your time ({esc(tz, 60)})"
    blocks.append(context((link(thread, "Open the contact's thread") + " · " if thread else "") + f"Times in {zone}"))
    say(ask, text, blocks)


def _stage_name(h: StageRecord) -> str:
    if h.to_stage is Stage.DISQUALIFIED and h.reason.lower().startswith("lost"):
        return "lost"
    return h.to_stage.value


def _history_line(h: StageRecord, was: str, at: datetime, spent: str, current: bool) -> str:
    """'• Mon 23 Nov 2026, 16:00 · lead → prospect by @ann: promoted by hand (3 days as prospect)'."""
    start = f"{was or 'new'} → "
    stage = _stage_name(h)
    by = user(h.by_user) if h.by_user else "the policy"
    reason = h.reason[len("lost") :].lstrip(": ") if stage == "lost" else h.reason  # "lost → lost: price" says it twice
    how_long = f"{stage} for {spent} so far" if current else f"{spent} as {stage}"
    why = f": {esc(readable(reason), 300)}" if reason.strip() else ""
    return f"• {at:%a} {at.day} {at:%b %Y, %H:%M} · {start}*{stage}* by {by}{why} _({how_long})_"


def _duration(delta: timedelta) -> str:
    """Time in a stage, the way a sales manager says it: 'under a minute', '40 minutes', '17 hours', '3 days'."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return plural(minutes, "minute")
    if minutes < 48 * 60:
        return plural(round(minutes / 60), "hour")
    return plural(round(minutes / (24 * 60)), "day")


COMMANDS.update({"find": _find, "search": _find, "show": _show})
_find.command_name = "find"  # type: ignore[attr-defined]
_show.command_name = "show"  # type: ignore[attr-defined]
