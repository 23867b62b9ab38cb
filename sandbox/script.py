"""The sandbox's command language, shared by the interactive prompt and `--script` files.

Plain text is said in the current channel (or thread) as the current person; `/banter …` is Banter's slash
command; every other `/word` is a sandbox command (see HELP).
"""

from __future__ import annotations

import re
import shlex
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.text import Text

from sandbox.fakeslack import Change, Channel, Ephemeral, Message, User, View
from sandbox.render import PICKER_HINTS, Pressable, Renderer
from sandbox.world import World

HELP = """\
Type a message to say it in the current channel, e.g. [bold]@Banter met Jane Doe, VP Marketing at Acme Corp[/]
  /banter …              Banter's slash command (try /banter help)
  /as ann|bob|mia        speak as someone else          /who       who is who, where you are
  /in #sales             switch channel                 /join #new-channel   create one and switch to it
  /dm                    your direct messages with Banter
  /show N               show message #N again, in full
  /thread N              reply in the thread of message #N (plain text then goes there); /back to leave it
  /reply N text          one reply in the thread of message #N
  /press N               press button [N];  /press N "Option" picks from menu [N]
                         /press N "bob" picks a person;  /press N 2026-12-24 picks a date
  /form key=value …      fill the open form (quote values with spaces), then /submit or /cancel
  /shortcut new_lead     the New lead form;  /shortcut log_as_lead N  logs message #N as a lead
  /home                  open your App Home tab
  /clock                 show the time;  /clock +1d  /clock +2h  /clock tomorrow 09:00  /clock 14:30
  /expect TEXT           (scripts) fail unless Banter said TEXT since the last command
  /help  /quit"""

COMMANDS = ["/banter", "/as", "/in", "/join", "/dm", "/thread", "/reply", "/back", "/press", "/form", "/submit",
            "/cancel", "/show", "/shortcut", "/home", "/clock", "/who", "/help", "/quit", "/expect"]  # fmt: skip
MAX_TICKS = 700  # 15-minute steps: a week; longer jumps tick more sparsely


class CommandError(Exception):
    """A command the sandbox cannot carry out; the message says why and what to type instead."""


class ExpectationFailed(Exception):
    pass


class Quit(Exception):
    pass


@dataclass
class Session:
    world: World
    console: Console
    echo: bool = False  # scripts show each sandbox command as it runs
    person: str = "ann"
    channel_id: str = ""
    thread_ts: str | None = None
    form: dict[str, str] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)  # what Banter said since the last command, as read
    transcript: list[str] = field(default_factory=list)  # everything Banter said, for tests
    _changes: list[Change] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _home_asked: bool = False  # a Home refresh is shown in full only when the person opened it

    def __post_init__(self) -> None:
        self.channel_id = self.channel_id or self.world.channel("saastr-2026").id
        self.renderer = Renderer(self.world.team, tz=lambda: self.user.tz, width=self.console.width)
        self.world.slack.subscribe(self._on_change)

    # --- state ------------------------------------------------------------------------------------
    @property
    def user(self) -> User:
        return self.world.person(self.person)

    @property
    def channel(self) -> Channel:
        return self.world.team.channels[self.channel_id]

    def where(self) -> str:
        label = self.renderer.channel_label(self.channel_id)
        if self.thread_ts:
            label += f" › thread of #{self.renderer.number_of(self.channel_id, self.thread_ts)}"
        return label

    def prompt(self) -> str:
        return f"{self.person} in {self.where()} › "

    def _on_change(self, change: Change) -> None:
        with self._lock:
            self._changes.append(change)

    # --- running ----------------------------------------------------------------------------------
    def run(self, line: str) -> None:
        """One line: a command or something to say. Raises CommandError, ExpectationFailed or Quit."""
        line = line.strip()
        if not line or line.startswith("#"):
            return
        if line.startswith("/expect"):
            return self._expect(line[len("/expect") :].strip())
        self.said = []
        if self.echo and line.startswith("/"):
            self.console.print(Text(f"▸ {self.person}: {line}", style="bold blue"))
        try:
            self._dispatch(line)
        except AssertionError as exc:  # the fake Slack refused, as Slack would
            raise CommandError(str(exc)) from exc
        finally:
            self.world.wait_idle()
            self.flush()

    def play(self, lines: Iterable[str]) -> None:
        for number, line in logical_lines(lines):
            stripped = line.strip()
            if stripped.startswith("## "):
                self.console.print()
                self.console.print(Text(stripped[3:], style="bold reverse"))
                continue
            try:
                self.run(line)
            except (CommandError, ExpectationFailed) as exc:
                raise type(exc)(f"line {number}: {stripped}\n  {exc}") from exc

    def flush(self) -> None:
        with self._lock:
            changes, self._changes = self._changes, []
        shown: set[tuple[str, str]] = set()
        for change in changes:
            key = (change.kind[:4] if change.kind.startswith("view") else "msg", str(getattr(change.item, "ts", None)
                   or getattr(change.item, "id", "")))  # fmt: skip
            if change.kind in ("post", "update", "ephemeral", "home", "view_open", "view_push", "view_update"):
                if key in shown:
                    continue  # posted and updated within one command: shown once, as it is now
                shown.add(key)
            self._show(change)

    def _show(self, change: Change) -> None:
        item, r = change.item, self.renderer
        if isinstance(item, Message) and change.kind in ("post", "update"):
            self.console.print(r.message(item, updated=change.kind == "update"))
            if item.bot_id:
                self._heard(item.text, item.blocks)
        elif isinstance(item, Message) and change.kind == "delete":
            self.console.print(Text(f"(message #{r.number_of(item.channel, item.ts)} was deleted)", style="dim"))
        elif isinstance(item, Ephemeral) and not item.deleted:
            self.console.print(r.ephemeral(item, self.user.id))
            self._heard(item.text, item.blocks)
        elif isinstance(item, View) and change.kind == "home" and not self._home_asked:
            # Banter refreshes a rep's Home after each change; in Slack that is silent until you look.
            who = self.renderer.user_name(item.user_id)
            self.console.print(Text(f"(@{who}'s Home tab was refreshed; /home shows it)", style="dim"))
        elif isinstance(item, View) and change.kind == "view_close":
            self.form = {}
            self.console.print(Text(f"(form “{(item.body.get('title') or {}).get('text', '')}” closed)", style="dim"))
        elif isinstance(item, View):
            self.console.print(r.view(item, updated=change.kind == "view_update"))
            self._heard("", item.body.get("blocks") or [])
        elif change.kind == "file":
            self._saved(item)
        self.console.print()

    def _saved(self, upload: Any) -> None:
        """A file Banter uploaded (an export, the Monday chart): saved next to the sandbox's database, to open."""
        folder = self.world.db_path.parent / "sandbox-files"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / Path(upload.filename).name
        path.write_bytes(upload.content or b"")
        where = self.renderer.channel_label(upload.channel) if upload.channel else "nowhere"
        size = len(upload.content or b"")
        shown = f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"
        self.console.print(Text(f"📎 Banter uploaded {upload.title or upload.filename} ({shown}) to {where}; "
                                f"saved as {path}", style="cyan"))  # fmt: skip
        self.said.append(f"uploaded {upload.filename}")

    def _heard(self, text: str, blocks: list[dict]) -> None:
        from sandbox.render import unescape

        read = self.renderer.blocks_text(blocks) if blocks else self.renderer.plain(text)
        read = read or unescape(text)
        self.said.append(read)
        self.transcript.append(read)

    def _expect(self, wanted: str) -> None:
        wanted = wanted.strip().strip('"')
        heard = " ".join(" ".join(self.said).split())
        if " ".join(wanted.split()).lower() not in heard.lower():
            last = heard[:600] + ("…" if len(heard) > 600 else "") if heard else "(nothing)"
            raise ExpectationFailed(f"expected Banter to say “{wanted}”, but it said: {last}")

    # --- commands ---------------------------------------------------------------------------------
    def _dispatch(self, line: str) -> None:
        if not line.startswith("/"):
            return self._say(line, self.thread_ts)
        word, _, rest = line.partition(" ")
        word, rest = word.lower(), rest.strip()
        if word == "/banter":
            self.world.slack.slash(self.user, self.channel, rest)
            return
        handler = getattr(self, "_cmd_" + word[1:], None) if re.fullmatch(r"/[a-z_]+", word) else None
        if handler is None:
            raise CommandError(f"Unknown command {word}. Type /help for the list (to Banter: /banter {rest or 'help'}).")
        handler(rest)

    def _say(self, text: str, thread_ts: str | None) -> None:
        if self.user.id not in self.channel.members:
            self.channel.members.append(self.user.id)
        self.world.slack.say(self.user, self.channel, text, thread_ts=thread_ts)

    def recap(self, last: int = 3) -> None:
        """What a person sees on opening a channel or thread: its latest messages (only at the prompt)."""
        if self.echo:
            return  # a script has just shown all of it
        r = self.renderer
        if self.thread_ts:
            parent = self.world.slack.message(self.channel_id, self.thread_ts)
            messages = [parent, *parent.replies[-last * 2 :]] if parent else []
            hidden = len(parent.replies) - len(messages) + 1 if parent else 0
        else:
            messages, hidden = self.channel.messages[-last:], max(0, len(self.channel.messages) - last)
        if hidden:
            self.console.print(Text(f"({hidden} earlier messages not shown)", style="dim"))
        for message in messages:
            self.console.print(r.message(message, full=True))
            if message.replies and not self.thread_ts:
                n = len(message.replies)
                self.console.print(Text(f"    {n} repl{'y' if n == 1 else 'ies'}: /thread "
                                        f"{r.number_of(message.channel, message.ts)} to read and answer there",
                                        style="dim"))  # fmt: skip
            self.console.print()

    def _cmd_help(self, rest: str) -> None:
        self.console.print(HELP)

    def _cmd_quit(self, rest: str) -> None:
        raise Quit

    _cmd_exit = _cmd_quit

    def _cmd_as(self, rest: str) -> None:
        name = rest.lstrip("@").lower()
        if name not in self.world.people:
            raise CommandError(f"No one called {rest!r} here; people: {', '.join(self.world.people)}.")
        self.person = name
        self.console.print(Text(f"You are now {self.user.real_name} (@{name}); times show in your zone, {self.user.tz}.",
                                style="dim"))  # fmt: skip

    def _cmd_in(self, rest: str, *, create: bool = False) -> None:
        name = rest.strip().lstrip("#")
        try:
            channel = self.world.channel(name)
        except KeyError:
            if not create:
                names = ", ".join("#" + c.name for c in self.world.channels())
                raise CommandError(f"No channel #{name}. Channels: {names}; /join #{name} creates it.") from None
            if not re.fullmatch(r"[a-z0-9][a-z0-9_\-]{0,79}", name):
                raise CommandError("Channel names are lower-case letters, digits, - and _.") from None
            channel = self.world.add_channel(name)
            self.console.print(Text(f"Created #{name}; everyone and Banter are in it.", style="dim"))
        self.channel_id, self.thread_ts = channel.id, None
        self.recap()
        self.console.print(Text(f"Now in {self.where()}.", style="dim"))

    def _cmd_join(self, rest: str) -> None:
        self._cmd_in(rest, create=True)

    def _cmd_dm(self, rest: str) -> None:
        self.channel_id, self.thread_ts = self.world.dm(self.user).id, None
        self.recap()
        self.console.print(Text(f"Now in {self.where()}.", style="dim"))

    def _message(self, ref: str) -> tuple[str, str]:
        number = ref.lstrip("#")
        if not number.isdigit() or int(number) not in self.renderer.by_number:
            raise CommandError(f"No message #{number}; messages are numbered as they are shown (e.g. #3).")
        channel_id, ts = self.renderer.by_number[int(number)]
        message = self.world.slack.message(channel_id, ts)
        if message is None:
            raise CommandError(f"Message #{number} is gone.")
        return channel_id, message.thread_ts or ts

    def _cmd_thread(self, rest: str) -> None:
        self.channel_id, self.thread_ts = self._message(rest.strip())
        self.recap()
        self.console.print(Text(f"Now in {self.where()}; /back to leave the thread.", style="dim"))

    def _cmd_show(self, rest: str) -> None:
        channel_id, _ = self._message(rest.strip())
        message = self.world.slack.message(*self.renderer.by_number[int(rest.strip().lstrip("#"))])
        assert message is not None
        self.console.print(self.renderer.message(message, full=True))

    def _cmd_back(self, rest: str) -> None:
        self.thread_ts = None
        self.console.print(Text(f"Now in {self.where()}.", style="dim"))

    def _cmd_reply(self, rest: str) -> None:
        ref, _, text = rest.partition(" ")
        if not text.strip():
            raise CommandError("Usage: /reply N text")
        channel_id, thread_ts = self._message(ref)
        saved = self.channel_id
        self.channel_id = channel_id
        try:
            self._say(text.strip(), thread_ts)
        finally:
            self.channel_id = saved

    def _cmd_press(self, rest: str) -> None:
        args = _split(rest)
        if not args or not args[0].lstrip("[").rstrip("]").isdigit():
            raise CommandError('Usage: /press N, or /press N "Option" for a menu.')
        number = int(args[0].lstrip("[").rstrip("]"))
        p = self.renderer.pressables.get(number)
        if p is None:
            raise CommandError(f"There is no button [{number}]; buttons are numbered as they are shown.")
        option = args[1] if len(args) > 1 else None
        self._press(p, option)

    def _press(self, p: Pressable, option: str | None) -> None:
        slack = self.world.slack
        if p.kind in PICKER_HINTS:
            self._pick(p, option)
            return
        if p.kind != "button":
            if option is None:
                raise CommandError(f"[{p.number}] is a menu; pick one: " + ", ".join(f'/press {p.number} "{o}"' for o in p.options))
            match = next((o for o in p.options if o.lower() == option.lower()), None)
            if match is None:
                raise CommandError(f"[{p.number}] has no option {option!r}; options: {', '.join(p.options)}.")
            label: str = match
        else:
            label = p.label
        if p.view_id:
            if p.view_user != self.user.id:
                raise CommandError(f"[{p.number}] is on @{self.renderer.user_name(p.view_user)}'s screen; /as them first.")
            slack.press_in_view(self.user, p.view_id, label, action_id=p.action_id)
        else:
            assert p.channel_id and p.ts
            channel = self.world.team.channels[p.channel_id]
            if p.kind == "button":  # by what it does, so it still works after the message changed its label
                slack.press(self.user, channel, p.ts, None, action_id=p.action_id, value=p.value)
            else:
                slack.press(self.user, channel, p.ts, label, action_id=p.action_id)
        if p.url:
            self._follow(p.url)

    def _pick(self, p: Pressable, option: str | None) -> None:
        """A person, channel or date picker: the choice is typed, as it is picked in Slack."""
        hint = PICKER_HINTS[p.kind].format(n=p.number)
        if not option:
            raise CommandError(f"[{p.number}] is a picker: {hint}.")
        value: object
        if p.kind == "datepicker":
            try:
                value = date.fromisoformat(option.strip())
            except ValueError:
                raise CommandError(f"[{p.number}] needs a date as YYYY-MM-DD, e.g. {hint}.") from None
        elif p.kind == "users_select":
            name = option.strip().lstrip("@").lower()
            found = [u for u in self.world.team.users.values()
                     if not u.is_bot and name in (u.name.lower(), u.real_name.lower(), u.id.lower())]  # fmt: skip
            if not found:
                people = ", ".join(u.name for u in self.world.team.users.values() if not u.is_bot)
                raise CommandError(f"No one called {option!r} here; people: {people}.")
            value = found[0].id
        else:
            name = option.strip().lstrip("#").lower()
            match = [c for c in self.world.team.channels.values() if not c.is_im and name in (c.name, c.id.lower())]
            if not match:
                raise CommandError(f"No channel {option!r} here.")
            value = match[0].id
        slack = self.world.slack
        if p.view_id:
            if p.view_user != self.user.id:
                raise CommandError(f"[{p.number}] is on @{self.renderer.user_name(p.view_user)}'s screen; /as them first.")
            slack.press_in_view(self.user, p.view_id, None, action_id=p.action_id, value=value)
        else:
            assert p.channel_id and p.ts
            slack.press(self.user, self.world.team.channels[p.channel_id], p.ts, None, action_id=p.action_id, value=value)

    def _follow(self, url: str) -> None:
        """A link button: Slack opens the link; a link to a thread takes you there."""
        m = re.search(r"/archives/([A-Z0-9]+)/p(\d{10})(\d{6})(?:\?thread_ts=([\d.]+))?", url)
        if m and m.group(1) in self.world.team.channels:
            self.channel_id = m.group(1)
            self.thread_ts = m.group(4) or f"{m.group(2)}.{m.group(3)}"
            self.recap()
            self.console.print(Text(f"Opened the link: now in {self.where()}.", style="dim"))

    def _open_modal(self) -> View:
        stack = self.world.slack.modal_stack(self.user)
        if not stack:
            raise CommandError(f"@{self.person} has no form open (try /shortcut new_lead, or Edit on a card).")
        return stack[-1]

    def _cmd_form(self, rest: str) -> None:
        view = self._open_modal()
        inputs = {b.get("block_id") for b in view.body.get("blocks") or [] if b.get("type") == "input"}
        for item in _split(rest):
            key, sep, value = item.partition("=")
            if not sep or key not in inputs:
                raise CommandError(f"Use key=value with a key from the form: {', '.join(sorted(inputs))}.")
            self.form[key] = value
        self.console.print(Text("Form so far: " + ", ".join(f"{k}={v!r}" for k, v in self.form.items()), style="dim"))

    def _cmd_submit(self, rest: str) -> None:
        view = self._open_modal()
        submitted = self.world.slack.submit_view(self.user, view.id, dict(self.form))
        if submitted.errors:
            self.console.print(Text("The form was not saved:", style="bold red"))
            for key, error in submitted.errors.items():
                self.console.print(Text(f"  {key}: {error}", style="red"))
        elif submitted.closed:
            self.form = {}

    def _cmd_cancel(self, rest: str) -> None:
        self.world.slack.close_view(self.user, self._open_modal().id)
        self.form = {}

    def _cmd_shortcut(self, rest: str) -> None:
        args = rest.split()
        if args[:1] == ["new_lead"]:
            self.world.slack.global_shortcut(self.user, "new_lead")
        elif args[:1] == ["log_as_lead"] and len(args) == 2:
            channel_id, _ = self._message(args[1])
            _, ts = self.renderer.by_number[int(args[1].lstrip("#"))]
            self.world.slack.message_shortcut(self.user, self.world.team.channels[channel_id], ts, "log_as_lead")
        else:
            raise CommandError("Usage: /shortcut new_lead, or /shortcut log_as_lead N (N a message number).")

    def _cmd_home(self, rest: str) -> None:
        self._home_asked = True
        try:
            self.world.slack.open_home(self.user)
            self.flush()
        finally:
            self._home_asked = False

    def _cmd_who(self, rest: str) -> None:
        for handle, u in self.world.people.items():
            role = "admin" if u.is_admin else "rep"
            mark = "  ← you" if handle == self.person else ""
            self.console.print(f"  @{handle:<5} {u.real_name:<10} {role:<6} {u.tz}{mark}")
        self.console.print(f"  You are in {self.where()}. Channels: " + ", ".join("#" + c.name for c in self.world.channels()))

    def _cmd_clock(self, rest: str) -> None:
        if rest:
            self._move_clock(self._target_time(rest))
        now = self.world.clock.now().astimezone(ZoneInfo(self.user.tz))
        self.console.print(Text(f"It is {now:%A %d %B %Y, %H:%M} for @{self.person} ({self.user.tz}).", style="bold"))

    def _target_time(self, spec: str) -> datetime:
        now = self.world.clock.now()
        local = now.astimezone(ZoneInfo(self.user.tz))
        m = re.fullmatch(r"\+\s*(\d+)\s*([dhm])", spec.strip().lower())
        if m:
            unit = {"d": "days", "h": "hours", "m": "minutes"}[m.group(2)]
            return now + timedelta(**{unit: int(m.group(1))})
        m = re.fullmatch(r"(tomorrow\s+)?(\d{1,2}):(\d{2})", spec.strip().lower())
        if m and int(m.group(2)) < 24 and int(m.group(3)) < 60:
            day = local.date() + timedelta(days=1 if m.group(1) else 0)
            at = datetime(day.year, day.month, day.day, int(m.group(2)), int(m.group(3)), tzinfo=local.tzinfo)
            return at if at > now else at + timedelta(days=1)
        raise CommandError("Usage: /clock +1d, /clock +2h, /clock +30m, /clock tomorrow 09:00 or /clock 14:30.")

    def _move_clock(self, target: datetime) -> None:
        """Time passes: Banter's schedule runs at every quarter hour on the way, as the real bot would."""
        clock = self.world.clock
        span = target - clock.now()
        if span <= timedelta(0):
            raise CommandError("The clock only moves forward.")
        step = max(timedelta(minutes=15), span / MAX_TICKS)
        while target - clock.now() > step:
            self.world.tick(clock.advance(step))
            self.world.wait_idle()
        self.world.tick(clock.advance(target - clock.now()))


def logical_lines(lines: Iterable[str]) -> list[tuple[int, str]]:
    """Script lines as commands: an indented line, or one after a trailing backslash, continues a message
    on a new line (the way Shift+Enter does in Slack)."""
    out: list[tuple[int, str]] = []
    joining = False
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        continues = bool(out) and (joining or (raw[:1].isspace() and line.strip() != ""
                                               and not out[-1][1].lstrip().startswith(("/", "#"))))  # fmt: skip
        joining = line.endswith("\\")
        line = line[:-1].rstrip() if joining else line
        if continues:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line.strip())
        else:
            out.append((number, line))
    return out


def _split(rest: str) -> list[str]:
    try:
        return shlex.split(rest)
    except ValueError as exc:
        raise CommandError(f"Could not read that: {exc} (check the quotes).") from None


def completions(world: World) -> list[str]:
    words = list(COMMANDS) + ["@Banter", "/banter help", "/banter digest", "/banter find", "/banter qualify",
                              "/shortcut new_lead", "/shortcut log_as_lead", "/clock tomorrow 09:00", "/clock +1d"]  # fmt: skip
    words += [f"/as {p}" for p in world.people] + [f"#{c.name}" for c in world.channels()]
    return words
