"""The contact card and the prospect alert."""

from __future__ import annotations

from bot.model import Signal, Stage
from bot.services.cards import CardView
from bot.services.qualification import DISQUALIFY_REASONS
from handlers.blocks import ids
from handlers.blocks.kit import Block, actions, button, context, header, section
from handlers.blocks.text import esc, user

STAGE_LABEL = {
    Stage.LEAD: "Lead",
    Stage.PROSPECT: "Prospect",
    Stage.CUSTOMER: "Customer",
    Stage.DISQUALIFIED: "Disqualified",
}
TEMP_EMOJI = {"cold": ":snowflake:", "warm": ":sunny:", "hot": ":fire:"}
SIGNAL_LABEL = {
    Signal.PRICING: "asked for pricing",
    Signal.QUOTE: "asked for a quote",
    Signal.DEMO: "asked for a demo",
    Signal.CALL_BOOKED: "booked a call",
    Signal.REFERRAL: "referred",
    Signal.ENGAGED: "engaged with content",
}


def who(c: object) -> str:
    """`Jane Doe` (VP Marketing, Acme Corp), escaped, for sentences."""
    name = esc(getattr(c, "name", "") or (getattr(c, "emails", None) or ["(no name)"])[0], 200)
    extra = ", ".join(esc(x, 120) for x in (getattr(c, "title", ""), getattr(c, "company", "")) if x)
    return f"*{name}*" + (f" ({extra})" if extra else "")


def plain_who(c: object) -> str:
    """For fallback text, which Slack also reads as mrkdwn: escaped, without formatting."""
    name = esc(getattr(c, "name", "") or (getattr(c, "emails", None) or ["(no name)"])[0], 150)
    company = esc(getattr(c, "company", ""), 100)
    return f"{name} ({company})" if company else name


def _fields(v: CardView) -> list[str]:
    c = v.contact
    pairs = [
        ("Title", esc(c.title, 300)),
        ("Company", esc(c.company, 300)),
        ("Email", esc(", ".join(c.emails), 500)),
        ("Phone", esc(", ".join(c.phones), 300)),
        ("Event", esc(c.event, 200)),
        ("Source", esc(c.source, 200) if c.source not in ("", "event") else ""),
        ("Owner", user(c.owner_id)),
        ("Stage", STAGE_LABEL.get(c.stage, c.stage.value)),
        ("Score", f"{v.score.value} {TEMP_EMOJI.get(v.score.temperature.value, '')} {v.score.temperature.value}"),
    ]
    return [f"*{k}*\n{val}" for k, val in pairs if val]


def bant_lines(v: CardView) -> str:
    lines = []
    for item, summary in v.checklist:
        mark = ":white_check_mark:" if summary else ":white_circle:"
        lines.append(f"{mark} *{item.value.capitalize()}*: {esc(summary, 300) if summary else '_open_'}")
    return "\n".join(lines)


def score_line(v: CardView) -> str:
    reasons = ", ".join(esc(r.text, 80) for r in v.score.reasons[:12])
    return f"Why {v.score.value}: {reasons}" if reasons else f"Score {v.score.value}: nothing known yet"


def card_buttons(v: CardView) -> list[Block]:
    cid = v.contact.id or 0
    val = ids.contact_value(cid)
    buttons = []
    if v.contact.stage in (Stage.LEAD, Stage.PROSPECT):
        label = {"active": "Continue discovery", "paused": "Resume discovery", "done": "Review discovery"}.get(
            v.discovery or "", "Start discovery"
        )
        buttons.append(button(label, ids.START_DISCOVERY, val, style="primary" if v.contact.stage is Stage.LEAD else None))
    if v.contact.stage is Stage.LEAD:
        buttons.append(button("Promote anyway", ids.PROMOTE, val))
    buttons.append(button("Edit", ids.EDIT, val))
    if v.contact.stage in (Stage.LEAD, Stage.PROSPECT):
        buttons.append(
            {
                "type": "static_select",
                "action_id": ids.DISQUALIFY,
                "placeholder": {"type": "plain_text", "text": "Disqualify…"},
                "options": [
                    {"text": {"type": "plain_text", "text": label}, "value": ids.contact_value(cid, key)}
                    for key, label in DISQUALIFY_REASONS.items()
                ],
            }
        )
    buttons.append(button("Not a lead", ids.REMOVE, val, style="danger"))
    from handlers.blocks.followups import pipeline_controls  # it renders cards too: imported here, not above

    return [actions(*buttons, block_id=f"card_{cid}"), *pipeline_controls(v)]


def contact_card(v: CardView) -> tuple[str, list[Block]]:
    c = v.contact
    title = {Stage.PROSPECT: "Prospect", Stage.CUSTOMER: "Customer", Stage.DISQUALIFIED: "Disqualified"}.get(
        c.stage, "Already logged" if v.logged_again else "New lead"
    )
    blocks: list[Block] = [header(f"{title}: {c.name or (c.emails or ['(no name)'])[0]}")]
    blocks.append(section("", fields=_fields(v)))
    extras = []
    if c.signals:
        extras.append("Signals: " + ", ".join(SIGNAL_LABEL.get(Signal(s), s) for s in c.signals if s in set(Signal)))
    if c.website or c.linkedin:
        extras.append(" · ".join(esc(x, 200) for x in (c.website, c.linkedin) if x))
    if c.note:
        extras.append("Note: " + esc(" · ".join(line.strip() for line in c.note.splitlines() if line.strip()), 1500))
    if extras:
        blocks.append(context(*extras))
    if any(s for _, s in v.checklist):
        blocks.append(section(bant_lines(v)))
    blocks.append(context(score_line(v)))
    if c.stage is Stage.LEAD and v.decision.missing and any(s for _, s in v.checklist):
        blocks.append(context("Still missing: " + esc("; ".join(v.decision.missing), 1500)))
    if v.near_match is not None and v.near_match.id:
        blocks.append(
            section(
                f":busts_in_silhouette: Same name as {who(v.near_match)}, logged by {user(v.near_match.owner_id)}. "
                "The same person?"
            )
        )
        pair = ids.contact_value(v.near_match.id, str(c.id))
        blocks.append(actions(button("Merge", ids.MERGE, pair), button("Keep both", ids.KEEP_BOTH, pair)))
    blocks.extend(card_buttons(v))
    text = f"{title}: {plain_who(c)} — {STAGE_LABEL[c.stage].lower()}, score {v.score.value}"
    return text, blocks


def alert(v: CardView, *, kind: str, thread_link: str) -> tuple[str, list[Block]]:
    """Posted to the alerts channel on promotion, or when a lead turns hot."""
    c = v.contact
    if kind == "hot":
        head = f":fire: Hot lead: {c.name or 'unnamed contact'}"
        lead = f"{who(c)} is hot (score {v.score.value}) and waiting for discovery. {user(c.owner_id)}, worth a call now."
    else:
        head = f":tada: New prospect: {c.name or 'unnamed contact'}"
        lead = f"{who(c)} qualified as a prospect. {user(c.owner_id)}, over to you."
    blocks = [header(head), section(lead), section(bant_lines(v)), context(score_line(v))]
    buttons = [button("Open thread", ids.OPEN, ids.contact_value(c.id or 0), url=thread_link)] if thread_link else []
    buttons.append(button("Contacted", ids.CONTACTED, ids.contact_value(c.id or 0)))
    blocks.append(actions(*buttons))
    return f"{'Hot lead' if kind == 'hot' else 'New prospect'}: {plain_who(c)} (score {v.score.value})", blocks
