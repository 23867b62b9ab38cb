"""Text a rep typed -> contact drafts; normalised names and companies; duplicate keys."""

from bot.contacts.normalise import dedup_keys, normalise_company, normalise_name, split_name
from bot.contacts.parse import parse_contacts

__all__ = ["dedup_keys", "normalise_company", "normalise_name", "parse_contacts", "split_name"]
