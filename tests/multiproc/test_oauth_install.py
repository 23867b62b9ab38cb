"""Many workspaces: installed through Slack's OAuth flow, each answered with its own token, forgotten on
uninstall; the install is saved by one HTTP worker and used by whichever gets the next event."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import unquote, urlencode

from sandbox.fakeslack import FakeSlack, HttpTarget
from tests.multiproc.conftest import Database, Processes, serve_http, wait_for


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, dict[str, str]]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as resp:
        return resp.status, resp.read().decode(), {k.lower(): v for k, v in resp.headers.items()}


def test_a_workspace_installed_through_oauth_is_answered_with_its_own_token_until_it_uninstalls(
    database: Database, slack: FakeSlack, processes: Processes
) -> None:
    _, base = serve_http(processes, workers=2, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=slack.client_id,
                         SLACK_CLIENT_SECRET=slack.client_secret)  # fmt: skip
    status, page, headers = _get(f"{base}/slack/install")
    assert status == 200 and "oauth/v2/authorize" in page
    state = unquote(re.search(r"state=([^&\"]+)", page).group(1))  # type: ignore[union-attr]
    assert state in headers["set-cookie"]  # the browser carries it back: Bolt checks both

    code = slack.authorize_url_code("T0GLOBEX", name="Globex", installer="U0INSTALL")
    query = urlencode({"code": code, "state": state})
    status, page, _ = _get(f"{base}/slack/oauth_redirect?{query}", {"Cookie": f"slack-app-oauth-state={state}"})
    assert status == 200
    globex = slack.teams["T0GLOBEX"]
    stored = database.rows("SELECT team_id, bot_token, bot_user_id FROM slack_bots")
    assert [tuple(r) for r in stored] == [("T0GLOBEX", globex.bot_token, globex.bot_user_id)]

    ann = globex.add_user("ann", real_name="Ann Lee", tz="Europe/Berlin")
    sales = globex.add_channel("sales", members=[ann])
    slack.target = HttpTarget(f"{base}/slack/events")
    said = slack.say(ann, sales, "@banter met Jane Doe, VP Marketing at Acme Corp, jane@acme.com")
    wait_for(lambda: any(m.bot_id for m in slack.thread(sales.id, said.ts)[1:]), what="Globex's reply")
    assert slack.calls_to("chat.postMessage")[-1].token == globex.bot_token
    assert database.scalar("SELECT count(*) FROM contacts WHERE team_id = 'T0GLOBEX'") == 1

    # A workspace that never installed this app gets no answer from Banter, and no one else's token is used.
    stranger = slack.team.add_user("sam", real_name="Sam Stranger")
    elsewhere = slack.team.add_channel("sales", members=[stranger])
    posts_before = len(slack.calls_to("chat.postMessage"))
    slack.say(stranger, elsewhere, "@banter met Omar Haddad, CTO at Globex, omar@globex.com")
    assert len(slack.calls_to("chat.postMessage")) == posts_before

    delivered = slack.deliver_event({"type": "app_uninstalled"}, team=globex)
    assert delivered.status == 200
    wait_for(lambda: database.scalar("SELECT count(*) FROM slack_bots") == 0, what="the installation to go")
    assert database.scalar("SELECT count(*) FROM slack_installations") == 0
