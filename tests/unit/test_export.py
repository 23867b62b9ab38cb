"""The CSV export opens in a spreadsheet as text: nothing a rep typed runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest

from bot.export import write_csv
from bot.model import Answers, Need, NeedStatus
from bot.records import ContactRecord

HYPERLINK = '=HYPERLINK("http://x","y")'


def _exported(contact: ContactRecord, answers: Answers | None = None) -> dict[str, str]:
    out = io.StringIO()
    write_csv(out, [contact], {contact.id or 0: answers or Answers()})
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    return row


def test_a_name_that_is_a_formula_exports_with_a_leading_quote() -> None:
    row = _exported(ContactRecord(team_id="T1", id=7, name=HYPERLINK))
    assert row["name"] == "'" + HYPERLINK
    assert not [v for v in row.values() if v.startswith("=")]  # nor first_name or last_name split from it


def test_the_header_is_the_foundation_columns_then_the_name_split_for_crm_imports() -> None:
    out = io.StringIO()
    write_csv(out, [], {})
    assert out.getvalue().splitlines() == [
        "id,name,title,company,email,phone,source,event,owner,stage,temperature,score,budget_amount,"
        "budget_currency,authority,need,timeline_date,created_at,updated_at,first_name,last_name"
    ]


def test_an_e164_phone_keeps_its_plus() -> None:
    row = _exported(ContactRecord(team_id="T1", id=7, name="Jane Doe", phones=["+14155550132"]))
    assert row["phone"] == "+14155550132"
    assert row["name"] == "Jane Doe"


@pytest.mark.parametrize("typed", ["=1+1", "+SUM(A1)", "-2+3", "@SUM(A1)", "\tCTO"])
def test_every_formula_start_in_a_typed_column_is_made_text(typed: str) -> None:
    contact = ContactRecord(
        team_id="T1", id=7, name="Jane Doe", company=typed, title=typed, event=typed, source=typed
    )
    row = _exported(contact, Answers(need=Need(NeedStatus.CONFIRMED, pain=typed)))
    assert {row[c] for c in ("company", "title", "event", "source", "need")} == {"'" + typed}


def test_a_company_starting_with_a_carriage_return_is_made_text() -> None:
    out = io.StringIO()
    write_csv(out, [ContactRecord(team_id="T1", id=7, name="Jane Doe", company="\r=1+1")], {})
    assert ",'\r=1+1," in out.getvalue() and ",\r=1+1," not in out.getvalue()


def test_numeric_columns_are_written_as_banter_computed_them() -> None:
    row = _exported(ContactRecord(team_id="T1", id=7, name="Jane Doe", score=-5))
    assert (row["id"], row["score"]) == ("7", "-5")
