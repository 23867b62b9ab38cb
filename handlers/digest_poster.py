"""The digest's way out to Slack: posted with its delivery key in the metadata, found again by it."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.records import Subscription
from bot.services.digest import DigestAmbiguous, DigestFailed, DigestUnreachable, DigestView, delivery_key
from handlers.blocks.digest import RowMark, digest, mark_rows, row_ids, unreachable_dm
from handlers.context import Services, permalink
from handlers.poster import EVENT_TYPE, LookupFailed, PostAmbiguous, find_posted, post

log = logging.getLogger("banter.digest")


class SlackDigestPoster:
    def __init__(self, svc: Services, client_for: callable) -> None:  # type: ignore[valid-type]
        self.svc = svc
        self.client_for = client_for  # team id -> WebClient (one token, or each workspace's own)

    def _link(self, view: DigestView) -> callable:  # type: ignore[valid-type]
        def link(cid: int) -> str:
            c = view.records.get(cid)
            if c is None:
                return ""
            return permalink(self.svc, view.team_id, c.channel_id, c.card_ts or c.thread_ts, c.thread_ts)

        return link

    def post_digest(self, view: DigestView, key: str) -> str:
        client: WebClient = self.client_for(view.team_id)
        text, blocks = digest(view, self._link(view))
        try:
            ts = post(client, view.channel_id, text, blocks, key=f"digest:{key}", raise_ambiguous=True)
        except PostAmbiguous as exc:
            raise DigestAmbiguous(key) from exc
        if ts is None:
            reason = unreachable(client, view.channel_id)
            if reason:
                raise DigestUnreachable(view.channel_id, reason)
            raise DigestFailed(f"Slack refused the digest for {view.channel_id}")
        if view.funnel is not None:
            self._upload_funnel(client, view, ts)
        return ts

    def _upload_funnel(self, client: WebClient, view: DigestView, ts: str) -> None:
        """Mondays: the month's funnel as a picture in the digest's thread. A failure costs the chart only."""
        from handlers.chart import funnel_png

        try:
            client.files_upload_v2(
                channel=view.channel_id, thread_ts=ts, content=funnel_png(view.funnel),  # type: ignore[arg-type]
                filename=f"funnel-{view.local_date.isoformat()}.png", title="This month's funnel",
                initial_comment="This month's funnel: leads → prospects → customers",
            )
        except Exception as exc:  # noqa: BLE001
            log.warning("funnel chart upload failed: %s", type(exc).__name__)

    def tell_unreachable(self, sub: Subscription, reason: str, key: str) -> None:
        from handlers.followup_schedule import dm

        if not sub.created_by:
            return
        text, blocks = unreachable_dm(sub, reason)
        dm(self.client_for(sub.team_id), sub.created_by, text, blocks, key=f"digest-unreachable:{key}")

    def find_digest(self, team_id: str, channel_id: str, key: str, since: datetime) -> str | None:
        try:
            return find_posted(self.client_for(team_id), channel_id, f"digest:{key}", oldest=f"{since.timestamp():.6f}")
        except LookupFailed as exc:
            raise DigestAmbiguous(key) from exc


UNREACHABLE = ("not_in_channel", "channel_not_found", "is_archived")


def unreachable(client: WebClient, channel_id: str) -> str:
    """Why Banter cannot post in the channel at all ("not_in_channel", "channel_not_found", "is_archived"),
    or "" when it can, or when Slack cannot say (then the failure is treated as passing)."""
    try:
        info = client.conversations_info(channel=channel_id)["channel"] or {}
    except SlackApiError as exc:
        error = str(exc.response.get("error") or "")
        return error if error in UNREACHABLE else ""
    except Exception as exc:  # noqa: BLE001 - a dropped connection says nothing about membership
        log.warning("conversations.info failed: %s", type(exc).__name__)
        return ""
    if info.get("is_archived"):
        return "is_archived"
    if info.get("is_member") is False and not info.get("is_im"):
        return "not_in_channel"
    return ""


# ---------------------------------------------------------------- Contacted / Snooze pressed on a digest row


def refresh_digest_row(svc: Services, client: WebClient, body: dict[str, Any], team_id: str) -> bool:
    """After Contacted or Snooze was pressed on a posted digest: every row of that message says, for everyone,
    who contacted or snoozed it since the digest went out ("✅ contacted by @bob 09:14"), its buttons trimmed.
    Rebuilt from the database on each press, so two presses at once both end up shown. False when the
    press was not on a posted digest (a preview is ephemeral) or Slack refused the update."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = message.get("ts") or container.get("message_ts")
    blocks = message.get("blocks") or []
    cids = row_ids(blocks)
    if container.get("is_ephemeral") or not channel or not ts or not cids:
        return False
    posted = datetime.fromtimestamp(float(ts), UTC)
    with svc.uow(readonly=True) as uow:
        subs = [s for s in uow.digests.subscriptions(team_id) if s.channel_id == channel]
        done = uow.activities.for_contacts(team_id, cids, ["touch", "snooze"])
    zone = ZoneInfo(subs[0].tz if subs else "UTC")
    marks: dict[int, RowMark] = {}
    for a in sorted(done, key=lambda a: _aware(a.at)):
        at = _aware(a.at)
        if at < posted:
            continue
        until = datetime.fromisoformat(a.detail) if a.kind == "snooze" and a.detail else None
        marks[a.contact_id] = RowMark(a.kind, a.user_id, at.astimezone(zone),
                                      _aware(until).astimezone(zone) if until else None)  # fmt: skip
    if not marks:
        return False
    args: dict[str, Any] = {"channel": channel, "ts": ts, "text": (message.get("text") or "")[:3000],
                            "blocks": mark_rows(blocks, marks)}  # fmt: skip
    meta = message.get("metadata")
    if not meta and subs:  # keep the delivery key, so a later lookup still finds this digest
        day = posted.astimezone(zone).date()
        meta = {"event_type": EVENT_TYPE, "event_payload": {"key": f"digest:{delivery_key(team_id, channel, day)}"}}
    if meta:
        args["metadata"] = meta
    try:
        client.chat_update(**args)
        return True
    except SlackApiError as exc:
        log.warning("digest row update refused: %s", exc.response.get("error"))
    except Exception as exc:  # noqa: BLE001 - the press itself is recorded; only the shared view lags
        log.warning("digest row update failed: %s", type(exc).__name__)
    return False


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)
