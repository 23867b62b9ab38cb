"""How discovery answers are heard: guesses, corrections, follow-ups, and whose question it is.

Through the fake Slack. The replies that say what a message did ("Budget changed: …", "Nothing to undo yet.",
"⏰ I'll remind you …") and name the contact in each question are drawn by handlers/blocks/discovery.py's
turn_question / not_understood(contact=…); until handlers/flows.py posts them, the tests at the end draw them
from the service's turn directly.
"""

from __future__ import annotations

from tests.harness import World, message_text

BOOTH = (
    "@Banter more from the booth:\n"
    "- Raj Patel, CTO at Fleetly, raj@fleetly.io\n"
    "- Tom Berg, Head of Sales Ops at Nordwind GmbH, tom.berg@nordwind.de"
)


class Thread:
    """Raj's discovery, started from the first card of a two-contact booth message."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.channel = world.ch("sales")
        said = world.slack.say(world.ann, self.channel, BOOTH)
        self.ts = said.ts
        cards = world.replies(self.channel, said.ts)
        world.slack.press(world.ann, self.channel, cards[0].ts, "Start discovery")
        self.checklist_ts = world.replies(self.channel, said.ts)[2].ts

    def say(self, text: str) -> str:
        """Say `text` in the thread; Banter's last reply."""
        self.world.slack.say(self.world.ann, self.channel, text, thread_ts=self.ts)
        return message_text(self.world.replies(self.channel, self.ts)[-1])

    def checklist(self) -> str:
        return message_text(self.world.slack.message(self.channel.id, self.checklist_ts))

    def row(self) -> dict[str, str]:
        return next(r for r in self.world.export() if r["name"] == "Raj Patel")

    def card(self) -> str:
        return message_text(self.world.replies(self.channel, self.ts)[0])


def _line(checklist: str, item: str) -> str:
    return next(line for line in checklist.splitlines() if f"*{item}*" in line)


def test_a_guessed_budget_is_kept_as_an_unconfirmed_estimate_that_scores_nothing(world: World) -> None:
    t = Thread(world)
    t.say("not sure, maybe a few thousand")
    budget = _line(t.checklist(), "Budget")
    assert budget.startswith(":grey_question:") and "$3,000 (not confirmed)" in budget
    assert "1/4" in t.checklist(), "a guess is still an answer: the checklist moves on"
    row = t.row()
    assert row["budget_amount"] == "" and row["score"] == "20"  # title, e-mail and company only
    assert "budget confirmed" not in t.card()
    assert _line(t.card(), "Budget").startswith(":grey_question:") and "$3,000 (not confirmed)" in t.card()


def test_the_contact_card_marks_answers_like_the_checklist(world: World) -> None:
    t = Thread(world)
    t.say("no budget yet")
    t.say("she makes the call")
    card = message_text(world.slack.message(t.channel.id, world.replies(t.channel, t.ts)[0].ts))
    assert _line(card, "Budget").startswith(":x:"), "no budget is answered, not green"
    assert _line(card, "Authority").startswith(":white_check_mark:")
    assert _line(card, "Need").startswith(":white_circle:")


def test_a_hedged_need_is_not_confirmed_and_has_no_doubled_colon(world: World) -> None:
    t = Thread(world)
    for answer in ("50k", "she's the boss", "they need better reporting I think"):
        t.say(answer)
    need = _line(t.checklist(), "Need")
    assert need == ":grey_question: *Need*: not confirmed — they need better reporting I think"
    assert _line(t.checklist(), "Authority").startswith(":white_check_mark:")
    t.say("budget: 50k; need: reporting takes two days a month")
    assert _line(t.checklist(), "Need") == ":white_check_mark: *Need*: confirmed — reporting takes two days a month"


def test_no_budget_and_unknown_are_answered_but_not_green(world: World) -> None:
    t = Thread(world)
    t.say("no budget yet")
    t.say("no idea")
    checklist = t.checklist()
    assert _line(checklist, "Budget") == ":x: *Budget*: no budget"
    assert _line(checklist, "Authority") == ":grey_question: *Authority*: unknown"
    assert "2/4" in checklist and ":white_check_mark:" not in checklist


def test_an_answer_the_policy_does_not_count_says_why(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set min_budget 50k")
    t = Thread(world)
    t.say("about 20k")
    budget = _line(t.checklist(), "Budget")
    assert budget.startswith(":warning:") and "$20,000" in budget and "below the minimum" in budget


def test_a_correction_while_asking_authority_changes_the_budget(world: World) -> None:
    t = Thread(world)
    t.say("not sure, maybe a few thousand")
    reply = t.say("actually it's 40k not a few thousand")
    assert "didn't catch" not in reply and "Are they the decision maker" in reply
    assert t.row()["budget_amount"] == "40000"
    checklist = t.checklist()
    assert _line(checklist, "Budget") == ":white_check_mark: *Budget*: $40,000"
    assert "*Budget changed*: $3,000 (not confirmed) → $40,000" in checklist
    assert _line(checklist, "Authority").endswith("_asking now_"), "authority is still the open question"


def test_an_amount_said_to_another_question_is_recorded_as_the_budget(world: World) -> None:
    t = Thread(world)
    t.say("skip")
    reply = t.say("$40k")
    assert "didn't catch" not in reply
    assert t.row()["budget_amount"] == "40000"
    assert "That reads as a *budget* answer" in t.checklist()


def test_an_answer_fitting_nothing_is_refused_with_an_article_that_reads(world: World) -> None:
    t = Thread(world)
    t.say("50k")
    reply = t.say("hmm")
    assert "didn't catch that as an *authority* answer" in reply


def test_a_follow_up_said_instead_of_an_answer_is_set_not_lost(world: World) -> None:
    t = Thread(world)
    reply = t.say("call her back on Thursday, she's busy")
    assert "didn't catch" not in reply and "What budget" in reply
    with world.uow() as uow:
        raj = next(c for c in uow.contacts.all() if c.name == "Raj Patel")
        assert uow.answers.history(world.slack.team.id, raj.id or 0) == []
    assert raj.follow_up_at is not None and raj.follow_up_at.date().isoformat() == "2026-11-26"
    assert ":alarm_clock: follow-up Thursday 26 Nov at 09:00" in t.checklist()


def test_a_follow_up_is_no_need_and_no_timeline(world: World) -> None:
    t = Thread(world)
    for answer in ("50k", "decision maker"):
        t.say(answer)
    t.say("call her back on Thursday, she's busy")
    assert _line(t.checklist(), "Need").endswith("_asking now_")


def test_questions_define_what_this_is(world: World) -> None:
    t = Thread(world)
    assert "What budget do they have for this project?" in message_text(world.replies(t.channel, t.ts)[-1])


def _reply(world: World, t: Thread, text: str) -> str:
    """What handlers/blocks/discovery.py draws for the message (the turn is taken from the service directly)."""
    from bot.services import discovery as discovery_service
    from handlers.blocks import discovery as dblocks
    from tests.harness import _blocks_text

    with world.uow() as uow:
        turn = discovery_service.on_thread_message(
            uow, world.slack.team.id, world.ann.id, t.channel.id, t.ts, text, "", world.clock.now(), "Europe/Berlin"
        )
        uow.commit()
    assert turn is not None
    if turn.kind == "not_understood":
        _, blocks = dblocks.not_understood(turn.not_understood_item, turn.contact.id or 0, contact=turn.contact)
    elif turn.ask is not None:
        _, blocks = dblocks.turn_question(turn)
    else:
        _, blocks = dblocks.outcome(turn)
    return _blocks_text(blocks)


def test_every_question_names_whose_discovery_it_is(world: World) -> None:
    t = Thread(world)
    assert "Raj Patel (Fleetly): What budget do they have for this project?" in _reply(world, t, "hmm")
    assert "Raj Patel (Fleetly): Are they the decision maker" in _reply(world, t, "skip")


def test_back_before_any_answer_says_there_is_nothing_to_undo(world: World) -> None:
    t = Thread(world)
    assert "Nothing to undo yet." in _reply(world, t, "back")
    _reply(world, t, "50k")
    assert "Undone: the last *budget* answer." in _reply(world, t, "back")


def test_the_reply_says_what_changed_and_when_banter_will_remind(world: World) -> None:
    t = Thread(world)
    assert "noted as a guess: $3,000 (not confirmed)" in _reply(world, t, "not sure, maybe a few thousand")
    assert "*Budget changed*: $3,000 (not confirmed) → $40,000." in _reply(world, t, "no wait, it's 40k")
    reply = _reply(world, t, "call her back on Thursday, she's busy")
    assert ":alarm_clock: I'll remind you Thursday 26 Nov at 09:00." in reply and "didn't catch" not in reply


def test_no_need_offers_to_disqualify_instead_of_asking_on(world: World) -> None:
    t = Thread(world)
    t.say("around 50k")
    t.say("she makes the call")
    t.say("no real need, just collecting brochures")
    (msg,) = [m for m in world.replies(t.channel, t.ts) if "Disqualify: no need" in message_text(m)]
    assert "When do they want" in message_text(msg), "the next question is still there, for a rep who carries on"
    world.slack.press(world.ann, t.channel, msg.ts, "Disqualify: no need")
    assert (t.row()["stage"]) == "disqualified"
    with world.uow() as uow:
        raj = next(c for c in uow.contacts.all(world.slack.team.id) if c.name == "Raj Patel")
        assert uow.stages.history(world.slack.team.id, raj.id or 0)[-1].reason == "no need"
