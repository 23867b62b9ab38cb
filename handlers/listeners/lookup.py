"""Finding contacts: `/banter find`, `/banter show`."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.records import ContactRecord
from bot.services import search
from bot.services.cards import card_view
from handlers.blocks.cards import contact_card, who
from handlers.blocks.kit import context, section
from handlers.blocks.text import esc, user
from handlers.context import Services

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
    say(ask, f"{len(found)} contact(s) match", [section(f"*{len(found)} match “{esc(ask.args, 100)}”*"),
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
    text, blocks = contact_card(view)
    now = ask.svc.clock.now()
    lines = []
    for i, h in enumerate(view.history):
        until = view.history[i + 1].at if i + 1 < len(view.history) else now
        lines.append(
            f"• {h.at:%Y-%m-%d %H:%M} {h.from_stage.value if h.from_stage else '—'} → *{h.to_stage.value}* "
            f"by {user(h.by_user) if h.by_user else 'the policy'}: {esc(h.reason, 300)} "
            f"_({_duration(until - h.at)} in {h.to_stage.value})_"
        )
    history = "\n".join(lines[-15:])
    blocks = [b for b in blocks if b.get("type") != "actions"]
    blocks += [section("*Stage history*\n" + history)] if history else []
    say(ask, text, blocks)


def _duration(delta: timedelta) -> str:
    """Time in a stage, the way a sales manager says it."""
    days = delta.total_seconds() / 86400
    if days >= 1:
        return f"{days:.0f} day{'s' if round(days) != 1 else ''}"
    hours = delta.total_seconds() / 3600
    return f"{hours:.0f} h" if hours >= 1 else f"{max(delta.total_seconds() / 60, 0):.0f} min"


COMMANDS.update({"find": _find, "search": _find, "show": _show})
_find.command_name = "find"  # type: ignore[attr-defined]
_show.command_name = "show"  # type: ignore[attr-defined]
