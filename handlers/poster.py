"""Posting that happens once: every post carries a key in its metadata, and a post whose fate is
unknown (the connection dropped after sending) is looked up before it is ever sent again."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("banter.post")

EVENT_TYPE = "banter_post"
_AMBIGUOUS = (URLError, TimeoutError, ConnectionError, OSError)


class PostAmbiguous(Exception):
    """Slack may or may not have the message; it was not found, and was not reposted."""


class LookupFailed(Exception):
    """Slack could not be asked whether a post landed: the answer is unknown, which is not "no"."""


def find_posted(client: WebClient, channel: str, key: str, *, thread_ts: str = "", oldest: str = "0") -> str | None:
    """The ts of a message Banter posted with this key; None when Slack surely has none; LookupFailed when unsure."""
    try:
        if thread_ts:
            resp = client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=200)
        else:
            resp = client.conversations_history(channel=channel, oldest=oldest, include_all_metadata=True, limit=200)
    except (SlackApiError, *_AMBIGUOUS) as exc:
        log.warning("could not look up an earlier post: %s", type(exc).__name__)
        raise LookupFailed(type(exc).__name__) from exc
    for msg in resp.get("messages", []):
        meta = msg.get("metadata") or {}
        if meta.get("event_type") == EVENT_TYPE and (meta.get("event_payload") or {}).get("key") == key:
            return msg.get("ts")
    return None


def post(
    client: WebClient,
    channel: str,
    text: str,
    blocks: Sequence[dict[str, Any]] | None = None,
    *,
    thread_ts: str = "",
    key: str = "",
    raise_ambiguous: bool = False,
) -> str | None:
    """chat.postMessage once. Returns the ts, or None when Slack refused (logged, never raised)."""
    key = key or uuid.uuid4().hex
    args: dict[str, Any] = {
        "channel": channel,
        "text": text[:3000],
        "blocks": list(blocks) if blocks else None,
        "metadata": {"event_type": EVENT_TYPE, "event_payload": {"key": key}},
        "unfurl_links": False,
        "unfurl_media": False,
    }
    if thread_ts:
        args["thread_ts"] = thread_ts
    for attempt in range(3):
        try:
            return client.chat_postMessage(**args)["ts"]
        except SlackApiError as exc:
            log.warning("chat.postMessage refused: %s", exc.response.get("error"), extra={"channel": channel})
            return None
        except _AMBIGUOUS as exc:
            log.warning("post outcome unknown (%s); reconciling", type(exc).__name__, extra={"channel": channel})
            try:
                ts = find_posted(client, channel, key, thread_ts=thread_ts)
            except LookupFailed:
                ts = None
                if raise_ambiguous:
                    raise PostAmbiguous(key) from exc
                log.warning("post left unsent rather than risk a second copy", extra={"channel": channel})
                return None
            if ts:
                return ts
            if attempt == 2 or raise_ambiguous:
                if raise_ambiguous:
                    raise PostAmbiguous(key) from exc
                return None
    return None


def update(client: WebClient, channel: str, ts: str, text: str, blocks: Sequence[dict[str, Any]]) -> bool:
    try:
        client.chat_update(channel=channel, ts=ts, text=text[:3000], blocks=list(blocks))
        return True
    except SlackApiError as exc:
        log.warning("chat.update refused: %s", exc.response.get("error"), extra={"channel": channel})
    except _AMBIGUOUS as exc:
        log.warning("chat.update failed: %s", type(exc).__name__)
    return False
