"""Discovery through the whole path: a contact is logged, discovery started, and four answers typed in its thread."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from bench.slackside import MentionOnly, Workspace

ANSWERS = (
    "budget: about $50k a year",
    "authority: she is the decision maker",
    "need: spreadsheets are breaking, they need pipeline analytics",
    "timeline: buying next quarter",
)


@dataclass
class Discovery:
    contacts: int
    answers: int
    per_second: float
    median_ms: float
    p99_ms: float


def discovery(ws: Workspace, target: MentionOnly, contacts: int) -> Discovery:
    from bench.latency import percentile

    times: list[float] = []
    elapsed = 0.0
    for _ in range(contacts):
        thread, _, _, card = ws.mention(target)
        rep, channel = ws.reps[0], ws.channels[0]
        # Banter stores the card's thread just after posting it; a press in that gap starts discovery at the
        # channel's top level (README, "Found on the way"). A person needs longer than this to press anyway.
        time.sleep(0.2)
        pressed = time.perf_counter()
        ws.slack.press(rep, channel, card.ts, "Start discovery", target=target)
        ws.arrivals.first_after(thread, pressed)  # the first question
        time.sleep(0.05)  # let the start's own posts settle, so they are not taken for an answer's reply
        start = time.perf_counter()
        for text in ANSWERS:
            said = ws.slack.say(rep, channel, text, thread_ts=thread, target=target)
            t0 = ws.sent[said.ts]
            t1, _ = ws.arrivals.first_after(thread, t0)
            times.append((t1 - t0) * 1000)
        elapsed += time.perf_counter() - start
    return Discovery(contacts, len(times), len(times) / elapsed, statistics.median(times), percentile(times, 0.99))
