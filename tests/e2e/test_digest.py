"""The morning digest: subscribed channels get one prioritised message at their local time, once."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import UTC, datetime

from bot.services.digest import run_pass
from handlers.digest_poster import SlackDigestPoster
from handlers.scheduler import tick
from tests.harness import World, message_text

# Tuesday 24 November 2026, 09:00 in Berlin is 08:00 UTC.
TUESDAY_9_BERLIN = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)


def make_prospect(world: World, who: str, timeline: str, budget: str = "50k", channel: str = "saastr-2026") -> str:
    said = world.slack.say(world.ann, world.ch(channel), f"@Banter {who}")
    card = world.replies(world.ch(channel), said.ts)[0]
    world.slack.press(world.ann, world.ch(channel), card.ts, "Start discovery")
    world.slack.say(world.ann, world.ch(channel), f"budget: {budget}; authority: decision maker; "
                    f"need: pipeline reporting is manual; timeline: {timeline}", thread_ts=said.ts)
    return said.ts


def subscribe(world: World, args: str = "#sales 09:00 Europe/Berlin") -> None:
    world.slack.slash(world.boss, world.ch("sales"), f"digest subscribe {args}")


def digests(world: World, channel: str = "sales") -> list[str]:
    return [message_text(m) for m in world.bot_messages(world.ch(channel)) if "Who to call today" in message_text(m)]


def run_tick(world: World, when: datetime) -> None:
    world.clock.set(when)
    tick(world.banter.svc, world.banter.client_for, when)  # type: ignore[arg-type]


def test_the_digest_arrives_once_at_local_time_ranked_by_urgency(world: World) -> None:
    make_prospect(world, "Ken Ito, CFO at Megacorp, ken.ito@megacorp.com", "in 5 months", budget="900k")
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks", budget="30k")
    world.slack.say(world.ann, world.ch("sales"), "@Banter Ravi Kumar, Director at Hotco, ravi@hotco.com, asked for pricing and booked a demo call")
    subscribe(world)
    assert any("gets the digest at 09:00 Europe/Berlin" in t for t in world.ephemeral_texts(world.boss))
    run_tick(world, datetime(2026, 11, 24, 7, 59, tzinfo=UTC))
    assert digests(world) == [], "not before 09:00 Berlin"
    run_tick(world, TUESDAY_9_BERLIN)
    run_tick(world, datetime(2026, 11, 24, 8, 1, tzinfo=UTC))
    (digest,) = digests(world)
    assert digest.index("Maria Lopez") < digest.index("Ken Ito"), "3 weeks outranks 5 months and a bigger budget"
    assert "Tuesday 24 November" in digest
    assert "days left" in digest and "Ravi Kumar" in digest  # hot leads waiting for discovery
    assert "new leads" in digest and "prospects" in digest


def test_weekends_are_skipped_unless_daily(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    subscribe(world, "#random 09:00 Europe/Berlin daily")
    saturday = datetime(2026, 11, 28, 8, 30, tzinfo=UTC)
    run_tick(world, saturday)
    assert digests(world, "sales") == [] and len(digests(world, "random")) == 1


def test_catch_up_later_the_same_day_but_not_after_the_cutoff(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    run_tick(world, datetime(2026, 11, 24, 17, 30, tzinfo=UTC))  # 18:30 Berlin: past the 17:00 cutoff
    assert digests(world) == []
    run_tick(world, datetime(2026, 11, 25, 12, 0, tzinfo=UTC))  # Banter was down at 09:00: 13:00 still counts
    run_tick(world, datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    assert len(digests(world)) == 1


def test_slack_rate_limits_and_errors_are_retried_and_still_post_once(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    world.slack.inject("chat.postMessage", "ratelimited", retry_after=1, channel=world.ch("sales").id)
    world.slack.inject("chat.postMessage", "server_error", channel=world.ch("sales").id)
    run_tick(world, TUESDAY_9_BERLIN)
    assert len(digests(world)) == 1


def test_a_dropped_connection_after_slack_accepted_the_digest_is_reconciled_not_reposted(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    world.slack.inject("chat.postMessage", "drop_after_accept", channel=world.ch("sales").id)
    run_tick(world, TUESDAY_9_BERLIN)
    run_tick(world, datetime(2026, 11, 24, 8, 10, tzinfo=UTC))
    assert len(digests(world)) == 1
    with world.uow() as uow:
        from datetime import date

        d = uow.digests.delivery(world.slack.team.id, world.ch("sales").id, date(2026, 11, 24))
    assert d is not None and d.status == "sent"


def test_passes_running_at_once_post_one_digest(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    subscribe(world, "#random 09:00 Europe/Berlin")
    poster = SlackDigestPoster(world.banter.svc, world.banter.client_for)  # type: ignore[arg-type]
    barrier = threading.Barrier(4)

    def one_pass() -> None:
        barrier.wait()
        run_pass(world.banter.svc.uow, poster, TUESDAY_9_BERLIN)  # type: ignore[attr-defined]

    threads = [threading.Thread(target=one_pass) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(digests(world, "sales")) == 1 and len(digests(world, "random")) == 1


def test_cron_processes_running_the_digest_command_at_once_post_once(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    env = {"SLACK_BOT_TOKEN": world.slack.team.bot_token, "SLACK_SIGNING_SECRET": world.slack.signing_secret,
           "SLACK_API_URL": world.slack.api_url, "DATABASE_URL": world.db_url, "PATH": "/usr/bin:/bin"}
    procs = [subprocess.Popen([sys.executable, "app.py", "digest", "--at", TUESDAY_9_BERLIN.isoformat()], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert len(digests(world)) == 1
    assert sorted(o[0].split(": ")[1][0] for o in outs) == ["0", "0", "1"], outs


def test_contacted_and_snooze_from_the_digest(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    run_tick(world, TUESDAY_9_BERLIN)
    (msg,) = [m for m in world.bot_messages(world.ch("sales")) if "Who to call today" in message_text(m)]
    world.slack.press(world.bob, world.ch("sales"), msg.ts, "Contacted")
    assert any("contacted" in t for t in world.ephemeral_texts(world.bob))
    world.slack.press(world.bob, world.ch("sales"), msg.ts, "Snooze a week")
    run_tick(world, datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    assert len(digests(world)) == 1, "Maria snoozed and nothing new: nothing to say on Wednesday, so no digest"
    with world.uow() as uow:
        from datetime import date

        wednesday = uow.digests.delivery(world.slack.team.id, world.ch("sales").id, date(2026, 11, 25))
    assert wednesday is not None and wednesday.status == "empty", "the day is still settled, once"
    run_tick(world, datetime(2026, 12, 2, 8, 0, tzinfo=UTC))
    assert len(digests(world)) == 2 and "Maria Lopez" in digests(world)[-1], "back after the snooze"


def test_subscriptions_need_an_admin_and_the_preview_is_only_for_the_asker(world: World) -> None:
    world.slack.slash(world.ann, world.ch("sales"), "digest subscribe #sales")
    assert any("Only workspace admins" in t for t in world.ephemeral_texts(world.ann))
    world.slack.slash(world.boss, world.ch("sales"), "digest subscribe #sales 25:00")
    assert any("not a time of day" in t for t in world.ephemeral_texts(world.boss))
    subscribe(world, "#sales 08:30 America/New_York min warm")
    world.slack.slash(world.ann, world.ch("sales"), "digest list")
    assert any("08:30 America/New_York" in t and "min warm" in t for t in world.ephemeral_texts(world.ann))
    world.slack.slash(world.ann, world.ch("sales"), "digest")
    assert any("Digest preview" in t for t in world.ephemeral_texts(world.ann))
    assert world.bot_messages(world.ch("sales")) == []


def test_a_channel_subscribed_after_nine_gets_its_first_digest_the_next_morning(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    world.clock.set(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))  # 10:00 in Berlin
    subscribe(world)
    run_tick(world, datetime(2026, 11, 24, 9, 1, tzinfo=UTC))
    assert digests(world) == []
    run_tick(world, datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    assert len(digests(world)) == 1


def test_on_mondays_the_funnel_chart_is_uploaded_with_the_digest(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    run_tick(world, datetime(2026, 11, 24, 8, 0, tzinfo=UTC))  # Tuesday: no chart
    assert world.slack.files == {}
    run_tick(world, datetime(2026, 11, 30, 8, 0, tzinfo=UTC))  # Monday
    (upload,) = world.slack.files.values()
    assert upload.content[:8] == b"\x89PNG\r\n\x1a\n" and upload.channel == world.ch("sales").id
    assert len(digests(world)) == 2


def test_when_slack_cannot_say_whether_a_digest_landed_it_is_not_reposted(world: World) -> None:
    make_prospect(world, "Maria Lopez, COO at Quickco, maria@quickco.com", "in 3 weeks")
    subscribe(world)
    world.slack.inject("chat.postMessage", "drop_after_accept", channel=world.ch("sales").id)
    world.slack.inject("conversations.history", "server_error", times=6)  # two lookups, each retried twice
    run_tick(world, TUESDAY_9_BERLIN)
    run_tick(world, datetime(2026, 11, 24, 8, 10, tzinfo=UTC))  # the claim is stale; Slack still cannot answer
    assert len(digests(world)) == 1, "never a second digest on an unknown outcome"
    run_tick(world, datetime(2026, 11, 24, 8, 20, tzinfo=UTC))  # Slack answers again: reconciled, still one
    assert len(digests(world)) == 1
    with world.uow() as uow:
        from datetime import date

        assert uow.digests.delivery(world.slack.team.id, world.ch("sales").id, date(2026, 11, 24)).status == "sent"
