"""The morning digest: who to call today, and why."""

from __future__ import annotations

from collections.abc import Callable

from bot import discovery as talk
from bot.model import AuthorityLevel, BantItem
from bot.services.digest import PIPELINE_COUNT_CAP, DigestView
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.kit import Block, actions, button, context, divider, fit, header, section
from handlers.blocks.text import esc, user

Linker = Callable[[int], str]  # contact id -> link to its discovery thread


def _prospect(view: DigestView, r: object, link: Linker) -> list[Block]:
    c = view.records[r.contact.id]  # type: ignore[attr-defined]
    answers = view.answers.get(c.id or 0)
    budget = talk.summarise_value(BantItem.BUDGET, answers.budget) if answers and answers.budget else "—"
    auth = answers.authority if answers else None
    dm = "yes" if auth and auth.level is AuthorityLevel.DECISION_MAKER else (
        f"no (sign-off: {auth.approver})" if auth and auth.approver else (auth.level.value.replace("_", " ") if auth else "—"))  # fmt: skip
    tl = answers.timeline if answers else None
    when = "—"
    if tl and tl.target:
        days = r.days_left  # type: ignore[attr-defined]
        when = f"{tl.target:%d %b %Y}" + (f" ({days} days left)" if days is not None and days >= 0 else " (passed)")
    url = link(c.id or 0)
    name = f"<{url}|{esc(c.name or 'unnamed', 150)}>" if url else f"*{esc(c.name or 'unnamed', 150)}*"
    extra = ", ".join(esc(x, 100) for x in (c.title, c.company) if x)
    fields = [f"*Budget*\n{esc(budget, 200)}", f"*Decision maker*\n{esc(dm, 200)}", f"*Timeline*\n{esc(when)}",
              f"*Owner*\n{user(c.owner_id)}"]  # fmt: skip
    val = ids.contact_value(c.id or 0)
    buttons = [button("Contacted", ids.CONTACTED, val), button("Snooze a week", ids.SNOOZE, val)]
    if url:
        buttons.append(button("Open", ids.OPEN, val, url=url))
    return [
        section(f"{name}" + (f" ({extra})" if extra else "") + f"\n:dart: _{esc(r.why_today, 300)}_", fields=fields),  # type: ignore[attr-defined]
        actions(*buttons, block_id=f"digest_{c.id}"),
    ]


def _n(count: int, noun: str) -> str:
    shown = f"{PIPELINE_COUNT_CAP:,}+" if count > PIPELINE_COUNT_CAP else f"{count:,}"
    return f"*{shown}* {noun}{'' if count == 1 else 's'}"


def digest(view: DigestView, link: Linker, *, title: str = "Who to call today") -> tuple[str, list[Block]]:
    blocks: list[Block] = [header(f"{title} · {view.local_date:%A %d %B}")]
    if not view.ranked:
        blocks.append(section("No prospects to call today. Qualify a lead in its thread to fill this list."))
    for r in view.ranked:
        blocks.extend(_prospect(view, r, link))
    if view.total > view.shown:
        blocks.append(context(f"…and {view.total - view.shown} more prospects in the pipeline."))
    pipe = view.pipeline
    if view.new_leads or view.promotions or any(pipe.values()):
        summary = (
            f"Since the last digest: {_n(view.new_leads, 'new lead')}, {view.promotions} promoted. "
            f"Pipeline: {_n(pipe.get('lead', 0), 'lead')} · {_n(pipe.get('prospect', 0), 'prospect')} · "
            f"{_n(pipe.get('customer', 0), 'customer')}."
        )
        blocks += [divider(), section(summary)]
    if view.hot_waiting:
        hot = "\n".join(f"• {who(c)} · owner {user(c.owner_id)}" for c in view.hot_waiting)
        blocks.append(section(":fire: *Hot leads waiting for discovery*\n" + hot))
    names = ", ".join(f"{esc(r.contact.name, 100)} ({esc(r.why_today, 100)})" for r in view.ranked[:5])
    text = f"{title}: {view.shown} prospect(s). {names}" if view.ranked else f"{title}: no prospects today."
    return text, fit(blocks, 50, "…and {n} more blocks left out")
