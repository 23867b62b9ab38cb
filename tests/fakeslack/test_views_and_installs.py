from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from sandbox.fakeslack import Channel, FakeSlack, User
from sandbox.fakeslack.blocks import validate_blocks
from sandbox.fakeslack.socketmode import envelope_for
from tests.fakeslack.test_people import Recorder

HOME = {"type": "home", "blocks": [
    {"type": "section", "text": {"type": "mrkdwn", "text": "*3 prospects due today*"}},
    {"type": "actions", "elements": [{"type": "static_select", "action_id": "period",
                                      "options": [{"text": {"type": "plain_text", "text": "This week"}, "value": "w"},
                                                  {"text": {"type": "plain_text", "text": "This month"}, "value": "m"}]}]}]}


def test_a_slash_commands_ack_text_is_shown_only_to_the_person(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = Recorder({"text": "Logged 1 contact"})
    slack.slash(ann, sales, "Jane Doe, Acme", target=app)
    form = dict(parse_qsl(app.requests[0][0]))
    assert (form["command"], form["text"], form["user_id"], form["channel_id"]) == (
        "/banter", "Jane Doe, Acme", ann.id, sales.id)
    assert form["response_url"].startswith(slack.base_url) and form["trigger_id"]
    assert [e.text for e in slack.ephemerals(ann)] == ["Logged 1 contact"] and sales.messages == []


def test_home_is_published_per_person_and_its_menu_can_be_used(
        slack: FakeSlack, client: WebClient, ann: User) -> None:
    client.views_publish(user_id=ann.id, view=HOME)
    home = slack.home(ann)
    assert home is not None and slack.home(slack.team.add_user("bob")) is None
    app = Recorder()
    slack.open_home(ann, target=app)
    slack.press_in_view(ann, home.id, "This month", target=app)
    opened, picked = app.events()[0], app.payloads()[0]
    assert opened["event"]["type"] == "app_home_opened" and opened["event"]["view"]["id"] == home.id
    assert picked["container"] == {"type": "view", "view_id": home.id}
    assert picked["actions"][0]["selected_option"]["value"] == "m"


def test_a_modal_with_a_25_character_title_is_refused(slack: FakeSlack, client: WebClient, ann: User) -> None:
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "t" * 25}, "blocks": []}
    with pytest.raises(SlackApiError) as caught:
        client.views_open(trigger_id=slack._issue_trigger(slack.team, ann), view=modal)
    assert caught.value.response["error"] == "invalid_arguments"
    assert any("/view/title/text" in m for m in caught.value.response["response_metadata"]["messages"])


@pytest.mark.parametrize(("blocks", "pointer"), [
    ([{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}], "/blocks/0/text/text"),
    ([{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}], "/blocks/0/fields"),
    ([{"type": "actions", "elements": [{"type": "button", "action_id": "a", "text": {"type": "plain_text",
                                                                                        "text": "b" * 76}}]}],
     "/blocks/0/elements/0/text/text"),
    ([{"type": "actions", "elements": [{"type": "button", "action_id": "a", "text": {"type": "plain_text",
                                                                                        "text": "b"}}] * 2}],
     "/blocks/0/elements/1/action_id"),
    ([{"type": "divider", "block_id": "x"}, {"type": "divider", "block_id": "x"}], "/blocks/1/block_id"),
    ([{"type": "carousel_of_dreams"}], "/blocks/0"),
])
def test_blocks_slack_rejects_are_reported_where_slack_points(blocks: list[dict], pointer: str) -> None:
    errors = validate_blocks(blocks)
    assert errors and any(e.endswith(f"[json-pointer:{pointer}]") for e in errors), errors


def test_plain_text_with_emoji_and_ordinary_blocks_are_accepted() -> None:
    assert validate_blocks([
        {"type": "header", "text": {"type": "plain_text", "text": "Today :fire:", "emoji": True}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "why"}]},
        {"type": "section", "text": {"type": "mrkdwn", "text": "x"},
         "accessory": {"type": "overflow", "action_id": "more",
                       "options": [{"text": {"type": "plain_text", "text": "Snooze"}, "value": "s"}]}},
    ]) == []


def test_an_oauth_code_installs_a_new_workspace_whose_token_then_works(slack: FakeSlack) -> None:
    code = slack.authorize_url_code("T0GLOBEX", name="Globex", installer="U0INSTALL")
    client = WebClient(base_url=slack.api_url)
    granted = client.oauth_v2_access(client_id=slack.client_id, client_secret=slack.client_secret, code=code)
    assert granted["team"] == {"id": "T0GLOBEX", "name": "Globex"} and granted["authed_user"]["id"] == "U0INSTALL"
    assert WebClient(token=granted["access_token"], base_url=slack.api_url).auth_test()["team_id"] == "T0GLOBEX"
    with pytest.raises(SlackApiError) as caught:
        client.oauth_v2_access(client_id=slack.client_id, client_secret=slack.client_secret, code=code)
    assert caught.value.response["error"] == "invalid_code"


def test_socket_mode_envelopes_match_what_http_mode_would_post(slack: FakeSlack, sales: Channel, ann: User) -> None:
    app = Recorder()
    slack.slash(ann, sales, "hi", target=app)
    slack.deliver_event({"type": "member_joined_channel", "user": ann.id, "channel": sales.id}, target=app,
                        retry_num=2, retry_reason="http_error")
    slash = envelope_for(*app.requests[0])
    event = envelope_for(*app.requests[1])
    assert (slash["type"], slash["payload"]["command"], slash["accepts_response_payload"]) == (
        "slash_commands", "/banter", True)
    assert (event["type"], event["retry_attempt"], event["retry_reason"]) == ("events_api", 2, "http_error")
    assert event["payload"] == json.loads(app.requests[1][0])


def test_a_submission_keeps_what_inputs_showed_and_refuses_an_empty_required_one() -> None:
    from sandbox.fakeslack.payloads import view_state

    blocks = [
        {"type": "input", "block_id": "title", "label": {"type": "plain_text", "text": "Title"},
         "element": {"type": "plain_text_input", "action_id": "v", "initial_value": "VP Sales"}},
        {"type": "input", "block_id": "stage", "label": {"type": "plain_text", "text": "Stage"},
         "element": {"type": "static_select", "action_id": "v",
                     "options": [{"text": {"type": "plain_text", "text": "Lead"}, "value": "lead"}],
                     "initial_option": {"text": {"type": "plain_text", "text": "Lead"}, "value": "lead"}}},
        {"type": "input", "block_id": "due", "optional": True, "label": {"type": "plain_text", "text": "Due"},
         "element": {"type": "datepicker", "action_id": "v"}},
    ]
    state = view_state(blocks, {})
    assert state["title"]["v"]["value"] == "VP Sales"
    assert state["stage"]["v"]["selected_option"]["value"] == "lead"
    assert state["due"]["v"] == {"type": "datepicker", "selected_date": None}
    with pytest.raises(AssertionError, match="required input 'Title' is empty"):
        view_state(blocks, {"Title": ""})
