"""`/banter export`, `/banter forget`: a team's data, out and erased."""

from __future__ import annotations

COMMANDS: dict = {}
