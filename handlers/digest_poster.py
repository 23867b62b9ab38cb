"""The digest's way out to Slack: posted with its delivery key in the metadata, found again by it."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient

from bot.services.digest import DigestAmbiguous, DigestFailed, DigestView
from handlers.blocks.digest import digest
from handlers.context import Services, permalink
from handlers.poster import LookupFailed, PostAmbiguous, find_posted, post

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

    def find_digest(self, team_id: str, channel_id: str, key: str, since: datetime) -> str | None:
        try:
            return find_posted(self.client_for(team_id), channel_id, f"digest:{key}", oldest=f"{since.timestamp():.6f}")
        except LookupFailed as exc:
            raise DigestAmbiguous(key) from exc
