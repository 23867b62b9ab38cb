"""SQLAlchemy implementations of the core's repository ports."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.model import ActivityRecord, Answers, BantItem, Stage
from bot.records import (
    AnswerRecord,
    ContactRecord,
    Delivery,
    DiscoveryRecord,
    RepRecord,
    StageRecord,
    Subscription,
)
from storage import codec
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


def _insert_ignoring_duplicate(session: Session, row: object) -> bool:
    """Insert under a savepoint; False when a unique key says someone got there first."""
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return True
    except IntegrityError:
        return False


class ContactsRepo:
    def __init__(self, s: Session) -> None:
        self.s = s

    def add(self, contact: ContactRecord, keys: Sequence[str]) -> ContactRecord:
        row = m.Contact(team_id=contact.team_id)
        _apply(row, contact)
        self.s.add(row)
        self.s.flush()
        contact.id = row.id
        self.add_keys(contact.team_id, row.id, keys)
        return contact

    def add_keys(self, team_id: str, contact_id: int, keys: Sequence[str]) -> None:
        for key in dict.fromkeys(map(_fit, keys)):
            if self.s.get(m.ContactKey, (team_id, key)) is None:
                self.s.add(m.ContactKey(team_id=team_id, key=key, contact_id=contact_id))
        self.s.flush()

    def get(self, team_id: str, contact_id: int) -> ContactRecord | None:
        row = self.s.get(m.Contact, contact_id)
        if row is None or row.team_id != team_id or row.removed_at is not None or row.forgotten_at is not None:
            return None
        return _to_record(row)

    def save(self, contact: ContactRecord) -> None:
        row = self.s.get(m.Contact, contact.id)
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
        return _to_record(row) if row else None

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
        q = select(m.Contact).where(
            m.Contact.team_id == team_id,
            m.Contact.stage.in_([s.value for s in stages]),
            m.Contact.removed_at.is_(None),
            m.Contact.forgotten_at.is_(None),
        )
        return [_to_record(r) for r in self.s.scalars(q.order_by(m.Contact.id))]

    def stage_counts(self, team_id: str) -> dict[str, int]:
        q = (
            select(m.Contact.stage, func.count())
            .where(m.Contact.team_id == team_id, m.Contact.removed_at.is_(None), m.Contact.forgotten_at.is_(None))
            .group_by(m.Contact.stage)
        )
        return {stage: int(n) for stage, n in self.s.execute(q)}

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
        latest: dict[int, dict[str, object]] = {cid: {} for cid in contact_ids}
        for row in self._live(team_id, contact_ids):
            latest[row.contact_id][row.item] = codec.decode(BantItem(row.item), row.value)
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


class DiscoveriesRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    @staticmethod
    def _rec(r: m.DiscoverySession) -> DiscoveryRecord:
        return DiscoveryRecord(
            contact_id=r.contact_id, team_id=r.team_id, channel_id=r.channel_id, thread_ts=r.thread_ts,
            checklist_ts=r.checklist_ts, asking=BantItem(r.asking) if r.asking else None,
            skipped=[BantItem(s) for s in r.skipped], status=r.status, started_at=r.started_at,
            updated_at=r.updated_at, reminded_at=r.reminded_at,
        )  # fmt: skip

    def get(self, team_id: str, contact_id: int) -> DiscoveryRecord | None:
        r = self.s.get(m.DiscoverySession, contact_id)
        return self._rec(r) if r is not None and r.team_id == team_id else None

    def active_in_thread(self, team_id: str, channel_id: str, thread_ts: str) -> DiscoveryRecord | None:
        if not (channel_id and thread_ts):
            return None
        q = (
            select(m.DiscoverySession)
            .where(m.DiscoverySession.team_id == team_id, m.DiscoverySession.channel_id == channel_id)
            .where(m.DiscoverySession.thread_ts == thread_ts, m.DiscoverySession.status != "paused")
            .order_by(m.DiscoverySession.updated_at.desc())
        )
        r = self.s.scalars(q).first()
        return self._rec(r) if r else None

    def save(self, d: DiscoveryRecord) -> None:
        r = self.s.get(m.DiscoverySession, d.contact_id)
        if r is None:
            r = m.DiscoverySession(contact_id=d.contact_id, team_id=d.team_id)
            self.s.add(r)
        r.channel_id, r.thread_ts, r.checklist_ts = d.channel_id, d.thread_ts, d.checklist_ts
        r.asking = d.asking.value if d.asking else None
        r.skipped = [s.value for s in d.skipped]
        r.status, r.reminded_at = d.status, d.reminded_at
        r.started_at = d.started_at or d.updated_at  # type: ignore[assignment]
        r.updated_at = d.updated_at  # type: ignore[assignment]
        self.s.flush()

    def idle_since(self, before: datetime) -> list[DiscoveryRecord]:
        q = select(m.DiscoverySession).where(
            m.DiscoverySession.status == "active",
            m.DiscoverySession.updated_at < before,
            or_(m.DiscoverySession.reminded_at.is_(None), m.DiscoverySession.reminded_at < m.DiscoverySession.updated_at),
        )
        return [self._rec(r) for r in self.s.scalars(q)]

    def started(self, team_id: str, contact_ids: Sequence[int]) -> set[int]:
        q = select(m.DiscoverySession.contact_id).where(
            m.DiscoverySession.team_id == team_id, m.DiscoverySession.contact_id.in_(list(contact_ids))
        )
        return set(self.s.scalars(q))


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
            .where(m.DigestDelivery.status != "sent", m.DigestDelivery.claimed_at < older_than)
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


class EventsRepository:
    def __init__(self, s: Session) -> None:
        self.s = s

    def first_time(self, team_id: str, event_key: str, at: datetime) -> bool:
        return _insert_ignoring_duplicate(self.s, m.ProcessedEvent(team_id=team_id, event_key=event_key, at=at))

    def purge_before(self, before: datetime) -> int:
        """Forget event keys first seen before `before`; returns how many went (Slack retries within minutes)."""
        result = self.s.execute(delete(m.ProcessedEvent).where(m.ProcessedEvent.at < before))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
