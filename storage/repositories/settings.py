"""A workspace's settings, its row, and its audit trail."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import models as m
from storage.repositories.inserts import _insert_ignoring_duplicate


class SettingsRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def get_all(self, team_id: str) -> dict[str, str]:
        return {r.key: r.value for r in self.s.scalars(select(m.Setting).where(m.Setting.team_id == team_id))}

    def set(self, team_id: str, key: str, value: str | None) -> None:
        row = self.s.get(m.Setting, (team_id, key))
        if value is None:
            if row is not None:
                self.s.delete(row)
        elif row is None:
            self.s.add(m.Setting(team_id=team_id, key=key, value=value))
        else:
            row.value = value
        self.s.flush()

    def ensure_workspace(self, team_id: str, at: datetime) -> None:
        if self.s.get(m.Workspace, team_id) is None:
            _insert_ignoring_duplicate(self.s, m.Workspace(team_id=team_id, name="", created_at=at))

    def audit(self, team_id: str, user_id: str, action: str, detail: str, at: datetime) -> None:
        self.s.add(m.AuditEntry(team_id=team_id, user_id=user_id, action=action, detail=detail, at=at))
