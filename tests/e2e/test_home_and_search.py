"""The App Home, search, show and help, through the fake Slack."""

from __future__ import annotations

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
