"""What Banter says, read as a person would: closed deals, reopening, policy, plurals, stats, scores, phones."""

from __future__ import annotations

from tests.harness import World, message_text


def _card(world: World, said_ts: str) -> str:
    return message_text(world.replies(world.ch("sales"), said_ts)[0])


def _prospect(world: World, line: str, email: str) -> str:
    said = world.slack.say(world.ann, world.ch("sales"), f"@Banter {line}, {email}")
    world.slack.slash(world.ann, world.ch("sales"), f"promote {email}")
    return said.ts


def test_a_lost_deal_reads_lost_with_its_reason_and_offers_no_temperature_or_not_a_lead(world: World) -> None:
    said = _prospect(world, "Raj Patel, CTO at Fleetly", "raj@fleetly.io")
    world.slack.slash(world.ann, world.ch("sales"), "lost raj@fleetly.io went with a competitor")
    assert "*Raj Patel* (CTO, Fleetly) is lost: went with a competitor." in world.ephemeral_texts(world.ann)[-1]
    card = _card(world, said)
    assert "Lost: Raj Patel · went with a competitor" in card and "Disqualified" not in card
    assert "Not a lead" not in card and "cold" not in card and ":snowflake:" not in card
    world.slack.slash(world.ann, world.ch("sales"), "show raj@fleetly.io")
    shown = world.ephemeral_texts(world.ann)[-1]
    assert "Lost: Raj Patel · went with a competitor" in shown and "prospect → *lost*" in shown


def test_promoting_a_lost_deal_says_it_reopens_it(world: World) -> None:
    _prospect(world, "Raj Patel, CTO at Fleetly", "raj@fleetly.io")
    world.slack.slash(world.ann, world.ch("sales"), "lost raj@fleetly.io went with a competitor")
    world.slack.slash(world.ann, world.ch("sales"), "promote raj@fleetly.io")
    assert "is a *prospect* again (reopened from lost: went with a competitor)." in world.ephemeral_texts(world.ann)[-1]
    world.slack.slash(world.ann, world.ch("sales"), "promote raj@fleetly.io")
    assert "is already a *prospect*." in world.ephemeral_texts(world.ann)[-1]


def test_won_twice_is_already_a_customer_and_disqualify_does_not_repeat_itself(world: World) -> None:
    said = _prospect(world, "Jane Doe, VP Marketing at Acme Corp", "jane.doe@acme.com")
    world.slack.slash(world.ann, world.ch("sales"), "won jane.doe@acme.com")
    world.slack.slash(world.ann, world.ch("sales"), "won jane.doe@acme.com")
    first, second = world.ephemeral_texts(world.ann)[-2:]
    assert "is a customer. Well done!" in first and "is already a customer." in second and "Well done" not in second
    card = _card(world, said)
    assert "Customer: Jane Doe" in card and "Not a lead" not in card and "warm" not in card
    world.slack.say(world.ann, world.ch("sales"), "@Banter Lucy Chen, COO at Brightpath, lucy@brightpath.com")
    world.slack.slash(world.ann, world.ch("sales"), "disqualify lucy@brightpath.com")
    said_now = world.ephemeral_texts(world.ann)[-1]
    assert "is now *disqualified*." in said_now and "disqualified by hand" not in said_now


def test_policy_shows_none_and_default_and_reps_as_people(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy")
    shown = world.ephemeral_texts(world.boss)[-1]
    assert "**" not in shown
    assert "`reps` = *none*" in shown and "`rates` = *default (into USD)*" in shown
    assert "`min_budget` = *0 USD*" in shown
    world.slack.slash(world.boss, world.ch("sales"), "policy set reps @ann @bob")
    answer = world.ephemeral_texts(world.boss)[-1]
    assert f"`reps` = *<@{world.ann.id}> <@{world.bob.id}>*" in answer and "|ann" not in answer
    world.slack.slash(world.boss, world.ch("sales"), "policy")
    shown = world.ephemeral_texts(world.boss)[-1]
    assert f"`reps` = *<@{world.ann.id}> <@{world.bob.id}>*" in shown and f"{world.ann.id}," not in shown


def test_counts_are_proper_plurals(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
    world.slack.slash(world.ann, world.ch("sales"), "find jane")
    assert "1 contact matches “jane”" in world.ephemeral_texts(world.ann)[-1]
    world.slack.slash(world.ann, world.ch("sales"), "log Raj Patel, CTO at Fleetly, raj@fleetly.io")
    assert any(f"<@{world.ann.id}> logged 1 new contact with /banter log" == m.text
               for m in world.bot_messages(world.ch("sales")))  # fmt: skip
    world.slack.slash(world.ann, world.ch("sales"), "log Raj Patel, CTO at Fleetly, raj@fleetly.io\n"
                      "Ken Ito, CFO at Megacorp, ken@megacorp.com")  # fmt: skip
    assert any(f"<@{world.ann.id}> logged 1 new contact, 1 already on record with /banter log" == m.text
               for m in world.bot_messages(world.ch("sales")))  # fmt: skip


def test_stats_credit_the_rep_who_logged_the_contact_not_its_new_owner(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
    world.slack.slash(world.ann, world.ch("sales"), f"assign jane.doe@acme.com <@{world.bob.id}|bob>")
    world.slack.slash(world.ann, world.ch("sales"), "promote jane.doe@acme.com")
    world.slack.slash(world.boss, world.ch("sales"), "stats")
    stats = world.ephemeral_texts(world.boss)[-1]
    assert f"<@{world.ann.id}>: *1* logged" in stats and f"<@{world.bob.id}>" not in stats
    assert "median 0 days from lead to prospect" in stats and " d," not in stats


def test_a_capped_score_says_so_and_titles_read_as_seniority(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Tim Cook, Chief Marketing Officer at Apple, "
                           "tim@apple.com, wants a demo, asked for pricing and a quote, booked a call")  # fmt: skip
    card = _card(world, said.ts)
    assert "Why 100 (capped at 100; raw 105)" in card
    assert "+10 title: C-level" in card and "title: Chief" not in card


def test_a_phone_on_the_card_is_grouped_for_reading(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, jane.doe@acme.com, +1 (415) 555-0132")
    card = _card(world, said.ts)
    assert "+1 415-555-0132" in card and "+14155550132" not in card
    assert world.export()[0]["phone"] == "+14155550132", "stored as E.164"


def test_a_timeline_too_far_out_is_not_missing_but_not_yet_qualifying(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Olga Petrova, Head of Ops at Nordwind AG, olga@nordwind.de")
    world.slack.press(world.ann, world.ch("sales"), world.replies(world.ch("sales"), said.ts)[0].ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "timeline: by 31 May 2027", thread_ts=said.ts)
    card = _card(world, said.ts)
    assert "Not yet qualifying: timeline 31 May 2027 is past the 180-day window" in card
    assert "2027-05-31" not in card and "Still missing: no budget given" in card


def test_not_a_lead_and_promote_anyway_ask_first_and_a_prospect_cannot_be_erased_in_one_click(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter met Jane Doe, VP Marketing at Acme Corp, jane@acme.com")
    card = world.replies(world.ch("sales"), said.ts)[0]
    buttons = {e["text"]["text"]: e for b in card.blocks if b["type"] == "actions" for e in b["elements"]
               if e.get("type") == "button"}  # fmt: skip
    assert buttons["Not a lead"]["confirm"]["title"]["text"] == "Not a lead?"
    assert "Jane Doe" in buttons["Not a lead"]["confirm"]["text"]["text"]
    assert buttons["Promote anyway"]["confirm"]["text"]["text"].startswith("Make Jane Doe (Acme Corp) a prospect now, with 0 of 4")
    world.slack.slash(world.ann, world.ch("sales"), "promote jane@acme.com")
    now = message_text(world.slack.message(world.ch("sales").id, card.ts))
    assert "Not a lead" not in now and "Promote anyway" not in now
