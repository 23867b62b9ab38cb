"""Contacts and their de-duplication keys."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from bot.model import Stage
from bot.records import ContactRecord
from storage import models as m

_CONTACT_FIELDS = [
    "name", "title", "company", "emails", "phones", "website", "linkedin", "event", "source", "signals",
    "note", "owner_id", "score", "temperature", "channel_id", "thread_ts", "card_ts", "created_at",
    "updated_at", "last_activity_at", "promoted_at", "follow_up_at", "snoozed_until", "removed_at",
    "stage_set_by_person",
]  # fmt: skip
_KEY_MAX = 512  # contact_keys.key is VARCHAR(512): PostgreSQL refuses longer values (SQLite keeps them)


def _fit(key: str) -> str:
    """A de-duplication key that fits its column: a long one keeps its start and a digest of the whole."""
    if len(key) <= _KEY_MAX:
        return key
    return key[: _KEY_MAX - 17] + "#" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _to_record(row: m.Contact) -> ContactRecord:
    rec = ContactRecord(team_id=row.team_id, id=row.id, stage=Stage(row.stage))
    for f in _CONTACT_FIELDS:
        value = getattr(row, f)
        setattr(rec, f, list(value) if isinstance(value, list) else value)
    return rec


def _apply(row: m.Contact, rec: ContactRecord) -> None:
    for f in _CONTACT_FIELDS:
        value = getattr(rec, f)
        setattr(row, f, list(value) if isinstance(value, list) else value)
    row.stage = rec.stage.value


class ContactsRepo:
    def __init__(self, s: Session) -> None:
        self.s = s
        # The session's identity map holds rows weakly: a row handed back as a record is dropped at once, and the
        # next get or save of the same contact in this unit of work read it again. The rows touched one at a time
        # are held here until the unit of work ends, so those reads come from the identity map, as they would have
        # had the row stayed referenced (after a rollback the session forgets them, and they are read again).
        self._held: dict[int, m.Contact] = {}

    def add(self, contact: ContactRecord, keys: Sequence[str]) -> ContactRecord:
        row = m.Contact(team_id=contact.team_id)
        _apply(row, contact)
        self.s.add(row)
        self.s.flush()
        self._hold(row)
        contact.id = row.id
        self.add_keys(contact.team_id, row.id, keys)
        return contact

    def add_keys(self, team_id: str, contact_id: int, keys: Sequence[str]) -> None:
        wanted = list(dict.fromkeys(map(_fit, keys)))
        if not wanted:
            return
        q = select(m.ContactKey.key).where(m.ContactKey.team_id == team_id, m.ContactKey.key.in_(wanted))
        taken = set(self.s.scalars(q))
        for key in wanted:
            if key not in taken:
                self.s.add(m.ContactKey(team_id=team_id, key=key, contact_id=contact_id))
        self.s.flush()

    def _hold(self, row: m.Contact) -> None:
        if len(self._held) >= 256:  # a long unit of work over many contacts does not keep them all
            self._held.pop(next(iter(self._held)))
        self._held[row.id] = row

    def _row(self, contact_id: int | None) -> m.Contact | None:
        row = self.s.get(m.Contact, contact_id)
        if row is not None:
            self._hold(row)
        return row

    def get(self, team_id: str, contact_id: int) -> ContactRecord | None:
        row = self._row(contact_id)
        if row is None or row.team_id != team_id or row.removed_at is not None or row.forgotten_at is not None:
            return None
        return _to_record(row)

    def save(self, contact: ContactRecord) -> None:
        row = self._row(contact.id)
        assert row is not None and row.team_id == contact.team_id
        _apply(row, contact)
        self.s.flush()

    def find_by_keys(self, team_id: str, keys: Sequence[str]) -> ContactRecord | None:
        if not keys:
            return None
        q = (
            select(m.Contact)
            .join(m.ContactKey, m.ContactKey.contact_id == m.Contact.id)
            .where(m.ContactKey.team_id == team_id, m.ContactKey.key.in_([_fit(k) for k in keys]), m.Contact.removed_at.is_(None))
            .order_by(m.Contact.id)
        )
        row = self.s.scalars(q).first()
        if row is None:
            return None
        self._hold(row)  # saved next, when the contact is logged again
        return _to_record(row)

    def find_by_name(self, team_id: str, normalised_name: str) -> list[ContactRecord]:
        prefix = f"name:{normalised_name}|"
        q = (
            select(m.Contact)
            .join(m.ContactKey, m.ContactKey.contact_id == m.Contact.id)
            .where(m.ContactKey.team_id == team_id, m.ContactKey.key.startswith(prefix, autoescape=True))
            .where(m.Contact.removed_at.is_(None))
        )
        return [_to_record(r) for r in self.s.scalars(q).unique()]

    def by_thread(self, team_id: str, channel_id: str, thread_ts: str) -> list[ContactRecord]:
        q = select(m.Contact).where(
            m.Contact.team_id == team_id,
            m.Contact.channel_id == channel_id,
            m.Contact.thread_ts == thread_ts,
            m.Contact.removed_at.is_(None),
        )
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id))]

    def in_stages(self, team_id: str, stages: Sequence[Stage]) -> list[ContactRecord]:
        """Read as plain rows, not ORM objects: the digest reads every prospect, and these are only read."""
        table = m.Contact.__table__
        q = select(*table.columns).where(
            table.c.team_id == team_id,
            table.c.stage.in_([s.value for s in stages]),
            table.c.removed_at.is_(None),
            table.c.forgotten_at.is_(None),
        )
        return [_to_record(r) for r in self.s.execute(q.order_by(table.c.id))]  # type: ignore[arg-type]

    def stage_counts(self, team_id: str, cap: int | None = None) -> dict[str, int]:
        """Contacts per stage. With `cap`, each count stops there (cap + 1 means "more than cap"): a digest
        needs "10,000+ leads", not a scan of a million rows every morning."""
        counts: dict[str, int] = {}
        for stage in Stage:
            rows = (
                select(m.Contact.id)
                .where(m.Contact.team_id == team_id, m.Contact.stage == stage.value)
                .where(m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None))
            )
            if cap is not None:
                rows = rows.limit(cap + 1)
            n = int(self.s.scalar(select(func.count()).select_from(rows.subquery())) or 0)
            if n:
                counts[stage.value] = n
        return counts

    def hot_leads_waiting(self, team_id: str, limit: int, owner_id: str | None = None) -> list[ContactRecord]:
        """Hot leads nobody has started discovery on, newest first; one query however many leads there are."""
        started = select(m.DiscoverySession.contact_id).where(m.DiscoverySession.contact_id == m.Contact.id)
        q = select(m.Contact).where(
            m.Contact.team_id == team_id,
            m.Contact.stage == Stage.LEAD.value,
            m.Contact.temperature == "hot",
            m.Contact.removed_at.is_(None),
            m.Contact.forgotten_at.is_(None),
            ~started.exists(),
        )
        if owner_id:
            q = q.where(m.Contact.owner_id == owner_id)
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id.desc()).limit(limit))]

    def owned(self, team_id: str, owner_id: str, stages: Sequence[Stage], *, in_discovery: bool = False,
              limit: int | None = None) -> list[ContactRecord]:  # fmt: skip
        """A rep's contacts in these stages (only those with a discovery under way, if asked)."""
        q = select(m.Contact).where(
            m.Contact.team_id == team_id, m.Contact.owner_id == owner_id,
            m.Contact.stage.in_([s.value for s in stages]),
            m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None),
        )  # fmt: skip
        if in_discovery:
            q = q.join(m.DiscoverySession, m.DiscoverySession.contact_id == m.Contact.id).where(
                m.DiscoverySession.status != "done"
            )
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id.desc()).limit(limit))]

    def latest_in_channel(self, team_id: str, channel_id: str) -> ContactRecord | None:
        """The contact logged last in a channel (a rep's DM with Banter), if it is still listed."""
        q = select(m.Contact).where(
            m.Contact.team_id == team_id, m.Contact.channel_id == channel_id,
            m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None),
        )  # fmt: skip
        r = self.s.scalars(q.order_by(m.Contact.id.desc()).limit(1)).first()
        return _to_record(r) if r is not None else None

    def follow_ups_of(self, team_id: str, owner_id: str, until: datetime, limit: int) -> list[ContactRecord]:
        """A rep's follow-ups due by `until` (overdue ones included), soonest first."""
        q = select(m.Contact).where(
            m.Contact.team_id == team_id, m.Contact.owner_id == owner_id,
            m.Contact.follow_up_at.is_not(None), m.Contact.follow_up_at <= until,
            m.Contact.stage != Stage.DISQUALIFIED.value,
            m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None),
        )  # fmt: skip
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.follow_up_at).limit(limit))]

    def promoted_since(self, team_id: str, since: datetime) -> list[ContactRecord]:
        q = select(m.Contact).where(m.Contact.team_id == team_id, m.Contact.promoted_at >= since)
        return [_to_record(r) for r in self.s.scalars(q)]

    def all(self, team_id: str | None = None) -> list[ContactRecord]:
        q = select(m.Contact).where(m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None))
        if team_id is not None:
            q = q.where(m.Contact.team_id == team_id)
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id))]

    def search(self, team_id: str, text: str, limit: int = 10) -> list[ContactRecord]:
        like = f"%{text.strip().lower()}%"
        q = select(m.Contact).where(
            m.Contact.team_id == team_id,
            m.Contact.removed_at.is_(None),
            m.Contact.forgotten_at.is_(None),
            or_(
                func.lower(m.Contact.name).like(like),
                func.lower(m.Contact.company).like(like),
                func.lower(m.Contact.event).like(like),
                func.lower(func.cast(m.Contact.emails, m.Text)).like(like),
                func.lower(func.cast(m.Contact.phones, m.Text)).like(like),
            ),
        )
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id).limit(limit))]

    def remove(self, contact: ContactRecord) -> None:
        self.s.execute(
            delete(m.ContactKey).where(m.ContactKey.team_id == contact.team_id, m.ContactKey.contact_id == contact.id)
        )
        self.save(contact)

    def count_since(self, team_id: str, since: datetime) -> int:
        q = select(func.count()).where(m.Contact.team_id == team_id, m.Contact.created_at >= since)
        return int(self.s.scalar(q) or 0)

    def with_email(self, team_id: str, email: str) -> list[ContactRecord]:
        """Every record holding this address, removed ones included (for erasure)."""
        from storage.forget import contacts_with_email

        return [_to_record(r) for r in contacts_with_email(self.s, team_id, email)]

    def forget(self, team_id: str, contact_id: int, at: datetime) -> str | None:
        """Erase the person's data in every table (an anonymous stage record stays); the owner, or None
        when the record is not this team's."""
        from storage.forget import erase_contact

        return erase_contact(self.s, team_id, contact_id, at)

    def _open_everywhere(self):  # noqa: ANN202
        return select(m.Contact).where(m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None))

    def follow_ups_between(self, start: datetime, end: datetime) -> list[ContactRecord]:
        """Follow-ups falling due in [start, end], in every workspace (disqualified contacts left out)."""
        q = self._open_everywhere().where(
            m.Contact.follow_up_at >= start, m.Contact.follow_up_at <= end,
            m.Contact.stage != Stage.DISQUALIFIED.value,
        )  # fmt: skip
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id))]

    def nudge_candidates(self, fresh_since: datetime, quiet_before: datetime) -> list[ContactRecord]:
        """In every workspace: prospects promoted since `fresh_since`, hot leads, and leads quiet since
        before `quiet_before`."""
        lead, prospect = Stage.LEAD.value, Stage.PROSPECT.value
        q = self._open_everywhere().where(
            or_(
                and_(m.Contact.stage == prospect, m.Contact.promoted_at >= fresh_since),
                and_(m.Contact.stage == lead, m.Contact.temperature == "hot"),
                and_(m.Contact.stage == lead, m.Contact.last_activity_at < quiet_before),
            )
        )
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id))]

    def created_since(self, since: datetime) -> list[ContactRecord]:
        """Contacts logged since `since`, in every workspace."""
        q = self._open_everywhere().where(m.Contact.created_at >= since)
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id))]

    def ids_by_keys(self, team_id: str, keys: Sequence[str]) -> dict[str, int]:
        """De-duplication key -> the contact holding it, for many keys in one query (imports)."""
        fitted = {_fit(k): k for k in keys}
        wanted = list(fitted)
        found: dict[str, int] = {}
        for start in range(0, len(wanted), 2000):
            q = (
                select(m.ContactKey.key, m.ContactKey.contact_id)
                .join(m.Contact, m.Contact.id == m.ContactKey.contact_id)
                .where(m.ContactKey.team_id == team_id, m.ContactKey.key.in_(wanted[start : start + 2000]))
                .where(m.Contact.removed_at.is_(None))
            )
            found.update({fitted[k]: cid for k, cid in self.s.execute(q)})
        return found

    def add_many(self, contacts: Sequence[ContactRecord], keys: Sequence[Sequence[str]]) -> None:
        """Insert new contacts and their keys in a few statements; a key already held is not taken over."""
        rows = []
        for c in contacts:
            row = m.Contact(team_id=c.team_id)
            _apply(row, c)
            rows.append(row)
        self.s.add_all(rows)
        self.s.flush()
        for c, row in zip(contacts, rows, strict=True):
            c.id = row.id
        taken = set(self.ids_by_keys(contacts[0].team_id, [k for ks in keys for k in ks])) if contacts else set()
        for c, ks in zip(contacts, keys, strict=True):
            for k in dict.fromkeys(ks):
                if k not in taken:
                    taken.add(k)
                    self.s.add(m.ContactKey(team_id=c.team_id, key=_fit(k), contact_id=c.id))
        self.s.flush()
