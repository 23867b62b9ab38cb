"""Slack's message markup back to what the person typed.

Slack clients rewrite typed text before an app sees it: e-mails arrive as `<mailto:a@b.com|a@b.com>`,
web addresses as `<http://acme.com|acme.com>`, people as `<@U123>`, channels as `<#C123|name>`,
and `&`, `<`, `>` as entities. The core parses plain text, so the edge undoes that here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def to_plain(text: str, *, bot_user_id: str = "", user_name: Callable[[str], str] | None = None) -> str:
    def link(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith("@"):
            uid = target[1:]
            if uid == bot_user_id:
                return ""
            return "@" + (label or (user_name(uid) if user_name else uid))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0])
        if target.startswith("mailto:"):
            return label or target[len("mailto:") :]
        return label or target

    plain = _LINK.sub(link, text)
    plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("\x00", "")
    return re.sub(r"[ \t]{2,}", " ", plain).strip()


def mentions_bot(text: str, bot_user_id: str) -> bool:
    return bool(bot_user_id) and f"<@{bot_user_id}" in text


def strip_leading_mention(text: str, bot_user_id: str) -> str:
    return re.sub(rf"^\s*<@{re.escape(bot_user_id)}(\|[^>]*)?>[\s:,]*", "", text) if bot_user_id else text
