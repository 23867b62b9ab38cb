"""Follow-up reminders, nudges, the card's pipeline controls and the stats answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.model import Stage
from bot.services.cards import CardView
from bot.services.owners import LOST_REASONS
from bot.stats import StatsReport, Yield, percent
from handlers.blocks import ids
from handlers.blocks.cards import contact_card, plain_who, who
from handlers.blocks.kit import Block, actions, button, context, header, section
from handlers.blocks.text import esc, user


def _option(text: str, value: str) -> dict[str, object]:
    return {"text": {"type": "plain_text", "text": text[:75]}, "value": value}


def _placeholder(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def pipeline_controls(v: CardView) -> list[Block]:
    """Remind me, Assign, and on a prospect Won / Lost: a second row under the card's buttons."""
    c = v.contact
    if c.stage not in (Stage.LEAD, Stage.PROSPECT):
        return []
    cid = c.id or 0
    elements: list[dict[str, object]] = [
        {"type": "static_select", "action_id": ids.REMIND, "placeholder": _placeholder("Remind me…"), "options": [
            _option("Tomorrow", ids.contact_value(cid, "tomorrow")),
            _option("Next week", ids.contact_value(cid, "next_week")),
        ]},
        {"type": "datepicker", "action_id": ids.REMIND_DATE, "placeholder": _placeholder("…or on a date")},
        {"type": "users_select", "action_id": ids.ASSIGN, "placeholder": _placeholder("Assign to…")},
    ]  # fmt: skip
    if c.stage is Stage.PROSPECT:
        elements.append(button("Won", ids.WON, ids.contact_value(cid), style="primary"))
        elements.append({"type": "static_select", "action_id": ids.LOST, "placeholder": _placeholder("Lost…"),
                         "options": [_option(label, ids.contact_value(cid, key)) for key, label in LOST_REASONS.items()]})  # fmt: skip
    # the block id names the contact: users_select and datepicker actions carry no value of their own
    return [actions(*elements, block_id=f"pipeline_{cid}")]


def waited(span: timedelta) -> str:
    minutes = max(0, int(span.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} minute{'s' * (minutes != 1)}"
    if minutes < 48 * 60:
        hours = minutes // 60
        return f"{hours} hour{'s' * (hours != 1)}"
    days = minutes // (24 * 60)
    return f"{days} days"


def _touch_buttons(v: CardView, link: str) -> list[dict[str, object]]:
    val = ids.contact_value(v.contact.id or 0)
    buttons = [button("Contacted", ids.CONTACTED, val, style="primary")]
    if link:
        buttons.append(button("Open thread", ids.OPEN, val, url=link))
    return buttons


def follow_up_dm(v: CardView, due_local: datetime) -> tuple[str, list[Block]]:
    c = v.contact
    lead = f":alarm_clock: Time to follow up with {who(c)}: you planned it for {due_local:%A %d %B, %H:%M}."
    _, card = contact_card(v, fresh=False)
    val = ids.contact_value(c.id or 0)
    buttons = actions(button("Done", ids.FOLLOW_UP_DONE, val, style="primary"),
                      button("Snooze a day", ids.FOLLOW_UP_SNOOZE, val), block_id=f"followup_{c.id}")  # fmt: skip
    return f"Follow up with {plain_who(c)}", [section(lead), *card[:45], buttons]


def owner_nudge(v: CardView, span: timedelta, link: str) -> tuple[str, list[Block]]:
    c = v.contact
    what = "a new prospect" if c.stage is Stage.PROSPECT else "a hot lead"
    text = (f":wave: {who(c)} is {what} and has had no touch from you for {waited(span)}. "
            "A quick call now makes all the difference; press *Contacted* when you have reached them.")  # fmt: skip
    return f"Nudge: {plain_who(c)} is waiting for you", [section(text), actions(*_touch_buttons(v, link), block_id=f"nudge_{c.id}")]


def channel_nudge(v: CardView, span: timedelta, link: str) -> tuple[str, list[Block]]:
    c = v.contact
    what = "New prospect" if c.stage is Stage.PROSPECT else "Hot lead"
    text = (f":rotating_light: {what} {who(c)} has waited {waited(span)} without a touch from its owner "
            f"{user(c.owner_id)}. Can someone pick it up? Press *Contacted* once they are reached.")  # fmt: skip
    return f"Still waiting: {plain_who(c)}", [section(text), actions(*_touch_buttons(v, link), block_id=f"nudge_{c.id}")]


def check_in(v: CardView, span: timedelta, link: str) -> tuple[str, list[Block]]:
    c = v.contact
    text = (f":seedling: {who(c)} has been quiet for {waited(span)}. A gentle check-in: a short note, "
            "something useful to read, or a reminder for later?")  # fmt: skip
    val = ids.contact_value(c.id or 0)
    row = [*_touch_buttons(v, link), button("Remind me next week", ids.REMIND, ids.contact_value(c.id or 0, "next_week")),
           button("Not a lead", ids.REMOVE, val)]  # fmt: skip
    return f"Check in with {plain_who(c)}?", [section(text), actions(*row, block_id=f"checkin_{c.id}")]


def assigned_dm(v: CardView, previous: str, by_user: str) -> tuple[str, list[Block]]:
    c = v.contact
    how = f"{user(by_user)} assigned you" if by_user else "You are next in the rotation:"
    text = f":inbox_tray: {how} {who(c)} (was {user(previous)}'s)."
    _, card = contact_card(v, fresh=False)
    return f"Assigned to you: {plain_who(c)}", [section(text), *card[:48]]


def _days(d: float) -> str:
    return f"{d:g} day" if d == 1 else f"{d:g} days"


def _line(y: Yield, name: str) -> str:
    days = []
    if y.days_to_prospect is not None:
        days.append(f"{_days(y.days_to_prospect)} from lead to prospect")
    if y.days_to_customer is not None:
        days.append(f"{_days(y.days_to_customer)} from prospect to customer")
    return (f"• {name}: *{y.logged}* logged · *{y.promoted}* promoted ({percent(y.promoted_rate)}) · "
            f"*{y.won}* won ({percent(y.won_rate)})" + (f" · {y.lost} lost" if y.lost else "")
            + (f" · median {', '.join(days)}" if days else ""))  # fmt: skip


def stats_message(r: StatsReport, limit: int = 15) -> tuple[str, list[Block]]:
    t = r.total
    head = f"What it yielded: {r.label}"
    if not t.logged:
        text = f"No contacts logged for {esc(r.label, 100)}."
        return text, [section(text)]
    blocks: list[Block] = [header(head), section(_line(t, "*All*"))]
    blocks.append(section("*By event or source*\n" + "\n".join(_line(y, esc(y.label, 80)) for y in r.by_origin[:limit])))
    blocks.append(section("*By rep*\n" + "\n".join(_line(y, user(y.label)) for y in r.by_rep[:limit])))
    blocks.append(context("Each rep is credited with the contacts they logged, whoever owns them now. "
                          "Rates are out of the contacts logged. Days are medians, from the stage history."))  # fmt: skip
    text = f"{r.label}: {t.logged} logged, {t.promoted} promoted ({percent(t.promoted_rate)}), {t.won} won ({percent(t.won_rate)})"
    return esc(text, 3000), blocks
