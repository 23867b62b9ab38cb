"""What people did with contacts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.model import ActivityRecord
from storage import models as m


class ActivitiesRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def add(self, team_id: str, contact_id: int, kind: str, user_id: str, detail: str, at: datetime) -> None:
        self.s.add(m.Activity(team_id=team_id, contact_id=contact_id, kind=kind, user_id=user_id, detail=detail, at=at))
        self.s.flush()

    def for_contacts(
        self, team_id: str, contact_ids: Sequence[int], kinds: Sequence[str] | None = None
    ) -> list[ActivityRecord]:
        """What people did with these contacts, oldest first (only `kinds`, when given)."""
        q = select(m.Activity).where(m.Activity.team_id == team_id, m.Activity.contact_id.in_(list(contact_ids)))
        if kinds is not None:
            q = q.where(m.Activity.kind.in_(list(kinds)))
        return [
            ActivityRecord(r.contact_id, r.kind, r.user_id, r.detail, r.at)
            for r in self.s.scalars(q.order_by(m.Activity.id))
        ]
