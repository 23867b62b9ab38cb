"""Discovery sessions: where each conversation stands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.model import BantItem
from bot.records import DiscoveryRecord
from storage import models as m


class DiscoveriesRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    @staticmethod
    def _rec(r: m.DiscoverySession) -> DiscoveryRecord:
        return DiscoveryRecord(
            contact_id=r.contact_id, team_id=r.team_id, channel_id=r.channel_id, thread_ts=r.thread_ts,
            checklist_ts=r.checklist_ts, asking=BantItem(r.asking) if r.asking else None,
            skipped=[BantItem(s) for s in r.skipped], status=r.status, started_at=r.started_at,
            updated_at=r.updated_at, reminded_at=r.reminded_at,
        )  # fmt: skip

    def get(self, team_id: str, contact_id: int) -> DiscoveryRecord | None:
        r = self.s.get(m.DiscoverySession, contact_id)
        return self._rec(r) if r is not None and r.team_id == team_id else None

    def active_in_thread(self, team_id: str, channel_id: str, thread_ts: str) -> DiscoveryRecord | None:
        if not (channel_id and thread_ts):
            return None
        q = (
            select(m.DiscoverySession)
            .where(m.DiscoverySession.team_id == team_id, m.DiscoverySession.channel_id == channel_id)
            .where(m.DiscoverySession.thread_ts == thread_ts, m.DiscoverySession.status != "paused")
            .order_by(m.DiscoverySession.updated_at.desc())
        )
        r = self.s.scalars(q).first()
        return self._rec(r) if r else None

    def save(self, d: DiscoveryRecord) -> None:
        r = self.s.get(m.DiscoverySession, d.contact_id)
        if r is None:
            r = m.DiscoverySession(contact_id=d.contact_id, team_id=d.team_id)
            self.s.add(r)
        r.channel_id, r.thread_ts, r.checklist_ts = d.channel_id, d.thread_ts, d.checklist_ts
        r.asking = d.asking.value if d.asking else None
        r.skipped = [s.value for s in d.skipped]
        r.status, r.reminded_at = d.status, d.reminded_at
        r.started_at = d.started_at or d.updated_at  # type: ignore[assignment]
        r.updated_at = d.updated_at  # type: ignore[assignment]
        self.s.flush()

    def idle_since(self, before: datetime) -> list[DiscoveryRecord]:
        q = select(m.DiscoverySession).where(
            m.DiscoverySession.status == "active",
            m.DiscoverySession.updated_at < before,
            or_(m.DiscoverySession.reminded_at.is_(None), m.DiscoverySession.reminded_at < m.DiscoverySession.updated_at),
        )
        return [self._rec(r) for r in self.s.scalars(q)]

    def started(self, team_id: str, contact_ids: Sequence[int]) -> set[int]:
        q = select(m.DiscoverySession.contact_id).where(
            m.DiscoverySession.team_id == team_id, m.DiscoverySession.contact_id.in_(list(contact_ids))
        )
        return set(self.s.scalars(q))
