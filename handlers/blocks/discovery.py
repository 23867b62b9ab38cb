"""Discovery in the thread: the checklist (updated in place) and the questions."""

from __future__ import annotations

from datetime import datetime

from bot import discovery as talk
from bot.events import Promoted
from bot.model import AuthorityLevel, BantItem
from bot.records import ContactRecord
from bot.services.discovery import Change, Turn
from handlers.blocks import ids
from handlers.blocks.cards import MARKS, bant_mark, plain_who, readable, who
from handlers.blocks.kit import Block, actions, button, context, section
from handlers.blocks.text import esc

AUTHORITY_BUTTONS = (
    ("Decision maker", AuthorityLevel.DECISION_MAKER),
    ("Influencer", AuthorityLevel.INFLUENCER),
    ("No authority", AuthorityLevel.NONE),
    ("Unknown", AuthorityLevel.UNKNOWN),
)


def _mark(turn: Turn, item: BantItem) -> tuple[str, str]:
    """(mark, why the policy does not count it, or "")."""
    checks = turn.evaluation.decision.checks if turn.evaluation is not None else ()
    return bant_mark(turn.answers.get(item), next((c for c in checks if c.item is item), None))


def _when(at: datetime) -> str:
    return f"{at:%A %-d %b} at {at:%H:%M}"


def _change_line(change: Change) -> str:
    label = change.item.value.capitalize()
    after = esc(change.after, 400)
    if change.asked is not None and change.before is None:
        return f"That reads as a *{change.item.value}* answer, so I recorded it there: *{label}*: {after}."
    if change.before is not None and change.before != change.after:
        return f"*{label} changed*: {esc(change.before, 300)} → {after}."
    if change.estimate:
        return f"*{label}* noted as a guess: {after}. It counts once they confirm it."
    return ""


def notes(turn: Turn) -> str:
    """What this message did, said back to the rep before the next question ("" when nothing to add)."""
    lines: list[str] = []
    if turn.paused_other is not None:
        first = (turn.paused_other.name or "them").split()[0]
        lines.append(f":pause_button: {who(turn.paused_other)}'s discovery is paused while this one runs; "
                     f"say `{esc(first, 40)}: qualify` to go back to it.")  # fmt: skip
    if turn.kind == "undone":
        lines.append(f"Undone: the last *{turn.undone.value}* answer." if turn.undone else "Nothing to undo yet.")
    elif turn.kind == "skipped":
        lines.append("Skipped; I'll come back to it.")
    lines += [line for line in map(_change_line, turn.changes) if line]
    if turn.follow_up is not None:
        lines.append(f":alarm_clock: I'll remind you {_when(turn.follow_up)}.")
        if turn.kind == "follow_up":
            lines.append("Nothing was recorded for discovery.")
    return "\n".join(lines)


def checklist(turn: Turn) -> tuple[str, list[Block]]:
    c = turn.contact
    lines, done = [], 0
    for item, summary in talk.checklist(turn.answers):
        name = item.value.capitalize()
        if summary:
            done += 1
            mark, why = _mark(turn, item)
            shown = esc(turn.estimates.get(item) or summary, 400)
            lines.append(f"{MARKS[mark]} *{name}*: {shown}" + (f" — _{esc(readable(why), 200)}_" if why else ""))
        else:
            arrow = "  :point_left: _asking now_" if turn.ask is item else ""
            lines.append(f"{MARKS['open']} *{name}*: _open_{arrow}")
    state = {"paused": " (paused)", "done": " (complete)"}.get(turn.session.status, "")
    blocks = [section(f":clipboard: Discovery for {who(c)}{state} · {done}/4"), section("\n".join(lines))]
    footer = []
    if turn.evaluation is not None:
        ev = turn.evaluation
        footer.append(f"Score {ev.score.value} ({ev.score.temperature.value}) · stage: {c.stage.value}")
    if turn.follow_up is not None:
        footer.append(f":alarm_clock: follow-up {_when(turn.follow_up)}")
    if footer:
        blocks.append(context(" · ".join(footer)))
    moved = [_change_line(ch) for ch in turn.changes if ch.asked is not None or ch.before not in (None, ch.after)]
    if moved:  # said in the thread too; here it stays next to the answers it changed
        blocks.append(context("Last change: " + " ".join(moved)))
    return f"Discovery for {esc(c.name or 'contact', 100)}: {done} of 4 answered", blocks


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


_SETTLES = {BantItem.NEED: ("no_need", "no need"), BantItem.BUDGET: ("no_budget", "no budget")}


def question(
    item: BantItem, contact_id: int, *, prefix: str = "", contact: ContactRecord | None = None,
    settled_by: BantItem | None = None,
) -> tuple[str, list[Block]]:  # fmt: skip
    """The question on `item`; naming `contact`, since one thread can hold several people's discovery. After a
    "no need" or "no budget" (`settled_by`), a way to close the lead instead of asking on."""
    q = talk.QUESTIONS[item]
    whose = f"{plain_who(contact)}: " if contact is not None else ""
    text = f"{prefix}*{whose}{q.text}*\n_e.g. {esc(q.example)}_"
    blocks: list[Block] = []
    if settled_by is not None:
        key, reason = _SETTLES[settled_by]
        blocks += [section(f"They said *{reason}*. If that settles it, disqualify now; otherwise carry on below."),
                   actions(button(f"Disqualify: {reason}", ids.DISQUALIFY, ids.contact_value(contact_id, key),
                                  style="danger"), block_id=f"settle_{contact_id}")]  # fmt: skip
    blocks.append(section(text))
    if item is BantItem.AUTHORITY:
        blocks.append(
            actions(
                *(button(label, f"{ids.AUTHORITY}_{lvl.value}", ids.contact_value(contact_id, lvl.value))
              for label, lvl in AUTHORITY_BUTTONS),
                block_id=f"authority_{contact_id}",
            )
        )
    blocks.append(context("Answer in your own words, or: `skip` · `don't know` · `back` · `pause` · `status`"))
    return f"{whose}{q.text} (e.g. {esc(q.example)})", blocks


def not_understood(
    item: BantItem | None, contact_id: int, *, contact: ContactRecord | None = None
) -> tuple[str, list[Block]]:
    if item is None:
        msg = ("Discovery is complete. To correct an answer, label it, e.g. `budget: actually 80k` or "
               "`timeline: end of Q2`.")  # fmt: skip
        return msg, [section(msg)]
    examples = " · ".join(f"`{esc(e)}`" for e in talk.EXAMPLES[item])
    a = _article(item.value)
    msg = f"I didn't catch that as {a} *{item.value}* answer, so nothing was recorded. Try something like {examples}."
    text, blocks = question(item, contact_id, prefix=msg + "\n", contact=contact)
    return f"I didn't catch that as {a} {item.value} answer. {text}", blocks


def turn_question(turn: Turn) -> tuple[str, list[Block]]:
    """The next question, after what this message did (undone, skipped, changed, a follow-up set)."""
    assert turn.ask is not None
    said = notes(turn)
    settled = next((item for item in _SETTLES if item in turn.recorded
                    and talk.standing(turn.answers.get(item)) == "none"), None)  # fmt: skip
    return question(turn.ask, turn.contact.id or 0, prefix=f"{said}\n" if said else "", contact=turn.contact,
                    settled_by=settled)  # fmt: skip


def outcome(turn: Turn) -> tuple[str, list[Block]]:
    """What the policy made of the answers: promoted, or exactly what is missing."""
    ev, c = turn.evaluation, turn.contact
    if ev is None:
        return "Discovery complete.", [section("Discovery complete.")]
    if c.stage.value == "prospect":
        met = [check.item.value for check in ev.decision.checks if check.satisfied]
        why = (f"{', '.join(met[:-1])} and {met[-1]} satisfy the policy" if len(met) > 1 else esc(readable(ev.decision.rule)))
        if any(isinstance(e, Promoted) for e in ev.events):
            msg = f":tada: {who(c)} is now a *prospect*: {why}. The team has been alerted."
        else:  # reviewed or corrected after the promotion: nothing new to celebrate, nobody alerted again
            msg = f"{who(c)} is a *prospect*: {why}."
    else:
        missing = "\n".join(f"• {esc(readable(m), 300)}" for m in ev.decision.missing) or "• (nothing listed)"
        msg = f"{who(c)} stays a *lead* for now. What's missing for the policy ({esc(readable(ev.decision.rule))}):\n{missing}"
    said = notes(turn)
    if said:
        msg = f"{said}\n{msg}"
    return f"Discovery complete for {esc(c.name, 100)}: {c.stage.value}", [section(msg)]


def paused(c_owner: str) -> tuple[str, list[Block]]:
    msg = "Paused. Say `qualify` in this thread, or press *Resume discovery* on the card, to pick up where we left off."
    return msg, [section(msg)]
