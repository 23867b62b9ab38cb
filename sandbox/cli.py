"""`python app.py sandbox`: all of Banter in the terminal, against a local stand-in for Slack."""

from __future__ import annotations

import logging
import os
import sys
from argparse import Namespace
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.text import Text

from sandbox.script import CommandError, ExpectationFailed, Quit, Session, completions
from sandbox.world import DEMO_START, PEOPLE, World, open_world, sandbox_db_path, set_up_workspace

DEMO = Path(__file__).with_name("demo.txt")


def make_console(file: object = None) -> Console:
    out = file or sys.stdout
    tty = hasattr(out, "isatty") and out.isatty()  # type: ignore[union-attr]
    if tty:
        return Console(file=out, highlight=False)  # type: ignore[arg-type]
    width = int(os.environ.get("COLUMNS", "100")) if os.environ.get("COLUMNS", "").isdigit() else 100
    return Console(file=out, force_terminal=False, no_color=True, highlight=False, width=width)  # type: ignore[arg-type]


def intro(world: World, console: Console, setup: list[str]) -> None:
    console.print(Text("Banter sandbox", style="bold magenta"), Text(f"· workspace “{world.team.name}”, no Slack needed"))
    people = ", ".join(f"@{h} ({n}{', admin' if a else ''}, {tz})" for h, _, n, tz, a in PEOPLE)
    console.print(f"People: {people}.")
    console.print("Channels: " + ", ".join("#" + c.name for c in world.channels()) + " (everyone and Banter are in all).")
    if setup:
        console.print("Mia (admin) has set up Banter: prospect alerts go to #prospect-alerts, and #sales gets "
                      "the digest of who to call every morning at 09:00 Berlin time.")  # fmt: skip
        console.print(Text("  " + "   ".join(setup), style="dim"))
    console.print(f"Data: {world.db_path} (start again with --reset).")
    console.print()


def start(db_path: Path, console: Console, *, fresh: bool, fixed_start: bool) -> World:
    world = open_world(db_path, fresh=fresh, start=DEMO_START if fixed_start else None)
    setup = set_up_workspace(world) if world.fresh else []
    intro(world, console, setup)
    return world


def play(lines: Iterable[str], db_path: Path, *, console: Console | None = None,
         fresh: bool = True) -> tuple[int, Session]:
    """Play a script on the sandbox at `db_path`; 0 when every line ran and every /expect held."""
    console = console or make_console()
    world = start(db_path, console, fresh=fresh, fixed_start=True)
    session = Session(world, console, echo=True)
    try:
        session.play(lines)
        code = 0
    except Quit:
        code = 0
    except (CommandError, ExpectationFailed) as exc:
        console.print(Text(f"Script stopped at {exc}", style="bold red"))
        code = 1
    finally:
        world.close()
    return code, session


def interactive(db_path: Path, console: Console, *, fresh: bool) -> int:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import WordCompleter
    from prompt_toolkit.history import FileHistory

    world = start(db_path, console, fresh=fresh, fixed_start=False)
    session = Session(world, console)
    if session.channel.messages:
        console.print(Text(f"Where you left off in {session.where()}:", style="bold"))
        session.recap()
    console.print("Type /help for the commands, or just talk: [bold]@Banter met Jane Doe, VP Marketing at Acme Corp, "
                  "jane@acme.com[/]. /quit to leave (the sandbox is kept for next time).\n")  # fmt: skip
    db_path.parent.mkdir(parents=True, exist_ok=True)
    prompt: PromptSession[str] = PromptSession(
        history=FileHistory(str(db_path.parent / "sandbox_history")),
        completer=WordCompleter(completions(world), WORD=True),
    )
    try:
        while True:
            try:
                line = prompt.prompt(session.prompt())
                while line.endswith("\\"):  # a trailing backslash: the message goes on on the next line
                    line = line[:-1].rstrip() + "\n" + prompt.prompt("  … ")
            except KeyboardInterrupt:
                continue
            except EOFError:
                break
            try:
                session.run(line)
            except (CommandError, ExpectationFailed) as exc:
                console.print(Text(str(exc), style="bold red"))
            except Quit:
                break
            prompt.completer = WordCompleter(completions(world), WORD=True)
    finally:
        world.close()
    return 0


def main(args: Namespace) -> int:
    if os.environ.get("LOG_LEVEL", "").upper() != "DEBUG":
        for name in ("banter", "slack_bolt", "slack_sdk", "sandbox"):  # the conversation is the output; warnings go quiet
            logging.getLogger(name).setLevel(logging.ERROR)
    db_path = sandbox_db_path()
    console = make_console()
    script, demo, reset = getattr(args, "script", None), getattr(args, "demo", False), getattr(args, "reset", False)
    if not script and (demo or not sys.stdin.isatty()):
        console.print(Text("Playing the bundled demo (sandbox/demo.txt): a rep at SaaStr logs the people she "
                           "meets, and Banter takes it from there. It starts from an empty sandbox.\n", style="bold"))  # fmt: skip
        code, _ = play(DEMO.read_text(encoding="utf-8").splitlines(), db_path, console=console, fresh=True)
        if code == 0:
            console.print(Text("\nThat was the demo. Carry on from here yourself: python app.py sandbox", style="bold"))
        return code
    if script:
        try:
            text = sys.stdin.read() if script == "-" else Path(script).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot read the script {script}: {exc.strerror}", file=sys.stderr)
            return 2
        code, _ = play(text.splitlines(), db_path, console=console, fresh=reset)
        return code
    return interactive(db_path, console, fresh=reset)
