"""The contact card and the prospect alert."""

from __future__ import annotations

import re
from datetime import date

import phonenumbers

from bot import discovery as talk
from bot.discovery.intents import BantValue
from bot.model import Signal, Stage
from bot.policy import ItemCheck
from bot.services.cards import CardView
from bot.services.qualification import DISQUALIFY_REASONS
from handlers.blocks import ids
from handlers.blocks.kit import Block, actions, button, context, header, section
from handlers.blocks.text import esc, instant, plain, user

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


CLOSED = frozenset({Stage.CUSTOMER, Stage.DISQUALIFIED})
LOST_PREFIX = "lost:"
_DEFAULT_REASONS = frozenset({"", "set by hand", "disqualified by hand"})


def phone(number: str) -> str:
    """'+14155550132' as people read it, '+1 415-555-0132' (stored E.164 stays as it is; odd input shown as is)."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_possible_number(parsed):
        return number
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def closing(v: CardView) -> tuple[str, str]:
    """How a closed contact ended: ('Lost', 'went with a competitor'), ('Disqualified', 'no budget'),
    ('Customer', ''); the stage label and '' for an open one."""
    c = v.contact
    label = STAGE_LABEL.get(c.stage, c.stage.value)
    if c.stage is not Stage.DISQUALIFIED:
        return label, ""
    last = next((h for h in reversed(v.history) if h.to_stage is Stage.DISQUALIFIED), None)
    reason = (last.reason if last else "").strip()
    if reason.lower().startswith(LOST_PREFIX):
        return "Lost", reason[len(LOST_PREFIX) :].strip()
    if reason.lower() == "lost":
        return "Lost", ""
    return label, "" if reason.lower() in _DEFAULT_REASONS else reason


def _score_field(v: CardView) -> str:
    if v.contact.stage in CLOSED:  # a temperature means "call now": not for a deal that is over
        return str(v.score.value)
    t = v.score.temperature.value
    return f"{v.score.value} {TEMP_EMOJI.get(t, '')} {t}"


def _fields(v: CardView) -> list[str]:
    c = v.contact
    stage, why = closing(v)
    pairs = [
        ("Title", esc(c.title, 300)),
        ("Company", esc(c.company, 300)),
        ("Email", esc(", ".join(c.emails), 500)),
        ("Phone", esc(", ".join(phone(p) for p in c.phones), 300)),
        ("Event", esc(c.event, 200)),
        ("Source", esc(c.source, 200) if c.source not in ("", "event") else ""),
        ("Owner", user(c.owner_id)),
        ("Follow-up", f":alarm_clock: {instant(c.follow_up_at)}" if c.follow_up_at and c.stage not in CLOSED else ""),
        ("Stage", stage + (f" · {esc(why, 300)}" if why else "")),
        ("Score", _score_field(v)),
    ]
    return [f"*{k}*\n{val}" for k, val in pairs if val]


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TOO_FAR = re.compile(r"\bis \d+ days away, beyond (\d+)")
_WITHIN = re.compile(r"\bis (\d+) days away, within (\d+)")


def _day(m: re.Match[str]) -> str:
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return m[0]
    return f"{d.day} {d:%b %Y}"


def readable(reason: str) -> str:
    """A policy reason in people's words: '31 May 2027', not '2027-05-31'; 'past the 180-day window'."""
    out = _ISO_DATE.sub(_day, reason)
    out = _TOO_FAR.sub(lambda m: f"is past the {m[1]}-day window", out)
    return _WITHIN.sub(lambda m: f"is {m[1]} days away, within the {m[2]}-day window", out)


# ✅ only for an answer that satisfies the policy; ❌ for "there is none"; ❔ for not known or only guessed;
# ⚠️ for an answer the policy does not count (below the minimum budget, a date too far away).
MARKS = {
    "satisfied": ":white_check_mark:",
    "short": ":warning:",
    "none": ":x:",
    "unknown": ":grey_question:",
    "open": ":white_circle:",
}


def bant_mark(value: BantValue | None, check: ItemCheck | None) -> tuple[str, str]:
    """How an answer stands against the policy: (a MARKS key, why the policy does not count it, or "")."""
    standing = talk.standing(value)
    if standing != "answer":
        return standing, ""
    if check is None or check.satisfied:
        return "satisfied", ""
    return "short", check.reason


def bant_lines(v: CardView) -> str:
    lines = []
    checks = {c.item: c for c in v.decision.checks}
    for item, summary in v.checklist:
        mark, _ = bant_mark(v.answers.get(item), checks.get(item))
        lines.append(f"{MARKS[mark]} *{item.value.capitalize()}*: {esc(summary, 300) if summary else '_open_'}")
    return "\n".join(lines)


def score_line(v: CardView) -> str:
    reasons = ", ".join(esc(r.text, 80) for r in v.score.reasons[:12])
    if not reasons:
        return f"Score {v.score.value}: nothing known yet"
    raw = v.score.raw
    if raw > v.score.value:
        return f"Why {v.score.value} (capped at 100; raw {raw}): {reasons}"
    if raw < v.score.value:
        return f"Why {v.score.value} (never below 0; raw {raw}): {reasons}"
    return f"Why {v.score.value}: {reasons}"


def _answered(v: CardView, item: object) -> bool:
    """Whether the item was answered with something the policy could weigh (not unknown, not 'none')."""
    a = v.answers
    name = getattr(item, "value", "")
    if name == "budget":
        b = a.budget
        return b is not None and b.known and not b.none
    if name == "authority":
        level = getattr(a.authority, "level", None)
        return level is not None and getattr(level, "value", "") not in ("unknown", "none")
    if name == "timeline":
        return a.timeline is not None and a.timeline.target is not None
    return False  # need: confirmed or not


def gaps(v: CardView) -> list[str]:
    """'Still missing: …' for items not answered, 'Not yet qualifying: …' for answers outside the policy."""
    missing, short = [], []
    for check in v.decision.checks:
        if not check.satisfied:
            (short if _answered(v, check.item) else missing).append(readable(check.reason))
    out = []
    if missing:
        out.append("Still missing: " + esc("; ".join(missing), 1000))
    if short:
        out.append("Not yet qualifying: " + esc("; ".join(short), 1000))
    return out


def card_buttons(v: CardView) -> list[Block]:
    cid = v.contact.id or 0
    val = ids.contact_value(cid)
    buttons = []
    if v.contact.stage in (Stage.LEAD, Stage.PROSPECT):
        label = {"active": "Continue discovery", "paused": "Resume discovery", "done": "Review discovery"}.get(
            v.discovery or "", "Start discovery"
        )
        buttons.append(button(label, ids.START_DISCOVERY, val, style="primary" if v.contact.stage is Stage.LEAD else None))
    name = plain_who(v.contact)
    if v.contact.stage is Stage.LEAD:
        missing = len(v.decision.missing_items)
        buttons.append(_confirmed(
            button("Promote anyway", ids.PROMOTE, val), "Promote by hand?",
            f"Make {name} a prospect now, with {4 - missing} of 4 BANT items known? The team is alerted, and the "
            "stage stays until a person changes it.", "Promote",
        ))  # fmt: skip
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
    if v.contact.stage is Stage.LEAD:  # a prospect, a customer or a lost deal was a lead: never erased in one click
        buttons.append(_confirmed(
            button("Not a lead", ids.REMOVE, val, style="danger"), "Not a lead?",
            f"Take {name} off every list, the digest and search included? The removal stays in the stage history.",
            "Remove", danger=True,
        ))  # fmt: skip
    from handlers.blocks.followups import pipeline_controls  # it renders cards too: imported here, not above

    return [actions(*buttons, block_id=f"card_{cid}"), *pipeline_controls(v)]


def _confirmed(element: dict, title: str, text: str, yes: str, *, danger: bool = False) -> dict:
    """A button Slack asks about first (a confirmation dialog), for what a misclick would cost."""
    element["confirm"] = {
        "title": {"type": "plain_text", "text": plain(title, 100)},
        "text": {"type": "plain_text", "text": plain(text, 300)},
        "confirm": {"type": "plain_text", "text": yes},
        "deny": {"type": "plain_text", "text": "Cancel"},
        **({"style": "danger"} if danger else {}),
    }
    return element


def card_title(v: CardView, *, fresh: bool = True) -> str:
    """'New lead: Jane Doe' on the card just logged; 'Lead: …', 'Prospect: …', 'Lost: Raj Patel · went with
    a competitor' otherwise (plain text: for headers and fallback text, never mrkdwn)."""
    c = v.contact
    name = c.name or (c.emails or ["(no name)"])[0]
    if c.stage is Stage.LEAD:
        label = "Already logged" if v.logged_again else ("New lead" if fresh else "Lead")
        return f"{label}: {name}"
    label, why = closing(v)
    return f"{label}: {name}" + (f" · {why}" if why else "")


def contact_card(v: CardView, *, fresh: bool = True) -> tuple[str, list[Block]]:
    c = v.contact
    title = card_title(v, fresh=fresh)
    blocks: list[Block] = [header(title)]
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
        blocks.append(context(*gaps(v)))
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
    label, _ = closing(v)
    text = f"{esc(title.partition(':')[0])}: {plain_who(c)} — {label.lower()}, score {v.score.value}"
    return text, blocks


def alert(v: CardView, *, kind: str, thread_link: str) -> tuple[str, list[Block]]:
    """Posted to the alerts channel on promotion, or when a lead turns hot."""
    c = v.contact
    temp = v.score.temperature.value
    heat = f"{TEMP_EMOJI.get(temp, '')} {temp}".strip()
    if kind == "hot":
        head = f":fire: Hot lead: {c.name or 'unnamed contact'}"
        lead = f"{who(c)} is hot (score {v.score.value}) and waiting for discovery. {user(c.owner_id)}, worth a call now."
    else:
        head = f":tada: New prospect: {c.name or 'unnamed contact'}"
        by_hand = next((h for h in reversed(v.history) if h.to_stage is Stage.PROSPECT), None)
        if by_hand is not None and by_hand.by_user:  # a person promoted it; the policy did not
            open_items = any(not summary for _, summary in v.checklist)
            lead = (f"{user(by_hand.by_user)} promoted {who(c)} by hand"
                    + ("; BANT not yet confirmed." if open_items else ".")
                    + (f" {user(c.owner_id)}, over to you." if c.owner_id != by_hand.by_user else ""))  # fmt: skip
        elif v.decision.rule.startswith("score"):  # the score threshold, not BANT: say so
            lead = (f"{who(c)} qualified on score ({esc(v.decision.rule)}), with BANT still open. "
                    f"{user(c.owner_id)}, over to you.")  # fmt: skip
        else:
            lead = f"{who(c)} qualified as a prospect. {user(c.owner_id)}, over to you."
    blocks = [header(head), section(lead), section(bant_lines(v)),
              context(f"*Score {v.score.value}* · {heat}", score_line(v))]  # fmt: skip
    buttons = [button("Open thread", ids.OPEN, ids.contact_value(c.id or 0), url=thread_link)] if thread_link else []
    buttons.append(button("Contacted", ids.CONTACTED, ids.contact_value(c.id or 0)))
    blocks.append(actions(*buttons))
    return f"{'Hot lead' if kind == 'hot' else 'New prospect'}: {plain_who(c)} (score {v.score.value}, {temp})", blocks
