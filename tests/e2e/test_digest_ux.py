"""The digest as people meet it: subscribing a channel Banter is not in, times as people write them, one
time zone per answer, quiet days, a prospect nobody touches, rows marked for everyone, posts spread out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.records import Subscription
from bot.services import digest as digest_service
from bot.services.digest import Pacer, run_pass
from handlers.digest_poster import SlackDigestPoster, refresh_digest_row
from handlers.scheduler import tick
from sandbox.fakeslack import Channel, Message
from tests.harness import World, blocks_text, message_text

TUESDAY_9_BERLIN = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
MARIA = "Maria Lopez, COO at Quickco, maria@quickco.com"


def make_prospect(world: World, who: str, timeline: str = "in 3 weeks", channel: str = "saastr-2026") -> str:
    said = world.slack.say(world.ann, world.ch(channel), f"@Banter {who}")
    card = world.replies(world.ch(channel), said.ts)[0]
    world.slack.press(world.ann, world.ch(channel), card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch(channel), "budget: 50k; authority: decision maker; "
                    f"need: pipeline reporting is manual; timeline: {timeline}", thread_ts=said.ts)  # fmt: skip
    return said.ts


def run_tick(world: World, when: datetime) -> None:
    world.clock.set(when)
    tick(world.banter.svc, world.banter.client_for, when)  # type: ignore[arg-type]


def digests(world: World, channel: Channel | str = "sales") -> list[Message]:
    ch = world.ch(channel) if isinstance(channel, str) else channel
    return [m for m in world.bot_messages(ch) if "Who to call today" in message_text(m)]


def said_to(world: World, who: str = "boss") -> str:
    return world.slack.ephemerals(user=world.users[who])[-1].text


def delivery(world: World, channel: str, day: date) -> str | None:
    with world.uow() as uow:
        d = uow.digests.delivery(world.slack.team.id, world.ch(channel).id, day)
    return d.status if d else None


def dms(world: World, who: str = "boss") -> list[str]:
    return [message_text(m) for m in world.slack.team.dm(world.users[who]).messages if m.bot_id]


def posts_to(world: World, channel: Channel) -> int:
    return len([c for c in world.slack.calls_to("chat.postMessage") if c.args.get("channel") == channel.id])


# ---------------------------------------------------------------- a channel Banter is not in


def test_subscribing_a_channel_banter_is_not_in_says_so_and_subscribes_nothing(world: World) -> None:
    outside = world.slack.team.add_channel("deals", members=list(world.users.values()), bot_member=False)
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #deals 09:00 Europe/Berlin")
    assert said_to(world) == (f":warning: I'm not in <#{outside.id}> yet: invite me with `/invite @Banter` there, "
                              "then subscribe again.")  # fmt: skip
    with world.uow() as uow:
        assert uow.digests.subscriptions(world.slack.team.id) == []
    outside.members.append(world.slack.team.bot_user_id)  # /invite @Banter
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #deals 09:00 Europe/Berlin")
    assert said_to(world).startswith(f":white_check_mark: <#{outside.id}> gets the digest")


def test_when_banter_is_removed_from_a_channel_its_digest_pauses_and_the_subscriber_hears_once(world: World) -> None:
    make_prospect(world, MARIA)
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 08:30 Europe/Berlin daily min warm")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #random 09:00 Europe/Berlin")
    sales = world.ch("sales")
    sales.members.remove(world.slack.team.bot_user_id)  # someone removed Banter from #sales
    run_tick(world, TUESDAY_9_BERLIN)
    assert digests(world) == [] and len(digests(world, "random")) == 1, "the other channel is not held up"
    assert delivery(world, "sales", date(2026, 11, 24)) == "unreachable"
    (dm,) = dms(world)
    assert f"I couldn't post the digest you set up for <#{sales.id}>: I'm not in <#{sales.id}>" in dm
    assert f"/banter digest subscribe <#{sales.id}> 08:30 Europe/Berlin daily min warm" in dm, "how to restart it as it was"
    attempts = posts_to(world, sales)
    for when in (TUESDAY_9_BERLIN + timedelta(minutes=5), TUESDAY_9_BERLIN + timedelta(days=1)):
        run_tick(world, when)
    assert posts_to(world, sales) == attempts, "no retry that day, nor the next: it is paused"
    assert len(dms(world)) == 1, "told once"
    world.slack.slash(world.boss, world.ch("random"), "digest list")
    assert "paused: I'm not in it" in world.ephemeral_texts(world.boss)[-1]
    sales.members.append(world.slack.team.bot_user_id)  # invited back
    world.slack.slash(world.boss, world.ch("random"), "digest subscribe #sales 08:30 Europe/Berlin daily min warm")
    run_tick(world, TUESDAY_9_BERLIN + timedelta(days=2))
    assert len(digests(world)) == 1, "subscribing again resumes it"


# ---------------------------------------------------------------- times, days and zones as people write them


@pytest.mark.parametrize(("written", "stored"), [
    ("8am", "08:00"), ("8:30am", "08:30"), ("17h", "17:00"), ("8.30", "08:30"), ("8 am", "08:00"),
    ("5:30 pm", "17:30"), ("17h15", "17:15"),
])  # fmt: skip
def test_times_are_read_the_way_people_write_them(world: World, written: str, stored: str) -> None:
    world.slack.slash(world.boss, world.ch("sales"), f"digest subscribe #sales {written} Europe/Berlin weekdays")
    assert f"gets the digest at {stored} Europe/Berlin (weekdays)" in said_to(world)
    with world.uow() as uow:
        (sub,) = uow.digests.subscriptions(world.slack.team.id)
    assert (sub.local_time, sub.weekdays_only) == (stored, True)


def test_a_time_that_is_not_one_is_refused_plainly(world: World) -> None:
    for bad in ("9", "25h", "13pm"):
        world.slack.slash(world.boss, world.ch("sales"), f"digest subscribe #sales {bad}")
        assert said_to(world).startswith(":warning: ") and "is not a time of day" in said_to(world)
    with world.uow() as uow:
        assert uow.digests.subscriptions(world.slack.team.id) == []


def test_weekdays_can_be_said_and_undoes_daily(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 08:00 Europe/Berlin daily")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 08:00 Europe/Berlin weekdays")
    assert "(weekdays)" in said_to(world)
    with world.uow() as uow:
        (sub,) = uow.digests.subscriptions(world.slack.team.id)
    assert sub.weekdays_only


def test_the_confirmation_and_the_list_speak_only_the_subscriptions_time_zone(world: World) -> None:
    world.clock.set(datetime(2026, 11, 23, 15, 0, tzinfo=UTC))  # Monday afternoon
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin weekdays")
    confirmed = said_to(world)
    assert "09:00 Europe/Berlin (weekdays); next one Tuesday 24 November, 09:00." in confirmed
    assert "UTC" not in confirmed
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #random 9am America/New_York")
    assert "next one Tuesday 24 November, 09:00." in said_to(world)
    world.slack.slash(world.ann, world.ch("sales"), "digest list")
    listing = world.ephemeral_texts(world.ann)[-1]
    assert listing.count("next Tue 24 Nov 09:00") == 2 and "UTC" not in listing


def test_unsubscribing_a_channel_that_does_not_exist_says_it_has_no_digest(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest unsubscribe #nothere")
    assert said_to(world) == "#nothere has no digest."
    world.slack.slash(world.boss, world.ch("sales"), "digest unsubscribe")
    assert said_to(world).startswith("Which channel?")


# ---------------------------------------------------------------- quiet days


def test_a_day_with_nothing_at_all_posts_nothing_and_stays_settled(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin daily")
    saturday = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    run_tick(world, saturday)
    assert digests(world) == [] and world.bot_messages(world.ch("sales")) == []
    assert delivery(world, "sales", date(2026, 11, 28)) == "empty"
    make_prospect(world, MARIA)  # something to say now, but Saturday's digest is settled
    run_tick(world, saturday + timedelta(hours=2))
    assert digests(world) == [], "never a digest later the same day"
    run_tick(world, saturday + timedelta(days=1))
    (sunday,) = digests(world)
    assert "Maria Lopez" in message_text(sunday)


def test_new_leads_alone_are_worth_a_digest(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    world.slack.say(world.ann, world.ch("sales"), "@Banter Cole Dunn, Analyst at Coldco, cole@coldco.com")
    run_tick(world, TUESDAY_9_BERLIN)
    (msg,) = digests(world)
    assert "No prospects to call today" in message_text(msg) and "1* new lead" in message_text(msg)


def test_a_prospect_left_untouched_in_the_digest_says_how_long(world: World) -> None:
    make_prospect(world, MARIA, timeline="in 3 months")  # promoted Monday 23 November
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    for day in range(4):  # Tuesday .. Friday
        run_tick(world, TUESDAY_9_BERLIN + timedelta(days=day))
    whys = [message_text(m).split(":dart:")[1].split("\n")[0] for m in digests(world)]
    assert [("no touch" in w) for w in whys] == [False, False, True, True]
    assert "in the digest 4 days, no touch" in whys[-1]
    friday = digests(world)[-1]
    world.clock.set(TUESDAY_9_BERLIN + timedelta(days=3, minutes=5))
    world.slack.press(world.bob, world.ch("sales"), friday.ts, "Contacted")
    for day in (6, 7, 8):  # Monday, Tuesday, Wednesday: the weekend does not count
        run_tick(world, TUESDAY_9_BERLIN + timedelta(days=day))
    assert ["no touch" in message_text(m) for m in digests(world)[-3:]] == [False, False, True]
    assert "in the digest 3 days, no touch" in message_text(digests(world)[-1]), "a touch starts the count again"


# ---------------------------------------------------------------- a row marked for everyone


def _press(world: World, user: str, msg: Message, label: str, value: str | None = None) -> None:
    """Press a digest button as `user`, through the real action handler."""
    sales = world.ch("sales")
    if value:
        world.slack.press(world.users[user], sales, msg.ts, action_id="digest_snooze" if label == "Snooze a week"
                          else "digest_contacted", value=value)  # fmt: skip
    else:
        world.slack.press(world.users[user], sales, msg.ts, label)


def _rows(world: World, msg: Message) -> dict[str, tuple[str, list[str]]]:
    """Each prospect row: its section text and the labels of its buttons."""
    shown = world.slack.message(world.ch("sales").id, msg.ts)
    assert shown is not None
    out: dict[str, tuple[str, list[str]]] = {}
    blocks = shown.blocks
    for i, b in enumerate(blocks):
        if b["type"] == "section" and b.get("fields"):
            name = blocks_text([b]).split("|", 1)[1].split(">", 1)[0] if b["text"]["text"].startswith("<") else "?"
            nxt = blocks[i + 1] if i + 1 < len(blocks) and blocks[i + 1]["type"] == "actions" else {"elements": []}
            out[name] = (b["text"]["text"], [e["text"]["text"] for e in nxt["elements"]])
    return out


def test_contacted_and_snoozed_show_on_the_digest_for_everyone(world: World) -> None:
    make_prospect(world, MARIA)
    make_prospect(world, "Ken Ito, CFO at Megacorp, ken.ito@megacorp.com", timeline="in 5 months")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    run_tick(world, TUESDAY_9_BERLIN)
    (msg,) = digests(world)
    world.clock.set(TUESDAY_9_BERLIN + timedelta(minutes=14))  # 09:14 in Berlin
    _press(world, "bob", msg, "Contacted")
    rows = _rows(world, msg)
    assert rows["Maria Lopez"][0].endswith(f"\n:white_check_mark: contacted by <@{world.bob.id}> 09:14")
    assert rows["Maria Lopez"][1] == ["Snooze a week", "Open"], "contacted: no second Contacted"
    assert rows["Ken Ito"][1] == ["Contacted", "Snooze a week", "Open"], "the other row is untouched"
    with world.uow() as uow:
        ken = next(c for c in uow.contacts.all(world.slack.team.id) if c.name == "Ken Ito")
    world.clock.set(TUESDAY_9_BERLIN + timedelta(minutes=20))
    _press(world, "ann", msg, "Snooze a week", value=f"c:{ken.id}")
    rows = _rows(world, msg)
    assert rows["Ken Ito"][0].endswith(f"\n:zzz: snoozed until 1 Dec by <@{world.ann.id}>")
    assert rows["Ken Ito"][1] == ["Open"]
    assert "contacted by" in rows["Maria Lopez"][0], "both marks stay: each update is rebuilt from the database"
    assert rows["Maria Lopez"][0].count("\n") == 2, "a mark replaces the last one, never piles up"
    shown = world.slack.message(world.ch("sales").id, msg.ts)
    assert shown is not None and shown.metadata == msg.metadata, "the delivery key stays, for reconciliation"


def test_a_press_on_the_ephemeral_preview_updates_nothing(world: World) -> None:
    body = {"container": {"type": "message", "message_ts": "1.2", "channel_id": world.ch("sales").id,
                          "is_ephemeral": True},
            "message": {"ts": "1.2", "blocks": [{"type": "actions", "block_id": "digest_1", "elements": []}]}}  # fmt: skip
    assert refresh_digest_row(world.banter.svc, world.banter.client_for(world.slack.team.id), body,  # type: ignore[arg-type]
                              world.slack.team.id) is False  # fmt: skip
    assert world.slack.calls_to("chat.update") == []


# ---------------------------------------------------------------- many channels, spread out


def test_a_pass_over_many_channels_is_paced(world: World) -> None:
    make_prospect(world, MARIA)
    team = world.slack.team
    channels = [team.add_channel(f"region-{i}", members=[world.boss]) for i in range(8)]
    with world.uow() as uow:
        for ch in channels:
            digest_service.subscribe(uow, Subscription(team.id, ch.id, "09:00", "Europe/Berlin", True, {}, world.boss.id),
                                     world.clock.now())  # fmt: skip
        uow.commit()
    clock = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        clock[0] += s

    pacer = Pacer(rate=1.0, burst=3, sleep=sleep, monotonic=lambda: clock[0])
    poster = SlackDigestPoster(world.banter.svc, world.banter.client_for)  # type: ignore[arg-type]
    posted = run_pass(world.banter.svc.uow, poster, TUESDAY_9_BERLIN, pacer=pacer)  # type: ignore[attr-defined]
    assert len(posted) == 8 and all(len(digests(world, ch)) == 1 for ch in channels)
    assert slept == pytest.approx([1.0] * 5), "three at once, then one a second"
    assert sum(slept) == pytest.approx(5.0)
    again = run_pass(world.banter.svc.uow, poster, TUESDAY_9_BERLIN + timedelta(minutes=1), pacer=pacer)  # type: ignore[attr-defined]
    assert again == [] and len(slept) == 5, "channels already served cost no wait"


def test_the_pacer_lets_time_refill_it() -> None:
    clock = [0.0]
    slept: list[float] = []
    pacer = Pacer(rate=2.0, burst=2, sleep=lambda s: (slept.append(s), clock.__setitem__(0, clock[0] + s)) and None,
                  monotonic=lambda: clock[0])  # fmt: skip
    assert [pacer.wait() for _ in range(4)] == [0.0, 0.0, 0.5, 0.5]
    clock[0] += 10
    assert [pacer.wait() for _ in range(3)] == [0.0, 0.0, 0.5], "a quiet spell refills the burst, no more"
    assert Pacer(rate=0).wait() == 0.0, "rate 0 turns pacing off"


def test_the_next_digest_says_who_contacted_a_prospect_and_when(world: World) -> None:
    make_prospect(world, MARIA)
    make_prospect(world, "Ken Ito, CFO at Megacorp, ken.ito@megacorp.com", timeline="in 5 months")
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    run_tick(world, TUESDAY_9_BERLIN)
    (tuesday,) = digests(world)
    world.clock.set(TUESDAY_9_BERLIN + timedelta(minutes=14))
    world.slack.press(world.bob, world.ch("sales"), tuesday.ts, "Contacted")  # the first row: Maria
    run_tick(world, TUESDAY_9_BERLIN + timedelta(days=1))
    wednesday = digests(world)[-1]
    fields = {b["block_id"]: "|".join(f["text"] for f in b.get("fields") or []) for b in wednesday.blocks
              if b["type"] == "section" and b.get("fields")}  # fmt: skip
    contacted = [f for f in fields.values() if "*Last contacted*" in f]
    assert len(contacted) == 1 and f"<@{world.bob.id}>" in contacted[0]
    touched_at = int((TUESDAY_9_BERLIN + timedelta(minutes=14)).timestamp())
    assert f"<!date^{touched_at}^" in contacted[0]
