"""A command Banter cannot carry out says which part it could not read, and why; nothing is changed."""

from __future__ import annotations

from tests.harness import World

JANE = "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com"


def _last(world: World, who) -> str:  # noqa: ANN001
    return world.ephemeral_texts(who)[-1]


def test_remind_names_what_it_could_not_read(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), JANE)
    world.slack.slash(world.ann, world.ch("sales"), "remind jane.doe@acme.com someday")
    assert "couldn't find when" in _last(world, world.ann)
    world.slack.slash(world.ann, world.ch("sales"), "remind jane.doe@acme.com yesterday")
    assert "already passed" in _last(world, world.ann)
    world.slack.slash(world.ann, world.ch("sales"), "remind")
    assert _last(world, world.ann).startswith("Usage:")
    with world.uow() as uow:
        (c,) = uow.contacts.all()
    assert c.follow_up_at is None


def test_remind_in_two_hours_with_a_note_after_it_is_understood(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), JANE)
    world.slack.slash(world.ann, world.ch("sales"), "remind jane.doe@acme.com in 2 hours call about pricing")
    with world.uow() as uow:
        (c,) = uow.contacts.all()
    assert c.follow_up_at is not None and (c.follow_up_at - world.clock.now()).total_seconds() == 2 * 3600


def test_assign_to_a_rep_named_without_an_at_sign_works_and_an_unknown_one_is_named(world: World) -> None:
    """Bob has never used Banter: he is found among the workspace's members."""
    world.slack.say(world.ann, world.ch("sales"), JANE)
    world.slack.slash(world.ann, world.ch("sales"), "assign jane.doe@acme.com nobody")
    assert "I don't know a rep called “nobody”" in _last(world, world.ann)
    world.slack.slash(world.ann, world.ch("sales"), "assign jane.doe@acme.com bob")
    assert "is now" in _last(world, world.ann)
    assert [r["owner"] for r in world.export() if r["email"] == "jane.doe@acme.com"] == [world.bob.id]


def test_alerts_to_a_channel_that_does_not_exist_or_without_banter_says_so(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "alerts #nonexistent")
    assert "I can't find #nonexistent" in _last(world, world.boss)
    closed = world.slack.team.add_channel("deal-desk", members=[world.boss], bot_member=False)
    world.slack.slash(world.boss, world.ch("sales"), "alerts #deal-desk")
    assert "invite me with `/invite @Banter`" in _last(world, world.boss)
    world.slack.say(world.ann, world.ch("sales"), "@Banter Lucas Meyer, CEO at Brightside, lucas@brightside.agency, "
                    "asked for pricing and a demo, booked a call")  # fmt: skip
    assert [m for m in closed.messages if m.bot_id] == [], "alerts did not move there"


def test_show_and_qualify_without_a_contact_say_what_to_name(world: World) -> None:
    for command in ("show", "qualify"):
        world.slack.slash(world.ann, world.ch("sales"), command)
        assert "Name a contact" in _last(world, world.ann)


def test_a_second_reminder_replaces_the_first_says_so_and_shows_on_the_card(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    world.slack.slash(world.ann, world.ch("sales"), "remind jane.doe@acme.com tomorrow 10am")
    world.slack.slash(world.ann, world.ch("sales"), "remind jane.doe@acme.com next week")
    assert "This replaces the follow-up set for Tuesday 24 November at 10:00" in _last(world, world.ann)
    card = world.slack.message(world.ch("sales").id, world.replies(world.ch("sales"), said.ts)[0].ts)
    fields = "|".join(f["text"] for b in card.blocks for f in b.get("fields") or [])
    with world.uow() as uow:
        (c,) = uow.contacts.all()
    assert c.follow_up_at is not None and f"<!date^{int(c.follow_up_at.timestamp())}^" in fields
