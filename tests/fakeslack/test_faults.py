from __future__ import annotations

import time
import urllib.error
from http.client import RemoteDisconnected

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from sandbox.fakeslack import Channel, FakeSlack


def test_a_429_carries_retry_after_and_the_rate_limit_handler_waits_and_retries(
        slack: FakeSlack, sales: Channel) -> None:
    slack.inject("chat.postMessage", "ratelimited", retry_after=1)
    client = WebClient(token=slack.team.bot_token, base_url=slack.api_url,
                       retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])
    started = time.monotonic()
    client.chat_postMessage(channel=sales.id, text="Digest")
    waited = time.monotonic() - started

    assert waited >= 1.0
    statuses = [c.status for c in slack.calls_to("chat.postMessage")]
    assert statuses == [429, 200] and len(sales.messages) == 1


def test_a_429_without_a_retry_handler_surfaces_as_ratelimited(slack: FakeSlack, sales: Channel) -> None:
    slack.inject("chat.postMessage", "ratelimited", channel=sales.id, retry_after=7)
    client = WebClient(token=slack.team.bot_token, base_url=slack.api_url, retry_handlers=[])
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel=sales.id, text="x")
    assert caught.value.response.status_code == 429
    assert caught.value.response.headers["Retry-After"] == "7"
    assert caught.value.response["error"] == "ratelimited" and sales.messages == []


def test_a_fault_for_one_channel_leaves_the_others_alone(slack: FakeSlack, client: WebClient, sales: Channel) -> None:
    other = slack.team.add_channel("wins")
    slack.inject("chat.postMessage", "server_error", channel=other.id)
    client.chat_postMessage(channel=sales.id, text="fine")
    with pytest.raises(SlackApiError) as caught:
        client.chat_postMessage(channel=other.id, text="boom")
    assert caught.value.response.status_code == 500 and other.messages == []


def test_a_timeout_holds_the_request_past_the_callers_timeout(slack: FakeSlack, sales: Channel) -> None:
    slack.timeout_hold_seconds = 1.0
    slack.inject("chat.postMessage", "timeout")
    client = WebClient(token=slack.team.bot_token, base_url=slack.api_url, timeout=0.3, retry_handlers=[])
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        client.chat_postMessage(channel=sales.id, text="x")
    assert sales.messages == []


def test_drop_after_accept_stores_the_message_but_the_caller_sees_a_broken_connection(
        slack: FakeSlack, sales: Channel) -> None:
    slack.inject("chat.postMessage", "drop_after_accept")
    client = WebClient(token=slack.team.bot_token, base_url=slack.api_url, retry_handlers=[])
    with pytest.raises((RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        client.chat_postMessage(channel=sales.id, text="Deal won")
    assert [m.text for m in sales.messages] == ["Deal won"]


def test_the_sdks_default_retry_after_a_dropped_connection_double_posts(slack: FakeSlack, sales: Channel) -> None:
    slack.inject("chat.postMessage", "drop_after_accept")
    WebClient(token=slack.team.bot_token, base_url=slack.api_url).chat_postMessage(channel=sales.id, text="Won")
    assert [m.text for m in sales.messages] == ["Won", "Won"]
