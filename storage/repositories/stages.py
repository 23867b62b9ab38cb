"""A contact's stage history."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.model import Stage
from bot.records import StageRecord
from storage import models as m


class StagesRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def record(self, team_id: str, contact_id: int, c: StageRecord) -> None:
        self.s.add(
            m.StageChange(
                team_id=team_id, contact_id=contact_id, from_stage=c.from_stage.value if c.from_stage else None,
                to_stage=c.to_stage.value, at=c.at, by_user=c.by_user, reason=c.reason,
            )
        )  # fmt: skip
        self.s.flush()

    def history(self, team_id: str, contact_id: int) -> list[StageRecord]:
        q = select(m.StageChange).where(m.StageChange.team_id == team_id, m.StageChange.contact_id == contact_id)
        return [
            StageRecord(Stage(r.from_stage) if r.from_stage else None, Stage(r.to_stage), r.at, r.by_user, r.reason)
            for r in self.s.scalars(q.order_by(m.StageChange.id))
        ]

    def promotions_since(self, team_id: str, since: datetime) -> int:
        q = select(func.count()).where(
            m.StageChange.team_id == team_id, m.StageChange.to_stage == Stage.PROSPECT.value, m.StageChange.at >= since
        )
        return int(self.s.scalar(q) or 0)

    def histories(self, team_id: str, contact_ids: Sequence[int]) -> dict[int, list[StageRecord]]:
        """Each contact's stage history, oldest first, in one query."""
        out: dict[int, list[StageRecord]] = {cid: [] for cid in contact_ids}
        q = select(m.StageChange).where(
            m.StageChange.team_id == team_id, m.StageChange.contact_id.in_(list(contact_ids))
        )
        for r in self.s.scalars(q.order_by(m.StageChange.id)):
            out.setdefault(r.contact_id, []).append(
                StageRecord(Stage(r.from_stage) if r.from_stage else None, Stage(r.to_stage), r.at, r.by_user, r.reason)
            )
        return out

    def record_many(self, team_id: str, changes: Sequence[tuple[int, StageRecord]]) -> None:
        self.s.add_all(
            m.StageChange(
                team_id=team_id, contact_id=cid, from_stage=c.from_stage.value if c.from_stage else None,
                to_stage=c.to_stage.value, at=c.at, by_user=c.by_user, reason=c.reason,
            )
            for cid, c in changes
        )  # fmt: skip
        self.s.flush()
