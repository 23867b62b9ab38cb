"""People listed in BANTER_ADMINS act as admins (policy, alerts, digests, forget) besides Slack's own workspace
admins; everyone else is a plain member and is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import build
from sandbox.fakeslack import BoltTarget
from settings import load
from tests.harness import World, quiet_homes


def _with_admins_from_env(world: World, tmp_path: Path, admins: str) -> None:
    """Banter rebuilt from the environment as a deployment sets it, BANTER_ADMINS included."""
    config = load({
        "SLACK_BOT_TOKEN": world.slack.team.bot_token, "SLACK_SIGNING_SECRET": world.slack.signing_secret,
        "SLACK_API_URL": world.slack.api_url, "DATABASE_URL": world.db_url, "BANTER_ADMINS": admins,
    }, env_file=tmp_path / "absent.env")  # fmt: skip
    rebuilt = build(config, clock=world.clock, listener_executor=world.executor)
    quiet_homes(rebuilt)
    world.banter.engine.dispose()  # type: ignore[attr-defined]
    world.banter = rebuilt
    world.slack.target = BoltTarget(rebuilt.app, wait_idle=world.executor.wait_idle)


def _said(world: World, user) -> list[str]:  # noqa: ANN001
    return [e.text for e in world.slack.ephemerals(user=user)]


def test_banter_admins_is_read_as_a_list_of_user_ids(tmp_path: Path) -> None:
    config = load({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "BANTER_ADMINS": " U01, U02;U03 ,, "},
                  env_file=tmp_path / "absent.env")  # fmt: skip
    assert config.admins == frozenset({"U01", "U02", "U03"})


def test_a_listed_user_may_change_the_policy_and_a_plain_member_is_refused(world: World, tmp_path: Path) -> None:
    assert not world.bob.is_admin and not world.ann.is_admin  # neither is an admin in Slack
    _with_admins_from_env(world, tmp_path, f"U0NOBODY,{world.bob.id}")
    world.slack.slash(world.bob, world.ch("sales"), "policy set score_threshold 55")
    world.slack.slash(world.ann, world.ch("sales"), "policy set bant_required 2")
    (done,) = _said(world, world.bob)
    assert done.startswith(":white_check_mark: Policy updated: `score_threshold` = ") and "55" in done
    (refused,) = _said(world, world.ann)
    assert refused.startswith(":no_entry: Only workspace admins") and "BANTER_ADMINS" in refused
    with world.uow() as uow:
        assert uow.settings.get_all(world.slack.team.id) == {"policy.score_threshold": "55"}


def test_a_listed_user_may_choose_alerts_and_subscribe_digests(world: World, tmp_path: Path) -> None:
    _with_admins_from_env(world, tmp_path, world.bob.id)
    world.slack.slash(world.bob, world.ch("sales"), "alerts #prospect-alerts")
    world.slack.slash(world.bob, world.ch("sales"), "digest subscribe #sales 08:30 Europe/Berlin")
    world.slack.slash(world.ann, world.ch("sales"), "alerts #random")
    world.slack.slash(world.ann, world.ch("sales"), "digest subscribe #random")
    bob_said, ann_said = _said(world, world.bob), _said(world, world.ann)
    assert bob_said[0] == f"Prospect alerts now go to <#{world.ch('prospect-alerts').id}>."
    assert bob_said[1].startswith(f":white_check_mark: <#{world.ch('sales').id}> gets the digest at 08:30 Europe/Berlin")
    assert len(ann_said) == 2 and all(s.startswith(":no_entry: Only workspace admins") for s in ann_said), ann_said
    with world.uow() as uow:
        assert uow.settings.get_all(world.slack.team.id)["alerts_channel"] == world.ch("prospect-alerts").id
        assert [s.channel_id for s in uow.digests.subscriptions(world.slack.team.id)] == [world.ch("sales").id]


def test_a_listed_user_may_reassign_and_close_a_teammates_contact(world: World, tmp_path: Path) -> None:
    _with_admins_from_env(world, tmp_path, world.bob.id)
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Jane Doe, CTO at Acme Corp, jane.doe@acme.com")
    world.slack.slash(world.bob, world.ch("sales"), "promote jane.doe@acme.com")
    world.slack.slash(world.bob, world.ch("sales"), "assign jane.doe@acme.com @boss")
    with world.uow() as uow:
        (jane,) = uow.contacts.all(world.slack.team.id)
    assert (jane.stage.value, jane.owner_id) == ("prospect", world.boss.id)
    assert not [s for s in _said(world, world.bob) if ":no_entry:" in s]


@pytest.mark.parametrize("listed", ["", "U0SOMEONE"])
def test_without_being_listed_a_plain_member_stays_a_plain_member(world: World, tmp_path: Path, listed: str) -> None:
    _with_admins_from_env(world, tmp_path, listed)
    world.slack.slash(world.bob, world.ch("sales"), "policy set score_threshold 55")
    (refused,) = _said(world, world.bob)
    assert refused.startswith(":no_entry:")
    with world.uow() as uow:
        assert uow.settings.get_all(world.slack.team.id) == {}
