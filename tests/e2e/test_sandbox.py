"""The sandbox: the bundled demo tells Banter's story end to end, and the terminal chat forgives typos."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from bot.export import write_csv
from sandbox.cli import DEMO, play
from sandbox.script import CommandError, Session
from sandbox.world import open_world

ROOT = Path(__file__).resolve().parents[2]


def quiet_console() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=False, no_color=True, width=100), out


def export(db: Path) -> list[dict[str, str]]:
    from app import open_database

    engine, uow_factory = open_database(f"sqlite:///{db}")
    with uow_factory() as uow:
        contacts = uow.contacts.all()
        answers = uow.answers.current_many("T0BANTER", [c.id for c in contacts])
    engine.dispose()
    out = io.StringIO()
    write_csv(out, contacts, answers)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    db = tmp_path_factory.mktemp("sandbox") / "sandbox.db"
    console, out = quiet_console()
    code, session = play(DEMO.read_text(encoding="utf-8").splitlines(), db, console=console)
    return code, session, out.getvalue(), db


def test_the_demo_plays_to_the_end_with_every_expectation_met(demo) -> None:  # noqa: ANN001
    code, _, output, _ = demo
    assert code == 0, output[-3000:]
    assert "Script stopped" not in output


def test_the_demo_logs_four_people_once_each_and_catches_the_duplicate(demo) -> None:  # noqa: ANN001
    _, session, _, db = demo
    rows = export(db)
    assert sorted(r["name"] for r in rows) == ["Jane Doe", "Lucy Chen", "Raj Patel", "Tom Berg"]
    jane = next(r for r in rows if r["name"] == "Jane Doe")
    assert (jane["email"], jane["phone"], jane["company"]) == ("jane.doe@acme.com", "+14155550132", "Acme Corp")
    assert any("Already logged" in said for said in session.transcript)


def test_discovery_promotes_jane_and_tom_and_raj_stays_a_lead_with_what_is_missing(demo) -> None:  # noqa: ANN001
    _, session, _, db = demo
    stages = {r["name"]: (r["stage"], r["authority"]) for r in export(db)}
    assert stages["Jane Doe"] == ("prospect", "decision_maker")
    assert stages["Tom Berg"] == ("prospect", "decision_maker")
    assert stages["Raj Patel"][0] == "lead"
    raj_card = [s for s in session.transcript if "Raj Patel" in s and "Still missing" in s]
    assert raj_card and "no budget" in raj_card[-1]


def test_each_promotion_is_alerted_in_prospect_alerts(demo) -> None:  # noqa: ANN001
    _, session, _, _ = demo
    alerts = [session.renderer.blocks_text(m.blocks) for m in session.world.channel("prospect-alerts").messages
              if m.bot_id]  # fmt: skip
    assert any("New prospect: Jane Doe" in a for a in alerts)
    assert any("New prospect: Tom Berg" in a for a in alerts)


def test_next_morning_the_digest_in_sales_puts_the_sooner_timeline_first(demo) -> None:  # noqa: ANN001
    _, session, _, _ = demo
    digests = [m for m in session.world.channel("sales").messages if m.bot_id and "Who to call today" in m.text]
    last = digests[-1]
    posted = datetime.fromtimestamp(float(last.ts), ZoneInfo("Europe/Berlin"))
    assert (posted.strftime("%a %H:%M")) == "Tue 09:00"
    text = session.renderer.blocks_text(last.blocks)
    assert text.index("Tom Berg") < text.index("Jane Doe"), text  # a month to Tom's timeline, four to Jane's
    assert "timeline in 29 days" in text


def test_the_demo_makes_no_web_api_call_slack_would_refuse(demo) -> None:  # noqa: ANN001
    _, session, _, _ = demo
    refused = [(c.method, c.response) for c in session.world.slack.calls if c.response and not c.response.get("ok")]
    assert refused == []


def test_an_unknown_command_or_a_missing_button_says_so_and_the_sandbox_carries_on(tmp_path: Path) -> None:
    console, out = quiet_console()
    world = open_world(tmp_path / "sandbox.db", fresh=True)
    try:
        session = Session(world, console)
        with pytest.raises(CommandError, match="Unknown command /frobnicate"):
            session.run("/frobnicate now")
        with pytest.raises(CommandError, match=r"no button \[99\]"):
            session.run("/press 99")
        with pytest.raises(CommandError, match="No message #7"):
            session.run("/thread 7")
        with pytest.raises(CommandError, match="/clock"):
            session.run("/clock next blue moon")
        session.run("@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
        assert any("New lead: Jane Doe" in s for s in session.said)
        with pytest.raises(CommandError, match=r"\[4\] is a menu; pick one"):
            session.run("/press 4")
    finally:
        world.close()
    assert "[1] Start discovery" in out.getvalue()


def test_a_script_stops_with_the_line_when_banter_did_not_say_what_it_expects(tmp_path: Path) -> None:
    console, out = quiet_console()
    code, _ = play(["@Banter met Jane Doe, jane.doe@acme.com", "/expect is now a customer"], tmp_path / "s.db",
                   console=console)  # fmt: skip
    assert code == 1
    assert "line 2: /expect is now a customer" in out.getvalue()
    assert "New lead: Jane Doe" in out.getvalue()  # what Banter did say is quoted


def test_python_app_py_without_slack_credentials_or_a_terminal_plays_the_demo(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env |= {"BANTER_SANDBOX_DB": str(tmp_path / "sandbox.db"), "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}"}
    done = subprocess.run([sys.executable, "app.py"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "New prospect: Jane Doe" in done.stdout and "Who to call today" in done.stdout
    assert "\x1b[" not in done.stdout  # no colours or cursor control when nothing is attached
    assert (tmp_path / "sandbox.db").is_file() and not (tmp_path / "prod.db").exists()


def _numbered(out: str, label: str) -> int:
    """The number the sandbox shows before a control, e.g. `[8] Assign to… ▾`."""
    import re

    (number,) = {int(n) for n in re.findall(r"\[(\d+)\] " + re.escape(label), out)}
    return number


def test_the_person_and_date_pickers_on_a_card_can_be_pressed(tmp_path: Path) -> None:
    console, out = quiet_console()
    world = open_world(tmp_path / "sandbox.db", fresh=True)
    try:
        session = Session(world, console)
        session.run("@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
        assign, on_date = _numbered(out.getvalue(), "Assign to…"), _numbered(out.getvalue(), "…or on a date")
        assert f'/press {assign} "bob"' in out.getvalue()  # the hint says how
        with pytest.raises(CommandError, match="No one called 'nobody'"):
            session.run(f'/press {assign} "nobody"')
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            session.run(f"/press {on_date} someday")
        session.run(f'/press {assign} "bob"')
        session.run(f"/press {on_date} 2026-12-24")
        world.wait_idle()
        with world.banter.svc.uow(readonly=True) as uow:
            (c,) = uow.contacts.all()
        bob = next(u for u in world.team.users.values() if u.name == "bob")
        assert c.owner_id == bob.id
        assert c.follow_up_at is not None and c.follow_up_at.date().isoformat() == "2026-12-24"
    finally:
        world.close()


def test_sandbox_reset_starts_from_an_empty_sandbox_database(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.db"
    console, out = quiet_console()
    code, _ = play(["@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com", "/expect New lead: Jane Doe"],
                   db, console=console, fresh=True)  # fmt: skip
    assert code == 0, out.getvalue()[-2000:]
    code, _ = play(["/banter find jane", "/expect Jane Doe"], db, console=console, fresh=False)
    assert code == 0, "without a reset the sandbox carries on where it was: " + out.getvalue()[-2000:]
    assert [r["name"] for r in export(db)] == ["Jane Doe"]

    script = tmp_path / "after-reset.txt"
    script.write_text("/banter find jane\n/expect No contact matches\n"
                      "@Banter met Raj Patel, CTO at Fleetly, raj@fleetly.io\n/expect New lead: Raj Patel\n",
                      encoding="utf-8")  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env |= {"BANTER_SANDBOX_DB": str(db), "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}"}
    done = subprocess.run([sys.executable, "app.py", "sandbox", "--reset", "--script", str(script)], cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert [r["name"] for r in export(db)] == ["Raj Patel"], "Jane went with the reset; only what came after is there"
    assert not (tmp_path / "prod.db").exists(), "the sandbox never touches the real database"


def test_a_file_banter_uploads_is_saved_where_the_sandbox_says(tmp_path: Path) -> None:
    console, out = quiet_console()
    world = open_world(tmp_path / "sandbox.db", fresh=True)
    try:
        session = Session(world, console)
        session.run("@Banter met Jane Doe, VP Marketing at Acme Corp, jane.doe@acme.com")
        session.run("/banter export")
    finally:
        world.close()
    (saved,) = (tmp_path / "sandbox-files").glob("banter-contacts-*.csv")
    assert f"saved as {saved}" in out.getvalue().replace("\n", "")
    assert "Jane Doe" in saved.read_text(encoding="utf-8")
