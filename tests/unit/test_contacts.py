"""Rules of reading contacts out of what a rep types."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.contacts import dedup_keys, normalise_company, normalise_name, parse_contacts, split_name
from bot.model import ContactDraft, Signal
from tests.timing import fastest_run

# --- normalisation and duplicate keys ----------------------------------------------------


def test_jane_doe_at_acme_corp_and_jane_doe_at_acme_corporation_share_a_name_key() -> None:
    a = dedup_keys(ContactDraft(name="Jane Doe", company="ACME Corp."))
    b = dedup_keys(ContactDraft(name="jane doe", company="Acme Corporation"))
    assert a == b == ["name:jane doe|acme"]


def test_names_compare_without_accents_case_or_extra_spaces() -> None:
    assert normalise_name("  José   MÜLLER ") == normalise_name("jose muller") == "jose muller"


def test_japanese_voiced_marks_survive_name_normalisation() -> None:
    assert normalise_name("ダイキン") == "ダイキン"


def test_legal_forms_and_punctuation_do_not_make_companies_different() -> None:
    assert normalise_company("Müller & Söhne GmbH") == normalise_company("Muller Sohne")
    assert normalise_company("Novo Nordisk A/S") == "novo nordisk"
    assert normalise_company("LiveChat S.A.") == "livechat"
    assert normalise_company("Acme Co., Ltd.") == "acme"
    assert normalise_company("株式会社ソニー") == normalise_company("ソニー")


def test_a_company_called_only_corp_keeps_its_name() -> None:
    assert normalise_company("Corp") == "corp"


def test_emails_and_phones_are_keys_and_a_name_without_company_is_not() -> None:
    draft = ContactDraft(name="John Smith", emails=("John@Smith.io",), phones=("+14155550132",))
    assert dedup_keys(draft) == ["email:john@smith.io", "phone:+14155550132"]


def test_split_name_drops_honorifics_and_keeps_particles_in_the_last_name() -> None:
    assert split_name("Dr. Hans Müller") == ("Hans", "Müller")
    assert split_name("Maximilian von Stein") == ("Maximilian", "von Stein")


def test_a_cjk_name_without_spaces_stays_whole() -> None:
    assert split_name("王芳") == ("王芳", "")


# --- one contact ---------------------------------------------------------------------------


def test_a_booth_note_gives_every_field_and_keeps_the_rest_as_note() -> None:
    (draft,) = parse_contacts(
        "met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com, +1 (415) 555-0132, "
        "wants analytics for 40 field reps"
    )
    assert (draft.name, draft.title, draft.company) == ("Jane Doe", "VP Marketing", "Acme Corp")
    assert draft.emails == ("jane.doe@acme.com",)
    assert draft.phones == ("+14155550132",)
    assert draft.note == "wants analytics for 40 field reps"
    assert draft.event == ""


def test_umlauts_and_accents_are_kept_as_written() -> None:
    (draft,) = parse_contacts("Dr. Hans Müller | Head of Procurement | Müller & Söhne GmbH | hans@ms.de")
    assert draft.name == "Hans Müller"
    assert draft.company == "Müller & Söhne GmbH"


def test_a_local_phone_takes_its_country_from_a_german_email() -> None:
    (draft,) = parse_contacts("Tom Becker tom@beckerbau.de 0171 2345678")
    assert draft.phones == ("+491712345678",)


def test_a_local_phone_without_a_country_hint_uses_the_workspace_region() -> None:
    (draft,) = parse_contacts("Tom Becker tom@beckerbau.com 0171 2345678", default_region="DE")
    assert draft.phones == ("+491712345678",)


def test_dates_amounts_and_zip_codes_are_not_phones() -> None:
    (draft,) = parse_contacts(
        "Vikram Singh, vikram@zomato.com, budget $1,500,000, zip 94107, call 2026-04-15"
    )
    assert draft.phones == ()


def test_an_event_needs_a_cue_and_a_title_at_a_company_is_not_one() -> None:
    (at_company,) = parse_contacts("Ben Carter, RevOps Manager at Gong, ben@gong.io")
    (at_booth,) = parse_contacts("met Ben Carter at the Gong booth, ben@gong.io")
    assert (at_company.event, at_company.company) == ("", "Gong")
    assert at_booth.event == "Gong"
    assert at_booth.source == "event"


def test_the_channel_event_applies_when_the_rep_names_none() -> None:
    (draft,) = parse_contacts("Alice Moreau, alice@doctrine.fr", channel_event="saastr-2026")
    assert draft.event == "saastr-2026"


def test_a_referral_names_who_referred_and_signals_it() -> None:
    (draft,) = parse_contacts("Kevin Nguyen, kevin@zapier.com, referred by Ann Lee")
    assert draft.source == "referral: Ann Lee"
    assert draft.signals == (Signal.REFERRAL,)


def test_a_downloaded_whitepaper_is_a_content_download_and_engagement() -> None:
    (draft,) = parse_contacts("Sarah O'Connor, sarah@brightleaf.io, downloaded the whitepaper")
    assert draft.source == "content download"
    assert draft.signals == (Signal.ENGAGED,)


def test_signals_come_once_each_in_the_order_written() -> None:
    (draft,) = parse_contacts("Isabel Ortiz, wants a demo, asked about pricing, booked a meeting, demo again")
    assert draft.signals == (Signal.DEMO, Signal.PRICING, Signal.CALL_BOOKED)


def test_the_email_domain_is_never_taken_as_the_company() -> None:
    (draft,) = parse_contacts("Raj Patel raj@globex.com")
    assert draft.company == ""


def test_linkedin_and_website_are_kept_apart() -> None:
    (draft,) = parse_contacts("Ines Moreno, ines@glovoapp.com, linkedin.com/in/inesmoreno, glovoapp.com")
    assert draft.linkedin == "linkedin.com/in/inesmoreno"
    assert draft.website == "glovoapp.com"


# --- several contacts in one message -------------------------------------------------------


def test_bullets_are_one_contact_each_and_the_intro_line_is_none() -> None:
    text = (
        "more from the booth:\n- Raj Patel, CTO, Globex GmbH, raj@globex.de\n"
        "- Yuki Tanaka (Sony) yuki.tanaka@sony.co.jp 03-1234-5678"
    )
    drafts = parse_contacts(text)
    assert [d.name for d in drafts] == ["Raj Patel", "Yuki Tanaka"]
    assert drafts[1].phones == ("+81312345678",)
    assert drafts[0].raw == "- Raj Patel, CTO, Globex GmbH, raj@globex.de"


def test_lines_that_each_name_a_reachable_person_are_separate_contacts() -> None:
    drafts = parse_contacts("Franz Huber, franz@bmw.de\nSabine Wolf, sabine@audi.de")
    assert [d.name for d in drafts] == ["Franz Huber", "Sabine Wolf"]


def test_a_pasted_signature_stays_one_contact() -> None:
    text = (
        "Maria Schmidt\nSenior Account Manager\nSiemens AG\nTel: +49 30 12345678\nmaria.schmidt@siemens.com"
    )
    (draft,) = parse_contacts(text)
    assert (draft.name, draft.title, draft.company) == (
        "Maria Schmidt",
        "Senior Account Manager",
        "Siemens AG",
    )
    assert draft.raw == text


def test_an_event_in_the_intro_line_applies_to_the_whole_list() -> None:
    drafts = parse_contacts(
        "met at Web Summit 2026:\n- Carla Mendes, carla@talkdesk.com\n- Bruno Lopes, b@feedzai.com"
    )
    assert [d.event for d in drafts] == ["Web Summit 2026", "Web Summit 2026"]


def test_a_message_without_anyone_in_it_gives_no_contact() -> None:
    assert parse_contacts("thanks, that's all for today") == []
    assert parse_contacts("") == []


# --- hostile input --------------------------------------------------------------------------


def test_hostile_names_do_not_crash_and_fields_are_capped() -> None:
    hostile = "\u202e" + "A" * 5000 + " <!channel> \x00 Doe, " + "Corp " * 1000 + "x@y.com " + "note " * 2000
    drafts = parse_contacts(hostile)
    assert drafts, "the e-mail still makes a contact"
    draft = drafts[0]
    assert len(draft.name) <= 200 and len(draft.company) <= 200 and len(draft.title) <= 200
    assert len(draft.note) <= 4000
    assert "\x00" not in draft.raw and "\u202e" not in draft.note


def test_non_text_input_gives_no_contact() -> None:
    assert parse_contacts(None) == []  # type: ignore[arg-type]


def test_a_5000_character_run_of_digits_is_read_quickly() -> None:
    text = " ".join("+1 415 555 01" + str(i % 100).zfill(2) for i in range(400))[:5000]
    _, elapsed = fastest_run(lambda: parse_contacts(text), limit=0.05)
    assert elapsed < 0.05


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=5000))
def test_any_text_is_read_without_error_in_under_50_ms(text: str) -> None:
    # parse_contacts swallows errors so a message never breaks the bot; the log shows whether one happened.
    errors = _Errors()
    logger = logging.getLogger("bot.contacts.parse")
    logger.addHandler(errors)
    try:
        drafts, elapsed = fastest_run(lambda: parse_contacts(text), limit=0.05)
    finally:
        logger.removeHandler(errors)
    assert isinstance(drafts, list)
    assert errors.messages == []
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms for {len(text)} characters"


def test_an_error_inside_the_parser_is_logged_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, region: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("bot.contacts.parse.find_reach", broken)
    errors = _Errors()
    logging.getLogger("bot.contacts.parse").addHandler(errors)
    try:
        assert parse_contacts("Raj Patel raj@globex.com") == []
    finally:
        logging.getLogger("bot.contacts.parse").removeHandler(errors)
    assert len(errors.messages) == 1


_FRAGMENTS = st.sampled_from(
    [
        "Jane Doe", ", ", "\n", "- ", "• ", "jane@acme.de", "+49 89 1234567", "0171 2345678", " at ", "Web Summit",
        "(Sony)", " GmbH", "met ", "田中 太郎", "2026-04-15", "$50k", "\u202e", "\x00", "<!channel>", "VP Marketing",
        ": ", " | ", "referred by Ann Lee", "wants a demo", "linkedin.com/in/jd", "acme.com", "A" * 300,
    ]
)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(st.lists(_FRAGMENTS, max_size=700).map(lambda parts: "".join(parts)[:5000]))
def test_contact_like_text_up_to_5000_characters_is_read_in_under_50_ms(text: str) -> None:
    drafts, elapsed = fastest_run(lambda: parse_contacts(text), limit=0.05)
    assert all(len(d.name) <= 200 and len(d.company) <= 200 and len(d.note) <= 4000 for d in drafts)
    assert elapsed < 0.05, f"{elapsed * 1000:.1f} ms for {len(text)} characters"


# --- notes: what is left over, without filler ---------------------------------------------


def test_a_lead_in_a_header_and_a_sign_off_are_not_notes() -> None:
    (draft,) = parse_contacts("met this person: Jane Doe, jane@acme.com")
    assert draft.note == ""
    drafts = parse_contacts(
        "met at the booth today:\nRaj Patel CTO Fleetly raj@fleetly.io\nLucy Chen (COO, Brightpath) lucy@brightpath.com"
    )
    assert [d.note for d in drafts] == ["", ""]


def test_a_pasted_signature_keeps_the_address_but_not_greetings_or_the_disclaimer() -> None:
    (draft,) = parse_contacts(
        "From the booth, her signature:\nJane Doe\njane@acme.com\nBest regards,\n12 rue de la Paix, 75002 Paris\n"
        "This email and any attachments are confidential and intended solely for the addressee.\nCheers"
    )
    assert draft.name == "Jane Doe"
    assert draft.note == "12 rue de la Paix, 75002 Paris"


def test_a_signal_is_not_repeated_as_the_note_but_what_goes_with_it_is_kept() -> None:
    (asked,) = parse_contacts("met Jane Doe from Acme, asked for pricing")
    assert asked.signals == (Signal.PRICING,) and asked.note == ""
    (demo,) = parse_contacts("met Jane Doe from Acme, wants a demo next week, 40 field reps")
    assert demo.signals == (Signal.DEMO,) and demo.note == "wants a demo next week, 40 field reps"


def test_one_line_never_lends_its_fields_to_the_contact_above() -> None:
    sam, marie = parse_contacts(
        "Sam O'Neil - sam@oneil.ie - +353 87 123 4567\nMarie-Claire d'Arcy, Head of Growth @ Doctolib"
    )
    assert (sam.name, sam.title, sam.company, sam.note) == ("Sam O'Neil", "", "", "")
    assert (marie.name, marie.title, marie.company) == ("Marie-Claire d'Arcy", "Head of Growth", "Doctolib")


@pytest.mark.parametrize("text", ["met the CTO", "met someone from Acme, wants a demo", "met her at the bar"])
def test_common_words_after_met_are_not_names(text: str) -> None:
    assert parse_contacts(text) == []


def test_a_name_typed_in_lower_case_is_capitalised_and_a_mixed_case_one_is_kept() -> None:
    assert parse_contacts("met marie-claire o'neil, mc@acme.com")[0].name == "Marie-Claire O'Neil"
    assert parse_contacts("met Jan van der Berg, jan@acme.nl")[0].name == "Jan van der Berg"
