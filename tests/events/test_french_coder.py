"""The French coder on the real French pipeline: the seed's events read natively, and
the French cues of factuality, attribution and roles. Sentences are our own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from harmattan.ingest import ReadOptions, read_sources
from harmattan.pipeline import Resources, extract
from harmattan.records import Article, DocumentRecord, Event, Factuality

REPO = Path(__file__).resolve().parents[2]
FRENCH_SEED = REPO / "eval" / "data" / "french" / "seed-niger-2023-11-07-fr.txt"
DAY = dt.date(2023, 11, 7)


def _code(resources: Resources, text: str, published: dt.date = DAY) -> list[Event]:
    record = extract(Article("fr-test", published, text, language="fr"), resources)
    return list(record.events)


def _summary(event: Event) -> tuple[str, str, tuple[str | None, ...], tuple[str | None, ...]]:
    return (
        event.type,
        event.factuality.value,
        tuple(p.actor.country for p in event.actors),
        tuple(p.actor.country for p in event.recipients),
    )


@pytest.fixture(scope="module")
def seed(resources: Resources) -> DocumentRecord:
    (article,) = [
        item
        for item in read_sources([str(FRENCH_SEED)], ReadOptions())
        if isinstance(item, Article)
    ]
    return extract(article, resources)


def test_a_french_seed_is_read_as_french(seed: DocumentRecord) -> None:
    assert seed.article.language == "fr"
    assert seed.article.published == DAY


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        ("fixe un ultimatum", ("REQUEST", "asserted", ("IGO",), ("NER",))),
        # "du groupe de mercenaires russe Wagner": the gold accepts Wagner or Russia.
        ("sollicité", ("REQUEST", "asserted", ("NER",), ("RUS",))),
        ("désigné", ("SANCTION", "asserted", ("USA",), ("IMG",))),
        ("entré", ("MOBILIZE", "historical", ("IMG",), ("MLI",))),
        ("éviction", ("RETREAT", "historical", ("FRA",), ("MLI",))),
        ("reçu", ("AID", "asserted", ("USA",), ("NER",))),
        ("intervention", ("ASSAULT", "hypothetical", ("IGO",), ("NER",))),
        ("armer", ("MOBILIZE", "hypothetical", ("NER",), (None,))),
        ("sanctions", ("SANCTION", "asserted", ("IGO",), ("NER",))),
        ("préoccupées", ("ACCUSE", "asserted", ("NGO",), ("IGO",))),
    ],
)
def test_the_french_seed_gives_the_english_seeds_events(
    seed: DocumentRecord,
    trigger: str,
    expected: tuple[str, str, tuple[str | None, ...], tuple[str | None, ...]],
) -> None:
    coded = [_summary(e) for e in seed.events if e.trigger.text == trigger]
    assert expected in coded, coded


def test_wagner_entering_mali_last_year_is_dated_2022(seed: DocumentRecord) -> None:
    (entered,) = [e for e in seed.events if e.trigger.text == "entré"]
    assert (entered.date.start, entered.date.end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert entered.date.timex is not None
    assert entered.date.timex.text == "l'année dernière"


def test_no_russian_event_is_asserted_from_nothing_proves(seed: DocumentRecord) -> None:
    assert not [
        e
        for e in seed.events
        if e.factuality is Factuality.ASSERTED and "RUS" in {p.actor.country for p in e.actors}
    ]


def test_every_french_event_has_evidence_offsets(seed: DocumentRecord) -> None:
    text = seed.article.text
    for event in seed.events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for party in (*event.actors, *event.recipients):
            assert text[party.start : party.end] == party.text


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        ("L'armée malienne n'a pas attaqué le village de Moura.", "attaqué", "negated"),
        ("La junte a démenti avoir arrêté des journalistes.", "arrêté", "negated"),
        ("La CEDEAO pourrait sanctionner la junte nigérienne.", "sanctionner", "hypothetical"),
        ("Si la CEDEAO attaque le Niger, le Mali réagira.", "attaque", "hypothetical"),
        ("La France prévoit de retirer ses soldats du Niger.", "retirer", "future"),
        ("La police a arrêté trois opposants à Niamey mardi.", "arrêté", "asserted"),
    ],
)
def test_french_cues_set_factuality(
    resources: Resources, text: str, trigger: str, factuality: str
) -> None:
    events = [e for e in _code(resources, text) if e.trigger.text.endswith(trigger)]
    assert [e.factuality.value for e in events] == [factuality]


def test_selon_attributes_the_event_to_its_source(resources: Resources) -> None:
    (event,) = _code(resources, "Selon la CEDEAO, des soldats nigériens ont arrêté un ministre.")
    assert event.type == "COERCE"
    assert event.attribution is not None
    assert event.attribution.text == "la CEDEAO"
    assert event.attribution.actor is not None
    assert event.attribution.actor.country == "IGO"


def test_a_passive_agent_is_the_actor(resources: Resources) -> None:
    events = _code(resources, "De nouvelles sanctions ont été imposées par la CEDEAO au Niger.")
    assert ("SANCTION", "asserted", ("IGO",), ("NER",)) in [_summary(e) for e in events]


def test_a_demand_folds_what_it_demands(resources: Resources) -> None:
    events = _code(resources, "La CEDEAO exige la libération du président Mohamed Bazoum.")
    assert [(e.type, e.mode) for e in events] == [("REQUEST", "yield")]


def test_a_withdrawal_leaves_the_country_named_before_it(resources: Resources) -> None:
    text = "Au Mali, la junte a obtenu le retrait des soldats français en 2022."
    events = [e for e in _code(resources, text) if e.type == "RETREAT"]
    assert [(_summary(e)[2], _summary(e)[3]) for e in events] == [(("FRA",), ("MLI",))]
