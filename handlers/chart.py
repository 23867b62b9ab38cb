"""The Monday funnel chart: leads → prospects → customers this month, drawn with matplotlib."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # no screen on a server

import matplotlib.pyplot as plt  # noqa: E402

from bot.stats import Yield, percent  # noqa: E402


def funnel_png(y: Yield) -> bytes:
    stages = ["Leads logged", "Promoted to prospect", "Won (customer)"]
    counts = [y.logged, y.promoted, y.won]
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    bars = ax.barh(stages[::-1], counts[::-1], color=["#2eb67d", "#36c5f0", "#4a154b"])
    for bar, n in zip(bars, counts[::-1], strict=True):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f"  {n}", va="center", fontsize=10)
    days = lambda d: f"{d:.1f} d" if d is not None else "—"  # noqa: E731
    ax.set_title(f"Funnel, {y.label}: {percent(y.promoted_rate)} promoted, {percent(y.won_rate)} won", fontsize=11)
    ax.set_xlabel(f"median days lead → prospect {days(y.days_to_prospect)} · prospect → customer {days(y.days_to_customer)}")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(counts + [1]) * 1.2)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
