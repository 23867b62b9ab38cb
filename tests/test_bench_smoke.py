"""`python -m bench --quick --no-pg` runs end to end and records every figure it promises."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_the_quick_benchmark_records_every_figure_for_banter_and_the_floor(tmp_path: Path) -> None:
    out = tmp_path / "latest.json"
    run = subprocess.run([sys.executable, "-m", "bench", "--quick", "--no-pg", "--json", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    r = json.loads(out.read_text())
    for kind in ("banter", "floor"):
        side = r[kind]
        for figure in ("median_ms", "p99_ms"):
            assert _number(side["latency"][figure]), (kind, figure, side["latency"])
        assert side["latency"]["n"] == r["counts"]["latency"]
        assert _number(side["throughput"]["per_second"]), side["throughput"]
        for figure in ("startup_s", "startup_fresh_s", "rss_worker_mb", "rss_total_mb"):
            assert _number(side[figure]), (kind, figure, side.get(figure))
        assert side["contacts_logged"] >= r["counts"]["min_contacts"]
    d = r["banter"]["discovery"]
    assert d["answers"] == 4 * r["counts"]["discovery_contacts"] and _number(d["per_second"])
    assert set(r["parsers"]) == {"timeline_us", "budget_us", "contact_us"}
    assert all(_number(v) for v in r["parsers"].values())
    sizes = [row["contacts"] for row in r["digest"] if row["backend"] == "sqlite"]
    assert sizes == r["counts"]["digest_sizes"]
    assert all(_number(row["median_ms"]) for row in r["digest"]), r["digest"]
    assert "Banter vs the floor" in run.stdout
