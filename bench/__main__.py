"""`python -m bench`: every figure, Banter and the floor side by side, as a table and bench/results/latest.json."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import report
from bench.digest import PG_ADMIN_URL, digest_costs
from bench.discovery import discovery
from bench.latency import reply_latency, throughput
from bench.parsers import parser_costs
from bench.servers import Server
from bench.slackside import Workspace

err = Console(stderr=True)


@dataclass(frozen=True)
class Counts:
    latency: int
    throughput: int
    discovery_contacts: int
    min_contacts: int  # contacts logged before resident memory is read
    digest_sizes: tuple[int, ...]


DEFAULT = Counts(500, 480, 20, 1000, (10_000, 100_000))
FULL = Counts(500, 480, 20, 1000, (10_000, 100_000, 1_000_000))
QUICK = Counts(30, 40, 2, 100, (1_000, 3_000))


def measure_server(kind: str, ws: Workspace, workdir: Path, counts: Counts) -> dict[str, Any]:
    env = ws.env(f"sqlite:///{workdir / f'{kind}.db'}")
    server = Server(kind, env).start()
    out: dict[str, Any] = {"startup_fresh_s": server.startup_s}
    first = ws.next_index()
    try:
        target = ws.target(server.url)
        err.log(f"{kind}: reply latency over {counts.latency} mentions")
        out["latency"] = asdict(reply_latency(ws, target, counts.latency))
        err.log(f"{kind}: throughput, {counts.throughput} contacts from 8 senders")
        out["throughput"] = asdict(throughput(ws, target, counts.throughput))
        if kind == "banter":
            err.log(f"banter: discovery for {counts.discovery_contacts} contacts")
            out["discovery"] = asdict(discovery(ws, target, counts.discovery_contacts))
        while ws.next_index() - first < counts.min_contacts:
            ws.mention(target)
        out["contacts_logged"] = ws.next_index() - first - 1
        out["rss_worker_mb"], out["rss_total_mb"] = server.rss_mb()
    except Exception:
        err.print(server.log_tail())
        raise
    finally:
        server.stop()
    again = Server(kind, env).start()  # start-up proper: a restart on a database already migrated
    again.stop()
    out["startup_s"] = again.startup_s
    return out


def pg_reachable() -> str:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN_URL, connect_timeout=3).close()
        return ""
    except Exception as exc:  # noqa: BLE001 - an absent PostgreSQL is a note in the table, not a crash
        return f"{type(exc).__name__}: {exc}".strip()[:120]


def run(args: argparse.Namespace) -> dict[str, Any]:
    counts = QUICK if args.quick else FULL if args.full else DEFAULT
    mode = "quick" if args.quick else "full" if args.full else "default"
    started = time.perf_counter()
    results: dict[str, Any] = {
        "mode": mode, "counts": asdict(counts),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="banter-bench-") as tmp:
        ws = Workspace()
        try:
            for kind in ("floor", "banter"):
                results[kind] = measure_server(kind, ws, Path(tmp), counts)
        finally:
            ws.stop()
        err.log("parsers")
        results["parsers"] = parser_costs(quick=args.quick)
        backends = ["sqlite"]
        notes = [] if mode == "full" else ["1M contacts: opt-in with --full"]
        if args.no_pg:
            notes.append("PostgreSQL: skipped (--no-pg)")
        elif why := pg_reachable():
            notes.append(f"PostgreSQL unreachable: {why}")
        else:
            backends.append("postgresql")
        results["digest"] = []
        for backend in backends:
            err.log(f"digest on {backend}: {', '.join(f'{s:,}' for s in counts.digest_sizes)} contacts")
            results["digest"] += [asdict(c) for c in digest_costs(backend, list(counts.digest_sizes), Path(tmp), err.log)]
        results["digest_notes"] = notes
    results["elapsed_s"] = time.perf_counter() - started
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="small counts (about 30 s), for a smoke test")
    p.add_argument("--full", action="store_true", help="add the 1M-contact digest (several minutes more)")
    p.add_argument("--no-pg", action="store_true", help="skip PostgreSQL")
    p.add_argument("--json", type=Path, default=report.RESULTS, help="where to write the results")
    args = p.parse_args(argv)
    results = run(args)
    path = report.write(results, args.json)
    report.show(results)
    print(f"Results written to {path} in {results['elapsed_s']:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
