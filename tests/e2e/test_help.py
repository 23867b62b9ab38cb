"""`/banter help`: every command, each with an example that works as written; anything unknown gets the help."""

from __future__ import annotations

import re

import pytest

from tests.harness import World

COMMANDS = ("log", "qualify", "find", "show", "policy", "alerts", "digest", "remind", "assign", "won", "lost", "promote",
            "disqualify", "stats", "export", "forget", "help")  # fmt: skip
# commands that act on someone or something: their example must say on what
NEED_ARGUMENTS = ("log", "qualify", "find", "show", "alerts", "remind", "assign", "won", "lost", "promote", "disqualify",
                  "forget")  # fmt: skip
EXAMPLE = re.compile(r"`(/banter [^`]*)`")


def _help(world: World, text: str = "help") -> str:
    world.slack.slash(world.ann, world.ch("sales"), text)
    (said,) = world.slack.ephemerals(user=world.ann)[-1:]
    return said.text + "\n" + "\n".join(b["text"]["text"] for b in said.blocks if b.get("type") == "section")


def _examples(help_text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for example in EXAMPLE.findall(help_text):
        out.setdefault(example.split()[1], []).append(example)
    return out


def test_help_lists_every_command_once_each_with_an_example(world: World) -> None:
    said = _help(world)
    examples = _examples(said)
    assert sorted(examples) == sorted(COMMANDS)
    lines = [line for line in said.splitlines() if line.startswith("`/banter ")]
    assert sorted(line.split()[1].rstrip("`") for line in lines) == sorted(COMMANDS), "one line per command"
    for name in NEED_ARGUMENTS:
        assert any(len(e.split()) > 2 for e in examples[name]), f"{name}: {examples[name]}"


@pytest.mark.parametrize("typed", ["frobnicate everything", "HELPME", "digets"])
def test_an_unknown_command_says_so_and_answers_with_the_whole_help(world: World, typed: str) -> None:
    said = _help(world, typed)
    assert said.startswith(f"I don't know `{typed.split()[0]}`. Here's what I can do:")
    assert sorted(_examples(said)) == sorted(COMMANDS)


def test_banter_alone_answers_with_the_help(world: World) -> None:
    said = _help(world, "")
    assert said.startswith("Here's what I can do:") and sorted(_examples(said)) == sorted(COMMANDS)


def test_every_example_in_the_help_is_understood_as_written(world: World) -> None:
    """Run by an admin, on the contact the examples name: none is answered with the help or a usage line."""
    world.slack.say(world.boss, world.ch("sales"), "@Banter met Jane Doe, CTO at Acme, jane@acme.com")
    world.slack.slash(world.boss, world.ch("sales"), "promote jane@acme.com")
    examples = [e for es in _examples(_help(world)).values() for e in es]
    assert len(examples) >= len(COMMANDS)
    for example in examples:
        if example.split()[1] == "help":
            continue
        before = len(world.slack.ephemerals(user=world.boss))
        world.slack.slash(world.boss, world.ch("sales"), example.removeprefix("/banter "))
        answers = [e.text for e in world.slack.ephemerals(user=world.boss)[before:]]
        assert not [a for a in answers if "I don't know" in a or a.startswith("Usage") or "Here's what I can do" in a], (
            example, answers)  # fmt: skip
    assert world.errors() == []
