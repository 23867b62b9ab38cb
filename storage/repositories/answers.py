"""BANT answers, with undo."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.model import Answers, BantItem
from bot.records import AnswerRecord
from storage import codec
from storage import models as m


class AnswersRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def add(self, team_id: str, contact_id: int, a: AnswerRecord, channel_id: str, message_ts: str) -> None:
        self.s.add(
            m.BantAnswerRow(
                team_id=team_id, contact_id=contact_id, item=a.item.value, raw_text=a.raw_text,
                value=codec.encode(a.value), user_id=a.user_id, channel_id=channel_id,  # type: ignore[arg-type]
                message_ts=message_ts, answered_at=a.answered_at,
            )
        )  # fmt: skip
        self.s.flush()

    def _live(self, team_id: str, contact_ids: Sequence[int]):  # noqa: ANN202
        return self.s.scalars(
            select(m.BantAnswerRow)
            .where(m.BantAnswerRow.team_id == team_id, m.BantAnswerRow.contact_id.in_(list(contact_ids)))
            .where(m.BantAnswerRow.undone_at.is_(None))
            .order_by(m.BantAnswerRow.id)
        )

    def current_many(self, team_id: str, contact_ids: Sequence[int]) -> dict[int, Answers]:
        """The latest answer per item, for many contacts: plain rows, no ORM objects (the digest reads 500)."""
        latest: dict[int, dict[str, object]] = {cid: {} for cid in contact_ids}
        q = (
            select(m.BantAnswerRow.contact_id, m.BantAnswerRow.item, m.BantAnswerRow.value)
            .where(m.BantAnswerRow.team_id == team_id, m.BantAnswerRow.contact_id.in_(list(contact_ids)))
            .where(m.BantAnswerRow.undone_at.is_(None))
            .order_by(m.BantAnswerRow.id)
        )
        for contact_id, item, value in self.s.execute(q):
            latest[contact_id][item] = codec.decode(BantItem(item), value)
        return {cid: Answers(**vals) for cid, vals in latest.items()}  # type: ignore[arg-type]

    def current(self, team_id: str, contact_id: int) -> Answers:
        return self.current_many(team_id, [contact_id])[contact_id]

    def undo_last(self, team_id: str, contact_id: int, at: datetime) -> AnswerRecord | None:
        rows = list(self._live(team_id, [contact_id]))
        if not rows:
            return None
        last = rows[-1]
        last.undone_at = at
        self.s.flush()
        return self._rec(last)

    @staticmethod
    def _rec(row: m.BantAnswerRow) -> AnswerRecord:
        item = BantItem(row.item)
        return AnswerRecord(item, row.raw_text, codec.decode(item, row.value), row.user_id, row.answered_at, row.id)

    def history(self, team_id: str, contact_id: int) -> list[AnswerRecord]:
        return [self._rec(r) for r in self._live(team_id, [contact_id])]
