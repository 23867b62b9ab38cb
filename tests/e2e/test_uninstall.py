"""OAuth mode (many workspaces): `app_uninstalled` and `tokens_revoked` delete the workspace's installation, so
nothing from then on is answered or posted with its old token; the other workspaces carry on."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from handlers import oauth
from handlers.scheduler import tick
from storage.db import make_engine
from tests.reliability.conftest import TwoTeams, _two_teams


@pytest.fixture
def t(db_url: str) -> Iterator[TwoTeams]:
    # slack-sdk's install tables are not in Banter's models, so the per-test TRUNCATE leaves them: start clean
    engine = make_engine(db_url)
    with engine.begin() as conn:
        for table in ("slack_bots", "slack_installations", "slack_oauth_states"):
            conn.execute(text(f"DELETE FROM {table}"))
    engine.dispose()
    with _two_teams(db_url) as teams:
        yield teams


def _bots(t: TwoTeams) -> list[tuple[str, str]]:
    with t.uow() as uow:
        rows = uow.session.execute(text("SELECT team_id, bot_token FROM slack_bots ORDER BY team_id")).all()
    return [tuple(r) for r in rows]


def _posts_with(t: TwoTeams, token: str) -> int:
    return len([c for c in t.slack.calls_to("chat.postMessage") if c.token == token])


def _contacts(t: TwoTeams, team_id: str) -> list[str]:
    with t.uow() as uow:
        return sorted(c.name for c in uow.contacts.all(team_id))


REVOCATIONS = {
    "app_uninstalled": lambda t: {"type": "app_uninstalled"},
    "tokens_revoked": lambda t: {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": [t.rival.bot_user_id]}},
}


@pytest.mark.parametrize("event", [
    "app_uninstalled",
    "tokens_revoked",
])  # fmt: skip
def test_a_revoked_or_uninstalled_workspace_is_forgotten_and_never_answered_with_its_old_token(
    t: TwoTeams, event: str
) -> None:
    t.slack.say(t.eve, t.rival_sales, "@Banter met Jon Roe, COO at Foo Ltd, jon@foo.io")
    assert _posts_with(t, t.rival.bot_token) == 1, "installed: Rival is answered with its own token"
    assert _bots(t) == sorted([(t.acme.id, t.acme.bot_token), (t.rival.id, t.rival.bot_token)])

    assert t.slack.deliver_event(REVOCATIONS[event](t), team=t.rival).status == 200
    t.executor.wait_idle()
    assert _bots(t) == [(t.acme.id, t.acme.bot_token)], "Rival's installation is gone, Acme's stays"
    store = oauth.installation_store(t.banter.config.client_id, t.banter.engine)  # type: ignore[attr-defined]
    assert store.find_bot(enterprise_id=None, team_id=t.rival.id) is None

    t.slack.say(t.eve, t.rival_sales, "@Banter met Ada Stone, CTO at Bar Inc, ada@bar.io")
    t.slack.slash(t.eve, t.rival_sales, "find jon")
    assert _posts_with(t, t.rival.bot_token) == 1, "nothing more posted with the old token"
    answers = [e.text for e in t.slack.ephemerals(user=t.eve)]
    assert len(answers) == 1 and "Please reinstall this app" in answers[0], "only Bolt's notice, no search result"
    assert _contacts(t, t.rival.id) == ["Jon Roe"], "the event after the uninstall was not processed"

    t.slack.say(t.ann, t.sales, "@Banter met Priya Raman, CTO at Initech Systems, priya@initech.io")
    assert _posts_with(t, t.acme.bot_token) == 1 and _contacts(t, t.acme.id) == ["Priya Raman"], "Acme carries on"
    assert t.executor.errors == []


@pytest.mark.parametrize("uninstalled", [False, True])
def test_an_uninstalled_workspaces_digest_is_not_posted_and_the_others_still_is(t: TwoTeams, uninstalled: bool) -> None:
    from bot.records import Subscription
    from bot.services import digest as digest_service

    t.slack.say(t.ann, t.sales, "@Banter met Priya Raman, CTO at Initech Systems, priya@initech.io")
    t.slack.slash(t.ann, t.sales, "promote priya@initech.io")
    t.slack.say(t.eve, t.rival_sales, "@Banter met Jon Roe, COO at Foo Ltd, jon@foo.io")
    t.slack.slash(t.eve, t.rival_sales, "promote jon@foo.io")
    t.slack.slash(t.eve, t.rival_sales, "digest subscribe #sales 09:00 Europe/London")
    with t.uow() as uow:  # Acme has no admin here: its subscription goes straight to the store
        digest_service.subscribe(uow, Subscription(t.acme.id, t.sales.id, "09:00", "Europe/London", True, {},
                                                   t.ann.id), t.banter.svc.clock.now())  # type: ignore[attr-defined]
        uow.commit()
    if uninstalled:
        t.slack.deliver_event({"type": "app_uninstalled"}, team=t.rival)
        t.executor.wait_idle()
    posts_before = _posts_with(t, t.rival.bot_token)
    tick(t.banter.svc, t.banter.client_for, datetime(2026, 11, 24, 9, 0, tzinfo=UTC))  # type: ignore[attr-defined]

    def digests(channel) -> int:  # noqa: ANN001
        return len([m for m in channel.messages if m.bot_id and "Who to call today" in (m.text or "")])

    assert (digests(t.sales), digests(t.rival_sales)) == (1, 0 if uninstalled else 1)
    if uninstalled:
        assert _posts_with(t, t.rival.bot_token) == posts_before, "no scheduled post with the old token either"
