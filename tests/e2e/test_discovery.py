"""BANT discovery in the contact's thread, one question at a time, through the fake Slack."""

from __future__ import annotations

from app import build
from sandbox.fakeslack import BoltTarget
from tests.harness import World, message_text, quiet_homes

JANE = "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132"


def _log_and_start(world: World, text: str = JANE, channel: str = "sales") -> tuple[str, str]:
    said = world.slack.say(world.ann, world.ch(channel), text)
    (card,) = world.replies(world.ch(channel), said.ts)
    world.slack.press(world.ann, world.ch(channel), card.ts, "Start discovery")
    return said.ts, card.ts


def _thread_texts(world: World, thread_ts: str, channel: str = "sales") -> list[str]:
    return [message_text(m) for m in world.replies(world.ch(channel), thread_ts)]


def _row(world: World) -> dict[str, str]:
    (row,) = world.export()
    return row


def test_a_natural_conversation_turns_a_lead_into_a_prospect_and_alerts_the_team(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "alerts #prospect-alerts")
    thread, _ = _log_and_start(world)
    texts = _thread_texts(world, thread)
    assert "Discovery for" in texts[1] and "What budget" in texts[2]
    checklist_ts = world.replies(world.ch("sales"), thread)[1].ts
    for answer in (
        "they have around $50k set aside for this year",
        "she owns the budget and makes the call",
        "reporting takes two days a month",
        "they want it live by the end of Q1",
    ):
        world.slack.say(world.ann, world.ch("sales"), answer, thread_ts=thread)
    updates = [c for c in world.slack.calls_to("chat.update") if c.args.get("ts") == checklist_ts]
    assert len(updates) >= 4, "the checklist is updated in place after every answer"
    checklist = message_text(world.slack.message(world.ch("sales").id, checklist_ts))
    assert "$50,000" in checklist and "decision maker" in checklist and "31 Mar 2027" in checklist
    assert any("is now a *prospect*" in t for t in _thread_texts(world, thread))
    row = _row(world)
    assert (row["stage"], row["budget_amount"], row["authority"], row["timeline_date"]) == (
        "prospect", "50000", "decision_maker", "2027-03-31")
    assert row["need"] == "reporting takes two days a month"
    alerts = world.bot_messages(world.ch("prospect-alerts"))
    assert len(alerts) == 1 and "New prospect" in message_text(alerts[0]) and f"<@{world.ann.id}>" in message_text(alerts[0])
    with world.uow() as uow:
        history = uow.answers.history(world.slack.team.id, 1)
    assert [a.raw_text for a in history][0] == "they have around $50k set aside for this year"


def test_reviewing_a_prospects_discovery_celebrates_nothing_and_alerts_nobody_again(world: World) -> None:
    thread, card = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "budget: 120k EUR; authority: decision maker; need: fleet planning; "
                    "timeline: within 60 days", thread_ts=thread)  # fmt: skip
    assert len([t for t in _thread_texts(world, thread) if "is now a *prospect*" in t]) == 1
    world.slack.press(world.ann, world.ch("sales"), world.replies(world.ch("sales"), thread)[0].ts, "Review discovery")
    world.slack.say(world.ann, world.ch("sales"), "need: replace spreadsheets for fleet planning", thread_ts=thread)
    texts = _thread_texts(world, thread)
    assert len([t for t in texts if "is now a *prospect*" in t]) == 1, "said once, when it happened"
    assert any("is a *prospect*" in t and "alerted" not in t for t in texts)
    assert len([m for m in world.bot_messages(world.ch("sales")) if "New prospect" in message_text(m)]) == 1


def test_labelled_answers_all_at_once_from_another_rep(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.bob, world.ch("sales"), "budget: 120k EUR; authority: decision maker; "
                    "need: replace spreadsheets for fleet planning; timeline: within 60 days", thread_ts=thread)
    row = _row(world)
    assert (row["stage"], row["budget_amount"], row["budget_currency"], row["need"]) == (
        "prospect", "120000", "EUR", "replace spreadsheets for fleet planning")
    assert row["timeline_date"] == "2027-01-22"  # 60 days after 2026-11-23
    with world.uow() as uow:
        assert {a.user_id for a in uow.answers.history(world.slack.team.id, 1)} == {world.bob.id}
    # without an alerts channel, the alert goes where the lead was logged
    assert any("New prospect" in message_text(m) for m in world.bot_messages(world.ch("sales")))


def test_a_partial_discovery_stays_a_lead_and_says_what_is_missing(world: World) -> None:
    thread, _ = _log_and_start(world)
    for answer in ("no budget yet", "skip", "they need to replace spreadsheets", "don't know", "she decides"):
        world.slack.say(world.ann, world.ch("sales"), answer, thread_ts=thread)
    texts = _thread_texts(world, thread)
    outcome = [t for t in texts if "stays a *lead*" in t]
    assert outcome, texts[-3:]
    assert "budget" in outcome[-1].lower() and "timeline" in outcome[-1].lower()
    assert _row(world)["stage"] == "lead"


def test_an_answer_banter_cannot_understand_is_not_recorded_and_asked_again(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "hmm", thread_ts=thread)
    last = _thread_texts(world, thread)[-1]
    assert "didn't catch that" in last and "budget" in last
    with world.uow() as uow:
        assert uow.answers.history(world.slack.team.id, 1) == []


def test_back_undoes_and_a_correction_after_completion_demotes_with_a_reason(world: World) -> None:
    thread, _ = _log_and_start(world)
    say = lambda t: world.slack.say(world.ann, world.ch("sales"), t, thread_ts=thread)  # noqa: E731
    say("about 80k")
    say("back")
    assert "Undone" in _thread_texts(world, thread)[-1]
    say("around $90k")
    say("decision maker")
    say("their reporting is manual and slow")
    say("by end of January")
    assert _row(world)["stage"] == "prospect" and _row(world)["budget_amount"] == "90000"
    say("budget: actually no budget")
    row = _row(world)
    assert row["stage"] == "lead"
    with world.uow() as uow:
        history = uow.stages.history(world.slack.team.id, 1)
    assert history[-1].to_stage.value == "lead" and history[-1].by_user is None and "budget" in history[-1].reason
    assert any("back to *lead*" in t for t in _thread_texts(world, thread))
    assert len(world.bot_messages(world.ch("sales"))) == 1, "one alert only, corrections do not repeat it"


def test_authority_buttons_and_qualify_in_the_thread(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    world.slack.say(world.ann, world.ch("sales"), "qualify", thread_ts=said.ts)
    world.slack.say(world.ann, world.ch("sales"), "50k", thread_ts=said.ts)
    question = world.replies(world.ch("sales"), said.ts)[-1]
    world.slack.press(world.bob, world.ch("sales"), question.ts, "Influencer")
    assert _row(world)["authority"] == "influencer"


def test_qualify_by_slash_command_from_anywhere_resumes_without_wiping(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "50k", thread_ts=thread)
    world.slack.say(world.ann, world.ch("sales"), "pause", thread_ts=thread)
    world.slack.say(world.ann, world.ch("sales"), "she decides", thread_ts=thread)  # paused: not an answer
    world.slack.slash(world.ann, world.ch("random"), "qualify jane.doe@acme.com")
    assert any("its thread" in t for t in world.ephemeral_texts(world.ann))
    assert "Authority" in _thread_texts(world, thread)[-1] or "decision" in _thread_texts(world, thread)[-1]
    assert _row(world)["budget_amount"] == "50000" and _row(world)["authority"] == "unknown"


def test_a_restart_in_the_middle_loses_nothing(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "about 60k", thread_ts=thread)
    restarted = build(world.banter.config, clock=world.clock, listener_executor=world.executor)
    quiet_homes(restarted)
    world.slack.target = BoltTarget(restarted.app, wait_idle=world.executor.wait_idle)
    world.slack.say(world.ann, world.ch("sales"), "she makes the call", thread_ts=thread)
    row = _row(world)
    assert row["budget_amount"] == "60000" and row["authority"] == "decision_maker"
    restarted.engine.dispose()  # type: ignore[attr-defined]


def test_an_idle_discovery_gets_one_reminder_to_the_owner(world: World) -> None:
    from handlers.scheduler import tick

    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "about 60k", thread_ts=thread)
    for days in (1, 4, 5):
        when = world.clock.advance(days=days)
        tick(world.banter.svc, world.banter.client_for, when)  # type: ignore[arg-type]
    reminders = [t for t in _thread_texts(world, thread) if "has been quiet" in t]
    assert len(reminders) == 1 and f"<@{world.ann.id}>" in reminders[0]
    assert "quiet for 5 days. The open question is *authority*" in reminders[0]


def test_two_people_answering_at_once_both_land(world: World) -> None:
    import threading

    thread, _ = _log_and_start(world)
    barrier = threading.Barrier(2)

    def answer(user, text: str) -> None:  # noqa: ANN001
        barrier.wait()
        world.slack.say(user, world.ch("sales"), text, thread_ts=thread)

    threads = [threading.Thread(target=answer, args=(world.ann, "budget: 70k")),
               threading.Thread(target=answer, args=(world.bob, "authority: she decides"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    world.executor.wait_idle()
    row = _row(world)
    assert row["budget_amount"] == "70000" and row["authority"] == "decision_maker"


def test_status_shows_the_checklist_again_in_the_thread(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "about 60k", thread_ts=thread)
    world.slack.say(world.ann, world.ch("sales"), "status", thread_ts=thread)
    last = _thread_texts(world, thread)[-1]
    assert "1/4" in last and "$60,000" in last and "Next up: *authority*" in last


def test_a_follow_up_said_in_an_answer_is_kept(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "budget is 50k, follow up next week to confirm", thread_ts=thread)
    with world.uow() as uow:
        (c,) = uow.contacts.all()
    assert c.follow_up_at is not None and c.follow_up_at.date().isoformat() == "2026-11-30"


def test_an_imported_contact_gets_a_thread_in_the_reps_messages_for_discovery(world: World) -> None:
    from bot.model import ContactDraft
    from bot.services.contacts import LogContacts, log_draft

    with world.uow() as uow:  # as the CSV import stores it: no Slack thread yet
        log_draft(uow, LogContacts(world.slack.team.id, world.ann.id, ""), ContactDraft(name="Imani Obi", emails=("imani@obi.ng",)), world.clock.now())
        uow.commit()
    world.slack.slash(world.ann, world.ch("sales"), "qualify imani@obi.ng")
    dm = world.slack.team.dm(world.ann)
    (card,) = [m for m in dm.messages if m.bot_id]
    thread = [message_text(m) for m in world.replies(dm, card.ts)]
    assert any("Discovery for" in t for t in thread) and any("What budget" in t for t in thread)
    world.slack.say(world.ann, dm, "about 20k", thread_ts=card.ts)
    assert _row(world)["budget_amount"] == "20000"


def test_two_people_answering_the_same_question_at_once_both_land_in_order_the_second_a_correction(world: World) -> None:
    import threading

    thread, _ = _log_and_start(world)
    barrier = threading.Barrier(2)
    said = {"budget: 70k": world.ann, "budget: 90k": world.bob}

    def answer(text: str) -> None:
        barrier.wait()
        world.slack.say(said[text], world.ch("sales"), text, thread_ts=thread)

    threads = [threading.Thread(target=answer, args=(text,)) for text in said]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    world.executor.wait_idle()
    with world.uow() as uow:
        history = uow.answers.history(world.slack.team.id, 1)
    assert sorted((a.item.value, a.raw_text, a.user_id) for a in history) == [
        ("budget", "budget: 70k", world.ann.id), ("budget", "budget: 90k", world.bob.id)], "both raw texts are kept"
    assert history[0].answered_at <= history[1].answered_at and history[0].id < history[1].id  # type: ignore[operator]
    last = history[-1].raw_text
    assert _row(world)["budget_amount"] == {"budget: 70k": "70000", "budget: 90k": "90000"}[last], "the later one stands"
    assert world.errors() == []


def test_the_same_question_answered_twice_keeps_both_answers_and_the_later_stands(world: World) -> None:
    thread, _ = _log_and_start(world)
    world.slack.say(world.ann, world.ch("sales"), "budget: 70k", thread_ts=thread)
    world.slack.say(world.bob, world.ch("sales"), "budget: 90k", thread_ts=thread)
    with world.uow() as uow:
        history = uow.answers.history(world.slack.team.id, 1)
    assert [(a.item.value, a.raw_text, a.user_id) for a in history] == [
        ("budget", "budget: 70k", world.ann.id), ("budget", "budget: 90k", world.bob.id)]
    assert _row(world)["budget_amount"] == "90000"


def test_mentioning_banter_with_qualify_in_a_contacts_thread_starts_discovery(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    world.slack.say(world.bob, world.ch("sales"), "@Banter qualify", thread_ts=said.ts)
    texts = _thread_texts(world, said.ts)
    assert any("Discovery for" in t for t in texts) and "What budget" in texts[-1], texts
    with world.uow() as uow:
        (jane,) = uow.contacts.all(world.slack.team.id)
        assert uow.discoveries.get(world.slack.team.id, jane.id) is not None
    assert [r["name"] for r in world.export()] == ["Jane Doe"], "'qualify' is not logged as someone met"
    world.slack.say(world.ann, world.ch("sales"), "about 40k", thread_ts=said.ts)
    assert _row(world)["budget_amount"] == "40000"
