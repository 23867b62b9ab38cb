"""The Slack side of a run: the fake Slack, people typing, and the clock on Banter's replies.

Slack sends a mention twice, as `message` and as `app_mention`; Banter handles one and de-duplicates the
other. The benchmark sends only the app_mention, to Banter and to the floor alike, so both answer one request.
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from sandbox.fakeslack import Change, Channel, Delivered, FakeSlack, HttpTarget, Message, User

FIRST = ["Jane", "Omar", "Li", "Priya", "Marco", "Sofia", "Kenji", "Amara", "Lucas", "Nadia", "Tom", "Ines",
         "Ravi", "Elena", "Jonas", "Chloe", "Mateo", "Hana", "Felix", "Zara"]  # fmt: skip
LAST = ["Doe", "Haddad", "Wei", "Sharma", "Rossi", "Lopez", "Sato", "Okafor", "Silva", "Petrova", "Brown",
        "Garcia", "Iyer", "Novak", "Berg", "Martin", "Cruz", "Kim", "Wagner", "Ali"]  # fmt: skip
TITLES = ["VP Marketing", "Head of Sales", "CTO", "Director of Operations", "Procurement Lead"]


def contact_text(i: int) -> str:
    """The i-th distinct booth note: its own name, company and e-mail, so nothing de-duplicates."""
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    company = f"Northwind{i}"
    return (f"@Banter met {first} {last}, {TITLES[i % len(TITLES)]} at {company} Corp, "
            f"{first.lower()}.{last.lower()}{i}@{company.lower()}.com, wants analytics for {10 + i % 90} reps")  # fmt: skip


class MentionOnly:
    """Deliver over HTTP, dropping the `message` twin of a mention, and note when each event left."""

    def __init__(self, url: str, bot_user_id: str, sent: dict[str, float]) -> None:
        self.http = HttpTarget(url, timeout=30.0)
        self.mention = f"<@{bot_user_id}>"
        self.sent = sent

    def send(self, body: str, headers: dict[str, str]) -> Delivered:
        event = json.loads(body).get("event", {}) if body.startswith("{") else {}
        if event.get("type") == "message" and self.mention in event.get("text", "") and not event.get("thread_ts"):
            return Delivered(200, "", request_body=body, request_headers=headers)
        if event.get("ts"):
            self.sent[event["ts"]] = time.perf_counter()
        return self.http.send(body, headers)


@dataclass
class Arrivals:
    """Every bot post in a thread, with the moment it reached the fake Slack."""

    by_thread: dict[str, list[tuple[float, Message]]] = field(default_factory=lambda: defaultdict(list))
    cond: threading.Condition = field(default_factory=threading.Condition)

    def __call__(self, change: Change) -> None:
        item = change.item
        if change.kind == "post" and isinstance(item, Message) and item.bot_id and item.thread_ts:
            now = time.perf_counter()
            with self.cond:
                self.by_thread[item.thread_ts].append((now, item))
                self.cond.notify_all()

    def first_after(self, thread_ts: str, after: float, timeout: float = 30.0) -> tuple[float, Message]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, m in self.by_thread.get(thread_ts, []):
                    if t >= after:
                        return t, m
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no reply in thread {thread_ts} within {timeout:.0f} s")
                self.cond.wait(left)


class Workspace:
    """One fake workspace: reps, a booth channel per sender, and the reply clock."""

    def __init__(self, reps: int = 8) -> None:
        self.slack = FakeSlack(echo_bot_messages=False).start()
        team = self.slack.team
        self.reps: list[User] = [team.add_user(f"rep{i}", real_name=f"Rep {i}", tz="Europe/Berlin") for i in range(reps)]
        self.channels: list[Channel] = [team.add_channel(f"booth-{i}", members=self.reps) for i in range(reps)]
        self.sent: dict[str, float] = {}
        self.arrivals = Arrivals()
        self.slack.subscribe(self.arrivals)
        self._next = 0
        self._lock = threading.Lock()

    def env(self, database_url: str) -> dict[str, str]:
        return {"SLACK_BOT_TOKEN": self.slack.team.bot_token, "SLACK_SIGNING_SECRET": self.slack.signing_secret,
                "SLACK_API_URL": self.slack.api_url, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}  # fmt: skip

    def target(self, url: str) -> MentionOnly:
        return MentionOnly(url, self.slack.team.bot_user_id, self.sent)

    def next_index(self) -> int:
        with self._lock:
            self._next += 1
            return self._next

    def mention(self, target: MentionOnly, sender: int = 0) -> tuple[str, float, float, Message]:
        """Log one new contact; returns the mention's ts, when it was sent, when the reply came, and the reply."""
        rep, channel = self.reps[sender], self.channels[sender]
        said = self.slack.say(rep, channel, contact_text(self.next_index()), target=target)
        t0 = self.sent[said.ts]
        t1, reply = self.arrivals.first_after(said.ts, t0)
        return said.ts, t0, t1, reply

    def stop(self) -> None:
        self.slack.stop()
