"""Alerts claimed per contact, so each goes out once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import models as m
from storage.repositories.inserts import _insert_ignoring_duplicate


class AlertsRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def claim(self, team_id: str, contact_id: int, kind: str, at: datetime) -> bool:
        return _insert_ignoring_duplicate(self.s, m.ContactAlert(team_id=team_id, contact_id=contact_id, kind=kind, at=at))

    def claimed(self, team_id: str, contact_ids: Sequence[int]) -> dict[int, dict[str, datetime]]:
        """The kinds already claimed for each contact, with when."""
        out: dict[int, dict[str, datetime]] = {cid: {} for cid in contact_ids}
        q = select(m.ContactAlert).where(
            m.ContactAlert.team_id == team_id, m.ContactAlert.contact_id.in_(list(contact_ids))
        )
        for r in self.s.scalars(q):
            out.setdefault(r.contact_id, {})[r.kind] = r.at
        return out
