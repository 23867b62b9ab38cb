"""Block Kit and mrkdwn as the terminal shows them: what a person would read in Slack, with buttons numbered.

Every button or menu shown gets the next number, so `/press N` can find it again; every message shown gets
its own number, so `/thread N` can reply to it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from rich import box
from rich.console import Console, Group, RenderableType
from rich.emoji import Emoji
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from sandbox.fakeslack import Ephemeral, Message, Team, View

MAX_WIDTH = 100
_TOKEN = re.compile(
    r"<(?P<ref>[^<>]+)>"
    r"|`(?P<code>[^`\n]+)`"
    r"|(?<![\w*])\*(?P<bold>(?!\s)[^*\n]+?(?<!\s))\*(?![\w*])"
    r"|(?<![\w])_(?P<italic>(?!\s)[^_\n]+?(?<!\s))_(?![\w])"
    r"|(?<![\w~])~(?P<strike>(?!\s)[^~\n]+?(?<!\s))~(?![\w~])"
)
_FIELD = re.compile(r"^\*(?P<label>[^*\n]+)\*\n(?P<value>[\s\S]*)$")
BUTTON_STYLE = {"primary": "bold green", "danger": "bold red"}


# Pickers with no options of their own: how to pick with /press.
PICKER_HINTS = {
    "users_select": '/press {n} "bob": a person',
    "conversations_select": '/press {n} "#sales": a channel',
    "channels_select": '/press {n} "#sales": a channel',
    "datepicker": "/press {n} 2026-12-24: a date",
}


@dataclass
class Pressable:
    """Something numbered on screen that `/press N` acts on."""

    number: int
    kind: str  # button | static_select | overflow | ...
    label: str
    action_id: str
    value: str | None
    options: list[str]
    channel_id: str | None = None  # on a message or ephemeral
    ts: str | None = None
    view_id: str | None = None  # in a modal or the App Home
    view_user: str | None = None
    url: str | None = None


def unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class Renderer:
    def __init__(self, team: Team, *, tz: Callable[[], str] = lambda: "UTC", width: int = MAX_WIDTH) -> None:
        self.team = team
        self.tz = tz
        self.inner = min(width, MAX_WIDTH) - 6  # room for the indent and the panel's border
        self._layout = Console(file=io.StringIO(), width=self.inner, force_terminal=True)
        self.shown: dict[tuple[str, str], list[str]] = {}  # what each message last looked like, line by line
        self.pressables: dict[int, Pressable] = {}
        self.numbers: dict[tuple[str, str], int] = {}  # (channel, ts) -> message number
        self._control_numbers: dict[tuple[str, str, str, str], int] = {}
        self.by_number: dict[int, tuple[str, str]] = {}

    # --- names ------------------------------------------------------------------------------------
    def user_name(self, user_id: str | None) -> str:
        user = self.team.users.get(user_id or "")
        if user is None:
            return user_id or "someone"
        return user.real_name if user.is_bot else user.name

    def channel_label(self, channel_id: str) -> str:
        channel = self.team.channels.get(channel_id)
        if channel is None:
            return channel_id
        return f"DM {self.user_name(channel.im_user)} ↔ Banter" if channel.is_im else f"#{channel.name}"

    def number_of(self, channel_id: str, ts: str) -> int:
        key = (channel_id, ts)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            self.by_number[self.numbers[key]] = key
        return self.numbers[key]

    # --- mrkdwn -----------------------------------------------------------------------------------
    def md(self, s: str, style: str = "") -> Text:
        out = Text(style=style)
        pos = 0
        for m in _TOKEN.finditer(s):
            out.append(Emoji.replace(unescape(s[pos : m.start()])))
            pos = m.end()
            if m.group("ref") is not None:
                out.append_text(self._ref(m.group("ref")))
            elif m.group("code") is not None:
                out.append(unescape(m.group("code")), style="bold magenta")
            else:
                kind = "bold" if m.group("bold") else "italic" if m.group("italic") else "strike"
                out.append_text(self.md(m.group(kind), kind))
        out.append(Emoji.replace(unescape(s[pos:])))
        return out

    def _ref(self, ref: str) -> Text:
        target, _, label = ref.partition("|")
        if target.startswith("@"):
            return Text("@" + (self.user_name(target[1:]) if target[1:] in self.team.users else label or target[1:]),
                        style="bold cyan")  # fmt: skip
        if target.startswith("#"):
            channel = self.team.channels.get(target[1:])
            return Text("#" + (channel.name if channel else label or target[1:]), style="bold cyan")
        if target.startswith("!date^"):  # Slack shows the instant in each reader's own time zone
            return Text(self._date(target, label))
        if target.startswith("!"):
            return Text("@" + (label or target[1:].split("^")[0]), style="bold cyan")
        return Text(unescape(label or target), style="underline blue")

    def _date(self, target: str, fallback: str) -> str:
        parts = target.split("^")
        try:
            local = datetime.fromtimestamp(int(parts[1]), UTC).astimezone(ZoneInfo(self.tz()))
        except (IndexError, ValueError, KeyError):
            return fallback
        tokens = {"{date_short_pretty}": f"{local:%a %d %b}", "{date_short}": f"{local:%d %b %Y}",
                  "{date_long}": f"{local:%A %d %B %Y}", "{date}": f"{local:%d %B %Y}", "{time}": f"{local:%H:%M}"}  # fmt: skip
        out = parts[2] if len(parts) > 2 else fallback
        for token, value in tokens.items():
            out = out.replace(token, value)
        return out

    def plain(self, s: str) -> str:
        return self.md(s).plain

    def blocks_text(self, blocks: list[dict[str, Any]]) -> str:
        """The words of some blocks in the order a person reads them (no numbers, no layout)."""
        out: list[str] = []

        def words(obj: Any) -> None:
            if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                out.append(self.plain(obj["text"]))
            elif isinstance(obj, dict) and isinstance(obj.get("text"), dict):
                words(obj["text"])

        for block in blocks:
            words(block.get("text"))
            for part in (block.get("fields") or []) + (block.get("elements") or []):
                words(part)
                for option in part.get("options") or [] if isinstance(part, dict) else []:
                    words(option)
            if isinstance(block.get("accessory"), dict):
                words(block["accessory"])
            if block.get("type") == "input":
                words(block.get("label"))
        return "\n".join(x for x in out if x)

    # --- blocks -----------------------------------------------------------------------------------
    def blocks(self, blocks: list[dict[str, Any]], where: dict[str, Any]) -> list[RenderableType]:
        out: list[RenderableType] = []
        for block in blocks:
            kind = block.get("type")
            if kind == "header":
                out.append(Text(Emoji.replace(block["text"].get("text", "")), style="bold underline"))
            elif kind == "section":
                out.extend(self._section(block, where))
            elif kind == "context":
                parts = [self.md(e["text"]) if e.get("type") in ("mrkdwn", "plain_text") else
                         Text(f"[image: {e.get('alt_text', '')}]") for e in block.get("elements") or []]  # fmt: skip
                out.append(Text("  ·  ", style="dim").join(parts).copy() if parts else Text())
                out[-1].stylize("dim")
            elif kind == "divider":
                out.append(Rule(style="dim"))
            elif kind == "actions":
                out.append(self._controls(block.get("elements") or [], where))
            elif kind == "image":
                out.append(Text(f"[image: {block.get('alt_text', '')}] {block.get('image_url', '')}", style="dim"))
            elif kind == "rich_text":
                continue  # a person's own message: its text is shown instead
            elif kind == "input":
                out.append(self._input(block))
            else:
                out.append(Text(f"[{kind} block]", style="dim"))
        return out

    def _section(self, block: dict[str, Any], where: dict[str, Any]) -> list[RenderableType]:
        out: list[RenderableType] = []
        text = (block.get("text") or {}).get("text", "")
        accessory = block.get("accessory")
        if text:
            line = self.md(text)
            if isinstance(accessory, dict) and accessory.get("type") != "image":
                line.append("  ").append_text(self._controls([accessory], where))
            out.append(line)
        elif isinstance(accessory, dict):
            out.append(self._controls([accessory], where))
        fields = [f.get("text", "") for f in block.get("fields") or []]
        if fields:
            out.append(self._fields(fields))
        return out

    def _fields(self, fields: list[str]) -> Table:
        grid = Table.grid(padding=(0, 2))
        pairs = [_FIELD.match(f) for f in fields]
        if all(pairs):
            for _ in range(2):
                grid.add_column(style="dim", no_wrap=True)
                grid.add_column(max_width=36)
            cells = [(Text(p["label"]), self.md(p["value"])) for p in pairs if p]
        else:
            grid.add_column()
            grid.add_column()
            cells = [(self.md(f), Text()) for f in fields]
        for i in range(0, len(cells), 2):
            row = [*cells[i], *(cells[i + 1] if i + 1 < len(cells) else (Text(), Text()))]
            grid.add_row(*(row if all(pairs) else [row[0], row[2]]))
        return grid

    def _controls(self, elements: list[dict[str, Any]], where: dict[str, Any]) -> Text:
        line = Text()
        for element in elements:
            kind = element.get("type", "")
            label = (element.get("text") or element.get("placeholder") or {}).get("text", kind)
            options = [o["text"]["text"] for o in element.get("options") or []]
            for group in element.get("option_groups") or []:
                options += [o["text"]["text"] for o in group.get("options") or []]
            # The same control on the same message keeps its number when the message is updated.
            key = (str(where), element.get("action_id", ""), element.get("value") or "", element.get("url") or "")
            number = self._control_numbers.setdefault(key, len(self._control_numbers) + 1)
            self.pressables[number] = Pressable(number, kind, label, element.get("action_id", ""),
                                                element.get("value"), options, url=element.get("url"), **where)  # fmt: skip
            if line:
                line.append("\n" if kind != "button" or (line.plain.count("\n") and "▾" in line.plain.split("\n")[-1]) else "  ")
            line.append(f"[{number}] ", style="bold yellow")
            if kind == "button":
                line.append(Emoji.replace(label), style=BUTTON_STYLE.get(element.get("style", ""), "bold"))
                if element.get("url"):
                    line.append(" ↗", style="dim")
            else:
                line.append(f"{label} ▾", style="bold")
                if options:
                    line.append(" (" + " | ".join(options) + ")", style="dim")
                elif kind in PICKER_HINTS:
                    line.append(f" ({PICKER_HINTS[kind].format(n=number)})", style="dim")
        return line

    def _input(self, block: dict[str, Any]) -> Text:
        element = block.get("element") or {}
        label = (block.get("label") or {}).get("text", "")
        key = block.get("block_id", "")
        line = Text(key, style="bold")
        if label.lower() != key.lower():
            line.append(f"  {label}")
        line.append("" if block.get("optional") else " (required)", style="italic")
        hint = (element.get("placeholder") or {}).get("text")
        initial = element.get("initial_value")
        if initial:
            line.append(f"  = {initial}", style="green")
        elif hint:
            line.append(f"  e.g. {hint}", style="dim")
        return line

    # --- surfaces ---------------------------------------------------------------------------------
    def _time(self, ts: str) -> str:
        return datetime.fromtimestamp(float(ts), ZoneInfo(self.tz())).strftime("%a %H:%M")

    def _lines(self, body: list[RenderableType]) -> list[Text]:
        rendered = self._layout.render_lines(Group(*body), self._layout.options, pad=False)
        out = []
        for segments in rendered:
            line = Text(no_wrap=True, overflow="ellipsis")
            for seg in segments:
                line.append(seg.text, seg.style)
            line.rstrip()
            out.append(line)
        return out

    def message(self, m: Message, *, updated: bool = False, full: bool = False) -> RenderableType:
        """A message; an update shows only the lines that changed since it was last shown (unless `full`)."""
        number = self.number_of(m.channel, m.ts)
        where = self.channel_label(m.channel)
        if m.thread_ts and m.thread_ts != m.ts:
            where += f" › thread of #{self.number_of(m.channel, m.thread_ts)}"
        head = Text(f"#{number} ", style="bold yellow")
        if m.bot_id:
            head.append("Banter", style="bold magenta")
        else:
            head.append(self.user_name(m.user), style="bold green")
        head.append(f"  {where}", style="cyan").append(f"  {self._time(m.ts)}", style="dim")
        if updated:
            head.append("  (updated)", style="italic yellow")
        if not m.bot_id:
            return Group(head, *(Text("    ").append_text(line) for line in self._lines([self.md(m.text)])))
        body = self.blocks(m.blocks, {"channel_id": m.channel, "ts": m.ts}) if m.blocks else [self.md(m.text)]
        lines = self._lines(body)
        before = self.shown.get((m.channel, m.ts))
        self.shown[(m.channel, m.ts)] = [line.plain for line in lines]
        if updated and before is not None and not full:
            controls = next((i for i, line in enumerate(lines) if re.search(r"\[\d+\] ", line.plain)), len(lines))
            changed = [line for i, line in enumerate(lines) if i >= controls or line.plain not in before]
            if len(changed) < len(lines):
                changed.append(Text(f"({len(lines) - len(changed)} lines as before; /show {number} shows it all)",
                                    style="dim italic"))  # fmt: skip
                lines = changed
        return Group(head, Padding(Panel(Group(*lines), box=box.ROUNDED, border_style="magenta", expand=False),
                                   (0, 0, 0, 2), expand=False))  # fmt: skip

    def ephemeral(self, e: Ephemeral, viewer: str) -> RenderableType:
        who = "you" if e.user == viewer else f"@{self.user_name(e.user)}"
        head = Text("Banter", style="bold magenta").append(f"  {self.channel_label(e.channel)}", style="cyan")
        head.append(f"  only visible to {who}", style="italic dim")
        body = self.blocks(e.blocks, {"channel_id": e.channel, "ts": e.ts}) if e.blocks else [self.md(e.text)]
        return Group(head, Padding(Panel(Group(*body), box=box.SIMPLE, border_style="dim", expand=False), (0, 0, 0, 2), expand=False))

    def view(self, v: View, *, updated: bool = False) -> RenderableType:
        where = {"view_id": v.id, "view_user": v.user_id}
        body = self.blocks(v.body.get("blocks") or [], where)
        who = f"@{self.user_name(v.user_id)}"
        if v.type == "home":
            title = f"Banter · Home tab of {who}"
        else:
            title = f"Form: {(v.body.get('title') or {}).get('text', '')} ({who})" + (" (updated)" if updated else "")
            submit = (v.body.get("submit") or {}).get("text", "Submit")
            body.append(Text(f'\nFill in: /form name="Jane Doe" company="Acme Corp" …  then /submit ({submit})'
                             " or /cancel", style="dim"))  # fmt: skip
        return Panel(Group(*body), title=title, title_align="left", border_style="blue", box=box.ROUNDED,
                     width=MAX_WIDTH, expand=False)  # fmt: skip
