"""The sandbox review's messages, typed in Slack (e-mails arrive as <mailto:...> links) and stored."""

from __future__ import annotations

from tests.harness import World, message_text

BOOTH = (
    "@Banter met at the booth today:\n"
    "Raj Patel CTO Fleetly raj@fleetly.io\n"
    "Lucy Chen (COO, Brightpath) lucy@brightpath.com\n"
    "Sam O'Neil - sam@oneil.ie - +353 87 123 4567\n"
    "Marie-Claire d'Arcy, Head of Growth @ Doctolib"
)


def test_a_booth_list_without_commas_stores_one_contact_per_line(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), BOOTH)
    assert len(world.replies(world.ch("sales"), said.ts)) == 4
    rows = sorted(world.export(), key=lambda r: r["name"])
    assert [(r["name"], r["title"], r["company"], r["email"]) for r in rows] == [
        ("Lucy Chen", "COO", "Brightpath", "lucy@brightpath.com"),
        ("Marie-Claire d'Arcy", "Head of Growth", "Doctolib", ""),
        ("Raj Patel", "CTO", "Fleetly", "raj@fleetly.io"),
        ("Sam O'Neil", "", "", "sam@oneil.ie"),
    ]
    with world.uow() as uow:
        assert all(not c.note for c in uow.contacts.all())  # the header line is no one's note
    assert not world.errors()


def test_a_first_name_alone_is_enough_to_store_a_lead(world: World) -> None:
    said = world.slack.say(world.ann, world.ch("sales"), "@Banter met Peter from Siemens")
    (card,) = world.replies(world.ch("sales"), said.ts)
    assert "Nothing saved" not in message_text(card)
    (row,) = world.export()
    assert (row["name"], row["company"]) == ("Peter", "Siemens")


def test_names_sharing_a_company_are_stored_apart(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Kim Lee; Tara Singh; Omar Haddad — all from Stripe")
    rows = world.export()
    assert sorted((r["name"], r["company"]) for r in rows) == [
        ("Kim Lee", "Stripe"),
        ("Omar Haddad", "Stripe"),
        ("Tara Singh", "Stripe"),
    ]


def test_a_lower_case_name_is_stored_capitalised_with_its_company(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter met mike at the bar, works at oracle, mike.j@oracle.com")
    (row,) = world.export()
    assert (row["name"], row["company"], row["email"]) == ("Mike", "Oracle", "mike.j@oracle.com")
