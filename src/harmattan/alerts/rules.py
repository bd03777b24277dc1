"""Alert rules: what an analyst asks to be told, stored in the database by name.

A rule has a name, a kind and filters. The kinds (see README.md for what fires each):

- `match`: a story that comes to match the filters (type, country, actor, factuality,
  number of independent sources, intensity score);
- `deadline`: a demand or threat with a deadline that passes without a climb-down;
- `escalation`: a day on which the reported material conflict in a country (or between
  an actor and a recipient) leaves its trailing baseline;
- `contradiction`: a story that already fired an alert, or matches the filters, gets
  reports that disagree.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from harmattan.errors import HarmattanError
from harmattan.records import AlertKind, Factuality


class AlertRuleError(HarmattanError):
    """An alert rule cannot be read or does not make sense."""


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True, slots=True)
class AlertFilters:
    """Which stories a rule looks at; None (or empty) means any."""

    country: str | None = None
    """ISO alpha-3 code of a party or of the place."""
    actor: str | None = None
    """An actor id (`ner-cnsp`) or a word of a party's name, matched case-insensitively."""
    recipient: str | None = None
    """The same, for a recipient only (with `actor`, an escalation watches the pair)."""
    type: str | None = None
    """A PLOVER event type."""
    factuality: Factuality | None = None
    min_sources: int | None = None
    """At least this many independent sources."""
    min_score: float | None = None
    max_score: float | None = None
    min_count: int | None = None
    """Escalation only: a day needs at least this many stories to count as a jump
    (default 3)."""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["factuality"] = self.factuality.value if self.factuality else None
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True, slots=True)
class AlertRule:
    """A named alert rule."""

    name: str
    kind: AlertKind
    filters: AlertFilters = field(default_factory=AlertFilters)

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise AlertRuleError(
                f"alert rule name {self.name!r} is not allowed: use up to 64 letters, "
                "digits, '.', '_' or '-', starting with a letter or digit"
            )
        pair = self.filters.actor and self.filters.recipient
        if self.kind is AlertKind.ESCALATION and not (self.filters.country or pair):
            raise AlertRuleError(
                f"escalation rule {self.name!r} needs --country, or --actor and --recipient:"
                " the baseline is a country's or a pair's"
            )
        low, high = self.filters.min_score, self.filters.max_score
        if low is not None and high is not None and low > high:
            raise AlertRuleError(
                f"rule {self.name!r}: --min-score {low} is above --max-score {high}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind.value, **self.filters.to_dict()}


def rule_from_dict(data: Mapping[str, Any]) -> AlertRule:
    """A rule from its dictionary (`AlertRule.to_dict`, a TOML table, stored JSON)."""
    known = set(AlertFilters.__dataclass_fields__)
    unknown = sorted(set(data) - known - {"name", "kind"})
    name = data.get("name")
    if unknown:
        raise AlertRuleError(f"alert rule {name!r}: unknown field(s) {', '.join(unknown)}")
    if not isinstance(name, str):
        raise AlertRuleError("an alert rule needs a name")
    try:
        kind = AlertKind(str(data.get("kind")))
    except ValueError:
        kinds = ", ".join(k.value for k in AlertKind)
        raise AlertRuleError(
            f"alert rule {name!r}: kind {data.get('kind')!r} is not one of {kinds}"
        ) from None
    values = {k: v for k, v in data.items() if k in known}
    if values.get("factuality") is not None:
        try:
            values["factuality"] = Factuality(values["factuality"])
        except ValueError:
            raise AlertRuleError(
                f"alert rule {name!r}: factuality {values['factuality']!r} is not one of "
                + ", ".join(f.value for f in Factuality)
            ) from None
    if values.get("country"):
        values["country"] = str(values["country"]).upper()
    if values.get("type"):
        values["type"] = str(values["type"]).upper()
    return AlertRule(name, kind, AlertFilters(**values))


def rules_from_toml(path: Path) -> list[AlertRule]:
    """The rules of a TOML file: one `[[rule]]` table each, with the fields of
    `AlertRule.to_dict`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise AlertRuleError(f"cannot read alert rules from {path}: {error}") from None
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise AlertRuleError(f"{path}: alert rules are [[rule]] tables")
    return [rule_from_dict(t) for t in tables]
