"""The App Home, search, show and help, through the fake Slack."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.model import ContactDraft, Signal, Stage
from bot.services import qualification as q
from bot.services.contacts import LogContacts, log_draft
from tests.harness import World, blocks_text

HANK = "@Banter met Hank Hot, VP Sales at Hotco, hank@hotco.com, asked for pricing, wants a demo, booked a call"
JANE = "@Banter met Jane Doe, CTO at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132"
RAJ = "@Banter met Raj Patel, Head of IT at Globex, raj@globex.com"


def _log(world: World, text: str) -> str:
    said = world.slack.say(world.ann, world.ch("saastr-2026"), text)
    return said.ts


def test_find_tolerates_typos_and_case_and_answers_only_the_asker(world: World) -> None:
    _log(world, JANE)
    _log(world, RAJ)
    world.slack.slash(world.ann, world.ch("sales"), "find Jnae Doe")
    world.slack.slash(world.ann, world.ch("sales"), "find GLOBEX")
    world.slack.slash(world.ann, world.ch("sales"), "find 555-0132")
    typo, case, phone = world.ephemeral_texts(world.ann)
    assert "Jane Doe" in typo and "Raj Patel" not in typo
    assert "Raj Patel" in case and "Jane Doe" not in case
    assert "Jane Doe" in phone
    assert world.ephemeral_texts(world.bob) == []
    assert not [m for m in world.bot_messages(world.ch("sales"))]  # nothing posted for the channel to see


def test_find_tolerates_swapped_letters_in_one_short_word(world: World) -> None:
    _log(world, JANE)
    _log(world, RAJ)
    world.slack.slash(world.ann, world.ch("sales"), "find jnae")
    world.slack.slash(world.ann, world.ch("sales"), "find glboex")
    world.slack.slash(world.ann, world.ch("sales"), "find zzzz")
    jane, globex, nobody = world.ephemeral_texts(world.ann)
    assert "Jane Doe" in jane and "Raj Patel" not in jane
    assert "Raj Patel" in globex and "Jane Doe" not in globex
    assert "Jane Doe" not in nobody and "Raj Patel" not in nobody


def test_find_by_event_lists_the_people_met_there(world: World) -> None:
    _log(world, JANE)
    world.slack.slash(world.bob, world.ch("sales"), "find saastr")
    assert "Jane Doe" in world.ephemeral_texts(world.bob)[-1]


def test_show_gives_the_card_with_score_reasons_and_stage_history(world: World) -> None:
    _log(world, JANE)
    world.slack.slash(world.ann, world.ch("sales"), "promote jane.doe@acme.com")
    world.slack.slash(world.ann, world.ch("sales"), "show jane doe")
    shown = world.ephemeral_texts(world.ann)[-1]
    assert "Jane Doe" in shown and "Stage history" in shown
    assert "→ *lead*" in shown and "→ *prospect*" in shown and "promoted by hand" in shown
    assert "Promote anyway" not in shown  # a card to read, not buttons to press twice


def test_show_of_nobody_says_nothing_matches(world: World) -> None:
    world.slack.slash(world.ann, world.ch("sales"), "show zed nobody")
    assert "No contact matches" in world.ephemeral_texts(world.ann)[-1]


def test_the_app_home_shows_hot_leads_prospects_discoveries_and_the_months_numbers(world: World) -> None:
    _log(world, HANK)
    _log(world, JANE)
    raj_ts = _log(world, RAJ)
    world.slack.slash(world.ann, world.ch("sales"), "promote jane.doe@acme.com")
    raj_card = world.replies(world.ch("saastr-2026"), raj_ts)[0]
    world.slack.press(world.ann, world.ch("saastr-2026"), raj_card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch("saastr-2026"), "budget is 50k a year", thread_ts=raj_ts)

    world.slack.open_home(world.ann)
    home = world.slack.home(world.ann)
    assert home is not None
    text = blocks_text(home.body["blocks"])
    hot, rest = text.split("Hot leads waiting for discovery", 1)[1].split("Your prospects", 1)
    prospects, discovery = rest.split("Discoveries in progress", 1)
    assert "Hank Hot" in hot and "Jane Doe" not in hot
    assert "Jane Doe" in prospects and "Hank Hot" not in prospects
    assert "Raj Patel" in discovery and "missing: authority, need, timeline" in discovery
    assert "*Leads logged this month*\n3" in text and "*Promoted this month*\n1" in text
    assert "*Conversion*\n33%" in text
    values = {e.get("value") for b in home.body["blocks"] for e in [b.get("accessory") or {}] if e}
    with world.uow() as uow:
        ids = {c.name: c.id for c in uow.contacts.all(world.slack.team.id)}
    assert {f"c:{ids['Hank Hot']}", f"c:{ids['Jane Doe']}", f"c:{ids['Raj Patel']}"} <= values
    world.slack.open_home(world.bob)
    assert "Hank Hot" not in blocks_text(world.slack.home(world.bob).body["blocks"])  # type: ignore[union-attr]
    assert not world.errors()


def test_the_app_home_stays_within_100_blocks_with_a_hundred_and_more_contacts(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Jane Doe, jane.doe@acme.com")  # Ann is known
    now = world.clock.now()
    team = world.slack.team.id
    with world.uow() as uow:
        for i in range(120):
            signals = (Signal.PRICING, Signal.DEMO, Signal.CALL_BOOKED) if i % 2 else ()
            logged = log_draft(uow, LogContacts(team, world.ann.id, ""),
                               ContactDraft(name=f"Person {i}", title="VP Sales", company=f"Co {i}",
                                            emails=(f"p{i}@co{i}.com",), signals=signals), now)  # fmt: skip
            if i % 3 == 0:
                q.set_stage(uow, q.Actor(team, world.ann.id), logged.contact.id or 0, Stage.PROSPECT, "by hand", now)
        uow.commit()
    delivered = world.slack.open_home(world.ann)
    assert delivered.ok
    home = world.slack.home(world.ann)
    assert home is not None and 0 < len(home.body["blocks"]) <= 100
    assert "Person" in blocks_text(home.body["blocks"])
    assert not [c for c in world.slack.calls_to("views.publish") if not (c.response or {}).get("ok")]


def test_help_lists_every_command_with_an_example(world: World) -> None:
    world.slack.slash(world.ann, world.ch("sales"), "help")
    said = world.ephemeral_texts(world.ann)[-1]
    for name in ("log", "find", "show", "qualify", "promote", "disqualify", "policy", "alerts", "digest", "export",
                 "forget"):  # fmt: skip
        assert f"`/banter {name}" in said, name


def test_an_unknown_command_answers_with_the_help_never_silence(world: World) -> None:
    world.slack.slash(world.ann, world.ch("sales"), "frobnicate everything")
    said = world.ephemeral_texts(world.ann)[-1]
    assert "I don't know `frobnicate`" in said and "`/banter export`" in said


def test_the_home_is_refreshed_after_a_change_that_concerns_the_rep(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Lucas Meyer, Director at Brightside, lucas@brightside.agency, asked for pricing and booked a call")
    home = world.slack.home(world.ann)
    assert home is not None and "*Leads logged this month*\n1" in blocks_text(home.body.get("blocks") or [])


# ---------------------------------------------------------------- the Home's order and numbers


def _home_text(world: World, who) -> str:  # noqa: ANN001
    world.slack.open_home(who)
    home = world.slack.home(who)
    assert home is not None
    return blocks_text(home.body["blocks"])


def _home_prospects(world: World, who) -> list[str]:  # noqa: ANN001
    text = _home_text(world, who).split("Your prospects, most urgent first", 1)[1].split("Discoveries in progress")[0]
    return [line.split("*")[1] for line in text.splitlines() if line.startswith("*") and line.count("*") >= 2]


def _bant(world: World, who, line: str, timeline: str) -> None:  # noqa: ANN001
    said = world.slack.say(who, world.ch("sales"), f"@Banter {line}")
    card = world.replies(world.ch("sales"), said.ts)[0]
    world.slack.press(who, world.ch("sales"), card.ts, "Start discovery")
    world.slack.say(who, world.ch("sales"), f"budget: 40k; authority: decision maker; need: manual reporting; "
                    f"timeline: {timeline}", thread_ts=said.ts)  # fmt: skip


def test_the_homes_prospects_come_in_digest_priority_order_and_only_the_reps_own(world: World) -> None:
    _bant(world, world.ann, "Ken Ito, CFO at Megacorp, ken.ito@megacorp.com", "in 5 months")
    _bant(world, world.ann, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Cole Dunn, Analyst at Coldco, cole@coldco.com")
    world.slack.slash(world.ann, world.ch("sales"), "promote cole@coldco.com")
    _bant(world, world.bob, "Tara Singh, CTO at Bluco, tara@bluco.com", "in 2 weeks")
    home_order = _home_prospects(world, world.ann)
    assert home_order == ["Maria Lopez", "Ken Ito", "Cole Dunn"], "3 weeks above 5 months above no date"
    world.slack.slash(world.ann, world.ch("sales"), "digest")
    preview = world.ephemeral_texts(world.ann)[-1]
    digest_order = sorted(["Maria Lopez", "Ken Ito", "Cole Dunn", "Tara Singh"], key=preview.index)
    assert [n for n in digest_order if n != "Tara Singh"] == home_order, "the same order as the digest"
    assert _home_prospects(world, world.bob) == ["Tara Singh"]


def _at(world: World, when: datetime) -> None:
    world.clock.set(when)


def test_the_homes_month_numbers_for_known_data(world: World) -> None:
    """Logged in November (Berlin): A, B, C, E by Ann and F by Bob; G in October. Promoted in November: A after
    3 days, B after 7, C after 1.5, F after 10. The numbers are the workspace's, the median over November's
    promotions: 5 logged, 4 promoted, 80%, median 5.0 days."""
    ann, bob, sales = world.ann, world.bob, world.ch("sales")

    def log(who, name: str, when: datetime) -> None:  # noqa: ANN001
        _at(world, when)
        world.slack.say(who, sales, f"@Banter met {name} Park, VP Sales at {name} Co, {name.lower()}@{name.lower()}co.com")

    def promote(who, name: str, when: datetime) -> None:  # noqa: ANN001
        _at(world, when)
        world.slack.slash(who, sales, f"promote {name.lower()}@{name.lower()}co.com")

    d = lambda day, hour=10, month=11: datetime(2026, month, day, hour, 0, tzinfo=UTC)  # noqa: E731
    log(ann, "Gina", d(25, month=10))
    log(ann, "Alma", d(2))
    promote(ann, "Alma", d(5))
    log(ann, "Bert", d(10))
    log(bob, "Finn", d(12))
    promote(ann, "Bert", d(17))
    log(ann, "Cleo", d(20))
    promote(ann, "Cleo", d(21, hour=22))
    log(ann, "Emil", d(22))
    promote(bob, "Finn", d(22))
    _at(world, d(23, hour=15))
    text = _home_text(world, ann)
    numbers = text.split("Hot leads waiting")[0]
    assert ("*Leads logged this month*\n5" in numbers and "*Promoted this month*\n4" in numbers
            and "*Conversion*\n80%" in numbers and "*Median lead → prospect*\n5.0 days" in numbers), numbers  # fmt: skip
    assert sorted(_home_prospects(world, ann)) == ["Alma Park", "Bert Park", "Cleo Park"], "Finn is Bob's"


def test_a_month_with_no_promotion_shows_no_median_and_no_made_up_rate(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Alma Park, VP Sales at Alma Co, alma@almaco.com")
    numbers = _home_text(world, world.ann).split("Hot leads waiting")[0]
    assert "*Leads logged this month*\n1" in numbers and "*Promoted this month*\n0" in numbers
    assert "*Conversion*\n0%" in numbers and "*Median lead → prospect*\n—" in numbers


def test_the_homes_conversion_never_exceeds_one_hundred_percent(world: World) -> None:
    sales = world.ch("sales")
    world.clock.set(datetime(2026, 10, 28, 10, 0, tzinfo=UTC))
    world.slack.say(world.ann, sales, "@Banter met Alma Park, VP Sales at Alma Co, alma@almaco.com")
    world.slack.say(world.ann, sales, "@Banter met Bert Park, VP Sales at Bert Co, bert@bertco.com")
    world.clock.set(datetime(2026, 11, 3, 10, 0, tzinfo=UTC))
    world.slack.slash(world.ann, sales, "promote alma@almaco.com")
    world.slack.slash(world.ann, sales, "promote bert@bertco.com")
    world.slack.say(world.ann, sales, "@Banter met Cleo Park, VP Sales at Cleo Co, cleo@cleoco.com")
    numbers = _home_text(world, world.ann).split("Hot leads waiting")[0]
    rate = int(numbers.split("*Conversion*\n")[1].split("%")[0])
    assert rate <= 100, numbers


def test_the_home_lists_the_reps_follow_ups_this_week_overdue_first_and_opens_the_new_lead_form(world: World) -> None:
    sales = world.ch("sales")
    world.slack.say(world.ann, sales, "@Banter met Jane Doe, CTO at Acme, jane@acme.com")
    world.slack.say(world.ann, sales, "@Banter met Raj Patel, CFO at Globex, raj@globex.com")
    world.slack.say(world.ann, sales, "@Banter met Li Wei, COO at Initech, li@initech.io")
    world.slack.say(world.bob, sales, "@Banter met Ken Ito, CEO at Megacorp, ken@megacorp.com")
    world.slack.slash(world.ann, sales, "remind raj@globex.com tomorrow 10am")
    world.slack.slash(world.ann, sales, "remind jane@acme.com in 2 hours")
    world.slack.slash(world.ann, sales, "remind li@initech.io in 30 days")  # beyond the week
    world.slack.slash(world.bob, sales, "remind ken@megacorp.com tomorrow")  # Bob's, not Ann's
    world.clock.advance(hours=3)  # Jane's is overdue now
    text = _home_text(world, world.ann)
    section = text.split("Your follow-ups this week", 1)[1].split("Your prospects")[0]
    names = [line.split("*")[1] for line in section.splitlines() if line.startswith("*") and line.count("*") >= 2]
    assert names == ["Jane Doe", "Raj Patel"]
    assert "overdue" in section.split("Raj Patel")[0] and "overdue" not in section.split("Raj Patel")[1]
    home = world.slack.home(world.ann)
    assert home is not None
    world.slack.press_in_view(world.ann, home.id, "New lead")
    assert any(v.type == "modal" and v.is_open and v.user_id == world.ann.id for v in world.slack.views.values())
