"""Action and view ids: the contract between what Banter renders and what it listens for."""

import re

START_DISCOVERY = "discovery_start"
EDIT = "contact_edit"
REMOVE = "contact_remove"
PROMOTE = "contact_promote"
DISQUALIFY = "contact_disqualify"
MERGE = "contact_merge"
KEEP_BOTH = "contact_keep_both"
AUTHORITY = "authority_pick"
CONTACTED = "digest_contacted"
SNOOZE = "digest_snooze"
OPEN = "contact_open"
FORGET = "contact_forget"
REMIND = "followup_remind"
REMIND_DATE = "followup_remind_date"
ASSIGN = "contact_assign"
WON = "contact_won"
LOST = "contact_lost"
FOLLOW_UP_DONE = "followup_done"
FOLLOW_UP_SNOOZE = "followup_snooze"
PIPELINE_ACTIONS = (REMIND, REMIND_DATE, ASSIGN, WON, LOST, FOLLOW_UP_DONE, FOLLOW_UP_SNOOZE)

NEW_LEAD_SHORTCUT = "new_lead"
NEW_LEAD_BUTTON = "home_new_lead"  # the same form, from the App Home
LOG_MESSAGE_SHORTCUT = "log_as_lead"
NEW_LEAD_VIEW = "new_lead_view"
EDIT_VIEW = "edit_contact_view"

# every action Banter renders; one listener acknowledges them all and routes by id
ALL_ACTIONS = (START_DISCOVERY, EDIT, REMOVE, PROMOTE, DISQUALIFY, MERGE, KEEP_BOTH, AUTHORITY, CONTACTED, SNOOZE, OPEN, FORGET,
               *PIPELINE_ACTIONS)


def contact_value(contact_id: int, *extra: str) -> str:
    return ":".join(["c", str(contact_id), *extra])


def parse_value(value: str) -> tuple[int, list[str]] | None:
    """`c:<id>[:extra…]` -> (id, extra); None for anything else (forged or stale)."""
    parts = (value or "").split(":")
    if len(parts) < 2 or parts[0] != "c" or not parts[1].isdigit():
        return None
    return int(parts[1]), parts[2:]


def block_value(block_id: str) -> str:
    """Menus that carry no value (users_select, datepicker) name their contact in the block id: `card_12`."""
    m = re.fullmatch(r"[a-z]+_(\d+)", block_id or "")
    return contact_value(int(m[1])) if m else ""
