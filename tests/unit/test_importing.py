"""Reading a CRM's CSV rows into contact drafts: HubSpot, Salesforce and Banter's own export."""

from __future__ import annotations

from bot.importing import ImportReport, ImportRow, Skip, map_headers, resolve_owner, row_to_draft

HUBSPOT = ["First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title", "Lead Status", "Contact owner"]
SALESFORCE = ["First Name", "Last Name", "Title", "Account Name", "Email", "Phone", "Mobile", "Lead Source"]
BANTER = ["id", "name", "first_name", "last_name", "title", "company", "email", "phone", "source", "event", "owner",
          "stage", "temperature", "score"]  # fmt: skip


def _read(headers: list[str], row: list[str]) -> ImportRow:
    parsed = row_to_draft(row, map_headers(headers))
    assert isinstance(parsed, ImportRow), parsed
    return parsed


def test_hubspot_headers_map_to_name_email_phone_company_title_and_owner() -> None:
    got = _read(HUBSPOT, ["Jane", "Doe", "Jane.Doe@Acme.com", "(415) 555-0132", "Acme Corp", "CTO", "New", "Ann Lee"])
    d = got.draft
    assert (d.name, d.emails, d.phones, d.company, d.title) == (
        "Jane Doe", ("jane.doe@acme.com",), ("+14155550132",), "Acme Corp", "CTO")
    assert got.owner == "Ann Lee"
    assert "Lead status: New" in d.note


def test_salesforce_account_name_is_the_company_and_mobile_is_a_second_phone() -> None:
    d = _read(SALESFORCE, ["Li", "Wei", "Head of Ops", "Globex", "li@globex.com", "+44 20 7946 0958",
                           "+44 7911 123456", "Trade Show"]).draft  # fmt: skip
    assert d.company == "Globex" and d.title == "Head of Ops"
    assert d.phones == ("+442079460958", "+447911123456")
    assert d.source == "Trade Show"


def test_banters_own_export_reads_back_with_the_full_name_column_first() -> None:
    row = ["12", "Jane Q. Doe", "Jane", "Doe", "CTO", "Acme", "jane@acme.com", "+14155550132", "event", "SaaStr",
           "U123", "prospect", "hot", "80"]  # fmt: skip
    got = _read(BANTER, row)
    assert got.draft.name == "Jane Q. Doe" and got.draft.event == "SaaStr" and got.owner == "U123"


def test_headers_match_whatever_their_case_spacing_or_byte_order_mark() -> None:
    hm = map_headers(["\ufeffFIRST NAME", "last_name", " E-mail ", "Unrelated"])
    assert set(hm.columns) == {"first_name", "last_name", "email"}
    assert hm.ignored == ("Unrelated",)


def test_a_file_without_name_email_or_phone_columns_is_unusable() -> None:
    assert not map_headers(["Company Name", "Job Title"]).usable
    assert map_headers(["Email"]).usable


def test_a_row_with_no_name_email_or_phone_is_skipped_with_that_reason() -> None:
    got = row_to_draft(["", "", "", "", "Acme", "CTO", "", ""], map_headers(HUBSPOT))
    assert got == Skip("no name, email or phone")


def test_an_invalid_email_skips_the_row_and_names_the_address() -> None:
    got = row_to_draft(["Bad", "Mail", "x@", "", "", "", "", ""], map_headers(HUBSPOT))
    assert got == Skip("email 'x@' is not valid")


def test_an_invalid_phone_skips_the_row_and_names_the_number() -> None:
    got = row_to_draft(["Al", "Bo", "", "12", "", "", "", ""], map_headers(HUBSPOT))
    assert got == Skip("phone '12' is not valid")


def test_a_short_row_reads_the_missing_cells_as_empty() -> None:
    got = _read(HUBSPOT, ["Jane", "Doe"])
    assert got.draft.name == "Jane Doe" and got.draft.emails == () and got.owner == ""


def test_several_addresses_in_one_cell_are_all_kept() -> None:
    assert _read(["Email"], ["a@acme.com; b@acme.com"]).draft.emails == ("a@acme.com", "b@acme.com")


def test_an_owner_is_found_by_user_id_or_by_name_whatever_the_case() -> None:
    reps = {"ann lee": "U1", "u1": "U1", "bob stone": "U2"}
    assert resolve_owner("U2", reps) == "U2"
    assert resolve_owner("ANN LEE", reps) == "U1"
    assert resolve_owner("Zed Nobody", reps) is None
    assert resolve_owner("", reps) is None


def test_the_report_lists_each_skipped_row_and_counts_the_rest() -> None:
    report = ImportReport(created=3, updated=1, skipped=[(17, "no name, email or phone")])
    assert report.lines() == ["3 created, 1 updated, 1 skipped", "row 17: no name, email or phone"]
    assert report.total == 5


def test_a_formula_guard_from_banters_own_export_is_removed_on_import() -> None:
    from bot.importing import map_headers, row_to_draft

    headers = map_headers(["name", "email"])
    got = row_to_draft(["'=Lopez & Sons", "maria@lopez.com"], headers)
    assert got.draft.name == "=Lopez & Sons"
