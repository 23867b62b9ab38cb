"""Whatever people type, wherever they type it: stored as text, shown escaped, never a crowd ping, never a
message or view Slack refuses, never a crash."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from sandbox.fakeslack import Message
from sandbox.fakeslack.api_chat import store_message
from tests.harness import World, message_text
from tests.reliability.conftest import refused_calls, special_mentions

FORGED_USER = "U0EVIL123"
LONG = "Zed " + "A" * 5000
RTL = "Eve \u202eevil\u202c Doe"
CONTROL = "Nul\x00 Bell\x07 Esc\x1b Tab\tDoe"
SQL = "Robert'); DROP TABLE contacts;--"
HTML = "<script>alert(1)</script> <b>bold</b> <a href='x'>link</a>"
SLACK = f"<!channel> <!here> <!everyone> <@{FORGED_USER}> <!subteam^S0EVIL|@team>"
EMOJI = "Zoë 👩‍💻 🙂"
JAPANESE = "山田 太郎 株式会社ソニー"
HOSTILE = {"long": LONG, "rtl": RTL, "control": CONTROL, "sql": SQL, "html": HTML, "slack": SLACK,
           "emoji": EMOJI, "japanese": JAPANESE}  # fmt: skip
EVERYTHING = " ".join(v for k, v in HOSTILE.items() if k != "long")


@pytest.fixture
def watched(world: World, response_urls: Any) -> World:
    world.response_log = response_urls(world.slack)  # type: ignore[attr-defined]
    return world


def assert_safe(world: World) -> None:
    """Nothing Banter sent could ping a crowd or the forged person; Slack refused nothing; nothing crashed."""
    assert special_mentions(world.slack, FORGED_USER) == []
    assert refused_calls(world.slack) == []
    assert world.response_log.refused() == []  # type: ignore[attr-defined]
    assert world.errors() == []


def _contacts(world: World) -> list[Any]:
    with world.uow() as uow:
        return uow.contacts.all()


def _raw_event(world: World, raw_text: str, *, thread_ts: str | None = None) -> str:
    """A message as Slack delivers it when the rep really typed @channel and mentioned someone: real markup."""
    ch = world.ch("sales")
    message = Message(ts=world.slack._ts.next(), channel=ch.id, team=world.slack.team.id, text=raw_text,
                      user=world.ann.id, client_msg_id=f"raw-{raw_text[:8]}", thread_ts=thread_ts)  # fmt: skip
    store_message(world.slack, ch, message, world.slack.message(ch.id, thread_ts) if thread_ts else None)
    event = {**message.to_api(), "channel": ch.id, "channel_type": "channel", "event_ts": message.ts}
    assert world.slack.deliver_event(event).status == 200
    return message.ts


# ---------------------------------------------------------------- names


def test_hostile_names_in_mentions_are_stored_and_their_cards_escaped(watched: World) -> None:
    w = watched
    for n, (kind, typed) in enumerate(HOSTILE.items()):
        said = w.slack.say(w.ann, w.ch("sales"), f"@Banter met {typed}, CTO at Initech, someone{n}@initech.io")
        assert w.replies(w.ch("sales"), said.ts), f"the rep got an answer ({kind})"
    contacts = _contacts(w)
    assert sorted(e for c in contacts for e in c.emails) == sorted(f"someone{n}@initech.io" for n in range(len(HOSTILE)))
    assert all("\x00" not in c.name and len(c.name) <= 200 for c in contacts)
    assert any("山田" in c.name for c in contacts) and any("Zoë" in c.name + c.note for c in contacts)
    assert_safe(w)


def test_real_slack_markup_in_a_mention_pings_nobody(watched: World) -> None:
    w = watched
    bot = w.slack.team.bot_user_id
    ts = _raw_event(w, f"<@{bot}> met Jane Doe <!channel> <!here>, CTO at <@{FORGED_USER}> Corp, "
                       "<mailto:jane@initech.io|jane@initech.io> <!subteam^S0EVIL|@team>")  # fmt: skip
    assert w.replies(w.ch("sales"), ts)
    assert [c.emails for c in _contacts(w)] == [["jane@initech.io"]]
    assert_safe(w)


def test_hostile_form_fields_are_stored_as_typed_and_shown_escaped(watched: World) -> None:
    w = watched
    w.slack.global_shortcut(w.ann, "new_lead")
    (modal,) = w.slack.modal_stack(w.ann)
    typed = {"name": LONG + " " + SLACK, "title": HTML, "company": SQL + " " + JAPANESE, "event": RTL + " " + EMOJI,
             "note": CONTROL + " " + EVERYTHING, "emails": "zed@initech.io"}  # fmt: skip
    assert w.slack.submit_view(w.ann, modal.id, typed).closed
    (c,) = _contacts(w)
    assert (c.name, c.title, c.company) == (typed["name"], HTML, typed["company"])  # exactly, however long
    assert c.note == typed["note"].replace("\x00", "").strip()  # NUL only: PostgreSQL text cannot hold it
    with w.uow() as uow:
        assert uow.session.execute(text("SELECT count(*) FROM contacts")).scalar() == 1, "the table is still there"
    card = next(m for m in w.slack.team.dm(w.ann).messages if m.bot_id)
    assert "&lt;script&gt;" in message_text(card)
    assert_safe(w)
    w.slack.press(w.ann, w.slack.team.dm(w.ann), card.ts, "Edit")
    (edit,) = w.slack.modal_stack(w.ann)
    assert w.slack.submit_view(w.ann, edit.id, {"title": SLACK + " " + RTL}).closed
    (c,) = _contacts(w)
    assert c.title == SLACK + " " + RTL
    assert_safe(w)


def test_log_as_lead_on_a_hostile_message_is_escaped(watched: World) -> None:
    w = watched
    note = w.slack.say(w.bob, w.ch("random"), f"met {EVERYTHING}, jane@initech.io")
    w.slack.message_shortcut(w.ann, w.ch("random"), note.ts, "log_as_lead")
    assert w.replies(w.ch("random"), note.ts)
    assert len(_contacts(w)) == 1
    assert_safe(w)


# ---------------------------------------------------------------- discovery answers


def test_hostile_discovery_answers_are_kept_as_typed_and_shown_escaped(watched: World) -> None:
    w = watched
    said = w.slack.say(w.ann, w.ch("sales"), "@Banter met Jane Doe, CTO at Initech, jane@initech.io")
    (card,) = w.replies(w.ch("sales"), said.ts)
    w.slack.press(w.ann, w.ch("sales"), card.ts, "Start discovery")
    for answer in (f"need: {SLACK} {HTML}", EVERYTHING, LONG, f"budget: {SQL} 50k; authority: {RTL}; timeline: {JAPANESE}"):
        w.slack.say(w.ann, w.ch("sales"), answer, thread_ts=said.ts)
    _raw_event(w, f"need: reporting is manual <!channel> <@{FORGED_USER}>", thread_ts=said.ts)
    with w.uow() as uow:
        kept = [a.raw_text for a in uow.answers.history(w.slack.team.id, _contacts(w)[0].id)]
    assert any("<!channel>" in k and "<script>" in k for k in kept), kept
    assert len(w.replies(w.ch("sales"), said.ts)) > 3, "every answer was answered"
    assert_safe(w)


# ---------------------------------------------------------------- commands


@pytest.mark.parametrize("command", ["find {}", "show {}", "log {}", "{}", "qualify {}", "promote {}", "forget {}",
                                     "alerts {}", "disqualify {}", "export {}"])  # fmt: skip
def test_hostile_command_text_is_answered_escaped(watched: World, command: str) -> None:
    w = watched
    w.slack.say(w.ann, w.ch("sales"), "@Banter met Jane Doe, CTO at Initech, jane@initech.io")
    for typed in (LONG, SLACK, HTML, CONTROL + RTL, SQL, JAPANESE + EMOJI):
        assert w.slack.slash(w.boss, w.ch("sales"), command.format(typed)).status == 200
    assert len(w.slack.ephemerals(user=w.boss)) >= 6 or w.bot_messages(w.ch("sales")), "answered every time"
    with w.uow() as uow:
        assert len(uow.contacts.all()) >= 1, "SQL-looking text is only text"
    assert_safe(w)


def test_hostile_policy_keys_and_values_are_refused_with_escaped_errors(watched: World) -> None:
    w = watched
    for args in (f"set score_threshold {SLACK}", f"set {SLACK} 5", f"set bant_required {LONG}",
                 f"set rates {HTML}", f"set alert_reps {SQL}", f"set currency {JAPANESE}"):  # fmt: skip
        w.slack.slash(w.boss, w.ch("sales"), f"policy {args}")
    w.slack.slash(w.boss, w.ch("sales"), "policy")
    assert len(w.slack.ephemerals(user=w.boss)) == 7
    assert_safe(w)


def test_hostile_digest_arguments_are_refused_or_stored_and_listed_escaped(watched: World) -> None:
    w = watched
    for args in (f"subscribe #sales {SLACK}", f"subscribe #sales 25:99 Mars/Base {HTML}", f"subscribe #sales {LONG}",
                 "subscribe #sales 08:30 Europe/Berlin event <!here>&<script>", "list"):  # fmt: skip
        w.slack.slash(w.boss, w.ch("sales"), f"digest {args}")
    with w.uow() as uow:
        (sub,) = uow.digests.subscriptions(w.slack.team.id)
    assert sub.filters == {"event": "<!here>&<script>"}, "kept as typed"
    assert any("&lt;!here&gt;&amp;&lt;script&gt;" in e.text + str(e.blocks) for e in w.slack.ephemerals(user=w.boss))
    assert_safe(w)


def test_a_hostile_disqualify_reason_is_kept_and_shown_escaped(watched: World) -> None:
    w = watched
    w.slack.say(w.ann, w.ch("sales"), "@Banter met Jane Doe, CTO at Initech, jane@initech.io")
    w.slack.slash(w.ann, w.ch("sales"), f"disqualify jane@initech.io because {SLACK} {HTML}")
    w.slack.slash(w.ann, w.ch("sales"), "show jane@initech.io")
    with w.uow() as uow:
        (contact,) = uow.contacts.all()
        reason = uow.stages.history(w.slack.team.id, contact.id)[-1].reason
    assert "<!channel>" in reason and "<script>" in reason
    assert_safe(w)
