"""Factuality on the real parse: negation, modality, futurity and background, with scope."""

from __future__ import annotations

import pytest

from harmattan.pipeline import Resources, extract
from tests.factories import article

CASES = [
    ("ECOWAS imposed sanctions on Niger on Sunday.", "SANCTION", "asserted"),
    ("Senegal has not sent troops to Niger.", "MOBILIZE", "negated"),
    ("Nigeria never cut electricity supplies to Niger.", "COERCE", "negated"),
    ("The junta denied that it had asked Wagner for help.", "REQUEST", "negated"),
    ("ECOWAS could impose more sanctions on Niger.", "SANCTION", "hypothetical"),
    ("If talks fail, ECOWAS might attack Niger.", "ASSAULT", "hypothetical"),
    (
        "The possibility of an ECOWAS intervention in Niger worries Algeria.",
        "ASSAULT",
        "hypothetical",
    ),
    ("France will withdraw its troops from Niger by December.", "RETREAT", "future"),
    ("France plans to withdraw its troops from Niger.", "RETREAT", "future"),
    (
        "When Wagner entered Mali in 2021, France withdrew its troops from Mali.",
        "RETREAT",
        "historical",
    ),
]


@pytest.mark.parametrize(("text", "type_name", "expected"), CASES, ids=[c[0] for c in CASES])
def test_factuality_of_event(
    text: str, type_name: str, expected: str, resources: Resources
) -> None:
    events = extract(article(text, "2023-08-10"), resources).events
    matching = [e for e in events if e.type == type_name]
    assert matching, [(e.type, e.factuality.value) for e in events]
    assert matching[0].factuality.value == expected


def test_factuality_negation_stays_in_its_clause(resources: Resources) -> None:
    text = (
        "There is no evidence that Russia backed the coup, but ECOWAS imposed sanctions on Niger."
    )
    events = extract(article(text), resources).events
    sanctions = [e for e in events if e.type == "SANCTION"]
    assert [e.factuality.value for e in sanctions] == ["asserted"]
    assert not [
        e
        for e in events
        if e.factuality.value == "asserted" and any(p.actor.country == "RUS" for p in e.actors)
    ]
