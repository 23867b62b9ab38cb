"""Migration 0002 writes slack-sdk's install tables out by hand; they must stay what slack-sdk's stores expect."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import MetaData

from storage.db import make_engine

SLACK_TABLES = {"slack_installations", "slack_bots", "slack_oauth_states"}


def _store_metadata() -> MetaData:
    metadata = MetaData()
    SQLAlchemyInstallationStore.build_installations_table(metadata, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(metadata, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(metadata, "slack_oauth_states")
    return metadata


def _only_slack_tables(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return getattr(table, "name", name) in SLACK_TABLES


def test_the_migrated_install_tables_match_what_slack_sdk_creates(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _only_slack_tables, "compare_type": True})
        assert compare_metadata(context, _store_metadata()) == []
    engine.dispose()


def test_an_installation_saved_through_the_store_is_found_by_its_workspace(db_url: str) -> None:
    engine = make_engine(db_url)
    store = SQLAlchemyInstallationStore(client_id="1111.2222", engine=engine)
    store.save(Installation(app_id="A0BANTER", team_id="T0GLOBEX", team_name="Globex", user_id="U0INSTALL",
                            bot_token="xoxb-globex", bot_id="B0GLOBEX", bot_user_id="U0GLOBEX", bot_scopes="chat:write"))  # fmt: skip
    assert store.find_bot(enterprise_id=None, team_id="T0GLOBEX").bot_token == "xoxb-globex"  # type: ignore[union-attr]
    store.delete_all(enterprise_id=None, team_id="T0GLOBEX")
    assert store.find_bot(enterprise_id=None, team_id="T0GLOBEX") is None
    engine.dispose()
