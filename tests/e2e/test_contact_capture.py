"""Reps log the people they meet: every way in, through the fake Slack and the real Bolt app."""

from __future__ import annotations

from tests.harness import World, message_text

JANE = "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132, wants analytics for 40 field reps"


def test_a_mention_logs_the_contact_and_replies_with_a_card_in_its_thread(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    replies = world.replies(world.ch("sales"), said.ts)
    assert len(replies) == 1, [message_text(m) for m in replies]
    card = message_text(replies[0])
    assert "Jane Doe" in card and "Acme Corp" in card and "+14155550132" in card
    assert "Start discovery" in card
    rows = world.export()
    assert [(r["name"], r["email"], r["phone"], r["stage"], r["owner"]) for r in rows] == [
        ("Jane Doe", "jane.doe@acme.com", "+14155550132", "lead", world.ann.id)
    ]
    assert not world.errors()
