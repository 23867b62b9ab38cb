from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qsl

import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from slack_sdk.webhook import WebhookClient

from sandbox.fakeslack import Channel, Delivered, FakeSlack, User


class Recorder:
    """Records what the fake delivers and answers with a chosen ack body."""

    def __init__(self, answer: dict[str, Any] | None = None) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.answer = answer

    def send(self, body: str, headers: dict[str, str]) -> Delivered:
        self.requests.append((body, headers))
        text = json.dumps(self.answer) if self.answer is not None else ""
        return Delivered(status=200, body=text, json=self.answer, request_body=body, request_headers=headers)

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(body) for body, _ in self.requests if body.startswith("{")]

    def payloads(self) -> list[dict[str, Any]]:
        return [json.loads(dict(parse_qsl(body))["payload"]) for body, _ in self.requests if body.startswith("payload=")]


BUTTONS = [{"type": "section", "text": {"type": "mrkdwn", "text": "Dana, VP Sales"}},
           {"type": "actions", "elements": [
               {"type": "button", "action_id": "qualify", "value": "7", "text": {"type": "plain_text", "text": "Qualify"}},
               {"type": "button", "action_id": "drop", "value": "7", "text": {"type": "plain_text", "text": "Drop"}}]}]


def test_deliveries_are_signed_so_slack_sdks_verifier_accepts_them(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = Recorder()
    slack.say(ann, sales, "hello", target=app)
    body, headers = app.requests[0]
    verifier = SignatureVerifier(slack.signing_secret)
    assert verifier.is_valid_request(body, headers)
    assert not SignatureVerifier("another-secret").is_valid_request(body, headers)


def test_signing_can_be_left_out_forged_or_replayed(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app, verifier = Recorder(), SignatureVerifier("test-signing-secret")
    with slack.signed(False):
        slack.say(ann, sales, "a", target=app)
    with slack.signed(secret="wrong"):
        slack.say(ann, sales, "b", target=app)
    with slack.signed(timestamp=int(time.time()) - 301):
        slack.say(ann, sales, "c", target=app)
    assert "X-Slack-Signature" not in app.requests[0][1]
    assert [verifier.is_valid_request(b, h) for b, h in app.requests] == [False, False, False]


def test_mentioning_the_bot_sends_message_and_app_mention_with_one_client_msg_id(
        slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = Recorder()
    said = slack.say(ann, sales, "@Banter met dana@acme.com", target=app)
    message, mention = app.events()
    assert (message["event"]["type"], mention["event"]["type"]) == ("message", "app_mention")
    assert message["event"]["client_msg_id"] == mention["event"]["client_msg_id"] == said.message.client_msg_id
    assert message["event_id"] != mention["event_id"]
    assert mention["event"]["text"] == f"<@{slack.team.bot_user_id}> met <mailto:dana@acme.com|dana@acme.com>"
    assert message["event"]["channel_type"] == "channel"


def test_a_thread_reply_carries_thread_ts_and_parent_user(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = Recorder()
    parent = slack.say(ann, sales, "new lead", target=app)
    slack.say(ann, sales, "budget 50k", thread_ts=parent.ts, target=app)
    event = app.events()[-1]["event"]
    assert (event["thread_ts"], event["parent_user_id"]) == (parent.ts, ann.id)


def test_the_app_hears_nothing_from_channels_it_is_not_in(slack: FakeSlack, ann: User) -> None:
    app = Recorder()
    lounge = slack.team.add_channel("lounge", members=[ann], bot_member=False)
    slack.say(ann, lounge, "@Banter hi", target=app)
    assert app.requests == [] and len(lounge.messages) == 1


def test_the_bots_own_posts_come_back_as_message_events_after_the_delivery(
        slack: FakeSlack, client: WebClient, sales: Channel) -> None:
    app = Recorder()
    client.chat_postMessage(channel=sales.id, text="Digest ready")
    assert app.requests == []
    slack.drain(app)
    event = app.events()[0]["event"]
    assert (event["bot_id"], event["text"], "subtype" in event) == (slack.team.bot_id, "Digest ready", False)


def test_pressing_a_label_that_is_not_shown_fails_and_lists_the_buttons(
        slack: FakeSlack, client: WebClient, sales: Channel, ann: User) -> None:
    posted = client.chat_postMessage(channel=sales.id, text="Dana", blocks=BUTTONS)
    with pytest.raises(AssertionError, match="'Qualify'.*'Drop'"):
        slack.press(ann, sales, posted["ts"], "Promote", target=Recorder())


def test_a_press_carries_the_stored_message_and_the_button(
        slack: FakeSlack, client: WebClient, sales: Channel, ann: User) -> None:
    app = Recorder()
    posted = client.chat_postMessage(channel=sales.id, text="Dana", blocks=BUTTONS)
    slack.press(ann, sales, posted["ts"], "Drop", target=app)
    payload = app.payloads()[0]
    assert payload["type"] == "block_actions" and payload["user"]["id"] == ann.id
    assert payload["actions"][0]["action_id"] == "drop" and payload["actions"][0]["value"] == "7"
    assert payload["container"] == {"type": "message", "message_ts": posted["ts"], "channel_id": sales.id,
                                    "is_ephemeral": False}
    assert payload["message"]["blocks"][1]["elements"][1]["text"]["text"] == "Drop"


def test_a_response_url_post_is_ephemeral_unless_it_says_otherwise(
        slack: FakeSlack, client: WebClient, sales: Channel, ann: User) -> None:
    app = Recorder()
    posted = client.chat_postMessage(channel=sales.id, text="Dana", blocks=BUTTONS)
    slack.press(ann, sales, posted["ts"], "Qualify", target=app)
    response_url = app.payloads()[0]["response_url"]

    WebhookClient(response_url).send(text="Only you can see this")
    WebhookClient(response_url).send(text="Qualified", replace_original=True)

    assert [(e.text, e.source) for e in slack.ephemerals(ann, sales)] == [("Only you can see this", "response_url")]
    message = slack.message(sales.id, posted["ts"])
    assert message is not None and message.text == "Qualified" and message.blocks == []


def test_a_modal_answered_with_errors_stays_open_and_a_plain_ack_closes_it(
        slack: FakeSlack, client: WebClient, ann: User) -> None:
    modal = {"type": "modal", "callback_id": "log", "title": {"type": "plain_text", "text": "Log a contact"},
             "submit": {"type": "plain_text", "text": "Save"},
             "blocks": [{"type": "input", "block_id": "email", "label": {"type": "plain_text", "text": "E-mail"},
                         "element": {"type": "plain_text_input", "action_id": "value"}}]}
    view = client.views_open(trigger_id=slack._issue_trigger(slack.team, ann), view=modal)["view"]

    refused = slack.submit_view(ann, view["id"], {"E-mail": "nope"},
                                target=Recorder({"response_action": "errors", "errors": {"email": "Not an e-mail"}}))
    app = Recorder()
    accepted = slack.submit_view(ann, view["id"], {"email": "dana@acme.com"}, target=app)

    assert (refused.errors, refused.closed) == ({"email": "Not an e-mail"}, False)
    assert accepted.closed and slack.modal_stack(ann) == []
    assert app.payloads()[0]["view"]["state"]["values"] == {
        "email": {"value": {"type": "plain_text_input", "value": "dana@acme.com"}}}


def test_a_retry_resends_the_same_event_id_with_retry_headers(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = Recorder()
    first = slack.say(ann, sales, "hi", target=app).deliveries[0]
    slack.redeliver(first, retry_num=1, retry_reason="http_timeout", target=app)
    (body1, _), (body2, headers2) = app.requests
    assert json.loads(body1)["event_id"] == json.loads(body2)["event_id"]
    assert (headers2["X-Slack-Retry-Num"], headers2["X-Slack-Retry-Reason"]) == ("1", "http_timeout")
