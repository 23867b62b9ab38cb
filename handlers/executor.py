"""Bolt's listener executor, which can be waited on until every listener has finished.

The sandbox shows a conversation only once Banter has finished answering; tests assert only then;
a shutdown can drain the work in flight the same way.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class ListenerExecutor(ThreadPoolExecutor):
    def __init__(self, max_workers: int = 4) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="bolt")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()
        self.errors: list[BaseException] = []

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        fut = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._pending.add(fut)
        fut.add_done_callback(self._done)
        return fut

    def _done(self, fut: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(fut)
        if not fut.cancelled() and fut.exception() is not None:
            self.errors.append(fut.exception())  # type: ignore[arg-type]

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Until nothing is running or queued (listeners may submit more work), or the timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                pending = list(self._pending)
            if not pending:
                return
            for fut in pending:
                try:
                    fut.result(timeout=max(0.05, deadline - time.monotonic()))
                except Exception:  # noqa: BLE001 - recorded in self.errors by _done
                    pass
