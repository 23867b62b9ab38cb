"""Each workspace sees only its own pipeline, and a rep changes only what is theirs: every command and every
action, fed another workspace's ids or a teammate's contact, reads nothing and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk import WebClient
from sqlalchemy import text

from handlers.blocks import ids
from storage.models import Base
from tests.harness import blocks_text, message_text
from tests.reliability.conftest import TwoTeams

PRIYA = "@Banter met Priya Raman, CTO at Initech Systems, priya@initech.io, +1 415 555 0132, booked a call"
SECRETS = ("Priya", "priya@initech.io", "4155550132", "Initech", "CTO", "booked")  # what only Acme knows


def _priya(t: TwoTeams) -> tuple[int, str]:
    """Ann logs Priya in Acme; the id of Priya's contact and the ts of her card."""
    said = t.slack.say(t.ann, t.sales, PRIYA)
    card = next(m for m in t.slack.thread(t.sales.id, said.ts)[1:] if m.bot_id)
    with t.uow() as uow:
        (priya,) = uow.contacts.all(t.acme.id)
    assert priya.id is not None
    return priya.id, card.ts


def _eves_own(t: TwoTeams) -> int:
    t.slack.say(t.eve, t.rival_sales, "@Banter met Jon Roe, COO at Foo Ltd, jon@foo.io")
    with t.uow() as uow:
        (jon,) = uow.contacts.all(t.rival.id)
    assert jon.id is not None
    return jon.id


def team_rows(t: TwoTeams, team_id: str, *, skip: tuple[str, ...] = ()) -> str:
    """Every row of every table that belongs to one workspace, in a stable order."""
    out = []
    with t.uow() as uow:
        for table in Base.metadata.sorted_tables:
            if "team_id" not in table.c or table.name in skip:
                continue
            rows = uow.session.execute(text(f'SELECT * FROM "{table.name}" WHERE team_id = :t'), {"t": team_id}).all()
            out.append(f"{table.name}: {sorted(map(repr, rows))}")
    return "\n".join(out)


def seen_in(t: TwoTeams, team_id: str) -> str:
    """Everything Banter sent into one workspace: Web API calls, ephemerals, uploaded files, views."""
    parts = [repr(c.args) for c in list(t.slack.calls) if c.team == team_id]
    parts += [e.text + blocks_text(e.blocks) for e in t.slack.ephemerals() if e.team == team_id]
    parts += [(f.content or b"").decode("utf-8", "replace") for f in t.slack.files.values() if f.team_id == team_id]
    parts += [repr(v.body) for v in t.slack.views.values() if v.team_id == team_id]
    return "\n".join(parts)


def _leaks(t: TwoTeams, typed: str = "") -> list[str]:
    """Acme's facts that reached Rival (what Eve typed herself may be echoed back to her)."""
    shown = seen_in(t, t.rival.id)
    return [s for s in SECRETS if s in shown and s.lower() not in typed.lower()]


def _forged_press(t: TwoTeams, action_id: str, value: str) -> int:
    """Eve presses, in Rival, an element naming a contact by id: what a crafted payload would send. Menus that
    carry no value (users_select, datepicker) name their contact in the block id, as Banter renders them."""
    client = WebClient(token=t.rival.bot_token, base_url=t.slack.api_url)
    cid = value.split(":")[1]
    if action_id == ids.ASSIGN:
        element, block_id, pick = {"type": "users_select", "action_id": action_id}, f"card_{cid}", t.eve.id
    elif action_id == ids.REMIND_DATE:
        element, block_id, pick = {"type": "datepicker", "action_id": action_id}, f"card_{cid}", "2026-12-01"
    else:
        element = {"type": "button", "text": {"type": "plain_text", "text": "Press"}, "action_id": action_id,
                   "value": value}  # fmt: skip
        block_id, pick = "forged", value
    block = {"type": "actions", "block_id": block_id, "elements": [element]}
    ts = client.chat_postMessage(channel=t.rival_sales.id, text="a button", blocks=[block])["ts"]
    return t.slack.press(t.eve, t.rival_sales, ts, action_id=action_id, value=pick).status


# action id -> values to forge, given Priya's id (Acme) and Jon's id (Rival, Eve's own)
_ONE = lambda priya, jon: [f"c:{priya}"]  # noqa: E731
FORGED: dict[str, Any] = {
    ids.START_DISCOVERY: _ONE,
    ids.EDIT: _ONE,
    ids.REMOVE: _ONE,
    ids.PROMOTE: _ONE,
    ids.DISQUALIFY: lambda priya, jon: [f"c:{priya}:competitor"],
    ids.MERGE: lambda priya, jon: [f"c:{jon}:{priya}", f"c:{priya}:{jon}"],  # pull Priya into Eve's contact, or back
    ids.KEEP_BOTH: lambda priya, jon: [f"c:{priya}:{jon}"],
    ids.AUTHORITY: lambda priya, jon: [f"c:{priya}:decision_maker"],
    ids.CONTACTED: _ONE,
    ids.SNOOZE: _ONE,
    ids.OPEN: _ONE,
    ids.FORGET: lambda priya, jon: [f"c:{priya}", f"c:{jon}:{priya}"],  # all named records must be Rival's
    **{a: _ONE for a in getattr(ids, "PIPELINE_ACTIONS", ())},  # remind, assign, won, lost, follow-up done/snooze
}


def test_every_action_has_a_forgery_case() -> None:
    assert sorted(FORGED) == sorted(ids.ALL_ACTIONS)


@pytest.mark.parametrize("action_id", ids.ALL_ACTIONS)
def test_an_action_naming_another_workspaces_contact_reads_and_changes_nothing(two_teams: TwoTeams,
                                                                               action_id: str) -> None:  # fmt: skip
    t = two_teams
    priya, _ = _priya(t)
    jon = _eves_own(t)
    before_acme, before_rival = team_rows(t, t.acme.id), team_rows(t, t.rival.id)
    pressed_id = f"{ids.AUTHORITY}_decision_maker" if action_id == ids.AUTHORITY else action_id
    for value in FORGED[action_id](priya, jon):
        assert _forged_press(t, pressed_id, value) == 200
    assert team_rows(t, t.acme.id) == before_acme, "Acme's data changed through Rival"
    if action_id in (ids.MERGE, ids.FORGET):
        assert team_rows(t, t.rival.id) == before_rival, "all or nothing: Eve's own record is untouched too"
    assert _leaks(t) == []
    assert t.slack.modal_stack(t.eve) == [], "no form opened with another workspace's contact"
    assert t.executor.errors == []


COMMANDS = [
    "show priya@initech.io", "show Priya Raman", "find priya", "find Initech", "find 4155550132", "qualify priya@initech.io",
    "promote priya@initech.io", "disqualify priya@initech.io because competitor", "forget priya@initech.io", "export", "digest",
    "remind priya@initech.io tomorrow 10am", "remind Priya Raman next week", "assign priya@initech.io @eve",
    "won priya@initech.io", "lost priya@initech.io went with a competitor", "stats", "stats Initech", "stats this month",
    "alerts #sales", "policy set score_threshold 10",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_naming_another_workspaces_contact_reads_and_changes_nothing(two_teams: TwoTeams,
                                                                               command: str) -> None:  # fmt: skip
    t = two_teams
    _priya(t)
    _eves_own(t)
    before = team_rows(t, t.acme.id)
    assert t.slack.slash(t.eve, t.rival_sales, command).status == 200
    assert team_rows(t, t.acme.id) == before
    assert _leaks(t, typed=command) == []
    assert t.slack.ephemerals(user=t.eve), "Eve was answered"
    assert t.executor.errors == []


def test_on_every_database_no_action_or_command_reaches_another_workspace(two_teams_every_db: TwoTeams) -> None:
    """The cases above, swept in one world per database backend (PostgreSQL in CI)."""
    t = two_teams_every_db
    priya, _ = _priya(t)
    jon = _eves_own(t)
    before_acme, before_rival = team_rows(t, t.acme.id), team_rows(t, t.rival.id)
    for action_id in ids.ALL_ACTIONS:
        pressed_id = f"{ids.AUTHORITY}_decision_maker" if action_id == ids.AUTHORITY else action_id
        for value in FORGED[action_id](priya, jon):
            assert _forged_press(t, pressed_id, value) == 200
        assert team_rows(t, t.acme.id) == before_acme, action_id
    assert team_rows(t, t.rival.id) == before_rival, "a forged merge or forget took nothing from Acme"
    for command in COMMANDS:
        assert t.slack.slash(t.eve, t.rival_sales, command).status == 200
        assert team_rows(t, t.acme.id) == before_acme, command
    assert _leaks(t, typed=" ".join(COMMANDS)) == [] and t.executor.errors == []


def test_the_same_person_logged_in_two_workspaces_is_two_separate_contacts(two_teams: TwoTeams) -> None:
    t = two_teams
    _priya(t)
    before = team_rows(t, t.acme.id)
    said = t.slack.say(t.eve, t.rival_sales, "@Banter met Priya Raman, CFO at Initech Systems, priya@initech.io")
    (card,) = [m for m in t.slack.thread(t.rival_sales.id, said.ts)[1:] if m.bot_id]
    assert "Already logged" not in message_text(card) and "asked for pricing" not in message_text(card)
    assert team_rows(t, t.acme.id) == before
    with t.uow() as uow:
        (acme_priya,), (rival_priya,) = uow.contacts.all(t.acme.id), uow.contacts.all(t.rival.id)
    assert (acme_priya.title, rival_priya.title) == ("CTO", "CFO") and acme_priya.id != rival_priya.id


def test_an_edit_form_resubmitted_with_another_workspaces_contact_id_changes_nothing(two_teams: TwoTeams) -> None:
    t = two_teams
    priya, _ = _priya(t)
    jon = _eves_own(t)
    (card,) = [m for m in t.rival_sales.messages[-1:] + [r for m in t.rival_sales.messages for r in m.replies]
               if m.bot_id and "Jon Roe" in message_text(m)][:1]  # fmt: skip
    t.slack.press(t.eve, t.rival_sales, card.ts, "Edit")
    (modal,) = t.slack.modal_stack(t.eve)
    assert modal.body["private_metadata"] == str(jon)
    modal.body["private_metadata"] = str(priya)  # what a crafted submission would carry
    before = team_rows(t, t.acme.id)
    submitted = t.slack.submit_view(t.eve, modal.id, {"name": "Hacked Name", "emails": "eve@rival.io"})
    assert submitted.errors and not submitted.closed
    assert team_rows(t, t.acme.id) == before
    assert _leaks(t) == []


# ---------------------------------------------------------------- a teammate's contact


def test_a_teammate_cannot_edit_remove_disqualify_or_forget_anothers_contact(two_teams: TwoTeams) -> None:
    t = two_teams
    priya, card_ts = _priya(t)
    before = team_rows(t, t.acme.id, skip=("reps",))  # Bob's own name and time zone are remembered
    t.slack.press(t.bob, t.sales, card_ts, "Edit")
    assert t.slack.modal_stack(t.bob) == [], "no edit form for a contact Bob does not own"
    t.slack.press(t.bob, t.sales, card_ts, "Not a lead")
    t.slack.press(t.bob, t.sales, card_ts, action_id=ids.DISQUALIFY, value=ids.contact_value(priya, "competitor"))
    t.slack.slash(t.bob, t.sales, "disqualify priya@initech.io because competitor")
    t.slack.slash(t.bob, t.sales, "forget priya@initech.io")
    assert team_rows(t, t.acme.id, skip=("reps",)) == before
    refusals = [e.text for e in t.slack.ephemerals(user=t.bob)]
    assert len(refusals) == 5 and all(":no_entry:" in r or "Only" in r for r in refusals), refusals


def test_a_teammate_resubmitting_an_edit_form_for_anothers_contact_is_refused(two_teams: TwoTeams) -> None:
    t = two_teams
    priya, _ = _priya(t)
    said = t.slack.say(t.bob, t.sales, "@Banter met Raj Patel, CTO at Globex, raj@globex.de")
    (bobs_card,) = [m for m in t.slack.thread(t.sales.id, said.ts)[1:] if m.bot_id]
    t.slack.press(t.bob, t.sales, bobs_card.ts, "Edit")
    (modal,) = t.slack.modal_stack(t.bob)
    modal.body["private_metadata"] = str(priya)
    before = team_rows(t, t.acme.id)
    submitted = t.slack.submit_view(t.bob, modal.id, {"name": "Changed By Bob"})
    assert submitted.errors and "owner" in " ".join(submitted.errors.values())
    assert team_rows(t, t.acme.id) == before


def test_a_reps_home_lists_only_their_own_discoveries(two_teams: TwoTeams) -> None:
    t = two_teams
    _, card_ts = _priya(t)
    t.slack.press(t.ann, t.sales, card_ts, "Start discovery")
    t.slack.open_home(t.bob)
    t.slack.open_home(t.eve)
    bob_home, eve_home = t.slack.home(t.bob, t.acme), t.slack.home(t.eve, t.rival)
    assert bob_home is not None and eve_home is not None
    assert "Priya" not in blocks_text(bob_home.body["blocks"]) and "Priya" not in blocks_text(eve_home.body["blocks"])
    t.slack.open_home(t.ann)
    ann_home = t.slack.home(t.ann, t.acme)
    assert ann_home is not None and "Priya" in blocks_text(ann_home.body["blocks"])


# ---------------------------------------------------------------- pipeline commands across workspaces


def _forged_slash(t: TwoTeams, text: str) -> None:
    """Eve's `/banter` with markup she typed by hand (Slack's client would have escaped it): another
    workspace's channel id, for instance."""
    from urllib.parse import urlencode

    from sandbox.fakeslack.payloads import slash_form
    from sandbox.fakeslack.responses import ResponseContext
    from sandbox.fakeslack.sender import FORM

    url = t.slack._issue_response_url(ResponseContext(t.rival.id, t.rival_sales.id, t.eve.id))
    form = slash_form(t.rival, t.eve, t.rival_sales, "/banter", text, url, "1.2.forged")
    assert t.slack.send_raw(urlencode(form), FORM).status == 200


@pytest.mark.parametrize("command", ["remind priya@initech.io tomorrow 10am", "assign priya@initech.io @eve",
                                     "won priya@initech.io", "lost priya@initech.io went with a competitor"])  # fmt: skip
def test_a_pipeline_command_naming_another_workspaces_contact_finds_nothing(two_teams: TwoTeams, command: str) -> None:
    t = two_teams
    _priya(t)
    _eves_own(t)
    before = team_rows(t, t.acme.id)
    t.slack.slash(t.eve, t.rival_sales, command)
    (said,) = [e.text for e in t.slack.ephemerals(user=t.eve)]
    assert said.startswith(":mag: No contact matches “priya@initech.io"), said
    assert team_rows(t, t.acme.id) == before
    with t.uow() as uow:
        acme_ids = [c.id for c in uow.contacts.all(t.acme.id)]
        assert [a.kind for a in uow.activities.for_contacts(t.acme.id, acme_ids)] == ["logged"]


def test_stats_count_only_the_asking_workspaces_contacts(two_teams: TwoTeams) -> None:
    t = two_teams
    _priya(t)
    t.slack.say(t.ann, t.sales, "@Banter met Raj Patel, CTO at Globex, raj@globex.de")
    t.slack.slash(t.ann, t.sales, "promote raj@globex.de")
    _eves_own(t)
    t.slack.slash(t.eve, t.rival_sales, "stats")
    t.slack.slash(t.ann, t.sales, "stats")
    (eve_said,), ann_said = [e.text for e in t.slack.ephemerals(user=t.eve)], [e.text for e in t.slack.ephemerals(user=t.ann)]
    assert eve_said == "all time: 1 logged, 0 promoted (0%), 0 won (0%)"
    assert ann_said[-1] == "all time: 2 logged, 1 promoted (50%), 0 won (0%)"
    assert _leaks(t) == []


def test_logging_the_same_person_by_command_in_another_workspace_reveals_nothing_known_there(two_teams: TwoTeams) -> None:
    t = two_teams
    _priya(t)
    before = team_rows(t, t.acme.id)
    typed = "log Priya Raman, priya@initech.io"
    t.slack.slash(t.eve, t.rival_sales, typed)
    with t.uow() as uow:
        (rival_priya,) = uow.contacts.all(t.rival.id)
    assert (rival_priya.name, rival_priya.emails, rival_priya.title, rival_priya.company, rival_priya.phones) == (
        "Priya Raman", ["priya@initech.io"], "", "", [])
    assert team_rows(t, t.acme.id) == before
    assert _leaks(t, typed=typed) == [] and "Already logged" not in seen_in(t, t.rival.id)


def test_alerts_and_policy_set_in_one_workspace_change_nothing_in_the_other(two_teams: TwoTeams) -> None:
    t = two_teams
    _priya(t)
    with t.uow() as uow:
        acme_settings = uow.settings.get_all(t.acme.id)
    t.slack.slash(t.eve, t.rival_sales, "policy set score_threshold 10")
    t.slack.slash(t.eve, t.rival_sales, "alerts #sales")
    with t.uow() as uow:
        assert uow.settings.get_all(t.acme.id) == acme_settings
        rival = uow.settings.get_all(t.rival.id)
    assert (rival.get("policy.score_threshold"), rival.get("alerts_channel")) == ("10", t.rival_sales.id)
    t.slack.slash(t.ann, t.sales, "policy")
    assert "`score_threshold` = *off*" in blocks_text(t.slack.ephemerals(user=t.ann)[-1].blocks)


def test_alerts_pointed_at_another_workspaces_channel_post_nothing_there(two_teams: TwoTeams) -> None:
    t = two_teams
    _priya(t)
    before = team_rows(t, t.acme.id)
    acme_messages = [m.ts for m in t.sales.messages]
    _forged_slash(t, f"alerts <#{t.sales.id}|sales>")
    jon = _eves_own(t)
    t.slack.slash(t.eve, t.rival_sales, "promote jon@foo.io")
    with t.uow() as uow:
        assert uow.contacts.get(t.rival.id, jon).stage.value == "prospect"  # type: ignore[union-attr]
    assert [m.ts for m in t.sales.messages] == acme_messages, "nothing posted into Acme's channel"
    assert [c for c in t.slack.calls_to("chat.postMessage") if c.args.get("channel") == t.sales.id
            and c.team == t.rival.id and (c.response or {}).get("ok")] == []  # fmt: skip
    assert team_rows(t, t.acme.id) == before


# ---------------------------------------------------------------- a teammate's contact: pipeline commands


def test_a_teammate_cannot_assign_win_or_lose_anothers_contact_by_command(two_teams: TwoTeams) -> None:
    t = two_teams
    _priya(t)
    t.slack.slash(t.ann, t.sales, "promote priya@initech.io")
    before = team_rows(t, t.acme.id, skip=("reps",))
    for command in ("assign priya@initech.io @bob", "won priya@initech.io", "lost priya@initech.io went with a competitor"):
        t.slack.slash(t.bob, t.sales, command)
    assert [e.text for e in t.slack.ephemerals(user=t.bob)] == [
        f":no_entry: Only the contact's owner or a workspace admin can reassign it. Ask its owner, <@{t.ann.id}>.",
        f":no_entry: Only the contact's owner or a workspace admin can change its stage. Ask its owner, <@{t.ann.id}>.",
        f":no_entry: Only the contact's owner or a workspace admin can change its stage. Ask its owner, <@{t.ann.id}>.",
    ]
    assert team_rows(t, t.acme.id, skip=("reps",)) == before


def test_a_teammate_cannot_assign_win_or_lose_anothers_contact_from_its_card(two_teams: TwoTeams) -> None:
    t = two_teams
    priya, card_ts = _priya(t)
    t.slack.slash(t.ann, t.sales, "promote priya@initech.io")
    before = team_rows(t, t.acme.id, skip=("reps",))
    t.slack.press(t.bob, t.sales, card_ts, action_id=ids.ASSIGN, value=t.bob.id)
    t.slack.press(t.bob, t.sales, card_ts, "Won")
    t.slack.press(t.bob, t.sales, card_ts, action_id=ids.LOST, value=ids.contact_value(priya, "competitor"))
    refusals = [e.text for e in t.slack.ephemerals(user=t.bob)]
    assert len(refusals) == 3 and all(r.startswith(":no_entry: Only the contact's owner") for r in refusals), refusals
    assert team_rows(t, t.acme.id, skip=("reps",)) == before
    assert t.executor.errors == []


def test_the_owner_may_assign_and_close_their_own_contact(two_teams: TwoTeams) -> None:
    """The other side of the rule above: the same commands from Ann, the owner, do what they say."""
    t = two_teams
    priya, _ = _priya(t)
    t.slack.slash(t.ann, t.sales, "promote priya@initech.io")
    t.slack.slash(t.ann, t.sales, "won priya@initech.io")
    t.slack.slash(t.ann, t.sales, "assign priya@initech.io @bob")
    with t.uow() as uow:
        c = uow.contacts.get(t.acme.id, priya)
    assert c is not None and (c.stage.value, c.owner_id) == ("customer", t.bob.id)


def test_a_teammate_may_set_a_reminder_on_anothers_contact_and_it_goes_to_the_owner(two_teams: TwoTeams) -> None:
    """The code's rule (bot/services/followups.set_follow_up has no owner check): any rep of the workspace may
    ask for a follow-up on a teammate's contact; the owner is the one reminded, at their own 10:00."""
    t = two_teams
    priya, _ = _priya(t)
    t.slack.slash(t.bob, t.sales, "remind priya@initech.io tomorrow 10am")
    (said,) = [e.text for e in t.slack.ephemerals(user=t.bob)]
    assert said == (f":alarm_clock: I'll remind <@{t.ann.id}> on Tuesday 24 November at 10:00 (their time) "
                    "to follow up with *Priya Raman* (CTO, Initech Systems).")  # fmt: skip
    with t.uow() as uow:
        c = uow.contacts.get(t.acme.id, priya)
        (set_by,) = uow.activities.for_contacts(t.acme.id, [priya], ["follow_up_set"])
    assert c is not None and c.owner_id == t.ann.id
    assert c.follow_up_at is not None and c.follow_up_at.astimezone(UTC) == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert set_by.user_id == t.bob.id
