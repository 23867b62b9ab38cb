"""The per-call time limit forgives a descheduled run, never a slow one."""

from __future__ import annotations

import time

from tests.timing import fastest_run

LIMIT = 0.050


def test_a_call_that_sleeps_60_ms_every_time_fails_a_50_ms_limit() -> None:
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.060)
        return "done"

    result, elapsed = fastest_run(slow, limit=LIMIT)
    assert result == "done"
    assert elapsed >= LIMIT
    assert len(calls) == 5


def test_a_call_slow_only_once_passes_on_its_next_run() -> None:
    calls: list[int] = []

    def noisy() -> int:
        calls.append(1)
        if len(calls) == 1:
            time.sleep(0.060)
        return len(calls)

    result, elapsed = fastest_run(noisy, limit=LIMIT)
    assert elapsed < LIMIT
    assert result == 2 and len(calls) == 2


def test_a_fast_call_runs_once() -> None:
    calls: list[int] = []
    _, elapsed = fastest_run(lambda: calls.append(1), limit=LIMIT)
    assert elapsed < LIMIT and len(calls) == 1
