"""A workspace's data, out and erased: the CSV export, and forgetting a person on request."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TextIO, cast

from email_validator import EmailNotValidError, validate_email

from bot.bant.timeline import find_follow_up
from bot.contacts import dedup_keys
from bot.export import write_csv
from bot.model import Answers, ContactDraft, Stage, Temperature
from bot.policy import evaluate
from bot.ports import UnitOfWork
from bot.records import ContactRecord, StageRecord
from bot.scoring import score
from bot.services.contacts import LogContacts, log_draft
from bot.services.qualification import Actor, NotAllowed, reevaluate
from bot.services.workspace import load_config


class Erasable(Protocol):
    """What forgetting needs of the contacts repository, beyond the Contacts port."""

    def with_email(self, team_id: str, email: str) -> list[ContactRecord]: ...
    def forget(self, team_id: str, contact_id: int, at: datetime) -> str | None: ...


class BulkContacts(Protocol):
    def ids_by_keys(self, team_id: str, keys: Sequence[str]) -> dict[str, int]: ...
    def add_many(self, contacts: Sequence[ContactRecord], keys: Sequence[Sequence[str]]) -> None: ...


class BulkStages(Protocol):
    def record_many(self, team_id: str, changes: Sequence[tuple[int, StageRecord]]) -> None: ...


def export_csv(uow: UnitOfWork, team_id: str, out: TextIO) -> int:
    """The workspace's contacts as CSV (the whole team works one pipeline); returns the row count."""
    contacts = uow.contacts.all(team_id)
    answers = uow.answers.current_many(team_id, [c.id or 0 for c in contacts])
    return write_csv(out, contacts, answers, load_config(uow, team_id).settings.currency)


@dataclass(frozen=True)
class ForgetPreview:
    email: str
    contacts: list[ContactRecord]  # every record holding the address, removed ones included

    @property
    def contact_ids(self) -> list[int]:
        return [c.id or 0 for c in self.contacts]


@dataclass(frozen=True)
class Forgotten:
    count: int
    owners: list[str]  # whose App Home changes


def _admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise NotAllowed("Only a workspace admin can erase a person's data.")


def forget_preview(uow: UnitOfWork, actor: Actor, email: str) -> ForgetPreview:
    """What `forget` would erase; nothing changes yet. LookupError when no record holds the address."""
    _admin(actor)
    try:
        address = validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except (EmailNotValidError, ValueError, UnicodeError):
        raise LookupError(f"“{email.strip()[:100]}” is not an e-mail address. Usage: `/banter forget jane@acme.com`.") from None
    found = cast(Erasable, uow.contacts).with_email(actor.team_id, address)
    if not found:
        raise LookupError(f"No contact in this workspace has the address {address}.")
    return ForgetPreview(address, found)


def forget(uow: UnitOfWork, actor: Actor, contact_ids: Sequence[int], now: datetime) -> Forgotten:
    """Erase these records' personal data. All of them must be this workspace's, or nothing is erased
    (the caller does not commit after a LookupError)."""
    _admin(actor)
    repo = cast(Erasable, uow.contacts)
    owners: list[str] = []
    for cid in dict.fromkeys(contact_ids):
        owner = repo.forget(actor.team_id, cid, now)
        if owner is None:
            uow.rollback()
            raise LookupError(cid)
        owners.append(owner)
    uow.settings.audit(actor.team_id, actor.user_id, "contact.forget",
                       "records " + ",".join(str(c) for c in dict.fromkeys(contact_ids)), now)  # fmt: skip
    return Forgotten(len(owners), sorted({o for o in owners if o}))


@dataclass(frozen=True)
class ToImport:
    number: int  # the row in the file, for the report
    draft: ContactDraft
    owner_id: str


def import_batch(uow: UnitOfWork, team_id: str, rows: Sequence[ToImport], now: datetime,
                 events: list[object] | None = None) -> list[tuple[int, bool]]:  # fmt: skip
    """Log many drafts with chat's de-duplication: (row number, created) for each row. Promotions and hot
    leads (whose alerts are claimed here, as in chat) are added to `events`, for the caller to announce.

    A row matching a contact already stored goes through `log_draft` itself (merge, keys, re-evaluation).
    New people are scored like a fresh chat log (no answers, no discovery yet) and inserted together;
    the rare one that qualifies or turns hot at once is re-evaluated one by one, so alerts are claimed
    exactly as chat would.
    """
    contacts, stages = cast(BulkContacts, uow.contacts), cast(BulkStages, uow.stages)
    policy = load_config(uow, team_id).policy
    known = contacts.ids_by_keys(team_id, [k for r in rows for k in dedup_keys(r.draft)])
    pending: list[tuple[ToImport, ContactRecord, list[str], bool]] = []  # (row, record, keys, re-evaluate)
    pending_keys: set[str] = set()
    done: list[tuple[int, bool]] = []

    def flush() -> None:
        if not pending:
            return
        contacts.add_many([p[1] for p in pending], [p[2] for p in pending])
        stages.record_many(team_id, [(c.id or 0, StageRecord(None, Stage.LEAD, now, r.owner_id, "logged"))
                                     for r, c, _, _ in pending])  # fmt: skip
        for _, c, _, recheck in pending:
            if recheck and (ev := reevaluate(uow, team_id, c.id or 0, now)) is not None and events is not None:
                events.extend(ev.events)
        pending.clear()
        pending_keys.clear()

    for r in rows:
        keys = dedup_keys(r.draft)
        if any(k in known or k in pending_keys for k in keys):
            flush()  # the earlier row this one repeats must be stored before it is merged into
            logged = log_draft(uow, LogContacts(team_id, r.owner_id, ""), r.draft, now)
            if events is not None:
                events.extend(logged.events)
            known.update(dict.fromkeys(keys, 0))
            done.append((r.number, False))
            continue
        record = _new_record(team_id, r, now)
        snap = record.snapshot(Answers())
        sc = score(snap, policy, now=now)
        record.score, record.temperature = sc.value, sc.temperature.value
        # reevaluate() after the insert promotes it or claims its hot alert, as chat would
        recheck = sc.temperature is Temperature.HOT or evaluate(snap, policy, now=now, score=sc.value).qualified
        pending.append((r, record, keys, recheck))
        pending_keys.update(keys)
        done.append((r.number, True))
    flush()
    return done


def _new_record(team_id: str, r: ToImport, now: datetime) -> ContactRecord:
    d = r.draft
    follow_up = find_follow_up(d.note, now=now) if d.note else None
    return ContactRecord(
        team_id=team_id, name=d.name, title=d.title, company=d.company, emails=list(d.emails),
        phones=list(d.phones), website=d.website, linkedin=d.linkedin, event=d.event, source=d.source,
        signals=[s.value for s in d.signals], note=d.note, owner_id=r.owner_id, created_at=now, updated_at=now,
        last_activity_at=now, follow_up_at=follow_up, id=0,
    )  # fmt: skip
