"""The discovery conversation's answer parsing: budget, authority, need, timeline, follow-ups."""

from bot.bant.authority import parse_authority
from bot.bant.budget import parse_budget
from bot.bant.need import parse_need
from bot.bant.timeline import find_follow_up, parse_timeline

__all__ = ["find_follow_up", "parse_authority", "parse_budget", "parse_need", "parse_timeline"]
