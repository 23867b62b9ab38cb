"""The one place where text that came from people is made safe for Slack.

mrkdwn has three special characters, `&`, `<` and `>`: escaping them is what stops a contact named
`<!channel>` from pinging everyone. Control characters and direction overrides are dropped so a name
cannot scramble the card around it. Lengths are capped below Block Kit's limits so Slack never
rejects a message because of what someone typed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f]")

SECTION_MAX = 3000
FIELD_MAX = 2000
HEADER_MAX = 150
BUTTON_MAX = 75
CONTEXT_MAX = 2000
FALLBACK_MAX = 3000


def clean(text: object) -> str:
    s = "" if text is None else str(text)
    return _CONTROL.sub("", unicodedata.normalize("NFC", s))


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def esc(text: object, limit: int | None = None) -> str:
    """People's words, ready for mrkdwn: escaped, cleaned and capped (escaping counted)."""
    s = clean(text)
    if limit is not None:
        s = truncate(s, limit)
    out = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if limit is not None and len(out) > limit:  # entities grew it: cut on the plain text again
        return esc(s[: max(0, len(s) - (len(out) - limit) - 1)] + "…")
    return out


def plain(text: object, limit: int) -> str:
    """For plain_text objects (headers, buttons, modal titles): no escaping, just clean and capped."""
    return truncate(clean(text), limit) or " "


def user(user_id: str) -> str:
    """A mention of a Slack user id (ids are ours, never people's text)."""
    return f"<@{user_id}>" if re.fullmatch(r"[UW][A-Z0-9]{2,}", user_id or "") else esc(user_id or "someone")


def channel(channel_id: str) -> str:
    return f"<#{channel_id}>" if re.fullmatch(r"[CGD][A-Z0-9]{2,}", channel_id or "") else esc(channel_id)


def link(url: str, label: str) -> str:
    """A link whose label came from people: the label is escaped; the URL is ours."""
    return f"<{url}|{esc(label, 200)}>" if url else esc(label)


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 contact', '4 contacts', '2 matches' (pass `many` when adding an s is wrong)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def instant(at: datetime) -> str:
    """An instant every reader sees in their own time zone (Slack's date token); the fallback is UTC."""
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} at {{time}}|{at.astimezone(UTC):%a %d %b %Y, %H:%M} UTC>"
