"""A workspace's settings, its row, and its audit trail."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import models as m
from storage.repositories.inserts import _insert_ignoring_duplicate

SETTINGS_TTL = 5.0  # seconds another process's change of policy or settings may take to be seen here
_CHANGED = "banter_settings_changed"  # Session.info: teams whose settings this transaction wrote


class SettingsCache:
    """A workspace's settings as last read, per process, for SETTINGS_TTL seconds.

    Every mention reads the policy two or three times, and the policy changes a few times a year. A change
    made in this process is seen at once: the cache forgets the team when the change is written and again
    when it commits, and a read that began before a change is never kept. A change made by another process
    (another gunicorn worker, the scheduled-work worker) is seen within SETTINGS_TTL; nothing that must be
    exact across processes (the round robin's turn) is read through it.
    """

    def __init__(self, ttl: float = SETTINGS_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._values: dict[str, tuple[float, dict[str, str]]] = {}
        self._generation = 0

    def get(self, team_id: str) -> tuple[dict[str, str] | None, int]:
        """The values if fresh (a copy), and the generation to hand back to `put` after a read."""
        with self._lock:
            hit = self._values.get(team_id)
            if hit is not None and self._clock() - hit[0] < self.ttl:
                return dict(hit[1]), self._generation
            return None, self._generation

    def put(self, team_id: str, values: dict[str, str], generation: int) -> None:
        with self._lock:
            if generation == self._generation:  # no change was written while this was being read
                self._values[team_id] = (self._clock(), dict(values))

    def forget(self, team_id: str) -> None:
        with self._lock:
            self._generation += 1
            self._values.pop(team_id, None)


def settings_committed(session: Session, cache: SettingsCache | None) -> None:
    """After a commit (or a rollback): the teams whose settings the transaction wrote are read afresh."""
    for team_id in session.info.pop(_CHANGED, ()):
        if cache is not None:
            cache.forget(team_id)


class SettingsRepository:
    def __init__(self, s: Session, cache: SettingsCache | None = None) -> None:
        self.s = s
        self.cache = cache

    def get_all(self, team_id: str) -> dict[str, str]:
        """Exactly what is stored now (in this transaction)."""
        return {r.key: r.value for r in self.s.scalars(select(m.Setting).where(m.Setting.team_id == team_id))}

    def recent(self, team_id: str) -> dict[str, str]:
        """What is stored, or was less than SETTINGS_TTL ago (this transaction's own changes always seen)."""
        if self.cache is None or team_id in self.s.info.get(_CHANGED, ()):
            return self.get_all(team_id)
        values, generation = self.cache.get(team_id)
        if values is None:
            values = self.get_all(team_id)
            self.cache.put(team_id, values, generation)
        return values

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
        self.s.info.setdefault(_CHANGED, set()).add(team_id)
        if self.cache is not None:
            self.cache.forget(team_id)

    def ensure_workspace(self, team_id: str, at: datetime) -> None:
        if self.s.get(m.Workspace, team_id) is None:
            _insert_ignoring_duplicate(self.s, m.Workspace(team_id=team_id, name="", created_at=at))

    def audit(self, team_id: str, user_id: str, action: str, detail: str, at: datetime) -> None:
        self.s.add(m.AuditEntry(team_id=team_id, user_id=user_id, action=action, detail=detail, at=at))
