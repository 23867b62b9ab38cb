from __future__ import annotations

from sandbox.fakeslack.text import rewrite

USERS = {"banter": "U0BANTER", "dana": "U1", "dana scully": "U1"}
CHANNELS = {"sales": "C1"}


def _typed(text: str) -> str:
    return rewrite(text, users=USERS, channels=CHANNELS).text


def test_ampersands_and_angle_brackets_are_escaped_first() -> None:
    assert _typed("R&D <urgent> budget > 5k") == "R&amp;D &lt;urgent&gt; budget &gt; 5k"


def test_an_email_is_wrapped_as_a_mailto_link() -> None:
    assert _typed("mail dana@acme.com today") == "mail <mailto:dana@acme.com|dana@acme.com> today"


def test_a_bare_web_address_gets_http_and_keeps_what_was_typed_as_label() -> None:
    assert _typed("see acme.com.") == "see <http://acme.com|acme.com>."
    assert _typed("see www.acme.co.uk/pricing") == "see <http://www.acme.co.uk/pricing|www.acme.co.uk/pricing>"


def test_an_address_typed_with_its_scheme_is_wrapped_as_typed() -> None:
    assert _typed("deck: https://x.io/y, thanks") == "deck: <https://x.io/y|https://x.io/y>, thanks"


def test_query_strings_inside_links_stay_escaped() -> None:
    assert _typed("https://x.io/?a=1&b=2") == "<https://x.io/?a=1&amp;b=2|https://x.io/?a=1&amp;b=2>"


def test_numbers_and_abbreviations_are_not_links() -> None:
    assert _typed("budget 2.5k, e.g. by Q3, v1.2") == "budget 2.5k, e.g. by Q3, v1.2"


def test_mentions_of_known_people_and_the_bot_become_user_ids() -> None:
    rewritten = rewrite("@Banter met @Dana Scully and @nobody", users=USERS, channels=CHANNELS)
    assert rewritten.text == "<@U0BANTER> met <@U1> and @nobody"
    assert rewritten.mentions == ["U0BANTER", "U1"]


def test_a_known_channel_becomes_a_channel_link() -> None:
    assert _typed("post in #sales or #nowhere") == "post in <#C1|sales> or #nowhere"


def test_the_rich_text_block_carries_the_same_pieces() -> None:
    block = rewrite("@Banter see acme.com", users=USERS, channels=CHANNELS).rich_text_block()
    elements = block["elements"][0]["elements"]
    assert elements == [{"type": "user", "user_id": "U0BANTER"}, {"type": "text", "text": " see "},
                        {"type": "link", "url": "http://acme.com", "text": "acme.com"}]
