"""Digest subscriptions and their daily deliveries, claimed once."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.orm import Session

from bot.records import Delivery, Subscription
from storage import models as m
from storage.repositories.inserts import _insert_ignoring_duplicate


class DigestRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    @staticmethod
    def _sub(r: m.DigestSubscription) -> Subscription:
        return Subscription(r.team_id, r.channel_id, r.local_time, r.tz, r.weekdays_only, dict(r.filters), r.created_by, r.id,
                            r.created_at)  # fmt: skip

    def subscribe(self, sub: Subscription, at: datetime) -> Subscription:
        q = select(m.DigestSubscription).where(
            m.DigestSubscription.team_id == sub.team_id, m.DigestSubscription.channel_id == sub.channel_id
        )
        r = self.s.scalars(q).first()
        if r is None:
            r = m.DigestSubscription(team_id=sub.team_id, channel_id=sub.channel_id, created_at=at)
            self.s.add(r)
        r.local_time, r.tz, r.weekdays_only = sub.local_time, sub.tz, sub.weekdays_only
        r.filters, r.created_by = dict(sub.filters), sub.created_by
        self.s.flush()
        return self._sub(r)

    def unsubscribe(self, team_id: str, channel_id: str) -> bool:
        res = self.s.execute(
            delete(m.DigestSubscription).where(
                m.DigestSubscription.team_id == team_id, m.DigestSubscription.channel_id == channel_id
            )
        )
        return bool(res.rowcount)  # type: ignore[attr-defined]

    def subscriptions(self, team_id: str | None = None) -> list[Subscription]:
        q = select(m.DigestSubscription)
        if team_id is not None:
            q = q.where(m.DigestSubscription.team_id == team_id)
        return [self._sub(r) for r in self.s.scalars(q.order_by(m.DigestSubscription.id))]

    def _where(self, team_id: str, channel_id: str, local_date: date):  # noqa: ANN202
        return and_(
            m.DigestDelivery.team_id == team_id,
            m.DigestDelivery.channel_id == channel_id,
            m.DigestDelivery.local_date == local_date,
        )

    def claim(self, team_id: str, channel_id: str, local_date: date, at: datetime) -> bool:
        row = m.DigestDelivery(team_id=team_id, channel_id=channel_id, local_date=local_date, claimed_at=at)
        return _insert_ignoring_duplicate(self.s, row)

    def delivery(self, team_id: str, channel_id: str, local_date: date) -> Delivery | None:
        r = self.s.scalars(select(m.DigestDelivery).where(self._where(team_id, channel_id, local_date))).first()
        return Delivery(r.team_id, r.channel_id, r.local_date, r.status, r.claimed_at, r.message_ts) if r else None

    def mark(self, team_id: str, channel_id: str, local_date: date, status: str, at: datetime, ts: str = "") -> None:
        values: dict[str, object] = {"status": status}
        if status == "sent":
            values.update(sent_at=at, message_ts=ts)
        self.s.execute(update(m.DigestDelivery).where(self._where(team_id, channel_id, local_date)).values(**values))

    def reclaim(self, team_id: str, channel_id: str, local_date: date, older_than: datetime, at: datetime) -> bool:
        """Take over a claim whose holder went quiet (crashed): one process wins the update."""
        res = self.s.execute(
            update(m.DigestDelivery)
            .where(self._where(team_id, channel_id, local_date))
            # a settled day (sent, nothing to report, channel unreachable) is never taken over
            .where(m.DigestDelivery.status.not_in(("sent", "empty", "unreachable")), m.DigestDelivery.claimed_at < older_than)
            .values(claimed_at=at, status="claimed")
        )
        return bool(res.rowcount)  # type: ignore[attr-defined]

    def last_sent(self, team_id: str, channel_id: str) -> Delivery | None:
        q = (
            select(m.DigestDelivery)
            .where(m.DigestDelivery.team_id == team_id, m.DigestDelivery.channel_id == channel_id)
            .where(m.DigestDelivery.status == "sent")
            .order_by(m.DigestDelivery.local_date.desc())
        )
        r = self.s.scalars(q).first()
        return Delivery(r.team_id, r.channel_id, r.local_date, r.status, r.claimed_at, r.message_ts) if r else None
