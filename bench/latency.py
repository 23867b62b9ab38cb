"""Reply latency (sequential mentions) and throughput (concurrent senders, each waiting for its reply)."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from bench.slackside import MentionOnly, Workspace


@dataclass
class Latency:
    n: int
    median_ms: float
    p99_ms: float
    max_ms: float


@dataclass
class Throughput:
    senders: int
    n: int
    per_second: float
    median_ms: float


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def reply_latency(ws: Workspace, target: MentionOnly, n: int, warmup: int = 5) -> Latency:
    for _ in range(warmup):  # first requests import lazily and fill caches (users.info, channel names)
        ws.mention(target)
    times = []
    for _ in range(n):
        _, t0, t1, _ = ws.mention(target)
        times.append((t1 - t0) * 1000)
    return Latency(n, statistics.median(times), percentile(times, 0.99), max(times))


def throughput(ws: Workspace, target: MentionOnly, n: int, senders: int = 8) -> Throughput:
    """`senders` reps logging at once, each sending its next contact when the last one's card arrived."""
    per_sender = max(1, n // senders)
    times: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(senders + 1)

    def run(i: int) -> None:
        start.wait()
        try:
            for _ in range(per_sender):
                _, t0, t1, _ = ws.mention(target, sender=i)
                with lock:
                    times.append((t1 - t0) * 1000)
        except BaseException as exc:  # noqa: BLE001 - reported after the run
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(senders)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} sender(s) failed: {errors[0]!r}")
    return Throughput(senders, len(times), len(times) / elapsed, statistics.median(times))
