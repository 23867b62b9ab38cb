"""Discovery in the thread: the checklist (updated in place) and the questions."""

from __future__ import annotations

from bot import discovery as talk
from bot.model import AuthorityLevel, BantItem
from bot.services.discovery import Turn
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.kit import Block, actions, button, context, section
from handlers.blocks.text import esc

AUTHORITY_BUTTONS = (
    ("Decision maker", AuthorityLevel.DECISION_MAKER),
    ("Influencer", AuthorityLevel.INFLUENCER),
    ("No authority", AuthorityLevel.NONE),
    ("Unknown", AuthorityLevel.UNKNOWN),
)


def checklist(turn: Turn) -> tuple[str, list[Block]]:
    c = turn.contact
    lines, done = [], 0
    for item, summary in talk.checklist(turn.answers):
        if summary:
            done += 1
            lines.append(f":white_check_mark: *{item.value.capitalize()}*: {esc(summary, 400)}")
        else:
            arrow = "  :point_left: _asking now_" if turn.ask is item else ""
            lines.append(f":white_circle: *{item.value.capitalize()}*: _open_{arrow}")
    state = {"paused": " (paused)", "done": " (complete)"}.get(turn.session.status, "")
    blocks = [section(f":clipboard: Discovery for {who(c)}{state} · {done}/4"), section("\n".join(lines))]
    if turn.evaluation is not None:
        ev = turn.evaluation
        blocks.append(context(f"Score {ev.score.value} ({ev.score.temperature.value}) · stage: {c.stage.value}"))
    return f"Discovery for {esc(c.name or 'contact', 100)}: {done} of 4 answered", blocks


def question(item: BantItem, contact_id: int, *, prefix: str = "") -> tuple[str, list[Block]]:
    q = talk.QUESTIONS[item]
    text = f"{prefix}*{q.text}*\n_e.g. {esc(q.example)}_"
    blocks: list[Block] = [section(text)]
    if item is BantItem.AUTHORITY:
        blocks.append(
            actions(
                *(button(label, f"{ids.AUTHORITY}_{lvl.value}", ids.contact_value(contact_id, lvl.value))
              for label, lvl in AUTHORITY_BUTTONS),
                block_id=f"authority_{contact_id}",
            )
        )
    blocks.append(context("Answer in your own words, or: `skip` · `don't know` · `back` · `pause` · `status`"))
    return f"{q.text} (e.g. {q.example})", blocks


def not_understood(item: BantItem | None, contact_id: int) -> tuple[str, list[Block]]:
    if item is None:
        msg = ("Discovery is complete. To correct an answer, label it, e.g. `budget: actually 80k` or "
               "`timeline: end of Q2`.")  # fmt: skip
        return msg, [section(msg)]
    examples = " · ".join(f"`{esc(e)}`" for e in talk.EXAMPLES[item])
    msg = f"I didn't catch that as a *{item.value}* answer, so nothing was recorded. Try something like {examples}."
    text, blocks = question(item, contact_id, prefix=msg + "\n")
    return f"I didn't catch that as a {item.value} answer. {text}", blocks


def outcome(turn: Turn) -> tuple[str, list[Block]]:
    """What the policy made of the answers: promoted, or exactly what is missing."""
    ev, c = turn.evaluation, turn.contact
    if ev is None:
        return "Discovery complete.", [section("Discovery complete.")]
    if c.stage.value == "prospect":
        met = [check.item.value for check in ev.decision.checks if check.satisfied]
        why = (f"{', '.join(met[:-1])} and {met[-1]} satisfy the policy" if len(met) > 1 else esc(ev.decision.rule))
        msg = f":tada: {who(c)} is now a *prospect*: {why}. The team has been alerted."
    else:
        missing = "\n".join(f"• {esc(m, 300)}" for m in ev.decision.missing) or "• (nothing listed)"
        msg = f"{who(c)} stays a *lead* for now. What's missing for the policy ({esc(ev.decision.rule)}):\n{missing}"
    return f"Discovery complete for {esc(c.name, 100)}: {c.stage.value}", [section(msg)]


def paused(c_owner: str) -> tuple[str, list[Block]]:
    msg = "Paused. Say `qualify` in this thread, or press *Resume discovery* on the card, to pick up where we left off."
    return msg, [section(msg)]
