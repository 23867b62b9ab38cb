"""Serving processes: Banter (`python app.py serve --http`) or the floor, spawned, timed to health, measured, stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def command(kind: str, port: int) -> list[str]:
    if kind == "banter":
        return [sys.executable, str(ROOT / "app.py"), "serve", "--http", "--port", str(port)]
    return [sys.executable, "-m", "bench.floor", "--port", str(port)]


@dataclass
class Server:
    kind: str  # banter | floor
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    startup_s: float = 0.0
    log_path: Path = field(default_factory=lambda: Path(tempfile.mkstemp(prefix="bench-server-", suffix=".log")[1]))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def start(self, timeout: float = 60.0) -> Server:
        """Spawn and wait for a 200 from /healthz; `startup_s` is spawn to that answer."""
        env = {**os.environ, **self.env, "PORT": str(self.port), "PYTHONPATH": str(ROOT)}
        log = self.log_path.open("wb")
        t0 = time.perf_counter()
        # A scratch working directory, so no developer's .env is read by the measured process.
        self.proc = subprocess.Popen(command(self.kind, self.port), env=env, cwd=tempfile.gettempdir(),
                                     stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        health = f"http://127.0.0.1:{self.port}/healthz"
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.kind} exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(health, timeout=1) as r:
                    if r.status == 200:
                        self.startup_s = time.perf_counter() - t0
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"{self.kind} was not healthy after {timeout:.0f} s: {self.log_tail()}")

    def log_tail(self, n: int = 2000) -> str:
        return self.log_path.read_text(errors="replace")[-n:]

    def workers(self) -> list[int]:
        assert self.proc is not None
        try:
            kids = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()
        except OSError:
            return []
        return [int(k) for k in kids]

    def rss_mb(self) -> tuple[float, float]:
        """Resident memory of the serving worker, and of arbiter plus workers, in MB."""
        assert self.proc is not None
        workers = self.workers()
        worker = sum(rss_kb(p) for p in workers)
        return worker / 1024, (worker + rss_kb(self.proc.pid)) / 1024

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
