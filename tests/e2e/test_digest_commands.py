"""`/banter digest subscribe|unsubscribe|list` and what one digest says about each prospect, through the fake Slack.

Subscribing defaults to 09:00 in the subscriber's own time zone (users.info), weekdays only unless `daily`;
`owner @rep`, `min warm|hot` and `event NAME` narrow the prospects a channel hears about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.model import ContactDraft, Stage
from bot.services import digest as digest_service
from bot.services import qualification as q
from bot.services.contacts import LogContacts, log_draft
from handlers.blocks.digest import digest as render_digest
from sandbox.fakeslack import Message, User
from tests.harness import World, blocks_text, message_text

TUESDAY_9_BERLIN = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
MARIA = "Maria Lopez, COO at Quickco, maria@quickco.com"
KEN = "Ken Ito, CFO at Megacorp, ken.ito@megacorp.com"


# ---------------------------------------------------------------- helpers


def bant_prospect(world: World, line: str, *, by: User | None = None, channel: str = "sales",
                  timeline: str = "in 3 weeks", budget: str = "30k") -> tuple[str, str]:  # fmt: skip
    """`by` logs `line` and answers all of BANT in its thread: a hot prospect. The thread's ts and the card's."""
    by = by or world.ann
    said = world.slack.say(by, world.ch(channel), f"@Banter {line}")
    card = world.replies(world.ch(channel), said.ts)[0]
    world.slack.press(by, world.ch(channel), card.ts, "Start discovery")
    world.slack.say(by, world.ch(channel), f"budget: {budget}; authority: decision maker; "
                    f"need: pipeline reporting is manual; timeline: {timeline}", thread_ts=said.ts)  # fmt: skip
    return said.ts, card.ts


def promoted_by_hand(world: World, line: str, email: str, *, by: User | None = None, channel: str = "sales") -> None:
    by = by or world.ann
    world.slack.say(by, world.ch(channel), f"@Banter {line}")
    world.slack.slash(by, world.ch(channel), f"promote {email}")


def stored(world: World) -> dict[str, Any]:
    with world.uow() as uow:
        return {c.name: c for c in uow.contacts.all(world.slack.team.id)}


def tick(world: World, when: datetime) -> None:
    from handlers.scheduler import tick as scheduler_tick

    world.clock.set(when)
    scheduler_tick(world.banter.svc, world.banter.client_for, when)  # type: ignore[arg-type]


def digest_messages(world: World, channel: str = "sales") -> list[Message]:
    return [m for m in world.bot_messages(world.ch(channel)) if "Who to call today" in message_text(m)]


def prospect_names(blocks: list[dict[str, Any]]) -> list[str]:
    """The prospects a digest lists, in its order: each is a section with fields, named first in its text."""
    names = []
    for b in blocks:
        if b.get("type") == "section" and b.get("fields"):
            first = b["text"]["text"].split("\n")[0]
            names.append(first.split("|", 1)[1].split(">", 1)[0] if first.startswith("<") else first.split("*")[1])
    return names


def listed(world: World, channel: str = "sales") -> list[list[str]]:
    return [prospect_names(m.blocks) for m in digest_messages(world, channel)]


def admin(world: World, name: str, tz: str) -> User:
    """Another workspace admin, in `tz`, in every channel."""
    person = world.slack.team.add_user(name, real_name=name.title(), tz=tz, is_admin=True)
    for ch in world.channels.values():
        ch.members.append(person.id)
    return person


# ---------------------------------------------------------------- subscribe, unsubscribe, list


def test_an_unsubscribed_channel_gets_no_digest_and_is_no_longer_listed(world: World) -> None:
    bant_prospect(world, MARIA)
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #random 09:00 Europe/Berlin")
    world.slack.slash(world.boss, world.ch("sales"), "digest unsubscribe #sales")
    assert world.ephemeral_texts(world.boss)[-1].startswith(f"<#{world.ch('sales').id}> will no longer get the digest.")
    world.slack.slash(world.boss, world.ch("sales"), "digest unsubscribe #sales")
    assert world.ephemeral_texts(world.boss)[-1].startswith(f"<#{world.ch('sales').id}> had no digest.")
    with world.uow() as uow:
        assert [s.channel_id for s in uow.digests.subscriptions(world.slack.team.id)] == [world.ch("random").id]
    world.slack.slash(world.ann, world.ch("sales"), "digest list")
    listing = world.ephemeral_texts(world.ann)[-1]
    assert f"<#{world.ch('random').id}>" in listing and f"<#{world.ch('sales').id}>" not in listing
    tick(world, TUESDAY_9_BERLIN)
    tick(world, TUESDAY_9_BERLIN + timedelta(days=1))
    assert digest_messages(world, "sales") == [], "unsubscribed: nothing, on any day"
    assert listed(world, "random") == [["Maria Lopez"], ["Maria Lopez"]], "the other channel is untouched"


def test_a_plain_member_cannot_unsubscribe_a_channel(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    world.slack.slash(world.ann, world.ch("sales"), "digest unsubscribe #sales")
    assert [e.text for e in world.slack.ephemerals(user=world.ann)] == [
        ":no_entry: Only workspace admins can change digest subscriptions."]
    with world.uow() as uow:
        assert [s.channel_id for s in uow.digests.subscriptions(world.slack.team.id)] == [world.ch("sales").id]


def test_when_the_last_subscription_goes_the_list_says_none_is_left(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales")
    world.slack.slash(world.boss, world.ch("sales"), "digest unsubscribe #sales")
    world.slack.slash(world.boss, world.ch("sales"), "digest list")
    assert world.ephemeral_texts(world.boss)[-1].startswith("No channel gets the digest yet.")


def test_subscribing_with_no_time_or_zone_means_nine_in_the_subscribers_own_time_zone(world: World) -> None:
    kim = admin(world, "kim", "Asia/Tokyo")  # 09:00 in Tokyo is midnight UTC; in Berlin it would be 08:00 UTC
    bant_prospect(world, MARIA)
    world.slack.slash(kim, world.ch("sales"), "digest subscribe #sales")
    assert "gets the digest at 09:00 Asia/Tokyo (weekdays)" in world.ephemeral_texts(kim)[-1]
    with world.uow() as uow:
        (sub,) = uow.digests.subscriptions(world.slack.team.id)
    assert (sub.channel_id, sub.local_time, sub.tz, sub.weekdays_only, sub.filters) == (
        world.ch("sales").id, "09:00", "Asia/Tokyo", True, {})
    tick(world, datetime(2026, 11, 23, 23, 59, tzinfo=UTC))  # 08:59 on Tuesday in Tokyo
    assert digest_messages(world) == [], "not before 09:00 in the subscriber's zone"
    tick(world, datetime(2026, 11, 24, 0, 0, tzinfo=UTC))  # 09:00 on Tuesday in Tokyo
    (posted,) = digest_messages(world)
    assert datetime.fromtimestamp(float(posted.ts), UTC) == datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
    assert "Tuesday 24 November" in message_text(posted)


def test_weekdays_are_the_subscribers_local_weekdays_and_daily_adds_the_weekend(world: World) -> None:
    kim = admin(world, "kim", "Asia/Tokyo")
    bant_prospect(world, MARIA)
    world.slack.slash(kim, world.ch("sales"), "digest subscribe #sales 08:00")
    world.slack.slash(kim, world.ch("sales"), "digest subscribe #random 08:00 daily")
    assert "gets the digest at 08:00 Asia/Tokyo (every day)" in world.ephemeral_texts(kim)[-1]
    tick(world, datetime(2026, 11, 27, 23, 0, tzinfo=UTC))  # Friday in UTC, Saturday 08:00 in Tokyo
    assert (len(digest_messages(world, "sales")), len(digest_messages(world, "random"))) == (0, 1)
    tick(world, datetime(2026, 11, 28, 23, 0, tzinfo=UTC))  # Sunday 08:00 in Tokyo
    assert (len(digest_messages(world, "sales")), len(digest_messages(world, "random"))) == (0, 2)
    tick(world, datetime(2026, 11, 29, 23, 0, tzinfo=UTC))  # Sunday in UTC, Monday 08:00 in Tokyo
    assert (len(digest_messages(world, "sales")), len(digest_messages(world, "random"))) == (1, 3)
    assert "Monday 30 November" in message_text(digest_messages(world, "sales")[0])


# ---------------------------------------------------------------- filters


def _pipeline(world: World) -> None:
    """Maria: Ann's, hot, met at SaaStr. Ken: Bob's, hot, logged in #sales. Cole: Ann's, cold. Wendy: Ann's, warm."""
    bant_prospect(world, MARIA, channel="saastr-2026", timeline="in 3 weeks")
    bant_prospect(world, KEN, by=world.bob, timeline="in 5 weeks")
    promoted_by_hand(world, "Cole Dunn, Analyst at Coldco, cole@coldco.com", "cole@coldco.com")
    promoted_by_hand(world, "Wendy Park, VP Sales at Parkco, wendy@parkco.com, asked for pricing", "wendy@parkco.com")
    temps = {name: (c.stage, c.temperature, c.owner_id, c.event) for name, c in stored(world).items()}
    assert temps == {
        "Maria Lopez": (Stage.PROSPECT, "hot", world.ann.id, "saastr-2026"),
        "Ken Ito": (Stage.PROSPECT, "hot", world.bob.id, ""),
        "Cole Dunn": (Stage.PROSPECT, "cold", world.ann.id, ""),
        "Wendy Park": (Stage.PROSPECT, "warm", world.ann.id, ""),
    }, "the pipeline the filters are tested on"


@pytest.mark.parametrize(("filters", "expected"), [
    ("", ["Maria Lopez", "Ken Ito", "Wendy Park", "Cole Dunn"]),  # Wendy asked for pricing: a hot signal
    ("owner @bob", ["Ken Ito"]),
    ("min warm", ["Maria Lopez", "Ken Ito", "Wendy Park"]),
    ("min hot", ["Maria Lopez", "Ken Ito"]),
    ("event SaaStr", ["Maria Lopez"]),
    ("owner @ann min hot", ["Maria Lopez"]),
])  # fmt: skip
def test_each_filter_keeps_exactly_the_prospects_it_names(world: World, filters: str, expected: list[str]) -> None:
    _pipeline(world)
    world.slack.slash(world.boss, world.ch("sales"), f"digest subscribe #sales 09:00 Europe/Berlin {filters}".strip())
    tick(world, TUESDAY_9_BERLIN)
    assert listed(world) == [expected]


def test_the_owner_filter_also_narrows_the_hot_leads_waiting(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Ravi Kumar, Director at Hotco, ravi@hotco.com, asked for pricing and booked a demo call")
    world.slack.say(world.bob, world.ch("sales"), "@Banter Tara Singh, CTO at Bluco, tara@bluco.com, asked for pricing and booked a demo call")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin owner @bob")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #random 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (bobs,), (everyone,) = digest_messages(world, "sales"), digest_messages(world, "random")
    hot = lambda m: message_text(m).split("Hot leads waiting for discovery", 1)[1]  # noqa: E731
    assert "Tara Singh" in hot(bobs) and "Ravi Kumar" not in hot(bobs)
    assert "Tara Singh" in hot(everyone) and "Ravi Kumar" in hot(everyone)


def test_a_filter_that_is_not_understood_subscribes_nothing(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales min lukewarm")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales owner bob")
    said = world.ephemeral_texts(world.boss)
    assert said[0].startswith(":warning: `min` is `warm` or `hot`.") and said[1].startswith(":warning: `owner` needs a @mention.")
    with world.uow() as uow:
        assert uow.digests.subscriptions(world.slack.team.id) == []


# ---------------------------------------------------------------- what the digest says


def _many_prospects(world: World, n: int) -> list[str]:
    """n prospects promoted by hand now, alike in everything but their id: the digest orders them by id."""
    names = [f"Person {i:02d}" for i in range(n)]
    now = world.clock.now()
    team = world.slack.team.id
    with world.uow() as uow:
        for i, name in enumerate(names):
            logged = log_draft(uow, LogContacts(team, world.ann.id, ""),
                               ContactDraft(name=name, title="VP Sales", company=f"Co {i}",
                                            emails=(f"p{i}@co{i}.com",)), now)  # fmt: skip
            q.set_stage(uow, q.Actor(team, world.ann.id), logged.contact.id or 0, Stage.PROSPECT, "by hand", now)
        uow.commit()
    return names


def test_the_digest_lists_the_top_ten_and_says_how_many_more_there_are(world: World) -> None:
    names = _many_prospects(world, 12)
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    assert prospect_names(msg.blocks) == names[:10]
    more = [blocks_text([b]) for b in msg.blocks if b["type"] == "context"]
    assert more == ["…and 2 more prospects in the pipeline."]
    assert msg.text.startswith("Who to call today: 10 prospects. Person 00 (promoted yesterday)")


def test_ten_prospects_exactly_say_nothing_about_more(world: World) -> None:
    names = _many_prospects(world, 10)
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    assert prospect_names(msg.blocks) == names and "more prospects" not in message_text(msg)


def test_a_full_digest_stays_within_slacks_fifty_blocks(world: World) -> None:
    _many_prospects(world, 12)
    for i in range(7):  # hot leads waiting: the digest names five at most
        world.slack.say(world.ann, world.ch("sales"), f"@Banter Hot Lead{i}, CTO at Hot{i} Inc, lead{i}@hot{i}.com, "
                        "asked for pricing and booked a demo call")  # fmt: skip
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    assert 0 < len(msg.blocks) <= 50
    assert msg.blocks[-1]["text"]["text"].count("\n•") == 5
    call = next(c for c in world.slack.calls_to("chat.postMessage") if c.args.get("channel") == world.ch("sales").id)
    assert (call.response or {}).get("ok") is True


def test_a_digest_with_more_blocks_than_slack_allows_is_cut_to_fifty_saying_how_many_were_left_out(world: World) -> None:
    _many_prospects(world, 30)
    with world.uow() as uow:
        view = digest_service.build_digest(uow, world.slack.team.id, world.ch("sales").id, {},
                                           TUESDAY_9_BERLIN, "Europe/Berlin", top_n=30)  # fmt: skip
    _, blocks = render_digest(view, lambda cid: "")
    # 1 header + 30 × (section + actions) + divider + summary = 63 blocks: 49 kept and one saying so
    assert len(blocks) == 50
    assert blocks[-1] == {"type": "context", "elements": [{"type": "mrkdwn", "text": "…and 14 more blocks left out"}]}


def test_each_prospect_in_the_digest_shows_its_facts_why_today_a_link_and_three_buttons(world: World) -> None:
    thread_ts, card_ts = bant_prospect(world, MARIA, channel="saastr-2026", timeline="in 3 weeks", budget="30k")
    promoted_by_hand(world, "Cole Dunn, Analyst at Coldco, cole@coldco.com", "cole@coldco.com", by=world.bob)
    ids = {name: c.id for name, c in stored(world).items()}
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    channel = world.ch("saastr-2026").id
    link = (f"https://acme-sales.slack.com/archives/{channel}/p{card_ts.replace('.', '')}"
            f"?thread_ts={thread_ts}&cid={channel}")  # fmt: skip
    sections = [b for b in msg.blocks if b["type"] == "section" and b.get("fields")]
    buttons = [b for b in msg.blocks if b["type"] == "actions"]
    assert [s["text"]["text"] for s in sections] == [
        f"<{link}|Maria Lopez> (COO, Quickco)\n:dart: _timeline in 20 days · promoted yesterday_",
        f"<https://acme-sales.slack.com/archives/{world.ch('sales').id}/p"
        f"{stored(world)['Cole Dunn'].card_ts.replace('.', '')}?thread_ts={stored(world)['Cole Dunn'].thread_ts}"
        f"&cid={world.ch('sales').id}|Cole Dunn> (Analyst, Coldco)\n:dart: _promoted yesterday_",
    ]
    assert [[f["text"] for f in s["fields"]] for s in sections] == [
        ["*Budget*\n$30,000", "*Decision maker*\nyes", "*Timeline*\n14 Dec 2026 (20 days left)", f"*Owner*\n<@{world.ann.id}>"],
        ["*Budget*\n—", "*Decision maker*\n—", "*Timeline*\n—", f"*Owner*\n<@{world.bob.id}>"],
    ]  # fmt: skip
    maria_buttons = [(e["text"]["text"], e["action_id"], e["value"], e.get("url")) for e in buttons[0]["elements"]]
    assert maria_buttons == [
        ("Contacted", "digest_contacted", f"c:{ids['Maria Lopez']}", None),
        ("Snooze a week", "digest_snooze", f"c:{ids['Maria Lopez']}", None),
        ("Open", "contact_open", f"c:{ids['Maria Lopez']}", link),
    ]
    # the link is the discovery thread: its first message is Ann's, and the card and the answers are in it
    thread = world.slack.thread(channel, thread_ts)
    assert thread[0].user == world.ann.id and any(m.ts == card_ts for m in thread)
    assert any("budget: 30k" in (m.text or "") for m in thread)


def test_the_decision_maker_field_names_who_signs_off(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), f"@Banter {MARIA}")
    card = world.replies(world.ch("sales"), said.ts)[0]
    world.slack.press(world.ann, world.ch("sales"), card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "budget: 30k; authority: needs sign-off from the CFO; "
                    "need: pipeline reporting is manual; timeline: in 3 weeks", thread_ts=said.ts)  # fmt: skip
    world.slack.slash(world.ann, world.ch("sales"), "promote maria@quickco.com")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    (section,) = [b for b in msg.blocks if b["type"] == "section" and b.get("fields")]
    assert section["fields"][1]["text"].startswith("*Decision maker*\nno (sign-off: ")
    assert "CFO" in section["fields"][1]["text"]


def test_contacted_records_a_touch_by_the_person_who_pressed_it(world: World) -> None:
    bant_prospect(world, MARIA)
    maria = stored(world)["Maria Lopez"]
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    world.clock.set(TUESDAY_9_BERLIN + timedelta(minutes=12))
    world.slack.press(world.bob, world.ch("sales"), msg.ts, "Contacted")
    assert [e.text for e in world.slack.ephemerals(user=world.bob)] == [
        f":white_check_mark: Noted: <@{world.bob.id}> contacted *Maria Lopez* (COO, Quickco)."]
    with world.uow() as uow:
        (touch,) = uow.activities.for_contacts(world.slack.team.id, [maria.id], ["touch"])
        after = uow.contacts.get(world.slack.team.id, maria.id)
    at = touch.at if touch.at.tzinfo else touch.at.replace(tzinfo=UTC)
    assert (touch.contact_id, touch.kind, touch.user_id, touch.detail, at) == (
        maria.id, "touch", world.bob.id, "contacted", TUESDAY_9_BERLIN + timedelta(minutes=12))
    assert after is not None and after.last_activity_at == TUESDAY_9_BERLIN + timedelta(minutes=12)
    assert after.stage is Stage.PROSPECT and after.owner_id == world.ann.id, "a touch changes nothing else"


def test_snooze_hides_the_prospect_until_the_week_is_over_to_the_minute(world: World) -> None:
    bant_prospect(world, MARIA, timeline="in 3 months")
    bant_prospect(world, KEN, timeline="in 4 months")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    tick(world, TUESDAY_9_BERLIN)
    (msg,) = digest_messages(world)
    pressed = TUESDAY_9_BERLIN + timedelta(minutes=5)
    world.clock.set(pressed)
    world.slack.press(world.bob, world.ch("sales"), msg.ts, action_id="digest_snooze",
                      value=f"c:{stored(world)['Maria Lopez'].id}")  # fmt: skip
    assert "is snoozed for a week; back in the digest on Tuesday 01 December" in world.ephemeral_texts(world.bob)[-1]
    assert stored(world)["Maria Lopez"].snoozed_until == pressed + timedelta(days=7)
    assert stored(world)["Ken Ito"].snoozed_until is None
    for day in (1, 6):  # Wednesday, Monday
        tick(world, TUESDAY_9_BERLIN + timedelta(days=day))
    tick(world, TUESDAY_9_BERLIN + timedelta(days=7))  # Tuesday 1 December, 09:00: five minutes before it ends
    assert listed(world) == [["Maria Lopez", "Ken Ito"], ["Ken Ito"], ["Ken Ito"], ["Ken Ito"]]

    def preview_at(when: datetime) -> str:
        world.clock.set(when)
        world.slack.slash(world.ann, world.ch("sales"), "digest")
        return world.ephemeral_texts(world.ann)[-1]

    assert "Maria Lopez" not in preview_at(pressed + timedelta(days=7, minutes=-1))
    assert "Maria Lopez" in preview_at(pressed + timedelta(days=7, minutes=1))
    tick(world, TUESDAY_9_BERLIN + timedelta(days=8))
    assert listed(world)[-1] == ["Maria Lopez", "Ken Ito"], "back after the snooze"
