"""App Home refreshes, coalesced per rep.

A Home is rebuilt from the database (half a dozen queries) and sent whole with views.publish, which is worth
doing once per burst of changes, not once per change: a rep logging contacts at a booth would otherwise pay
for it on every mention, on the same worker threads that answer the next one. So refreshes are coalesced per
rep: the first change publishes at once; further changes within `every` seconds are folded into one more
publish at the end of that window, which reads the database then (the last change wins). Opening the Home
(`app_home_opened`) always publishes at once. A refresh still waiting when the process stops is not sent:
the Home shows the state before it until the next change or the next time the rep opens it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from slack_sdk import WebClient

log = logging.getLogger("banter.home")

HOME_REFRESH_EVERY = 3.0  # seconds: at most one republish of a rep's Home per window, plus one at its end

Key = tuple[str, str]  # team id, user id
Publish = Callable[[WebClient, str, str], None]


class HomeRefresher:
    """At most one Home publish per rep every `every` seconds, the last change always published in the end."""

    def __init__(self, every: float = HOME_REFRESH_EVERY, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self._clock = clock
        self._lock = threading.Lock()
        self._last: dict[Key, float] = {}  # when the latest publish for the rep began
        self._waiting: dict[Key, WebClient] = {}  # reps with a publish due at the end of their window
        self._running: set[Key] = set()
        self._timers: dict[Key, threading.Timer] = {}

    def request(self, client: WebClient, team_id: str, user_id: str, publish: Publish) -> None:
        key = (team_id, user_id)
        with self._lock:
            now = self._clock()
            if key in self._waiting:  # already due at the end of the window: it will read this change too
                self._waiting[key] = client
                return
            last = self._last.get(key)
            if self.every > 0 and (key in self._running or (last is not None and now - last < self.every)):
                self._waiting[key] = client
                self._schedule(key, publish, (last or now) + self.every - now)
                return
            self._last[key] = now
            self._running.add(key)
            self._forget_old(now)
        self._run(key, client, publish)

    def flush(self) -> None:
        """Publish every refresh still waiting, now (a clean shutdown; tests)."""
        with self._lock:
            timers = list(self._timers.items())
        for key, timer in timers:
            timer.cancel()
            self._due(key, timer.args[1])  # type: ignore[attr-defined]

    def _schedule(self, key: Key, publish: Publish, delay: float) -> None:
        timer = threading.Timer(max(0.0, delay), self._due, args=(key, publish))
        timer.daemon = True
        self._timers[key] = timer
        timer.start()

    def _due(self, key: Key, publish: Publish) -> None:
        with self._lock:
            self._timers.pop(key, None)
            if key not in self._waiting:
                return  # published already (flush)
            if key in self._running:  # the last publish is still under way: its successor waits for it
                self._schedule(key, publish, self.every)
                return
            client = self._waiting.pop(key)
            self._last[key] = self._clock()
            self._running.add(key)
        self._run(key, client, publish)

    def _run(self, key: Key, client: WebClient, publish: Publish) -> None:
        try:
            publish(client, *key)
        except Exception as exc:  # noqa: BLE001 - a stale Home must not undo or hide the change that was made
            from handlers.errors import is_database_outage

            outage = is_database_outage(exc)  # expected while the database restarts: one line, no stack
            log.warning("could not refresh the App Home: %s", type(exc).__name__, exc_info=not outage)
        finally:
            with self._lock:
                self._running.discard(key)

    def _forget_old(self, now: float) -> None:
        if len(self._last) > 1000:
            for k in [k for k, t in self._last.items() if now - t >= self.every and k not in self._running]:
                del self._last[k]
