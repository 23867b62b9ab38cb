"""The results: one table on the terminal, one JSON file for the record."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
        return text + unit
    return f"{value}{unit}"


def _verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "[red]failed[/]"
    return "[green]met[/]" if value <= limit else f"[red]missed ×{value / limit:.1f}[/]"


def table(r: dict[str, Any]) -> Table:
    b, f = r["banter"], r["floor"]
    t = Table(title=f"Banter vs the floor ({r['machine']['cores']} cores, {r['mode']} run)", show_lines=False)
    for col in ("figure", "Banter", "floor", "ratio", "target", "verdict"):
        t.add_column(col, justify="left" if col in ("figure", "target", "verdict") else "right")
    lat_b, lat_f = b["latency"], f["latency"]
    ratio = lat_b["median_ms"] / lat_f["median_ms"]
    t.add_row(f"reply latency median ({lat_b['n']} msgs)", _fmt(lat_b["median_ms"], " ms"), _fmt(lat_f["median_ms"], " ms"),
              _fmt(ratio, "×"), "≤ 2× floor", _verdict(ratio, 2.0))  # fmt: skip
    t.add_row("reply latency p99", _fmt(lat_b["p99_ms"], " ms"), _fmt(lat_f["p99_ms"], " ms"),
              _fmt(lat_b["p99_ms"] / lat_f["p99_ms"], "×"), "< 100 ms", _verdict(lat_b["p99_ms"], 100))  # fmt: skip
    tp_b, tp_f = b["throughput"], f["throughput"]
    t.add_row(f"throughput, {tp_b['senders']} senders", _fmt(tp_b["per_second"], " contacts/s"),
              _fmt(tp_f["per_second"], " /s"), _fmt(tp_b["per_second"] / tp_f["per_second"], "×"), "", "")  # fmt: skip
    d = b["discovery"]
    t.add_row(f"discovery answers ({d['answers']})", _fmt(d["per_second"], " answers/s"), "", "",
              f"median {_fmt(d['median_ms'], ' ms')}", "")  # fmt: skip
    for name, us in r["parsers"].items():
        t.add_row(f"parser: {name.removesuffix('_us')}", _fmt(us, " µs"), "", "", "", "")
    for row in r["digest"]:
        label = f"digest {row['backend']}, {row['contacts']:,} contacts"
        target, verdict = "", ""
        if row["backend"] == "postgresql":
            target, verdict = "< 200 ms at 1M", _verdict(row["median_ms"], 200) if row["contacts"] >= 1_000_000 else ""
        value = _fmt(row["median_ms"], " ms") if row["median_ms"] is not None else f"[red]{row['error'][:40]}[/]"
        t.add_row(label, value, "", "", target, verdict)
    for note in r.get("digest_notes", []):
        t.add_row(f"[dim]{note}[/]", "", "", "", "", "")
    t.add_row("start-up to healthy /healthz", _fmt(b["startup_s"], " s"), _fmt(f["startup_s"], " s"),
              _fmt(b["startup_s"] / f["startup_s"], "×"), "< 2 s", _verdict(b["startup_s"], 2.0))  # fmt: skip
    t.add_row("start-up, fresh database (migrations)", _fmt(b["startup_fresh_s"], " s"), "", "", "", "")
    t.add_row(f"resident memory after {b['contacts_logged']:,} contacts", _fmt(b["rss_worker_mb"], " MB"),
              _fmt(f["rss_worker_mb"], " MB"), _fmt(b["rss_worker_mb"] / f["rss_worker_mb"], "×"), "< 150 MB",
              _verdict(b["rss_worker_mb"], 150))  # fmt: skip
    t.add_row("  with the gunicorn arbiter", _fmt(b["rss_total_mb"], " MB"), _fmt(f["rss_total_mb"], " MB"), "", "", "")
    return t


def write(results: dict[str, Any], path: Path = RESULTS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str) + "\n")
    return path


def show(results: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console()
    if not console.is_terminal:
        console.width = 130  # a log file or a pipe: keep each row on one line
    console.print(table(results))
