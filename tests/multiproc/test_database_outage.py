"""PostgreSQL going away under a running Banter: every one of its connections is cut, as a server restart
would, without restarting the server other tests share."""

from __future__ import annotations

import threading
import urllib.request

from sqlalchemy import text

from handlers.errors import TRY_AGAIN
from sandbox.fakeslack import FakeSlack, HttpTarget
from tests.multiproc.conftest import Database, Processes, serve_http, wait_for


def _replied(slack: FakeSlack, channel_id: str, ts: str) -> int:
    return sum(1 for m in slack.thread(channel_id, ts)[1:] if m.bot_id)


def test_cut_connections_cost_the_request_in_flight_a_try_again_and_the_next_one_nothing(
    database: Database, slack: FakeSlack, processes: Processes
) -> None:
    server, base = serve_http(processes, workers=2)
    slack.target = HttpTarget(f"{base}/slack/events")
    team = slack.team
    ann = team.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    sales = team.add_channel("sales", members=[ann])
    first = slack.say(ann, sales, "@banter met Jane Doe, VP Marketing at Acme Corp, jane@acme.com")
    wait_for(lambda: _replied(slack, sales.id, first.ts), what="the first reply")

    # 1. Connections cut while idle: the pool notices at checkout (pre-ping) and reconnects.
    assert database.terminate_banter_sessions() >= 1
    second = slack.say(ann, sales, "@banter met Omar Haddad, CTO at Globex, omar@globex.com")
    wait_for(lambda: _replied(slack, sales.id, second.ts), what="a reply after the cut")

    # 2. A connection cut while a request is using it: that person is told to try again.
    with database.engine.connect() as blocker:
        blocker.execute(text("LOCK TABLE processed_events IN ACCESS EXCLUSIVE MODE"))  # the request waits here
        third = threading.Thread(target=slack.say, args=(ann, sales, "@banter met Lena Park, CFO at Initech, lena@initech.com"))
        third.start()
        # Slack delivers the mention twice (message and app_mention): cut only once both are waiting.
        wait_for(lambda: database.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = :a AND wait_event_type = 'Lock'",
            a=database.schema) >= 2, what="both deliveries waiting on the database")  # fmt: skip
        database.terminate_banter_sessions()
        blocker.rollback()
    third.join(10)
    wait_for(lambda: any(TRY_AGAIN in e.text for e in slack.ephemerals(user=ann, channel=sales)), what="try again")
    log = processes.output(server)
    assert "Traceback" not in log, log
    assert database.scalar("SELECT count(*) FROM contacts WHERE name = 'Lena Park'") == 0

    # 3. The person tries again, and nothing was restarted.
    again = slack.say(ann, sales, "@banter met Lena Park, CFO at Initech, lena@initech.com")
    wait_for(lambda: _replied(slack, sales.id, again.ts), what="the retried message's reply")
    assert database.scalar("SELECT count(*) FROM contacts WHERE name = 'Lena Park'") == 1
    with urllib.request.urlopen(f"{base}/healthz", timeout=5) as health:
        assert health.status == 200
    assert server.poll() is None
