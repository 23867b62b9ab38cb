"""Who may do what: every read and write scoped to the asking workspace, changes by owners or admins."""

from __future__ import annotations

import pytest

from bot.model import ContactDraft, Stage
from bot.services.contacts import LogContacts, log_draft
from handlers.blocks import ids
from tests.harness import World

JANE = "@Banter met Jane Doe, CTO at Acme Corp, jane.doe@acme.com"


def _other_workspace_contact(world: World) -> int:
    world.slack.add_team("T0OTHER", "Other Co")
    with world.uow() as uow:
        logged = log_draft(uow, LogContacts("T0OTHER", "U0OTHER", ""),
                           ContactDraft(name="Otto Other", title="CEO", emails=("otto@other.io",)),
                           world.clock.now())  # fmt: skip
        uow.commit()
    assert logged.contact.id is not None
    return logged.contact.id


def _post_forged_button(world: World, action_id: str, value: str) -> str:
    """A message in #sales with one button whose value someone crafted, posted through the Web API."""
    posted = world.banter.client.chat_postMessage(  # type: ignore[attr-defined]
        channel=world.ch("sales").id, text="forged",
        blocks=[{"type": "actions", "elements": [
            {"type": "button", "action_id": action_id, "text": {"type": "plain_text", "text": "Press"},
             "value": value}]}],
    )  # fmt: skip
    return posted["ts"]


def _card_ts(world: World) -> str:
    said = world.slack.say(world.ann, world.ch("sales"), JANE)
    return world.replies(world.ch("sales"), said.ts)[0].ts


@pytest.mark.parametrize("action_id", [ids.PROMOTE, ids.REMOVE, ids.EDIT, ids.START_DISCOVERY, ids.SNOOZE,
                                       ids.CONTACTED])  # fmt: skip
def test_a_button_naming_another_workspaces_contact_is_refused_and_changes_nothing(world: World, action_id: str) -> None:
    other = _other_workspace_contact(world)
    with world.uow() as uow:
        before = uow.contacts.get("T0OTHER", other)
    ts = _post_forged_button(world, action_id, ids.contact_value(other))
    world.slack.press(world.boss, world.ch("sales"), ts, "Press")  # even an admin of this workspace
    assert any("isn't in this workspace" in t for t in world.ephemeral_texts(world.boss))
    with world.uow() as uow:
        after = uow.contacts.get("T0OTHER", other)
        assert after == before and after is not None and after.stage is Stage.LEAD
        assert uow.discoveries.get("T0OTHER", other) is None
    assert world.slack.modal_stack(world.boss) == []
    assert not world.errors()


def test_a_value_that_is_not_a_contact_is_refused(world: World) -> None:
    ts = _post_forged_button(world, ids.PROMOTE, "c:1 OR 1=1")
    world.slack.press(world.ann, world.ch("sales"), ts, "Press")
    assert any("isn't in this workspace" in t for t in world.ephemeral_texts(world.ann))


def test_someone_who_is_neither_owner_nor_admin_cannot_edit_or_remove_a_contact(world: World) -> None:
    card = _card_ts(world)
    world.slack.press(world.bob, world.ch("sales"), card, "Edit")
    world.slack.press(world.bob, world.ch("sales"), card, "Not a lead")
    refusals = [t for t in world.ephemeral_texts(world.bob) if "Only the contact's owner" in t]
    assert len(refusals) == 2, world.ephemeral_texts(world.bob)
    assert world.slack.modal_stack(world.bob) == []
    assert [r["name"] for r in world.export()] == ["Jane Doe"]


def test_the_owner_may_edit_and_an_admin_may_remove(world: World) -> None:
    card = _card_ts(world)
    world.slack.press(world.ann, world.ch("sales"), card, "Edit")
    assert len(world.slack.modal_stack(world.ann)) == 1
    world.slack.press(world.boss, world.ch("sales"), card, "Not a lead")
    assert world.export() == []


@pytest.mark.parametrize(
    "command",
    ["policy set score_threshold 10", "alerts #prospect-alerts", "digest subscribe #sales 08:30 Europe/Berlin"],
)
def test_policy_alerts_and_digest_settings_are_for_admins_only(world: World, command: str) -> None:
    world.slack.slash(world.bob, world.ch("sales"), command)
    said = world.ephemeral_texts(world.bob)[-1]
    assert ":no_entry:" in said and "admin" in said
    with world.uow() as uow:
        assert uow.settings.get_all(world.slack.team.id) == {}
        assert uow.digests.subscriptions(world.slack.team.id) == []


def test_an_admin_may_change_the_policy_and_subscribe_the_digest(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set score_threshold 10")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 08:30 Europe/Berlin")
    with world.uow() as uow:
        assert uow.settings.get_all(world.slack.team.id).get("policy.score_threshold") == "10"
        assert len(uow.digests.subscriptions(world.slack.team.id)) == 1


def test_search_never_shows_another_workspaces_contacts(world: World) -> None:
    _other_workspace_contact(world)
    world.slack.slash(world.boss, world.ch("sales"), "find otto")
    world.slack.slash(world.boss, world.ch("sales"), "show otto@other.io")
    said = world.ephemeral_texts(world.boss)
    assert len(said) == 2 and all("Otto Other" not in t and "No contact matches" in t for t in said), said
