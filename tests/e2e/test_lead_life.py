"""The rest of a lead's life through the fake Slack with a moving clock: follow-ups, nudges, owners,
won and lost, and what each event yielded."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.services import followups
from bot.services import owners as owner_service
from bot.services import stats as stats_service
from handlers.scheduler import tick
from sandbox.fakeslack import Channel, User
from tests.harness import START, World, message_text

HOT_LEAD = ("@Banter Lucas Meyer, Director of Growth at Brightside Agency, lucas@brightside.agency, "
            "opened three emails, visited the pricing page twice and booked a call")  # fmt: skip


def run_tick(world: World, when: datetime) -> None:
    world.clock.set(when)
    tick(world.banter.svc, world.banter.client_for, when)  # type: ignore[arg-type]


def dm_of(world: World, person: User) -> Channel:
    return world.slack.team.dm(person)


def dms(world: World, person: User, words: str) -> list[str]:
    return [message_text(m) for m in world.bot_messages(dm_of(world, person)) if words in message_text(m)]


def in_channel(world: World, channel: str, words: str) -> list[str]:
    return [message_text(m) for m in world.bot_messages(world.ch(channel)) if words in message_text(m)]


def card_ts(world: World, said_ts: str, channel: str = "sales") -> str:
    return world.replies(world.ch(channel), said_ts)[0].ts


def contact_id(world: World, email: str) -> int:
    with world.uow() as uow:
        (c,) = [c for c in uow.contacts.all(world.slack.team.id) if email in c.emails]
    assert c.id is not None
    return c.id


def test_a_follow_up_in_free_text_fires_once_at_the_owners_local_time(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, CTO at Acme, jane@acme.com, follow up next week")
    # Ann is in Berlin: next Monday 09:00 there is 08:00 UTC.
    run_tick(world, datetime(2026, 11, 30, 7, 59, tzinfo=UTC))
    assert dms(world, world.ann, "Time to follow up") == []
    run_tick(world, datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    run_tick(world, datetime(2026, 11, 30, 8, 1, tzinfo=UTC))
    (reminder,) = dms(world, world.ann, "Time to follow up")
    assert "Jane Doe" in reminder and "Monday 30 November, 09:00" in reminder
    assert "Done" in reminder and "Snooze a day" in reminder and "CTO" in reminder  # the card comes along
    (msg,) = [m for m in world.bot_messages(dm_of(world, world.ann)) if "Time to follow up" in message_text(m)]
    world.slack.press(world.ann, dm_of(world, world.ann), msg.ts, "Done")
    with world.uow() as uow:
        c = uow.contacts.get(world.slack.team.id, contact_id(world, "jane@acme.com"))
    assert c is not None and c.follow_up_at is None
    assert c.last_activity_at == datetime(2026, 11, 30, 8, 1, tzinfo=UTC), "Done counts as a touch"
    assert "Followed up with" in message_text(world.slack.message(dm_of(world, world.ann).id, msg.ts))
    run_tick(world, datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    assert len(world.bot_messages(dm_of(world, world.ann))) == 1, "done: nothing more"


def test_remind_by_command_fires_at_ten_in_the_owners_zone_and_snooze_moves_it_a_day(world: World) -> None:
    world.slack.say(world.bob, world.ch("sales"), "@Banter Ken Ito, CFO at Megacorp, ken.ito@megacorp.com")
    world.slack.slash(world.bob, world.ch("sales"), "remind ken.ito@megacorp.com tomorrow 10am")
    assert any("remind you on Tuesday 24 November at 10:00" in t for t in world.ephemeral_texts(world.bob))
    # Bob is in New York: Tuesday 10:00 there is 15:00 UTC.
    run_tick(world, datetime(2026, 11, 24, 14, 59, tzinfo=UTC))
    assert dms(world, world.bob, "Time to follow up") == []
    run_tick(world, datetime(2026, 11, 24, 15, 0, tzinfo=UTC))
    run_tick(world, datetime(2026, 11, 24, 15, 30, tzinfo=UTC))
    (msg,) = [m for m in world.bot_messages(dm_of(world, world.bob)) if "Time to follow up" in message_text(m)]
    world.slack.press(world.bob, dm_of(world, world.bob), msg.ts, "Snooze a day")
    assert "Wednesday 25 November at 10:00" in message_text(world.slack.message(dm_of(world, world.bob).id, msg.ts))
    run_tick(world, datetime(2026, 11, 25, 14, 59, tzinfo=UTC))
    assert len(dms(world, world.bob, "Time to follow up")) == 0, "the snoozed reminder replaced the first"
    run_tick(world, datetime(2026, 11, 25, 15, 0, tzinfo=UTC))
    assert len(dms(world, world.bob, "Time to follow up")) == 1


def test_remind_me_from_the_card_tomorrow_and_on_a_picked_date(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Olga Petrova, Head of Ops at Nordwind AG, olga@nordwind.de")
    world.slack.press(world.ann, world.ch("sales"), card_ts(world, said.ts), "Tomorrow")
    cid = contact_id(world, "olga@nordwind.de")
    with world.uow() as uow:
        c = uow.contacts.get(world.slack.team.id, cid)
    assert c is not None and c.follow_up_at == datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    world.slack.press(world.ann, world.ch("sales"), card_ts(world, said.ts), action_id="followup_remind_date",
                      value=date(2026, 12, 3))  # fmt: skip
    with world.uow() as uow:
        c = uow.contacts.get(world.slack.team.id, cid)
    assert c is not None and c.follow_up_at == datetime(2026, 12, 3, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    world.slack.press(world.ann, world.ch("sales"), card_ts(world, said.ts), action_id="followup_remind_date",
                      value=date(2026, 11, 1))  # fmt: skip
    assert any("Pick a later date" in t for t in world.ephemeral_texts(world.ann))


def _hot_lead_ticks(world: World) -> None:
    for minutes in (30, 61, 90, 121, 180):
        run_tick(world, START + timedelta(minutes=minutes))


def test_an_untouched_hot_lead_nudges_the_owner_after_an_hour_and_the_channel_after_two_once(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), HOT_LEAD)
    run_tick(world, START + timedelta(minutes=30))
    assert dms(world, world.ann, "no touch from you") == []
    run_tick(world, START + timedelta(minutes=61))
    assert len(dms(world, world.ann, "no touch from you")) == 1 and in_channel(world, "sales", "has waited") == []
    _hot_lead_ticks(world)
    (owner_nudge,) = dms(world, world.ann, "no touch from you")
    (channel_nudge,) = in_channel(world, "sales", "has waited")
    assert "Lucas Meyer" in owner_nudge and "1 hour" in owner_nudge
    assert "2 hours" in channel_nudge and world.ann.id in channel_nudge
    assert dms(world, world.bob, "no touch") == []


def test_the_channel_nudge_goes_to_the_alerts_channel_when_one_is_set(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "alerts #prospect-alerts")
    world.slack.say(world.ann, world.ch("sales"), HOT_LEAD)
    _hot_lead_ticks(world)
    assert len(in_channel(world, "prospect-alerts", "has waited")) == 1 and in_channel(world, "sales", "has waited") == []


def test_contacted_stops_the_nudges(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), HOT_LEAD)
    run_tick(world, START + timedelta(minutes=30))
    (alert,) = [m for m in world.bot_messages(world.ch("sales")) if "Hot lead" in message_text(m)]
    world.slack.press(world.ann, world.ch("sales"), alert.ts, "Contacted")
    _hot_lead_ticks(world)
    assert dms(world, world.ann, "no touch from you") == [] and in_channel(world, "sales", "has waited") == []


def test_a_fresh_prospect_nudges_its_owner_after_an_hour(world: World) -> None:
    world.slack.say(world.bob, world.ch("sales"), "@Banter Maria Lopez, COO at Quickco, maria@quickco.com")
    world.slack.slash(world.bob, world.ch("sales"), "promote maria@quickco.com")
    run_tick(world, START + timedelta(minutes=59))
    run_tick(world, START + timedelta(minutes=60))
    run_tick(world, START + timedelta(minutes=75))
    (nudge,) = dms(world, world.bob, "no touch from you")
    assert "a new prospect" in nudge


def test_a_quiet_lead_gets_one_gentle_check_in_in_the_owners_working_hours(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Tom Reed, Analyst at Datafirm, tom@datafirm.com")
    run_tick(world, datetime(2026, 12, 8, 5, 0, tzinfo=UTC))  # 15 days on, but 06:00 in Berlin
    assert dms(world, world.ann, "quiet for") == []
    for hour in (9, 10, 14):
        run_tick(world, datetime(2026, 12, 8, hour, 0, tzinfo=UTC))
    run_tick(world, datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    (check_in,) = dms(world, world.ann, "quiet for")
    assert "Tom Reed" in check_in and "14 days" in check_in


def test_reassign_by_command_and_button_lands_in_the_history_and_the_new_owner_is_told(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, CTO at Acme, jane@acme.com")
    world.slack.slash(world.ann, world.ch("sales"), "assign jane@acme.com @bob")
    assert any("now" in t and world.bob.id in t for t in world.ephemeral_texts(world.ann))
    (told,) = dms(world, world.bob, "assigned you")
    assert "Jane Doe" in told and world.ann.id in told
    world.slack.slash(world.ann, world.ch("sales"), "assign jane@acme.com @ann")
    assert any("Only the contact's owner" in t for t in world.ephemeral_texts(world.ann)), "no longer Ann's"
    world.slack.press(world.bob, world.ch("sales"), card_ts(world, said.ts), action_id="contact_assign", value=world.boss)
    assert len(dms(world, world.boss, "assigned you")) == 1
    cid = contact_id(world, "jane@acme.com")
    with world.uow() as uow:
        history = owner_service.owner_history(uow, world.slack.team.id, cid)
        owner = uow.contacts.get(world.slack.team.id, cid).owner_id  # type: ignore[union-attr]
    assert [(h.user_id, h.detail) for h in history] == [
        (world.ann.id, f"{world.ann.id} -> {world.bob.id}"), (world.bob.id, f"{world.bob.id} -> {world.boss.id}")]
    assert owner == world.boss.id
    assert world.boss.id in message_text(world.slack.message(world.ch("sales").id, card_ts(world, said.ts)))


def test_contacts_logged_by_someone_not_a_rep_go_round_the_reps(world: World) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set reps @ann @bob")
    for who in ("Amy Ash, amy@one.com", "Ben Birch, ben@two.com", "Cy Cedar, cy@three.com"):
        world.slack.say(world.boss, world.ch("sales"), f"@Banter {who}")
    world.slack.say(world.ann, world.ch("sales"), "@Banter Dee Dogwood, dee@four.com")
    run_tick(world, START + timedelta(minutes=1))
    run_tick(world, START + timedelta(minutes=2))
    owners = {r["name"]: r["owner"] for r in world.export()}
    assert [owners["Amy Ash"], owners["Ben Birch"], owners["Cy Cedar"]] == [world.ann.id, world.bob.id, world.ann.id]
    assert owners["Dee Dogwood"] == world.ann.id, "a rep keeps what they log"
    assert len(dms(world, world.ann, "next in the rotation")) == 2 and len(dms(world, world.bob, "next in the rotation")) == 1


def _prospect(world: World, who: str, email: str, by: User | None = None) -> str:
    said = world.slack.say(by or world.ann, world.ch("sales"), f"@Banter {who}, {email}")
    world.slack.slash(by or world.ann, world.ch("sales"), f"promote {email}")
    return said.ts


def test_won_and_lost_land_in_the_stage_history_and_leave_the_digest(world: World) -> None:
    _prospect(world, "Maria Lopez, COO at Quickco", "maria@quickco.com")
    sam = _prospect(world, "Sam Green, CEO at Greenco", "sam@greenco.com")
    olga = _prospect(world, "Olga Petrova, Head of Ops at Nordwind AG", "olga@nordwind.de")
    _prospect(world, "Ken Ito, CFO at Megacorp", "ken.ito@megacorp.com")
    _prospect(world, "Pat Lane, Buyer at Stayco", "pat@stayco.com")
    world.slack.slash(world.ann, world.ch("sales"), "won maria@quickco.com")
    world.slack.press(world.ann, world.ch("sales"), card_ts(world, sam), "Won")
    world.slack.press(world.ann, world.ch("sales"), card_ts(world, olga), "chose a competitor")
    world.slack.slash(world.ann, world.ch("sales"), "lost ken.ito@megacorp.com went with the cheaper tool")
    ids = [contact_id(world, e) for e in ("maria@quickco.com", "sam@greenco.com", "olga@nordwind.de", "ken.ito@megacorp.com")]
    with world.uow() as uow:
        last = {cid: uow.stages.history(world.slack.team.id, cid)[-1] for cid in ids}
    assert [(h.to_stage.value, h.reason, h.by_user) for h in last.values()] == [
        ("customer", "won", world.ann.id), ("customer", "won", world.ann.id),
        ("disqualified", "lost: chose a competitor", world.ann.id),
        ("disqualified", "lost: went with the cheaper tool", world.ann.id),
    ]  # fmt: skip
    assert "Customer" in message_text(world.slack.message(world.ch("sales").id, card_ts(world, sam)))
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 09:00 Europe/Berlin")
    run_tick(world, datetime(2026, 11, 24, 8, 0, tzinfo=UTC))
    (digest,) = in_channel(world, "sales", "Who to call today")
    top = digest.split("Since the last digest")[0]
    assert "Pat Lane" in top
    assert not any(name in top for name in ("Maria Lopez", "Sam Green", "Olga Petrova", "Ken Ito"))


def test_stats_for_two_events_come_out_exactly_and_only_to_the_asker(world: World) -> None:
    summit = world.slack.team.add_channel("websummit-2026", members=[world.ann, world.bob, world.boss])
    world.channels["websummit-2026"] = summit
    saastr = ["amy@one.com", "ben@two.com", "cy@three.com", "dee@four.com"]
    for i, email in enumerate(saastr):
        world.slack.say(world.ann, world.ch("saastr-2026"), f"@Banter Person{i} Saastr, VP at Co{i}, {email}")
    for i, email in enumerate(["eve@five.com", "fay@six.com", "gus@seven.com"]):
        world.slack.say(world.bob, summit, f"@Banter Person{i} Summit, VP at Firm{i}, {email}")
    world.clock.advance(days=2)
    for email in saastr[:2]:
        world.slack.slash(world.ann, world.ch("sales"), f"promote {email}")
    world.clock.advance(days=2)
    world.slack.slash(world.bob, world.ch("sales"), "promote eve@five.com")
    world.clock.advance(days=1)
    world.slack.slash(world.ann, world.ch("sales"), "won amy@one.com")
    with world.uow() as uow:
        report = stats_service.stats(uow, world.slack.team.id, "", world.clock.now())
        funnel = stats_service.month_funnel(uow, world.slack.team.id, world.clock.now(), "Europe/Berlin")
    by_event = {y.label: y for y in report.by_origin}
    s, w = by_event["saastr-2026"], by_event["websummit-2026"]
    assert (s.logged, s.promoted, s.won, s.promoted_rate, s.won_rate) == (4, 2, 1, 0.5, 0.25)
    assert (s.days_to_prospect, s.days_to_customer) == (2.0, 3.0)
    assert (w.logged, w.promoted, w.won, w.won_rate, w.days_to_prospect) == (3, 1, 0, 0.0, 4.0)
    by_rep = {y.label: y for y in report.by_rep}
    assert (by_rep[world.ann.id].logged, by_rep[world.bob.id].promoted) == (4, 1)
    assert (funnel.logged, funnel.promoted, funnel.won, funnel.label) == (7, 3, 1, "November 2026")
    before = len(world.bot_messages(world.ch("sales")))
    world.slack.slash(world.boss, world.ch("sales"), "stats saastr")
    (answer,) = [t for t in world.ephemeral_texts(world.boss) if "What it yielded" in t]
    assert "*4* logged · *2* promoted (50%) · *1* won (25%)" in answer and "websummit" not in answer
    world.slack.slash(world.boss, world.ch("sales"), "stats this month")
    assert any("November 2026: 7 logged, 3 promoted (43%), 1 won (14%)" in t for t in world.ephemeral_texts(world.boss))
    assert len(world.bot_messages(world.ch("sales"))) == before, "stats are answered only to the asker"


def test_a_discovery_answer_that_says_call_her_on_thursday_sets_the_follow_up(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter Jane Doe, CTO at Acme, jane@acme.com")
    cid = contact_id(world, "jane@acme.com")
    with world.uow() as uow:
        when = followups.follow_up_from_text(uow, world.slack.team.id, world.ann.id, cid,
                                             "budget is 40k, call her on Thursday", START, "Europe/Berlin")  # fmt: skip
        uow.commit()
    assert when == datetime(2026, 11, 26, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    run_tick(world, datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    assert len(dms(world, world.ann, "Time to follow up")) == 1


def test_a_teammates_note_in_the_thread_counts_as_a_touch_and_stops_the_nudges(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), HOT_LEAD)
    run_tick(world, START + timedelta(minutes=30))
    world.clock.set(START + timedelta(minutes=40))
    world.slack.say(world.bob, world.ch("sales"), "called him, he wants the proposal by Friday", thread_ts=said.ts)
    _hot_lead_ticks(world)
    assert dms(world, world.ann, "no touch from you") == [] and in_channel(world, "sales", "has waited") == []


def test_a_prospect_promoted_by_its_discovery_answers_is_not_nudged_as_untouched(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter Maria Lopez, COO at Quickco, maria@quickco.com")
    card = card_ts(world, said.ts)
    world.slack.press(world.ann, world.ch("sales"), card, "Start discovery")
    world.slack.say(world.ann, world.ch("sales"), "budget: 90k; authority: decision maker; need: route planning; "
                    "timeline: within 30 days", thread_ts=said.ts)  # fmt: skip
    assert [r["stage"] for r in world.export()] == ["prospect"]
    for minutes in (61, 121, 180):
        run_tick(world, START + timedelta(minutes=minutes))
    assert dms(world, world.ann, "no touch from you") == [] and in_channel(world, "sales", "has waited") == []
