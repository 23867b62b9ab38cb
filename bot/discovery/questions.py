"""What Banter asks next, and how it asks."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import BANT_ORDER, Answers, BantItem


@dataclass(frozen=True)
class Question:
    item: BantItem
    text: str
    example: str  # a good answer or two, quoted

    @property
    def prompt(self) -> str:
        return f"{self.text} e.g. {self.example}"


QUESTIONS: dict[BantItem, Question] = {
    BantItem.BUDGET: Question(
        BantItem.BUDGET, "What budget do they have for this project?", '"around $50k this year" or "no budget yet"'
    ),
    BantItem.AUTHORITY: Question(
        BantItem.AUTHORITY,
        "Are they the decision maker, or who signs off?",
        '"decision maker" or "influencer, her CFO signs off"',
    ),
    BantItem.NEED: Question(
        BantItem.NEED,
        "What problem do they need solved?",
        '"reporting takes two days a month" or "no real need"',
    ),
    BantItem.TIMELINE: Question(
        BantItem.TIMELINE, "When do they want the project in place?", '"by end of March" or "no timeline yet"'
    ),
}

# Shown when an answer was not understood.
EXAMPLES: dict[BantItem, tuple[str, ...]] = {
    BantItem.BUDGET: ("around $50k this year", "€20–30k per year", "no budget yet"),
    BantItem.AUTHORITY: ("decision maker", "influencer, her CFO signs off", "no authority"),
    BantItem.NEED: (
        "reporting takes two days a month",
        "they need to stop double-booking trucks",
        "no real need",
    ),
    BantItem.TIMELINE: ("by end of March", "within 60 days", "no timeline yet"),
}


def next_item(answers: Answers, *, skipped: frozenset[BantItem] = frozenset()) -> BantItem | None:
    """The first open item in BANT order, skipped ones last; None when all four are answered."""
    open_items = [item for item in BANT_ORDER if answers.get(item) is None]
    fresh = [item for item in open_items if item not in skipped]
    return (fresh or open_items or [None])[0]
