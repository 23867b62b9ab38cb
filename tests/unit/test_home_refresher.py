"""Home refreshes coalesced per rep: the first at once, a burst folded into one more, the last change published."""

from __future__ import annotations

import threading
import time

from handlers.homes import HomeRefresher


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, float]] = []
        self.done = threading.Event()

    def __call__(self, client: object, team: str, user: str) -> None:
        self.calls.append((team, user, time.monotonic()))
        self.done.set()


def test_the_first_refresh_is_at_once_and_a_burst_becomes_one_more_at_the_end_of_the_window() -> None:
    homes, publish = HomeRefresher(every=0.2), Recorder()
    for _ in range(5):
        homes.request(None, "T1", "U1", publish)  # type: ignore[arg-type]
    assert len(publish.calls) == 1  # the first, inline
    publish.done.clear()
    assert publish.done.wait(2)
    time.sleep(0.3)
    assert len(publish.calls) == 2  # the other four, as one
    assert publish.calls[1][2] - publish.calls[0][2] >= 0.19


def test_reps_have_windows_of_their_own() -> None:
    homes, publish = HomeRefresher(every=10), Recorder()
    homes.request(None, "T1", "U1", publish)  # type: ignore[arg-type]
    homes.request(None, "T1", "U2", publish)  # type: ignore[arg-type]
    homes.request(None, "T2", "U1", publish)  # type: ignore[arg-type]
    assert [(t, u) for t, u, _ in publish.calls] == [("T1", "U1"), ("T1", "U2"), ("T2", "U1")]


def test_flush_publishes_what_waits_and_a_failure_is_logged_not_raised() -> None:
    calls: list[str] = []

    def failing(client: object, team: str, user: str) -> None:
        calls.append(user)
        raise RuntimeError("slack is down")

    homes = HomeRefresher(every=60)
    homes.request(None, "T1", "U1", failing)  # type: ignore[arg-type]
    homes.request(None, "T1", "U1", failing)  # type: ignore[arg-type]
    assert calls == ["U1"]
    homes.flush()
    assert calls == ["U1", "U1"]


def test_no_window_publishes_every_change() -> None:
    homes, publish = HomeRefresher(every=0), Recorder()
    for _ in range(3):
        homes.request(None, "T1", "U1", publish)  # type: ignore[arg-type]
    assert len(publish.calls) == 3
