"""Alert rules read from the command line's fields and TOML, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmattan.alerts.rules import AlertRuleError, rule_from_dict, rules_from_toml
from harmattan.records import AlertKind, Factuality


def test_a_rule_keeps_its_filters_in_canonical_form() -> None:
    rule = rule_from_dict(
        {"name": "ner-assault", "kind": "match", "country": "ner", "type": "assault",
         "factuality": "asserted", "min_sources": 2}
    )  # fmt: skip
    assert rule.kind is AlertKind.MATCH
    assert (rule.filters.country, rule.filters.type) == ("NER", "ASSAULT")
    assert rule.filters.factuality is Factuality.ASSERTED
    assert rule_from_dict(rule.to_dict()) == rule


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"name": "x", "kind": "sometimes"}, "kind 'sometimes' is not one of match"),
        ({"name": "bad name!", "kind": "match"}, "is not allowed"),
        ({"name": "jump", "kind": "escalation", "actor": "x"}, "needs --country, or --actor"),
        ({"name": "x", "kind": "match", "colour": "red"}, "unknown field(s) colour"),
        ({"name": "x", "kind": "match", "factuality": "likely"}, "factuality 'likely'"),
        ({"name": "x", "kind": "match", "min_score": 2, "max_score": -2}, "is above"),
    ],
)
def test_a_rule_that_makes_no_sense_is_refused_saying_why(fields: dict, says: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(AlertRuleError, match=None) as raised:
        rule_from_dict(fields)
    assert says in str(raised.value)


def test_rules_import_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[rule]]\nname = "ultimatums"\nkind = "deadline"\n\n'
        '[[rule]]\nname = "niger-violence"\nkind = "escalation"\ncountry = "NER"\nmin_count = 4\n',
        encoding="utf-8",
    )
    rules = rules_from_toml(path)
    assert [(r.name, r.kind) for r in rules] == [
        ("ultimatums", AlertKind.DEADLINE),
        ("niger-violence", AlertKind.ESCALATION),
    ]
    assert rules[1].filters.min_count == 4
    path.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(AlertRuleError, match="cannot read alert rules"):
        rules_from_toml(path)
