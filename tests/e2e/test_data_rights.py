"""Forgetting a person on request: admins only, after a confirmation, and nothing of them left."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.model import ContactDraft
from bot.services.contacts import LogContacts, log_draft
from storage import models as m
from storage.models import Base
from tests.harness import World, blocks_text

JANE = ("@Banter met Jane Doe, VP Marketing at Zentrix Labs, jane.doe@zentrix.io, +1 (415) 555-0132, "
        "wants analytics for 40 field reps")  # fmt: skip
TRACES = ("jane.doe@zentrix.io", "jane doe", "zentrix", "4155550132", "analytics for 40", "fourty-two grand")


def _everything_stored(world: World) -> str:
    """Every value of every row of every table, as text, lower-cased."""
    out: list[str] = []
    with world.banter.engine.connect() as conn:  # type: ignore[attr-defined]
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                out += [str(v) for v in row]
    return "\n".join(out).lower()


def _jane_with_history(world: World) -> tuple[int, str]:
    """Jane logged, discovery started, one answer given, logged again, disqualified: her data in every table."""
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    card = world.replies(world.ch("sales"), said.ts)[0]
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "budget is fourty-two grand, 42k a year", thread_ts=said.ts)
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Jane Doe again, jane.doe@zentrix.io, said hi")
    world.slack.slash(world.ann, world.ch("sales"), "disqualify jane.doe@zentrix.io because Zentrix chose a rival")
    with world.uow() as uow:
        (jane,) = uow.contacts.with_email(world.slack.team.id, "jane.doe@zentrix.io")
    assert jane.id is not None
    return jane.id, said.ts


def _confirmation(world: World, user: Any) -> Any:
    shown = [e for e in world.slack.ephemerals(user) if "Forget" in blocks_text(e.blocks)]
    assert shown, world.ephemeral_texts(user)
    return shown[-1]


def test_an_admin_forgets_a_person_and_nothing_of_them_is_left_in_any_table_or_the_export(world: World) -> None:
    jane_id, _ = _jane_with_history(world)
    stored = _everything_stored(world)
    assert all(t in stored for t in TRACES), [t for t in TRACES if t not in stored]  # the scan can see her
    with world.uow() as uow:
        stages_before = len(uow.stages.history(world.slack.team.id, jane_id))
    logged_before = len(world.export())

    world.slack.slash(world.boss, world.ch("sales"), "forget jane.doe@zentrix.io")
    question = _confirmation(world, world.boss)
    assert "Slack messages in the discovery thread stay" in blocks_text(question.blocks)
    world.slack.press(world.boss, world.ch("sales"), question.ts, "Forget")

    stored = _everything_stored(world)
    assert [t for t in TRACES if t in stored] == []
    assert all("zentrix" not in str(r).lower() for r in world.export())
    assert len(world.export()) == logged_before - 1
    with world.uow() as uow:
        row = uow.session.get(m.Contact, jane_id)
        assert row is not None and row.forgotten_at is not None and row.owner_id == world.ann.id
        assert len(uow.stages.history(world.slack.team.id, jane_id)) == stages_before  # counts stay right
        assert uow.contacts.count_since(world.slack.team.id, world.clock.now().replace(day=1)) >= 1
    assert any("Forgotten: 1 record erased" in t for t in world.ephemeral_texts(world.boss))
    assert not world.errors()


def test_the_discovery_threads_slack_messages_stay_after_forgetting(world: World) -> None:
    _, thread_ts = _jane_with_history(world)
    before = len(world.slack.thread(world.ch("sales").id, thread_ts))
    world.slack.slash(world.boss, world.ch("sales"), "forget jane.doe@zentrix.io")
    world.slack.press(world.boss, world.ch("sales"), _confirmation(world, world.boss).ts, "Forget")
    assert len(world.slack.thread(world.ch("sales").id, thread_ts)) == before


def test_a_rep_who_is_not_an_admin_cannot_forget_anyone(world: World) -> None:
    jane_id, _ = _jane_with_history(world)
    world.slack.slash(world.bob, world.ch("sales"), "forget jane.doe@zentrix.io")
    said = world.ephemeral_texts(world.bob)
    assert any("Only a workspace admin" in t for t in said), said
    assert not [e for e in world.slack.ephemerals(world.bob) if "Forget" in blocks_text(e.blocks)]
    with world.uow() as uow:
        assert uow.contacts.get(world.slack.team.id, jane_id) is not None


def test_a_rep_pressing_an_admins_forget_button_is_refused(world: World) -> None:
    jane_id, _ = _jane_with_history(world)
    world.slack.slash(world.boss, world.ch("sales"), "forget jane.doe@zentrix.io")
    value = _confirmation(world, world.boss).blocks[-1]["elements"][0]["value"]
    _forged_forget_button(world, value)
    world.slack.press(world.bob, world.ch("sales"), _last_post(world), "Forget")
    assert any("Only a workspace admin" in t for t in world.ephemeral_texts(world.bob))
    with world.uow() as uow:
        assert uow.contacts.get(world.slack.team.id, jane_id) is not None


def test_a_forget_button_naming_another_workspaces_record_erases_nothing(world: World) -> None:
    jane_id, _ = _jane_with_history(world)
    other = _contact_in_another_workspace(world)
    _forged_forget_button(world, f"c:{jane_id}:{other}")
    world.slack.press(world.boss, world.ch("sales"), _last_post(world), "Forget")
    with world.uow() as uow:
        assert uow.contacts.get(world.slack.team.id, jane_id) is not None  # the whole press was refused
        assert uow.contacts.get("T0OTHER", other) is not None
        assert uow.contacts.get("T0OTHER", other).name == "Otto Other"  # type: ignore[union-attr]
    assert any("isn't in this workspace" in t for t in world.ephemeral_texts(world.boss))


def test_forgetting_an_address_nobody_has_says_so(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "forget nobody@nowhere.io")
    assert any("No contact in this workspace has the address nobody@nowhere.io" in t
               for t in world.ephemeral_texts(world.boss))  # fmt: skip


def _contact_in_another_workspace(world: World) -> int:
    world.slack.add_team("T0OTHER", "Other Co")
    with world.uow() as uow:
        logged = log_draft(uow, LogContacts("T0OTHER", "U0OTHER", ""),
                           ContactDraft(name="Otto Other", emails=("otto@other.io",)), world.clock.now())  # fmt: skip
        uow.commit()
    assert logged.contact.id is not None
    return logged.contact.id


def _forged_forget_button(world: World, value: str) -> None:
    """A message carrying a Forget button whose value someone crafted, posted through the Web API."""
    world.banter.client.chat_postMessage(  # type: ignore[attr-defined]
        channel=world.ch("sales").id, text="forged",
        blocks=[{"type": "actions", "elements": [
            {"type": "button", "action_id": "contact_forget", "text": {"type": "plain_text", "text": "Forget"},
             "value": value}]}],
    )  # fmt: skip


def _last_post(world: World) -> str:
    return world.bot_messages(world.ch("sales"))[-1].ts
