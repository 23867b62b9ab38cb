from __future__ import annotations

from collections.abc import Iterator

import pytest
from slack_sdk import WebClient

from sandbox.fakeslack import Channel, FakeSlack, User


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def ann(slack: FakeSlack) -> User:
    return slack.team.add_user("ann", real_name="Ann Lee")


@pytest.fixture
def sales(slack: FakeSlack, ann: User) -> Channel:
    return slack.team.add_channel("sales", members=[ann])


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token=slack.team.bot_token, base_url=slack.api_url, timeout=2)
