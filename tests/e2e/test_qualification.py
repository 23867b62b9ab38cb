"""Qualification: the scenarios Banter was designed from, through the fake Slack."""

from __future__ import annotations

from tests.harness import World, message_text


def _rows(world: World) -> dict[str, dict[str, str]]:
    return {r["name"]: r for r in world.export()}


def _card(world: World, said_ts: str, channel: str = "sales"):  # noqa: ANN202
    return world.replies(world.ch(channel), said_ts)[0]


def test_someone_who_downloaded_a_report_with_name_and_email_only_is_a_cold_lead(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Sam Green, sam.green@gmail.com, downloaded the pricing report")
    row = _rows(world)["Sam Green"]
    assert (row["stage"], row["temperature"]) == ("lead", "cold")
    assert "cold" in message_text(_card(world, said.ts))


def test_the_same_person_after_discovery_is_a_prospect_and_alerted(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Sam Green, sam.green@gmail.com, downloaded the whitepaper")
    world.slack.press(world.ann, world.ch("sales"), _card(world, said.ts).ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "need: their churn reporting is manual; budget: 40k; "
                    "authority: decision maker; timeline: in 6 weeks", thread_ts=said.ts)
    row = _rows(world)["Sam Green"]
    assert row["stage"] == "prospect"
    assert any("New prospect" in message_text(m) for m in world.bot_messages(world.ch("sales")))


def test_a_trade_show_encounter_with_nothing_known_is_a_lead_with_discovery_offered(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("saastr-2026"), "@Banter swapped cards with Olga Petrova, Head of Ops at Nordwind AG, interested")
    card = message_text(_card(world, said.ts, "saastr-2026"))
    assert "Start discovery" in card and "Lead" in card
    row = _rows(world)["Olga Petrova"]
    assert (row["stage"], row["event"]) == ("lead", "saastr-2026")


def test_an_engaged_agency_contact_is_hot_and_a_prospect_when_a_threshold_is_set(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set score_threshold 70")
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Lucas Meyer, Director of Growth at Brightside Agency, "
                           "lucas@brightside.agency, opened three emails, visited the pricing page twice and booked a call")
    row = _rows(world)["Lucas Meyer"]
    assert row["temperature"] == "hot"
    assert row["stage"] == "prospect", "over the threshold, without a full BANT"
    with world.uow() as uow:
        (change,) = [h for h in uow.stages.history(world.slack.team.id, 1) if h.to_stage.value == "prospect"]
    assert "threshold" in change.reason and change.by_user is None
    (alert,) = [message_text(m) for m in world.bot_messages(world.ch("sales")) if "New prospect" in message_text(m)]
    assert "qualified on score (score " in alert and "≥ threshold 70), with BANT still open" in alert
    assert "hot" in message_text(_card(world, said.ts)).lower()


def test_a_hot_lead_without_a_threshold_stays_a_lead_and_is_alerted_as_hot(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Lucas Meyer, Director of Growth at Brightside Agency, "
                    "lucas@brightside.agency, opened three emails, visited the pricing page twice and booked a call")
    row = _rows(world)["Lucas Meyer"]
    assert (row["stage"], row["temperature"]) == ("lead", "hot")
    hot = [m for m in world.bot_messages(world.ch("sales")) if "Hot lead" in message_text(m)]
    assert len(hot) == 1


def test_promote_anyway_survives_re_evaluation_until_a_person_changes_it(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Olga Petrova, Head of Ops at Nordwind AG, olga@nordwind.de")
    world.slack.press(world.ann, world.ch("sales"), _card(world, said.ts).ts, "Promote anyway")
    assert _rows(world)["Olga Petrova"]["stage"] == "prospect"
    world.slack.press(world.ann, world.ch("sales"), _card(world, said.ts).ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "no budget yet", thread_ts=said.ts)
    assert _rows(world)["Olga Petrova"]["stage"] == "prospect", "the person's decision stands"
    with world.uow() as uow:
        history = uow.stages.history(world.slack.team.id, 1)
    assert history[-1].by_user == world.ann.id and history[-1].to_stage.value == "prospect"


def test_disqualify_with_a_reason_from_the_card_and_by_command(world: World) -> None:
    a = world.slack.say(world.ann, world.ch("sales"), "@Banter Tom Reed, student, tom.reed@uni.edu")
    world.slack.press(world.ann, world.ch("sales"), _card(world, a.ts).ts, "student or researcher")
    world.slack.say(world.ann, world.ch("sales"), "@Banter Pat Lane, Buyer at Rivalsoft, pat@rivalsoft.com")
    world.slack.slash(world.ann, world.ch("sales"), "disqualify pat@rivalsoft.com because competitor")
    rows = _rows(world)
    assert rows["Tom Reed"]["stage"] == "disqualified" and rows["Pat Lane"]["stage"] == "disqualified"
    with world.uow() as uow:
        reasons = [uow.stages.history(world.slack.team.id, i)[-1].reason for i in (1, 2)]
    assert reasons == ["student or researcher", "competitor"]


def test_the_policy_is_shown_to_anyone_and_changed_only_by_admins_with_clear_errors(world: World) -> None:
    world.slack.slash(world.ann, world.ch("sales"), "policy")
    assert any("bant_required" in t and "score_threshold" in t for t in world.ephemeral_texts(world.ann))
    world.slack.slash(world.ann, world.ch("sales"), "policy set bant_required 3")
    assert any("Only workspace admins" in t for t in world.ephemeral_texts(world.ann))
    world.slack.slash(world.boss, world.ch("sales"), "policy set bant_required five")
    assert any("bant_required" in t and "five" in t for t in world.ephemeral_texts(world.boss))
    world.slack.slash(world.boss, world.ch("sales"), "policy set bant_required 3")
    with world.uow() as uow:
        from bot.services.workspace import load_config

        assert load_config(uow, world.slack.team.id).policy.bant_required == 3
        audit = uow.session.execute(__import__("sqlalchemy").text("SELECT user_id, detail FROM audit_log")).all()
    assert (world.boss.id, "bant_required=3") in [tuple(r) for r in audit]


def test_three_of_four_under_ibms_rule_promotes(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set bant_required 3")
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
    world.slack.press(world.ann, world.ch("sales"), _card(world, said.ts).ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "budget: 50k; authority: decision maker; need: forecasting is a mess",
                    thread_ts=said.ts)
    assert _rows(world)["Jane Doe"]["stage"] == "prospect"


def test_show_reads_back_the_stage_history_with_time_in_each_stage(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Olga Petrova, Head of Ops at Nordwind AG, olga@nordwind.de")
    world.clock.advance(days=3)
    world.slack.slash(world.ann, world.ch("sales"), "promote olga@nordwind.de")
    world.clock.advance(hours=5)
    world.slack.slash(world.bob, world.ch("sales"), "show olga")
    (shown,) = [t for t in world.ephemeral_texts(world.bob) if "Stage history" in t]
    assert "3 days as lead" in shown and "prospect for 5 hours so far" in shown
    assert "Lead: Olga Petrova" not in shown and "Prospect: Olga Petrova" in shown and "New lead" not in shown
    assert "Mon 23 Nov 2026, 10:00" in shown, "Bob reads the history on New York time"
    assert "Open the contact's thread" in shown


def test_the_prospect_alert_says_who_what_how_warm_and_where(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Sam Green, CFO at Greenco, sam@greenco.com")
    world.slack.press(world.ann, world.ch("sales"), _card(world, said.ts).ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "need: their churn reporting is manual; budget: 40k; "
                    "authority: decision maker; timeline: in 6 weeks", thread_ts=said.ts)
    (alert,) = [m for m in world.bot_messages(world.ch("sales")) if "New prospect" in message_text(m)]
    text = message_text(alert)
    assert "New prospect: Sam Green" in text
    assert "*Sam Green* (CFO, Greenco) qualified as a prospect" in text
    assert "Budget*: $40,000" in text and "Authority*: decision maker" in text
    assert "Need*: confirmed" in text and "churn reporting is manual" in text and "Timeline*: by " in text
    assert "*Score 85* · :fire: hot" in text and "Why 85" in text
    assert f"<@{world.ann.id}>, over to you" in text
    buttons = [e for b in alert.blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == ["Open thread", "Contacted"]
    assert buttons[0]["url"].endswith(f"thread_ts={said.ts}&cid={world.ch('sales').id}")
    assert "(score 85, hot)" in alert.text


def test_a_prospect_promoted_by_hand_is_alerted_as_such(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Lucy Chen, COO at Brightpath, lucy@brightpath.com")
    world.slack.slash(world.ann, world.ch("sales"), "promote lucy@brightpath.com")
    (alert,) = [m for m in world.bot_messages(world.ch("sales")) if "New prospect" in message_text(m)]
    text = message_text(alert)
    assert f"<@{world.ann.id}> promoted *Lucy Chen* (COO, Brightpath) by hand; BANT not yet confirmed." in text
    assert "qualified as a prospect" not in text and ":snowflake: cold" in text
    assert "*Lucy Chen* (COO, Brightpath) is now a *prospect*. I told the team." in world.ephemeral_texts(world.ann)[-1]


def test_a_teammate_cannot_close_or_promote_another_reps_deal(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
    for command in ("won jane.doe@acme.com", "promote jane.doe@acme.com", "disqualify jane.doe@acme.com because spam"):
        world.slack.slash(world.bob, world.ch("sales"), command)
    assert _rows(world)["Jane Doe"]["stage"] == "lead"
    refusals = [t for t in world.ephemeral_texts(world.bob) if "Only the contact's owner" in t]
    assert len(refusals) == 3 and all(f"<@{world.ann.id}>" in t for t in refusals)
    world.slack.slash(world.boss, world.ch("sales"), "promote jane.doe@acme.com")
    assert _rows(world)["Jane Doe"]["stage"] == "prospect", "an admin may"


def test_an_ambiguous_name_is_never_guessed(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Dole, CFO at Initech, jane.dole@initech.com")
    world.slack.slash(world.ann, world.ch("sales"), "promote jane")
    assert {r["stage"] for r in world.export()} == {"lead"}
    (answer,) = [t for t in world.ephemeral_texts(world.ann) if "fits several" in t]
    assert "jane.doe@acme.com" in answer and "jane.dole@initech.com" in answer
    world.slack.slash(world.ann, world.ch("sales"), "promote Jane Dole")
    assert _rows(world)["Jane Dole"]["stage"] == "prospect" and _rows(world)["Jane Doe"]["stage"] == "lead"


def test_an_admin_who_is_demoted_in_slack_loses_the_right_within_a_day(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set bant_required 3")
    world.boss.is_admin = False  # demoted in Slack
    world.clock.advance(hours=13)
    world.slack.slash(world.boss, world.ch("sales"), "policy set bant_required 2")
    assert any("Only workspace admins" in t for t in world.ephemeral_texts(world.boss))
    with world.uow() as uow:
        from bot.services.workspace import load_config

        assert load_config(uow, world.slack.team.id).policy.bant_required == 3
