"""Slack events already processed (Slack retries; Bolt does not de-duplicate)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from storage import models as m
from storage.repositories.inserts import _insert_if_absent


class EventsRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def first_time(self, team_id: str, event_key: str, at: datetime) -> bool:
        return _insert_if_absent(self.s, m.ProcessedEvent, team_id=team_id, event_key=event_key, at=at)

    def purge_before(self, before: datetime) -> int:
        """Forget event keys first seen before `before`; returns how many went (Slack retries within minutes)."""
        result = self.s.execute(delete(m.ProcessedEvent).where(m.ProcessedEvent.at < before))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
