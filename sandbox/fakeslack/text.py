"""How Slack's clients rewrite what a person types before the app sees it.

Typed text reaches an app escaped (`&`, `<`, `>` first), with e-mails, web addresses, @mentions of known
people and #channels wrapped in Slack's `<...>` markup; a rich_text block carries the same pieces.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Endings Slack's client recognises for a bare `name.tld` typed without a scheme (a practical subset).
_TLDS = (
    "com|net|org|io|co|ai|dev|app|biz|info|me|us|uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|ca|au|nz|"
    "jp|cn|in|br|mx|ar|za|edu|gov|xyz|tech|cloud|online|site|store|shop|email|team|tv|ly|gg|so|sh|to"
)
_EMAIL = r"(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"
_URL_SCHEME = r"(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)\]'])"
_URL_BARE = rf"(?P<bare>(?<![\w@.\-/])(?:[A-Za-z0-9\-]+\.)+(?:{_TLDS})(?![\w\-])(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]'])?)"
_MENTION = r"(?P<mention>(?<![\w&])@(?P<who>[\w.\-]+(?: [A-Z][\w.\-]*)?))"
_CHANNEL = r"(?P<channel>(?<![\w&])#(?P<cname>[a-z0-9_\-]+))"
_PATTERN = re.compile("|".join([_EMAIL, _URL_SCHEME, _URL_BARE, _MENTION, _CHANNEL]))


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Rewritten:
    text: str
    mentions: list[str] = field(default_factory=list)
    elements: list[dict[str, Any]] = field(default_factory=list)

    def rich_text_block(self) -> dict[str, Any]:
        return {"type": "rich_text", "block_id": secrets.token_hex(3),
                "elements": [{"type": "rich_text_section", "elements": self.elements}]}


def rewrite(typed: str, *, users: Mapping[str, str], channels: Mapping[str, str]) -> Rewritten:
    """`users` maps a lower-cased name (handle, real name) to a user id; `channels` a channel name to its id."""
    raw = typed
    out: list[str] = []
    elements: list[dict[str, Any]] = []
    mentions: list[str] = []
    pos = 0

    def plain(chunk: str) -> None:
        if chunk:
            out.append(escape(chunk))
            elements.append({"type": "text", "text": chunk})

    for match in _PATTERN.finditer(raw):
        replaced = _replace(match, users, channels)
        if replaced is None:
            continue
        markup, element, consumed_end = replaced
        plain(raw[pos:match.start()])
        out.append(markup)
        elements.append(element)
        if element["type"] == "user":
            mentions.append(element["user_id"])
        pos = consumed_end
    plain(raw[pos:])
    return Rewritten(text="".join(out), mentions=mentions, elements=_merge_text(elements))


def _replace(match: re.Match[str], users: Mapping[str, str],
             channels: Mapping[str, str]) -> tuple[str, dict[str, Any], int] | None:
    if match.group("email"):
        email = escape(match.group("email"))
        return f"<mailto:{email}|{email}>", {"type": "link", "url": f"mailto:{match.group('email')}",
                                             "text": match.group("email")}, match.end()
    if match.group("url"):
        url = escape(match.group("url"))
        return f"<{url}|{url}>", {"type": "link", "url": match.group("url")}, match.end()
    if match.group("bare"):
        shown = escape(match.group("bare"))
        return (f"<http://{shown}|{shown}>",
                {"type": "link", "url": f"http://{match.group('bare')}", "text": match.group("bare")}, match.end())
    if match.group("mention"):
        who = match.group("who")
        # "@Dana Scully" may be a two-word real name or "@Dana" followed by a word: prefer the longest known.
        for candidate in (who, who.split(" ")[0]):
            user_id = users.get(candidate.lower().rstrip(".,;:!?"))
            if user_id:
                stripped = candidate.rstrip(".,;:!?")
                end = match.start("who") + len(stripped)
                return f"<@{user_id}>", {"type": "user", "user_id": user_id}, end
        return None
    name = match.group("cname")
    channel_id = channels.get(name)
    if channel_id is None:
        return None
    return f"<#{channel_id}|{name}>", {"type": "channel", "channel_id": channel_id}, match.end()


def _merge_text(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: list[dict[str, Any]] = []
    for element in elements:
        if element["type"] == "text" and merged and merged[-1]["type"] == "text":
            merged[-1] = {"type": "text", "text": merged[-1]["text"] + element["text"]}
        else:
            merged.append(element)
    return merged
