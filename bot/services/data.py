"""A workspace's data, out and erased: the CSV export, and forgetting a person on request."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TextIO, cast

from email_validator import EmailNotValidError, validate_email

from bot.export import write_csv
from bot.ports import UnitOfWork
from bot.records import ContactRecord
from bot.services.qualification import Actor, NotAllowed
from bot.services.workspace import load_config


class Erasable(Protocol):
    """What forgetting needs of the contacts repository, beyond the Contacts port."""

    def with_email(self, team_id: str, email: str) -> list[ContactRecord]: ...
    def forget(self, team_id: str, contact_id: int, at: datetime) -> str | None: ...


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
