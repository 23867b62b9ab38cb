"""Reps log the people they meet: every way in, through the fake Slack and the real Bolt app."""

from __future__ import annotations

from bot.model import Stage
from tests.harness import World, message_text

JANE = "@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132, wants analytics for 40 field reps"


def test_a_mention_logs_the_contact_and_replies_with_a_card_in_its_thread(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    replies = world.replies(world.ch("sales"), said.ts)
    assert len(replies) == 1, [message_text(m) for m in replies]
    card = message_text(replies[0])
    assert "Jane Doe" in card and "Acme Corp" in card and "+1 415-555-0132" in card  # shown grouped; stored and exported as E.164
    assert "Start discovery" in card
    rows = world.export()
    assert [(r["name"], r["email"], r["phone"], r["stage"], r["owner"]) for r in rows] == [
        ("Jane Doe", "jane.doe@acme.com", "+14155550132", "lead", world.ann.id)
    ]
    assert not world.errors()


def _cards(world: World, channel, ts: str) -> list[str]:  # noqa: ANN001
    return [message_text(m) for m in world.replies(channel, ts)]


def test_slack_delivers_a_mention_twice_and_banter_answers_once(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    assert sorted(d.status for d in said.deliveries) == [200, 200]  # message + app_mention, both acknowledged
    assert len(world.replies(world.ch("sales"), said.ts)) == 1
    assert len(world.export()) == 1


def test_a_retried_event_stores_one_contact_and_posts_one_reply(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    for delivered in said.deliveries:
        again = world.slack.redeliver(delivered, retry_num=1)
        assert again.status == 200
    assert len(world.replies(world.ch("sales"), said.ts)) == 1
    assert len(world.export()) == 1


def test_a_direct_message_logs_without_a_mention(world: World) -> None:
    dm = world.slack.team.dm(world.bob)
    said = world.slack.say(world.bob, dm, "Raj Patel, CTO, Globex GmbH, raj@globex.de, +49 89 1234567")
    assert _cards(world, dm, said.ts) == [], "a one-to-one DM is answered inline, not in a thread"
    (card,) = world.bot_messages(dm)
    assert "Raj Patel" in message_text(card) and not card.thread_ts
    with world.uow() as uow:
        (c,) = uow.contacts.all()
    assert (c.channel_id, c.thread_ts) == (dm.id, card.ts), "the card starts the contact's thread"
    (row,) = world.export()
    assert (row["name"], row["company"], row["phone"], row["owner"]) == ("Raj Patel", "Globex GmbH", "+49891234567", world.bob.id)


def test_the_slash_command_logs_and_starts_a_thread_with_the_card(world: World) -> None:
    delivered = world.slack.slash(world.ann, world.ch("sales"), "log Sofía Martínez, CFO, Telefónica, sofia@telefonica.es")
    assert delivered.status == 200
    posts = world.bot_messages(world.ch("sales"))
    assert posts, "nothing posted in the channel"
    texts = [message_text(m) for m in posts] + [message_text(m) for p in posts for m in world.replies(world.ch("sales"), p.ts)]
    assert any("Sofía Martínez" in t and "Telefónica" in t for t in texts)
    (row,) = world.export()
    assert row["name"] == "Sofía Martínez" and row["email"] == "sofia@telefonica.es"


def test_a_bulk_message_logs_one_contact_per_line(world: World) -> None:
    text = (
        "@Banter more from the booth:\n"
        "- Raj Patel, CTO, Globex GmbH, raj@globex.de\n"
        "- Yuki Tanaka, Head of Sales, Sony, yuki.tanaka@sony.co.jp\n"
        "- Hans Müller, Procurement, Müller & Söhne GmbH, hans.mueller@mueller-soehne.de"
    )
    said = world.slack.say(world.ann, world.ch("saastr-2026"), text)
    cards = _cards(world, world.ch("saastr-2026"), said.ts)
    assert len(cards) == 3
    rows = world.export()
    assert sorted(r["name"] for r in rows) == ["Hans Müller", "Raj Patel", "Yuki Tanaka"]
    assert {r["company"] for r in rows} == {"Globex GmbH", "Sony", "Müller & Söhne GmbH"}
    assert {r["event"] for r in rows} == {"saastr-2026"}  # logged in an event channel


def test_the_same_person_logged_again_updates_the_contact_and_links_its_thread(world: World) -> None:
    first = world.slack.say(world.ann, world.ch("sales"), JANE)
    again = world.slack.say(world.bob, world.ch("sales"), "@Banter Jane Doe from Acme, jane.doe@acme.com, asked for pricing")
    (row,) = world.export()
    assert row["phone"] == "+14155550132" and row["title"] == "VP Marketing"  # kept from the first time
    reply = _cards(world, world.ch("sales"), again.ts)
    assert len(reply) == 1 and "Already logged" in reply[0]
    assert f"thread_ts={first.ts}" in world.replies(world.ch("sales"), again.ts)[0].blocks.__repr__()  # the link points at the existing thread
    with world.uow() as uow:
        (c,) = uow.contacts.all()
    assert "pricing" in c.signals


def test_a_same_name_at_another_company_is_offered_as_merge_or_keep_both(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter John Smith, CTO at Initech, john@initech.com")
    second = world.slack.say(world.ann, world.ch("sales"), "@Banter John Smith, CEO at Hooli, jsmith@hooli.xyz")
    (card,) = world.replies(world.ch("sales"), second.ts)
    assert "Merge" in message_text(card) and "Keep both" in message_text(card)
    ids = [int(r["id"]) for r in world.export()]
    assert len(ids) == 2  # not merged silently
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Merge")
    rows = world.export()
    assert len(rows) == 1 and rows[0]["email"] == "john@initech.com"
    with world.uow() as uow:
        (c,) = uow.contacts.all()
        dropped = [h for cid in ids for h in uow.stages.history(world.slack.team.id, cid) if h.to_stage is Stage.DISQUALIFIED]
    assert "jsmith@hooli.xyz" in c.emails
    assert [h.reason for h in dropped] == [f"duplicate: merged into #{c.id} John Smith"], "a merge, not 'not a lead'"


def test_keep_both_keeps_two_people_and_takes_the_question_off_the_card(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter John Smith, CTO at Initech, john@initech.com")
    second = world.slack.say(world.ann, world.ch("sales"), "@Banter John Smith, CEO at Hooli, jsmith@hooli.xyz")
    (card,) = world.replies(world.ch("sales"), second.ts)
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Keep both")
    assert len(world.export()) == 2
    now = message_text(world.slack.message(world.ch("sales").id, card.ts))
    assert "Merge" not in now and "Keep both" not in now and "John Smith" in now
    assert any("Kept both" in t for t in world.ephemeral_texts(world.ann))


def test_without_a_name_email_or_phone_nothing_is_stored_and_the_reply_says_why(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter VP Marketing at Acme Corp, wants a demo")
    (reply,) = _cards(world, world.ch("sales"), said.ts)
    assert "Nothing saved" in reply and "name" in reply
    assert world.export() == []


def test_hostile_text_in_chat_pings_nobody_and_what_was_typed_is_kept(world: World) -> None:
    typed = "@Banter Jane <!here> Doe, CTO at <b>Evil</b> Corp, evil@corp.io, Robert'); DROP TABLE contacts;--"
    said = world.slack.say(world.ann, world.ch("sales"), typed)
    (card,) = world.replies(world.ch("sales"), said.ts)
    posted = [c.args for c in world.slack.calls_to("chat.postMessage")]
    assert all("<!here>" not in repr(a) and "<!channel>" not in repr(a) for a in posted)
    (row,) = world.export()
    assert row["email"] == "evil@corp.io"
    with world.uow() as uow:
        raw = uow.session.execute(__import__("sqlalchemy").text("SELECT detail FROM activities")).scalars().all()
    assert any("<!here>" in r and "DROP TABLE" in r for r in raw), raw  # the rep's words, as typed


def test_a_hostile_name_from_the_form_is_stored_exactly_and_shown_escaped(world: World) -> None:
    name = "<!channel> Bobby'); DROP TABLE contacts;-- \u202eevil \x00"
    world.slack.global_shortcut(world.ann, "new_lead")
    (modal,) = world.slack.modal_stack(world.ann)
    assert world.slack.submit_view(world.ann, modal.id, {"name": name, "emails": "bobby@tables.io"}).closed
    (row,) = world.export()
    assert row["name"].startswith("<!channel> Bobby'); DROP TABLE contacts;--")
    dm = world.slack.team.dm(world.ann)
    (card,) = [m for m in dm.messages if m.bot_id]
    shown = message_text(card)
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in card.text
    mrkdwn = [t for t in shown.split("\n") if "<!channel>" in t]
    assert all(t.startswith("New lead:") for t in mrkdwn), mrkdwn  # only the plain_text header, which never pings
    assert "\u202e" not in shown and "\x00" not in shown


def test_other_bots_edits_deletions_and_joins_are_acknowledged_and_ignored(world: World) -> None:
    ch = world.ch("sales")
    events = [
        {"type": "message", "channel": ch.id, "bot_id": "B999", "text": "Jane Doe jane@acme.com", "ts": "1.1"},
        {"type": "message", "subtype": "bot_message", "channel": ch.id, "bot_id": "B999", "text": "Jane jane@a.com", "ts": "1.2"},
        {"type": "message", "subtype": "message_changed", "channel": ch.id, "ts": "1.3",
         "message": {"text": "<@" + world.slack.team.bot_user_id + "> Jane jane@a.com", "user": world.ann.id, "ts": "1.0"}},
        {"type": "message", "subtype": "message_deleted", "channel": ch.id, "ts": "1.4", "deleted_ts": "1.0"},
        {"type": "member_joined_channel", "channel": ch.id, "user": world.bob.id},
        {"type": "channel_rename", "channel": {"id": ch.id, "name": "sales-emea"}},
    ]
    for event in events:
        assert world.slack.deliver_event(event).status == 200, event
    assert world.export() == []
    assert world.slack.calls_to("chat.postMessage") == []


def test_log_as_lead_on_a_teammates_message_replies_in_its_thread(world: World) -> None:
    note = world.slack.say(world.bob, world.ch("random"), "great chat with Priya Sharma (Infosys), priya.sharma@infosys.com, booked a call for Tuesday")
    world.slack.message_shortcut(world.ann, world.ch("random"), note.ts, "log_as_lead")
    cards = _cards(world, world.ch("random"), note.ts)
    assert len(cards) == 1 and "Priya Sharma" in cards[0]
    (row,) = world.export()
    assert row["owner"] == world.ann.id and row["company"] == "Infosys"


def test_the_new_lead_form_validates_and_logs_into_the_reps_messages(world: World) -> None:
    world.slack.global_shortcut(world.ann, "new_lead")
    (modal,) = world.slack.modal_stack(world.ann)
    bad = world.slack.submit_view(world.ann, modal.id, {"name": "", "emails": "not-an-email"})
    assert bad.errors and "emails" in bad.errors and world.export() == []
    ok = world.slack.submit_view(world.ann, modal.id, {"name": "Lena Schmidt", "company": "Zalando", "emails": "lena@zalando.de"})
    assert ok.closed
    (row,) = world.export()
    assert (row["name"], row["company"], row["email"]) == ("Lena Schmidt", "Zalando", "lena@zalando.de")
    dm = world.slack.team.dm(world.ann)
    assert any("Lena Schmidt" in message_text(m) for m in dm.messages if m.bot_id)


def test_edit_and_not_a_lead_from_the_card(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    (card,) = world.replies(world.ch("sales"), said.ts)
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Edit")
    (modal,) = world.slack.modal_stack(world.ann)
    world.slack.submit_view(world.ann, modal.id, {"title": "CMO"})
    assert world.export()[0]["title"] == "CMO"
    assert "CMO" in message_text(world.slack.message(world.ch("sales").id, card.ts))  # the card updated in place
    world.slack.press(world.bob, world.ch("sales"), card.ts, "Not a lead")
    assert len(world.export()) == 1, "bob is neither the owner nor an admin"
    assert any("owner" in t for t in world.ephemeral_texts(world.bob))
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Not a lead")
    assert world.export() == []
    with world.uow() as uow:
        history = uow.stages.history(world.slack.team.id, 1)
    assert history[-1].reason == "not a lead" and history[-1].by_user == world.ann.id


def test_hello_in_a_channel_is_answered_once(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter hi")
    (reply,) = _cards(world, world.ch("sales"), said.ts)
    assert "Tell me who you met" in reply


def test_log_as_lead_where_banter_is_not_lands_in_the_reps_messages(world: World) -> None:
    private = world.slack.team.add_channel("deal-room", members=[world.ann, world.bob], bot_member=False)
    note = world.slack.say(world.bob, private, "Priya Sharma (Infosys), priya.sharma@infosys.com")
    world.slack.message_shortcut(world.ann, private, note.ts, "log_as_lead")
    (row,) = world.export()
    assert row["name"] == "Priya Sharma"
    dm = world.slack.team.dm(world.ann)
    assert any("Priya Sharma" in message_text(m) for m in dm.messages if m.bot_id)
    assert any("direct messages" in t for t in world.ephemeral_texts(world.ann))
