"""The App Home tab."""

from __future__ import annotations

from typing import Any

from bot.services.home import HomeView
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.kit import Block, actions, button, context, divider, fit, header, section
from handlers.blocks.text import instant


def _row(md: str, cid: int, label: str = "Open card") -> Block:
    return section(md, accessory=button(label, ids.START_DISCOVERY if label != "Open card" else ids.OPEN,
                                        ids.contact_value(cid)))  # fmt: skip


def home(view: HomeView, link: Any = lambda cid: "") -> dict[str, Any]:
    blocks: list[Block] = [header("Your pipeline with Banter"),
                           actions(button("New lead", ids.NEW_LEAD_BUTTON, "new", style="primary"))]  # fmt: skip
    conv = f"{view.conversion:.0%}" if view.conversion is not None else "—"
    med = f"{view.median_days_to_prospect:.1f} days" if view.median_days_to_prospect is not None else "—"
    blocks.append(section("", fields=[f"*Leads logged this month*\n{view.month_logged}",
                                      f"*Promoted this month*\n{view.month_promoted}",
                                      f"*Conversion*\n{conv}", f"*Median lead → prospect*\n{med}"]))  # fmt: skip
    blocks += [divider(), section(":fire: *Hot leads waiting for discovery*")]
    if not view.hot_waiting:
        blocks.append(context("None right now."))
    for c in view.hot_waiting:
        blocks.append(_row(f"{who(c)} · score {c.score}", c.id or 0, "Start discovery"))
    if view.follow_ups:
        blocks += [divider(), section(":alarm_clock: *Your follow-ups this week*")]
        for c in view.follow_ups:
            assert c.follow_up_at is not None
            overdue = " · _overdue_" if c.follow_up_at < view.now else ""
            blocks.append(_row(f"{who(c)} · {instant(c.follow_up_at)}{overdue}", c.id or 0))
    blocks += [divider(), section(":dart: *Your prospects, most urgent first*")]
    if not view.prospects:
        blocks.append(context("No prospects yet: qualify a lead in its thread."))
    for r in view.prospects:
        c = view.records[r.contact.id]
        url = link(c.id or 0)
        accessory = button("Open thread", ids.OPEN, ids.contact_value(c.id or 0), url=url) if url else None
        blocks.append(section(f"{who(c)}\n_{r.why_today}_", accessory=accessory))
    blocks += [divider(), section(":clipboard: *Discoveries in progress*")]
    if not view.in_discovery:
        blocks.append(context("None in progress."))
    for c, missing in view.in_discovery:
        blocks.append(_row(f"{who(c)} · missing: {', '.join(missing) or 'nothing'}", c.id or 0, "Continue discovery"))
    blocks.append(context("Log a contact: mention me in any channel, DM me, press *New lead* above, or use the "
                          "*New lead* shortcut."))  # fmt: skip
    return {"type": "home", "blocks": fit(blocks, 100)}
