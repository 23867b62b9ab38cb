"""The morning digest: who to call today, and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot import discovery as talk
from bot.model import AuthorityLevel, BantItem
from bot.records import Subscription
from bot.services.digest import PIPELINE_COUNT_CAP, DigestView
from handlers.blocks import ids
from handlers.blocks.cards import who
from handlers.blocks.kit import Block, actions, button, context, divider, fit, header, section
from handlers.blocks.text import esc, instant, plural, user

Linker = Callable[[int], str]  # contact id -> link to its discovery thread
ROW_SECTION = "digestrow_"  # block id of a prospect's section; its buttons are in "digest_<id>"
ROW_ACTIONS = "digest_"


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
    touch = view.last_touch.get(c.id or 0)
    if touch is not None:  # who reached them last, so nobody calls twice
        fields.append(f"*Last contacted*\n{user(touch.user_id)}, {instant(touch.at)}")
    val = ids.contact_value(c.id or 0)
    buttons = [button("Contacted", ids.CONTACTED, val), button("Snooze a week", ids.SNOOZE, val)]
    if url:
        buttons.append(button("Open", ids.OPEN, val, url=url))
    row = section(f"{name}" + (f" ({extra})" if extra else "") + f"\n:dart: _{esc(r.why_today, 300)}_", fields=fields)  # type: ignore[attr-defined]
    row["block_id"] = f"{ROW_SECTION}{c.id}"
    return [row, actions(*buttons, block_id=f"{ROW_ACTIONS}{c.id}")]


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
    text = f"{title}: {plural(view.shown, 'prospect')}. {names}" if view.ranked else f"{title}: no prospects today."
    return text, fit(blocks, 50, "…and {n} more blocks left out")


# ---------------------------------------------------------------- a row marked where everyone sees it


@dataclass(frozen=True)
class RowMark:
    """What someone did with a prospect from the digest: `kind` is "touch" (contacted) or "snooze"."""

    kind: str
    user_id: str
    at: datetime  # in the digest's own time zone
    until: datetime | None = None  # a snooze's end, in the digest's time zone


def _mark_line(mark: RowMark) -> str:
    if mark.kind == "snooze" and mark.until is not None:
        return f":zzz: snoozed until {mark.until.day} {mark.until:%b} by {user(mark.user_id)}"
    return f":white_check_mark: contacted by {user(mark.user_id)} {mark.at:%H:%M}"


def _row_id(block: Block, prefix: str) -> int | None:
    bid = str(block.get("block_id") or "")
    rest = bid[len(prefix):] if bid.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else None


def row_ids(blocks: list[Block]) -> list[int]:
    """The prospects a posted digest lists, by contact id (its rows' block ids)."""
    found: list[int] = []
    for b in blocks:
        cid = _row_id(b, ROW_SECTION) if b.get("type") == "section" else _row_id(b, ROW_ACTIONS)
        if cid is not None and cid not in found:
            found.append(cid)
    return found


def mark_rows(blocks: list[Block], marks: Mapping[int, RowMark]) -> list[Block]:
    """The digest's blocks with each marked row saying who did what, and only the buttons still useful:
    contacted keeps Snooze and Open; snoozed keeps Open. Unmarked rows and every other block are unchanged."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        if b.get("type") == "section":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else {}
            cid = _row_id(b, ROW_SECTION)
            cid = cid if cid is not None else (_row_id(nxt, ROW_ACTIONS) if nxt.get("type") == "actions" else None)
            if cid in marks:
                text = dict(b["text"])
                lines = text["text"].split("\n")
                keep = next((n + 1 for n, line in enumerate(lines) if line.startswith(":dart:")), len(lines))
                text["text"] = "\n".join([*lines[:keep], _mark_line(marks[cid])])
                b = {**b, "text": text}
        elif b.get("type") == "actions" and _row_id(b, ROW_ACTIONS) in marks:
            gone = {ids.CONTACTED} if marks[_row_id(b, ROW_ACTIONS)].kind == "touch" else {ids.CONTACTED, ids.SNOOZE}  # type: ignore[index]
            elements = [e for e in b.get("elements", []) if e.get("action_id") not in gone]
            if not elements:
                continue
            b = {**b, "elements": elements}
        out.append(b)
    return out


_UNREACHABLE = {
    "not_in_channel": "I'm not in {ch}",
    "channel_not_found": "I can't find {ch} (deleted, or private and I'm not in it)",
    "is_archived": "{ch} is archived",
}


def subscribe_command(sub: Subscription) -> str:
    """The command that subscribes the channel again exactly as it was."""
    parts = [f"/banter digest subscribe <#{sub.channel_id}>", sub.local_time, sub.tz,
             "weekdays" if sub.weekdays_only else "daily"]  # fmt: skip
    for k, v in sub.filters.items():
        parts += [k, user(v) if k == "owner" else esc(v, 100)]
    return " ".join(parts)


def unreachable_dm(sub: Subscription, reason: str) -> tuple[str, list[Block]]:
    """To whoever subscribed a channel Banter cannot post in: why, what to do, and that nothing more is tried."""
    ch = f"<#{sub.channel_id}>"
    why = _UNREACHABLE.get(reason, "Slack refused the post ({reason})").format(ch=ch, reason=esc(reason, 40))
    fix = "Invite me with `/invite @Banter` there, then subscribe" if reason == "not_in_channel" else "Once it's back, subscribe"
    text = (f":warning: I couldn't post the digest you set up for {ch}: {why}. I've paused that digest and "
            f"won't try again. {fix} it again: {subscribe_command(sub)}")
    return text, [section(text)]
