"""Per-workspace settings the use cases read: currency, region, policy, alerts channel."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Settings
from bot.policy import Policy, policy_from_dict
from bot.ports import UnitOfWork

DEFAULT_CURRENCY = "USD"
DEFAULT_REGION = "US"


@dataclass(frozen=True)
class WorkspaceConfig:
    settings: Settings
    policy: Policy
    alerts_channel: str | None  # None: alerts go where the lead was logged; "off": no alerts


def load_config(uow: UnitOfWork, team_id: str, *, defaults: dict[str, str] | None = None,
                fresh: bool = False) -> WorkspaceConfig:  # fmt: skip
    """The workspace's settings and policy. A change made in another process may take a few seconds to be seen
    (`uow.settings.recent`); `fresh` reads exactly what is stored, for changing them."""
    read = uow.settings.get_all if fresh else uow.settings.recent
    stored = {**(defaults or {}), **read(team_id)}
    currency = stored.get("currency", DEFAULT_CURRENCY)
    settings = Settings(
        currency=currency,
        region=stored.get("region", DEFAULT_REGION),
        fiscal_year_start_month=int(stored.get("fiscal_year_start_month", "1")),
    )
    policy_values = {k[len("policy.") :]: v for k, v in stored.items() if k.startswith("policy.")}
    return WorkspaceConfig(settings, policy_from_dict(policy_values, currency=currency), stored.get("alerts_channel"))
