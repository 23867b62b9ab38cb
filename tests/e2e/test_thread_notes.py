"""A contact's thread is its home: what people write there is kept as notes, read for follow-ups and
signals; and a mention that starts with a command word runs that command."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.scheduler import tick
from tests.harness import World, message_text

JANE = "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com"


def _jane(world: World) -> str:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    return said.ts


def _contact(world: World, email: str):  # noqa: ANN202
    with world.uow() as uow:
        (c,) = [c for c in uow.contacts.all(world.slack.team.id) if email in c.emails]
    return c


def _thread_texts(world: World, ts: str) -> list[str]:
    return [message_text(m) for m in world.replies(world.ch("sales"), ts) if m.bot_id]


def test_a_message_in_the_contacts_thread_is_kept_as_a_note_and_acknowledged(world: World) -> None:
    ts = _jane(world)
    world.slack.say(world.bob, world.ch("sales"), "she mentioned they use Salesforce today", thread_ts=ts)
    c = _contact(world, "jane.doe@acme.com")
    assert c.note.endswith("23 Nov: she mentioned they use Salesforce today")
    assert "Added to Jane Doe" in _thread_texts(world, ts)[-1]
    assert len(world.slack.calls_to("chat.postMessage")) == 2, "the card and the acknowledgement, nothing else"


def test_a_follow_up_written_in_the_thread_is_set_and_fires_at_the_owners_local_time(world: World) -> None:
    ts = _jane(world)
    world.slack.say(world.bob, world.ch("sales"), "follow up next week about the pilot", thread_ts=ts)
    ack = _thread_texts(world, ts)[-1]
    assert "Follow-up set for" in ack and "Mon 30 Nov, 09:00" in ack  # Bob reads it on his own clock
    c = _contact(world, "jane.doe@acme.com")
    assert c.follow_up_at is not None
    when = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # 09:00 in New York, where Bob wrote it
    assert c.follow_up_at == when
    card = world.slack.message(world.ch("sales").id, world.replies(world.ch("sales"), ts)[0].ts)
    fields = [f["text"] for b in card.blocks for f in b.get("fields") or []]
    assert f"*Follow-up*\n:alarm_clock: <!date^{int(when.timestamp())}^" in "|".join(fields), "each reader's own time"
    world.clock.set(when)
    tick(world.banter.svc, world.banter.client_for, when)  # type: ignore[arg-type]
    dm = world.slack.team.dm(world.ann)
    assert [m for m in world.bot_messages(dm) if "Time to follow up" in message_text(m)], "the owner is reminded"


def test_a_buying_signal_in_a_note_raises_the_score(world: World) -> None:
    ts = _jane(world)
    before = _contact(world, "jane.doe@acme.com").score
    world.slack.say(world.ann, world.ch("sales"), "she called back and asked for pricing", thread_ts=ts)
    c = _contact(world, "jane.doe@acme.com")
    assert "pricing" in c.signals and c.score > before
    assert "Signal" in _thread_texts(world, ts)[-1]


def test_thanks_in_the_thread_is_neither_stored_nor_answered(world: World) -> None:
    ts = _jane(world)
    world.slack.say(world.bob, world.ch("sales"), "thanks!", thread_ts=ts)
    assert _contact(world, "jane.doe@acme.com").note == ""
    assert len(_thread_texts(world, ts)) == 1


def test_a_note_in_a_thread_of_several_contacts_goes_to_the_one_it_names(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter more from the booth:\n"
                           "- Raj Patel, CTO, Globex GmbH, raj@globex.de\n- Lucy Chen, COO, Brightpath, lucy@brightpath.com")  # fmt: skip
    world.slack.say(world.ann, world.ch("sales"), "wants a call next month", thread_ts=said.ts)
    assert "several contacts" in _thread_texts(world, said.ts)[-1]
    assert _contact(world, "raj@globex.de").note == "" and _contact(world, "lucy@brightpath.com").note == ""
    world.slack.say(world.ann, world.ch("sales"), "Lucy: wants a call next month", thread_ts=said.ts)
    assert "Lucy: wants a call next month" in _contact(world, "lucy@brightpath.com").note
    assert _contact(world, "raj@globex.de").note == ""


def test_a_mention_that_logs_someone_new_in_a_contacts_thread_still_logs_them(world: World) -> None:
    ts = _jane(world)
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Tom Berg, CFO, tom@acme.com", thread_ts=ts)
    assert _contact(world, "tom@acme.com").name == "Tom Berg"
    assert _contact(world, "jane.doe@acme.com").note == ""


def test_a_mention_starting_with_a_command_word_runs_the_command_for_the_asker_only(world: World) -> None:
    _jane(world)
    posts_before = len(world.slack.calls_to("chat.postMessage"))
    world.slack.say(world.bob, world.ch("sales"), "@Banter find acme")
    assert any("Jane Doe" in t for t in world.ephemeral_texts(world.bob))
    assert not any("Jane Doe" in t for t in world.ephemeral_texts(world.ann))
    assert len(world.slack.calls_to("chat.postMessage")) == posts_before, "nothing posted for everyone"
    world.slack.say(world.bob, world.ch("sales"), "@Banter help")
    assert any("/banter find" in t for t in world.ephemeral_texts(world.bob))
    with world.uow() as uow:
        assert len(uow.contacts.all(world.slack.team.id)) == 1, "no contact named Find or Help"


def test_logging_someone_again_points_at_their_thread_says_what_was_added_and_what_differs(world: World) -> None:
    first = _jane(world)
    again = world.slack.say(world.bob, world.ch("sales"),
                            "@Banter Jane Doe, CMO at Acme Corp, jane.doe@acme.com, +1 415 555 0132")  # fmt: skip
    (reply,) = [m for m in world.replies(world.ch("sales"), again.ts) if m.bot_id]
    said = message_text(reply)
    assert "Already logged" in said and "Added: phone." in said
    assert "The title differs: you wrote “CMO”, the record says “VP Marketing”" in said
    assert f"thread_ts={first}" in repr(reply.blocks)
    assert not [b for b in reply.blocks if b.get("type") == "actions"], "a pointer, not a second set of buttons"
    c = _contact(world, "jane.doe@acme.com")
    assert (c.title, c.phones) == ("VP Marketing", ["+14155550132"])
    card = world.replies(world.ch("sales"), first)[0]
    assert "415" in message_text(world.slack.message(world.ch("sales").id, card.ts)), "the original card is refreshed"


def test_in_a_thread_of_several_a_name_prefix_reaches_that_contact_whatever_discovery_runs(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter more from the booth:\n"
                           "- Raj Patel, CTO, Globex GmbH, raj@globex.de\n- Lucy Chen, COO, Brightpath, lucy@brightpath.com")  # fmt: skip
    raj_card, lucy_card = [m for m in world.replies(world.ch("sales"), said.ts) if m.bot_id][:2]
    world.slack.press(world.ann, world.ch("sales"), raj_card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "around 50k", thread_ts=said.ts)
    world.slack.press(world.ann, world.ch("sales"), lucy_card.ts, "Start discovery")
    question = _thread_texts(world, said.ts)[-1]
    assert "Raj Patel" in question and "discovery is paused" in question and "`Raj: qualify`" in question
    world.slack.say(world.ann, world.ch("sales"), "Raj: she uses Salesforce today", thread_ts=said.ts)
    assert "Raj: she uses Salesforce today" in _contact(world, "raj@globex.de").note
    world.slack.say(world.ann, world.ch("sales"), "about 40k", thread_ts=said.ts)
    rows = {r["name"]: r for r in world.export()}
    assert (rows["Raj Patel"]["budget_amount"], rows["Lucy Chen"]["budget_amount"]) == ("50000", "40000")
    world.slack.say(world.ann, world.ch("sales"), "Raj: qualify", thread_ts=said.ts)
    assert "Raj Patel" in _thread_texts(world, said.ts)[-1] and "decision maker" in _thread_texts(world, said.ts)[-1]


def test_in_a_dm_what_follows_a_card_is_about_that_contact(world: World) -> None:
    dm = world.slack.team.dm(world.ann)
    world.slack.say(world.ann, dm, "met Carla Reyes, Head of Ops at Movi, carla@movi.mx, wants a demo")
    (card,) = world.bot_messages(dm)
    world.slack.say(world.ann, dm, "she also wants pricing, call her friday")
    c = _contact(world, "carla@movi.mx")
    assert "pricing" in c.signals and c.follow_up_at is not None and "she also wants pricing" in c.note
    assert any("Added to Carla Reyes" in message_text(m) for m in world.replies(dm, card.ts))
    world.slack.say(world.ann, dm, "qualify")
    assert any("What budget" in message_text(m) for m in world.replies(dm, card.ts)), "discovery in Carla's thread"
    world.slack.say(world.ann, dm, "met Ken Ito, CFO at Megacorp, ken@megacorp.com")  # someone new is still logged
    assert _contact(world, "ken@megacorp.com").name == "Ken Ito"
    with world.uow() as uow:
        assert len(uow.contacts.all(world.slack.team.id)) == 2


def test_thanks_to_banter_in_a_channel_is_answered_to_the_person_only(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter thanks!")
    assert [m for m in world.replies(world.ch("sales"), said.ts) if m.bot_id] == []
    assert any("Any time" in t for t in world.ephemeral_texts(world.ann))
    with world.uow() as uow:
        assert uow.contacts.all(world.slack.team.id) == []
