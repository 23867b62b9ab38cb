"""Contacts in and out: the CSV export in Slack and on the command line, and importing a CRM's file."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

import app
from bot.model import ContactDraft
from bot.services.contacts import LogContacts, log_draft
from cli import importer
from settings import Config
from tests.harness import World, message_text

HUBSPOT = ["First Name", "Last Name", "Email", "Phone Number", "Company Name", "Job Title", "Lead Status", "Contact owner"]


def _run(world: World, *argv: str) -> int:
    """The command line, in this process (app.main would also reset the process's logging)."""
    args = app.parser().parse_args(list(argv))
    return args.func(Config(database_url=world.db_url), args)


def _import(world: World, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    args = app.parser().parse_args(["import", *argv])
    status = importer.main(Config(database_url=world.db_url), args, out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _other_workspace_contact(world: World) -> None:
    with world.uow() as uow:
        log_draft(uow, LogContacts("T0OTHER", "U0OTHER", ""), ContactDraft(name="Otto Other", emails=("otto@other.io",)),
                  world.clock.now())  # fmt: skip
        uow.commit()


def _three_contacts(world: World) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Jane Doe, CTO at Acme Corp, jane.doe@acme.com")
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Raj Patel from Globex, raj@globex.com")
    world.slack.say(world.bob, world.ch("sales"), "@Banter met Li Wei, Head of Ops at Initech, li.wei@initech.io")
    _other_workspace_contact(world)


def test_banter_export_uploads_the_workspaces_contacts_as_csv_to_the_askers_dm(world: World) -> None:
    _three_contacts(world)
    world.slack.slash(world.bob, world.ch("sales"), "export")
    dm = world.slack.team.dm(world.bob)
    files = [f for f in world.slack.files.values() if f.channel == dm.id and f.completed]
    assert len(files) == 1 and files[0].filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO((files[0].content or b"").decode())))
    assert sorted((r["first_name"], r["last_name"], r["email"]) for r in rows) == [
        ("Jane", "Doe", "jane.doe@acme.com"), ("Li", "Wei", "li.wei@initech.io"), ("Raj", "Patel", "raj@globex.com")]
    assert {r["owner"] for r in rows} == {world.ann.id, world.bob.id}  # the whole team's pipeline, not only bob's
    assert any("3 contacts exported" in t for t in world.ephemeral_texts(world.bob))
    assert not world.ephemeral_texts(world.ann)
    assert not world.errors()


def test_a_guest_cannot_export_the_teams_contacts(world: World) -> None:
    _three_contacts(world)
    guest = world.slack.team.add_user("gina", real_name="Gina Agency", tz="Europe/Berlin", is_guest=True)
    world.ch("sales").members.append(guest.id)
    world.slack.slash(guest, world.ch("sales"), "export")
    assert [f for f in world.slack.files.values() if f.completed] == []
    assert any("Guests can't export" in t for t in world.ephemeral_texts(guest))


def test_the_export_command_line_writes_the_same_columns_for_one_workspace(world: World, tmp_path: Path) -> None:
    _three_contacts(world)
    out = tmp_path / "contacts.csv"
    assert _run(world, "export", str(out), "--team", world.slack.team.id) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["name"] for r in rows} == {"Jane Doe", "Raj Patel", "Li Wei"}
    assert {"first_name", "last_name", "company", "email", "stage"} <= set(rows[0])


def _big_hubspot_file(path: Path, n: int, ann: str, bob: str) -> dict[str, int]:
    """n rows: good people owned by Ann, Bob or nobody Banter knows; some empty, some with a broken address,
    some repeating an earlier row, one repeating a contact already logged in chat."""
    expect = {"created": 0, "updated": 0, "skipped": 0}
    owners = [ann, bob, "Zed Nobody"]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HUBSPOT)
        for i in range(n):
            if i % 500 == 7:
                w.writerow(["", "", "", "", "Nameless Inc", "CTO", "New", ann])
                expect["skipped"] += 1
            elif i % 500 == 41:
                w.writerow(["Bad", "Address", "x@", "", "", "", "", ann])
                expect["skipped"] += 1
            elif i % 1000 == 99:
                w.writerow([f"First{i - 1}", f"Last{i - 1}", f"person{i - 1}@co{(i - 1) % 300}.com", "", "", "", "", ann])
                expect["updated"] += 1
            elif i == 5:
                w.writerow(["Jane", "Doe", "JANE.DOE@acme.com", "", "Acme Corp", "CTO", "Open", ann])
                expect["updated"] += 1
            else:
                w.writerow([f"First{i}", f"Last{i}", f"person{i}@co{i % 300}.com", f"+1 415 555 {i:04d}",
                            f"Company {i % 300}", "VP Sales", "New", owners[i % 3]])  # fmt: skip
                expect["created"] += 1
    return expect


def test_importing_10000_hubspot_rows_reports_bad_rows_and_stores_the_good_ones(world: World, tmp_path: Path) -> None:
    world.slack.say(world.ann, world.ch("sales"), "@Banter met Jane Doe at Acme Corp, jane.doe@acme.com")
    world.slack.say(world.bob, world.ch("sales"), "@Banter met Li Wei at Initech, li.wei@initech.io")
    path = tmp_path / "hubspot.csv"
    expect = _big_hubspot_file(path, 10_000, "Ann Lee", "Bob Stone")

    started = time.perf_counter()
    status, out, err = _import(world, str(path), "--team", world.slack.team.id, "--owner", world.boss.id)
    took = time.perf_counter() - started
    assert status == 0, err

    lines = out.splitlines()
    assert lines[0] == f"{expect['created']} created, {expect['updated']} updated, {expect['skipped']} skipped"
    assert "row 9: no name, email or phone" in lines  # row 1 is the header: i == 7 is row 9
    assert "row 43: email 'x@' is not valid" in lines
    assert any(line.startswith("owner 'Zed Nobody' matches no Slack user") for line in lines)
    assert "10000/10000" in err and "\x1b[" not in err  # the bar, drawn once, no cursor codes in a log
    rows = world.export()
    assert len(rows) == 2 + expect["created"]
    jane = [r for r in rows if r["email"] == "jane.doe@acme.com"]
    assert len(jane) == 1 and jane[0]["title"] == "CTO"  # merged into the contact logged in chat
    owners = {r["owner"] for r in rows}
    assert {world.ann.id, world.bob.id, world.boss.id} <= owners
    limit = 30 if world.db_url.startswith("sqlite") else 90  # a guard against per-row work; ~7 s on an idle SQLite
    assert took < limit, f"10,000 rows took {took:.1f}s"


def test_a_salesforce_export_imports_without_editing(world: World, tmp_path: Path) -> None:
    path = tmp_path / "salesforce.csv"
    path.write_text('"First Name","Last Name","Title","Account Name","Email","Phone","Mobile","Lead Source"\n'
                    '"Li","Wei","Head of Ops","Globex","li@globex.com","+44 20 7946 0958","+44 7911 123456","Web"\n',
                    encoding="utf-8")  # fmt: skip
    status, out, _ = _import(world, str(path), "--team", world.slack.team.id, "--owner", world.ann.id)
    assert status == 0 and out.splitlines()[0] == "1 created, 0 updated, 0 skipped"
    (row,) = world.export()
    assert (row["name"], row["company"], row["title"], row["phone"], row["source"], row["owner"]) == (
        "Li Wei", "Globex", "Head of Ops", "+442079460958", "Web", world.ann.id)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\x00\x01\x02PK binary", "is not a CSV file"),
        (b"Company,Title\nAcme,CTO\n", "no column holds a name, e-mail or phone"),
        (b"", "is empty"),
    ],
)
def test_a_file_that_cannot_be_imported_gets_one_clear_line_and_exit_status_2(
    world: World, tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "contacts.csv"
    if content is not None:
        path.write_bytes(content)
    status, _, err = _import(world, str(path), "--team", world.slack.team.id, "--owner", world.ann.id)
    lines = err.strip().splitlines()
    assert status == 2 and len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], lines


def _one_ceo(tmp_path: Path) -> Path:
    """A HubSpot export of one CEO at a known company: over a score threshold of 10 as soon as stored."""
    path = tmp_path / "hubspot.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HUBSPOT)
        w.writerow(["Nora", "Quist", "nora@quist-holdings.com", "", "Quist Holdings", "CEO", "New", "Ann Lee"])
    return path


def test_a_contact_that_qualifies_on_import_is_alerted_in_slack_like_one_logged_in_chat(world: World, tmp_path: Path) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "alerts #prospect-alerts")
    world.slack.slash(world.boss, world.ch("sales"), "policy set score_threshold 10")
    path = _one_ceo(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    args = app.parser().parse_args(["import", str(path), "--team", world.slack.team.id, "--owner", world.boss.id])
    assert importer.main(world.banter.config, args, out=out, err=err) == 0, err.getvalue()
    assert "1 became prospects" in out.getvalue() and "alerts are posted" in out.getvalue()
    (alert,) = [m for m in world.bot_messages(world.ch("prospect-alerts")) if "Nora Quist" in message_text(m)]
    assert "New prospect" in message_text(alert)
    assert importer.main(world.banter.config, args, out=io.StringIO(), err=io.StringIO()) == 0
    assert len([m for m in world.bot_messages(world.ch("prospect-alerts")) if "Nora Quist" in message_text(m)]) == 1


def test_an_import_without_slack_credentials_says_the_alerts_were_not_posted(world: World, tmp_path: Path) -> None:
    world.slack.slash(world.boss, world.ch("sales"), "policy set score_threshold 10")
    path = _one_ceo(tmp_path)
    status, out, _ = _import(world, str(path), "--team", world.slack.team.id, "--owner", world.boss.id)
    assert status == 0 and "no alert was posted" in out
