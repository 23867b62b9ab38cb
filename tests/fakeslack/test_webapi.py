from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from sandbox.fakeslack import Channel, FakeSlack, User


def _error(call: object) -> SlackApiError:
    with pytest.raises(SlackApiError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_a_reply_posted_with_thread_ts_lands_in_the_thread_not_the_channel(
        slack: FakeSlack, client: WebClient, sales: Channel) -> None:
    parent = client.chat_postMessage(channel=sales.id, text="New lead: Dana")
    client.chat_postMessage(channel=sales.id, text="What is the budget?", thread_ts=parent["ts"])

    assert [m.text for m in sales.messages] == ["New lead: Dana"]
    thread = slack.thread(sales.id, parent["ts"])
    assert [m.text for m in thread] == ["New lead: Dana", "What is the budget?"]
    assert thread[1].thread_ts == parent["ts"] and thread[0].reply_count == 1
    replies = client.conversations_replies(channel=sales.id, ts=parent["ts"])
    assert [m["text"] for m in replies["messages"]] == ["New lead: Dana", "What is the budget?"]


def test_an_update_changes_the_stored_message_and_counts_the_edit(
        slack: FakeSlack, client: WebClient, sales: Channel) -> None:
    posted = client.chat_postMessage(channel=sales.id, text="Score: 40")
    client.chat_update(channel=sales.id, ts=posted["ts"], text="Score: 70")

    message = slack.message(sales.id, posted["ts"])
    assert message is not None and message.text == "Score: 70" and message.updates == 1
    assert [c.method for c in slack.calls] == ["chat.postMessage", "chat.update"]


def test_the_bot_cannot_update_a_message_a_person_wrote(
        slack: FakeSlack, client: WebClient, sales: Channel, ann: User) -> None:
    said = slack.say(ann, sales, "hello", target=_NoApp())
    assert _error(lambda: client.chat_update(channel=sales.id, ts=said.ts, text="x")).response["error"] == \
        "cant_update_message"
    assert _error(lambda: client.chat_update(channel=sales.id, ts="1.000001", text="x")).response["error"] == \
        "message_not_found"


def test_posting_to_an_unknown_channel_is_channel_not_found(client: WebClient) -> None:
    assert _error(lambda: client.chat_postMessage(channel="C404", text="hi")).response["error"] == "channel_not_found"


def test_posting_where_the_bot_is_not_a_member_is_not_in_channel(slack: FakeSlack, client: WebClient) -> None:
    elsewhere = slack.team.add_channel("random", bot_member=False)
    assert _error(lambda: client.chat_postMessage(channel=elsewhere.id, text="hi")).response["error"] == \
        "not_in_channel"
    assert elsewhere.messages == []


def test_posting_to_a_user_id_goes_to_their_dm(slack: FakeSlack, client: WebClient, ann: User) -> None:
    posted = client.chat_postMessage(channel=ann.id, text="Your digest")
    assert posted["channel"] == slack.team.dm(ann).id and posted["channel"].startswith("D")


def test_a_message_without_text_or_blocks_is_no_text(client: WebClient, sales: Channel) -> None:
    assert _error(lambda: client.chat_postMessage(channel=sales.id)).response["error"] == "no_text"


def test_text_over_forty_thousand_characters_is_msg_too_long(client: WebClient, sales: Channel) -> None:
    assert _error(lambda: client.chat_postMessage(channel=sales.id, text="x" * 40_001)).response["error"] == \
        "msg_too_long"


def test_fifty_one_blocks_are_invalid_blocks(slack: FakeSlack, client: WebClient, sales: Channel) -> None:
    blocks = [{"type": "divider"}] * 51
    error = _error(lambda: client.chat_postMessage(channel=sales.id, text="t", blocks=blocks)).response
    assert error["error"] == "invalid_blocks"
    assert "[ERROR] no more than 50 items allowed [json-pointer:/blocks]" in error["response_metadata"]["messages"]
    assert sales.messages == []
    client.chat_postMessage(channel=sales.id, text="t", blocks=blocks[:50])
    assert len(sales.messages) == 1


def test_a_header_of_151_characters_is_invalid_blocks(client: WebClient, sales: Channel) -> None:
    header = {"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}
    error = _error(lambda: client.chat_postMessage(channel=sales.id, text="t", blocks=[header])).response
    assert error["error"] == "invalid_blocks"
    assert any("/blocks/0/text/text" in m for m in error["response_metadata"]["messages"])
    client.chat_postMessage(channel=sales.id, text="t", blocks=[{**header, "text": {"type": "plain_text",
                                                                                       "text": "h" * 150}}])


def test_metadata_comes_back_from_history_only_when_asked(client: WebClient, sales: Channel) -> None:
    metadata = {"event_type": "lead_logged", "event_payload": {"contact_id": 7}}
    client.chat_postMessage(channel=sales.id, text="Logged", metadata=metadata)
    plain = client.conversations_history(channel=sales.id)["messages"][0]
    full = client.conversations_history(channel=sales.id, include_all_metadata=True)["messages"][0]
    assert "metadata" not in plain and full["metadata"] == metadata


def test_permalinks_name_the_channel_and_the_ts_without_its_dot(client: WebClient, sales: Channel) -> None:
    posted = client.chat_postMessage(channel=sales.id, text="x")
    link = client.chat_getPermalink(channel=sales.id, message_ts=posted["ts"])["permalink"]
    assert link == f"https://fake.slack.com/archives/{sales.id}/p{posted['ts'].replace('.', '')}"


def test_tokens_are_checked(slack: FakeSlack) -> None:
    assert _error(lambda: WebClient(token="xoxb-nope", base_url=slack.api_url).auth_test()).response["error"] == \
        "invalid_auth"
    assert _error(lambda: WebClient(base_url=slack.api_url).auth_test()).response["error"] == "not_authed"
    other = slack.add_team("T0OTHER", "Other Co")
    who = WebClient(token=other.bot_token, base_url=slack.api_url).auth_test()
    assert (who["team_id"], who["user_id"]) == ("T0OTHER", other.bot_user_id)


def test_an_unknown_method_is_unknown_method(client: WebClient) -> None:
    assert _error(lambda: client.api_call("chat.teleport")).response["error"] == "unknown_method"


def test_users_info_gives_time_zone_and_roles(slack: FakeSlack, client: WebClient) -> None:
    boss = slack.team.add_user("bo", real_name="Bo Chen", tz="Europe/Paris", is_admin=True)
    user = client.users_info(user=boss.id)["user"]
    assert user["tz"] == "Europe/Paris" and user["tz_offset"] in (3600, 7200) and user["is_admin"] is True
    assert user["profile"]["real_name"] == "Bo Chen"


def test_views_open_needs_a_fresh_trigger_id(ann: User) -> None:
    now = [1_700_000_000.0]
    fake = FakeSlack(clock=lambda: now[0]).start()
    try:
        client = WebClient(token=fake.team.bot_token, base_url=fake.api_url)
        user = fake.team.add_user("cy")
        trigger = fake._issue_trigger(fake.team, user)
        modal = {"type": "modal", "title": {"type": "plain_text", "text": "Log a contact"}, "blocks": []}
        assert _error(lambda: client.views_open(trigger_id="1.2.3", view=modal)).response["error"] == \
            "invalid_trigger_id"
        now[0] += 3.5
        assert _error(lambda: client.views_open(trigger_id=trigger, view=modal)).response["error"] == \
            "expired_trigger_id"
        fresh = fake._issue_trigger(fake.team, user)
        opened = client.views_open(trigger_id=fresh, view=modal)["view"]
        assert fake.modal_stack(user)[0].id == opened["id"]
    finally:
        fake.stop()


def test_files_upload_v2_stores_the_bytes_and_shares_them_with_a_comment(
        slack: FakeSlack, client: WebClient, sales: Channel) -> None:
    result = client.files_upload_v2(channel=sales.id, content=b"name,email\n", filename="leads.csv",
                                    title="Leads", initial_comment="Here is the export")
    upload = slack.files[result["file"]["id"]]
    assert (upload.content, upload.filename, upload.title, upload.channel) == (
        b"name,email\n", "leads.csv", "Leads", sales.id)
    assert sales.messages[-1].text == "Here is the export" and sales.messages[-1].files[0]["id"] == upload.id


class _NoApp:
    """A target for tests that only need what a person typed stored."""

    def send(self, body: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
        from sandbox.fakeslack import Delivered

        return Delivered(status=200, body="", request_body=body, request_headers=headers)
