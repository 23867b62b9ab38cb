"""`python app.py import FILE.csv`: a team's existing contacts, with the same de-duplication as chat.

Rows are numbered as a spreadsheet shows them (the header is row 1). A bad row is reported and
skipped; the rest go in, committed in batches so a large file takes seconds.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import select, union

from bot.importing import HeaderMap, ImportReport, ImportRow, Skip, map_headers, resolve_owner, row_to_draft
from bot.services.data import ToImport, import_batch
from bot.services.workspace import load_config
from settings import Config
from storage import models as m

BATCH = 500
DELIMITERS = ",;\t"


class ImportFailed(Exception):
    """The file cannot be imported at all; the message is the one line the user reads."""


@dataclass
class CsvFile:
    headers: list[str]
    rows: list[list[str]]
    name: str


def read_csv(path: Path) -> CsvFile:
    if not path.is_file():
        raise ImportFailed(f"no such file: {path}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise ImportFailed(f"{path} is not a CSV file (it looks binary; export it as CSV first)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel on Windows saves CSV this way
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise ImportFailed(f"{path} is not a readable CSV file: {exc}") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ImportFailed(f"{path} is empty: it needs a header row and one row per contact")
    return CsvFile(rows[0], rows[1:], path.name)


def _only_team(session: Any) -> str:
    teams = sorted(set(session.scalars(union(select(m.Rep.team_id), select(m.Contact.team_id),
                                             select(m.Setting.team_id)))))  # fmt: skip
    if len(teams) == 1:
        return teams[0]
    if not teams:
        raise ImportFailed("no workspace has used Banter yet: pass --team T… (the Slack team id)")
    raise ImportFailed(f"several workspaces use this database ({', '.join(teams)}): pass --team")


def _progress(stream: TextIO) -> Progress:
    # Not a terminal (a log, a pipe, CI): no cursor movement, the bar is drawn once at the end.
    console = Console(file=stream, force_terminal=stream.isatty() or None, soft_wrap=True)
    return Progress(TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TextColumn("rows"),
                    TimeElapsedColumn(), console=console, transient=False)  # fmt: skip


def _batches(rows: list[list[str]]) -> Iterator[list[tuple[int, list[str]]]]:
    numbered = [(i + 2, r) for i, r in enumerate(rows)]  # row 1 is the header
    for start in range(0, len(numbered), BATCH):
        yield numbered[start : start + BATCH]


def import_file(uow_factory: Any, file: CsvFile, team: str | None, owner: str | None, now: datetime,
                progress_stream: TextIO) -> ImportReport:  # fmt: skip
    headers = map_headers(file.headers)
    if not headers.usable:
        raise ImportFailed(f"{file.name}: no column holds a name, e-mail or phone (headers: {', '.join(file.headers)[:200]})")
    if not owner and "owner" not in headers.columns:
        raise ImportFailed(f"{file.name} names no owner: pass --owner U… (the Slack user id who owns these contacts)")
    with uow_factory() as uow:
        team_id = team or _only_team(uow.session)
        region = load_config(uow, team_id).settings.region
        reps: dict[str, str] = {}
        for rep in uow.reps.all(team_id):
            reps[rep.user_id.lower()] = rep.user_id
            if rep.name:
                reps[rep.name.lower()] = rep.user_id
    default_owner = (resolve_owner(owner, reps) or owner) if owner else ""
    report = ImportReport(default_owner=default_owner)
    with _progress(progress_stream) as progress:
        task = progress.add_task("import", total=len(file.rows))
        for batch in _batches(file.rows):
            rows = [r for number, row in batch
                    if (r := _understood(report, number, row, headers, region, reps, default_owner, file.name))]  # fmt: skip
            with uow_factory() as uow:
                _store(uow, team_id, rows, report, now)
                uow.commit()
            progress.advance(task, len(batch))
    report.skipped.sort()
    return report


def _understood(report: ImportReport, number: int, row: list[str], headers: HeaderMap, region: str,
                reps: dict[str, str], default_owner: str, name: str) -> ToImport | None:  # fmt: skip
    if not any(cell.strip() for cell in row):
        return None  # a blank line is no row
    parsed = row_to_draft(row, headers, region=region, origin=f"imported from {name} row {number}")
    if isinstance(parsed, Skip):
        report.skipped.append((number, parsed.reason))
        return None
    assert isinstance(parsed, ImportRow)
    owner_id = resolve_owner(parsed.owner, reps)
    if owner_id is None:
        owner_id = default_owner
        if parsed.owner:
            report.unmatched_owners[parsed.owner] = report.unmatched_owners.get(parsed.owner, 0) + 1
    return ToImport(number, parsed.draft, owner_id)


def _store(uow: Any, team_id: str, rows: list[ToImport], report: ImportReport, now: datetime) -> None:
    """The batch in one go; when the database refuses it, row by row, so one bad row stops nothing else."""
    try:
        with uow.session.begin_nested():
            events: list[object] = []
            done = import_batch(uow, team_id, rows, now, events)
        report.events += events
    except Exception:  # noqa: BLE001 - retried row by row just below, where the culprit is reported
        done = []
        for r in rows:
            try:
                with uow.session.begin_nested():
                    events = []
                    done += import_batch(uow, team_id, [r], now, events)
                report.events += events
            except Exception as exc:  # noqa: BLE001 - reported per row
                report.skipped.append((r.number, f"could not be stored ({type(exc).__name__})"))
    for _, created in done:
        if created:
            report.created += 1
        else:
            report.updated += 1


def main(cfg: Config, args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from app import SystemClock, open_database

    out, err = out or sys.stdout, err or sys.stderr
    try:
        file = read_csv(Path(args.file))
        _, uow_factory = open_database(cfg.database_url)
        report = import_file(uow_factory, file, args.team, args.owner, SystemClock().now(), err)
    except ImportFailed as exc:
        print(f"error: {exc}", file=err)
        return 2
    for line in report.lines():
        print(line, file=out)
    if report.events:
        print(_announce(cfg, report.events), file=out)
    return 0


def _announce(cfg: Config, events: list[object]) -> str:
    """Contacts that qualified or turned hot on import get their alert in Slack, as if logged in chat."""
    from bot.events import Promoted, TurnedHot

    promoted = sum(isinstance(e, Promoted) for e in events)
    hot = sum(isinstance(e, TurnedHot) for e in events)
    what = f"{promoted} became prospects and {hot} turned hot on import"
    if not (cfg.bot_token or (cfg.client_id and cfg.client_secret)):
        return f"{what}; no Slack credentials here, so no alert was posted (set SLACK_BOT_TOKEN to post them)."
    from app import build
    from handlers.notify import announce

    banter = build(cfg, upgrade=False)
    for team in sorted({e.team_id for e in events if isinstance(e, Promoted | TurnedHot)}):
        announce(banter.svc, banter.client_for(team), [e for e in events if getattr(e, "team_id", "") == team])  # type: ignore[arg-type]
    return f"{what}: their alerts are posted in Slack."
