"""Reps: names, time zones, admins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import RepRecord
from storage import models as m


class RepsRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def get(self, team_id: str, user_id: str) -> RepRecord | None:
        r = self.s.get(m.Rep, (team_id, user_id))
        return RepRecord(r.user_id, r.name, r.tz, r.is_admin, r.updated_at) if r else None

    def upsert(self, team_id: str, rep: RepRecord, at: datetime) -> None:
        r = self.s.get(m.Rep, (team_id, rep.user_id))
        if r is None:
            r = m.Rep(team_id=team_id, user_id=rep.user_id)
            self.s.add(r)
        r.name, r.tz, r.is_admin, r.updated_at = rep.name, rep.tz, rep.is_admin, at
        self.s.flush()

    def all(self, team_id: str) -> list[RepRecord]:
        q = select(m.Rep).where(m.Rep.team_id == team_id).order_by(m.Rep.user_id)
        return [RepRecord(r.user_id, r.name, r.tz, r.is_admin) for r in self.s.scalars(q)]
