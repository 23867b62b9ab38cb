"""Erasing a person: every table's copy of their personal data, keeping an anonymous stage record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage import models as m


def contacts_with_email(s: Session, team_id: str, email: str) -> list[m.Contact]:
    """Every record of the team that holds this address, removed and merged-away ones included."""
    wanted = email.strip().lower()
    if not wanted:
        return []
    q = select(m.Contact).where(
        m.Contact.team_id == team_id,
        m.Contact.forgotten_at.is_(None),
        m.Contact.emails.cast(m.Text).contains(wanted, autoescape=True),
    )
    return [r for r in s.scalars(q.order_by(m.Contact.id)) if wanted in (e.lower() for e in r.emails)]


def erase_contact(s: Session, team_id: str, contact_id: int, at: datetime) -> str | None:
    """Blank the person's details and drop what points back at them; stages, dates and owner stay,
    so the month's numbers and conversion rates still count them. Returns the record's owner,
    or None when the record is not this team's."""
    row = s.get(m.Contact, contact_id)
    if row is None or row.team_id != team_id:
        return None
    for column in ("name", "title", "company", "website", "linkedin", "note", "source", "event"):
        setattr(row, column, "")
    row.emails, row.phones, row.signals = [], [], []
    # The Slack messages stay in Slack; the record no longer points at them.
    row.channel_id = row.thread_ts = row.card_ts = ""
    row.follow_up_at = row.snoozed_until = None
    row.forgotten_at = at
    row.updated_at = at
    belongs = {"team_id": team_id, "contact_id": contact_id}
    for model in (m.ContactKey, m.BantAnswerRow, m.ContactAlert, m.DiscoverySession):
        s.execute(delete(model).filter_by(**belongs))
    s.execute(update(m.Activity).filter_by(**belongs).values(detail=""))
    s.execute(update(m.StageChange).filter_by(**belongs).values(reason=""))
    s.flush()
    return row.owner_id
